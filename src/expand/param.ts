// Parameter expansion (XCU 2.6.2 and every bash form in grammar/ast.ts ParamOp).
//
// A parameter resolves to either a scalar (possibly unset) or a list ("$@", "$*", ${a[@]},
// ${a[*]}, ${!prefix*}, ${!a[@]}); operators apply to each element of a list. The result goes
// into the FieldBuilder, which knows the quoting context: a quoted list keeps one field per
// element ("$@") or joins with IFS[0] ("$*"), an unquoted one is split.
//
// bash's rules worth knowing:
//  - The ":" forms test "unset or null", the others only "unset". A list is null when it joins
//    to "" ("$@" with spaces, "$*" with IFS[0]).
//  - The word of ${x:-w} ${x:+w} keeps the quoting context: "${x:-$y}" does not split $y, and
//    "${x:-"$@"}" still gives one field per positional parameter.
//  - Pattern words (${x#p}, ${x/p/r}) are patterns even inside double quotes; quoting inside the
//    word makes characters literal.
//  - set -u: an unset scalar is an error ("x: unbound variable", "$1: unbound variable") except
//    under - = ? + operators; "$@", "$*" and ${a[@]} are never errors; ${#a[@]} of an unset
//    array is.
import { charsAreBytes } from "../state/locale.ts";
import { encodeUtf8, fromByteString, toByteString } from "../sys/utf8.ts";
import { arithWord } from "./arith-word.ts";
import type { ParamExp, Word } from "../../grammar/ast.ts";
import { printWord } from "../../grammar/printer.ts";
import type { Gen } from "../exec/gen.ts";
import type { ExpandHost } from "./host.ts";
import { VarAttr, VarError } from "../state/var-store.ts";
import type { FieldBuilder } from "./fields.ts";
import { evalArith } from "./arith-eval.ts";
import { removeAffix, replacePattern, parseReplacement } from "./pattern-ops.ts";
import { quoteForReuse } from "./quote.ts";
import { unescapePattern } from "./pattern.ts";
import { assignmentText, attrLetters, caseModify, decodeAnsiC, keyValueText, promptExpand } from "./transform.ts";
import { allSync, expandPartsInto, expandPattern, expandReplacement, expandWord } from "./word.ts";
import { expandSubscript, subscriptNeedsExpansion } from "./subscript.ts";

/** A resolved parameter: a scalar (undefined when unset) or a list. */
export type ParamValue =
  | { list: false; value: string | undefined }
  | { list: true; values: string[]; star: boolean };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A name, a positional parameter or a special parameter. */
const VALID_PARAM = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!0-])$/;
const INDIRECT_TARGET = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!0-])(?:\[(.*)\])?$/s;

function scalar(value: string | undefined): ParamValue {
  return { list: false, value };
}

/** Value of a name with an optional (already expanded) subscript; "@"/"*" select all elements. */
function resolve(h: ExpandHost, name: string, sub: string | undefined): ParamValue {
  switch (name) {
    case "@":
    case "*":
      return { list: true, values: h.positional(), star: name === "*" };
    case "#":
      return scalar(String(h.positional().length));
    case "?":
      return scalar(String(h.lastStatus()));
    case "-":
      return scalar(h.optionFlags());
    case "$":
      return scalar(String(h.shellPid()));
    case "!": {
      const p = h.lastBgPid();
      return scalar(p === "" ? undefined : p);
    }
    case "0":
      return scalar(h.arg0());
  }
  const c = name.charCodeAt(0);
  if (c >= 48 && c <= 57) return scalar(h.positional()[Number(name) - 1]);
  if (sub === undefined) return scalar(h.vars.get(name));
  if (sub === "@" || sub === "*") return { list: true, values: h.vars.getValues(name), star: sub === "*" };
  if (h.vars.isAssoc(name)) return scalar(h.vars.getElement(name, sub));
  return scalar(h.vars.getElement(name, evalArith(h, sub)));
}

/** The name bash shows in messages: $1 for positional parameters, a[i] for elements. */
function shownName(name: string, sub: string | undefined, dollar: boolean): string {
  if (sub !== undefined) return `${name}[${sub}]`;
  return dollar && !NAME.test(name) ? "$" + name : name;
}

function isPositionalOrSpecial(name: string): boolean {
  return !NAME.test(name);
}

/** Whether the ":" / plain operators see the parameter as present. */
function present(b: FieldBuilder, v: ParamValue, colon: boolean, quoted: boolean): boolean {
  if (!v.list) return v.value !== undefined && (!colon || v.value !== "");
  if (v.values.length === 0) return false;
  if (!colon) return true;
  // only "$*" joins with IFS[0] for the test: unquoted, bash joins with a space whatever IFS is
  return v.values.join(v.star && quoted ? b.ifs().first : " ") !== "";
}

function emit(b: FieldBuilder, v: ParamValue, quoted: boolean): void {
  if (v.list) b.list(v.values, v.star, quoted);
  else b.expanded(v.value ?? "", quoted);
}

function map(v: ParamValue, f: (s: string) => string): ParamValue {
  if (!v.list) return v.value === undefined ? v : scalar(f(v.value));
  return { list: true, values: v.values.map(f), star: v.star };
}

function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return true;
  return false;
}

/** Length in characters (code points), as bash counts in a UTF-8 locale. */
export function charLength(s: string): number {
  if (!hasNonAscii(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Offset/length arithmetic of ${x:off:len} over n items; undefined for an empty result.
 *  Throws the bash message for a negative end. */
function window(h: ExpandHost, n: number, off: number, len: number | undefined, lenText: string): [number, number] | undefined {
  if (off < 0) {
    off += n;
    if (off < 0) return undefined;
  }
  if (off > n) return undefined;
  let end: number;
  if (len === undefined) end = n;
  else if (len < 0) {
    end = n + len;
    if (end < off) h.fail(`${lenText}: substring expression < 0`, false);
  } else end = Math.min(n, off + len);
  return end > off ? [off, end] : [off, off];
}

function* substring(h: ExpandHost, name: string, sub: string | undefined, v: ParamValue, op: { offset: Word; length?: Word }): Gen<ParamValue> {
  const offText = yield* expandWord(h, op.offset);
  const off = evalArith(h, offText);
  let lenText = "";
  let len: number | undefined;
  if (op.length !== undefined) {
    lenText = yield* expandWord(h, op.length);
    len = evalArith(h, lenText);
  }
  if (!v.list) {
    if (v.value === undefined) return v;
    const s = v.value;
    if (!hasNonAscii(s)) {
      const w = window(h, s.length, off, len, lenText);
      return scalar(w ? s.slice(w[0], w[1]) : "");
    }
    if (charsAreBytes(h.vars)) {
      // the C locale: byte offsets (a character cut in two keeps the bytes it has)
      const b = toByteString(s);
      const w = window(h, b.length, off, len, lenText);
      return scalar(w ? fromByteString(b.slice(w[0], w[1])) : "");
    }
    const chars = Array.from(s);
    const w = window(h, chars.length, off, len, lenText);
    return scalar(w ? chars.slice(w[0], w[1]).join("") : "");
  }
  if (len !== undefined && len < 0) h.fail(`${lenText}: substring expression < 0`, false);
  if (name === "@" || name === "*") {
    // Positional parameters count from $0.
    const all = [h.arg0(), ...v.values];
    const w = window(h, all.length, off, len, lenText);
    return { list: true, values: w ? all.slice(w[0], w[1]) : [], star: v.star };
  }
  if (sub !== undefined && !h.vars.isAssoc(name)) {
    // Indexed arrays: the offset is an index (sparse arrays skip to the next set one).
    const keys = h.vars.getKeys(name).map(Number);
    const top = keys.length > 0 ? keys[keys.length - 1]! + 1 : 0;
    let start = off;
    if (start < 0) {
      start += top;
      if (start < 0) return { list: true, values: [], star: v.star };
    }
    const values: string[] = [];
    for (let i = 0; i < keys.length; i++) {
      if (keys[i]! < start) continue;
      if (len !== undefined && values.length >= len) break;
      values.push(v.values[i]!);
    }
    return { list: true, values, star: v.star };
  }
  const w = window(h, v.values.length, off, len, lenText);
  return { list: true, values: w ? v.values.slice(w[0], w[1]) : [], star: v.star };
}

/** The variable a nameref chain ends at (the shell's Variables.follow; VarStore has none). */
function followName(h: ExpandHost, name: string): string {
  if (!NAME.test(name) || !(h.vars.attrs(name) & VarAttr.Nameref)) return name;
  const f = (h.vars as { follow?(n: string): string | null }).follow?.(name);
  return f && NAME.test(f) ? f : name;
}

function transform(h: ExpandHost, name: string, sub: string | undefined, v: ParamValue, t: string, pe: ParamExp): ParamValue {
  if (t === "a" || t === "A" || t === "K" || t === "k") name = followName(h, name);
  switch (t) {
    case "Q":
      return map(v, quoteForReuse);
    case "E":
      return map(v, decodeAnsiC);
    case "P":
      return map(v, (s) => promptExpand(h, s));
    case "U":
      return map(v, (s) => s.toUpperCase());
    case "L":
      return map(v, (s) => s.toLowerCase());
    case "u":
      return map(v, (s) => caseModify(s, "^", undefined, false));
    case "a": {
      const letters = NAME.test(name) ? attrLetters(h.vars.attrs(name)) : "";
      // a declared variable without a value still has its attributes (declare -a x; ${x@a} is a)
      if (!v.list && v.value === undefined) return scalar(letters === "" ? undefined : letters);
      return map(v, () => letters);
    }
    case "A": {
      if (!NAME.test(name)) return scalar(v.list ? v.values.map(quoteForReuse).join(" ") : v.value);
      const whole = v.list && sub !== undefined;
      const text = assignmentText(h, name, whole, v.list ? v.values[0] : v.value);
      if (!whole || v.star) return scalar(text);
      // bash gives ${a[@]@A} as three words: declare, the options, the assignment.
      const s1 = text.indexOf(" ");
      const s2 = text.indexOf(" ", s1 + 1);
      return { list: true, values: [text.slice(0, s1), text.slice(s1 + 1, s2), text.slice(s2 + 1)], star: false };
    }
    case "K":
      if (v.list && sub !== undefined && NAME.test(name)) return scalar(keyValueText(h, name));
      return map(v, quoteForReuse);
    case "k": {
      if (!(v.list && sub !== undefined && NAME.test(name))) return map(v, quoteForReuse);
      const assoc = h.vars.isAssoc(name);
      const out: string[] = [];
      for (const k of h.vars.getKeys(name)) out.push(k, h.vars.getElement(name, assoc ? k : Number(k)) ?? "");
      return { list: true, values: out, star: v.star };
    }
  }
  const idx = pe.index === undefined ? "" : `[${typeof pe.index === "string" ? pe.index : sub}]`;
  return h.fail(`\${${pe.indirect ? "!" : ""}${pe.name}${idx}@${t}}: bad substitution`, false);
}

function assign(h: ExpandHost, name: string, sub: string | undefined, value: string): void {
  if (isPositionalOrSpecial(name)) h.fail(`$${name}: cannot assign in this way`, false);
  try {
    if (sub === undefined) h.vars.set(name, value);
    else if (sub === "@" || sub === "*") h.fail(`${name}[${sub}]: bad array subscript`, false);
    else if (h.vars.isAssoc(name)) h.vars.setElement(name, sub, value);
    else h.vars.setElement(name, evalArith(h, sub), value);
  } catch (e) {
    if (e instanceof VarError) h.fail(e.message, false);
    throw e;
  }
}

function keysOf(h: ExpandHost, name: string): string[] {
  return name === "@" || name === "*" ? h.positional().map((_, i) => String(i + 1)) : h.vars.getKeys(name);
}

/** A parameter after name checks and indirection. */
interface Looked {
  name: string;
  sub: string | undefined;
  v: ParamValue;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** A name, a positional parameter or a special parameter (without a regex on the hot path). */
function validParam(name: string): boolean {
  const c = name.charCodeAt(0);
  if (isNameStart(c)) {
    for (let i = 1; i < name.length; i++) {
      const d = name.charCodeAt(i);
      if (!isNameStart(d) && !(d >= 48 && d <= 57)) return false;
    }
    return true;
  }
  return VALID_PARAM.test(name);
}

/** Resolve the parameter of `pe` (subscript already expanded), following ${!x} indirection
 *  (a target's own subscript is used as text: see lookupGen for the one that expands it). */
function lookup(h: ExpandHost, pe: ParamExp, sub: string | undefined): Looked {
  const name = pe.name;
  if (!validParam(name)) {
    // The parser keeps a ${...} it cannot read as its text; bash reports it when expanded.
    return h.fail(`\${${name}}: bad substitution`, false);
  }
  if (!pe.indirect) return { name, sub, v: resolve(h, name, sub) };
  const t = indirectTarget(h, name, sub);
  return t.v !== undefined ? (t as Looked) : { name: t.name, sub: t.sub, v: resolve(h, t.name, t.sub) };
}

/** ${a[sub]}: an indexed array's subscript is arithmetic text (arith-word.ts), an associative
 *  array's key a word. (Through ${!ref}, the target is known only after the lookup; its
 *  subscript is a word here and goes through lookupGen's expansion.) */
function indexWord(h: ExpandHost, pe: ParamExp, w: Word): Word {
  return pe.indirect || h.vars.isAssoc(pe.name) ? w : arithWord(w);
}

/** lookup, where the subscript of an indirection target gets bash's one round of expansion
 *  (ref='A[$key]' or 'A["K"]': ${!ref} is ${A[K]}). */
function* lookupGen(h: ExpandHost, pe: ParamExp, sub: string | undefined): Gen<Looked> {
  if (!pe.indirect || !validParam(pe.name)) return lookup(h, pe, sub);
  const t = indirectTarget(h, pe.name, sub);
  if (t.v !== undefined) return t as Looked;
  let s = t.sub;
  if (s !== undefined && s !== "@" && s !== "*" && subscriptNeedsExpansion(s)) s = yield* expandSubscript(h, s, !h.vars.isAssoc(t.name));
  return { name: t.name, sub: s, v: resolve(h, t.name, s) };
}

/** The parameter ${!name} refers to: the name and subscript text in name's value (or, for a
 *  nameref, the value itself: ${!ref} is the name it refers to). */
function indirectTarget(h: ExpandHost, name: string, sub: string | undefined): { name: string; sub: string | undefined; v?: ParamValue } {
  if (sub === undefined && NAME.test(name) && h.vars.attrs(name) & VarAttr.Nameref) {
    // VarStore has no such query; the shell's Variables does (namerefTarget), so ask it when it is there.
    const target = (h.vars as { namerefTarget?(n: string): string | undefined }).namerefTarget?.(name);
    if (target !== undefined) return { name, sub, v: scalar(target) };
  }
  const r = resolve(h, name, sub);
  const target = r.list ? r.values.join(" ") : r.value;
  if (target === undefined) return h.fail(`${shownName(name, sub, false)}: invalid indirect expansion`, false);
  const m = INDIRECT_TARGET.exec(target);
  if (m === null) return h.fail(`${target}: invalid variable name`, false);
  return { name: m[1]!, sub: m[2] };
}

/** For set -u: the variable was given a value, if only an empty array (a=(); declare -A a=()),
 *  unlike `declare -a a`, which only declares it. */
function assigned(h: ExpandHost, name: string): boolean {
  if (h.vars.isSet(name)) return true;
  const a = h.vars.attrs(name);
  return (a & (VarAttr.Array | VarAttr.Assoc)) !== 0 && (a & VarAttr.Unset) === 0;
}

/** ${#...} or a parameter without operator: set -u checks, then the value. */
function emitPlain(h: ExpandHost, b: FieldBuilder, r: Looked, quoted: boolean, length = false): void {
  const { name, sub, v } = r;
  if (length) {
    let n: number;
    if (v.list) {
      if (h.opts.nounset && v.values.length === 0 && sub !== undefined && !assigned(h, name)) {
        h.fail(`${name}: unbound variable`, true, 1); // (bash -c exits 1 here, not 127)
      }
      n = v.values.length;
    } else {
      if (v.value === undefined && h.opts.nounset) h.fail(`${shownName(name, sub, true)}: unbound variable`);
      const s = v.value ?? "";
      // the C locale counts bytes (src/state/locale.ts)
      n = hasNonAscii(s) && charsAreBytes(h.vars) ? encodeUtf8(s).length : charLength(s);
    }
    b.expanded(String(n), quoted);
    return;
  }
  if (!v.list && v.value === undefined && h.opts.nounset) h.fail(`${shownName(name, sub, true)}: unbound variable`);
  emit(b, v, quoted);
}

/** The synchronous part of parameter expansion: no operator word to expand and no subscript
 *  word (the common $x, ${x}, "$@", ${#x}, ${!x}, ${a[@]}). Callers check `isSyncParam`. */
export function expandParamSync(h: ExpandHost, b: FieldBuilder, pe: ParamExp, quoted: boolean): void {
  if (pe.op !== undefined) return affixSync(h, b, pe, quoted);
  const sub = pe.index as "@" | "*" | undefined;
  if (pe.indirect && sub !== undefined) {
    b.list(keysOf(h, pe.name), sub === "*", quoted);
    return;
  }
  if (pe.length === true && sub !== undefined && !pe.indirect && !h.opts.nounset && h.vars.count !== undefined && NAME.test(pe.name)) {
    // ${#a[@]}: counted, not listed (a loop that appends and counts would copy the array each time)
    b.expanded(String(h.vars.count(pe.name)), quoted);
    return;
  }
  emitPlain(h, b, lookup(h, pe, sub), quoted, pe.length === true);
}

/** True when expandParamSync can expand pe. */
export function isSyncParam(pe: ParamExp): boolean {
  const op = pe.op;
  if (op !== undefined) {
    // ${x#p} ${x##p} ${x%p} ${x%%p} whose pattern cannot wait: as expandParam does it, without
    // its generator frames (four of them per ${x#*/} in string-ops)
    return (op.op === "#" || op.op === "##" || op.op === "%" || op.op === "%%") && !pe.indirect && !pe.length &&
      typeof pe.index !== "object" && allSync(op.pattern.parts);
  }
  // ${!ref}: the target's subscript may need expanding (lookupGen); ${!a[@]} lists keys.
  return typeof pe.index !== "object" && (!pe.indirect || pe.index === "@" || pe.index === "*");
}

/** expandParam's path for a prefix or suffix removal (see isSyncParam). */
function affixSync(h: ExpandHost, b: FieldBuilder, pe: ParamExp, quoted: boolean): void {
  const op = pe.op as Extract<ParamExp["op"], { op: "#" | "##" | "%" | "%%" }>;
  const r = lookup(h, pe, pe.index as string | undefined);
  let v = r.v;
  if (!v.list && v.value === undefined && h.opts.nounset) h.fail(`${shownName(r.name, r.sub, true)}: unbound variable`);
  // the pattern's parts are all synchronous (allSync): its expansion finishes in one step
  const g = expandPattern(h, op.pattern);
  const res = g.next();
  if (!res.done) throw new Error("ipsh: internal error: a synchronous pattern waited");
  const pat = res.value;
  // nocasematch applies to ${x/p/r} but not to ${x#p} (bash 5.2).
  const mo = { extglob: h.opts.extglob, localeVars: h.vars };
  v = map(v, (s) => removeAffix(s, pat, op.op, mo));
  const heredoc = b.heredoc;
  b.heredoc = false;
  emit(b, v, quoted);
  b.heredoc = heredoc;
}

/** Expand one ParamExp into the builder. `quoted`: inside double quotes (or a here-document). */
export function* expandParam(h: ExpandHost, b: FieldBuilder, pe: ParamExp, quoted: boolean): Gen<void> {
  const op = pe.op;
  if (op === undefined && pe.indirect && (pe.index === "@" || pe.index === "*")) {
    // ${!a[@]} / ${!a[*]} without a keys operator from the parser: the keys all the same.
    b.list(keysOf(h, pe.name), pe.index === "*", quoted);
    return;
  }
  if (op !== undefined) {
    if (op.op === "names") {
      const names = h.vars.names().filter((n) => n.startsWith(pe.name));
      b.list(names, !op.at, quoted);
      return;
    }
    if (op.op === "keys") {
      b.list(keysOf(h, pe.name), !op.at, quoted);
      return;
    }
  }
  let sub = pe.index === undefined || typeof pe.index === "string" ? pe.index : yield* expandWord(h, indexWord(h, pe, pe.index));
  // ${#x/a/b}, ${#x@Q}, ${#x:1}: the length takes no operator; ${x:} has no offset; ${a[]}
  if (
    (pe.length && op !== undefined) ||
    (op?.op === ":" && op.offset.parts.length === 0 && op.length === undefined) ||
    (typeof pe.index === "object" && pe.index.parts.length === 0)
  )
    h.fail(`${printWord({ kind: "Word", parts: [pe], span: pe.span! })}: bad substitution`, false);
  const r = yield* lookupGen(h, pe, sub);
  if (op === undefined || pe.length) {
    emitPlain(h, b, r, quoted, pe.length === true);
    return;
  }
  const { name } = r;
  let v = r.v;
  sub = r.sub;
  switch (op.op) {
    case ":-":
    case "-":
    case ":+":
    case "+":
    case ":=":
    case "=":
    case ":?":
    case "?": {
      const colon = op.op.length === 2;
      const kind = colon ? op.op[1] : op.op;
      const isSet = present(b, v, colon, quoted);
      if (kind === "+") {
        if (isSet && op.word) yield* expandPartsInto(h, b, op.word.parts, quoted, true);
        else if (v.list && !v.star && v.values.length === 0) b.list([], false, quoted); // "${e[@]+x}": no field, like "$@"
        else if (isSet || quoted) b.expanded("", quoted);
        return;
      }
      if (isSet) {
        emit(b, v, quoted);
        return;
      }
      if (kind === "-") {
        if (op.word) yield* expandPartsInto(h, b, op.word.parts, quoted, true);
        else b.expanded("", quoted);
        return;
      }
      if (kind === "=") {
        const value = op.word ? yield* expandWord(h, op.word) : "";
        assign(h, name, sub, value);
        b.expanded(value, quoted);
        return;
      }
      const msg = op.word ? yield* expandWord(h, op.word) : colon ? "parameter null or not set" : "parameter not set";
      h.fail(`${shownName(name, sub, false)}: ${msg}`);
    }
  }

  // Value operators: an unset scalar is an error under set -u.
  if (!v.list && v.value === undefined && h.opts.nounset) h.fail(`${shownName(name, sub, true)}: unbound variable`);
  const o = h.opts;
  switch (op.op) {
    case "#":
    case "##":
    case "%":
    case "%%": {
      const pat = yield* expandPattern(h, op.pattern);
      // nocasematch applies to ${x/p/r} but not to ${x#p} (bash 5.2).
      const mo = { extglob: o.extglob, localeVars: h.vars };
      v = map(v, (s) => removeAffix(s, pat, op.op, mo));
      break;
    }
    case "/":
    case "//":
    case "/#":
    case "/%": {
      const pat = yield* expandPattern(h, op.pattern);
      const repText = op.replacement ? yield* expandReplacement(h, op.replacement) : "";
      // patsub_replacement (on by default): an unquoted & stands for the match.
      const rep = o.patsub_replacement === false ? [unescapePattern(repText)] : parseReplacement(repText);
      const mo = { extglob: o.extglob, nocase: o.nocasematch, localeVars: h.vars };
      v = map(v, (s) => replacePattern(s, pat, rep, op.op, mo));
      break;
    }
    case ":":
      v = yield* substring(h, name, sub, v, op);
      break;
    case "^":
    case "^^":
    case ",":
    case ",,":
    case "~":
    case "~~": {
      const pat = op.pattern ? yield* expandPattern(h, op.pattern) : undefined;
      const bytes = charsAreBytes(h.vars);
      v = map(v, (s) => caseModify(s, op.op, pat, false, bytes));
      break;
    }
    case "@":
      v = transform(h, name, sub, v, op.transform, pe);
      break;
  }
  // In a here-document bash joins a plain $* with spaces but the result of an operator on
  // $* with IFS[0].
  const heredoc = b.heredoc;
  b.heredoc = false;
  emit(b, v, quoted);
  b.heredoc = heredoc;
}
