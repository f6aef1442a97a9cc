// hash and type against bash (same PATH, same definitions), help on the registry, times and
// ulimit formats.
import { describe, expect, it } from "vitest";
import { hashBuiltin } from "../../builtins/hash.ts";
import { typeBuiltin } from "../../builtins/type.ts";
import { helpBuiltin } from "../../builtins/help.ts";
import { timesBuiltin, formatTime } from "../../builtins/times.ts";
import { ulimitBuiltin } from "../../builtins/ulimit.ts";
import { ioBuiltins } from "../../builtins/registry-part-io.ts";
import type { BuiltinDef } from "../../builtins/context.ts";
import { parse } from "../../grammar/index.ts";
import { bash, fakeShell, run } from "./fake-sh.ts";

const PATH = "/usr/local/bin:/usr/bin:/bin";

function shell() {
  const sh = fakeShell();
  sh.vars.set("PATH", PATH);
  sh.builtins = new Map(ioBuiltins.map((b) => [b.name, b]));
  sh.hashHits = new Map();
  return sh;
}

const DEFS: Record<string, BuiltinDef> = { hash: hashBuiltin, type: typeBuiltin, ulimit: ulimitBuiltin };
const q = (a: string) => "'" + a.replaceAll("'", "'\\''") + "'";

function compare(lines: string[][], setup: (sh: any) => void = () => {}, bashSetup = "") {
  const sh = shell();
  setup(sh);
  let out = "";
  let err = "";
  for (const [cmd, ...args] of lines) {
    const r = run(DEFS[cmd!]!, args, sh);
    out += r.out + `st=${r.status}\n`;
    err += r.err;
  }
  const b = bash(`PATH=${PATH}; ${bashSetup}\n` + lines.map(([c, ...a]) => `${c} ${a.map(q).join(" ")}; echo "st=$?"`).join("\n"));
  expect({ out, err }).toEqual({ out: b.out, err: b.err });
}

describe("hash matches bash", () => {
  it("table, -l, -t, -d, -p, -r and errors", () =>
    compare([
      ["hash"], ["hash", "ls", "cat"], ["hash"], ["hash", "-l"], ["hash", "-t", "ls"], ["hash", "-t", "ls", "cat"],
      ["hash", "-t", "nope"], ["hash", "nope"], ["hash", "-d", "nope"], ["hash", "cd"], ["hash", "-p", "/bin/echo", "myecho"],
      ["hash", "-t", "myecho"], ["hash", "-d", "ls"], ["hash", "-l"], ["hash", "-r"], ["hash"], ["hash", "-z"], ["hash", "-d"], ["hash", "-p"],
    ]));
});

describe("type matches bash", () => {
  const setup = (sh: any) => {
    sh.opts.expand_aliases = true;
    sh.aliases.set("ll", "ls -l");
    const r = parse("f() { echo hi; }");
    if (r.kind === "ok") sh.functions.set("f", r.list.items[0]!.andOr.first.commands[0]);
  };
  const bashSetup = "shopt -s expand_aliases; alias ll='ls -l'; f() { echo hi; }";
  it("phrases for each kind", () =>
    compare([["type", "ll", "if", "f", "cd", "ls", "nope"], ["type", "-t", "ll", "if", "f", "cd", "ls", "nope"]], setup, bashSetup));
  it("-a -p -P -f", () =>
    compare(
      [["type", "-a", "ls", "echo"], ["type", "-p", "ls", "cd"], ["type", "-P", "cd", "ls"], ["type", "-f", "f"], ["type", "-ap", "echo"], ["type", "-a", "ll"]],
      setup,
      bashSetup,
    ));
  it("paths, keywords, errors", () =>
    compare([["type", "./nope", "/bin/ls"], ["type", "-t", "/bin/ls"], ["type", "[[", "]]", "{"], ["type", "-z"], ["type"]], setup, bashSetup));
  it("hashed commands", () => compare([["hash", "ls"], ["type", "ls"], ["type", "-t", "ls"], ["type", "-p", "ls"]]));
});

describe("ulimit", () => {
  it("matches bash for reading limits", () =>
    compare([["ulimit"], ["ulimit", "-n"], ["ulimit", "-Hn"], ["ulimit", "-c", "-n"], ["ulimit", "-a"], ["ulimit", "-z"], ["ulimit", "-n", "abc"]]));
  it("sets and reads back a soft limit", () => {
    const sh = shell();
    const before = run(ulimitBuiltin, ["-Sc"], sh).out;
    expect(run(ulimitBuiltin, ["-Sc", "0"], sh).status).toBe(0);
    expect(run(ulimitBuiltin, ["-Sc"], sh).out).toBe("0\n");
    void before;
    const r = run(ulimitBuiltin, ["-p", "9"], sh);
    expect(r.status).toBe(1);
  });
});

describe("times and help", () => {
  it("times prints two lines in bash's format", () => {
    const r = run(timesBuiltin, []);
    expect(r.out).toMatch(/^\d+m\d+\.\d{3}s \d+m\d+\.\d{3}s\n\d+m\d+\.\d{3}s \d+m\d+\.\d{3}s\n$/);
    expect(formatTime(61.5)).toBe("1m1.500s");
    expect(formatTime(0.0109)).toBe("0m0.010s");
  });
  it("help reads the registry", () => {
    const sh = shell();
    expect(run(helpBuiltin, ["-s", "echo"], sh).out).toBe("echo: echo [-neE] [arg ...]\n");
    expect(run(helpBuiltin, ["-d", "pw"], sh).out).toMatch(/^pwd - Print the name of the current working directory\.\n$/);
    expect(run(helpBuiltin, ["-s", "c?"], sh).out).toBe("Shell commands matching keyword `c?'\n\ncd: cd [-L|[-P [-e]] [-@]] [dir]\n");
    // an exact name wins over prefixes (read, not readarray)
    expect(run(helpBuiltin, ["-s", "read"], sh).out).toBe(bash("help -s read").out);
    // -d wins over -m and -s, -m over -s, in any order (bash)
    for (const flags of [["-sd"], ["-s", "-d"], ["-ds"]]) expect(run(helpBuiltin, [...flags, "pwd"], sh).out).toBe(bash(`help ${flags.join(" ")} pwd`).out);
    expect(run(helpBuiltin, ["-ms", "pwd"], sh).out.split("\n")[0]).toBe("NAME");
    expect(run(helpBuiltin, ["-x"], sh).err).toBe("ipsh: help: -x: invalid option\nhelp: usage: help [-dms] [pattern ...]\n");
    const all = run(helpBuiltin, [], sh).out;
    for (const b of ioBuiltins) expect(all).toContain(b.synopsis.slice(0, 30));
    const r = run(helpBuiltin, ["zzz"], sh);
    expect(r.status).toBe(1);
    expect(r.err).toBe("ipsh: help: no help topics match `zzz'.  Try `help help' or `man -k zzz' or `info zzz'.\n");
  });
});

describe("help -d", () => {
  it("gives bash's one-line descriptions for these builtins", () => {
    const sh = shell();
    const names = ioBuiltins.map((b) => b.name);
    expect(run(helpBuiltin, ["-d", ...names], sh).out).toBe(bash(`help -d ${names.map((n) => `'${n}'`).join(" ")}`).out);
  });
});
