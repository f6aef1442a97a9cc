// Evaluation of arithmetic expressions (grammar/arith.ts) with bash's semantics:
// 64-bit signed wrap-around, variables whose values are themselves expressions (evaluated
// recursively up to a depth limit), unset or empty variables as 0, short-circuit && || ?: (no
// side effects in the branch not taken), and bash's error messages through host.fail.
//
// Speed: parsed expressions are cached by their text (a loop evaluating `i+1` a million times
// parses it once), values are JS numbers while they are safe integers, and only operations
// whose result leaves that range fall back to BigInt.
import { expandSubscriptNow, subscriptNeedsExpansion } from "./subscript.ts";
import { ArithError, normBig, parseArith, parseArithConstant } from "../../grammar/arith.ts";
import type { ArithLValue, ArithNode, ArithNum, BinOp } from "../../grammar/arith.ts";
import type { ExpandHost } from "./host.ts";
import { VarError } from "../state/var-store.ts";

/** bash's MAX_EXPR_RECURSION_LEVEL */
const MAX_DEPTH = 1024;
const CACHE_LIMIT = 4096;

const cache = new Map<string, ArithNode | ArithError>();

/** Parse with the cache; parse errors are cached too (they are a property of the text). */
function parseCached(text: string): ArithNode {
  let n = cache.get(text);
  if (n === undefined) {
    try {
      n = parseArith(text);
    } catch (e) {
      if (!(e instanceof ArithError)) throw e;
      n = e;
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, n);
  }
  if (n instanceof ArithError) throw new ArithError(n.message, n.pos, n.end);
  return n;
}

// ---------------------------------------------------------------------------------------------
// 64-bit operations: fast path on safe integers, BigInt with wrap-around otherwise.

const big = (v: ArithNum): bigint => (typeof v === "bigint" ? v : BigInt(v));
const wrap = (b: bigint): ArithNum => normBig(BigInt.asIntN(64, b));

function add(a: ArithNum, b: ArithNum): ArithNum {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return wrap(big(a) + big(b));
}
function sub(a: ArithNum, b: ArithNum): ArithNum {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return wrap(big(a) - big(b));
}
function mul(a: ArithNum, b: ArithNum): ArithNum {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return wrap(big(a) * big(b));
}
/** C division truncates toward zero; exact on safe integers (see the design notes in tests). */
function div(a: ArithNum, b: ArithNum): ArithNum {
  if (typeof a === "number" && typeof b === "number") {
    const r = Math.trunc(a / b);
    return r === 0 ? 0 : r;
  }
  return wrap(big(a) / big(b));
}
function mod(a: ArithNum, b: ArithNum): ArithNum {
  if (typeof a === "number" && typeof b === "number") {
    const r = a % b;
    return r === 0 ? 0 : r;
  }
  return wrap(big(a) % big(b));
}
function pow(a: ArithNum, e: ArithNum): ArithNum {
  let result: ArithNum = 1;
  let base = a;
  let n = big(e);
  while (n > 0n) {
    if (n & 1n) result = mul(result, base);
    n >>= 1n;
    if (n > 0n) base = mul(base, base);
  }
  return result;
}
const isInt32 = (v: ArithNum): v is number => typeof v === "number" && (v | 0) === v;
function bitAnd(a: ArithNum, b: ArithNum): ArithNum {
  return isInt32(a) && isInt32(b) ? a & b : wrap(big(a) & big(b));
}
function bitOr(a: ArithNum, b: ArithNum): ArithNum {
  return isInt32(a) && isInt32(b) ? a | b : wrap(big(a) | big(b));
}
function bitXor(a: ArithNum, b: ArithNum): ArithNum {
  return isInt32(a) && isInt32(b) ? a ^ b : wrap(big(a) ^ big(b));
}
/** Shift counts are taken modulo 64, as x86-64 does for bash's C shifts. */
function shiftCount(b: ArithNum): number {
  return Number(BigInt.asUintN(6, big(b)));
}
function shl(a: ArithNum, b: ArithNum): ArithNum {
  const n = shiftCount(b);
  if (typeof a === "number" && n < 53) {
    const r = a * 2 ** n;
    if (Number.isSafeInteger(r)) return r;
  }
  return wrap(big(a) << BigInt(n));
}
function shr(a: ArithNum, b: ArithNum): ArithNum {
  const n = shiftCount(b);
  if (typeof a === "number") return Math.floor(a / 2 ** n);
  return wrap(big(a) >> BigInt(n));
}
function neg(a: ArithNum): ArithNum {
  return typeof a === "number" ? (a === 0 ? 0 : -a) : wrap(-a);
}
function bitNot(a: ArithNum): ArithNum {
  return isInt32(a) ? ~a : wrap(~big(a));
}

/** Apply a non-short-circuit binary operator. pos is the error token for / % **. */
function binary(op: BinOp, a: ArithNum, b: ArithNum, pos: number): ArithNum {
  switch (op) {
    case "+": return add(a, b);
    case "-": return sub(a, b);
    case "*": return mul(a, b);
    case "/":
    case "%":
      if (b === 0) throw new ArithError("division by 0", pos);
      return op === "/" ? div(a, b) : mod(a, b);
    case "**":
      if (b < 0) throw new ArithError("exponent less than 0", pos);
      return pow(a, b);
    case "<<": return shl(a, b);
    case ">>": return shr(a, b);
    case "<": return a < b ? 1 : 0;
    case "<=": return a <= b ? 1 : 0;
    case ">": return a > b ? 1 : 0;
    case ">=": return a >= b ? 1 : 0;
    case "==": return a === b ? 1 : 0;
    case "!=": return a !== b ? 1 : 0;
    case "&": return bitAnd(a, b);
    case "|": return bitOr(a, b);
    case "^": return bitXor(a, b);
    case "&&": return a !== 0 && b !== 0 ? 1 : 0;
    case "||": return a !== 0 || b !== 0 ? 1 : 0;
  }
}

// ---------------------------------------------------------------------------------------------
// The evaluator

/** A variable's value as a number: empty or unset is 0, a decimal is read directly,
 *  anything else is evaluated as an expression one level deeper. */
function valueOf(h: ExpandHost, name: string, s: string | undefined, depth: number): ArithNum {
  if (s === undefined) {
    if (h.opts.nounset) h.fail(`${name}: unbound variable`);
    return 0;
  }
  const n = s.length;
  if (n === 0) return 0;
  if (n <= 15) {
    let i = 0;
    let negative = false;
    const c0 = s.charCodeAt(0);
    if (c0 === 45) {
      negative = true;
      i = 1;
    }
    if (i < n && (s.charCodeAt(i) !== 48 || i === n - 1)) {
      let v = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c < 48 || c > 57) break;
        v = v * 10 + (c - 48);
      }
      if (i === n) return negative ? (v === 0 ? 0 : -v) : v;
    }
  }
  if (depth >= MAX_DEPTH) {
    h.fail(`${s}: expression recursion level exceeded (error token is "${s}")`, false);
  }
  return evalText(h, s, depth + 1);
}

function elementKey(h: ExpandHost, t: Extract<ArithNode, { k: "elem" }>, depth: number): number | string {
  // an associative array's key in arithmetic is a word: (( A['k'] )) is A[k] (bash expands it
  // once more; the arithmetic text itself kept its single quotes, arith-word.ts)
  if (h.vars.isAssoc(t.name)) return subscriptNeedsExpansion(t.sub) ? expandSubscriptNow(h, t.sub) : t.sub;
  if (t.index !== undefined) {
    const n = evalNode(h, t.index, depth);
    return typeof n === "number" ? n : Number(n);
  }
  // a subscript that is not plain arithmetic is expanded first, as arithmetic text (bash's
  // array_expand_index): x='a[$i]' or x='a[$(f)]' in $(( x )) read a[value of i], a[output of f]
  const text = subscriptNeedsExpansion(t.sub) ? expandSubscriptNow(h, t.sub, true) : t.sub;
  const i = evalText(h, text, depth + 1, undefined, true);
  return typeof i === "number" ? i : Number(i);
}

function readLValue(h: ExpandHost, t: ArithLValue, depth: number): ArithNum {
  if (t.k === "var") return valueOf(h, t.name, h.vars.get(t.name), depth);
  const key = elementKey(h, t, depth);
  return valueOf(h, `${t.name}[${t.sub}]`, h.vars.getElement(t.name, key), depth);
}

function writeLValue(h: ExpandHost, t: ArithLValue, v: ArithNum, depth: number, key?: number | string): void {
  const s = String(v);
  if (t.k === "var") h.vars.set(t.name, s);
  else h.vars.setElement(t.name, key ?? elementKey(h, t, depth), s);
}

function evalNode(h: ExpandHost, n: ArithNode, depth: number): ArithNum {
  switch (n.k) {
    case "num":
      return n.v;
    case "var":
      return valueOf(h, n.name, h.vars.get(n.name), depth);
    case "elem":
      return readLValue(h, n, depth);
    case "unary": {
      const v = evalNode(h, n.e, depth);
      switch (n.op) {
        case "-": return neg(v);
        case "+": return v;
        case "!": return v === 0 ? 1 : 0;
        case "~": return bitNot(v);
      }
      break;
    }
    case "incr": {
      const t = n.target;
      const key = t.k === "elem" ? elementKey(h, t, depth) : undefined;
      const old = t.k === "var"
        ? valueOf(h, t.name, h.vars.get(t.name), depth)
        : valueOf(h, `${t.name}[${t.sub}]`, h.vars.getElement(t.name, key!), depth);
      const v = n.op === "++" ? add(old, 1) : sub(old, 1);
      writeLValue(h, t, v, depth, key);
      return n.prefix ? v : old;
    }
    case "bin": {
      const op = n.op;
      if (op === "&&") {
        if (evalNode(h, n.l, depth) === 0) return 0;
        return evalNode(h, n.r, depth) === 0 ? 0 : 1;
      }
      if (op === "||") {
        if (evalNode(h, n.l, depth) !== 0) return 1;
        return evalNode(h, n.r, depth) === 0 ? 0 : 1;
      }
      const a = evalNode(h, n.l, depth);
      return binary(op, a, evalNode(h, n.r, depth), n.pos);
    }
    case "cond":
      return evalNode(h, n.c, depth) !== 0 ? evalNode(h, n.t, depth) : evalNode(h, n.f, depth);
    case "assign": {
      const t = n.target;
      const key = t.k === "elem" ? elementKey(h, t, depth) : undefined;
      let v: ArithNum;
      if (n.op === "=") {
        v = evalNode(h, n.e, depth);
      } else {
        const old = t.k === "var"
          ? valueOf(h, t.name, h.vars.get(t.name), depth)
          : valueOf(h, `${t.name}[${t.sub}]`, h.vars.getElement(t.name, key!), depth);
        v = binary(n.op, old, evalNode(h, n.e, depth), n.pos);
      }
      writeLValue(h, t, v, depth, key);
      return v;
    }
    case "comma":
      evalNode(h, n.l, depth);
      return evalNode(h, n.r, depth);
  }
  throw new Error("unreachable");
}

/** An error in the expression held by a variable (x='1+'; (( x ))), on its way to the evaluation
 *  that reports it: the outermost one, or the array subscript it occurred in. */
class NestedError {
  constructor(
    public text: string,
    public error: ArithError,
  ) {}
}

/** Errors that fail only the arithmetic command that raised them (see evalArithCommand). */
const commandErrors = new WeakSet<object>();

/** Report through host.fail (which throws); `soft` marks the error as an expression error. */
function report(h: ExpandHost, message: string, soft: boolean): never {
  try {
    return h.fail(message, false);
  } catch (e) {
    if (soft && typeof e === "object" && e !== null) commandErrors.add(e);
    throw e;
  }
}

/** Evaluate `text` at recursion depth `depth`, turning errors into host.fail with bash's wording:
 *  "[who: ]<expression>: <message> (error token is "<rest>")". The text of a variable's value
 *  (depth > 0) passes its errors up, so that they read like the outer expression's (with its
 *  `who`); an array subscript's (`sub`) reports its own, without `who`, as an error that abandons
 *  the command line even under ((...)) and let (bash's array_expand_index). */
function evalText(h: ExpandHost, text: string, depth: number, who?: string, sub = false): ArithNum {
  try {
    return evalNode(h, parseCached(text), depth);
  } catch (e) {
    let err: ArithError | undefined;
    let shownText = text;
    if (e instanceof ArithError) err = e;
    else if (e instanceof NestedError) {
      err = e.error;
      shownText = e.text;
    }
    if (err !== undefined) {
      if (depth > 0 && !sub) throw e instanceof NestedError ? e : new NestedError(text, err);
      const cut = err.end === undefined ? shownText : shownText.slice(0, err.end);
      const shown = cut.replace(/^[ \t\n]+/, "");
      const prefix = who === undefined ? "" : who + ": ";
      report(h, `${prefix}${shown}: ${err.message} (error token is "${cut.slice(err.pos)}")`, !sub);
    }
    if (e instanceof VarError) report(h, e.message, !sub);
    throw e;
  }
}

/**
 * For ((...)), for ((...;...;...)), let and [[ a -eq b ]]: an error in the expression (syntax,
 * division by 0, a readonly variable) is reported and makes the value undefined -- the command
 * fails with status 1 and the shell goes on with the next command -- while an error in an array
 * subscript abandons the command line, as every error in $((...)) does.
 */
export function evalArithCommand(h: ExpandHost, text: string, who: string): ArithNum | undefined {
  try {
    return evalText(h, text, 0, who);
  } catch (e) {
    if (typeof e === "object" && e !== null && commandErrors.has(e)) return undefined;
    throw e;
  }
}

// `who` names the command in messages as bash does: "((" for ((...)) and for (( ; ; )),
// "let" for let; absent for $((...)), subscripts and integer assignments.

/** Evaluate an arithmetic expression exactly (a number, or a bigint beyond 2^53). */
export function evalArithNum(h: ExpandHost, text: string, who?: string): ArithNum {
  return evalText(h, text, 0, who);
}

/** Evaluate an arithmetic expression; values beyond 2^53 lose precision (use evalArithString). */
export function evalArith(h: ExpandHost, text: string, who?: string): number {
  const v = evalText(h, text, 0, who);
  return typeof v === "number" ? v : Number(v);
}

/** Evaluate to the decimal text bash prints for $((...)). */
export function evalArithString(h: ExpandHost, text: string, who?: string): string {
  return String(evalText(h, text, 0, who));
}

/** Read an integer constant the way arithmetic does (for `declare -i`-free callers such as
 *  test's -eq); throws nothing, returns undefined when the text is not a constant. */
export function parseIntegerConstant(text: string): ArithNum | undefined {
  try {
    return parseArithConstant(text.trim());
  } catch {
    return undefined;
  }
}
