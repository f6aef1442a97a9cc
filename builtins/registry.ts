// The builtin registry: one table of every builtin, merged from the families' parts.
// `help`, `type`, `enable`, `command` and completion all read this table.
import type { BuiltinDef } from "./context.ts";
import { longHelp } from "./help.ts";
import { coreBuiltins } from "./core.ts";
import { jobBuiltins } from "./jobs.ts";
import { stateBuiltins } from "./registry-part-state.ts";
import { signalBuiltins } from "./registry-part-signals.ts";
import { builtins as explainBuiltins } from "./registry-part-explain.ts";
import { ioBuiltins } from "./registry-part-io.ts";
import { historyBuiltins } from "./registry-part-history.ts";
import { completeBuiltins } from "./complete.ts";
import { bindBuiltins } from "./registry-part-bind.ts";

const PARTS: BuiltinDef[][] = [
  coreBuiltins,
  jobBuiltins,
  stateBuiltins,
  signalBuiltins,
  explainBuiltins,
  ioBuiltins,
  historyBuiltins,
  completeBuiltins,
  bindBuiltins,
];

/** Builtins that take `--help` as an ordinary argument (bash 5.2): every other one prints its
 *  help text for `name --help` and returns 2, as bash's builtin_help does. */
const NO_HELP_OPTION = new Set([":", "[", "echo", "false", "test", "true"]);

/** `def` with bash's `--help` as its first argument handled before it runs. */
function withHelpOption(def: BuiltinDef): BuiltinDef {
  const run = def.run;
  return {
    ...def,
    run(ctx) {
      if (ctx.args.length > 0 && ctx.args[0] === "--help") {
        ctx.out(longHelp(def));
        return 2;
      }
      return run(ctx);
    },
  };
}

let table: Map<string, BuiltinDef> | undefined;

/** name -> definition. Built once; shells share it (enable -n is per shell state). */
export function buildRegistry(): Map<string, BuiltinDef> {
  if (table) return table;
  table = new Map();
  for (const part of PARTS) for (const b of part) table.set(b.name, NO_HELP_OPTION.has(b.name) ? b : withHelpOption(b));
  return table;
}
