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

describe("what a command does to its own prefix assignments (x=1 cmd)", () => {
  // bash's rules (execute_builtin, bind_variable, make_local_variable, att_propagate): most
  // builtins assign through the temporary binding; source/eval/unset/mapfile/read get it as a
  // scope that goes; declarations work on it, -x/-r make it pass on, `local` takes it over
  sameAsBash(
    [
      ["let, printf -v and getopts assign through it", "x=1 let x=5; echo $x; y=0; y=1 printf -v y 7; echo $y; o=1 getopts a o -a; echo $o; x=1 let x++; echo $x"],
      ["through to a function's local", "f(){ local x=0; x=1 let x=5; echo $x; }; x=9; f; echo $x; g(){ y=1 let y=5; }; g; echo $y"],
      ["read, mapfile, eval, source and unset do not", "x=0; x=1 read x <<< 9; echo $x; x=1 mapfile x <<< 9; echo $x; x=1 eval x=3; echo $x; x=1 eval 'let x=5'; echo $x; x=1 source /dev/stdin <<< x=6; echo $x; x=1 unset x; echo ${x-unset}"],
      ["builtin and command are looked through", "x=1 builtin let x=5; echo $x; y=0; y=1 command eval y=3; echo $y"],
      ["declare works on the prefix binding", "u=1 declare u=8; echo \"[$u]\"; x=0; x=1 typeset x=4; echo $x; x=1 declare -i x=4+1; echo $x; x=1 declare -p x"],
      ["-x and -r pass it on", "x=0; x=1 export x; echo $x; env | grep ^x=; y=0; y=1 declare -x y=4; echo $y; z=0; z=1 readonly z; echo $z; w=0; w=1 export v=4 w; echo $w $v"],
      ["-g works on the global", "x=0; x=1 declare -g x=4; echo $x; f(){ y=1 declare -g y=4; }; y=0; f; echo $y"],
      ["export in a function reaches the variable it sees", "f(){ local x=0; x=1 export x=4; echo $x; }; x=9; f; echo $x; g(){ y=1 export y=4; }; y=0; g; echo $y"],
      ["eval and source scopes do not pass it on", "x=1 eval 'export x=4'; echo \"[$x]\"; x=1 eval 'x=2 export x=4; echo $x'; echo \"[$x]\"; y=0; y=1 source /dev/stdin <<< 'export y=4'; echo $y"],
      ["local in a function takes the prefix value, exported", "f(){ x=1 local x; echo \"[$x]\"; x=5; declare -p x; }; x=0; f; echo $x; g(){ local y=0; y=1 local y; declare -p y; }; g"],
      ["local with a value and attributes", "f(){ x=1 local -i x=4+1; declare -p x; env | grep ^x=; }; f; g(){ y=1 declare y; echo \"[$y]\"; }; g"],
      ["a function's prefix binding is its local", "f(){ local x; echo \"[$x]\"; declare -p x; x=9; }; x=1 f; echo \"[$x]\"; g(){ export y=4; }; y=0; y=1 g; echo $y"],
      ["a function's own prefix export is one level", "f(){ x=2 export x=4; echo in $x; }; x=0; x=1 f; echo $x"],
      ["the prefix binding a function declared local is listed and unset as a local", `f(){ local -p; }; x=1 f; g(){ local x; local -p; unset x; echo "[\${x-u}]"; x=3; }; x=0; x=1 g; echo $x`],
      ["local -a drops a prefix value", "f(){ x=1 local -a x; declare -p x; }; f; g(){ local -a y; declare -p y; }; y=1 g"],
      ["posix mode", "set -o posix; x=1 let x=5; echo $x; y=0; y=1 export y=4; echo $y; z=1 eval z=3; echo $z; w=1 declare w=4; echo \"[$w]\""],
    ],
    it,
    expect,
  );
});

describe("declaration arguments with a subscript", () => {
  // the word a[$i]=v is expanded whole, subscript included, before declare sees it
  sameAsBash(
    [
      ["expansions and quotes in the subscript", `i=2; declare a[$i]=x a['1']=y a["0"]=z; declare -p a; f(){ local b[$i]=w; declare -p b; }; f`],
      ["command substitution, arithmetic, append, tilde", "i=1; y='p q'; declare a[$(echo 4)]=v a[$i]=$y a[$i+1]+=~; declare -p a"],
      ["associative keys", `declare -A A; k='x y'; declare A[$k]="$k" A['q']=1; declare -p A`],
      ["xtrace shows the expanded word", "i=3; set -x; declare a[$i]=v"],
      ["an empty subscript", "declare -A A; declare A[]=x; echo $?; declare a[]; echo $?"],
    ],
    it,
    expect,
  );
});

describe("local -a / -A on a local that holds a string", () => {
  // bash's make_local_array_variable: the string goes, the array starts empty (declare -a at
  // top level converts it instead)
  sameAsBash(
    [
      ["-a, -A and declare -a in a function", "f(){ local x=1; local -a x; declare -p x; local y=1; local -A y; declare -p y; local z=1; declare -a z; declare -p z; }; f"],
      ["with a value, at top level, an array already, localvar_inherit", "f(){ local x=1; local -a x=5; declare -p x; local -a y=(1); local -a y; declare -p y; }; f; x=1; declare -a x; declare -p x; g(){ local -I x; declare -p x; }; g"],
    ],
    it,
    expect,
  );
});
