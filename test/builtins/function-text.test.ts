// type's function text: the parsed definition printed in bash's layout, compared with bash.
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.ts";
import type { FunctionDef } from "../../grammar/ast.ts";
import { functionText, typeBuiltin } from "../../builtins/type.ts";
import { bash, fakeShell, run } from "./fake-sh.ts";

const DEFS = [
  "f1() { echo hi; }",
  "f2() { if true; then echo a; elif false; then :; else echo b; fi; for x in 1 2; do echo $x; done; }",
  "f3() ( cd /; ls )",
  "f4() { local x=1 y; echo \"$x\" >&2 2>/dev/null <in >>app; a=(1 2) b=3 cmd; }",
  "f5() { while read -r l; do echo \"$l\"; done < file; until false; do break; done; }",
  "f6() { case $1 in a|b) echo ab;; *) echo other;& x) ;; esac; }",
  "f7() { a && b || c; ! d | e |& f; g & h; }",
  "f8() { [[ -f x && $y == z* || ! -d q ]]; (( i++ )); for ((i=0;i<3;i++)); do :; done; }",
  "f9() { { echo a; echo b; } > out; ( echo c ); }",
  "f10() { cat <<EOT\nbody $x\nEOT\necho after; }",
  "f11() { select x in a b; do break; done; for y; do :; done; time sleep 1; }",
  "f12() { echo 'q' \"d$x\" \\$e; x=$(ls -l) y=`pwd`; }",
  "function f13 { echo kw; }",
  "f14() { echo a; } > /dev/null",
  "f15() { a &>x; b &>>y; c <>z; d >|w; e 3<&0; g <<<\"hs\"; h 2>&-; }",
];

function def(src: string): FunctionDef {
  const r = parse(src);
  if (r.kind !== "ok") throw new Error("parse failed: " + src);
  return r.list.items[0]!.andOr.first.commands[0] as FunctionDef;
}

describe("functionText matches bash's type output", () => {
  for (const src of DEFS) {
    it(src.split("\n")[0]!, () => {
      const fn = def(src);
      const b = bash(`${src}\ntype ${fn.name}`);
      expect(`${fn.name} is a function\n${functionText(fn)}\n`).toBe(b.out);
    });
  }
  it("type prints it", () => {
    const sh = fakeShell();
    const fn = def(DEFS[0]!);
    sh.functions.set(fn.name, fn);
    expect(run(typeBuiltin, ["f1"], sh).out).toBe("f1 is a function\nf1 () \n{ \n    echo hi\n}\n");
  });
});
