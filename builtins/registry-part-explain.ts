// The teaching-view builtins (issues 2 and 7): signals, fds, ipc, explain. Regular (not special)
// builtins: they only read state and never change the shell's variables or control flow.
import type { BuiltinDef } from "./context.ts";
import { def as fds } from "./fds.ts";
import { def as ipc } from "./ipc.ts";
import { def as signals } from "./signals.ts";
import { def as explain } from "./explain.ts";

export const builtins: BuiltinDef[] = [signals, fds, ipc, explain];
export default builtins;
