// vi editing mode (`set -o vi`), driven with keys through editor-keys.ts. The expected lines are
// bash 5.2's: each key string was typed into `read -e` of an interactive bash with `set -o vi`
// in a pseudo-terminal (history ": echo one", ": echo two", ": make test"), then Enter.
import { describe, expect, it } from "vitest";
import { editorWithKeys, typeLines } from "./editor-keys.ts";
import { charSearch, column, matchBracket, nextWord, prevWord, unixWordStart, wordEnd } from "../../src/interactive/vi-motion.ts";

const HISTORY = [": echo one", ": echo two", ": make test"];

const BASH: Record<string, [string, string][]> = {
  "motions": [
    ["one two three\x1b0wiX\x1b", "one Xtwo three"],
    ["one two three\x1b02wiX\x1b", "one two Xthree"],
    ["one two three\x1bbiX\x1b", "one two Xthree"],
    ["one two three\x1b2biX\x1b", "one Xtwo three"],
    ["one two three\x1b0eiX\x1b", "onXe two three"],
    ["one two three\x1b02eiX\x1b", "one twXo three"],
    ["a.b c-d\x1b0wiX\x1b", "aX.b c-d"],
    ["a.b c-d\x1b0WiX\x1b", "a.b Xc-d"],
    ["a.b c-d\x1bBiX\x1b", "a.b Xc-d"],
    ["a.b c-d\x1bbiX\x1b", "a.b cX-d"],
    ["a.b c-d\x1b0EiX\x1b", "a.Xb c-d"],
    ["a.b c-d\x1b0eiX\x1b", "aX.b c-d"],
    ["foo(bar) baz\x1b0wwiX\x1b", "foo(Xbar) baz"],
    ["foo(bar) baz\x1bbbiX\x1b", "foo(barX) baz"],
    ["  indented\x1b^iX\x1b", "  Xindented"],
    ["  indented\x1b0iX\x1b", "X  indented"],
    ["abcdef\x1b0$iX\x1b", "abcdeXf"],
    ["abcdef\x1b03liX\x1b", "abcXdef"],
    ["abcdef\x1b3hiX\x1b", "abXcdef"],
    ["abcdef\x1b0 iX\x1b", "aXbcdef"],
    ["abcdef\x1b0fdiX\x1b", "abcXdef"],
    ["abcdef\x1bFbiX\x1b", "aXbcdef"],
    ["abcdef\x1b0tdiX\x1b", "abXcdef"],
    ["abcdef\x1bTbiX\x1b", "abXcdef"],
    ["a.b.c.d\x1b0f.;iX\x1b", "a.bX.c.d"],
    ["a.b.c.d\x1b0f.;,iX\x1b", "aX.b.c.d"],
    ["a.b.c.d\x1b03f.iX\x1b", "a.b.cX.d"],
    ["abc\x1b0fziX\x1b", "Xabc"],
    ["x(a[b]c)y\x1b0%iX\x1b", "x(a[b]cX)y"],
    ["x(a[b]c)y\x1b%iX\x1b", "x(a[b]c)Xy"],
    ["abcdef\x1b3|iX\x1b", "abXcdef"],
    ["abcdef\x1b0lllliX\x1b", "abcdXef"],
    ["abc\x1b0wiX\x1b", "abXc"],
    ["abc\x1blliX\x1b", "abXc"],
  ],
  "insert entry": [
    ["abc\x1b0aX\x1b", "aXbc"],
    ["abc\x1bIX\x1b", "Xabc"],
    ["abc\x1b0AX\x1b", "abcX"],
    ["abc\x1b0iX\x1b", "Xabc"],
    ["abc\x1baX\x1b", "abcX"],
  ],
  "x X r ~": [
    ["abcdef\x1b0x", "bcdef"],
    ["abcdef\x1b03x", "def"],
    ["abcdef\x1bx", "abcde"],
    ["abcdef\x1b10x", "abcde"],
    ["abcdef\x1bX", "abcdf"],
    ["abcdef\x1b3X", "abf"],
    ["abcdef\x1b0rZ", "Zbcdef"],
    ["abcdef\x1b03rZ", "ZZZdef"],
    ["abc\x1b05rZ", "ZZZ"],
    ["abc\x1b0r\x1biX\x1b", "Xabc"],
    ["Hello World\x1b0~~~", "hELlo World"],
    ["Hello World\x1b05~", "hELLO World"],
    ["ab\x1b05~", "Ab"],
    ["a-b\x1b0~~~", "A-B"],
  ],
  "s S C c": [
    ["abcdef\x1b0sX\x1b", "Xbcdef"],
    ["abcdef\x1b03sX\x1b", "Xdef"],
    ["abc def\x1bSX\x1b", "X"],
    ["abc def\x1b0wCX\x1b", "abc X"],
    ["one two three\x1b0cwX\x1b", "X two three"],
    ["one two three\x1b0c2wX\x1b", "X three"],
    ["one two three\x1b0ceX\x1b", "X two three"],
    ["one two three\x1b0cbX\x1b", "Xone two three"],
    ["one two three\x1bcbX\x1b", "one two Xe"],
    ["one two three\x1b0c$X\x1b", "X"],
    ["one two three\x1bc0X\x1b", "Xe"],
    ["one two three\x1b0ccX\x1b", "X"],
    ["one two three\x1b0wctwX\x1b", "one Xwo three"],
    ["one two three\x1b0chX\x1b", "Xone two three"],
    ["a  b\x1b0lcwX\x1b", "aX b"],
    ["one\x1b0cwX\x1b", "X"],
    ["one two\x1b0cWX\x1b", "X two"],
  ],
  "d": [
    ["one two three\x1b0dw", "two three"],
    ["one two three\x1b0wdw", "one three"],
    ["one two three\x1b0wwdw", "one two "],
    ["one two three\x1b0d2w", "three"],
    ["one two three\x1b02d2w", ""],
    ["one two three\x1b0de", " two three"],
    ["one two three\x1bdb", "one two e"],
    ["one two three\x1bd2b", "one e"],
    ["one two three\x1b0wd$", "one "],
    ["one two three\x1b0wd0", "two three"],
    ["one two three\x1b0wD", "one "],
    ["one two three\x1bdd", ""],
    ["one two three\x1b0dfw", "o three"],
    ["one two three\x1b0dtw", "wo three"],
    ["one two three\x1bdFo", "one twe"],
    ["one two three\x1bdTo", "one twoe"],
    ["one two three\x1b0dl", "ne two three"],
    ["one two three\x1bdh", "one two thre"],
    ["one two three\x1b0dh", "one two three"],
    ["a.b c\x1b0dw", ".b c"],
    ["a.b c\x1b0dW", "c"],
    ["x(a)y\x1b0d%", "y"],
    ["  abc\x1bd^", "  c"],
    ["one two three\x1b0dz", "one two three"],
    ["abc\x1b0d\x1bx", "bc"],
  ],
  "y p P": [
    ["one two\x1b0ywP", "one one two"],
    ["one two\x1b0ywp", "oone ne two"],
    ["one two\x1b0yyP", "one twoone two"],
    ["one two\x1b0wy$P", "one twotwo"],
    ["one two\x1b0wYP", "one twotwo"],
    ["one two\x1b0y2wP", "one twoone two"],
    ["one two\x1bybP", "one twtwo"],
    ["one two\x1b0yeP", "oneone two"],
    ["abc\x1b0x3p", "baaac"],
    ["abc\x1b0xP", "abc"],
    ["abc\x1b0xp", "bac"],
    ["one two\x1b0dwwP", "twone o"],
    ["one two three\x1b0dwdwuP", "two two three"],
    ["hello\x1b0ywxxP", "ello"],
  ],
  "undo": [
    ["abc\x1bu", "abc"],
    ["abc\x1b0xu", "abc"],
    ["abc\x1b0xuu", "abc"],
    ["abcd\x1b0xxxuu", "bcd"],
    ["abc def\x1b0cwX\x1bu", "abc def"],
    ["abc\x1bbiX\x1bu", "abc"],
    ["abc\x1biX\x1biY\x1bu", "abXc"],
    ["abc\x1biX\x1biY\x1buu", "abc"],
    ["abc\x1bx\x1fu", "abc"],
    ["one two\x1b0dwP u", "two"],
  ],
  "redo": [
    ["abcdef\x1b0x..", "def"],
    ["abcdef\x1b02x.", "ef"],
    ["abcdef\x1b0x3.", "ef"],
    ["abcdef\x1b0rX..", "Xbcdef"],
    ["abcdef\x1b0rXl.", "XXcdef"],
    ["abcdef\x1b0ix\x1b..", "xxxabcdef"],
    ["one two three\x1b0cwX\x1bw.", "X X three"],
    ["one two three four\x1b0dw.", "three four"],
    ["one two three four five six\x1b0d3w.", ""],
    ["hello\x1b03~.", "HELLo"],
    ["hello world\x1b02~w.", "HEllo WOrld"],
    ["abc\x1b0ax\x1bl.", "axbxc"],
    ["abc\x1bAx\x1b0.", "abcxx"],
    ["abc\x1bIx\x1b$.", "xxabc"],
    ["abc\x1b0yyp.", "aabcabcbc"],
    ["abc def\x1b0wD0.", ""],
    ["abcdef\x1b0sX\x1bl.", "XXcdef"],
    ["abcdef\x1b03iX\x1b", "Xabcdef"],
  ],
  "^W ^U in insert mode": [
    ["echo foo\x17", "echo "],
    ["echo foo \x17", "echo "],
    ["a.b\x17", "a."],
    ["foo..\x17", "foo"],
    ["a b c\x17\x17", "a"],
    ["abc def\x15", ""],
    ["abc def\x1bhi\x15", "ef"],
    ["abc def\x1b0w\x17", "abcdef"],
    ["one two\x1bbi\x17\x1b", "onetwo"],
    ["abc\x08\x08X", "aX"],
    ["abc\x1bi\x08\x08\x1b", "c"],
  ],
  "history and search": [
    ["\x1bkiX\x1b", "X: make test"],
    ["\x1bkkiX\x1b", "X: echo two"],
    ["\x1b2kiX\x1b", "X: echo two"],
    ["\x1bk$iX\x1b", ": make tesXt"],
    ["draft\x1bkjiX\x1b", "drafXt"],
    ["draft\x1b-+iX\x1b", "drafXt"],
    ["\x1bGiX\x1b", "X: echo one"],
    ["\x1b2GiX\x1b", "X: echo two"],
    ["\x1b9GiX\x1b", "X"],
    ["\x1b/one\riX\x1b", "X: echo one"],
    ["\x1b/echo\rnN", ": echo two"],
    ["\x1b/echo\rn", ": echo one"],
    ["\x1b/o\r", ": echo two"],
    ["\x1b/echo\r?make\r", ": make test"],
    ["\x1b/zzz\riQ\x1b", "Q"],
    ["typed\x1b/\riX\x1b", "Xtyped"],
    ["typed\x1bh/zz\x7f\x7f\x7fiQ\x1b", "typQed"],
    ["\x1b/^: m\r", ": make test"],
    ["\x1b/^m\riQ\x1b", "Q"],
    ["\x1b/ech\x17on\r", ": echo one"],
    ["\x1bkk/make\r", ": echo two"],
    ["\x1b/two\rk", ": echo one"],
    ["\x1b/two\rj", ": make test"],
    ["\x1b[A", ": make test"],
    ["\x1b[A\x1b[A", ": echo two"],
    ["abc\x1b[A\x1b[B", "abc"],
  ],
  "comment, misc": [
    ["abc\x1b\x1bx", "ab"],
    ["abc\x1bhZx", "ac"],
    ["abc\x1b0\x1b[CiX\x1b", "aXbc"],
    ["abc\x1b0lhiX\x1b", "Xabc"],
  ],};

/** Typed one after the other into the same bash (the kill ring and `.` carry over). */
const BASH_ONE_SESSION: [string, string][] = [
  ["abc\x1b[D\x1b[DX", "aXbc"],
  ["\x1b[AX", ": make testX"],
  ["\x1b[A\x1b[AX", ": echo twoX"],
  ["abc\x1b0\x1b[3~", "bc"],
  ["abc\x1b\x1b[AiX\x1b", "X: make test"],
  ["ab cd\x1b\x17", "ab d"],
  ["ab cd\x1b0\x0b", ""],
  ["x\x1b\x19\x19", "ab cdab cdx"],
  ["abc\x1b02\x1b[CiX\x1b", "abXc"],
  ["one two three\x1b0dwwP", "two one three"],
  ["abc def\x1b0yw$p", "abc defabc "],
  ["abc\x1b0yl3p", "aaaabc"],
  ["a b\x1b0dWp", "ba "],
  ["abc\x1b0ylx.p", "cb"],
  ["aaa\x1b0rb.", "baa"],
  ["xyz\x1b0i\x1b.", "xyz"],
  ["abc\x1b0~u", "abc"],
  ["abcd\x1b0dlu.", "acd"],
  ["one two\x1b0cwX\x1bu.", "oneXtwo"],
  ["hello\x1b0yy3P", "hellohellohellohello"],
];

describe("vi mode, compared with bash 5.2", () => {
  for (const [group, cases] of Object.entries(BASH)) {
    it(group, async () => {
      for (const [keys, want] of cases) {
        // A search takes an Enter of its own.
        const searches = [...keys].filter((c) => c === "/" || c === "?").length;
        const { type, close } = editorWithKeys({ mode: "vi", history: HISTORY });
        let got = await type(keys + "\r");
        for (let i = 0; i < [...keys].filter((c) => c === "\r").length - searches; i++) got = await type("");
        close();
        expect(got, JSON.stringify(keys)).toBe(want);
      }
    });
  }
});

describe("vi mode, one bash session", () => {
  it("arrows, control keys, puts, undo and redo in sequence", async () => {
    const { type, close } = editorWithKeys({ mode: "vi", history: HISTORY });
    for (const [keys, want] of BASH_ONE_SESSION) expect(await type(keys + "\r"), JSON.stringify(keys)).toBe(want);
    close();
  });
});

describe("vi mode across lines", () => {
  it("each line starts in insert mode; ESC then a letter typed at once are two keys", async () => {
    expect(await typeLines(["ab\x1bhx\r", "cd\r"], { mode: "vi" })).toEqual(["b", "cd"]);
  });
  it("`.` repeats a change made on an earlier line; text typed first on a line is an `i` change", async () => {
    expect(await typeLines(["abcdef\x1b0x\r", "xyz\x1b0.\r"], { mode: "vi" })).toEqual(["bcdef", "yz"]);
    expect(await typeLines(["abc\x1b.\r"], { mode: "vi" })).toEqual(["ababcc"]);
  });
  it("# comments the line out and accepts it", async () => {
    expect(await typeLines(["echo hi\x1b#"], { mode: "vi" })).toEqual(["#echo hi"]);
  });
  it("^D: end of file on an empty line (in both modes), else it accepts the line", async () => {
    expect(await typeLines(["\x04"], { mode: "vi" })).toEqual([null]);
    expect(await typeLines(["\x1b\x04"], { mode: "vi" })).toEqual([null]);
    expect(await typeLines(["ab\x04", "cd\x1b\x04"], { mode: "vi" })).toEqual(["ab", "cd"]);
  });
  it("emacs mode keeps ESC-letter as Meta; in vi mode it is ESC, then the letter", async () => {
    expect(await typeLines(["one two\x1bbX\r"], { mode: "emacs" })).toEqual(["one Xtwo"]);
    expect(await typeLines(["one two\x1bbX\r"], { mode: "vi" })).toEqual(["onetwo"]);
  });
  it("the mode is asked at the start of every line (set -o vi, set -o emacs)", async () => {
    const { type, setMode, close } = editorWithKeys({ mode: "emacs" });
    expect(await type("one two\x1bbX\r")).toBe("one Xtwo");
    setMode("vi");
    expect(await type("one two\x1bbiX\x1b\r")).toBe("one Xtwo");
    setMode("emacs");
    expect(await type("ab\x01X\r")).toBe("Xab");
    close();
  });
  it("kills go to the kill ring that ^Y yanks in insert mode", async () => {
    expect(await typeLines(["one two\x1b0dwA \x19\r"], { mode: "vi" })).toEqual(["two one "]);
  });
  it("^C gives the line up in either mode", async () => {
    const { type, close, editor } = editorWithKeys({ mode: "vi" });
    expect(await type("abc\x1bh\x03")).toBe("");
    expect(editor.interrupted).toBe(true);
    close();
  });
  it("bracketed paste inserts the text in insert mode and `.` inserts it again", async () => {
    expect(await typeLines(["\x1b[200~a b\x1b[201~\x1b.\r"], { mode: "vi" })).toEqual(["a a bb"]);
  });
  it("u takes back a whole change with the text typed in it, U-less undo stops at the first ESC", async () => {
    expect(await typeLines(["one two\x1b0cwONE\x1bwcwTWO\x1bu\r"], { mode: "vi" })).toEqual(["ONE two"]);
    expect(await typeLines(["one\x1buuu\r"], { mode: "vi" })).toEqual(["one"]);
  });
  it("ESC gives a / search up (readline would take it into the text)", async () => {
    expect(await typeLines(["typed\x1b/ech\x1bx\r"], { mode: "vi", history: HISTORY })).toEqual(["type"]);
  });
});

describe("vi motions", () => {
  it("words, ends and character searches", () => {
    expect(nextWord("one two", 0, 1, false)).toBe(4);
    expect(nextWord("a.b c", 0, 1, false)).toBe(1);
    expect(nextWord("a.b c", 0, 1, true)).toBe(4);
    expect(prevWord("one two", 6, 1, false)).toBe(4);
    expect(prevWord(" abc", 3, 1, false)).toBe(0);
    expect(wordEnd("one two", 0, 2, false)).toBe(6);
    expect(charSearch("a.b.c", 0, 2, "f", ".")).toBe(3);
    expect(charSearch("a.b.c", 0, 1, "t", ".")).toBe(0);
    expect(charSearch("a.b.c", 4, 1, "T", ".")).toBe(4);
    expect(charSearch("a.b.c", 0, 1, "f", "z")).toBe(0);
  });
  it("columns, brackets and ^W words over characters wider than one code unit", () => {
    expect(column("a😀b", 3)).toBe(3);
    expect(matchBracket("f(a[b])", 0)).toBe(6);
    expect(matchBracket("f(a", 0)).toBeUndefined();
    expect(unixWordStart("echo foo ", 9)).toBe(5);
    expect(unixWordStart("a.b", 3)).toBe(2);
    expect(nextWord("😀 x", 0, 1, true)).toBe(3);
  });
});
