// A shell state as shell text: what a re-executed ipsh runs first to become a copy of this
// state (background jobs and process substitutions whose commands run in the shell itself).
// Exported variables travel in the environment; this covers the rest: unexported variables and
// arrays, functions, aliases, options and the umask ($? and the cwd travel separately: see
// reexecArgv).

import type { List } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import { printList } from "../../grammar/index.ts";
import { quoteForReuse } from "../expand/quote.ts";
import { VarAttr } from "../state/var-store.ts";
import { OPTIONS, Options } from "../state/options.ts";

/** Variables the new shell computes itself. */
const SKIP = new Set([
  "BASHPID", "BASH_SUBSHELL", "RANDOM", "SRANDOM", "SECONDS", "LINENO", "EPOCHSECONDS", "EPOCHREALTIME",
  "PPID", "UID", "EUID", "SHELLOPTS", "BASHOPTS", "FUNCNAME", "BASH_SOURCE", "BASH_LINENO", "PIPESTATUS",
  "SHLVL", "OPTIND", "GROUPS", "HISTCMD",
]);

export function serializeState(sh: Shell): string {
  const out: string[] = [];
  /** readonly names, made readonly after everything is assigned */
  const readonly: string[] = [];
  for (const name of sh.vars.allNames()) {
    if (SKIP.has(name)) continue;
    const attrs = sh.vars.attrs(name);
    if (attrs & VarAttr.Unset) {
      // declared without a value (`declare -u up`): the attributes travel, the variable stays unset
      const flags = (attrs & VarAttr.Lower ? "l" : "") + (attrs & VarAttr.Upper ? "u" : "") + (attrs & VarAttr.Integer ? "i" : "");
      if (flags !== "" && !(attrs & VarAttr.Nameref)) out.push(`declare -${flags} ${name}`);
      if (attrs & VarAttr.Readonly) readonly.push(name);
      continue;
    }
    if (attrs & VarAttr.Readonly) readonly.push(name);
    if (attrs & VarAttr.Nameref) {
      // a nameref travels as the name it holds (its value is the target's)
      const target = sh.vars.namerefTarget(name);
      if (target !== undefined) out.push(`declare -n ${name}=${quoteForReuse(target)}`);
      continue;
    }
    // case attributes first, so that the value is stored as it is (already converted)
    if (attrs & VarAttr.Lower) out.push(`declare -l ${name}`);
    if (attrs & VarAttr.Upper) out.push(`declare -u ${name}`);
    if (attrs & VarAttr.Export && !(attrs & (VarAttr.Array | VarAttr.Assoc))) continue;
    if (attrs & VarAttr.Assoc) {
      const keys = sh.vars.getKeys(name);
      out.push(`declare -A ${name}=(${keys.map((k) => `[${quoteForReuse(k)}]=${quoteForReuse(sh.vars.getElement(name, k) ?? "")}`).join(" ")})`);
    } else if (attrs & VarAttr.Array) {
      const keys = sh.vars.getKeys(name);
      out.push(`${name}=(${keys.map((k) => `[${k}]=${quoteForReuse(sh.vars.getElement(name, Number(k)) ?? "")}`).join(" ")})`);
    } else {
      const v = sh.vars.get(name);
      if (v !== undefined) out.push(`${name}=${quoteForReuse(v)}`);
    }
    if (attrs & VarAttr.Integer) out.push(`declare -i ${name}`);
  }
  for (const fn of sh.functions.values()) {
    const list: List = { kind: "List", items: [{ andOr: { kind: "AndOr", first: { kind: "Pipeline", bang: false, commands: [fn], pipeStderr: [], span: fn.span }, rest: [], span: fn.span }, background: false }], span: fn.span };
    out.push(printList(list).trim());
  }
  if (readonly.length > 0) out.push(`readonly -- ${readonly.join(" ")}`);
  for (const [k, v] of sh.aliases) out.push(`alias -- ${quoteForReuse(k)}=${quoteForReuse(v)}`);
  out.push(`umask ${sh.umask.toString(8).padStart(4, "0")}`);
  // options last, so that set -e cannot stop the prologue half-way; $? is passed separately
  const opts: string[] = [];
  // POSIX mode first: turning it on changes other options (expand_aliases...), which are then
  // compared with what it leaves
  const base = new Options();
  if (sh.opts.posix) {
    opts.push("set -o posix");
    base.set("posix", true);
  }
  for (const o of OPTIONS) {
    const on = sh.opts.get(o.name);
    if (on === undefined || on === base.get(o.name) || o.name === "interactive" || o.name === "monitor") continue;
    if (o.kind === "set") opts.push(`set ${on ? "-o" : "+o"} ${o.name}`);
    else opts.push(`shopt ${on ? "-s" : "-u"} ${o.name}`);
  }
  return `{\n${out.join("\n")}\n} 2>/dev/null\n${opts.join("\n")}\n`;
}

/** argv for a new ipsh that becomes a copy of `sh` and runs `command`. */
export function reexecArgv(self: string[], sh: Shell, command: string): string[] {
  return [...self, "--subshell-of", String(sh.pid), "--prologue", serializeState(sh), "--status", String(sh.lastStatus), "-c", command, sh.arg0, ...sh.positional];
}
