// The arithmetic expression grammar of bash's $((...)), ((...)), let, array subscripts and
// `declare -i` assignments, parsed into a small AST of its own.
//
// Like bash, the text is expanded first ($x, $(...)) and parsed afterwards, so this module sees a
// plain string. Precedence, lowest first (bash's expr.c):
//   ,   = *= /= %= += -= <<= >>= &= ^= |= (right)   ?: (right)   ||   &&   |   ^   &   == !=
//   < <= > >=   << >>   + -   * / %   ** (right)   ! ~ + - ++x --x (prefix)   x++ x-- (postfix)
//   primary: constant, name, name[expr], ( expr )
// Note that unary minus binds tighter than ** (bash: -2**2 is 4).
//
// Constants: decimal, 0x hex, leading-0 octal and base#digits (2..64; digits 0-9 a-z A-Z @ _,
// letters case-insensitive up to base 36). Values outside 64 bits wrap like C's unsigned
// arithmetic converted to intmax_t. Errors carry bash's wording and the "error token": the text
// from the start of the last token consumed to the end of the expression.

/** A 64-bit signed value: a JS number while it is a safe integer, a bigint beyond that. */
export type ArithNum = number | bigint;

export type ArithNode =
  | { k: "num"; v: ArithNum }
  | { k: "var"; name: string; pos: number }
  /** name[sub]: index is the parsed subscript (undefined when it does not parse); sub the raw
   *  text (the key of an associative array). */
  | { k: "elem"; name: string; index: ArithNode | undefined; sub: string; pos: number }
  | { k: "unary"; op: "-" | "+" | "!" | "~"; e: ArithNode }
  | { k: "incr"; op: "++" | "--"; prefix: boolean; target: ArithLValue; pos: number }
  /** Binary operators, including && and || (evaluated with short-circuit). pos: error token offset. */
  | { k: "bin"; op: BinOp; l: ArithNode; r: ArithNode; pos: number }
  | { k: "cond"; c: ArithNode; t: ArithNode; f: ArithNode }
  /** op is "=" or the binary operator of a compound assignment ("+" for +=). */
  | { k: "assign"; op: "=" | BinOp; target: ArithLValue; e: ArithNode; pos: number }
  | { k: "comma"; l: ArithNode; r: ArithNode };

export type ArithLValue = Extract<ArithNode, { k: "var" } | { k: "elem" }>;

export type BinOp =
  | "**" | "*" | "/" | "%" | "+" | "-" | "<<" | ">>" | "<" | "<=" | ">" | ">="
  | "==" | "!=" | "&" | "^" | "|" | "&&" | "||";

/** A parse or evaluation error, with bash's message and the offset of its error token. */
export class ArithError {
  constructor(
    public message: string,
    /** offset into the expression text where the error token starts */
    public pos: number,
    /** where bash's message cuts the expression text: an error in a constant is found while bash
     *  has the text NUL-terminated after that constant, so "08 + 1" reports "08" twice */
    public end?: number,
  ) {}
}

/** Binary operator table: precedence (higher binds tighter). ** is right-associative. */
const BINARY_PREC: Record<string, number> = {
  "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6,
  "<": 7, "<=": 7, ">": 7, ">=": 7, "<<": 8, ">>": 8, "+": 9, "-": 9,
  "*": 10, "/": 10, "%": 10, "**": 11,
};
const ASSIGN_OPS: Record<string, "=" | BinOp> = {
  "=": "=", "*=": "*", "/=": "/", "%=": "%", "+=": "+", "-=": "-",
  "<<=": "<<", ">>=": ">>", "&=": "&", "^=": "^", "|=": "|",
};
/** Operators, longest first so that the lexer takes maximal munch. */
const OPERATORS = [
  "<<=", ">>=", "**", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
  "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=",
  "+", "-", "*", "/", "%", "<", ">", "=", "&", "^", "|", "!", "~", "?", ":", ",", "(", ")",
];

const T_EOF = 0, T_NUM = 1, T_NAME = 2, T_OP = 3;
/** A character that starts no token: bash reports it as "operand expected" where an operand
 *  should be and as "invalid arithmetic operator" where an operator should be. */
const T_BAD = 4;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}
/** Blanks between arithmetic tokens: space, tab and newline only (bash: \r, \v and \f are
 *  errors, so scripts with CRLF line ends fail inside $(( )) as they do in bash). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Normalise a bigint already wrapped to 64 bits: a number when it is safe. */
export function normBig(b: bigint): ArithNum {
  return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}

/** Digit value in base `base` following bash's rules, or -1 when not a digit at all. */
function digitValue(c: number, base: number): number {
  if (isDigit(c)) return c - 48;
  if (c >= 97 && c <= 122) return c - 97 + 10;
  if (c >= 65 && c <= 90) return base <= 36 ? c - 65 + 10 : c - 65 + 36;
  if (c === 64) return 62; // @
  if (c === 95) return 63; // _
  return -1;
}

/**
 * The value of an integer constant as bash reads it (strtoimax-like with wrap-around).
 * Throws ArithError with bash's messages for bad constants.
 */
export function parseArithConstant(s: string, pos = 0): ArithNum {
  const n = s.length;
  // Fast path: short plain decimal.
  if (n <= 15 && s.charCodeAt(0) !== 48) {
    let v = 0;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (!isDigit(c)) break;
      v = v * 10 + (c - 48);
    }
    if (i === n) return v;
  }
  let base = 10;
  let start = 0;
  const hash = s.indexOf("#");
  if (hash >= 0) {
    const b = s.slice(0, hash);
    // bash reads the constant left to right in base 10 until the '#': a letter, @ or _ before
    // it is a digit of value 10 or more
    if (!/^[0-9]+$/.test(b)) throw new ArithError("value too great for base", pos, pos + n);
    base = Number(b);
    if (base < 2 || base > 64) throw new ArithError("invalid arithmetic base", pos, pos + n);
    start = hash + 1;
    if (start === n) throw new ArithError("invalid integer constant", pos, pos + n);
  } else if (n > 1 && s.charCodeAt(0) === 48) {
    const x = s.charCodeAt(1);
    if (x === 120 || x === 88) {
      base = 16;
      start = 2;
    } else {
      base = 8;
      start = 1;
    }
  }
  let small = 0;
  let big: bigint | undefined;
  for (let i = start; i < n; i++) {
    const d = digitValue(s.charCodeAt(i), base);
    if (d < 0 || d >= base) throw new ArithError("value too great for base", pos, pos + n);
    if (big === undefined) {
      const next = small * base + d;
      if (next <= MAX_SAFE) {
        small = next;
        continue;
      }
      big = BigInt(small);
    }
    big = BigInt.asIntN(64, big * BigInt(base) + BigInt(d));
  }
  return big === undefined ? small : normBig(big);
}

/** Parser state: a hand-written lexer with one token of lookahead and a precedence climber. */
class ArithParser {
  private pos = 0;
  /** current token */
  private t = T_EOF;
  private tv = "";
  private tpos = 0;
  /** start of the last consumed token (bash's error token) */
  private last = 0;
  /** the second half of a `++`/`--` read as two signs, applied to the next operand */
  private pendingSign: "+" | "-" | undefined;

  constructor(private readonly src: string) {
    this.next();
  }

  private next(): void {
    const s = this.src;
    this.last = this.tpos;
    let p = this.pos;
    while (p < s.length && isSpace(s.charCodeAt(p))) p++;
    this.tpos = p;
    if (p >= s.length) {
      this.t = T_EOF;
      this.tv = "";
      this.pos = p;
      return;
    }
    const c = s.charCodeAt(p);
    if (isDigit(c)) {
      let e = p + 1;
      while (e < s.length) {
        const d = s.charCodeAt(e);
        if (isNameChar(d) || d === 35 || d === 64) e++;
        else break;
      }
      this.t = T_NUM;
      this.tv = s.slice(p, e);
      this.pos = e;
      return;
    }
    if (isNameStart(c)) {
      let e = p + 1;
      while (e < s.length && isNameChar(s.charCodeAt(e))) e++;
      this.t = T_NAME;
      this.tv = s.slice(p, e);
      this.pos = e;
      return;
    }
    for (const op of OPERATORS) {
      if (s.startsWith(op, p)) {
        let tv = op;
        if ((op === "++" || op === "--") && this.t !== T_NAME && !isNameStart(s.charCodeAt(p + 2))) {
          // bash's lexer: ++/-- is an increment only after a variable or right before one;
          // otherwise it is two signs (`---a` is - --a, `1 ++ 2` is 1 + +2).
          tv = op[0]!;
        }
        this.t = T_OP;
        this.tv = tv;
        this.pos = p + tv.length;
        return;
      }
    }
    this.t = T_BAD;
    this.tv = s[p]!;
    this.pos = p + 1;
  }

  /** The error for a character that starts no token where an operator should be. */
  private badOperator(): ArithError | undefined {
    return this.t === T_BAD ? new ArithError("syntax error: invalid arithmetic operator", this.tpos) : undefined;
  }

  private isOp(op: string): boolean {
    return this.t === T_OP && this.tv === op;
  }

  parseAll(): ArithNode {
    if (this.t === T_EOF) return { k: "num", v: 0 };
    const e = this.comma();
    const bad = this.badOperator();
    if (bad !== undefined) throw bad;
    if (this.t !== T_EOF) throw new ArithError("syntax error in expression", this.tpos);
    return e;
  }

  private comma(): ArithNode {
    let l = this.assign();
    while (this.isOp(",")) {
      this.next();
      l = { k: "comma", l, r: this.assign() };
    }
    return l;
  }

  private assign(): ArithNode {
    const l = this.conditional();
    if (this.t === T_OP) {
      const op = ASSIGN_OPS[this.tv];
      if (op !== undefined) {
        const opPos = this.tpos;
        if (l.k !== "var" && l.k !== "elem") {
          throw new ArithError("attempted assignment to non-variable", opPos);
        }
        this.next();
        const e = this.assign();
        return { k: "assign", op, target: l, e, pos: opPos };
      }
    }
    return l;
  }

  private conditional(): ArithNode {
    const c = this.binary(1);
    if (!this.isOp("?")) return c;
    this.next();
    const t = this.comma();
    if (!this.isOp(":")) {
      throw this.badOperator() ?? new ArithError("`:' expected for conditional expression", this.last);
    }
    this.next();
    const f = this.conditional();
    return { k: "cond", c, t, f };
  }

  /** Precedence climbing over BINARY_PREC. */
  private binary(minPrec: number): ArithNode {
    let l = this.unary();
    for (;;) {
      if (this.t !== T_OP) return l;
      let op = this.tv;
      let sign: "+" | "-" | undefined;
      if (op === "++" || op === "--") {
        // After an operand that is not a variable, bash reads `1 ++ 2` as 1 + +2.
        sign = op[0] as "+" | "-";
        op = sign;
      }
      const prec = BINARY_PREC[op];
      if (prec === undefined || prec < minPrec) return l;
      this.next();
      if (sign !== undefined) this.pendingSign = sign;
      // ** is right-associative: its right side may contain another ** at the same level.
      const r = this.binary(op === "**" ? prec : prec + 1);
      l = { k: "bin", op: op as BinOp, l, r, pos: this.last };
    }
  }

  private unary(): ArithNode {
    if (this.pendingSign !== undefined) {
      const op = this.pendingSign;
      this.pendingSign = undefined;
      return { k: "unary", op, e: this.unary() };
    }
    if (this.t === T_OP) {
      const op = this.tv;
      if (op === "-" || op === "+" || op === "!" || op === "~") {
        this.next();
        return { k: "unary", op, e: this.unary() };
      }
      if (op === "++" || op === "--") {
        const pos = this.tpos;
        this.next();
        const target = this.unary();
        if (target.k !== "var" && target.k !== "elem") {
          // bash reads `++5` as +(+5); keep that reading when the operand is not a variable.
          const inner: ArithNode = { k: "unary", op: op === "++" ? "+" : "-", e: target };
          return { k: "unary", op: op === "++" ? "+" : "-", e: inner };
        }
        return { k: "incr", op, prefix: true, target, pos };
      }
    }
    return this.postfix();
  }

  private postfix(): ArithNode {
    const e = this.primary();
    if ((e.k === "var" || e.k === "elem") && this.t === T_OP && (this.tv === "++" || this.tv === "--")) {
      const op = this.tv as "++" | "--";
      const pos = this.tpos;
      this.next();
      return { k: "incr", op, prefix: false, target: e, pos };
    }
    return e;
  }

  private primary(): ArithNode {
    switch (this.t) {
      case T_NUM: {
        const v = parseArithConstant(this.tv, this.tpos);
        this.next();
        return { k: "num", v };
      }
      case T_NAME: {
        const name = this.tv;
        const pos = this.tpos;
        const s = this.src;
        if (s.charCodeAt(this.pos) === 91 /* [ */) {
          const close = findSubscriptEnd(s, this.pos);
          if (close < 0) throw new ArithError("bad array subscript", pos);
          const sub = s.slice(this.pos + 1, close);
          // The subscript is an expression for indexed arrays but a plain key for associative
          // ones (`m[a b]`): which one is known only at evaluation, so a subscript that does not
          // parse is kept as text and reported then.
          let index: ArithNode | undefined;
          try {
            index = parseArith(sub);
          } catch (e) {
            if (!(e instanceof ArithError)) throw e;
          }
          this.pos = close + 1;
          this.next();
          return { k: "elem", name, index, sub, pos };
        }
        this.next();
        return { k: "var", name, pos };
      }
      case T_OP:
        if (this.tv === "(") {
          this.next();
          const e = this.comma();
          if (!this.isOp(")")) throw this.badOperator() ?? new ArithError("missing `)'", this.last);
          this.next();
          return e;
        }
        throw new ArithError("syntax error: operand expected", this.tpos);
      case T_BAD:
        throw new ArithError("syntax error: operand expected", this.tpos);
      default:
        throw new ArithError("syntax error: operand expected", this.last);
    }
  }
}

/** Index of the `]` matching the `[` at `open`, counting nested brackets; -1 if none. */
function findSubscriptEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return i;
  }
  return -1;
}

/** Parse an expression (no caching here: see src/expand/arith-eval.ts). Throws ArithError. */
export function parseArith(src: string): ArithNode {
  return new ArithParser(src).parseAll();
}
