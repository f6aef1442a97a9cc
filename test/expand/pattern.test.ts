// Pattern matching compared with bash's [[ s == $p ]] (an unquoted expansion is a pattern),
// with and without extglob and nocasematch; and the pattern operators' edge cases.
import { describe, expect, it } from "vitest";
import { matchPattern, patternToRegExp, hasPatternChars } from "../../src/expand/pattern.ts";
import { removeAffix, replacePattern, parseReplacement } from "../../src/expand/pattern-ops.ts";
import { quoteForReuse } from "../../src/expand/quote.ts";
import { bash } from "./build.ts";

const PAIRS: [string, string][] = [
  ["*", ""], ["*", "abc"], ["a*", "abc"], ["a*", "bac"], ["*c", "abc"], ["a?c", "abc"], ["a?c", "ac"],
  ["[abc]x", "bx"], ["[abc]x", "dx"], ["[!abc]x", "dx"], ["[^abc]x", "ax"], ["[a-c]", "b"], ["[a-c]", "-"],
  ["[]]", "]"], ["[!]]", "a"], ["[a-]", "-"], ["[[:alpha:]]*", "x1"], ["[[:digit:]]*", "x1"], ["[[:space:]]", " "],
  ["[[:upper:][:digit:]]", "Q"], ["[[:punct:]]", "!"], ["[[:alnum:]_]", "_"], ["\\*", "*"], ["\\*", "a"],
  ["a\\?c", "a?c"], ["a\\?c", "abc"], ["[", "["], ["[a", "[a"], ["a[", "a["], ["*.ts", "x.ts"], ["*.ts", ".ts"],
  ["*/*", "a/b"], ["a*b*c", "aXbYc"], ["a*b*c", "aXbY"], ["é?", "éa"], ["?", "é"], ["[é]", "é"], ["**", "a/b/c"],
  ["[[:xdigit:]]", "f"], ["[.]", "."], ["[\\]]", "]"], ["[a\\-z]", "-"], ["[z-a]", "m"],
];

const EXT: [string, string][] = [
  ["@(a|b)", "a"], ["@(a|b)", "ab"], ["?(a)b", "b"], ["?(a)b", "ab"], ["?(a)b", "aab"], ["*(ab)", ""],
  ["*(ab)", "abab"], ["*(ab)", "aba"], ["+(ab)", ""], ["+(ab)", "ab"], ["!(a)", "a"], ["!(a)", "b"],
  ["!(a)", ""], ["!(a)", "aa"], ["!(*.c)", "x.c"], ["!(*.c)", "x.h"], ["!(a)b", "ab"], ["!(a)b", "aab"],
  ["x@(a|b*)y", "xbzzy"], ["*(a|b)c", "abbac"], ["@(a|@(b|c))", "c"], ["+([0-9])", "123"], ["+([0-9])", "12a"],
  ["a!(b)c", "abc"], ["a!(b)c", "axc"], ["a!(b)c", "ac"],
];

function bashMatches(pairs: [string, string][], opts: string): boolean[] {
  const lines = pairs.map(([p, s]) => `p=${quoteForReuse(p)}; s=${quoteForReuse(s)}; [[ $s == $p ]] && echo 1 || echo 0`);
  return bash(`${opts}\n${lines.join("\n")}`).trim().split("\n").map((l) => l === "1");
}

describe("matchPattern agrees with bash [[ == ]]", () => {
  it("basic patterns", () => {
    const want = bashMatches(PAIRS, "");
    const got = PAIRS.map(([p, s]) => matchPattern(p, s));
    expect(PAIRS.map((ps, i) => [...ps, got[i]])).toEqual(PAIRS.map((ps, i) => [...ps, want[i]]));
  });
  it("extglob patterns", () => {
    const want = bashMatches(EXT, "shopt -s extglob");
    const got = EXT.map(([p, s]) => matchPattern(p, s, { extglob: true }));
    expect(EXT.map((ps, i) => [...ps, got[i]])).toEqual(EXT.map((ps, i) => [...ps, want[i]]));
  });
  it("nocasematch", () => {
    const pairs: [string, string][] = [["abc", "ABC"], ["[a-c]x", "BX"], ["A*", "abc"], ["x", "y"]];
    const want = bashMatches(pairs, "shopt -s nocasematch");
    expect(pairs.map(([p, s]) => matchPattern(p, s, { nocase: true }))).toEqual(want);
  });
});

describe("pattern helpers", () => {
  it("hasPatternChars ignores escaped and unclosed brackets", () => {
    expect(hasPatternChars("abc")).toBe(false);
    expect(hasPatternChars("a\\*")).toBe(false);
    expect(hasPatternChars("a[")).toBe(false);
    expect(hasPatternChars("a[b]")).toBe(true);
    expect(hasPatternChars("@(a)")).toBe(false);
    expect(hasPatternChars("@(a)", true)).toBe(true);
  });
  it("caches compiled expressions", () => {
    expect(patternToRegExp("a*b")).toBe(patternToRegExp("a*b"));
    expect(patternToRegExp("a*b", { nocase: true })).not.toBe(patternToRegExp("a*b"));
  });
  it("prefix and suffix removal, shortest and longest", () => {
    const s = "aXbXc";
    expect(removeAffix(s, "*X", "#", {})).toBe("bXc");
    expect(removeAffix(s, "*X", "##", {})).toBe("c");
    expect(removeAffix(s, "X*", "%", {})).toBe("aXb");
    expect(removeAffix(s, "X*", "%%", {})).toBe("a");
    expect(removeAffix(s, "q", "#", {})).toBe(s);
  });
  it("prefix/suffix removal by one search agrees with testing every length (random patterns)", () => {
    let seed = 3;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const atoms = ["a", "b", "*", "?", "[ab]", "[!a]", "\\*", "/"];
    const chars = ["a", "b", "c", "/", "*"];
    const slow = (s: string, p: string, op: string): string => {
      const n = s.length;
      const order = op === "#" || op === "%%" ? [...Array(n + 1).keys()] : [...Array(n + 1).keys()].reverse();
      for (const i of order) {
        if (op[0] === "#" ? matchPattern(p, s.slice(0, i)) : matchPattern(p, s.slice(i))) return op[0] === "#" ? s.slice(i) : s.slice(0, i);
      }
      return s;
    };
    for (let k = 0; k < 3000; k++) {
      let p = "";
      for (let j = 1 + rnd(4); j > 0; j--) p += atoms[rnd(atoms.length)];
      let s = "";
      for (let j = rnd(8); j > 0; j--) s += chars[rnd(chars.length)];
      for (const op of ["#", "##", "%", "%%"] as const) {
        expect(`${op} ${p} ${s} -> ${removeAffix(s, p, op, {})}`).toBe(`${op} ${p} ${s} -> ${slow(s, p, op)}`);
      }
      // ${x/#p/R} and ${x/%p/R}: the longest prefix / suffix, checked through the extglob
      // (per-length) path, which takes the same patterns.
      for (const op of ["/#", "/%"] as const) {
        const r = parseReplacement("<&>");
        expect(replacePattern(s, p, r, op, {})).toBe(replacePattern(s, p, r, op, { extglob: true }));
      }
    }
  });
  it("all pattern operators agree with bash on random patterns and values", () => {
    let seed = 11;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const atoms = ["a", "b", "*", "?", "[ab]", "[!a]", "c"];
    const chars = ["a", "b", "c", "x"];
    const ops = ["/", "//", "/#", "/%", "#", "##", "%", "%%"] as const;
    const cases: [(typeof ops)[number], string, string][] = [];
    for (let k = 0; k < 400; k++) {
      let p = "";
      for (let j = 1 + rnd(3); j > 0; j--) p += atoms[rnd(atoms.length)];
      let v = "";
      for (let j = rnd(7); j > 0; j--) v += chars[rnd(chars.length)];
      cases.push([ops[rnd(ops.length)]!, p, v]);
    }
    const script = cases
      .map(([op, p, v]) => `s=${quoteForReuse(v)}; p=${quoteForReuse(p)}; echo "[\${s${op}$p${op[0] === "/" ? "/<&>" : ""}}]"`)
      .join("\n");
    const want = bash(script).split("\n").slice(0, cases.length);
    const got = cases.map(([op, p, v]) =>
      "[" + (op[0] === "/" ? replacePattern(v, p, parseReplacement("<&>"), op as "/", {}) : removeAffix(v, p, op as "#", {})) + "]",
    );
    expect(cases.map((c, i) => `${c.join(" ")} ${got[i]}`)).toEqual(cases.map((c, i) => `${c.join(" ")} ${want[i]}`));
  });
  it("${x%%$'\\n'*} on a long value stays fast", () => {
    const s = "first line\n" + "x".repeat(200_000);
    const t0 = performance.now();
    expect(removeAffix(s, "\n*", "%%", {})).toBe("first line");
    expect(removeAffix(s, "*\n", "#", {})).toBe("x".repeat(200_000));
    expect(performance.now() - t0).toBeLessThan(500);
  });
  it("replacement: leftmost longest, & for the match, empty pattern", () => {
    expect(replacePattern("aXbXc", "X*", parseReplacement("<&>"), "/", {})).toBe("a<XbXc>");
    expect(replacePattern("abab", "b", parseReplacement("\\&"), "//", {})).toBe("a&a&");
    expect(replacePattern("hello", "", parseReplacement("Q"), "//", {})).toBe("hello");
    expect(replacePattern("aaa", "a", parseReplacement(""), "//", {})).toBe("");
    expect(replacePattern("x.tar.gz", "@(.tar|.gz)", parseReplacement(""), "//", { extglob: true })).toBe("x");
  });
  it("agrees with bash on ${x/p/r} with classes and extglob", () => {
    const cases: [string, string, string, string][] = [
      ["hello world", "//", "[[:space:]]", "_"],
      ["hello world", "/", "o*", "0"],
      ["aaa bbb", "//", "+(a)", "A"],
      ["foo.tar.gz", "/%", ".+([a-z])", ""],
      ["abcabc", "/#", "a?c", "X"],
      ["abc", "//", "?(z)", "<&>"],
      ["abc", "/", "*(z)", "<&>"],
      ["", "//", "*", "X"],
      ["", "/", "?", "X"],
    ];
    const lines = cases.map(([s, op, p, r]) => `s=${quoteForReuse(s)}; p=${quoteForReuse(p)}; echo "[\${s${op}$p/${r}}]"`);
    const want = bash(`shopt -s extglob\n${lines.join("\n")}`).trim().split("\n");
    const got = cases.map(([s, op, p, r]) => `[${replacePattern(s, p, parseReplacement(r), op as "/", { extglob: true })}]`);
    expect(got).toEqual(want);
  });
});
