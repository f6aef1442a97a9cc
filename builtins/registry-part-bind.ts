// The line editor's key bindings, for the builtin registry: bind (builtins/bind.ts).
import type { BuiltinDef } from "./context.ts";
import { bindBuiltin } from "./bind.ts";

export const bindBuiltins: BuiltinDef[] = [bindBuiltin];
