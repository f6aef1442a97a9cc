// Variables, namerefs and temporary bindings through the whole shell, compared with bash 5.2.
import { describe, expect, it } from "vitest";
import { sameAsBash } from "../helpers/shells.ts";

describe("a nameref to an array element expands its subscript on every use", () => {
  sameAsBash(
    [
      ["command substitution and arithmetic", "typeset -n ref='a[$(echo 2) + 1]'; a=(zero one two three); echo ref=$ref"],
      ["read, assign, append, unset follow the variable's value now", "typeset -n r='a[$i]'; a=(x y z); i=2; echo $r; i=1; echo $r; r=Q; r+=R; echo ${a[@]}; unset r; declare -p a"],
      ["associative keys, quoted", `typeset -n r='A["$k"]'; declare -A A=([p]=1 ["q w"]=2); k="q w"; echo $r; r=3; k=p; echo $r; declare -p A`],
      ["operators on the element", "typeset -n r='a[$(echo 1)]'; a=(x y z); echo ${r} ${r:-d} ${r/y/Y}"],
      ["side effects happen on each use", "n=0; typeset -n r='a[$((n++))]'; a=(x y z); echo $r $r $r; echo n=$n"],
      ["the value seen from a function", "typeset -n r='a[$i]'; a=(x y z); f() { local i=0; echo $r; }; i=1; f"],
      ["set -u in the subscript", "typeset -n r='a[$u]'; set -u; a=(x); echo $r; echo after"],
    ],
    it,
    expect,
  );
});
