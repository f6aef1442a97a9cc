// umask (octal, symbolic, -S, -p) and alias/unalias, compared with bash.
import { describe, expect, it } from "vitest";
import { umaskBuiltin } from "../../builtins/umask.ts";
import { aliasBuiltin, unaliasBuiltin } from "../../builtins/alias.ts";
import type { BuiltinDef } from "../../builtins/context.ts";
import { bash, fakeShell, run } from "./fake-sh.ts";

const DEFS: Record<string, BuiltinDef> = { umask: umaskBuiltin, alias: aliasBuiltin, unalias: unaliasBuiltin };
const q = (a: string) => "'" + a.replaceAll("'", "'\\''") + "'";

function compare(lines: string[][]) {
  const sh = fakeShell();
  let out = "";
  let err = "";
  for (const [cmd, ...args] of lines) {
    const r = run(DEFS[cmd!]!, args, sh);
    out += r.out + `st=${r.status}\n`;
    err += r.err;
  }
  const b = bash(lines.map(([c, ...a]) => `${c} ${a.map(q).join(" ")}; echo "st=$?"`).join("\n"));
  expect({ out, err }).toEqual({ out: b.out, err: b.err });
}

describe("umask matches bash", () => {
  it("octal and symbolic", () =>
    compare([
      ["umask", "022"], ["umask"], ["umask", "-S"], ["umask", "-p"], ["umask", "-p", "-S"],
      ["umask", "u=rwx,g=rx,o="], ["umask"], ["umask", "g+w"], ["umask"], ["umask", "o-rwx,g-w"], ["umask"],
      ["umask", "a=r"], ["umask", "-S"], ["umask", "0777"], ["umask", "-S"], ["umask", "7"], ["umask"],
      ["umask", "u+x,+w"], ["umask"], ["umask", "="], ["umask"], ["umask", "ug=rx"], ["umask"],
      ["umask", "o=rwx,u-rwx"], ["umask"], ["umask", "-S", "022"],
    ]));
  it("errors", () =>
    compare([["umask", "8"], ["umask", "u=z"], ["umask", "-z"], ["umask", "1234567"], ["umask", "u=g"], ["umask", "a+X"]]));
});

describe("alias/unalias match bash", () => {
  it("defines, prints and removes", () =>
    compare([
      ["alias", "ll=ls -l", "x=it's", "e="], ["alias"], ["alias", "ll"], ["alias", "-p"], ["alias", "nope"],
      ["alias", "a b=1"], ["alias", "ll", "nope", "x"], ["unalias", "nope"], ["unalias", "ll"], ["alias"],
      ["unalias", "-a"], ["alias"], ["unalias"], ["alias", "-z"],
    ]));
});
