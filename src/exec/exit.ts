// Running the EXIT trap: once, when a shell or subshell ends (exit, end of input, a fatal error,
// or a deadly trapped signal). $? inside the trap is the exit status; `exit` in the trap action
// sets the final status (src/signals/run-traps.ts has the rules).
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { runExitTrap } from "../signals/run-traps.ts";

export function* runExitTrapOf(sh: Shell, status: number): Gen<number> {
  if (sh.traps.get("EXIT") === undefined) return status;
  sh.lastStatus = status;
  return yield* runExitTrap(sh);
}
