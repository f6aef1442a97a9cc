// The arithmetic grammar: precedence and associativity (checked by evaluating against bash),
// constants in every base, and bash's error messages and error tokens.
import { describe, expect, it } from "vitest";
import { ArithError, parseArith, parseArithConstant } from "../../grammar/arith.ts";
import type { ArithNode } from "../../grammar/arith.ts";
import { bash } from "../expand/build.ts";

/** A compact rendering of the tree: (op l r). */
function sexp(n: ArithNode): string {
  switch (n.k) {
    case "num": return String(n.v);
    case "var": return n.name;
    case "elem": return `${n.name}[${n.index ? sexp(n.index) : "?" + n.sub}]`;
    case "unary": return `(${n.op} ${sexp(n.e)})`;
    case "incr": return n.prefix ? `(${n.op}pre ${sexp(n.target)})` : `(${n.op}post ${sexp(n.target)})`;
    case "bin": return `(${n.op} ${sexp(n.l)} ${sexp(n.r)})`;
    case "cond": return `(? ${sexp(n.c)} ${sexp(n.t)} ${sexp(n.f)})`;
    case "assign": return `(${n.op === "=" ? "=" : n.op + "="} ${sexp(n.target)} ${sexp(n.e)})`;
    case "comma": return `(, ${sexp(n.l)} ${sexp(n.r)})`;
  }
}

describe("arith grammar: structure", () => {
  const cases: [string, string][] = [
    ["1 + 2 * 3", "(+ 1 (* 2 3))"],
    ["1 - 2 - 3", "(- (- 1 2) 3)"],
    ["2 ** 3 ** 2", "(** 2 (** 3 2))"],
    ["-2 ** 2", "(** (- 2) 2)"],
    ["a = b = 3", "(= a (= b 3))"],
    ["a += b -= 1", "(+= a (-= b 1))"],
    ["1 ? 2 : 3 ? 4 : 5", "(? 1 2 (? 3 4 5))"],
    ["a || b && c", "(|| a (&& b c))"],
    ["a | b ^ c & d", "(| a (^ b (& c d)))"],
    ["a == b < c", "(== a (< b c))"],
    ["1 << 2 + 3", "(<< 1 (+ 2 3))"],
    ["x++ + ++y", "(+ (++post x) (++pre y))"],
    ["!~-+1", "(! (~ (- (+ 1))))"],
    ["a[i+1] = 2, a[0]", "(, (= a[(+ i 1)] 2) a[0])"],
    ["(1 + 2) * 3", "(* (+ 1 2) 3)"],
    ["  ", "0"],
    ["m[a b] + 1", "(+ m[?a b] 1)"],
  ];
  it.each(cases)("%s", (src, tree) => {
    expect(sexp(parseArith(src))).toBe(tree);
  });
});

describe("arith constants", () => {
  const cases: [string, string][] = [
    ["10", "10"], ["0x1F", "31"], ["0X1f", "31"], ["010", "8"], ["0", "0"], ["2#1010", "10"],
    ["36#Z", "35"], ["36#z", "35"], ["64#@_", "4031"], ["62#Z", "61"], ["16#ff", "255"],
    ["9223372036854775807", "9223372036854775807"], ["9223372036854775808", "-9223372036854775808"],
    ["0x", "0"], ["18446744073709551617", "1"],
  ];
  it.each(cases)("%s = %s (as bash)", (src, want) => {
    expect(String(parseArithConstant(src))).toBe(want);
  });
  it("agrees with bash on all of them", () => {
    const out = bash(cases.map(([s]) => `echo $((${s}))`).join(";"));
    expect(out.trim().split("\n")).toEqual(cases.map(([, w]) => w));
  });
  it.each([
    ["08", "value too great for base"],
    ["2#12", "value too great for base"],
    ["1e3", "value too great for base"],
    ["65#1", "invalid arithmetic base"],
    ["2#", "invalid integer constant"],
  ])("%s: %s", (src, msg) => {
    expect(() => parseArithConstant(src)).toThrow(ArithError);
    try {
      parseArithConstant(src);
    } catch (e) {
      expect((e as ArithError).message).toBe(msg);
    }
  });
});

describe("arith syntax errors carry bash's message and error token", () => {
  const cases: [string, string, string][] = [
    ["1 +", "syntax error: operand expected", "+"],
    ["1 + ", "syntax error: operand expected", "+ "],
    ["x=", "syntax error: operand expected", "="],
    ["1=2", "attempted assignment to non-variable", "=2"],
    [" 3 += 1 ", "attempted assignment to non-variable", "+= 1 "],
    ["1 2 ", "syntax error in expression", "2 "],
    [" 4 @ 3 ", "syntax error: invalid arithmetic operator", "@ 3 "],
    [" 1 +* 2 ", "syntax error: operand expected", "* 2 "],
    ["1 ? 2 ", "`:' expected for conditional expression", "2 "],
    ["x[", "bad array subscript", "x["],
  ];
  it.each(cases)("%j", (src, msg, tok) => {
    let err: ArithError | undefined;
    try {
      parseArith(src);
    } catch (e) {
      err = e as ArithError;
    }
    expect(err).toBeInstanceOf(ArithError);
    expect(err!.message).toBe(msg);
    expect(src.slice(err!.pos)).toBe(tok);
  });
});
