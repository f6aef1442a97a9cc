// mapfile/readarray compared with bash (declare -p style output built from the fake store).
import { describe, expect, it } from "vitest";
import { closeSync, constants, mkdtempSync, openSync, readSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { mapfileBuiltin, readarrayBuiltin } from "../../builtins/mapfile.ts";
import { shellQuote } from "../../builtins/printf-format.ts";
import { bash, fakeShell, run, type FakeShell } from "./fake-sh.ts";

const dir = mkdtempSync(tmpdir() + "/ipsh-mapfile-");
let n = 0;
function pipeWith(data: string): number {
  const p = `${dir}/fifo${n++}`;
  Bun.spawnSync(["mkfifo", p]);
  const fd = openSync(p, constants.O_RDONLY | constants.O_NONBLOCK);
  const w = openSync(p, constants.O_WRONLY);
  writeSync(w, data);
  closeSync(w);
  return fd;
}

function declare(sh: FakeShell, name: string): string {
  const keys = sh.vars.getKeys(name);
  const body = keys
    .map((k: string) => {
      const v = sh.vars.getElement(name, Number(k))!;
      const qv = /[\x00-\x1f]/.test(v) ? shellQuote(v) : `"${v}"`;
      return `[${k}]=${qv}`;
    })
    .join(" ");
  return `declare -a ${name}=(${body})\n`;
}

const q = (a: string) => "'" + a.replaceAll("'", "'\\''") + "'";
const CASES: [string, string[], string?][] = [
  ["a\nb\nc\nd\n", []],
  ["a\nb\nc\nd\n", ["-t", "x"]],
  ["a\nb\nc\nd\n", ["-t", "-n", "2", "-s", "1", "x"]],
  ["a;b;c", ["-d", ";", "-t", "x"]],
  ["a;b;c", ["-d", ";", "x"]],
  ["a\0b\0", ["-d", "", "x"]],
  ["a\nb", ["x"]],
  ["", ["x"]],
];

describe("mapfile matches bash", () => {
  for (const [input, args] of CASES) {
    it(`${JSON.stringify(input)} ${args.join(" ")}`, () => {
      const name = args.length && /^[a-z]+$/.test(args[args.length - 1]!) ? args[args.length - 1]! : "MAPFILE";
      const b = bash(`mapfile ${args.map(q).join(" ")}; declare -p ${name}; cat`, input);
      const sh = fakeShell();
      const fd = pipeWith(input);
      sh.fdmap.set(0, fd);
      const r = run(mapfileBuiltin, args, sh);
      const buf = Buffer.alloc(100);
      let got = 0;
      try {
        got = readSync(fd, buf);
      } catch {}
      expect(r.status).toBe(0);
      expect(declare(sh, name) + buf.subarray(0, got).toString()).toBe(b.out);
    });
  }
  it("-O keeps the array and assigns from the origin", () => {
    const sh = fakeShell();
    sh.vars.setArray("x", ["q", "r", "s", "t", "u"]);
    sh.fdmap.set(0, pipeWith("a\nb\nc\nd\n"));
    run(readarrayBuiltin, ["-t", "-O", "2", "x"], sh);
    expect(sh.vars.getValues("x")).toEqual(["q", "r", "a", "b", "c", "d"]);
  });
  it("-C runs the callback every -c lines with index and line", () => {
    const sh = fakeShell();
    const calls: string[] = [];
    sh.runString = function* (src: string) {
      calls.push(src);
      return 0;
    };
    sh.fdmap.set(0, pipeWith("1\n2\n3\n4\n5\n"));
    run(mapfileBuiltin, ["-t", "-C", "cb", "-c", "2", "x"], sh);
    expect(calls).toEqual(["cb 1 2", "cb 3 4"]);
    expect(sh.vars.getValues("x")).toEqual(["1", "2", "3", "4", "5"]);
  });
  it("a read error ends the input silently, as in bash", () => {
    const sh = fakeShell();
    sh.fdmap.set(0, openSync(dir, "r"));
    expect(run(mapfileBuiltin, ["y"], sh)).toEqual(bash(`mapfile y < ${dir}`));
  });
  it("errors like bash", () => {
    expect(run(mapfileBuiltin, ["-z"])).toEqual(bash("mapfile -z"));
    expect(run(mapfileBuiltin, ["-u", "9", "x"])).toEqual(bash("mapfile -u 9 x"));
    expect(run(mapfileBuiltin, ["-n", "x"])).toEqual(bash("mapfile -n x"));
    expect(run(mapfileBuiltin, ["1x"])).toEqual(bash("mapfile 1x"));
  });
  it("reads a regular file without consuming past -n lines", () => {
    const p = `${dir}/file`;
    writeFileSync(p, "l1\nl2\nl3\n");
    const fd = openSync(p, "r");
    const sh = fakeShell();
    sh.fdmap.set(0, fd);
    run(mapfileBuiltin, ["-n", "1", "-t", "x"], sh);
    const buf = Buffer.alloc(100);
    expect(buf.subarray(0, readSync(fd, buf)).toString()).toBe("l2\nl3\n");
    closeSync(fd);
  });
});
