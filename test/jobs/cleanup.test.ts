// When a non-interactive shell forgets its finished jobs: bash does it when it starts a process
// or has waited for a foreground one, not after every command, so `wait %-` right after
// `kill %-` (builtins only in between) still finds the job. Compared with bash.
import { describe, expect, it } from "vitest";
import { IPSH, run, sameAsBash } from "../helpers/shells.ts";

const SAME: [string, string][] = [
  ["a job that died during a foreground command is forgotten", "sleep 0.05 & sleep 0.5; wait %1; echo \"w1=$?\""],
  ["two jobs forgotten by later foreground commands", "sleep 0.05 & sleep 0.5; sleep 0.05 & sleep 0.5; wait %1; echo \"w1=$?\"; wait %2; echo \"w2=$?\""],
  // (background jobs are external commands here: an in-process job re-executes ipsh, whose
  // start-up on a loaded machine would eat into the margins)
  ["jobs after a foreground command lists nothing finished", "sh -c 'exit 3' & sleep 0.5; jobs; wait %1; echo \"w=$?\""],
  ["wait $pid still has the status of a forgotten job", "sh -c 'exit 7' & p=$!; sleep 0.5; wait $p; echo \"p=$?\""],
  ["wait with no operand", "sh -c 'exit 5' & sleep 0.1 & wait; echo \"all=$?\"; jobs"],
];

describe("finished jobs of a non-interactive shell", () => {
  sameAsBash(SAME, it, expect);
  it("a job killed between builtins is still waitable", () => {
    // (compared with bash's answer rather than a bash run: bash itself races here now and then)
    const r = run([IPSH, "-c", "sleep 0.2 & sleep 0.4 &\nkill -15 %-\necho kill=$?\nwait %-\necho wait=$?"]);
    expect(r.stdout).toBe("kill=0\nwait=143\n");
  });
});

describe("read -t on input that never ends a line", () => {
  sameAsBash([["a device of NUL bytes times out", "read -t 0.2 x < /dev/zero; echo \"rc=$? [$x]\""]], it, expect);
});
