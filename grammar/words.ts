// Word scanning: source text -> Word parts, in one pass, at parse time.
//
// The scanner is modal: an unquoted word ends at a metacharacter; a ${...} operand ends at `}`
// (and a pattern of ${x/p/r} also at `/`); arithmetic text and array subscripts are given ranges;
// here-document bodies and "..." only treat $ ` \ as special; extglob patterns end at `|` or `)`.
// Command substitutions are parsed recursively through the WordHost, so their `)` is found by
// the grammar, not by counting parentheses (case patterns, here-docs and quotes inside work).
import type {
  ArithSub,
  CmdSub,
  DblQuoted,
  ExtGlob,
  List,
  ParamExp,
  ParamOp,
  Span,
  Word,
  WordPart,
} from "./ast.ts";
import { decodeAnsiC } from "./ansi-c.ts";
import { braceExpandParts, mayHaveBraces } from "./braces.ts";
import { ParseFailure, unexpectedEof } from "./errors.ts";

/** What the word scanner needs from the tokenizer that drives it. */
export interface WordHost {
  readonly src: string;
  /** Current offset; scanners start here and leave it after what they consumed. */
  pos: number;
  /** shopt extglob at parse time. */
  extglob: boolean;
  span(start: number, end: number): Span;
  /** Parse the command list of $( / <( / >( starting at `start` up to its closing `)`;
   *  returns the list and the offset after the `)`. */
  cmdSub(start: number): { list: List; end: number };
  /** Parse the (already unescaped) body of a `...` substitution. */
  backquote(body: string, start: number, end: number): List;
}

// Character classes (ASCII; everything >= 128 is an ordinary word character).
const META = 1; // ends an unquoted word: blank, newline, ; & | < > ( )
const SPECIAL = 2; // needs the slow path: \ ' " $ ` and glob/brace/tilde characters
const CLS = new Uint8Array(128);
for (const c of " \t\n;&|<>()") CLS[c.charCodeAt(0)] = META;
for (const c of "\\'\"$`*?[{~") CLS[c.charCodeAt(0)] = SPECIAL;

export function isMeta(c: number): boolean {
  return c < 128 && CLS[c] === META;
}

/** Scanning modes. */
export const enum Mode {
  /** An unquoted shell word. */
  Unquoted,
  /** The operand of ${x op word}: ends at `}` (and `/` with stopSlash). */
  Param,
  /** A fixed range [pos, end): arithmetic text, subscripts. Quotes are processed. */
  Range,
  /** "..." contents (ends at `"`) or, with heredoc, a here-document body range. */
  Dq,
  /** One alternative of an extglob pattern: ends at `|` or `)`. */
  ExtPattern,
}

export interface ScanFlags {
  /** Unquoted: tilde also after `=` / `:` (assignment values). */
  assign?: boolean;
  /** Unquoted: the right side of =~ in [[ ]] (parentheses group, `|` is literal). */
  regex?: boolean;
  /** Param: also stop at `/` (pattern of ${x/p/r}). */
  stopSlash?: boolean;
  /** Param: the ${...} is inside double quotes and the operator is a default-value one:
   *  single quotes are literal there. */
  dqDefault?: boolean;
  /** Dq: here-document body (a `"` is literal, the range ends at `end`). */
  heredoc?: boolean;
  /** Force extglob recognition ([[ ]] patterns). */
  extglob?: boolean;
  /** Unquoted: tilde prefix recognition at the start (false for words that are not subject to it). */
  noTilde?: boolean;
}

const NO_FLAGS: ScanFlags = {};

function unterminated(h: WordHost, start: number, what: string): ParseFailure {
  return unexpectedEof(h.span(start, h.src.length), `unexpected EOF while looking for matching \`${what}'`);
}

function pushLit(parts: WordPart[], s: string): void {
  if (s.length === 0) return;
  const last = parts[parts.length - 1];
  if (last !== undefined && last.kind === "Lit") last.value += s;
  else parts.push({ kind: "Lit", value: s });
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
/** Special parameters: @ * # ? - $ ! 0 */
function isSpecialParam(c: number): boolean {
  return c === 64 || c === 42 || c === 35 || c === 63 || c === 45 || c === 36 || c === 33 || c === 48;
}
/** Characters allowed in a tilde prefix (user names, ~+ ~- ~N). */
function isTildeChar(c: number): boolean {
  return isNameChar(c) || c === 46 || c === 45 || c === 43;
}

/**
 * Read an unquoted word at h.pos (which must not be at a metacharacter) and return it.
 * Fast path: a word made only of ordinary characters becomes a single Lit with `literal` set.
 */
export function readWord(h: WordHost, flags: ScanFlags = NO_FLAGS): Word {
  const src = h.src;
  const start = h.pos;
  let i = start;
  const n = src.length;
  const c0 = src.charCodeAt(i);
  if ((c0 === 60 || c0 === 62) && src.charCodeAt(i + 1) === 40) return procSubWord(h, flags);
  let fast = true;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c < 128) {
      const k = CLS[c];
      if (k === META) {
        // An =~ regex goes on through | < > ( ) (the scanner knows where it ends).
        if (flags.regex && (c === 124 || c === 40 || c === 41)) fast = false;
        break;
      }
      if (k === SPECIAL) {
        fast = false;
        break;
      }
    }
    i++;
  }
  if (fast && !(i < n && src.charCodeAt(i) === 40 && (h.extglob || flags.extglob || flags.regex))) {
    const value = src.slice(start, i);
    h.pos = i;
    return { kind: "Word", parts: [{ kind: "Lit", value }], span: h.span(start, i), literal: value };
  }
  const parts = scan(h, Mode.Unquoted, n, flags);
  return finishWord(parts, h.span(start, h.pos), true);
}

/** <(list) or >(list) at h.pos, possibly followed by more word text. */
function procSubWord(h: WordHost, flags: ScanFlags): Word {
  const start = h.pos;
  const op = h.src[start] as "<" | ">";
  const { list, end } = h.cmdSub(start + 2);
  h.pos = end;
  const parts: WordPart[] = [{ kind: "ProcSub", op, body: list, span: h.span(start, end) }];
  if (end < h.src.length && !isMeta(h.src.charCodeAt(end))) parts.push(...scan(h, Mode.Unquoted, h.src.length, { ...flags, noTilde: true }));
  return finishWord(parts, h.span(start, h.pos), true);
}

/** Build a Word from parts: brace expansion (when `braces`) and the literal fast-path value. */
export function finishWord(parts: WordPart[], span: Span, braces: boolean): Word {
  const ps = braces && mayHaveBraces(parts) ? braceExpandParts(parts) : parts;
  const w: Word = { kind: "Word", parts: ps, span };
  const lit = literalOf(ps, false);
  if (lit !== undefined) w.literal = lit;
  return w;
}

/** True if an unquoted text has a pattern character (* ? [). */
function hasGlobChar(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 42 || c === 63 || c === 91) return true;
  }
  return false;
}

/** The value of parts that need no expansion, else undefined. */
function literalOf(parts: WordPart[], quoted: boolean): string | undefined {
  let s = "";
  for (const p of parts) {
    switch (p.kind) {
      case "Lit":
        if (!quoted && hasGlobChar(p.value)) return undefined;
        s += p.value;
        break;
      case "SglQuoted":
      case "AnsiCQuoted":
      case "Escaped":
        s += p.value;
        break;
      case "DblQuoted": {
        const v = literalOf(p.parts, true);
        if (v === undefined) return undefined;
        s += v;
        break;
      }
      default:
        return undefined;
    }
  }
  return s;
}

/**
 * The general scanner. Starts at h.pos, stops at the mode's terminator (not consumed) or `end`,
 * leaves h.pos at the stop position and returns the parts.
 */
export function scan(h: WordHost, mode: Mode, end: number, flags: ScanFlags = NO_FLAGS): WordPart[] {
  const src = h.src;
  const parts: WordPart[] = [];
  const wordStart = h.pos;
  let i = h.pos;
  let lit = i; // start of the pending literal run
  let depth = 0; // parentheses (regex, extglob patterns)
  const extglob = h.extglob || flags.extglob === true;
  const inDqLike = mode === Mode.Dq;
  // (No closures over i / lit here: captured variables would live in a heap scope and make every
  // step of the loop a memory access.)
  // Tilde prefix at the start of an unquoted word / default-value operand.
  // (An =~ regex too: bash expands [[ $HOME =~ ~ ]]; a ~ later in it, as in ^~$, is literal.)
  if ((mode === Mode.Unquoted && flags.noTilde !== true) || (mode === Mode.Param && !flags.stopSlash && !flags.dqDefault)) {
    if (src.charCodeAt(i) === 126) i = tilde(h, parts, i, mode, end, flags.assign === true);
    lit = i;
  }
  while (i < end) {
    const c = src.charCodeAt(i);
    switch (c) {
      case 32: // blank
      case 9:
      case 10:
      case 59: // ;
      case 38: // &
      case 60: // <
      case 62: // >
        if (mode === Mode.Unquoted) {
          // In an =~ regex, blanks, < and > inside parentheses belong to the word (bash rejects a
          // < or > outside them: [[ a =~ a<b ]] is a syntax error).
          if (flags.regex && depth > 0 && c !== 10) break;
          return scanDone(h, parts, lit, i);
        }
        break;
      case 124: // |
        if (mode === Mode.Unquoted && !flags.regex) return scanDone(h, parts, lit, i);
        if (mode === Mode.ExtPattern && depth === 0) return scanDone(h, parts, lit, i);
        break;
      case 40: // (
        if (mode === Mode.Unquoted || mode === Mode.ExtPattern) {
          const prev = i > lit ? src.charCodeAt(i - 1) : 0;
          if (extglob && (prev === 63 || prev === 42 || prev === 43 || prev === 64 || prev === 33)) {
            if (i - 1 > lit) pushLit(parts, src.slice(lit, i - 1));
            h.pos = i + 1;
            parts.push(extGlob(h, String.fromCharCode(prev) as ExtGlob["op"], i - 1));
            i = h.pos;
            lit = i;
            continue;
          }
          if (mode === Mode.Unquoted && !flags.regex) return scanDone(h, parts, lit, i);
          depth++;
        }
        break;
      case 41: // )
        if (mode === Mode.Unquoted) {
          if (flags.regex && depth > 0) depth--;
          else return scanDone(h, parts, lit, i);
        } else if (mode === Mode.ExtPattern) {
          if (depth === 0) return scanDone(h, parts, lit, i);
          depth--;
        }
        break;
      case 125: // }
        if (mode === Mode.Param) return scanDone(h, parts, lit, i);
        break;
      case 47: // /
        if (mode === Mode.Param && flags.stopSlash) return scanDone(h, parts, lit, i);
        break;
      case 58: // :  (tilde after : in assignment values)
        if (mode === Mode.Unquoted && flags.assign && src.charCodeAt(i + 1) === 126) {
          if (i + 1 > lit) pushLit(parts, src.slice(lit, i + 1));
          i = tilde(h, parts, i + 1, mode, end, true);
          lit = i;
          continue;
        }
        break;
      case 34: // "
        if (inDqLike) {
          if (flags.heredoc) break;
          return scanDone(h, parts, lit, i);
        }
        if (i > lit) pushLit(parts, src.slice(lit, i));
        h.pos = i + 1;
        parts.push(doubleQuoted(h, i, false));
        i = h.pos;
        lit = i;
        continue;
      case 39: // '
        if (inDqLike || flags.dqDefault) break;
        {
          if (i > lit) pushLit(parts, src.slice(lit, i));
          const j = src.indexOf("'", i + 1);
          if (j < 0 || j >= end) throw unterminated(h, i, "'");
          parts.push({ kind: "SglQuoted", value: src.slice(i + 1, j) });
          i = j + 1;
          lit = i;
        }
        continue;
      case 92: {
        // backslash
        const d = src.charCodeAt(i + 1);
        if (i + 1 >= end) {
          // A trailing backslash at the very end is literal.
          i++;
          continue;
        }
        if (d === 10) {
          // Line continuation: removed everywhere except single quotes. At the very end of the
          // input it asks for more.
          if (i + 2 >= src.length && !flags.heredoc) throw unexpectedEof(h.span(i, i + 2));
          if (i > lit) pushLit(parts, src.slice(lit, i));
          i += 2;
          lit = i;
          continue;
        }
        if (inDqLike) {
          // Inside "...", \ only escapes $ ` " \ (here-docs: not ").
          if (d === 36 || d === 96 || d === 92 || (d === 34 && !flags.heredoc)) {
            if (i > lit) pushLit(parts, src.slice(lit, i));
            lit = i + 1; // the escaped character becomes part of the literal run
            i += 2;
            continue;
          }
          i++;
          continue;
        }
        if (flags.dqDefault && d !== 36 && d !== 96 && d !== 92 && d !== 34 && d !== 125) {
          // "${u-\z}": the operand of - + = ? inside "..." follows double-quote rules, where \ escapes only
          // $ ` " \ (and } here); any other backslash is kept.
          i++;
          continue;
        }
        if (i > lit) pushLit(parts, src.slice(lit, i));
        parts.push({ kind: "Escaped", value: src[i + 1]! });
        i += 2;
        lit = i;
        continue;
      }
      case 36: {
        // $
        if (i > lit) pushLit(parts, src.slice(lit, i));
        h.pos = i;
        // bash's extquote (on by default): $'...' and $"..." are quotes in a ${...} operand even
        // inside double quotes ("${x:-$'\t'}")
        const p = dollar(h, inDqLike || flags.dqDefault === true, mode === Mode.Param && !inHeredoc);
        if (p === undefined) {
          lit = i;
          i++;
          continue;
        }
        parts.push(p);
        i = h.pos;
        lit = i;
        continue;
      }
      case 96: {
        // `
        if (i > lit) pushLit(parts, src.slice(lit, i));
        h.pos = i;
        parts.push(backquote(h, inDqLike));
        i = h.pos;
        lit = i;
        continue;
      }
    }
    i++;
  }
  if (mode === Mode.Unquoted || mode === Mode.Range || (mode === Mode.Dq && flags.heredoc)) return scanDone(h, parts, lit, i);
  // Param, Dq and ExtPattern must see their terminator before the end.
  throw unterminated(h, wordStart, mode === Mode.Dq ? '"' : mode === Mode.Param ? "}" : ")");

}

/** The end of scan(): the pending literal run [lit, i) is added and h.pos left at i. (When
 *  nothing was consumed in Unquoted mode the caller sees h.pos unchanged: not a word.) */
function scanDone(h: WordHost, parts: WordPart[], lit: number, i: number): WordPart[] {
  if (i > lit) pushLit(parts, h.src.slice(lit, i));
  h.pos = i;
  return parts;
}

/** A tilde prefix at `i` (src[i] === '~'): pushes a Tilde part or leaves it literal. Returns the new offset. */
function tilde(h: WordHost, parts: WordPart[], i: number, mode: Mode, end: number, assign: boolean): number {
  const src = h.src;
  let j = i + 1;
  while (j < end && isTildeChar(src.charCodeAt(j))) j++;
  const c = j < end ? src.charCodeAt(j) : -1;
  const terminates =
    c === -1 ||
    c === 47 ||
    (assign && c === 58) ||
    (mode === Mode.Unquoted && isMeta(c)) ||
    (mode === Mode.Param && c === 125);
  if (!terminates) return i; // e.g. ~"x" or ~$u: literal ~
  parts.push({ kind: "Tilde", user: src.slice(i + 1, j) });
  return j;
}

/** "..." starting after the opening quote (at h.pos); `start` is the quote's offset. */
function doubleQuoted(h: WordHost, start: number, locale: boolean): DblQuoted {
  const parts = scan(h, Mode.Dq, h.src.length, NO_FLAGS);
  if (h.pos >= h.src.length) throw unterminated(h, start, '"');
  h.pos++; // closing quote
  const d: DblQuoted = { kind: "DblQuoted", parts };
  if (locale) d.locale = true;
  return d;
}

/** Here-document body in [start, end): only $ ` \ are special. */
export function heredocParts(h: WordHost, start: number, end: number): WordPart[] {
  h.pos = start;
  const saved = inHeredoc;
  inHeredoc = true;
  try {
    return scan(h, Mode.Dq, end, { heredoc: true });
  } finally {
    inHeredoc = saved;
  }
}

/** True while a here-document body is scanned: its ${...} operands keep $'...' and $"..." as
 *  text (bash applies extquote to double-quoted words only). */
let inHeredoc = false;

/** Arithmetic text / subscript in [start, end): quotes are processed, blanks are literal. */
export function rangeWord(h: WordHost, start: number, end: number): Word {
  h.pos = start;
  const parts = scan(h, Mode.Range, end, NO_FLAGS);
  h.pos = end;
  return finishWord(parts, h.span(start, end), false);
}

function extGlob(h: WordHost, op: ExtGlob["op"], start: number): ExtGlob {
  const patterns: Word[] = [];
  const src = h.src;
  for (;;) {
    const s = h.pos;
    const parts = scan(h, Mode.ExtPattern, src.length, { extglob: true });
    patterns.push(finishWord(parts, h.span(s, h.pos), false));
    const c = src.charCodeAt(h.pos);
    h.pos++;
    if (c === 41) break; // )
    if (c !== 124) throw unterminated(h, start, ")");
  }
  return { kind: "ExtGlob", op, patterns };
}

/**
 * Find the end of $(( ... )) arithmetic: the offset of the first `)` of the closing `))`, or -1
 * when the parentheses close differently (then it is a command substitution of a subshell).
 */
export function arithEnd(src: string, from: number): number {
  let depth = 0;
  let i = from;
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41) {
      if (depth === 0) return src.charCodeAt(i + 1) === 41 ? i : -1;
      depth--;
    } else if (c === 92) i++;
    else if (c === 39 || c === 34) {
      // skip a quoted string
      let j = i + 1;
      while (j < n && src.charCodeAt(j) !== c) {
        if (c === 34 && src.charCodeAt(j) === 92) j++;
        j++;
      }
      i = j;
    }
    i++;
  }
  return -1;
}

/**
 * Scan forward from `from` for a stop character at nesting depth 0 (parentheses, brackets,
 * braces), skipping quotes and escapes. Returns its offset or -1.
 */
export function findAtDepth0(src: string, from: number, stops: string): number {
  let depth = 0;
  const n = src.length;
  for (let i = from; i < n; i++) {
    const ch = src[i]!;
    if (depth === 0 && stops.indexOf(ch) >= 0) return i;
    switch (ch) {
      case "(":
      case "[":
      case "{":
        depth++;
        break;
      case ")":
      case "]":
      case "}":
        depth--;
        if (depth < 0) return -1;
        break;
      case "\\":
        i++;
        break;
      case "'":
      case '"': {
        let j = i + 1;
        while (j < n && src[j] !== ch) {
          if (ch === '"' && src[j] === "\\") j++;
          j++;
        }
        i = j;
        break;
      }
    }
  }
  return -1;
}

/** A `$` at h.pos. Returns undefined when the `$` is literal (then h.pos is unchanged). */
function dollar(h: WordHost, inDq: boolean, quotesInDq = false): WordPart | undefined {
  const src = h.src;
  const i = h.pos;
  const c = src.charCodeAt(i + 1);
  if (c === 123) return braced(h, inDq);
  if (c === 40) {
    if (src.charCodeAt(i + 2) === 40) {
      const e = arithEnd(src, i + 3);
      if (e >= 0) {
        const expr = rangeWord(h, i + 3, e);
        h.pos = e + 2;
        const a: ArithSub = { kind: "ArithSub", expr, span: h.span(i, e + 2) };
        return a;
      }
    }
    const { list, end } = h.cmdSub(i + 2);
    h.pos = end;
    const cs: CmdSub = { kind: "CmdSub", body: list, backquote: false, span: h.span(i, end) };
    return cs;
  }
  if (c === 91) {
    // $[expr]: bash's obsolete spelling of $((expr)).
    const e = findAtDepth0(src, i + 2, "]");
    if (e < 0) throw unterminated(h, i, "]");
    const expr = rangeWord(h, i + 2, e);
    h.pos = e + 1;
    const a: ArithSub = { kind: "ArithSub", expr, span: h.span(i, e + 1) };
    return a;
  }
  if ((!inDq || quotesInDq) && c === 39) {
    // $'...': backslash escapes the closing quote.
    let j = i + 2;
    const n = src.length;
    while (j < n && src.charCodeAt(j) !== 39) {
      if (src.charCodeAt(j) === 92) j++;
      j++;
    }
    if (j >= n) throw unterminated(h, i, "'");
    h.pos = j + 1;
    return { kind: "AnsiCQuoted", value: decodeAnsiC(src.slice(i + 2, j)) };
  }
  if ((!inDq || quotesInDq) && c === 34) {
    h.pos = i + 2;
    return doubleQuoted(h, i + 1, true);
  }
  if (isNameStart(c)) {
    let j = i + 2;
    while (isNameChar(src.charCodeAt(j))) j++;
    h.pos = j;
    const p: ParamExp = { kind: "ParamExp", name: src.slice(i + 1, j), braced: false };
    return p;
  }
  if (isDigit(c) || isSpecialParam(c)) {
    h.pos = i + 2;
    const p: ParamExp = { kind: "ParamExp", name: src[i + 1]!, braced: false };
    return p;
  }
  return undefined;
}

/** ${...} at h.pos (the `$`). */
function braced(h: WordHost, inDq: boolean): ParamExp {
  const src = h.src;
  const start = h.pos;
  let j = start + 2;
  const p: ParamExp = { kind: "ParamExp", name: "", braced: true };
  const c0 = src.charCodeAt(j);
  const c1 = src.charCodeAt(j + 1);
  if (c0 === 35 && c1 !== 125 && (isNameStart(c1) || isDigit(c1) || (isSpecialParam(c1) && src.charCodeAt(j + 2) === 125))) {
    // ${#name}: length. ${#} is the parameter #; ${#-} ${##} ${#@} are lengths of specials, but
    // with anything after the special `#` is the name: ${#-x} is $# with default x, ${###} is
    // $# with an empty ## pattern.
    p.length = true;
    j++;
  } else if (c0 === 33 && c1 !== 125 && (isNameStart(c1) || isDigit(c1) || isSpecialParam(c1))) {
    p.indirect = true;
    j++;
  }
  const ns = j;
  const c = src.charCodeAt(j);
  if (isNameStart(c)) {
    j++;
    while (isNameChar(src.charCodeAt(j))) j++;
  } else if (isDigit(c)) {
    j++;
    while (isDigit(src.charCodeAt(j))) j++;
  } else if (isSpecialParam(c)) j++;
  p.name = src.slice(ns, j);
  if (p.name === "") return bad(h, start, p);
  // Subscript
  if (src.charCodeAt(j) === 91) {
    const e = findAtDepth0(src, j + 1, "]");
    if (e < 0) return bad(h, start, p);
    const sub = src.slice(j + 1, e);
    if (sub === "@" || sub === "*") p.index = sub;
    else p.index = rangeWord(h, j + 1, e);
    j = e + 1;
  }
  const op = src[j];
  if (op === undefined) throw unterminated(h, start, "}");
  if (op === "}") {
    if (p.indirect && (p.index === "@" || p.index === "*")) p.op = { op: "keys", at: p.index === "@" };
    h.pos = j + 1;
    return p;
  }
  if (p.indirect && (op === "@" || op === "*") && src[j + 1] === "}" && p.index === undefined) {
    p.op = { op: "names", at: op === "@" };
    h.pos = j + 2;
    return p;
  }
  let o: ParamOp;
  const two = src.slice(j, j + 2);
  switch (op) {
    case ":": {
      const d = src[j + 1];
      if (d === "-" || d === "=" || d === "?" || d === "+") {
        o = { op: two as ":-", word: operand(h, j + 2, inDq, { dqDefault: inDq }) };
      } else {
        const oe = offsetEnd(src, j + 1);
        if (oe < 0) throw unterminated(h, start, "}");
        const offset = rangeWord(h, j + 1, oe);
        if (src[oe] === ":") {
          const le = findAtDepth0(src, oe + 1, "}");
          if (le < 0) throw unterminated(h, start, "}");
          o = { op: ":", offset, length: rangeWord(h, oe + 1, le) };
          h.pos = le;
        } else {
          o = { op: ":", offset };
          h.pos = oe;
        }
      }
      break;
    }
    case "-":
    case "=":
    case "?":
    case "+":
      o = { op, word: operand(h, j + 1, inDq, { dqDefault: inDq }) };
      break;
    case "#":
    case "%": {
      const dbl = src[j + 1] === op;
      const pat = operand(h, j + (dbl ? 2 : 1), inDq, NO_FLAGS);
      o = { op: (dbl ? op + op : op) as "#", pattern: pat ?? emptyWord(h, h.pos) };
      break;
    }
    case "/": {
      let k = j + 1;
      let kind: "/" | "//" | "/#" | "/%" = "/";
      const d = src[k];
      if (d === "/" || d === "#" || d === "%") {
        kind = ("/" + d) as "//";
        k++;
      }
      // After `//` a further `/` is the pattern's first character, not the replacement's
      // delimiter (bash: ${x////c} replaces every / with c; ${x///} deletes every /).
      const lead = kind === "//" && src[k] === "/";
      let pattern = operand(h, lead ? k + 1 : k, inDq, { stopSlash: true }) ?? emptyWord(h, h.pos);
      if (lead) {
        const ps: WordPart[] = [];
        pushLit(ps, "/");
        for (const q of pattern.parts) if (q.kind === "Lit") pushLit(ps, q.value); else ps.push(q);
        pattern = finishWord(ps, h.span(k, h.pos), false);
      }
      if (src[h.pos] === "/") {
        const replacement = operand(h, h.pos + 1, inDq, NO_FLAGS);
        o = replacement ? { op: kind, pattern, replacement } : { op: kind, pattern, replacement: emptyWord(h, h.pos) };
      } else o = { op: kind, pattern };
      break;
    }
    case "^":
    case ",": {
      const dbl = src[j + 1] === op;
      const pattern = operand(h, j + (dbl ? 2 : 1), inDq, NO_FLAGS);
      o = pattern ? { op: (dbl ? op + op : op) as "^", pattern } : { op: (dbl ? op + op : op) as "^" };
      break;
    }
    case "~": {
      const dbl = src[j + 1] === "~";
      const pattern = operand(h, j + (dbl ? 2 : 1), inDq, NO_FLAGS);
      const tog = dbl ? "~~" : "~";
      o = pattern ? { op: tog, pattern } : { op: tog };
      break;
    }
    case "@": {
      if (src[j + 2] !== "}") return bad(h, start, p);
      o = { op: "@", transform: src[j + 1]! };
      h.pos = j + 2;
      break;
    }
    default:
      return bad(h, start, p);
  }
  if (src.charCodeAt(h.pos) !== 125) throw unterminated(h, start, "}");
  h.pos++;
  p.op = o;
  return p;
}

/**
 * End of the offset of ${x:offset:length}: the first `:` or `}` at depth 0 that is not the `:` of
 * an arithmetic `?:` inside the offset (bash's skiparith: ${s: 1 ? 2 : 0 : 1} has offset
 * `1 ? 2 : 0`). -1 if there is none.
 */
function offsetEnd(src: string, from: number): number {
  let pending = 0; // `?` still waiting for their `:`
  let i = from;
  for (;;) {
    const e = findAtDepth0(src, i, ":}?");
    if (e < 0) return -1;
    const ch = src[e];
    if (ch === "?") pending++;
    else if (ch === ":" && pending > 0) pending--;
    else return e;
    i = e + 1;
  }
}

function emptyWord(h: WordHost, at: number): Word {
  return { kind: "Word", parts: [], span: h.span(at, at), literal: "" };
}

/** The word operand of a ${x op word}; undefined when empty. Leaves h.pos at the terminator. */
function operand(h: WordHost, start: number, inDq: boolean, flags: ScanFlags): Word | undefined {
  h.pos = start;
  const parts = scan(h, Mode.Param, h.src.length, inDq ? flags : { ...flags, dqDefault: false });
  if (parts.length === 0) return undefined;
  return finishWord(parts, h.span(start, h.pos), false);
}

/**
 * A ${...} this scanner does not understand (bash reports "bad substitution" when it is
 * expanded, not when parsed): keep the whole text as the name, which no variable can have.
 */
function bad(h: WordHost, start: number, p: ParamExp): ParamExp {
  const e = closingBrace(h.src, start + 2);
  if (e < 0) throw unterminated(h, start, "}");
  h.pos = e + 1;
  return { kind: "ParamExp", name: h.src.slice(start + 2, e), braced: true, length: p.length, indirect: p.indirect };
}

/**
 * The `}` closing a ${ whose inside starts at `from`, found the way bash's reader does: only a
 * nested `${` opens another level; quotes and backslashes are skipped. Returns -1 if none.
 */
function closingBrace(src: string, from: number): number {
  let depth = 0;
  const n = src.length;
  for (let i = from; i < n; i++) {
    const c = src.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 36 && src.charCodeAt(i + 1) === 123) {
      depth++;
      i++;
    } else if (c === 125) {
      if (depth === 0) return i;
      depth--;
    } else if (c === 39 || c === 34) {
      let j = i + 1;
      while (j < n && src.charCodeAt(j) !== c) {
        if (c === 34 && src.charCodeAt(j) === 92) j++;
        j++;
      }
      i = j;
    }
  }
  return -1;
}

/** `...` at h.pos: find the closing backquote, undo its escapes, and parse the body. */
function backquote(h: WordHost, inDq: boolean): CmdSub {
  const src = h.src;
  const start = h.pos;
  let j = start + 1;
  const n = src.length;
  let body = "";
  let s = j;
  while (j < n) {
    const c = src.charCodeAt(j);
    if (c === 96) break;
    if (c === 92) {
      const d = src.charCodeAt(j + 1);
      // Inside backquotes \ escapes $ ` \ (and " within double quotes); others stay.
      if (d === 36 || d === 96 || d === 92 || (inDq && d === 34)) {
        body += src.slice(s, j);
        s = j + 1;
      }
      j += 2;
      continue;
    }
    j++;
  }
  if (j >= n) throw unterminated(h, start, "`");
  body += src.slice(s, j);
  h.pos = j + 1;
  return { kind: "CmdSub", body: h.backquote(body, start, j + 1), backquote: true, span: h.span(start, j + 1) };
}
