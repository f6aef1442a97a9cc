// The line editor in a real pseudo-terminal: editor-driver.ts reads lines with LineEditor and
// echoes them as got:"...". Keys are sent as a terminal sends them; results are checked on the
// echoed line and on the emulated screen (cursor position, wrapping, wide characters).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startPty, type PtySession } from "../pty/harness.ts";
import { parseHistoryText } from "../../src/interactive/history.ts";

const DRIVER = path.resolve(__dirname, "editor-driver.ts");
let dir: string;
let t: PtySession | undefined;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipsh-editor-"));
});
afterEach(async () => {
  await t?.close();
  t = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(
  opts: {
    cols?: number;
    rows?: number;
    prompt?: string;
    histfile?: string;
    ready?: RegExp | string;
    outFd?: number;
    initial?: string;
    mode?: "emacs" | "vi";
  } = {},
) {
  t = await startPty([process.execPath, DRIVER], {
    cols: opts.cols ?? 40,
    rows: opts.rows ?? 12,
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      TERM: "xterm-256color",
      PROMPT: opts.prompt ?? "> ",
      HISTFILE: opts.histfile,
      EDITOR_OUTFD: String(opts.outFd ?? 1),
      INITIAL: opts.initial,
      EDITING_MODE: opts.mode,
    },
  });
  await t.waitFor(opts.ready ?? "> ");
  return t;
}

/** Sends keys and returns the line the editor accepted after a final Enter. */
async function line(s: PtySession, keys: string): Promise<string> {
  s.write(keys + "\r");
  const m = await s.waitFor(/got:("(?:[^"\\]|\\.)*")/);
  await s.waitFor("> ");
  return JSON.parse(m[1]!);
}

describe("line editor in a PTY", () => {
  it("inserts, moves and deletes with emacs keys", async () => {
    const s = await start();
    expect(await line(s, "world\x01hello \x05!")).toBe("hello world!");
    expect(await line(s, "abcd\x1b[D\x1b[D\x7f")).toBe("acd");
    expect(await line(s, "abcd\x1b[H\x1b[3~\x06\x04")).toBe("bd");
    expect(await line(s, "abc\x02\x02\x1b[C\x08")).toBe("ac");
    expect(await line(s, "ab\x14")).toBe("ba");
    expect(await line(s, "xaby\x02\x02\x14")).toBe("xbay");
  });

  it("moves by words and kills into a ring", async () => {
    const s = await start();
    expect(await line(s, "one two three\x1bb\x1bb\x0b\x05\x19")).toBe("one two three");
    expect(await line(s, "one two three\x17\x17X\x19")).toBe("one Xtwo three");
    expect(await line(s, "alpha beta\x15gamma \x19")).toBe("gamma alpha beta");
    expect(await line(s, "a b c\x1b[1;5D\x1b[1;5D\x1bd\x1bf Z")).toBe("a  c Z");
    // Yank-pop cycles to the previous kill.
    expect(await line(s, "first\x15second\x15\x19\x1by")).toBe("first");
    expect(await line(s, "foo bar\x1b\x7f\x1b\x7fqux")).toBe("qux");
  });

  it("walks the history with Up/Down and keeps the line being typed", async () => {
    const s = await start();
    await line(s, "echo one");
    await line(s, "echo two");
    expect(await line(s, "\x1b[A\x1b[A")).toBe("echo one");
    expect(await line(s, "draft\x1b[A\x1b[A\x1b[B\x1b[B")).toBe("draft");
    expect(await line(s, "\x10 edited")).toBe("draft edited");
    expect(await line(s, "\x1b.")).toBe("edited");
  });

  it("searches backwards incrementally with Ctrl-R", async () => {
    const s = await start();
    await line(s, "make build");
    await line(s, "git status");
    await line(s, "make test");
    s.write("\x12mak");
    await s.waitForScreen(/\(reverse-i-search\)`mak': make test/);
    s.write("\x12");
    await s.waitForScreen(/`mak': make build/);
    s.write("\x12xyz");
    await s.waitForScreen(/failed reverse-i-search/);
    // Backspace undoes the search steps one by one (x, y, z, then the failed Ctrl-R).
    s.write("\x7f\x7f\x7f\x7f");
    await s.waitForScreen(/^\(reverse-i-search\)`mak': make build/m);
    // Enter accepts the match.
    expect(await line(s, "")).toBe("make build");
    // A movement key ends the search and edits the match; Ctrl-G restores the original line.
    expect(await line(s, "\x12stat\x1b[F --short")).toBe("git status --short");
    expect(await line(s, "typed\x12git\x07")).toBe("typed");
  });

  it("completes file names: common prefix, listing on the second Tab, quoting", async () => {
    fs.writeFileSync(path.join(dir, "alpha.txt"), "");
    fs.mkdirSync(path.join(dir, "alpine"));
    fs.writeFileSync(path.join(dir, "alpine", "inner"), "");
    fs.writeFileSync(path.join(dir, "beta file"), "");
    fs.writeFileSync(path.join(dir, "it's"), "");
    const s = await start({ cols: 60 });
    s.write("cat al\t");
    await s.waitForScreen(/> cat alp$/m);
    s.write("\t");
    await s.waitForScreen(/alpha\.txt +alpine\/\n> cat alp/);
    expect(await line(s, "i\t\t")).toBe("cat alpine/inner ");
    expect(await line(s, "ls be\t")).toBe("ls beta\\ file ");
    expect(await line(s, "ls 'be\t")).toBe("ls 'beta file' ");
    expect(await line(s, "ls it\t")).toBe("ls it\\'s ");
    expect(await line(s, "ex\t")).toBe("ex");
    expect(await line(s, "exi\t")).toBe("exit ");
    expect(await line(s, "echo $HO\t")).toBe("echo $HOME/");
  });

  it("asks before listing more than 100 completions", async () => {
    for (let i = 0; i < 120; i++) fs.writeFileSync(path.join(dir, `f${String(i).padStart(3, "0")}`), "");
    const s = await start({ cols: 80, rows: 40 });
    s.write("ls f\t\t");
    await s.waitFor("Display all 120 possibilities? (y or n)");
    s.write("n");
    await s.waitForScreen(/\(y or n\)\n> ls f$/m);
    s.write("\t\t");
    await s.waitFor("Display all 120 possibilities? (y or n)");
    s.write("y");
    await s.waitForScreen(/f000 +f0\d\d [\s\S]*f119[\s\S]*\n> ls f$/);
    expect(await line(s, "\x15")).toBe("");
  });

  it("inserts a bracketed paste with newlines without accepting it", async () => {
    const s = await start();
    s.write("\x1b[200~line1\rline2\x1b[201~");
    await s.waitForScreen(/line2$/m);
    expect(s.output).not.toMatch(/got:/);
    expect(await line(s, " end")).toBe("line1\nline2 end");
  });

  it("keeps the cursor right with wide and combining characters", async () => {
    const s = await start();
    s.write("日本語");
    await s.waitForScreen(/> 日本語/);
    await s.waitForScreen((p) => p.cursor().col === 8);
    s.write("\x1b[D");
    await s.waitForScreen((p) => p.cursor().col === 6);
    s.write("e\u0301");
    await s.waitForScreen((p) => p.cursor().col === 7);
    s.write("\x1b[D");
    await s.waitForScreen((p) => p.cursor().col === 6);
    // Ctrl-D deletes the base character together with its combining mark.
    expect(await line(s, "\x04")).toBe("日本語");
    expect(await line(s, "a😀b\x02\x02\x7f")).toBe("😀b");
  });

  it("wraps long lines over several rows and moves across them", async () => {
    const s = await start({ cols: 20 });
    const text = "0123456789".repeat(4); // 2 + 40 columns: rows 0..2
    s.write(text);
    await s.waitForScreen((p) => p.cursor().row === 2 && p.cursor().col === 2);
    expect(s.lines().slice(0, 3)).toEqual(["> 012345678901234567", "89012345678901234567", "89"]);
    s.write("\x01");
    await s.waitForScreen((p) => p.cursor().row === 0 && p.cursor().col === 2);
    s.write("X");
    await s.waitForScreen(/^> X01234567890123456$/m);
    s.write("\x05");
    await s.waitForScreen((p) => p.cursor().row === 2 && p.cursor().col === 3);
    expect(await line(s, "")).toBe("X" + text);
    // A wide character that does not fit at the right margin moves to the next row.
    s.write("abcdefghijklmnopq日");
    await s.waitForScreen((p) => p.lines().some((l) => l === "日"));
    await s.waitForScreen((p) => p.cursor().col === 2);
  });

  it("redraws for a new width after SIGWINCH (drawing on fd 2, as the shell does)", async () => {
    const s = await start({ cols: 40, outFd: 2 });
    s.write("0123456789".repeat(3));
    await s.waitForScreen(/> 012345678901234567890123456789$/m);
    s.resize(20, 12);
    // The emulated screen does not reflow; the editor's redraw alone must produce the new layout.
    await s.waitForScreen((p) => p.lines()[0] === "> 012345678901234567" && p.lines()[1] === "890123456789");
    s.write("\x1b[D");
    await s.waitForScreen((p) => p.cursor().row === 1 && p.cursor().col === 11);
    expect(await line(s, "")).toBe("0123456789".repeat(3));
  });

  it("Ctrl-C cancels the line, Ctrl-D at an empty line is EOF, and the terminal is cooked between lines", async () => {
    const s = await start();
    s.write("some text\x03");
    await s.waitFor(/some text\^C\r+\n/);
    await s.waitFor("interrupted");
    s.write("!stty\r");
    const m = await s.waitFor(/modes:(\S*)/);
    await s.waitFor("> ");
    expect(m[1]!.split(",").sort()).toEqual(["echo", "icanon", "icrnl", "isig", "opost"]);
    s.write("ab\x04\x04\x01\x04\x04");
    await s.waitForScreen((p) => p.cursor().col === 2);
    s.write("\x04");
    await s.waitFor("eof");
    expect(await s.waitExit()).toBe(0);
  });

  it("loads and appends the history file", async () => {
    const hf = path.join(dir, "hist");
    fs.writeFileSync(hf, "from file\n");
    const s = await start({ histfile: hf });
    expect(await line(s, "\x1b[A")).toBe("from file");
    await line(s, "new line");
    expect(parseHistoryText(fs.readFileSync(hf, "utf8")).map((e) => e.line)).toEqual(["from file", "from file", "new line"]);
  });

  it("edits in vi mode: ESC steps back onto the last character, cw, history with k, / search", async () => {
    const s = await start({ mode: "vi" });
    s.write("hello world\x1b");
    await s.waitForScreen((p) => p.cursor().col === 12);
    s.write("b");
    await s.waitForScreen((p) => p.cursor().col === 8);
    expect(await line(s, "cwthere\x1b0x")).toBe("ello there");
    // k shows the line before with the cursor at its start; 2l moves on it; A appends.
    s.write("\x1bk");
    await s.waitForScreen((p) => p.lines()[p.cursor().row] === "> ello there" && p.cursor().col === 2);
    expect(await line(s, "2lrLA!")).toBe("elLo there!");
    // / shows its text after the prompt; Enter brings the line found, cursor at its start.
    s.write("\x1b/ello t");
    await s.waitForScreen((p) => p.lines()[p.cursor().row] === "> /ello t" && p.cursor().col === 9);
    s.write("\r");
    await s.waitForScreen((p) => p.lines()[p.cursor().row] === "> ello there" && p.cursor().col === 2);
    expect(await line(s, "dw")).toBe("there");
  });

  it("undoes typed runs, kills and pastes with Ctrl-_", async () => {
    const s = await start();
    expect(await line(s, "hello world\x17\x1f")).toBe("hello world");
    expect(await line(s, "abc\x1f")).toBe("");
    expect(await line(s, "keep \x1b[200~pasted\x1b[201~\x1f")).toBe("keep ");
    expect(await line(s, "x\x1f\x1f")).toBe("");
  });

  it("leaves \\[...\\] marked escape sequences and a multi-line prompt out of the cursor column", async () => {
    const prompt = "\x01\x1b[1;32m\x02top line\n\x01\x1b[0m\x02$ ";
    const s = await start({ prompt, ready: "$ ", cols: 20 });
    s.write("abc");
    await s.waitForScreen((p) => p.cursor().col === 5);
    const row = s.cursor().row;
    expect(s.lines()[row - 1]).toBe("top line");
    s.write("\x01");
    await s.waitForScreen((p) => p.cursor().col === 2 && p.cursor().row === row);
    // Redraws (here: an insertion before the end) keep the prompt on its two rows.
    s.write("X");
    await s.waitForScreen(/top line\n\$ Xabc/);
    s.write("\x050123456789012345");
    // "$ Xabc" + 16 characters = 22 columns: the line wraps once, the prompt's first row stays.
    await s.waitForScreen((p) => p.cursor().row === row + 1 && p.cursor().col === 2);
    expect(s.lines()[row - 1]).toBe("top line");
  });

  it("starts from initial text when given one (read -e -i)", async () => {
    const s = await start({ initial: "pre" });
    await s.waitForScreen(/> pre$/m);
    expect(await line(s, "\x01X")).toBe("Xpre");
  });

  it("redraws a line taller than the screen without walking off the top", async () => {
    const s = await start({ cols: 10, rows: 4 });
    s.write("0123456789".repeat(6));
    await s.waitForScreen((p) => p.cursor().row === 3 && p.cursor().col === 2);
    s.write("\x7f");
    await s.waitForScreen((p) => p.lines()[3] === "8" && p.cursor().col === 1);
    expect(s.lines()).toEqual(["8901234567", "8901234567", "8901234567", "8"]);
    expect(await line(s, "")).toBe("0123456789".repeat(6).slice(0, -1));
  });

  it("keeps type-ahead after an accepted line for the next one", async () => {
    const s = await start();
    s.write("first\rsecond\r");
    await s.waitFor('got:"first"');
    await s.waitFor('got:"second"');
  });
});
