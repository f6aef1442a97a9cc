// The interactive part's builtins, for the builtin registry: history and fc (the History instance
// is at ctx.sh.history; see builtins/history.ts), and bind (the line editor's key bindings;
// builtins/bind.ts).
import type { BuiltinDef } from "./context.ts";
import { fcBuiltin, historyBuiltin } from "./history.ts";
import { bindBuiltin } from "./bind.ts";

export const historyBuiltins: BuiltinDef[] = [historyBuiltin, fcBuiltin, bindBuiltin];
