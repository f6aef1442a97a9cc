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
import { DEBUG_TRAP, ERR_TRAP, RETURN_TRAP } from "../signals/traps.ts";

/** Let the event loop run (if asked) and then run pending traps. */
export function* safePoint(sh: Shell, yieldLoop = false): Gen<void> {
  if (yieldLoop) {
    yield new Promise<void>((resolve) => setImmediate(resolve));
    sh.markYielded();
  }
  if (!sh.inTrap && processDispositions().hasPending()) yield* runPendingTraps(sh);
  checkInterrupt();
}

/** Run a trap action string with $? preserved and no re-entry. `slot` (DEBUG, ERR, RETURN):
 *  only that trap is off while the action runs; the others, and signal traps, still apply. */
export function* runTrapAction(sh: Shell, action: string, condition = "trap", slot?: number): Gen<void> {
  if (tracing) emit({ kind: "trap", condition, action });
  if (slot !== undefined) return yield* runPseudoTrap(sh, action, slot);
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

function* runPseudoTrap(sh: Shell, action: string, slot: number): Gen<void> {
  const saved = sh.lastStatus;
  const mark = sh.traps.suspend(slot);
  try {
    yield* sh.runString(action, "trap");
  } finally {
    sh.traps.resume(slot, action, mark);
    sh.lastStatus = saved;
  }
}

/** The ERR trap after a failed untested command (synchronous: it runs to completion). */
export function runErrTrap(sh: Shell, status: number): void {
  const action = sh.traps.get("ERR");
  if (action === undefined || action === "" || sh.inTrap) return;
  const g = runTrapAction(sh, action, "ERR", ERR_TRAP);
  // ERR traps are short; they run synchronously (a yield inside is resolved by finishing it)
  let r = g.next();
  while (!r.done) r = g.next();
  sh.lastStatus = status;
}

export function* runDebugTrap(sh: Shell): Gen<void> {
  const action = sh.traps.get("DEBUG");
  if (action === undefined || action === "") return;
  yield* runTrapAction(sh, action, "DEBUG", DEBUG_TRAP);
}

export function* runReturnTrap(sh: Shell): Gen<void> {
  const action = sh.traps.get("RETURN");
  if (action === undefined || action === "") return;
  yield* runTrapAction(sh, action, "RETURN", RETURN_TRAP);
}

/** Cheap check used after every command. */
export function pendingTraps(): boolean {
  return processDispositions().hasPending();
}
