// Bash brace expansion, recognised at parse time: turns the unquoted `{a,b}` / `{1..5..2}` / `{a..e}`
// in a word's parts into BraceExp parts. Only unquoted literal characters can form braces, commas
// and sequence text; every other part (quotes, $x, $(...)) is an opaque atom inside an alternative.
// `{}`, `{x}` and unbalanced braces stay literal, as in bash.
import type { BraceExp, WordPart } from "./ast.ts";

/** A flattened part: a single unquoted character, or an opaque part. */
type Item = string | WordPart;

const SEQ_NUM = /^([-+]?\d+)\.\.([-+]?\d+)(?:\.\.([-+]?\d+))?$/;
const SEQ_CHR = /^([^\d\\])\.\.([^\d\\])(?:\.\.([-+]?\d+))?$/;

/** True if any unquoted Lit contains `{` followed later by `}` (cheap pre-check). */
export function mayHaveBraces(parts: WordPart[]): boolean {
  for (const p of parts) if (p.kind === "Lit" && p.value.indexOf("{") >= 0) return true;
  return false;
}

export function braceExpandParts(parts: WordPart[]): WordPart[] {
  const items: Item[] = [];
  for (const p of parts) {
    if (p.kind === "Lit") for (const ch of p.value) items.push(ch);
    else items.push(p);
  }
  return build(items, 0, items.length);
}

function pushChar(out: WordPart[], ch: string): void {
  const last = out[out.length - 1];
  if (last !== undefined && last.kind === "Lit") last.value += ch;
  else out.push({ kind: "Lit", value: ch });
}

function build(items: Item[], start: number, end: number): WordPart[] {
  const out: WordPart[] = [];
  let i = start;
  while (i < end) {
    const it = items[i]!;
    if (it === "{") {
      const exp = match(items, i, end);
      if (exp !== undefined) {
        out.push(exp.part);
        i = exp.close + 1;
        continue;
      }
    }
    if (typeof it === "string") pushChar(out, it);
    else out.push(it);
    i++;
  }
  return out;
}

/** Find the brace expression opening at `open`; undefined when it is literal text. */
function match(items: Item[], open: number, end: number): { part: BraceExp; close: number } | undefined {
  let depth = 0;
  const commas: number[] = [];
  for (let j = open + 1; j < end; j++) {
    const it = items[j];
    if (it === "{") depth++;
    else if (it === "}") {
      if (depth === 0) {
        if (commas.length > 0) {
          const alternatives: WordPart[][] = [];
          let s = open + 1;
          for (const c of commas) {
            alternatives.push(build(items, s, c));
            s = c + 1;
          }
          alternatives.push(build(items, s, j));
          return { part: { kind: "BraceExp", type: "alt", alternatives }, close: j };
        }
        const seq = sequence(items, open + 1, j);
        return seq === undefined ? undefined : { part: seq, close: j };
      }
      depth--;
    } else if (it === "," && depth === 0) commas.push(j);
  }
  return undefined;
}

function sequence(items: Item[], s: number, e: number): BraceExp | undefined {
  let text = "";
  for (let j = s; j < e; j++) {
    const it = items[j]!;
    if (typeof it !== "string") return undefined;
    text += it;
  }
  const m = SEQ_NUM.exec(text) ?? SEQ_CHR.exec(text);
  if (m === null) return undefined;
  const seq: BraceExp = { kind: "BraceExp", type: "seq", from: m[1]!, to: m[2]! };
  if (m[3] !== undefined) seq.step = m[3];
  return seq;
}
