// Pathname expansion compared with bash in a scratch directory: hidden files, sorting, nested
// components, trailing slashes, options (nullglob, failglob, dotglob, nocaseglob, globstar,
// extglob, noglob), quoted and escaped glob characters, and patterns from variables.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import type { Word } from "../../grammar/ast.ts";
import { expandWords } from "../../src/expand/word.ts";
import { glob } from "../../src/expand/glob.ts";
import { FakeHost } from "./fake-host.ts";
import { bash, bashError, dq, esc, extglob as eg, lit, litWord, param, run, show, sq, word } from "./build.ts";

let dir = "";
const FILES = [
  "a.ts", "b.ts", "B.TS", "c.js", ".hidden", ".hidden.ts", "dir/x.ts", "dir/y.js", "dir/sub/z.ts", "dir/.h/q.ts",
  "other/x.ts", "*star", "a?b", "[x]", "Zed", "_u", "10", "9", "é.txt",
];

beforeAll(() => {
  dir = mkdtempSync(tmpdir() + "/ipsh-glob-");
  for (const f of FILES) {
    const p = `${dir}/${f}`;
    mkdirSync(p.slice(0, p.lastIndexOf("/")), { recursive: true });
    writeFileSync(p, "");
  }
  mkdirSync(`${dir}/emptydir`);
  symlinkSync("dir", `${dir}/link`);
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Opts = Partial<FakeHost["opts"]>;

function ours(words: Word[], opts: Opts = {}, vars: Record<string, string> = {}): string {
  const h = new FakeHost(vars);
  Object.assign(h.opts, opts);
  h.dir = dir;
  try {
    return show(run(expandWords(h, words)));
  } catch (e) {
    return "ERR " + (e as Error).message;
  }
}

function theirs(src: string, shopts = "", vars = ""): string {
  const out = bash(`${shopts}\n${vars}\np() { for a; do printf '<%s>' "$a"; done; }\np ${src}`, dir);
  return out.includes("--stderr--") ? "ERR " + bashError(out) : out;
}

const W = word;
const L = (s: string) => W(lit(s));

describe("glob agrees with bash", () => {
  const cases: [string, Word[]][] = [
    ["*", [L("*")]],
    [".*", [L(".*")]],
    ["*.ts", [L("*.ts")]],
    ["?.ts", [L("?.ts")]],
    ["[ab].ts", [L("[ab].ts")]],
    ["[!a]*", [L("[!a]*")]],
    ["*/*.ts", [L("*/*.ts")]],
    ["*/", [L("*/")]],
    ["dir/*", [L("dir/*")]],
    ["dir/*/z.ts", [L("dir/*/z.ts")]],
    ["*/x.ts", [L("*/x.ts")]],
    ["nomatch*", [L("nomatch*")]],
    ["'*'.ts \\*star \"*\"star", [W(sq("*"), lit(".ts")), W(esc("*"), lit("star")), W(dq(lit("*")), lit("star"))]],
    ["a\\?b a?b", [W(lit("a"), esc("?"), lit("b")), L("a?b")]],
    ["[[]x]", [L("[[]x]")]],
    ["[", [L("[")]],
    ["d*/../*.js", [L("d*/../*.js")]],
    ["./*.js", [L("./*.js")]],
    [`${"$"}{p}`, [W(param("p"))]],
    [`"${"$"}{p}"`, [W(dq(param("p")))]],
    ["[[:digit:]]*", [L("[[:digit:]]*")]],
    ["$bs $bs2 (backslashes from expansions)", [W(param("bs")), W(param("bs2"))]],
    ["[$q].ts (a bracket completed by an expansion)", [W(lit("["), param("q"), lit("].ts"))]],
    ["*.txt", [L("*.txt")]],
  ];
  it.each(cases)("%s", (src, words) => {
    const vars = { p: "*.js", q: "ab", bs: "\\*star", bs2: "\\*s*" };
    const setup = Object.entries(vars).map(([k, v]) => `${k}='${v}'`).join("; ");
    expect(ours(words, {}, vars)).toBe(theirs(src.replace(/ \(.*\)$/, ""), "", setup));
  });

  it("absolute patterns keep their form", () => {
    expect(ours([L(`${dir}/dir/*.ts`)])).toBe(theirs(`${dir}/dir/*.ts`));
    expect(ours([L(`${dir}//dir/*.ts`)])).toBe(theirs(`${dir}//dir/*.ts`));
  });

  const optCases: [string, Word[], Opts, string][] = [
    ["nomatch* b*", [L("nomatch*"), L("b*")], { nullglob: true }, "shopt -s nullglob"],
    ["nomatch* b*", [L("nomatch*"), L("b*")], { failglob: true }, "shopt -s failglob"],
    ["*", [L("*")], { dotglob: true }, "shopt -s dotglob"],
    ["*.ts", [L("*.ts")], { nocaseglob: true }, "shopt -s nocaseglob"],
    ["**", [L("**")], { globstar: true }, "shopt -s globstar"],
    ["**/*.ts", [L("**/*.ts")], { globstar: true }, "shopt -s globstar"],
    ["dir/**/", [L("dir/**/")], { globstar: true }, "shopt -s globstar"],
    ["**/**/*.ts (each path once)", [L("**/**/*.ts")], { globstar: true }, "shopt -s globstar"],
    ["dir/** (the directory too, with a slash)", [L("dir/**")], { globstar: true }, "shopt -s globstar"],
    ["dir/**/** **/**", [L("dir/**/**"), L("**/**")], { globstar: true }, "shopt -s globstar"],
    [".* dir/.*", [L(".*"), L("dir/.*")], { globskipdots: false }, "shopt -u globskipdots"],
    [".* * with dotglob", [L(".*"), L("*")], { globskipdots: false, dotglob: true }, "shopt -u globskipdots; shopt -s dotglob"],
    ["*", [L("*")], { noglob: true }, "set -f"],
    ["!(*.ts)", [W(eg("!", W(lit("*.ts"))))], { extglob: true }, "shopt -s extglob"],
    ["@(a|b).ts", [W(eg("@", W(lit("a")), W(lit("b"))), lit(".ts"))], { extglob: true }, "shopt -s extglob"],
    ["+([0-9])", [W(eg("+", W(lit("[0-9]"))))], { extglob: true }, "shopt -s extglob"],
  ];
  it.each(optCases)("%s with %j", (src, words, opts, shopts) => {
    expect(ours(words, opts)).toBe(theirs(src.replace(/ \(.*\)$| with .*$/, ""), shopts));
  });
});

describe("GLOBIGNORE", () => {
  it.each([["*.ts:.h*"], ["[ab]*"], ["*"]])("%s", (ignore) => {
    expect(ours([L("*")], {}, { GLOBIGNORE: ignore })).toBe(theirs("*", "", `GLOBIGNORE='${ignore}'`));
    expect(ours([L(".*")], {}, { GLOBIGNORE: ignore })).toBe(theirs(".*", "", `GLOBIGNORE='${ignore}'`));
  });
});

describe("glob()", () => {
  it("returns [] when nothing matches and sorts in byte order", () => {
    expect(glob("nomatch*", dir)).toEqual([]);
    expect(glob("[1-9]*", dir)).toEqual(["10", "9"]);
    expect(glob("[BZ_]*", dir)).toEqual(["B.TS", "Zed", "_u"]);
  });
  it("a literal word passes through the fast path untouched", () => {
    expect(ours([litWord("*")])).toBe("<*>");
  });
});
