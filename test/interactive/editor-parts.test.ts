// The line editor's pure parts: layout (wrapping model), cursor stops, the kill ring, the
// incremental search steps and the key decoder.
import { describe, expect, it } from "vitest";
import { formatColumns, layout, moveCursor } from "../../src/interactive/render.ts";
import { nextPos, prevPos, wordEnd, wordStart } from "../../src/interactive/text-motion.ts";
import { KillRing } from "../../src/interactive/kill-ring.ts";
import { IncrementalSearch } from "../../src/interactive/isearch.ts";
import { EMACS_KEYMAP, keyEnd } from "../../src/interactive/keymap.ts";

describe("layout", () => {
  it("ignores \\x01..\\x02 and CSI sequences in the prompt", () => {
    const l = layout("\x01\x1b[1m\x02$\x1b[0m ", "ab", 2, 80);
    expect([l.cursorRow, l.cursorCol, l.endRow, l.endCol]).toEqual([0, 4, 0, 4]);
    expect(l.out).toBe("\x1b[1m$\x1b[0m ab");
  });
  it("text that ends at the margin gets an explicit CR LF; the cursor goes to the next row", () => {
    const l = layout("> ", "abc", 3, 5);
    expect(l.out).toBe("> abc\r\n");
    expect([l.cursorRow, l.cursorCol, l.endRow, l.endCol]).toEqual([1, 0, 1, 0]);
  });
  it("a wide character that does not fit starts the next row", () => {
    const l = layout("> ", "ab日", 2, 5);
    expect(l.out).toBe("> ab\r\n日");
    expect([l.cursorRow, l.cursorCol]).toEqual([1, 0]);
    expect([l.endRow, l.endCol]).toEqual([1, 2]);
  });
  it("controls in caret notation, tabs to the next stop, newlines as new rows", () => {
    expect(layout("", "a\x01b", 3, 80).out).toBe("a^Ab");
    expect(layout("", "a\x01b", 3, 80).cursorCol).toBe(4);
    expect(layout("", "a\tb", 3, 80).cursorCol).toBe(9);
    const l = layout("> ", "x\ny", 3, 80);
    expect([l.cursorRow, l.cursorCol]).toEqual([1, 1]);
    expect(l.out).toBe("> x\r\ny");
  });
  it("a prompt with a newline puts the edit line on its second row", () => {
    const l = layout("top\n$ ", "ab", 1, 80);
    expect([l.cursorRow, l.cursorCol, l.endRow]).toEqual([1, 3, 1]);
  });
  it("moveCursor and formatColumns", () => {
    expect(moveCursor(2, 5, 0, 3)).toBe("\x1b[2A\r\x1b[3C");
    expect(moveCursor(0, 3, 1, 0)).toBe("\x1b[1B\r");
    expect(moveCursor(1, 4, 1, 4)).toBe("");
    expect(formatColumns(["a", "bb", "c", "dd", "e"], 12)).toBe("a   c   e\r\nbb  dd\r\n");
  });
});

describe("cursor stops", () => {
  it("steps over surrogate pairs, combining marks and ZWJ sequences", () => {
    const s = "a😀e\u0301👩\u200d💻b";
    const stops: number[] = [];
    for (let p = 0; p < s.length; p = nextPos(s, p)) stops.push(p);
    expect(stops).toEqual([0, 1, 3, 5, 10]);
    const back: number[] = [];
    for (let p = s.length; p > 0; ) back.push((p = prevPos(s, p)));
    expect(back).toEqual([10, 5, 3, 1, 0]);
  });
  it("words are letters and digits", () => {
    expect(wordStart("foo-bar baz", 7)).toBe(4);
    expect(wordEnd("foo-bar baz", 3)).toBe(7);
    expect(wordEnd("héllo wörld", 0)).toBe(5);
  });
});

describe("kill ring", () => {
  it("accumulates consecutive kills and rotates on yank-pop", () => {
    const k = new KillRing(3);
    k.kill("two", true, false);
    k.kill("one ", true, true);
    k.kill("x", false, false);
    expect(k.yank()).toBe("x");
    expect(k.pop()).toBe("one two");
    expect(k.pop()).toBe("x");
    for (const t of ["a", "b", "c"]) k.kill(t, false, false);
    expect([k.yank(), k.pop(), k.pop(), k.pop()]).toEqual(["c", "b", "a", "c"]);
  });
});

describe("incremental search", () => {
  const lines = ["make build", "git status", "make test"];
  const src = { base: 1, lineOf: (n: number) => (n === 4 ? "" : lines[n - 1]) };
  it("extends, repeats, fails and backs up", () => {
    const s = new IncrementalSearch(src, 4, 0);
    expect(s.extend("m")).toBe(true);
    expect([s.num, s.idx]).toEqual([3, 0]);
    s.extend("ake");
    expect(s.again(undefined)).toBe(true);
    expect([s.num, s.idx, s.prompt()]).toEqual([1, 0, "(reverse-i-search)`make': "]);
    expect(s.again(undefined)).toBe(false);
    expect(s.prompt()).toBe("(failed reverse-i-search)`make': ");
    expect(s.back()).toBe(true);
    expect([s.num, s.failed]).toEqual([1, false]);
    expect(s.extend("z")).toBe(false);
  });
  it("an empty query repeats the previous search", () => {
    const s = new IncrementalSearch(src, 4, 0);
    expect(s.again("stat")).toBe(true);
    expect([s.num, s.idx, s.query]).toEqual([2, 4, "stat"]);
  });
});

describe("keys", () => {
  it("cuts escape sequences, meta keys and code points", () => {
    expect(keyEnd("\x1b[A rest", 0)).toBe(3);
    expect(keyEnd("\x1b[1;5D", 0)).toBe(6);
    expect(keyEnd("\x1b[200~x", 0)).toBe(6);
    expect(keyEnd("\x1bOH", 0)).toBe(3);
    expect(keyEnd("\x1bb", 0)).toBe(2);
    expect(keyEnd("\x1b[1;", 0)).toBe(-1);
    expect(keyEnd("\x1b", 0)).toBe(-1);
    expect(keyEnd("😀", 0)).toBe(2);
  });
  it("binds the emacs keys the brief lists", () => {
    const want: Record<string, string> = {
      "\x01": "beginning-of-line", "\x05": "end-of-line", "\x02": "backward-char", "\x06": "forward-char",
      "\x1bb": "backward-word", "\x1bf": "forward-word", "\x0b": "kill-line", "\x15": "unix-line-discard",
      "\x17": "unix-word-rubout", "\x19": "yank", "\x0c": "clear-screen", "\x14": "transpose-chars",
      "\x04": "delete-char", "\x7f": "backward-delete-char", "\x1b[3~": "delete-char",
      "\x12": "reverse-search-history", "\x1b[A": "previous-history", "\x1b[B": "next-history",
      "\t": "complete", "\x1b[H": "beginning-of-line", "\x1b[F": "end-of-line", "\r": "accept-line",
    };
    for (const [k, v] of Object.entries(want)) expect(EMACS_KEYMAP.get(k), JSON.stringify(k)).toBe(v);
  });
});
