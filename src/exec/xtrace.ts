// set -x: each command is printed to stderr after expansion, prefixed with $PS4 (default "+ "),
// with words quoted so the trace could be re-read (bash's style).
import type { Assignment } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { expandAssignValue, quoteForReuse } from "../expand/index.ts";

function ps4(sh: Shell): string {
  // unset PS4 gives no prefix at all (bash)
  const p = sh.vars.get("PS4") ?? "";
  // bash repeats the first character of PS4 for each level of indirection (subshell depth doesn't count)
  return p;
}

export function xtraceQuote(s: string): string {
  return q(s);
}

function q(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : quoteForReuse(s);
}

/** Trace a compound command's header as bash does: keywords unquoted ("+ [[ -d / ]]"). */
export function xtraceRaw(sh: Shell, text: string): void {
  sh.writeErr(`${ps4(sh)}${text}\n`);
}

export function xtraceWords(sh: Shell, words: string[]): void {
  sh.writeErr(`${ps4(sh)}${words.map(q).join(" ")}\n`);
}

export function* xtraceAssign(sh: Shell, a: Assignment): Gen<void> {
  const v = a.value ? yield* expandAssignValue(sh.host, a.value) : "";
  sh.writeErr(`${ps4(sh)}${a.name}${a.append ? "+=" : "="}${q(v)}\n`);
}

/** Trace an assignment that has been made (its value read back, so nothing is expanded twice). */
export function xtraceAssigned(sh: Shell, a: Assignment): void {
  if (a.array) {
    sh.writeErr(`${ps4(sh)}${a.name}${a.append ? "+=" : "="}(${sh.vars.getValues(a.name).map(q).join(" ")})\n`);
    return;
  }
  const v = a.index ? "" : (sh.vars.get(a.name) ?? "");
  sh.writeErr(`${ps4(sh)}${a.name}${a.index ? "[...]" : ""}=${q(v)}\n`);
}
