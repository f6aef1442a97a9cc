// JavaScriptCore's JIT tier-up policy for a shell process.
//
// Most of what a shell script runs is run-once code: start-up, parsing the script, and the
// straight-line commands of a script like an autoconf configure, each of which exercises a
// different path of the interpreter a few times. Under the normal policy JavaScriptCore compiles
// every interpreter function that reaches a few hundred calls with its optimising tiers on
// background threads, and for such scripts that compilation costs more CPU than the whole
// interpretation (measured: configure ~320 ms of JIT threads against ~290 ms of the main thread),
// competes with the script's own child processes for the CPUs, and is mostly thrown away when
// the process exits. Bun.unsafe.setJITPolicy(scale) multiplies the tier-up thresholds: ipsh
// starts with SCRIPT_SCALE, which keeps run-once code in the interpreter and the baseline JIT
// (configure: JIT threads ~115 ms, main thread ~9% less), and goes back to the normal policy as
// soon as the script shows that it repeats work (HOT_LOOP_ITERATIONS loop iterations or
// HOT_FUNCTION_CALLS function calls in all), or when it becomes interactive, so that loops get the
// optimising JIT as early as before.

/** Tier-up threshold scale for run-once code (1 = JavaScriptCore's normal policy). */
export const SCRIPT_SCALE = 10;
/** Loop iterations (all loops together) after which the code is treated as hot (a multiple of 64:
 *  Shell.yieldDue looks at its counter every 64 iterations). 128 rather than 1024: the loop
 *  workloads (bash-ext, func-call) got back a few percent of wall time, configure no worse. */
export const HOT_LOOP_ITERATIONS = 128;
/** Shell function calls (all functions together) after which the code is treated as hot. */
export const HOT_FUNCTION_CALLS = 128;

type SetPolicy = (scale: number) => void;
const setPolicy: SetPolicy | undefined = (globalThis as { Bun?: { unsafe?: { setJITPolicy?: SetPolicy } } }).Bun
  ?.unsafe?.setJITPolicy;

let hot = false;

/** The policy for run-once code: called once, by the first module the entry point imports
 *  (jit-policy-start.ts), so that it applies to start-up too. */
export function jitForScript(): void {
  if (setPolicy && !hot) setPolicy(SCRIPT_SCALE);
}

/** The normal policy from now on (the shell repeats work, or is interactive). */
export function jitForHotCode(): void {
  if (hot) return;
  hot = true;
  if (setPolicy) setPolicy(1);
}

/** Whether the normal policy is back (for tests). */
export function jitIsHot(): boolean {
  return hot;
}

let calls = 0;
/** Counts a shell function call (the loop iterations are counted by Shell.yieldDue). */
export function countFunctionCall(): void {
  if (++calls === HOT_FUNCTION_CALLS) jitForHotCode();
}

