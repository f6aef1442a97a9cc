// Where ERR, DEBUG and RETURN traps apply, compared with bash 5.2 on whole scripts: functions
// hide them unless set -E / set -T (or declare -ft), a trap a function sets stays, compound
// commands do not run the ERR trap again for a failure inside them, and LINENO in the trap.
import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IPSH, run } from "../helpers/shells.ts";

/** Run the script as a file in both shells (error messages then carry the same line prefix). */
function sameAsBash(script: string): void {
  const dir = mkdtempSync(join(tmpdir(), "ipsh-trap-"));
  try {
    const file = join(dir, "t.sh");
    writeFileSync(file, script);
    const a = run([IPSH, file], { cwd: dir });
    const b = run(["/usr/bin/bash", file], { cwd: dir });
    expect(a.stdout).toBe(b.stdout);
    expect(a.stderr).toBe(b.stderr);
    expect(a.status).toBe(b.status);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CASES: [string, string][] = [
  [
    "ERR runs once per failing command, not again for the compound around it",
    `trap 'echo err $LINENO' ERR
(false)
(( 0 ))
[[ -n "" ]]
false | false
! true
if false; then :; fi
while false; do :; done
{ false; }
f() { false; }
f
g() { return 3; }
g
x=$(false)
false && true
true && false
for i in 1; do false; done
case a in a) false;; esac
{ true; } > /nonexistent/x
(exit 2) > /nonexistent/x
echo done
`,
  ],
  [
    "ERR inside functions only with set -E; LINENO is the call's after it returns",
    `trap 'echo line=$LINENO' ERR
passing() {
  false
  true
}
failing() {
  true
  false
}
passing
failing
set -o errtrace
passing
failing
echo ok
`,
  ],
  [
    "an ERR trap a function sets stays set",
    `trap 'echo err' ERR
f() { trap 'echo ferr' ERR; false; }
f
false
trap -p ERR
`,
  ],
  [
    "RETURN only with set -T, or when the function sets it",
    `trap 'echo ret' RETURN
f() { :; }
f
echo --
set -T
f
echo --
set +T
g() { trap 'echo gret' RETURN; }
g
echo after-g
f
trap -p RETURN
`,
  ],
  [
    "DEBUG is hidden inside functions without functrace",
    `trap 'echo dbg $LINENO' DEBUG
f() {
  echo in
}
f
trap - DEBUG
`,
  ],
  [
    "DEBUG before (( )), [[ ]], case, select, each for iteration and arithmetic for expression",
    `trap 'echo dbg $LINENO' DEBUG
for x in a b; do
  :
done
for ((i=0; i<1; i++)); do :; done
case a in a) :;; esac
x=1
if [[ a ]]; then :; fi
while (( 0 )); do :; done
select y in; do :; done </dev/null
trap - DEBUG
`,
  ],
  [
    "DEBUG before each simple-command stage of a pipeline, at the stage's line",
    `trap 'echo dbg $LINENO' DEBUG
false | false | false
{ echo x; echo y; } | wc -l
date |
  cat |
  wc -l
trap - DEBUG
`,
  ],
  [
    "DEBUG and ERR fire inside each other's actions, never inside their own",
    `trap 'false; echo $LINENO err' ERR
trap 'false; echo $LINENO debug' DEBUG
false
echo after=$?
trap - DEBUG ERR
trap 'echo once; trap - DEBUG' DEBUG
echo a
echo b
`,
  ],
];

describe("trap scope vs bash", () => {
  for (const [what, script] of CASES) it(what, () => sameAsBash(script));
});
