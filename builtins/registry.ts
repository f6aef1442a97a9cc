// The builtin registry: one table of every builtin, merged from the families' parts.
// `help`, `type`, `enable`, `command` and completion all read this table.
import type { BuiltinDef } from "./context.ts";
import { coreBuiltins } from "./core.ts";
import { jobBuiltins } from "./jobs.ts";
import { stateBuiltins } from "./registry-part-state.ts";
import { signalBuiltins } from "./registry-part-signals.ts";
import { builtins as explainBuiltins } from "./registry-part-explain.ts";
import { ioBuiltins } from "./registry-part-io.ts";
import { historyBuiltins } from "./registry-part-history.ts";
import { completeBuiltins } from "./complete.ts";

const PARTS: BuiltinDef[][] = [
  coreBuiltins,
  jobBuiltins,
  stateBuiltins,
  signalBuiltins,
  explainBuiltins,
  ioBuiltins,
  historyBuiltins,
  completeBuiltins,
];

let table: Map<string, BuiltinDef> | undefined;

/** name -> definition. Built once; shells share it (enable -n is per shell state). */
export function buildRegistry(): Map<string, BuiltinDef> {
  if (table) return table;
  table = new Map();
  for (const part of PARTS) for (const b of part) table.set(b.name, b);
  return table;
}
