// set -x: each command is printed to stderr after expansion, prefixed with $PS4 (default "+ "),
// with words quoted so the trace could be re-read (bash's style).
import type { Assignment } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { expandAssignValue, quoteForReuse } from "../expand/index.ts";
import type { CompoundElem } from "../state/compound-text.ts";

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

/** bash's sh_single_quote: always '...', a quote inside as '\'' (control characters stay raw). */
function singleQuote(s: string): string {
  return "'" + s.replaceAll("'", "'\\''") + "'";
}

/** A declaration builtin with compound assignments (`declare -a a=(1 "2 3") b`): bash traces each
 *  compound assignment first (before even the prefix assignments), its expanded elements
 *  single-quoted (`+ a=('1' '2 3')`, keys as `['k']='v'`), then the command with just the name in
 *  the word's place (`+ declare -a a b`). `compound` maps an index of the builtin's arguments
 *  (argv without argv[0]) to that word's elements; the word itself is `name=()` or `name+=()`.
 *  Returns the words to trace for the command. */
export function xtraceCompoundArgs(sh: Shell, argv: string[], compound: ReadonlyMap<number, CompoundElem[]>): string[] {
  const words = argv.slice();
  for (const [i, elems] of compound) {
    const w = argv[i + 1]!;
    const eq = w.indexOf("=");
    const parts = elems.map((e) => (e.key === undefined ? "" : `[${singleQuote(e.key)}]${e.append ? "+=" : "="}`) + singleQuote(e.value));
    sh.writeErr(`${ps4(sh)}${w.slice(0, eq + 1)}(${parts.join(" ")})\n`);
    words[i + 1] = w.slice(0, w[eq - 1] === "+" ? eq - 1 : eq);
  }
  return words;
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
