// Brace expansion (bash): the first expansion, purely structural. A word whose parts hold
// BraceExp nodes becomes several part lists, in bash's order: the leftmost brace varies slowest
// (x{a,b}{1,2} -> xa1 xa2 xb1 xb2), alternatives may nest, and sequences {from..to[..step]}
// count up or down by |step| with zero padding when either end is written with a leading zero.
import type { BraceExp, Lit, WordPart } from "../../grammar/ast.ts";

type SeqBrace = Extract<BraceExp, { type: "seq" }>;

const INT = /^[-+]?[0-9]+$/;
/** Character sequences run between two ASCII letters ({a..e}, {X..c}); anything else is literal. */
const LETTER = /^[A-Za-z]$/;

/** Width for zero padding, or 0 when neither end is written with a leading zero. */
function padWidth(from: string, to: string): number {
  const padded = (s: string) => /^[-+]?0[0-9]/.test(s);
  return padded(from) || padded(to) ? Math.max(from.length, to.length) : 0;
}

function formatPadded(n: number, width: number): string {
  if (width === 0) return String(n);
  return n < 0 ? "-" + String(-n).padStart(width - 1, "0") : String(n).padStart(width, "0");
}

/** The items of a sequence, or undefined when it is not a valid one (then it stays literal). */
export function sequenceItems(b: SeqBrace): string[] | undefined {
  let step = 1;
  if (b.step !== undefined) {
    if (!INT.test(b.step)) return undefined;
    step = Math.abs(Number(b.step)) || 1;
  }
  const out: string[] = [];
  if (INT.test(b.from) && INT.test(b.to)) {
    const from = Number(b.from);
    const to = Number(b.to);
    // bash leaves a sequence literal when its bounds or its length do not fit an int (and a
    // runaway expansion would exhaust memory long before)
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || Math.abs(to - from) / step >= 0x7fffffff) return undefined;
    const width = padWidth(b.from, b.to);
    if (from <= to) for (let n = from; n <= to; n += step) out.push(formatPadded(n, width));
    else for (let n = from; n >= to; n -= step) out.push(formatPadded(n, width));
    return out;
  }
  if (LETTER.test(b.from) && LETTER.test(b.to)) {
    const from = b.from.charCodeAt(0);
    const to = b.to.charCodeAt(0);
    if (from <= to) for (let c = from; c <= to; c += step) out.push(String.fromCharCode(c));
    else for (let c = from; c >= to; c -= step) out.push(String.fromCharCode(c));
    return out;
  }
  return undefined;
}

/** The literal text of a sequence that is not expanded. */
export function sequenceText(b: SeqBrace): string {
  return `{${b.from}..${b.to}${b.step !== undefined ? ".." + b.step : ""}}`;
}

function hasBrace(parts: WordPart[]): number {
  for (let i = 0; i < parts.length; i++) if (parts[i]!.kind === "BraceExp") return i;
  return -1;
}

const NAME_CHARS = /^[A-Za-z0-9_]+/;

/**
 * Brace expansion is textual in bash: `$x{1,2}` becomes `$x1 $x2`. When an unbraced $name is
 * now followed by literal name characters, they extend the name.
 */
function joinNames(parts: WordPart[]): WordPart[] {
  for (let i = 0; i + 1 < parts.length; i++) {
    const p = parts[i]!;
    const q = parts[i + 1]!;
    if (p.kind !== "ParamExp" || p.braced || q.kind !== "Lit" || !/^[A-Za-z_]/.test(p.name)) continue;
    const m = NAME_CHARS.exec(q.value);
    if (m === null) continue;
    const rest = q.value.slice(m[0].length);
    const joined: WordPart[] = [{ ...p, name: p.name + m[0] }];
    if (rest !== "") joined.push({ kind: "Lit", value: rest });
    parts = [...parts.slice(0, i), ...joined, ...parts.slice(i + 2)];
  }
  return parts;
}

function expandInto(parts: WordPart[], out: WordPart[][]): void {
  const i = hasBrace(parts);
  if (i < 0) {
    out.push(joinNames(parts));
    return;
  }
  const b = parts[i] as BraceExp;
  const prefix = parts.slice(0, i);
  const suffix = parts.slice(i + 1);
  if (b.type === "alt") {
    for (const alt of b.alternatives) expandInto([...prefix, ...alt, ...suffix], out);
    return;
  }
  const items = sequenceItems(b);
  if (items === undefined) {
    const lit: Lit = { kind: "Lit", value: sequenceText(b) };
    expandInto([...prefix, lit, ...suffix], out);
    return;
  }
  for (const value of items) expandInto([...prefix, { kind: "Lit", value } as Lit, ...suffix], out);
}

/** The part lists a word's parts expand to (a single list when there is no brace). */
export function braceExpand(parts: WordPart[]): WordPart[][] {
  if (hasBrace(parts) < 0) return [parts];
  const out: WordPart[][] = [];
  expandInto(parts, out);
  return out;
}

/** True if the parts hold a brace expansion at the top level. */
export function hasBraceExp(parts: WordPart[]): boolean {
  return hasBrace(parts) >= 0;
}
