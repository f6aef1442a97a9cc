// The smaller pieces: splitFields (also used by `read`), quoting styles, brace sequences,
// tilde expansion, here-document bodies, and the speed of the common expansion paths.
import { describe, expect, it } from "vitest";
import { splitFields } from "../../src/expand/ifs.ts";
import { quoteAnsiC, quoteBackslash, quoteDouble, quoteForReuse } from "../../src/expand/quote.ts";
import { sequenceItems } from "../../src/expand/brace.ts";
import { tildeValue } from "../../src/expand/tilde.ts";
import { expandHeredoc, expandWords } from "../../src/expand/word.ts";
import { decodeAnsiC } from "../../src/expand/transform.ts";
import { FakeHost } from "./fake-host.ts";
import { VarAttr } from "../../src/state/var-store.ts";
import { bash, dash, dq, lit, litWord, param, run, word } from "./build.ts";

describe("splitFields agrees with bash's splitting of an unquoted $v", () => {
  const cases: [string, string | undefined][] = [
    ["  a  b  ", undefined], ["a,,b,", ","], [",a", ","], [" , a", " ,"], ["a , b", " ,"],
    ["a  ,  , b ", " ,"], ["abc", ""], ["", " "], ["a\tb\nc", undefined], ["x::y:", ":"], [":", ":"],
  ];
  it.each(cases)("%j with IFS %j", (s, ifs) => {
    const setIfs = ifs === undefined ? "unset IFS" : `IFS=${quoteForReuse(ifs)}`;
    const want = bash(`v=${quoteForReuse(s)}; ${setIfs}; for a in $v; do printf '<%s>' "$a"; done`);
    expect(splitFields(s, ifs).map((f) => `<${f}>`).join("")).toBe(want);
    // POSIX behaviour: dash agrees (it has no $'...' to write control characters with).
    if (!/[\x00-\x1f]/.test(s)) expect(dash(`v=${quoteForReuse(s)}; ${setIfs}; for a in $v; do printf '<%s>' "$a"; done`)).toBe(want);
  });
});

describe("quoting styles agree with bash", () => {
  const strings = ["a b'c", "a\tb\nc", "", "~foo#a=b*?[x]{y},z!$`\"\\", "#a", "a#", "=a", "a=", "~", "a~", "é", "\x1b[0m\x01", "plain"];
  it("${x@Q}", () => {
    const want = bash(strings.map((s) => `x=${quoteAnsiC(s)}; echo "\${x@Q}"`).join("\n")).split("\n").slice(0, -1);
    expect(strings.map(quoteForReuse)).toEqual(want);
  });
  it("printf %q", () => {
    const want = bash(strings.map((s) => `printf '%q\\n' ${quoteAnsiC(s)}`).join("\n")).split("\n").slice(0, -1);
    expect(strings.map(quoteBackslash)).toEqual(want);
  });
  it("declare -p values", () => {
    const want = bash(strings.map((s) => `x=${quoteAnsiC(s)}; declare -p x`).join("\n")).split("\n").slice(0, -1);
    expect(strings.map((s) => `declare -- x=${quoteDouble(s)}`)).toEqual(want);
  });
  it("ANSI-C decoding (${x@E}) inverts ANSI-C quoting", () => {
    for (const s of strings) expect(decodeAnsiC(quoteAnsiC(s).slice(2, -1))).toBe(s);
    expect(decodeAnsiC("\\x41\\101\\u00e9\\cA\\e")).toBe("AAé\x01\x1b");
  });
});

describe("brace sequences", () => {
  it("agree with bash", () => {
    const seqs: [string, string, string?][] = [["1", "10", "3"], ["10", "1"], ["-3", "3", "2"], ["01", "10"], ["-05", "5", "3"], ["0010", "8", "-1"], ["a", "e"], ["e", "a", "2"], ["Z", "X"], ["1", "3", "0"]];
    const want = bash(seqs.map(([f, t, s]) => `echo {${f}..${t}${s !== undefined ? ".." + s : ""}}`).join("\n")).split("\n").slice(0, -1);
    expect(seqs.map(([from, to, step]) => sequenceItems({ kind: "BraceExp", type: "seq", from, to, step })!.join(" "))).toEqual(want);
  });
  it("invalid sequences stay literal", () => {
    expect(sequenceItems({ kind: "BraceExp", type: "seq", from: "1", to: "a" })).toBeUndefined();
    expect(sequenceItems({ kind: "BraceExp", type: "seq", from: "ab", to: "c" })).toBeUndefined();
    expect(sequenceItems({ kind: "BraceExp", type: "seq", from: "_", to: "c" })).toBeUndefined();
    expect(bash("echo {_..c}")).toBe("{_..c}\n");
  });
});

describe("${x@P}", () => {
  it("decodes prompt escapes as bash does", () => {
    const ps = "\\u@\\h:\\w \\W \\$ \\s \\[x\\] \\\\ \\101 \\j";
    const h = new FakeHost({ PWD: "/home/tester/src", HOME: "/home/tester", x: ps });
    const got = run(expandWords(h, [word(param("x", { op: { op: "@", transform: "P" } }))])).join(" ");
    expect(got).toBe(bash(`PWD=/home/tester/src; x='${ps}'; echo \${x@P}`).trim());
  });
});

describe("namerefs (through the shell store's namerefTarget and follow, when present)", () => {
  it("${!ref} is the referenced name; ${ref@A} describes the referenced variable", () => {
    const h = new FakeHost({ x: "a b", nr: "x" });
    h.vars.setAttrs("nr", VarAttr.Nameref);
    const vars = h.vars;
    const plainGet = vars.get.bind(vars);
    Object.assign(vars, {
      namerefTarget: (n: string) => (n === "nr" ? "x" : undefined),
      follow: (n: string) => (n === "nr" ? "x" : n),
      get: (n: string) => plainGet(n === "nr" ? "x" : n),
    });
    const ex = (pe: object) => run(expandWords(h, [word(param("nr", pe))])).join(" ");
    expect(ex({ indirect: true })).toBe("x");
    expect(ex({ op: { op: "@", transform: "A" } })).toBe("x='a b'");
    expect(ex({})).toBe("a b");
    expect(bash("x='a b'; declare -n nr=x; echo ${!nr} ${nr@A} $nr")).toBe("x x='a b' a b\n");
  });
});

describe("tilde", () => {
  it("uses HOME, PWD, OLDPWD and the host's user table", () => {
    const h = new FakeHost({ HOME: "/h", PWD: "/p", OLDPWD: "/o" });
    expect(tildeValue(h, "")).toBe("/h");
    expect(tildeValue(h, "+")).toBe("/p");
    expect(tildeValue(h, "-")).toBe("/o");
    expect(tildeValue(h, "root")).toBe("/root");
    expect(tildeValue(h, "nobody-here")).toBeUndefined();
    expect(tildeValue(h, "1")).toBeUndefined();
    const h3 = Object.assign(new FakeHost({}), { dirStack: () => ["/a", "/b", "/c"] });
    expect([tildeValue(h3, "0"), tildeValue(h3, "+1"), tildeValue(h3, "-0"), tildeValue(h3, "-2"), tildeValue(h3, "5")]).toEqual(["/a", "/b", "/c", "/a", undefined]);
    const h2 = new FakeHost({});
    expect(tildeValue(h2, "-")).toBeUndefined();
    expect(typeof tildeValue(h2, "")).toBe("string");
  });
});

describe("here-document bodies", () => {
  it("join $* with spaces whatever IFS is (bash), and never split or glob", () => {
    const h = new FakeHost({ IFS: ",", g: "*" });
    h.pos = ["a b", "c"];
    const body = word(param("*"), lit(" "), param("@"), lit(" "), dq(lit("q")), lit(" "), param("g"), lit("\n"));
    expect(run(expandHeredoc(h, body))).toBe('a b c a b c "q" *\n'.replace('"q"', "q"));
    // ...but an operator's result on $* is joined with IFS[0]
    const op = word(param("*", { op: { op: "/", pattern: word(lit("a")), replacement: word(lit("q")) } }));
    expect(run(expandHeredoc(h, op))).toBe("q b,c");
    expect(bash("set -- 'a b' c; IFS=,; cat <<E\n$* ${*/a/q}\nE")).toBe("a b c q b,c\n");
  });
});

describe("speed of the common paths", () => {
  it("expands literal and simple parameter words quickly", () => {
    const h = new FakeHost({ i: "42", s: "a b" });
    const words = [litWord("echo"), word(param("i")), word(dq(param("s"))), word(lit("x"), param("i"))];
    const t0 = performance.now();
    let n = 0;
    for (let k = 0; k < 100_000; k++) n += run(expandWords(h, words)).length;
    const ms = performance.now() - t0;
    expect(n).toBe(400_000);
    expect(ms).toBeLessThan(2000);
  });
});
