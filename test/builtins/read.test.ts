// read: splitting, escapes, options and EOF/timeout statuses compared with bash; input comes
// from real fds (a regular file, read by blocks and given back with lseek; a FIFO, read bytewise).
import { describe, expect, it, afterAll } from "vitest";
import { closeSync, mkdtempSync, openSync, readSync, writeFileSync, writeSync, constants } from "node:fs";
import { tmpdir } from "node:os";
import { readBuiltin } from "../../builtins/read.ts";
import { bash, fakeShell, run, type FakeShell } from "./fake-sh.ts";

const dir = mkdtempSync(tmpdir() + "/ipsh-read-");
const opened: number[] = [];
afterAll(() => opened.forEach((fd) => closeSync(fd)));

function fileInput(data: string | Uint8Array): number {
  const p = `${dir}/in${opened.length}`;
  writeFileSync(p, data);
  const fd = openSync(p, "r");
  opened.push(fd);
  return fd;
}

/** A pipe (FIFO) holding data whose writer has gone: the reader sees the data, then EOF. */
function closedPipe(data: string): number {
  const p = `${dir}/fifo${opened.length}`;
  Bun.spawnSync(["mkfifo", p]);
  const fd = openSync(p, constants.O_RDONLY | constants.O_NONBLOCK);
  opened.push(fd);
  const w = openSync(p, constants.O_WRONLY);
  writeSync(w, data);
  closeSync(w);
  return fd;
}

/** A FIFO opened read-write (so opening does not block), pre-filled with data; never at EOF. */
function pipeInput(data: string): { fd: number } {
  const p = `${dir}/fifo${opened.length}`;
  Bun.spawnSync(["mkfifo", p]);
  const fd = openSync(p, constants.O_RDWR);
  opened.push(fd);
  writeSync(fd, data);
  return { fd };
}

const q = (a: string) => "'" + a.replaceAll("'", "'\\''") + "'";

function shWith(fd: number, ifs?: string): FakeShell {
  const sh = fakeShell();
  sh.fdmap.set(0, fd);
  if (ifs !== undefined) sh.vars.set("IFS", ifs);
  return sh;
}

/** [v1][v2]... st=N for the names, as the bash side prints it. */
function show(sh: FakeShell, names: string[], status: number): string {
  return names.map((n) => `[${sh.vars.get(n) ?? ""}]`).join("") + ` st=${status}`;
}

type Case = [input: string, ifs: string | undefined, args: string[]];
const CASES: Case[] = [
  ["a:b:\n", ":", ["x", "y"]],
  ["a:b:c:\n", ":", ["x", "y"]],
  ["a:\n", ":", ["x"]],
  ["a::\n", ":", ["x"]],
  ["  a  b  \n", undefined, ["x"]],
  ["  a  b  \n", undefined, ["x", "y"]],
  ["  a  b  \n", undefined, ["x", "y", "z"]],
  ["  a  b  \n", undefined, []],
  ["a b", undefined, ["x"]],
  ["", undefined, ["x"]],
  ["a\\ b c\n", undefined, ["x", "y"]],
  ["a\\ b c\n", undefined, ["-r", "x", "y"]],
  ["a\\\nb c\n", undefined, ["x", "y"]],
  ["a : b : c\n", " :", ["x", "y"]],
  ["a : b : c : \n", " :", ["x", "y", "z", "w"]],
  ["::a\n", ":", ["x", "y"]],
  ["a b c\n", "", ["x", "y"]],
  ["abc\n", undefined, ["-n", "2", "x"]],
  ["a\nbc\n", undefined, ["-n", "2", "x"]],
  ["a b\nc", undefined, ["-N", "4", "x", "y"]],
  ["a;b;c\n", undefined, ["-d", ";", "x"]],
  ["a\\;b;c\n", undefined, ["-d", ";", "x"]],
  ["ab\n", undefined, ["-d", "", "x"]],
  ["a\0b\n", undefined, ["x"]],
  ["a\\", undefined, ["x"]],
  ["\\\n", undefined, ["x"]],
  ["a\\bcd", undefined, ["-n", "2", "x"]],
  ["é1\n", undefined, ["-n", "1", "x"]],
  ["\\ a\n", undefined, ["x"]],
  ["a b \\ \n", undefined, ["x"]],
  ["a\tb\n", "", ["-r", "x"]],
  ["one two three\nnext\n", undefined, ["-rs", "x"]],
  ["a\t\tb\n", "\t", ["x", "y", "z"]],
  ["a,,b\n", ",", ["x", "y", "z"]],
  ["a , b\n", ", ", ["x", "y"]],
  ["a,b,c,\n", ",", ["x", "y"]],
  ["a,b,\n", ",", ["x", "y"]],
  [",\n", ",", ["x", "y"]],
  ["a\\\\b c\n", undefined, ["x", "y"]],
  ["a\\,b,c\n", ",", ["x", "y"]],
  ["  lead\n", "", []],
  ["  lead  \n", " ", ["x"]],
  ["x\n", undefined, ["-d", "x", "v"]],
  ["abcdef", undefined, ["-N", "3", "v"]],
  ["a\nb", undefined, ["-N", "3", "v"]],
  ["ab\\\ncd\n", undefined, ["-n", "4", "v"]],
];

describe("read matches bash", () => {
  for (const [input, ifs, args] of CASES) {
    const names = args.filter((a, i) => /^[a-z]$/.test(a) && !/^-[nNd]$/.test(args[i - 1] ?? ""));
    const shown = names.length ? names : ["REPLY"];
    const script =
      (ifs === undefined ? "" : `IFS=${q(ifs)}; `) +
      `read ${args.map(q).join(" ")}; st=$?; printf '%s' ${shown.map((n) => `"[$${n}]"`).join(" ")}; echo " st=$st"; cat`;
    for (const kind of ["file", "pipe"] as const) {
      it(`${kind} ${JSON.stringify(input)} IFS=${JSON.stringify(ifs)} ${args.join(" ")}`, () => {
        const b = bash(script, input);
        const fd = kind === "file" ? fileInput(input) : closedPipe(input);
        const sh = shWith(fd, ifs);
        const r = run(readBuiltin, args, sh);
        // what is left must be exactly what bash left for `cat`
        const buf = Buffer.alloc(4096);
        let n = 0;
        try {
          n = readSync(fd, buf);
        } catch {}
        const rest = buf.subarray(0, n).toString("utf8");
        expect(show(sh, shown, r.status) + "\n" + rest.replaceAll("\0", "")).toBe(b.out);
      });
    }
  }
});

describe("read options and errors", () => {
  it("-a splits into an array", () => {
    const sh = shWith(fileInput("  x y  z \n"));
    expect(run(readBuiltin, ["-a", "arr"], sh).status).toBe(0);
    expect(sh.vars.getValues("arr")).toEqual(["x", "y", "z"]);
  });
  it("usage errors like bash", () => {
    const sh = shWith(fileInput("x\n"));
    expect(run(readBuiltin, ["-t", "abc", "x"], sh)).toEqual(bash("read -t abc x"));
    expect(run(readBuiltin, ["-n", "abc", "x"], sh)).toEqual(bash("read -n abc x"));
    expect(run(readBuiltin, ["1a"], sh)).toEqual(bash("read 1a"));
    expect(run(readBuiltin, ["-u", "9", "x"], sh)).toEqual(bash("read -u 9 x"));
    expect(run(readBuiltin, ["-z"], sh)).toEqual(bash("read -z"));
  });
  it("a closed stdin is a read error, a closed -u fd an invalid descriptor", () => {
    const sh = fakeShell();
    sh.fdmap.delete(0);
    expect(run(readBuiltin, ["x"], sh)).toEqual(bash("read x <&-"));
  });
  it("-e -i reads through the shell's line editor on a terminal (else plainly)", async () => {
    const sh = shWith(fileInput("plain\n"));
    sh.lineEditor = {
      interrupted: false,
      readLine: async (prompt: string, initial?: string) => `${prompt}|${initial}|a\\ b c`,
    };
    // not a terminal: the editor is not used
    expect(run(readBuiltin, ["-e", "-i", "x", "v"], sh).status).toBe(0);
    expect(sh.vars.get("v")).toBe("plain");
  });
  it("-u reads another fd", () => {
    const sh = fakeShell();
    sh.fdmap.set(3, fileInput("from3\n"));
    expect(run(readBuiltin, ["-u", "3", "v"], sh).status).toBe(0);
    expect(sh.vars.get("v")).toBe("from3");
  });
  it("-t 0 polls without reading", () => {
    const p = pipeInput("data\n");
    expect(run(readBuiltin, ["-t", "0"], shWith(p.fd)).status).toBe(0);
    const sh = shWith(p.fd);
    run(readBuiltin, ["x"], sh);
    expect(sh.vars.get("x")).toBe("data");
    expect(run(readBuiltin, ["-t", "0"], shWith(p.fd)).status).toBe(1);
  });
  it("times out with status 142 and keeps the partial input", () => {
    const p = pipeInput("ab");
    const sh = shWith(p.fd);
    const t0 = Date.now();
    expect(run(readBuiltin, ["-t", "0.2", "x"], sh).status).toBe(142);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    expect(sh.vars.get("x")).toBe("ab");
  });
  it("a readonly name fails with status 1", () => {
    const sh = shWith(fileInput("a\n"));
    sh.vars.set("R", "1");
    sh.vars.setAttrs("R", 2);
    const r = run(readBuiltin, ["R"], sh);
    expect(r.status).toBe(1);
    expect(r.err).toBe("ipsh: R: readonly variable\n");
  });
});
