// Command text for job listings (`jobs`, "[1]+  Stopped  sleep 100") and re-executed jobs.
import type { AndOr, List, Pipeline } from "../../grammar/ast.ts";
import { printList } from "../../grammar/index.ts";

export function printPipelineList(items: AndOr[]): string {
  const list: List = { kind: "List", items: items.map((andOr) => ({ andOr, background: false })), span: items[0].span };
  return printList(list).trim();
}

export function printCommand(p: Pipeline): string {
  const andOr: AndOr = { kind: "AndOr", first: p, rest: [], span: p.span };
  return printPipelineList([andOr]);
}

export function printAndOr(a: AndOr): string {
  return printPipelineList([a]);
}

/** One-line text for job listings: "{ sleep 1; echo done; }" rather than the printer's layout. */
export function jobText(text: string): string {
  return text
    .replace(/\n\s*/g, "; ")
    .replace(/(\{|\bdo|\bthen|\belse|\bin|\() *; /g, "$1 ")
    .replace(/;\s*;/g, ";")
    .replace(/; *$/, "");
}
