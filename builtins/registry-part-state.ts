// The builtins that manage shell state (variables, attributes, options, positional parameters),
// for the builtin registry to merge.
import type { BuiltinDef } from "./context.ts";
import { declareBuiltin, exportBuiltin, localBuiltin, readonlyBuiltin, typesetBuiltin } from "./declare.ts";
import { unsetBuiltin } from "./unset.ts";
import { setBuiltin, shiftBuiltin } from "./set.ts";
import { shoptBuiltin } from "./shopt.ts";
import { letDef } from "./let.ts";

export const stateBuiltins: BuiltinDef[] = [
  declareBuiltin,
  typesetBuiltin,
  localBuiltin,
  exportBuiltin,
  readonlyBuiltin,
  unsetBuiltin,
  setBuiltin,
  shiftBuiltin,
  shoptBuiltin,
  letDef,
];
