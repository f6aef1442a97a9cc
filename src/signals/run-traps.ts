// Running trap actions at safe points.
//
// A caught signal only marks itself pending (dispositions.ts); the executor calls
// runPendingTraps between commands, after a foreground wait, and while `wait` waits. This is
// how bash and mrsh do it: shell code never runs inside the JS signal callback.
//
// Semantics (bash 5.2):
// - Pending signals run in signal-number order, each trap once however many deliveries
//   coalesced meanwhile.
// - $? inside the action starts as it was before the trap, and is put back afterwards: a trap
//   is invisible to the interrupted code's $?.
// - No re-entry: while an action runs, signals that arrive stay pending and run after it, from
//   the same loop, never nested inside the action's own safe points.
// - `exit` in an action ends the shell; `return` in an action run inside a function returns
//   from that function (ExitSignal / ReturnSignal propagate unchanged).
// - A signal whose trap is not set in the current state (an in-process subshell whose trap
//   table was reset) stays pending for the state that set it.
import type { Gen } from "../exec/gen.ts";
import { ExitSignal } from "../exec/control.ts";
import type { Dispositions } from "./dispositions.ts";
import { processDispositions } from "./process-dispositions.ts";
import { NSIG, signalName } from "./table.ts";
import { tracing, emit } from "../explain/trace.ts";
import type { TrapTable } from "./traps.ts";

/** What running traps needs from a shell state. */
export interface TrapHost {
  readonly traps: TrapTable;
  lastStatus: number;
  runString(source: string, name: string, resetLine?: boolean): Gen<number>;
}

/** The signal whose trap action is running (0 = none), process-wide like the dispositions. */
let runningSignal = 0;
/** While the EXIT trap runs: the status the shell was exiting with, else -1. */
let exitTrapStatus = -1;

/** The signal whose trap is running now, or 0. */
export function runningTrapSignal(): number {
  return runningSignal;
}

/** The shell state whose EXIT trap is running (a subshell inside the action is another state). */
let exitTrapShell: TrapHost | undefined;

/** While the EXIT trap of `sh` runs, the status it was exiting with: `exit` without an operand
 *  inside the EXIT trap exits with it (bash: `trap 'false; exit' EXIT; exit 3` exits 3), but not
 *  in a subshell of the action (`trap '(:; exit) && echo ok' EXIT; false` prints ok).
 *  Undefined otherwise. */
export function exitTrapSavedStatus(sh: TrapHost): number | undefined {
  return exitTrapStatus < 0 || sh !== exitTrapShell ? undefined : exitTrapStatus;
}

/** The lowest pending signal that has an action in this trap table, or 0. */
function nextRunnable(disp: Dispositions, traps: TrapTable): number {
  for (let sig = 1; sig < NSIG; sig++) {
    if (disp.isPending(sig) && traps.hasAction(sig)) return sig;
  }
  return 0;
}

/** Run the actions of pending trapped signals (a safe point). Cheap when nothing is pending. */
export function* runPendingTraps(
  sh: TrapHost,
  disp: Dispositions = processDispositions(),
): Gen<void> {
  if (!disp.hasPending() || runningSignal !== 0) return;
  for (;;) {
    const sig = nextRunnable(disp, sh.traps);
    if (sig === 0) break;
    disp.clearPending(sig);
    const action = sh.traps.get(sig)!;
    const saved = sh.lastStatus;
    runningSignal = sig;
    if (tracing) emit({ kind: "trap", condition: signalName(sig) ?? String(sig), action });
    try {
      yield* sh.runString(action, "trap", true);
    } finally {
      runningSignal = 0;
    }
    sh.lastStatus = saved;
  }
  // a deadly signal caught only for the EXIT trap: run it, then die of the signal (bash's
  // termsig handler), so that the parent sees the signal, not an exit status
  const deadly = disp.takeDeadly();
  if (deadly !== 0) {
    yield* runExitTrap(sh);
    disp.prepareToDie(deadly);
    process.kill(process.pid, deadly);
    // the signal is delivered before kill returns; should it not be, exit as if it had been
    throw new ExitSignal(128 + deadly);
  }
}

/** Run the EXIT trap (once: it is removed first, so an `exit` inside does not run it again).
 *  Returns the status the shell must exit with: the status it was exiting with, unless the
 *  action calls `exit N`. */
export function* runExitTrap(sh: TrapHost): Gen<number> {
  const status = sh.lastStatus;
  const action = sh.traps.takeExitTrap();
  if (action === undefined || action === "") return status;
  const outer = exitTrapStatus;
  const outerShell = exitTrapShell;
  exitTrapStatus = status;
  exitTrapShell = sh;
  if (tracing) emit({ kind: "trap", condition: "EXIT", action });
  try {
    yield* sh.runString(action, "trap", true);
  } catch (e) {
    if (e instanceof ExitSignal) return e.status;
    throw e;
  } finally {
    exitTrapStatus = outer;
    exitTrapShell = outerShell;
  }
  sh.lastStatus = status;
  return status;
}
