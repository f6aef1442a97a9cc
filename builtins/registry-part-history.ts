// The interactive part's builtins, for the builtin registry: history and fc (the History instance
// is at ctx.sh.history; see builtins/history.ts).
import type { BuiltinDef } from "./context.ts";
import { fcBuiltin, historyBuiltin } from "./history.ts";

export const historyBuiltins: BuiltinDef[] = [historyBuiltin, fcBuiltin];
