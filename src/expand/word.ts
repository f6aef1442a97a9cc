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

/** Command substitution output loses all trailing newlines. */
export function stripTrailingNewlines(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 10) end--;
  return end === s.length ? s : s.slice(0, end);
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

/**
 * Expand parts into the builder.
 * @param quoted   inside double quotes (or a here-document): nothing is split or globbed
 * @param opWord   the word of ${x:-w} / ${x:+w}: inside double quotes its single quotes are
 *                 ordinary characters (bash prints "${x:-'a'}" as 'a')
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
    switch (p.kind) {
      case "Lit":
        if (quoted) b.quoted(p.value);
        else if (opWord) b.expanded(p.value, false); // ${u:-a b} unquoted gives two fields
        else b.literal(p.value);
        break;
      case "SglQuoted":
        b.quoted(quoted && opWord ? "'" + p.value + "'" : p.value);
        break;
      case "AnsiCQuoted":
      case "Escaped":
        b.quoted(p.value);
        break;
      case "DblQuoted": {
        const inner = p.parts;
        if (inner.length === 0) {
          b.quoted("");
          break;
        }
        // The common contents are expanded inline, without a nested generator.
        for (let j = 0; j < inner.length; j++) {
          const q = inner[j]!;
          if (q.kind === "Lit" || q.kind === "Escaped") b.quoted(q.value);
          else if (q.kind === "ParamExp" && isSyncParam(q)) expandParamSync(h, b, q, true);
          else yield* expandPartsInto(h, b, [q], true);
        }
        break;
      }
      case "ParamExp":
        if (isSyncParam(p)) expandParamSync(h, b, p, quoted);
        else yield* expandParam(h, b, p, quoted);
        break;
      case "CmdSub": {
        const out = yield* h.commandSubst(p.body);
        b.expanded(stripTrailingNewlines(out), quoted);
        break;
      }
      case "ArithSub": {
        const text = p.expr.literal ?? (yield* expandWord(h, p.expr));
        b.expanded(evalArithString(h, text), quoted);
        break;
      }
      case "ProcSub":
        b.quoted(yield* h.processSubst(p.op, p.body));
        break;
      case "Tilde": {
        const home = quoted ? undefined : tildeValue(h, p.user);
        if (home === undefined) b.literal("~" + p.user);
        else b.quoted(home);
        break;
      }
      case "BraceExp":
        // Only reached where brace expansion does not apply (assignments, patterns): the text.
        if (p.type === "seq") b.literal(sequenceText(p));
        else {
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
      for (const parts of braceExpand(w.parts)) {
        yield* expandPartsInto(h, b, parts, false);
        b.endWord();
      }
    } else {
      yield* expandPartsInto(h, b, w.parts, false);
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
    if (p.kind === "ArithSub" && p.expr.literal !== undefined) return evalArithString(h, p.expr.literal);
    if (p.kind === "ParamExp" && isSimpleName(p)) {
      const v = h.vars.get(p.name);
      if (v !== undefined) return v;
    }
  }
  const b = new FieldBuilder(h, Mode.Join);
  yield* expandPartsInto(h, b, w.parts, false);
  return b.cur;
}

/** Assignment values (name=value): like expandWord; the parser marks ~ after = and : as Tilde. */
export const expandAssignValue = expandWord;

/** Expansion to pattern text: quoted characters are escaped so they match literally. */
export function* expandPattern(h: ExpandHost, w: Word): Gen<string> {
  // A literal word without special characters is its own pattern; otherwise the parts tell
  // which characters were quoted (`literal` does not).
  if (w.literal !== undefined && !hasGlobSpecial(w.literal)) return w.literal;
  const b = new FieldBuilder(h, Mode.Pattern);
  yield* expandPartsInto(h, b, w.parts, false);
  return b.cur;
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
