// The special variables that read a shell state (LINENO, BASH_SUBSHELL, FUNCNAME, ...), and the
// hooks its variable store calls back (arithmetic for -i variables, diagnostics). Installed on
// the main shell and again on every subshell clone, so that each reads its own state.
import type { Shell } from "./shell.ts";
import { evalArith } from "./expand/index.ts";
import { expandSubscriptNow } from "./expand/subscript.ts";
import { VarAttr } from "./state/var-store.ts";
import { installOptionVars } from "./state/option-vars.ts";
import { bashLinenoArray, bashSourceArray, funcnameArray } from "./state/call-frames.ts";
import { commandText } from "../builtins/type.ts";
import type { Command } from "../grammar/ast.ts";

/** The text of each command node, printed once (a loop body reads $BASH_COMMAND many times). */
const commandTexts = new WeakMap<Command, string>();

function bashCommand(sh: Shell): string {
  const c = sh.currentCommand;
  if (c === undefined) return "";
  let t = commandTexts.get(c);
  if (t === undefined) commandTexts.set(c, (t = commandText(c)));
  return t;
}

export function installStateVars(sh: Shell): void {
  const vars = sh.vars;
  vars.setArithEvaluator((text) => evalArith(sh.host, text));
  vars.setSubscriptExpander((text, assoc) => expandSubscriptNow(sh.host, text, !assoc));
  vars.setDiagnosticSink((m) => sh.diag(m));
  vars.defineDynamic("LINENO", () => String(sh.lineno));
  vars.defineDynamic("BASHPID", () => String(process.pid), undefined, VarAttr.Integer);
  if (!vars.isDynamic("_")) {
    // $_ starts as the environment's _ (bash), and is not exported from then on: an exported
    // special variable would make the environment be rebuilt for every command
    const inherited = vars.get("_");
    if (inherited !== undefined) {
      sh.lastArg = inherited;
      vars.unset("_");
    }
  }
  vars.defineDynamic("_", () => sh.lastArg, (v) => (sh.lastArg = v));
  vars.defineDynamic("BASH_SUBSHELL", () => String(sh.subshellLevel));
  vars.defineDynamic("BASH_COMMAND", () => bashCommand(sh), () => {});
  vars.defineDynamicArray("FUNCNAME", () => funcnameArray(sh));
  vars.defineDynamicArray("BASH_SOURCE", () => bashSourceArray(sh));
  vars.defineDynamicArray("BASH_LINENO", () => bashLinenoArray(sh));
  installOptionVars(vars, () => sh.opts);
}
