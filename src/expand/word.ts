// Word expansion entry points (XCU 2.6) over the parts the parser already produced:
// brace expansion, then tilde, parameter, command and arithmetic expansion left to right, then
// field splitting and pathname expansion (FieldBuilder, Split mode), with quote removal
// implicit in how quoted parts are appended.
//
//   expandWords     command arguments and for lists: fields, split and globbed
//   expandWord      no splitting or globbing: assignment values, case subjects, redirection
//                   targets, here-strings ("$@" joins with spaces, "$*" with IFS[0])
//   expandPattern   case patterns, [[ == ]], ${x#p}: quoted characters escaped, others active
//   expandHeredoc   an unquoted here-document body: as if double-quoted
import { arithWord } from "./arith-word.ts";
import type { ExtGlob, ParamExp, Word, WordPart } from "../../grammar/ast.ts";
import type { Gen } from "../exec/gen.ts";
import type { ExpandHost } from "./host.ts";
import { evalArithString } from "./arith-eval.ts";
import { braceExpand, hasBraceExp, sequenceText } from "./brace.ts";
import { FieldBuilder, Mode } from "./fields.ts";
import { expandParam, expandParamSync, isSyncParam } from "./param.ts";
import { hasGlobSpecial } from "./quote.ts";
import { tildeValue } from "./tilde.ts";

/** A variable name (not a positional or special parameter). */
function isName(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** $name / ${name}: a plain variable reference, without operators or subscripts. */
function isSimpleName(p: ParamExp): boolean {
  return p.op === undefined && p.index === undefined && !p.length && !p.indirect && isName(p.name);
}

/**
 * Brace expansion comes before tilde expansion: a word that now starts with an unquoted ~
 * ({a,~}/x, ~{a,b}) gets its tilde prefix, up to the first "/" or the end of the word.
 */
function tildeAfterBraces(parts: WordPart[]): WordPart[] {
  const p0 = parts[0];
  if (p0 === undefined || p0.kind !== "Lit" || p0.value.charCodeAt(0) !== 126) return parts;
  let text = "";
  let n = 0;
  while (n < parts.length && parts[n]!.kind === "Lit") text += (parts[n++] as { value: string }).value;
  const slash = text.indexOf("/");
  if (slash < 0 && n < parts.length) return parts; // ~$x: not a tilde prefix
  const end = slash < 0 ? text.length : slash;
  const out: WordPart[] = [{ kind: "Tilde", user: text.slice(1, end) }];
  if (end < text.length) out.push({ kind: "Lit", value: text.slice(end) });
  for (let k = n; k < parts.length; k++) out.push(parts[k]!);
  return out;
}

/** Command substitution output loses all trailing newlines. */
export function stripTrailingNewlines(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 10) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** bash drops NUL bytes from command substitution output, with a warning: shell strings are
 *  C strings. */
export function dropNulBytes(h: ExpandHost, s: string): string {
  if (s.indexOf("\0") < 0) return s;
  h.warn?.("command substitution: ignored null byte in input");
  return s.replaceAll("\0", "");
}

function* extGlobInto(h: ExpandHost, b: FieldBuilder, p: ExtGlob): Gen<void> {
  let pattern = p.op + "(";
  let text = p.op + "(";
  for (let i = 0; i < p.patterns.length; i++) {
    const w = p.patterns[i]!;
    if (i > 0) {
      pattern += "|";
      text += "|";
    }
    pattern += yield* expandPattern(h, w);
    text += yield* expandWord(h, w);
  }
  b.patternText(pattern + ")", text + ")");
}

/** True when a part can be expanded without running anything that may wait (no command or
 *  process substitution, no operator word, no subscript word): the synchronous path. */
function isSyncPart(p: WordPart): boolean {
  switch (p.kind) {
    case "Lit":
    case "SglQuoted":
    case "AnsiCQuoted":
    case "Escaped":
    case "Tilde":
      return true;
    case "ParamExp":
      return isSyncParam(p);
    case "ArithSub": {
      const e = arithWord(p.expr);
      return e.literal !== undefined || allSync(e.parts);
    }
    case "DblQuoted":
      return allSync(p.parts);
    case "BraceExp":
      return p.type === "seq" || p.alternatives.every(allSync);
    default:
      return false;
  }
}

export function allSync(parts: WordPart[]): boolean {
  for (let i = 0; i < parts.length; i++) if (!isSyncPart(parts[i]!)) return false;
  return true;
}

/**
 * Expand one part synchronously if it can be (see isSyncPart); false (and nothing appended)
 * otherwise. The one implementation of each part's meaning, shared by both paths.
 * @param quoted   inside double quotes (or a here-document): nothing is split or globbed
 * @param opWord   the word of ${x:-w} / ${x:+w}: unquoted literal text there is split like an
 *                 expansion, and inside double quotes single quotes are ordinary characters
 *                 (bash prints "${x:-'a'}" as 'a')
 */
function partSync(h: ExpandHost, b: FieldBuilder, p: WordPart, quoted: boolean, opWord: boolean): boolean {
  switch (p.kind) {
    case "Lit":
      if (quoted) b.quoted(p.value);
      else if (opWord) b.expanded(p.value, false); // ${u:-a b} unquoted gives two fields
      else b.literal(p.value);
      return true;
    case "SglQuoted":
      b.quoted(quoted && opWord ? "'" + p.value + "'" : p.value);
      return true;
    case "AnsiCQuoted": {
      // bash keeps strings as C strings: $'a\0b' ends at the NUL ("a").
      const v = p.value;
      const z = v.indexOf("\0");
      b.quoted(z < 0 ? v : v.slice(0, z));
      return true;
    }
    case "Escaped":
      b.quoted(p.value);
      return true;
    case "Tilde": {
      const home = quoted ? undefined : tildeValue(h, p.user);
      if (home === undefined) b.literal("~" + p.user);
      else b.quoted(home);
      return true;
    }
    case "ParamExp":
      if (!isSyncParam(p)) return false;
      expandParamSync(h, b, p, quoted);
      return true;
    case "ArithSub": {
      // $((acc + ${#a})): the expression text is expanded as expandWord does, synchronously
      const e = arithWord(p.expr);
      let text = e.literal;
      if (text === undefined) {
        if (!allSync(e.parts)) return false;
        const t = new FieldBuilder(h, Mode.Join);
        partsSync(h, t, e.parts, false);
        text = t.cur;
      }
      b.expanded(evalArithString(h, text), quoted);
      return true;
    }
    case "DblQuoted": {
      const inner = p.parts;
      if (!allSync(inner)) return false;
      if (inner.length === 0) b.quoted("");
      for (let j = 0; j < inner.length; j++) partSync(h, b, inner[j]!, true, false);
      return true;
    }
    case "BraceExp":
      // Only reached where brace expansion does not apply (assignments, patterns): the text.
      if (p.type === "seq") {
        b.literal(sequenceText(p));
        return true;
      }
      if (!p.alternatives.every(allSync)) return false;
      b.literal("{");
      for (let j = 0; j < p.alternatives.length; j++) {
        if (j > 0) b.literal(",");
        const alt = p.alternatives[j]!;
        for (let k = 0; k < alt.length; k++) partSync(h, b, alt[k]!, quoted, opWord);
      }
      b.literal("}");
      return true;
    default:
      return false;
  }
}

/** Expand parts that are all synchronous (allSync). */
function partsSync(h: ExpandHost, b: FieldBuilder, parts: WordPart[], quoted: boolean): void {
  for (let i = 0; i < parts.length; i++) partSync(h, b, parts[i]!, quoted, false);
}

/**
 * Expand parts into the builder (see partSync for the flags). Parts that may wait (command
 * and process substitution, operator words) go through generators; the rest is synchronous.
 */
export function* expandPartsInto(
  h: ExpandHost,
  b: FieldBuilder,
  parts: WordPart[],
  quoted: boolean,
  opWord = false,
): Gen<void> {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (partSync(h, b, p, quoted, opWord)) continue;
    switch (p.kind) {
      case "DblQuoted":
        for (let j = 0; j < p.parts.length; j++) {
          const q = p.parts[j]!;
          if (!partSync(h, b, q, true, false)) yield* expandPartsInto(h, b, [q], true);
        }
        break;
      case "ParamExp":
        yield* expandParam(h, b, p, quoted);
        break;
      case "CmdSub": {
        const out = yield* h.commandSubst(p.body);
        b.expanded(stripTrailingNewlines(dropNulBytes(h, out)), quoted);
        break;
      }
      case "ArithSub": {
        const text = yield* expandWord(h, arithWord(p.expr));
        b.expanded(evalArithString(h, text), quoted);
        break;
      }
      case "ProcSub":
        b.quoted(yield* h.processSubst(p.op, p.body));
        break;
      case "BraceExp":
        if (p.type === "alt") {
          b.literal("{");
          for (let j = 0; j < p.alternatives.length; j++) {
            if (j > 0) b.literal(",");
            yield* expandPartsInto(h, b, p.alternatives[j]!, quoted, opWord);
          }
          b.literal("}");
        }
        break;
      case "ExtGlob":
        yield* extGlobInto(h, b, p);
        break;
      default:
        // Lit, quotes, Tilde: always handled by partSync.
        break;
    }
  }
}

/** Full expansion of command words into fields. */
export function* expandWords(h: ExpandHost, words: Word[]): Gen<string[]> {
  const b = new FieldBuilder(h, Mode.Split);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.literal !== undefined) {
      b.out.push(w.literal);
      continue;
    }
    if (w.parts.length === 1) {
      // Fast paths: "$name" is one field; $name is one when it holds no IFS or glob character.
      let p = w.parts[0]!;
      let dq = false;
      if (p.kind === "DblQuoted" && p.parts.length === 1) {
        p = p.parts[0]!;
        dq = true;
      }
      if (p.kind === "ParamExp" && isSimpleName(p)) {
        const v = h.vars.get(p.name);
        if (v !== undefined && (dq || b.isPlainField(v))) {
          b.out.push(v);
          continue;
        }
      }
    }
    if (hasBraceExp(w.parts)) {
      for (let parts of braceExpand(w.parts)) {
        parts = tildeAfterBraces(parts);
        if (allSync(parts)) partsSync(h, b, parts, false);
        else yield* expandPartsInto(h, b, parts, false);
        b.endWord();
      }
    } else {
      if (allSync(w.parts)) partsSync(h, b, w.parts, false);
      else yield* expandPartsInto(h, b, w.parts, false);
      b.endWord();
    }
  }
  return b.out;
}

/** Expansion to a single string: no brace expansion, splitting or globbing. */
export function* expandWord(h: ExpandHost, w: Word): Gen<string> {
  if (w.literal !== undefined) return w.literal;
  if (w.parts.length === 1) {
    // Fast paths for the common single-part values: $((...)), $name and "$name".
    let p = w.parts[0]!;
    if (p.kind === "DblQuoted" && p.parts.length === 1) p = p.parts[0]!;
    if (p.kind === "ArithSub") {
      const e = arithWord(p.expr);
      if (e.literal !== undefined) return evalArithString(h, e.literal);
    }
    if (p.kind === "ParamExp" && isSimpleName(p)) {
      const v = h.vars.get(p.name);
      if (v !== undefined) return v;
    }
  }
  const b = new FieldBuilder(h, Mode.Join);
  if (allSync(w.parts)) partsSync(h, b, w.parts, false);
  else yield* expandPartsInto(h, b, w.parts, false);
  return b.cur;
}

/** Assignment values (name=value): like expandWord; the parser marks ~ after = and : as Tilde. */
export const expandAssignValue = expandWord;

/** Expansion to pattern text: quoted characters are escaped so they match literally. */
export function* expandPattern(h: ExpandHost, w: Word): Gen<string> {
  // A literal word without special characters is its own pattern; otherwise the parts tell
  // which characters were quoted (`literal` does not).
  if (w.literal !== undefined && !hasGlobSpecial(w.literal)) return w.literal;
  const cached = constantPatterns.get(w);
  if (cached !== undefined) return cached;
  const b = new FieldBuilder(h, Mode.Pattern);
  if (allSync(w.parts)) {
    partsSync(h, b, w.parts, false);
    if (allConstant(w.parts)) constantPatterns.set(w, b.cur);
  } else yield* expandPartsInto(h, b, w.parts, false);
  return b.cur;
}

// Pattern text of words without any expansion (case patterns such as *.so.*, the pattern of
// ${x#*.}): the same on every evaluation, so computed once per word (it was a FieldBuilder per
// case pattern per loop iteration).
const constantPatterns = new WeakMap<Word, string>();

/** Parts whose pattern text depends on nothing but themselves (no parameter, tilde, brace...). */
function allConstant(parts: WordPart[]): boolean {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.kind === "DblQuoted") {
      if (!allConstant(p.parts)) return false;
    } else if (p.kind !== "Lit" && p.kind !== "SglQuoted" && p.kind !== "AnsiCQuoted" && p.kind !== "Escaped") return false;
  }
  return true;
}

/** The replacement of ${x/p/r}: pattern text, so that quoted & and \ stay literal. */
export const expandReplacement = expandPattern;

/** An unquoted here-document body: $, ` and \ are special, nothing is split or globbed. */
export function* expandHeredoc(h: ExpandHost, body: Word): Gen<string> {
  if (body.literal !== undefined) return body.literal;
  const b = new FieldBuilder(h, Mode.Join);
  b.heredoc = true;
  yield* expandPartsInto(h, b, body.parts, true);
  return b.cur;
}
