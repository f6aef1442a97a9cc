// The JIT policy (src/sys/jit-policy.ts): run-once code starts with raised tier-up thresholds, and
// the normal policy comes back once the script repeats work: after HOT_LOOP_ITERATIONS loop
// iterations (counted by Shell.yieldDue) or HOT_FUNCTION_CALLS shell function calls.
import { describe, expect, it } from "vitest";
import { HOT_FUNCTION_CALLS, HOT_LOOP_ITERATIONS, jitIsHot } from "../../src/sys/jit-policy.ts";
import { Shell } from "../../src/shell.ts";
import { both } from "../helpers/shells.ts";

describe("JIT policy", () => {
  it("the loop threshold is one yieldDue looks at (a multiple of 64)", () => {
    expect(HOT_LOOP_ITERATIONS % 64).toBe(0);
    expect(HOT_FUNCTION_CALLS).toBeGreaterThan(0);
  });

  it("turns normal after HOT_LOOP_ITERATIONS loop iterations", () => {
    expect(jitIsHot()).toBe(false);
    const yieldDue = Shell.prototype.yieldDue;
    for (let i = 0; i < HOT_LOOP_ITERATIONS - 1; i++) yieldDue.call({} as Shell);
    expect(jitIsHot()).toBe(false);
    yieldDue.call({} as Shell);
    expect(jitIsHot()).toBe(true);
  });

  it("loops and function calls past the thresholds run as before", () => {
    const script = `f() { r=$(( r + $1 )); }; r=0; i=0
      while [ $i -lt ${HOT_LOOP_ITERATIONS + 100} ]; do f 2; i=$((i+1)); done
      for j in 1 2 3; do f $j; done; echo "$i $r"`;
    const { ipsh, ref } = both(script);
    expect(ipsh).toEqual(ref);
    expect(ipsh.stdout).toBe(`${HOT_LOOP_ITERATIONS + 100} ${2 * (HOT_LOOP_ITERATIONS + 100) + 6}\n`);
  });
});
