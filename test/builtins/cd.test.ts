// cd/pwd/pushd/popd/dirs: a sequence of commands run in bash and on the fake shell.
import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { cdBuiltin, pwdBuiltin } from "../../builtins/cd.ts";
import { dirsBuiltin, popdBuiltin, pushdBuiltin } from "../../builtins/dirstack.ts";
import type { BuiltinDef } from "../../builtins/context.ts";
import { bash, fakeShell, run } from "./fake-sh.ts";
import { both, sameAsBash } from "../helpers/shells.ts";

const root = realpathSync(mkdtempSync(tmpdir() + "/ipsh-cd-"));
mkdirSync(root + "/a/b", { recursive: true });
mkdirSync(root + "/c");
symlinkSync(root + "/a", root + "/la");
writeFileSync(root + "/f", "");

const DEFS: Record<string, BuiltinDef> = { cd: cdBuiltin, pwd: pwdBuiltin, pushd: pushdBuiltin, popd: popdBuiltin, dirs: dirsBuiltin };

/** Run each command line (words split on spaces; "''" is an empty word) and print st=N after each. */
function mine(lines: string[], env: Record<string, string>): { out: string; err: string } {
  const sh = fakeShell({ cwd: root });
  sh.vars.set("PWD", root);
  for (const [k, v] of Object.entries(env)) sh.vars.set(k, v);
  let out = "";
  let err = "";
  for (const line of lines) {
    const [cmd, ...args] = line.split(" ").map((w) => (w === "''" ? "" : w));
    const r = run(DEFS[cmd!]!, args, sh);
    out += r.out + `st=${r.status} PWD=${sh.vars.get("PWD") ?? ""} OLDPWD=${sh.vars.get("OLDPWD") ?? ""}\n`;
    err += r.err;
  }
  return { out, err };
}

function theirs(lines: string[], env: Record<string, string>) {
  const script =
    `cd ${root}; unset OLDPWD; ` +
    Object.entries(env).map(([k, v]) => `${k}=${v}; `).join("") +
    lines.map((l) => `${l}; echo "st=$? PWD=$PWD OLDPWD=$OLDPWD"`).join("\n");
  const b = bash(script);
  return { out: b.out, err: b.err };
}

const SEQS: [string, string[], Record<string, string>][] = [
  ["errors", ["cd /nonexistent", "cd a b", "cd f", "cd -z", "cd -", "pwd -z"], {}],
  ["logical and physical", ["cd la", "pwd", "pwd -P", "cd ..", "cd -P la", "pwd", "cd -", "cd la/b/../..", "pwd"], {}],
  ["home", ["cd", "pwd", "cd ''"], { HOME: root + "/c" }],
  ["CDPATH", ["cd /", "cd b", "cd a", "cd b"], { CDPATH: root + ":" + root + "/a" }],
  ["stack", ["dirs", "pushd a", "pushd " + root + "/c", "dirs -v", "dirs -p", "dirs -l", "dirs +1", "dirs -0", "pushd", "pushd +1", "popd", "popd -n", "dirs", "popd", "popd", "pushd", "pushd /nope", "dirs +5"], {}],
  ["slashes and dots", ["cd /", "cd ..", "cd //", "cd /tmp/", "cd .", "cd //tmp/..", "cd ///tmp", "cd " + root + "/a/../a/./b"], {}],
  ["stack with ~", ["pushd a", "dirs", "dirs -l", "dirs -c", "dirs"], { HOME: root }],
];

describe("cd family matches bash", () => {
  for (const [name, lines, env] of SEQS) {
    it(name, () => {
      expect(mine(lines, env)).toEqual(theirs(lines, env));
    });
  }
});

describe("OLDPWD at start-up (bash: exported but unset unless it names a directory)", () => {
  for (const [name, OLDPWD] of [
    ["absent", undefined],
    ["not a directory", "/nonexistent-ipsh"],
    ["a directory", "/usr"],
  ] as const) {
    it(name, () => {
      const script = 'declare -p OLDPWD; echo "${OLDPWD-unset}"; env | grep ^OLDPWD=; cd /usr/bin; cd /; env | grep ^OLDPWD=';
      const r = both(script, "bash", { env: OLDPWD === undefined ? {} : { OLDPWD } });
      expect(r.ipsh.stdout).toBe(r.ref.stdout);
      expect(r.ipsh.status).toBe(r.ref.status);
    });
  }
});

// pushd/popd/dirs read their words as bash does (pushd.def): only exact -n/-c/-l/-p/-v and -- are
// options, other +x/-x words must be numbers, `--` ends the options.
describe("directory stack arguments match bash", () => {
  const setup = "cd /tmp; pushd /usr >/dev/null; pushd /bin >/dev/null; ";
  const after = "; echo st=$?; dirs; pwd";
  const cases = [
    "popd --", "popd -- x", "popd -z", "popd +x", "popd -", "popd zzz", "popd +1 zzz", "popd +99", "popd -99",
    "popd +-1", "popd '+1 '", "popd -n -- zzz", "pushd --", "pushd -- /usr", "pushd -- -n", "pushd -z", "pushd +x",
    "pushd -n", "pushd -n /usr /bin", "pushd -n rel", "pushd +1 /usr", "pushd -n +1", "pushd -n +0", "pushd +0",
    "pushd -", "pushd +99", "pushd --1", "CDPATH=/ pushd usr", "dirs --", "dirs -- zzz", "dirs -z", "dirs -lv",
    "dirs zzz", "dirs +x", "dirs +-1", "dirs '+ 1'", "dirs -v +1", "dirs -v -0", "dirs -c -v",
    "for i in 1 2 3 4 5 6 7 8 9 10; do pushd -n /usr >/dev/null; done; dirs -v; dirs -v +11",
  ];
  sameAsBash(cases.map((c) => [c, setup + c + after] as const), it, expect);
  sameAsBash([["empty stack", "popd; popd -n; dirs +1; pushd +1; pushd; pushd -n; echo st=$?"]], it, expect);
});
