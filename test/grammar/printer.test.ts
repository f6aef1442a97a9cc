// printList: the printed text parses back to the same AST (spans and source aside).
import { describe, expect, it } from "vitest";
import { parse, printList } from "../../grammar/index.ts";
import { ok, strip } from "./helpers.ts";

export const ROUND_TRIP_CORPUS = [
  "echo hello world",
  "a=1 b+=2 c[1+1]=x d=(1 [k]=v 'q r') cmd \"x $y\" >out 2>&1 | grep x && echo ok || echo no &",
  "cat <<EOF; echo $(echo hi; case x in a) echo a;; esac)\nbody $x \\$ `date` \\\\ \\z\nEOF\necho done",
  "cat <<-'E' <<X\n\tlit $x\n\tE\n$y\nX\n",
  "if true; then echo a; elif false; then b; else c; fi >/dev/null",
  "for i in 1 2 3; do echo $i; done; for ((i=0;i<3;i++)); do :; done; for j; do :; done",
  "while read l; do echo \"$l\"; done < f; until false; do break; done",
  'f() { echo "${x:-def}" ${#y} ${z/a/b} ${arr[@]} ${!p*} ${!a[@]} ${x:1:2} ${x^^} ${x@Q} ${x%%.*}; }',
  "function g { local a=(x y) b=~/c; }",
  "[[ -f x && $a == b* || ! ( c =~ ^(a|b)$ ) && d < e ]]",
  "(( x = 1 + 2 )); ( (echo) ); { a; b; } 3>&-",
  "echo {a,b}c {1..3} ~/x a=~ $((1+$x)) $'a\\tb\\x01' \"a\\\"b\" 'q' $\"loc\"",
  "time -p ls | wc |& cat; ! true",
  "case $x in (a|b) echo ab;& c) ;;& *) esac",
  "echo `echo \\`echo hi\\``",
  "diff <(ls) >(cat) {fd}>x 10<&0 &>>log <<<here",
  "select s in a b; do break; done",
  "echo \"$(cat <<E\nin $(echo sub)\nE\n)\"",
  "a() ( echo sub ) ; b() if x; then y; fi",
  "coproc cat; coproc N { read l; echo $l; } 2>/dev/null; coproc N$x ( cat ) <f; coproc a=1 cat >o; coproc NAME args",
];

describe("round trip print -> parse", () => {
  for (const src of ROUND_TRIP_CORPUS) {
    it(JSON.stringify(src).slice(0, 60), () => {
      const ast = ok(src);
      const printed = printList(ast);
      const again = parse(printed);
      expect(again.kind, printed).toBe("ok");
      if (again.kind === "ok") expect(strip(again.list)).toEqual(strip(ast));
    });
  }
  it("extglob words round-trip with extglob on", () => {
    const ast = ok("echo @(a|b*) !(x) +(y|z)", { extglob: true });
    const again = parse(printList(ast), { extglob: true });
    expect(again.kind).toBe("ok");
    if (again.kind === "ok") expect(strip(again.list)).toEqual(strip(ast));
  });
});
