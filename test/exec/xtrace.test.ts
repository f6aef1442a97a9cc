// set -x traces compared with bash 5.2 (stderr is the trace, so it is compared exactly).
import { describe, expect, it } from "vitest";
import { sameAsBash } from "../helpers/shells.ts";

describe("xtrace of declaration builtins with compound assignments", () => {
  // bash traces each compound assignment first, elements single-quoted, then the command with
  // only the name in its place
  sameAsBash(
    [
      ["declare a+=(v)", "a=(1); set -x; declare a+=(2)"],
      ["declare -a with quoting", `set -x; declare -a a=(1 "2 3" it\\'s "" $'\\t')`],
      ["local in a function, beside a scalar", "f(){ local a=(x y) b=2; }; set -x; f"],
      ["assoc keys", "set -x; declare -A A=([k]=v [j]+=w)"],
      ["typeset, export, readonly", "set -x; typeset b=(1); export c=(1); readonly r=(1 2)"],
      ["several words, split and keyed", `x="p q"; set -x; declare x=1 y=([3]=x y $x "$x") z`],
      ["empty compound, quoted word", `set -x; declare a=(); declare -x "q=(1)"`],
      ["with a prefix assignment and a redirection", "set -x; x=1 declare a=(1) >/dev/null"],
      ["PS4", "PS4='>> '; set -x; declare a=(1) b=(2)"],
    ],
    it,
    expect,
  );
});
