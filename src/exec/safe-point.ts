// Safe points: where the interpreter lets the event loop run (so Bun can deliver signals to
// their JS callbacks) and runs pending trap actions. Trap actions never run inside the
// runtime's own signal callbacks, only here: between commands, at loop back-edges, and when a
// builtin waits.
//
// Long-running loops made only of builtins never give the event loop a turn by themselves,
// so loops call sh.yieldDue() each iteration: every few milliseconds it asks for a yield, which
// costs one macrotask turn.

import { tracing, emit } from "../explain/trace.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { processDispositions } from "../signals/process-dispositions.ts";
import { checkInterrupt } from "./interrupt.ts";
import { runPendingTraps } from "../signals/run-traps.ts";

/** Let the event loop run (if asked) and then run pending traps. */
export function* safePoint(sh: Shell, yieldLoop = false): Gen<void> {
  if (yieldLoop) {
    yield new Promise<void>((resolve) => setImmediate(resolve));
    sh.markYielded();
  }
  if (!sh.inTrap && processDispositions().hasPending()) yield* runPendingTraps(sh);
  checkInterrupt();
}

/** Run a trap action string with $? preserved and no re-entry. */
export function* runTrapAction(sh: Shell, action: string, condition = "trap"): Gen<void> {
  if (tracing) emit({ kind: "trap", condition, action });
  const saved = sh.lastStatus;
  const wasInTrap = sh.inTrap;
  sh.inTrap = true;
  try {
    yield* sh.runString(action, "trap");
  } finally {
    sh.inTrap = wasInTrap;
    sh.lastStatus = saved;
  }
}

/** The ERR trap after a failed untested command (synchronous: it runs to completion). */
export function runErrTrap(sh: Shell, status: number): void {
  const action = sh.traps.get("ERR");
  if (action === undefined || action === "" || sh.inTrap) return;
  const g = runTrapAction(sh, action);
  // ERR traps are short; they run synchronously (a yield inside is resolved by finishing it)
  let r = g.next();
  while (!r.done) r = g.next();
  sh.lastStatus = status;
}

export function* runDebugTrap(sh: Shell): Gen<void> {
  const action = sh.traps.get("DEBUG");
  if (action === undefined || action === "") return;
  yield* runTrapAction(sh, action);
}

export function* runReturnTrap(sh: Shell): Gen<void> {
  const action = sh.traps.get("RETURN");
  if (action === undefined || action === "") return;
  yield* runTrapAction(sh, action);
}

/** Cheap check used after every command. */
export function pendingTraps(): boolean {
  return processDispositions().hasPending();
}
