// The synchronous fast paths (execListSync, execSimpleSync, assignSync, callFunctionSync, if and
// case; see src/exec/resume.ts) must behave exactly like the generator paths they shortcut. These
// snippets cross between the two in every position: a command that waits (command substitution,
// an external command, a pipeline) first, in the middle and last of a list, inside a function
// body, an if condition, a case subject or pattern, an assignment value; and control flow
// (return, break, continue, set -e, traps) thrown from either side. Compared with bash.
import { describe, expect, it } from "vitest";
import { both, normErr } from "../helpers/shells.ts";
import { parseTestInt } from "../../builtins/test-ops.ts";

const SAME: [string, string][] = [
  ["waits mid-list", "a=1; b=$(echo 2); c=3; echo $a $b $c"],
  ["an external command between builtins", "x=1; /bin/echo ext; y=2; echo $x $y; echo $_"],
  ["status of a command with no name is its last command substitution", "x=$(exit 3); echo $?; y=1 z=$(exit 4); echo $?; w=1; echo $?"],
  ["assignment values with and without substitution", "a=x b=$(echo y) c=${a}z; echo $a $b $c"],
  ["function with a substitution in its body", "f() { local v=$(echo in); r=$v; return 3; }; f; echo $? $r"],
  ["function returning from a loop", "f() { for i in 1 2 3; do if [ $i = 2 ]; then return $i; fi; done; }; f; echo $?"],
  ["return after a substitution", "f() { x=$(echo a); return 7; echo no; }; f; echo $? $x"],
  ["break and continue through functions", "i=0; while [ $i -lt 5 ]; do i=$((i+1)); case $i in 2) continue ;; 4) break ;; esac; echo $i; done; echo end $i"],
  ["break from a nested loop by count", "for a in 1 2; do for b in x y; do [ $b = y ] && break 2; echo $a$b; done; done; echo $?"],
  ["while condition with a substitution", "n=0; while [ $(echo $n) -lt 3 ]; do n=$((n+1)); done; echo $n"],
  ["if and elif conditions that wait", "if [ $(echo a) = b ]; then echo 1; elif x=$(echo c); [ $x = c ]; then echo 2; else echo 3; fi"],
  ["if with no branch taken is status 0", "false; if false; then :; fi; echo $?"],
  ["case subject and patterns that wait", "case $(echo foo) in $(echo bar)) echo no ;; f*) echo yes ;; esac"],
  ["case with no match is status 0", "false; case x in y) ;; esac; echo $?"],
  ["case fall-through ;& and ;;&", "case a in a) echo 1 ;& b) echo 2 ;; c) echo 3 ;; esac; case ab in a*) echo x ;;& *b) echo y ;;& c) echo z ;; esac"],
  ["case body status", "case a in a) false ;; esac; echo $?"],
  ["set -e in a condition and after", "set -e; if false; then :; fi; while false; do :; done; echo ok; false; echo not"],
  ["set -e with a waiting command", "set -e; x=$(false); echo not reached"],
  ["ERR trap on the fast path", "trap 'echo err $?' ERR; false; x=1; (exit 2); echo done"],
  ["RETURN trap set in the function", "f() { trap 'echo ret' RETURN; x=$(echo a); return 2; }; f; echo $?; g() { trap 'echo ret2' RETURN; return 3; }; g; echo $?"],
  ["DEBUG trap sees every command", "trap 'echo dbg' DEBUG; a=1; echo $a"],
  ["$_ after builtins, functions and assignments", "echo a b; echo $_; f() { :; }; f x y; echo $_; v=1; echo \"[$_]\""],
  ["PIPESTATUS after lone commands", "false; echo ${PIPESTATUS[@]}; true | false; echo ${PIPESTATUS[@]}; x=1; echo ${PIPESTATUS[@]}"],
  ["prefix assignments to a builtin and a function", "x=out; f() { echo $x; }; x=in f; echo $x; IFS=: read a b <<< 'p:q'; echo $a $b; echo \"[$IFS]\""],
  ["readonly assignment error abandons the line", "readonly r=1; r=2; echo no\necho next $r"],
  ["nested functions and positional parameters", "g() { echo g $#; }; f() { g a b c; echo f $1; }; f x; echo top $#"],
  ["xtrace on and off", "set -x; a=1; echo $a; set +x; echo quiet"],
  ["a loop writing into a pipe", "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done | tr '\\n' ,"],
  ["a disabled builtin runs the external command", "enable -n echo; echo ext; enable echo"],
  ["x+=v as a prefix appends to the outer value, for builtins and functions too", "a=1; a+=2 eval 'echo $a'; echo $a; f() { ls / >/dev/null && echo ok; }; PATH+=:/x f; x=ab; x+=cd printenv x; g() { echo \"$y\"; }; y=1; y+=2 g"],
  ["extquote: $'...' and $\"...\" in a ${...} operand inside double quotes, not in a here-document", "y=a_b; echo \"${x:-$'\\x41'}\" \"${x:-$\"hi\"}\" \"${y/$'_'/-}\" \"$'lit'\"; cat <<EOF\n${x:-$'\\x41'}\nEOF"],
  ["complete -r of a name without a spec is not an error", "complete -r nosuch; echo $?; complete -W x foo; complete -r foo nosuch; echo $?; complete -p foo; echo $?"],
  ["exec's messages: not found, a directory, execfail", "(exec nosuchcmd); echo $?; (exec /nonexist/x); echo $?; (exec /etc); echo $?; shopt -s execfail; exec nosuch; echo still $?"],
  ["a background job keeps readonly, nameref, case and integer attributes", "readonly ro=1; { ro=2; echo \"ro=$ro\"; } 2>/dev/null & wait; declare -A m=([k]=v); declare -n r=m; { echo \"${r[k]}\"; } & wait; declare -n q=x2; x2=5; { q=7; echo \"x2=$x2\"; } & wait; declare -u up; { up=abc; echo $up; } & wait; declare -l lo=ABC; { lo=XY; echo $lo; } & wait; declare -i n; { n=2+3; echo $n; } & wait"],
  ["aliases are expanded once in a background job and a process substitution", "shopt -s expand_aliases\nalias echo='echo X'\n{ echo hi; } & wait\necho hi & wait\ncat <(echo ps)\nf() { eval 'echo ev'; }; f & wait"],
  ["a pipeline stage's 'command not found' goes to its redirected stderr", "nosuch 2>/dev/null | cat; echo ${PIPESTATUS[@]}"],
  ["PATH=dir cmd is searched in that PATH in pipelines and background jobs too", "PATH=/nonexist ls 2>/dev/null | cat; echo ${PIPESTATUS[@]}; PATH=/nonexist ls 2>/dev/null & wait $!; echo $?"],
  ["job texts space redirections as bash prints them", "sleep 0.5 >/dev/null 2>&1 & { sleep 0.5; } </dev/null & sleep 0.5 <<<x >>/dev/null & sleep 0.5 &>/dev/null & jobs; wait"],
  ["export and readonly of a readonly variable name no builtin, typeset does", "readonly a=1; readonly a=2; echo $?; export a=3; echo $?; typeset a=4; echo $?"],
  ["type and command see a disabled builtin as the file", "enable -n echo test; type echo; type -t test; command -v echo; command -V test; enable echo; type -t echo"],
  ["exit inside a function in a loop", "f() { exit 4; }; while :; do f; done; echo no"],
  // ${x%%p} is one unanchored search (pattern.ts affixRegExp "%%"), ${x%p} a sticky test per position
  [
    "suffix and prefix removal",
    "n=$'a\\nb.c\\nd'; for v in /usr/lib/libfoo.so.1.2 a.b.c 'h\u00e9llo.w\u00f6rld' '' \"$n\" ... abc; do " +
      "printf '[%s|%s|%s|%s|%s|%s|%s]\\n' \"${v%%.*}\" \"${v%.*}\" \"${v%%*}\" \"${v%%[bc]*}\" \"${v%%?}\" \"${v%%l*b}\" \"${v%%\\.*}\"; " +
      "printf '[%s|%s|%s|%s]\\n' \"${v#*/}\" \"${v##*/}\" \"${v##*.}\" \"${v#*.}\"; done; " +
      "shopt -s extglob; a=ABC.def; echo \"${a%%+(d|e)f}\" \"${a%%[A-Z]*}\"",
  ],
];

describe("fast paths behave like bash", () => {
  for (const [name, script] of SAME) {
    it(name, () => {
      const r = both(script);
      expect(r.ipsh.stdout).toBe(r.ref.stdout);
      expect(normErr(r.ipsh.stderr)).toBe(normErr(r.ref.stderr));
      expect(r.ipsh.status).toBe(r.ref.status);
    });
  }
});

describe("parseTestInt (test's integers)", () => {
  it("reads small integers without a regular expression, others as before", () => {
    expect(parseTestInt("0")).toBe(0);
    expect(parseTestInt("42")).toBe(42);
    expect(parseTestInt("-17")).toBe(-17);
    expect(parseTestInt("999999999999999")).toBe(999999999999999);
    expect(parseTestInt("-999999999999999")).toBe(-999999999999999);
    expect(parseTestInt("9999999999999999")).toBe(9999999999999999n);
    expect(parseTestInt(" 5 ")).toBe(5n);
    expect(parseTestInt("+5")).toBe(5n);
    expect(parseTestInt("-")).toBeUndefined();
    expect(parseTestInt("")).toBeUndefined();
    expect(parseTestInt("1a")).toBeUndefined();
    expect(parseTestInt("a1")).toBeUndefined();
    expect(parseTestInt("--1")).toBeUndefined();
    expect(parseTestInt("99999999999999999999")).toBeUndefined();
  });
});
