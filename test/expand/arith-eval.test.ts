// Arithmetic evaluation against bash: 64-bit wrap-around, recursion through variable values,
// assignments and side effects, short-circuit, errors, and the speed of the cached path.
import { describe, expect, it } from "vitest";
import { evalArith, evalArithString } from "../../src/expand/arith-eval.ts";
import { ExpansionError } from "../../src/expand/host.ts";
import { FakeHost } from "./fake-host.ts";
import { bash, bashError } from "./build.ts";

const SETUP: Record<string, string> = { x: "1+2", a: "b", b: "c", c: "5", y: "y", i: "5", e: "", neg: "-7", big: "9223372036854775807" };
const bashSetup = Object.entries(SETUP).map(([k, v]) => `${k}='${v}'`).join("; ");

function host(): FakeHost {
  const h = new FakeHost(SETUP);
  h.vars.setArrayFromPairs("m", [["k", "7"]], true);
  return h;
}

describe("arithmetic values agree with bash", () => {
  const exprs = [
    "9223372036854775807+1", "1<<64", "1<<63", "(-9223372036854775807-1) / -1", "(-9223372036854775807-1) % -1",
    "3**40", "2**63", "7**77", "x*2", "a+1", "e+1", "unset_var+1", "neg*neg", "big*big", "big+big", "-big-2",
    "64#@_", "1 ? 2 : 3", "0 || 5", "5 && 0", "-2**2", "2**3**2", "1?2:3?4:5", "(x=3, x+1)", "5 > 3 == 1",
    "1 ? 2 , 3 : 4", "i++ + ++i", "7 / -2", "-7 % 2", "0x7fffffffffffffff * 3", "~5", "!0", "!7", "- - 1",
    "-5>>1", "-1<<62", "~0x7fffffffffffffff", "0x7fffffffffffffff & -2", "123456789 * 987654321",
    "(1<<40) | 3", "(1<<40) ^ (1<<41)", "-1 & 0xff", "1 << 65", "big >> 62", "-big >> 70", "2147483648 & 2147483649",
    "10 % 3", "-10 % 3", "10 % -3", "3 <= 3", "3 >= 4", "3 != 4", "100000000 * 100000000",
    "1 ++ 2", "1 -- 2", "1 -- 2 ** 2", "c+++i", "i", "c---i", "--5", "- -c", "!c++", "3 > 2 > 1",
    "i+=2", "i-=1", "i*=3", "i/=2", "i%=4", "i<<=3", "i>>=1", "i&=6", "i|=9", "i^=5", "i--", "--i",
  ];
  it("each expression, in sequence (side effects included)", () => {
    const h = host();
    const ours = exprs.map((e) => evalArithString(h, e));
    const theirs = bash(`${bashSetup}; ${exprs.map((e) => `echo $((${e}))`).join("; ")}`).trim().split("\n");
    expect(ours).toEqual(theirs);
    expect(h.vars.get("i")).toBe(bash(`${bashSetup}; ${exprs.map((e) => `: $((${e}))`).join("; ")}; echo $i`).trim());
  });
});

describe("arithmetic side effects", () => {
  it("assigns variables and array elements", () => {
    const h = host();
    expect(evalArith(h, "a2[1]=4, a2[1] + 1")).toBe(5);
    expect(h.vars.getElement("a2", 1)).toBe("4");
    expect(evalArith(h, "m[k] * 2")).toBe(14);
    h.vars.setElement("m", "a b", "3");
    expect(evalArith(h, "m[a b] + 1")).toBe(4);
    expect(() => evalArith(h, "a2[a b]")).toThrow("syntax error in expression");
    expect(evalArith(h, "m[k]++")).toBe(7);
    expect(h.vars.getElement("m", "k")).toBe("8");
    expect(evalArith(h, "z = 2 ** 10")).toBe(1024);
    expect(h.vars.get("z")).toBe("1024");
  });
  it("short-circuits: no side effect in the branch not taken", () => {
    const h = host();
    evalArith(h, "0 && (s1=1)");
    evalArith(h, "1 || (s2=1)");
    evalArith(h, "1 ? 0 : (s3=1)");
    evalArith(h, "0 ? (s4=1) : 0");
    expect(["s1", "s2", "s3", "s4"].map((n) => h.vars.isSet(n))).toEqual([false, false, false, false]);
    evalArith(h, "1 && (s5=1)");
    expect(h.vars.get("s5")).toBe("1");
  });
  it("a variable holding an expression is evaluated, not textually substituted", () => {
    const h = new FakeHost({ x: "1+2" });
    expect(evalArith(h, "x*2")).toBe(6);
  });
});

describe("arithmetic errors (message as bash prints it after 'bash: line N: ')", () => {
  const cases = [" 1/0 ", "1 +", "2#12", "08", "x=", "1=2", "2**-1", "y+1", " 5 % 0 ", " a[ ", " 4 @ 3 ", "65#1", "2#", "1e3", " 1 ? 2 "];
  it.each(cases)("%j", (src) => {
    const h = host();
    let msg = "";
    try {
      evalArith(h, src);
    } catch (e) {
      expect(e).toBeInstanceOf(ExpansionError);
      msg = (e as Error).message;
    }
    const b = bash(`${bashSetup}; echo $((${src}))`);
    const want = bashError(b);
    expect(msg).toBe(want);
  });
  it("names the command for (( )) and let, as bash does", () => {
    const h = host();
    expect(() => evalArith(h, " 2/0 ", "((")).toThrow('((: 2/0 : division by 0 (error token is "0 ")');
    expect(() => evalArith(h, "1/0", "let")).toThrow('let: 1/0: division by 0 (error token is "0")');
    expect(bash("let 1/0; (( 2/0 ))")).toContain('let: 1/0: division by 0 (error token is "0")');
    expect(h.fatal).toEqual([false, false]);
  });
  it("set -u: unset variables are errors", () => {
    const h = host();
    h.opts.nounset = true;
    expect(() => evalArith(h, "nope + 1")).toThrow("nope: unbound variable");
    expect(evalArith(h, "c + 1")).toBe(6);
  });
});

describe("random expressions agree with bash (deterministic fuzz)", () => {
  it("500 expressions over every operator, with side effects and errors", () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const bin = ["+", "-", "*", "/", "%", "**", "<<", ">>", "<", "<=", ">", ">=", "==", "!=", "&", "^", "|", "&&", "||", ",", "=", "+=", "*="];
    const un = ["-", "+", "!", "~", "++", "--"];
    const gen = (d: number): string => {
      const r = rnd(10);
      if (d <= 0 || r < 3) {
        const k = rnd(4);
        return k === 0 ? "a" : k === 1 ? "b" : k === 2 ? String(rnd(10)) : "b++";
      }
      if (r < 5) return un[rnd(un.length)]! + (rnd(2) ? "a" : gen(d - 1));
      if (r < 6) return "(" + gen(d - 1) + ")";
      if (r < 7) return gen(d - 1) + " ? " + gen(d - 1) + " : " + gen(d - 1);
      return gen(d - 1) + " " + bin[rnd(bin.length)]! + " " + gen(d - 1);
    };
    const exprs: string[] = [];
    for (let i = 0; i < 500; i++) exprs.push(gen(4));
    const want = bash(exprs.map((e) => `( a=3; b=5; r=$(( ${e} )); echo "$r $a $b" ) 2>/dev/null || echo ERR`).join("\n")).trim().split("\n");
    const got = exprs.map((e) => {
      const h = new FakeHost({ a: "3", b: "5" });
      try {
        return `${evalArithString(h, e)} ${h.vars.get("a")} ${h.vars.get("b")}`;
      } catch {
        return "ERR";
      }
    });
    expect(exprs.map((e, i) => `${e} => ${got[i]}`)).toEqual(exprs.map((e, i) => `${e} => ${want[i]}`));
  });
});

describe("arithmetic speed", () => {
  it("i=$((i+1)) 200000 times takes well under a second (parse cached, number fast path)", () => {
    const h = new FakeHost({ i: "0" });
    const t0 = performance.now();
    for (let k = 0; k < 200_000; k++) h.vars.set("i", evalArithString(h, "i+1"));
    const ms = performance.now() - t0;
    expect(h.vars.get("i")).toBe("200000");
    // About 30 ms on an idle machine; the bound leaves room for a loaded one.
    expect(ms).toBeLessThan(1000);
  });
});
