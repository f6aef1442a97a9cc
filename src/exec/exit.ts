// Running the EXIT trap: once, when a shell or subshell ends (exit, end of input, a fatal error,
// or a deadly trapped signal). $? inside the trap is the exit status; `exit` in the trap action
// sets the final status.
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { ExitSignal } from "./control.ts";

export function* runExitTrapOf(sh: Shell, status: number): Gen<number> {
  const action = sh.traps.takeExitTrap();
  if (action === undefined || action === "") return status;
  sh.lastStatus = status;
  try {
    yield* sh.runString(action, "trap");
  } catch (e) {
    if (e instanceof ExitSignal) return e.status;
    throw e;
  }
  return status;
}
