// How builtins read their arguments, compared with bash 5.2: no_options (builtins without
// options still reject -x and skip --), the one numeric argument of exit/return/break/continue/
// shift/history (get_numeric_arg: "--" skipped, "numeric argument required", "too many
// arguments" abandoning the line), and the option letters of enable, disown, getopts, history.
import { describe, expect, it } from "vitest";
import { both, normErr } from "../helpers/shells.ts";

/** sameAsBash, where bash -c names errors inside functions "environment: line N:". */
function sameAsBash(cases: readonly (readonly [string, string])[], it: (n: string, f: () => void) => void, expect: (v: unknown) => { toBe(x: unknown): void }): void {
  for (const [name, script] of cases) {
    it(name, () => {
      const r = both(script);
      expect(r.ipsh.stdout).toBe(r.ref.stdout);
      expect(normErr(r.ipsh.stderr)).toBe(normErr(r.ref.stderr.replaceAll("environment: line ", "bash: line ")));
      expect(r.ipsh.status).toBe(r.ref.status);
    });
  }
}

describe("builtins without options (bash's no_options)", () => {
  sameAsBash(
    [
      ["eval -z", "eval -z; echo st=$?"],
      ["eval - and --", "eval - ; echo st=$?; eval -- echo -- hi; eval -- -z; echo st=$?"],
      ["source -z", "source -z; echo st=$?; . -z; echo st=$?; . -- /dev/null; echo st=$?"],
      ["times -z", "times -z; echo st=$?"],
      ["builtin -z and --", "builtin -z; echo st=$?; builtin -- echo hi; builtin -; echo st=$?"],
      ["caller -z", "f() { caller -z; echo st=$?; caller -- 0; echo st=$?; }; f"],
      ["getopts -z and --", "getopts -z; echo st=$?; getopts -- a v -a; echo $v; getopts -- a; echo st=$?"],
    ],
    it,
    expect,
  );
});

describe("numeric arguments (bash's get_exitstat and get_numeric_arg)", () => {
  sameAsBash(
    [
      ["return --", "f() { return -- 4; }; f; echo $?; g() { return -- x; }; g; echo $?"],
      ["return too many", "f() { return 1 2; }; f; echo not reached\necho next $?"],
      ["exit too many", "exit 1 2; echo not reached\necho next $?"],
      ["exit -- too many", "exit -- 3 4; echo not reached\necho next $?"],
      ["exit x y", "exit x y; echo not reached"],
      ["exit with blanks and big numbers", "(exit ' 3 '); echo $?; (exit 4294967297); echo $?; exit 99999999999999999999"],
      ["break --", "for i in 1 2; do break -- 1; done; echo $i; for i in 1 2; do continue --; done; echo $i"],
      ["break too many", "for i in 1 2; do break 1 2; done; echo not reached\necho next $?"],
      ["break not a number ends the shell", "for i in 1; do break x; done; echo not reached\necho not reached"],
      ["continue not a number in a subshell", "(for i in 1; do continue -z; done; echo no); echo $?"],
      ["break outside a loop ignores its arguments", "break x y; echo $?"],
      ["shift", "set -- a b c; shift --; echo $1; shift -z; echo $?; shift ' 1'; echo $1; shift -1; echo $?"],
      ["shift too many", "set -- a b c; shift 1 2; echo not reached\necho next $? $1"],
      ["too many in eval abandons the caller's line", "eval 'exit 1 2; echo a'; echo b\necho next $?"],
      ["too many in a command substitution", "x=$(exit 1 2; echo a); echo $? $x"],
    ],
    it,
    expect,
  );
  describe("POSIX mode", () => {
    sameAsBash(
      [
        ["shift too many exits", "set -o posix; set -- a; shift 1 2\necho not reached"],
        ["shift not a number goes on", "set -o posix; set -- a; shift x; echo next $?"],
        ["shift out of range says so and goes on", "set -o posix; set -- a; shift 3; echo next $?"],
        ["exit too many exits", "set -o posix; exit 1 2\necho not reached"],
      ],
      it,
      expect,
    );
  });
});

describe("option letters", () => {
  sameAsBash(
    [
      ["history usage", "history; echo $?; history +5; echo $?; history -5; echo $?; history f; echo $?; history too many args; echo $?"],
      ["history too many numbers", "history 1 2; echo not reached\necho next $?"],
      ["history -d", "history -d; echo $?; history -d x; echo $?; history -ar; echo $?"],
      ["enable", "enable -z; echo $?; enable -- echo; echo $?; enable -d echo; echo $?; enable -n eval; enable -s; enable -n"],
      ["disown", "disown -z; echo $?; disown --; echo $?"],
      ["command -v/-V succeed when any name is found", "command -v nosuch ls; echo $?; command -v nosuch; echo $?; command -V ls nosuch; echo $?; command -V nosuch; echo $?"],
    ],
    it,
    expect,
  );
});
