// The string-method fast paths for patterns (src/expand/pattern-shape.ts) against the
// definition: a brute-force search with the pattern's anchored regular expression, over every
// operator and a set of patterns and subjects chosen for overlaps, repeats and escapes; then the
// same operators compared with bash.
import { describe, expect, it } from "vitest";
import { both } from "../helpers/shells.ts";
import { Kind, shapeMatches, shapeOf, shapeRemove } from "../../src/expand/pattern-shape.ts";
import { patternToRegExp } from "../../src/expand/pattern.ts";

const PATTERNS = [
  "", "*", "**", "a", "ab", "a*", "*a", "*a*", "a*b", "ab*ba", "a*a", "aa*aa", "*aa*", "a**b",
  "*.so.*", "*/", "/*", "*.*", "\\**", "*\\*", "x\\?*", "*\\[", "é*", "*😀", "a*😀",
];
const SUBJECTS = [
  "", "a", "aa", "aaa", "aaaa", "ab", "ba", "abba", "abab", "ababa", "b", "bab", "aXb", "/usr/lib/libx.so.1.2",
  "x.y.z", "*", "*a*", "x?y", "a/b/c/", "[", "éé", "a😀😀", "😀",
];

/** ${s op p} by definition: try every prefix / suffix, shortest or longest first. */
function reference(s: string, p: string, op: "#" | "##" | "%" | "%%"): string {
  const re = patternToRegExp(p, {});
  const n = s.length;
  const ok = (t: string) => re.test(t);
  if (op === "#") for (let i = 0; i <= n; i++) if (ok(s.slice(0, i))) return s.slice(i);
  if (op === "##") for (let i = n; i >= 0; i--) if (ok(s.slice(0, i))) return s.slice(i);
  if (op === "%") for (let i = n; i >= 0; i--) if (ok(s.slice(i))) return s.slice(0, i);
  if (op === "%%") for (let i = 0; i <= n; i++) if (ok(s.slice(i))) return s.slice(0, i);
  return s;
}

describe("pattern shapes", () => {
  it("recognises literals with stars at the ends and nothing else", () => {
    expect(shapeOf("*.txt", false).kind).toBe(Kind.Suffix);
    expect(shapeOf("lib*", false).kind).toBe(Kind.Prefix);
    expect(shapeOf("*.so.*", false).kind).toBe(Kind.Infix);
    expect(shapeOf("a*b", false).kind).toBe(Kind.Both);
    expect(shapeOf("***", false).kind).toBe(Kind.Any);
    expect(shapeOf("a\\*", false)).toMatchObject({ kind: Kind.Exact, a: "a*" });
    for (const p of ["?", "*[ab]", "a*b*c", "*a*b", "a\\", "[x]"]) expect(shapeOf(p, false).kind).toBe(Kind.None);
    // with extglob, parentheses and bars may be syntax
    expect(shapeOf("*(a)", true).kind).toBe(Kind.None);
    expect(shapeOf("a|b", true).kind).toBe(Kind.None);
    expect(shapeOf("(a)*", false).kind).toBe(Kind.Prefix);
  });

  for (const p of PATTERNS) {
    const sh = shapeOf(p, false);
    if (sh.kind === Kind.None) continue;
    it(`${JSON.stringify(p)} matches and removes as its regular expression does`, () => {
      const re = patternToRegExp(p, {});
      for (const s of SUBJECTS) {
        expect([s, shapeMatches(sh, s)]).toEqual([s, re.test(s)]);
        for (const op of ["#", "##", "%", "%%"] as const) {
          expect([s, op, shapeRemove(sh, s, op)]).toEqual([s, op, reference(s, p, op)]);
        }
      }
    });
  }
});

describe("pattern operators agree with bash", () => {
  const snippets: [string, string][] = [
    ["affixes with stars at the ends", "x=/usr/local/lib/libfoo.so.1.2; echo ${x#*/} ${x##*/} ${x%.*} ${x%%.*} ${x#/usr*} ${x##/usr*} ${x%lib*} ${x%%lib*}"],
    ["infix and both-ends patterns", "x=abcabcab; echo ${x#*bc*} ${x##*bc*} ${x%*bc*} ${x%%*bc*} ${x#a*c} ${x##a*c} ${x%c*b} ${x%%c*b} ${x%a*a}."],
    ["no match leaves the value", "x=hello; echo ${x#*z} ${x##z*} ${x%*z} ${x%%z*} ${x#h*z} ${x%q*o}"],
    ["quoted stars are literal", "x='a*b*c'; echo \"${x#*\\*}\" \"${x%\\**}\" \"${x##'*'*}\" \"${x%%*'*'}\""],
    ["case with shapes", "for s in lib.so.1 x.a x.so '' '*' abc; do case $s in *.so.*) echo so;; *.a) echo a;; lib*) echo lib;; \\*) echo star;; '') echo empty;; *) echo other;; esac; done"],
    ["[[ == ]] with shapes", "s=foo.tar.gz; [[ $s == *.tar.* ]] && echo 1; [[ $s == foo* ]] && echo 2; [[ $s == *gz ]] && echo 3; [[ $s == f*z ]] && echo 4; [[ $s == *x* ]] || echo 5"],
    ["arrays and positional parameters", "a=(x.c y.h z.c); echo ${a[@]%.*} ${a[@]#*.}; set -- p/q r/s; echo ${@##*/} ${*%/*}"],
  ];
  it.each(snippets)("%s", (_name, script) => {
    const { ipsh, ref } = both(script);
    expect(ipsh.stderr).toBe("");
    expect(ipsh.stdout).toBe(ref.stdout);
  });
});
