// test and [ compared with bash on the argument-count algorithm, precedence, errors and files.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, symlinkSync, mkdirSync, utimesSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { bracketBuiltin, evalTest, testBuiltin } from "../../builtins/test.ts";
import { bash, fakeShell, run } from "./fake-sh.ts";

const q = (a: string) => "'" + a.replaceAll("'", "'\\''") + "'";

const dir = mkdtempSync(tmpdir() + "/ipsh-test-");
writeFileSync(dir + "/file", "data");
writeFileSync(dir + "/empty", "");
writeFileSync(dir + "/old", "x");
utimesSync(dir + "/old", 1000, 1000);
mkdirSync(dir + "/sub");
symlinkSync("file", dir + "/link");
symlinkSync("nowhere", dir + "/dangling");
writeFileSync(dir + "/exe", "#!/bin/sh\n");
chmodSync(dir + "/exe", 0o755);
chmodSync(dir + "/sub", 0o1777);

const CASES: string[][] = [
  [], [""], ["x"], ["-n"], ["!"], ["!", "x"], ["!", ""], ["-z", ""], ["x", "=", "x"], ["x", "==", "y"],
  ["x", "!=", "y"], ["1", "-eq", "1"], ["1", "-eq", "a"], [" 2 ", "-gt", "1"], ["1", "-lt", "-2"],
  ["x", "-a", ""], ["x", "-o", ""], ["!", "-z", "x"], ["(", "x", ")"], ["(", "", ")"], ["!", "x", "=", "y"],
  ["x", "=", "y", "-o", "a", "=", "a"], ["!", "(", "x", "=", "y", ")"], ["x", "-foo", "y"], ["-foo", "x"],
  ["a", "<", "b"], ["b", ">", "a"], ["1", "-eq"], ["(", "1"], ["a", "b", "c"], ["1", "-eq", "99999999999999999999"],
  ["0x1", "-eq", "1"], ["-1", "-eq", "-1"], ["+1", "-eq", "1"], ["", "-eq", "0"], ["!", "!", "x"], ["-a", "x"],
  ["-n", "x", "-a", "-z", ""], ["x", "-a", "x", "-o", ""], ["", "-a", "", "-o", "x"], ["!", "", "-a", "x"],
  [")"], ["(", ")"], ["x", "("], ["-d", "/", "x"], ["="], ["=", "="], ["=", "=", "="], ["-z", "-z", "-z"],
  ["!", "=", "x"], ["a", "=", "b", "c", "d"], ["a", "=", "b", "-a"], ["(", "a", "b"], ["(", "a", "=", "a"],
  ["a", "-a"], ["!", "-a"], ["-n", "-a", "-n"], ["x", "-a", "(", "y", ")", "-o", "z"], ["-e"],
  ["-e", "x", "y", "z", "w"], ["x", "-eq", "1", "-o", "1"], ["-r"], ["!", "(", "x", ")"],
  ["(", "(", "x", ")", ")"], ["1", "-ge", "2", "-o", "3", "-le", "4"], ["1", "-eq", " "], ["1 ", "-eq", "1"],
  ["-e", "file", "-nt", "old"], ["-o", "nosuchoption"], ["-t", "x"],
  // files (relative to the shell's cwd)
  ["-e", "file"], ["-f", "file"], ["-f", "sub"], ["-d", "sub"], ["-s", "file"], ["-s", "empty"], ["-L", "link"],
  ["-h", "file"], ["-e", "dangling"], ["-h", "dangling"], ["-x", "exe"], ["-x", "file"], ["-r", "file"],
  ["-w", "file"], ["-k", "sub"], ["-u", "file"], ["-g", "file"], ["-p", "file"], ["-S", "file"], ["-c", "/dev/null"],
  ["-b", "/dev/null"], ["file", "-nt", "old"], ["old", "-nt", "file"], ["old", "-ot", "file"], ["file", "-nt", "nope"],
  ["nope", "-ot", "file"], ["file", "-ef", "link"], ["file", "-ef", "old"], ["-O", "file"], ["-G", "file"], ["-e", ""],
  ["-f", "file", "-a", "-d", "sub"], ["(", "!", "-d", "/", ")"],
  // a unary operator with nothing after it, or a dash word that is no operator, is a string (bash 5.1+);
  // -t takes the next argument only when it is a number
  ["-a", "-a", "-a", "-a"], ["-a", "-a", "-a", "-a", "-a", "-a", "-a"], ["-n", "x", "-a", "-n"],
  ["!", "-n", "x", "-a", "-n"], ["-n", "x", "-a", "-z", "x", "-a", "-n"], ["-q", "-a", "x", "-a", "x"],
  ["x", "-a", "-q", "-a", "x"], ["-n", "-a", "-n", "-a", "-n"], ["-t", "-a", "x", "-a", "x"],
  ["x", "-a", "-t", "-a", "-t"], ["-t", "-o", "-t", "-o", "-t"], ["-t", "1", "-a", "x", "-a", "x"],
  ["-e", "file", "-a", "-f"], ["(", "-t", ")", "-a", "x"], ["(", "-a", "-a", "-a", ")"],
];

describe("test matches bash", () => {
  const sh = fakeShell({ cwd: dir });
  for (const c of CASES) {
    it(JSON.stringify(c), () => {
      const b = bash(`cd ${q(dir)} && test ${c.map(q).join(" ")}`);
      expect(run(testBuiltin, c, sh)).toEqual(b);
    });
  }
});

describe("[", () => {
  it("requires the closing ]", () => {
    expect(run(bracketBuiltin, ["x"], fakeShell(), "[")).toEqual(bash("[ x"));
    expect(run(bracketBuiltin, ["x", "]"], fakeShell(), "[")).toEqual(bash("[ x ]"));
    expect(run(bracketBuiltin, ["]"], fakeShell(), "[")).toEqual(bash("[ ]"));
    expect(run(bracketBuiltin, ["a", "]", "]"], fakeShell(), "[")).toEqual(bash("[ a ] ]"));
  });
});

describe("variables, options and fds", () => {
  const sh = fakeShell();
  sh.vars.set("X", "1");
  sh.vars.setArray("A", ["a", "b"]);
  sh.opts.errexit = true;
  sh.opts.noglob = false;
  it("-v tests set variables and elements", () => {
    expect(run(testBuiltin, ["-v", "X"], sh).status).toBe(0);
    expect(run(testBuiltin, ["-v", "NOPE"], sh).status).toBe(1);
    expect(run(testBuiltin, ["-v", "A[1]"], sh).status).toBe(0);
    expect(run(testBuiltin, ["-v", "A[2]"], sh).status).toBe(1);
  });
  it("-o tests options", () => {
    expect(run(testBuiltin, ["-o", "errexit"], sh).status).toBe(0);
    expect(run(testBuiltin, ["-o", "noglob"], sh).status).toBe(1);
    expect(run(testBuiltin, ["-o", "bogus"], sh).status).toBe(1);
    sh.opts.nullglob = true; // a shopt option, not a set -o one
    expect(run(testBuiltin, ["-o", "nullglob"], sh).status).toBe(1);
    sh.opts.interactive_comments = true;
    expect(run(testBuiltin, ["-o", "interactive-comments"], sh).status).toBe(0);
  });
  it("-t follows the shell fd table", () => {
    const s2 = fakeShell();
    s2.fdmap.delete(5);
    expect(run(testBuiltin, ["-t", "5"], s2).status).toBe(1);
  });
  it("evalTest is usable directly", () => {
    const env = { cwd: "/", isVarSet: () => false, isNameref: () => false, option: () => undefined, osFd: () => undefined };
    expect(evalTest(["-d", "etc"], env)).toBe(true);
    expect(() => evalTest(["a", "-eq", "1"], env)).toThrow("a: integer expression expected");
  });
});
