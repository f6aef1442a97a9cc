// builtins/options.ts: the leading options of cd, pwd, umask, type, hash, jobs, unset, alias,
// unalias and shopt read as bash reads them (grouped letters, "--", an argument attached or in
// the next word, bash's errors and usage lines with status 2). Compared with bash.
import { describe, expect, it } from "vitest";
import { sameAsBash } from "../helpers/shells.ts";

const SAME: [string, string][] = [
  ["cd and pwd", "cd -x; echo $?; cd -P /tmp; pwd; cd -L -- /; pwd; cd -LP /usr; pwd -P; pwd -x; echo $?; cd -- -nope; echo $?"],
  ["umask", "umask -S; umask -p; umask -pS; umask -q; echo $?; umask -- 022; umask; umask - 2>&1; echo $?"],
  ["type", "type -t echo ls; type -a true; type -z; echo $?; type -P ls; type -- -x; echo $?; type -ta cd"],
  ["hash -p with the argument attached, in the next word, missing", "hash -p /bin/ls myls; hash -t myls; hash -l; hash -p; echo $?; hash -p/bin/cat c2; hash -t c2; hash -x; echo $?"],
  ["hash -r, -d", "hash -p /bin/ls a; hash -r; hash; hash -d nope; echo $?; hash -rt; echo $?"],
  ["jobs", "jobs -z; echo $?; jobs -lz; echo $?; jobs -- -l; echo $?; jobs -x; echo $?; jobs -x echo hi; sleep 1 & jobs -x echo %2 x; jobs -x -l echo a; jobs -x nosuchcmd; echo $?; kill %1"],
  ["unset", "unset -z; echo $?; unset -fz; echo $?; x=1; unset -- x; echo ${x-u}; unset -v -- -x; echo $?; unset -fv x; echo $?; unset -f; echo $?"],
  ["alias and unalias", "alias -z; echo $?; alias -pz; echo $?; alias -p -- a=b; alias; alias a=c; alias -p x=y; alias -- -x=1; alias; unalias -z; echo $?; unalias --; echo $?; unalias -a -- x; alias; unalias -- nosuch; echo $?"],
  ["shopt", "shopt -z; echo $?; shopt -- extglob; shopt -so; echo $?; shopt -su extglob; echo $?; shopt -o -- errexit; shopt -q -z; echo $?; shopt -qs extglob; shopt -p extglob"],
];

describe("builtin options behave like bash's", () => {
  sameAsBash(SAME, it, expect);
});
