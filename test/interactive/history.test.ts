// The history list and file: HISTCONTROL/HISTIGNORE filtering, HISTSIZE numbering, the file format
// (timestamps, multi-line entries), trimming to HISTFILESIZE, and concurrent appends by two shells.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { History, parseHistoryText } from "../../src/interactive/history.ts";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipsh-hist-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function make(vars: Record<string, string | undefined>) {
  return new History({ lookup: (n) => vars[n] });
}
/** The entries in a history file, as a shell loading it sees them. */
const lines = (f: string) => parseHistoryText(fs.readFileSync(f, "utf8")).map((e) => e.line);

describe("History list", () => {
  it("numbers entries from 1 and keeps numbers when HISTSIZE drops old ones", () => {
    const h = make({ HISTSIZE: "3" });
    for (const l of ["a", "b", "c", "d", "e"]) h.add(l);
    expect(h.entries.map((e) => e.line)).toEqual(["c", "d", "e"]);
    expect(h.base).toBe(3);
    expect(h.line(5)).toBe("e");
    expect(h.line(2)).toBeUndefined();
    expect(h.nextNumber).toBe(6);
  });
  it("HISTCONTROL ignorespace / ignoredups / ignoreboth / erasedups", () => {
    const h = make({ HISTCONTROL: "ignoreboth" });
    h.add("ls");
    expect(h.add("ls")).toBe(false);
    expect(h.add(" secret")).toBe(false);
    h.add("pwd");
    h.add("ls");
    expect(h.entries.map((e) => e.line)).toEqual(["ls", "pwd", "ls"]);
    const e = make({ HISTCONTROL: "erasedups" });
    for (const l of ["a", "b", "a", "c", "a"]) e.add(l);
    expect(e.entries.map((x) => x.line)).toEqual(["b", "c", "a"]);
    const none = make({});
    none.add(" x");
    none.add(" x");
    expect(none.length).toBe(2);
  });
  it("HISTIGNORE patterns and &", () => {
    const h = make({ HISTIGNORE: "ls:cd *:&:[bf]g" });
    for (const l of ["ls", "ls -l", "cd /tmp", "make", "make", "bg", "fg", "jobs"]) h.add(l);
    expect(h.entries.map((e) => e.line)).toEqual(["ls -l", "make", "jobs"]);
  });
  it("does not save empty lines, nor anything with HISTSIZE=0", () => {
    const h = make({});
    expect(h.add("")).toBe(false);
    expect(h.add("   ")).toBe(false);
    expect(make({ HISTSIZE: "0" }).add("x")).toBe(false);
  });
  it("delete renumbers, clear keeps counting", () => {
    const h = make({});
    for (const l of ["a", "b", "c"]) h.add(l);
    expect(h.delete(2)).toBe(true);
    expect(h.line(2)).toBe("c");
    expect(h.delete(9)).toBe(false);
    h.clear();
    expect(h.length).toBe(0);
  });
});

describe("History file", () => {
  it("appends each line at once, creating the file with mode 0600", () => {
    const f = path.join(dir, "hist");
    const h = make({ HISTFILE: f });
    h.add("echo one", 1700000000);
    expect(fs.readFileSync(f, "utf8")).toBe("#1700000000\necho one\n");
    expect(lines(f)).toEqual(["echo one"]);
    h.add("echo two");
    expect(lines(f)).toEqual(["echo one", "echo two"]);
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
  });
  it("loads the file at start-up and trims it to HISTFILESIZE through a rename", () => {
    const f = path.join(dir, "hist");
    fs.writeFileSync(f, "1\n2\n3\n4\n5\n6\n", { mode: 0o600 });
    const ino = fs.statSync(f).ino;
    const h = make({ HISTFILE: f, HISTFILESIZE: "4", HISTSIZE: "500" });
    h.load();
    expect(h.entries.map((e) => e.line)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(lines(f)).toEqual(["3", "4", "5", "6"]);
    expect(fs.statSync(f).ino).not.toBe(ino);
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    // Appends let the file grow a little past HISTFILESIZE (16 entries here) before cutting it
    // back, so a full file is not rewritten for every command.
    h.add("7");
    expect(lines(f)).toEqual(["3", "4", "5", "6", "7"]);
    for (let i = 8; i <= 20; i++) h.add(String(i));
    expect(lines(f).length).toBe(18);
    h.add("21");
    expect(lines(f).length).toBe(19);
    h.add("22");
    h.add("23");
    expect(lines(f)).toEqual(["20", "21", "22", "23"]);
    expect(fs.readdirSync(dir)).toEqual(["hist"]);
  });
  it("writes timestamps and reassembles multi-line entries; plain lines before stamps stay single", () => {
    const f = path.join(dir, "hist");
    const h = make({ HISTFILE: f, HISTTIMEFORMAT: "%F " });
    h.add("for i in 1 2\ndo echo $i\ndone", 1700000000);
    h.add("ls", 1700000001);
    expect(fs.readFileSync(f, "utf8")).toBe("#1700000000\nfor i in 1 2\ndo echo $i\ndone\n#1700000001\nls\n");
    const g = make({ HISTFILE: f });
    g.load();
    expect(g.entries).toEqual([
      { line: "for i in 1 2\ndo echo $i\ndone", time: 1700000000 },
      { line: "ls", time: 1700000001 },
    ]);
    expect(parseHistoryText("a\nb\n").map((e) => e.line)).toEqual(["a", "b"]);
    expect(parseHistoryText("a\nb\n#5\nc\nd\n#6\ne\n").map((e) => e.line)).toEqual(["a", "b", "c\nd", "e"]);
  });
  it("a multi-line command comes back as one entry, also without HISTTIMEFORMAT and after trimming", () => {
    const f = path.join(dir, "hist");
    const vars: Record<string, string> = { HISTFILE: f, HISTFILESIZE: "2" };
    const h = make(vars);
    h.add("if true\nthen echo y\nfi");
    h.add("ls");
    h.add("while false\ndo :\ndone");
    const g = make(vars);
    g.load();
    expect(g.entries.map((e) => e.line)).toEqual(["if true\nthen echo y\nfi", "ls", "while false\ndo :\ndone"]);
    // Loading cuts the file to HISTFILESIZE entries, keeping entries whole.
    expect(lines(f)).toEqual(["ls", "while false\ndo :\ndone"]);
  });
  it("-w rewrites, -r reads, -n reads only what others appended", () => {

    const f = path.join(dir, "hist");
    const a = make({ HISTFILE: f });
    const b = make({ HISTFILE: f });
    a.load();
    b.load();
    a.add("from a");
    b.add("from b");
    a.readNew();
    expect(a.entries.map((e) => e.line)).toEqual(["from a", "from b"]);
    const other = path.join(dir, "other");
    expect(a.writeFile(other)).toBe(true);
    expect(lines(other)).toEqual(["from a", "from b"]);
    const c = make({});
    c.readFile(other);
    expect(c.entries.map((e) => e.line)).toEqual(["from a", "from b"]);
  });
  it("two shells appending to one file at the same time lose nothing and never interleave", async () => {
    const f = path.join(dir, "hist");
    const mod = path.resolve(__dirname, "../../src/interactive/history.ts");
    const script = (tag: string) =>
      `import { History } from ${JSON.stringify(mod)};
       const h = new History({ lookup: (n) => (n === "HISTFILE" ? ${JSON.stringify(f)} : n === "HISTFILESIZE" ? "100000" : undefined) });
       for (let i = 0; i < 300; i++) h.add("${tag}" + i + " " + "${tag}".repeat(3000));`;
    const bun = process.execPath;
    const procs = ["A", "B"].map((t) => Bun.spawn([bun, "-e", script(t)], { stderr: "pipe" }));
    const codes = await Promise.all(procs.map((p) => p.exited));
    expect(codes).toEqual([0, 0]);
    const got = lines(f);
    expect(got.length).toBe(600);
    for (const l of got) expect(l).toMatch(/^([AB])(\d+) \1{3000}$/);
    for (const t of ["A", "B"]) {
      const nums = got.filter((l) => l[0] === t).map((l) => Number(l.slice(1, l.indexOf(" "))));
      expect(nums).toEqual([...Array(300).keys()]);
    }
  });
});

describe("History numbering when reading more than HISTSIZE", () => {
  it("numbers as bash's history -r does (HISTSIZE=3, 10 lines: 11 cmd9, 12 cmd10)", () => {
    const h = new History({ lookup: (n) => (n === "HISTSIZE" ? "3" : undefined) });
    // bash saved these two lines (history was off while `set -o history` was read).
    h.add("HISTSIZE=3");
    h.add("history -r /tmp/hf");
    const f = path.join(dir, "hf");
    fs.writeFileSync(f, Array.from({ length: 10 }, (_, i) => `cmd${i + 1}`).join("\n") + "\n");
    h.readFile(f);
    h.add("history");
    expect(h.base).toBe(11);
    expect(h.entries.map((e) => e.line)).toEqual(["cmd9", "cmd10", "history"]);
  });
});
