// Word expansion compared with bash: quoting contexts of "$@" "$*" and arrays, IFS field
// splitting, empty fields, parameter operators, command substitution. Each case gives the word
// as bash source and as the parts the parser produces; both run with the same variables.
import { describe, expect, it } from "vitest";
import type { Word } from "../../grammar/ast.ts";
import { expandPattern, expandWord, expandWords } from "../../src/expand/word.ts";
import { quoteForReuse } from "../../src/expand/quote.ts";
import { FakeHost } from "./fake-host.ts";
import { alt, arith, bash, bashError, cmd, dq, esc, lit, param, run, seq, show, sq, tilde, word } from "./build.ts";

interface Case {
  src: string;
  words: Word[];
  vars?: Record<string, string | string[]>;
  pos?: string[];
}

const BASE_VARS: Record<string, string | string[]> = {
  x: "a b", e: "", sp: "  lead  trail  ", star: "*", hello: "hello", path: "/usr/local/lib/libfoo.so.1",
  arr: ["one", "two words", "", "four"], mixed: "Hello World", nl: "a\nb",
};
const BASE_POS = ["a b", "c"];

function bashSetup(c: Case): string {
  const vars = { ...BASE_VARS, ...c.vars };
  const lines: string[] = [];
  for (const [k, v] of Object.entries(vars)) {
    lines.push(Array.isArray(v) ? `${k}=(${v.map(quoteForReuse).join(" ")})` : `${k}=${quoteForReuse(v)}`);
  }
  const pos = c.pos ?? BASE_POS;
  lines.push(`set -- ${pos.map(quoteForReuse).join(" ")}`);
  return lines.join("\n");
}

function bashFields(c: Case): string {
  // The commands the FakeHost's command substitutions stand for.
  const fns = `two() { printf 'x y\\n\\n'; }\nstar() { echo '*'; }`;
  return bash(`${bashSetup(c)}\n${fns}\np() { for a; do printf '<%s>' "$a"; done; }\np ${c.src}`);
}

function ours(c: Case): string {
  const h = new FakeHost({ ...BASE_VARS, ...c.vars });
  h.pos = c.pos ?? BASE_POS;
  h.subst.set("two", "x y\n\n");
  h.subst.set("star", "*\n");
  try {
    return show(run(expandWords(h, c.words)));
  } catch (e) {
    return "ERR " + (e as Error).message;
  }
}

const P = param;
const W = word;

const quoting: Case[] = [
  { src: `x"$@"y`, words: [W(lit("x"), dq(P("@")), lit("y"))] },
  { src: `"$@"`, words: [W(dq(P("@")))], pos: [] },
  { src: `x"$@"y`, words: [W(lit("x"), dq(P("@")), lit("y"))], pos: [] },
  { src: `"" "$@"`, words: [W(dq()), W(dq(P("@")))], pos: [] },
  { src: `"$@"`, words: [W(dq(P("@")))], pos: ["", ""] },
  { src: `$@`, words: [W(P("@"))], pos: ["a", "", "b"] },
  { src: `"$*"`, words: [W(dq(P("*")))] },
  { src: `"$*"`, words: [W(dq(P("*")))], vars: { IFS: ",:" } },
  { src: `"$*"`, words: [W(dq(P("*")))], vars: { IFS: "" } },
  { src: `$*`, words: [W(P("*"))], vars: { IFS: "" } },
  { src: `$@`, words: [W(P("@"))], vars: { IFS: "," }, pos: ["a", "", "b"] },
  { src: `$*`, words: [W(P("*"))], vars: { IFS: "," }, pos: ["a", "", "b"] },
  { src: `"\${arr[@]}"`, words: [W(dq(P("arr", { index: "@" })))] },
  { src: `"\${arr[*]}"`, words: [W(dq(P("arr", { index: "*" })))] },
  { src: `\${arr[@]}`, words: [W(P("arr", { index: "@" }))] },
  { src: `"x\${arr[@]}y"`, words: [W(dq(lit("x"), P("arr", { index: "@" }), lit("y")))] },
  { src: `"\${nope[@]}"`, words: [W(dq(P("nope", { index: "@" })))] },
  { src: `"$e" '' $e ""$e`, words: [W(dq(P("e"))), W(sq("")), W(P("e")), W(dq(), P("e"))] },
  { src: `$x "$x" '$x' \\$x`, words: [W(P("x")), W(dq(P("x"))), W(sq("$x")), W(esc("$"), lit("x"))] },
  { src: `$#:$1:\${2}:$0x`, words: [W(P("#"), lit(":"), P("1"), lit(":"), P("2"), lit(":"), P("0"), lit("x"))] },
];

const splitting: Case[] = [
  { src: `$sp`, words: [W(P("sp"))] },
  { src: `x$sp"y"`, words: [W(lit("x"), P("sp"), dq(lit("y")))] },
  { src: `$v`, words: [W(P("v"))], vars: { IFS: ",", v: "," } },
  { src: `\${v}q`, words: [W(P("v"), lit("q"))], vars: { IFS: ",", v: "," } },
  { src: `q$v`, words: [W(lit("q"), P("v"))], vars: { IFS: ",", v: "," } },
  { src: `$v`, words: [W(P("v"))], vars: { IFS: ",", v: ",,a," } },
  { src: `$v`, words: [W(P("v"))], vars: { IFS: " ,", v: " , a" } },
  { src: `$v`, words: [W(P("v"))], vars: { IFS: " ,", v: "a , b" } },
  { src: `$v`, words: [W(P("v"))], vars: { IFS: " ,", v: "a  ,  , b " } },
  { src: `$v$w`, words: [W(P("v"), P("w"))], vars: { IFS: " ,", v: "a ", w: ",b" } },
  { src: `$x`, words: [W(P("x"))], vars: { IFS: "" } },
  { src: `\${arr[@]},`, words: [W(P("arr", { index: "@" }), lit(","))], vars: { IFS: "" } },
  { src: `\${arr[@]}""$x`, words: [W(P("arr", { index: "@" }), dq(), P("x"))], vars: { IFS: "" } },
  { src: `$nl`, words: [W(P("nl"))] },
  { src: `$v`, words: [W(P("v"))], vars: { IFS: "é", v: "aébéc" } },
  { src: `$(two) "$(two)"`, words: [W(cmd("two")), W(dq(cmd("two")))] },
  { src: `$((11+0))`, words: [W(arith("11+0"))], vars: { IFS: "1" } },
];

const ops: Case[] = [
  { src: `\${u:-a b} "\${u:-a b}" \${e-x} \${e:-x}`, words: [W(P("u", { op: { op: ":-", word: W(lit("a b")) } })), W(dq(P("u", { op: { op: ":-", word: W(lit("a b")) } }))), W(P("e", { op: { op: "-", word: W(lit("x")) } })), W(P("e", { op: { op: ":-", word: W(lit("x")) } }))] },
  { src: `\${u:-"$@"}`, words: [W(P("u", { op: { op: ":-", word: W(dq(P("@"))) } }))] },
  { src: `"\${u:-$@}"`, words: [W(dq(P("u", { op: { op: ":-", word: W(P("@")) } })))] },
  { src: `\${u:-$@}`, words: [W(P("u", { op: { op: ":-", word: W(P("@")) } }))] },
  { src: `"\${u:-'a'}" \${u:-'a b'}`, words: [W(dq(P("u", { op: { op: ":-", word: W(sq("a")) } }))), W(P("u", { op: { op: ":-", word: W(sq("a b")) } }))] },
  { src: `"\${x:+y}" "\${u:+y}" \${u:+y} \${x:+"p q"}`, words: [W(dq(P("x", { op: { op: ":+", word: W(lit("y")) } }))), W(dq(P("u", { op: { op: ":+", word: W(lit("y")) } }))), W(P("u", { op: { op: ":+", word: W(lit("y")) } })), W(P("x", { op: { op: ":+", word: W(dq(lit("p q"))) } }))] },
  { src: `"\${@:-x}"`, words: [W(dq(P("@", { op: { op: ":-", word: W(lit("x")) } })))], pos: ["", ""] },
  { src: `"\${@:-x}"`, words: [W(dq(P("@", { op: { op: ":-", word: W(lit("x")) } })))], pos: [""] },
  { src: `"\${*:-x}"`, words: [W(dq(P("*", { op: { op: ":-", word: W(lit("x")) } })))], pos: ["", ""], vars: { IFS: "," } },
  { src: `"\${u=v w}" "$u"`, words: [W(dq(P("u", { op: { op: "=", word: W(lit("v w")) } }))), W(dq(P("u")))] },
  { src: `\${path#*/} \${path##*/} \${path%.*} \${path%%.*}`, words: ["#", "##", "%", "%%"].map((op) => W(P("path", { op: { op, pattern: W(lit(op[0] === "#" ? "*/" : ".*")) } as never }))) },
  { src: `\${path#"*"} \${star#"*"} \${star#\\*} \${path##*"/"}`, words: [W(P("path", { op: { op: "#", pattern: W(dq(lit("*"))) } })), W(P("star", { op: { op: "#", pattern: W(dq(lit("*"))) } })), W(P("star", { op: { op: "#", pattern: W(esc("*")) } })), W(P("path", { op: { op: "##", pattern: W(lit("*"), dq(lit("/"))) } }))] },
  { src: `"\${hello/l/&&}" "\${hello/l/\\&}" "\${hello/l/"&"}" \${hello//l/<&>} "\${hello/#h/H}" "\${hello/%o/O}" "\${hello//}" "\${hello/l}"`, words: [
    W(dq(P("hello", { op: { op: "/", pattern: W(lit("l")), replacement: W(lit("&&")) } }))),
    W(dq(P("hello", { op: { op: "/", pattern: W(lit("l")), replacement: W(lit("\\&")) } }))),
    W(dq(P("hello", { op: { op: "/", pattern: W(lit("l")), replacement: W(dq(lit("&"))) } }))),
    W(P("hello", { op: { op: "//", pattern: W(lit("l")), replacement: W(lit("<&>")) } })),
    W(dq(P("hello", { op: { op: "/#", pattern: W(lit("h")), replacement: W(lit("H")) } }))),
    W(dq(P("hello", { op: { op: "/%", pattern: W(lit("o")), replacement: W(lit("O")) } }))),
    W(dq(P("hello", { op: { op: "//", pattern: W() } }))),
    W(dq(P("hello", { op: { op: "/", pattern: W(lit("l")) } }))),
  ] },
  { src: `\${hello//[aeiou]/_} \${hello/l*/L} \${hello/#/X} \${hello/%/X} \${path//\\//:}`, words: [
    W(P("hello", { op: { op: "//", pattern: W(lit("[aeiou]")), replacement: W(lit("_")) } })),
    W(P("hello", { op: { op: "/", pattern: W(lit("l*")), replacement: W(lit("L")) } })),
    W(P("hello", { op: { op: "/#", pattern: W(), replacement: W(lit("X")) } })),
    W(P("hello", { op: { op: "/%", pattern: W(), replacement: W(lit("X")) } })),
    W(P("path", { op: { op: "//", pattern: W(esc("/")), replacement: W(lit(":")) } })),
  ] },
  { src: `\${#hello} \${#arr[@]} \${#arr} \${#@} \${#} \${##} \${#u}`, words: [W(P("hello", { length: true })), W(P("arr", { index: "@", length: true })), W(P("arr", { length: true })), W(P("@", { length: true })), W(P("#")), W(P("#", { length: true })), W(P("u", { length: true }))] },
  { src: `\${hello:1:3} \${hello: -3:2} \${hello:1:-1} \${hello:7} \${hello: -10} \${hello:(-2)}`, words: [
    [lit("1"), lit("3")], [lit("-3"), lit("2")], [lit("1"), lit("-1")], [lit("7")], [lit("-10")], [lit("(-2)")],
  ].map(([o, l]) => W(P("hello", { op: { op: ":", offset: W(o!), length: l ? W(l) : undefined } }))) },
  { src: `\${@: -1} \${@:0:2} \${@:2} "\${*:1:2}" \${arr[@]:1:2} \${arr[@]: -1}`, pos: ["a", "b", "c"], words: [
    W(P("@", { op: { op: ":", offset: W(lit("-1")) } })),
    W(P("@", { op: { op: ":", offset: W(lit("0")), length: W(lit("2")) } })),
    W(P("@", { op: { op: ":", offset: W(lit("2")) } })),
    W(dq(P("*", { op: { op: ":", offset: W(lit("1")), length: W(lit("2")) } }))),
    W(P("arr", { index: "@", op: { op: ":", offset: W(lit("1")), length: W(lit("2")) } })),
    W(P("arr", { index: "@", op: { op: ":", offset: W(lit("-1")) } })),
  ] },
  { src: `\${mixed^} \${mixed^^} \${mixed,} \${mixed,,} \${mixed^^[lo]} \${hello^l} \${hello^h} \${arr[@]^}`, words: [
    W(P("mixed", { op: { op: "^" } })), W(P("mixed", { op: { op: "^^" } })), W(P("mixed", { op: { op: "," } })), W(P("mixed", { op: { op: ",," } })),
    W(P("mixed", { op: { op: "^^", pattern: W(lit("[lo]")) } })), W(P("hello", { op: { op: "^", pattern: W(lit("l")) } })),
    W(P("hello", { op: { op: "^", pattern: W(lit("h")) } })), W(P("arr", { index: "@", op: { op: "^" } })),
  ] },
  { src: `\${x@Q} \${hello@U} \${mixed@L} \${hello@u} "\${arr[@]@Q}" \${e@Q} \${u@Q}`, words: [
    W(P("x", { op: { op: "@", transform: "Q" } })), W(P("hello", { op: { op: "@", transform: "U" } })), W(P("mixed", { op: { op: "@", transform: "L" } })),
    W(P("hello", { op: { op: "@", transform: "u" } })), W(dq(P("arr", { index: "@", op: { op: "@", transform: "Q" } }))), W(P("e", { op: { op: "@", transform: "Q" } })), W(P("u", { op: { op: "@", transform: "Q" } })),
  ] },
  { src: `"\${x@A}" "\${arr[@]@A}" "\${arr@a}" "\${x@a}" "\${tab@E}"`, vars: { tab: "a\\tb\\x41\\u00e9\\101" }, words: [
    W(dq(P("x", { op: { op: "@", transform: "A" } }))), W(dq(P("arr", { index: "@", op: { op: "@", transform: "A" } }))),
    W(dq(P("arr", { op: { op: "@", transform: "a" } }))), W(dq(P("x", { op: { op: "@", transform: "a" } }))), W(dq(P("tab", { op: { op: "@", transform: "E" } }))),
  ] },
  { src: `"\${!arr[@]}" \${!r} \${!r2} \${!n} \${!ye*} "\${!ye@}" "\${!ye*}" \${!arr[@]} \${!sp2[*]}`, vars: { r: "hello", r2: "arr[1]", n: "2", yes: "1", yet: "2", sp2: ["q"] }, words: [
    W(dq(P("arr", { indirect: true, index: "@" }))),
    W(P("r", { indirect: true })), W(P("r2", { indirect: true })), W(P("n", { indirect: true })),
    W(P("ye", { op: { op: "names", at: false } })), W(dq(P("ye", { op: { op: "names", at: true } }))), W(dq(P("ye", { op: { op: "names", at: false } }))),
    W(P("arr", { op: { op: "keys", at: true } })), W(P("sp2", { op: { op: "keys", at: false } })),
  ] },
  { src: `\${arr[1]} \${arr[-1]} \${arr[i+1]} "\${arr[3]}"`, vars: { i: "2" }, words: [
    W(P("arr", { index: W(lit("1")) })), W(P("arr", { index: W(lit("-1")) })), W(P("arr", { index: W(lit("i+1")) })), W(dq(P("arr", { index: W(lit("3")) }))),
  ] },
  { src: `$((1+2))x \${#e}$((x2=4))$x2`, words: [W(arith("1+2"), lit("x")), W(P("e", { length: true }), arith("x2=4"), P("x2"))] },
];

const other: Case[] = [
  { src: `x{a,b{1..3},}y {a,b}{c,d}`, words: [W(lit("x"), alt([lit("a")], [lit("b"), seq("1", "3")], []), lit("y")), W(alt([lit("a")], [lit("b")]), alt([lit("c")], [lit("d")]))] },
  { src: `{01..10..3} {a..e..2} {e..a} {-05..5..3} {10..1..-4} {1..a}`, words: [W(seq("01", "10", "3")), W(seq("a", "e", "2")), W(seq("e", "a")), W(seq("-05", "5", "3")), W(seq("10", "1", "-4")), W(seq("1", "a"))] },
  { src: `{$x,'q r'}`, words: [W(alt([P("x")], [sq("q r")]))] },
  { src: `$x{1,2}$x{_y,.z}`, words: [W({ kind: "ParamExp", name: "x", braced: false }, alt([lit("1")], [lit("2")]), { kind: "ParamExp", name: "x", braced: false }, alt([lit("_y")], [lit(".z")]))], vars: { x1: "one", x_y: "XY" } },
  { src: `~ ~/d "~" ~root/x x~`, words: [W(tilde()), W(tilde(), lit("/d")), W(dq(lit("~"))), W(tilde("root"), lit("/x")), W(lit("x~"))], vars: { HOME: "/home/tester" } },
  { src: `~nosuchuser99/x`, words: [W(tilde("nosuchuser99"), lit("/x"))] },
];

function check(cases: Case[]) {
  it.each(cases.map((c) => [c.src, c] as const))("%s", (_src, c) => {
    expect(ours(c)).toBe(bashFields(c));
  });
}

describe("word expansion: quoting contexts", () => check(quoting));
describe("word expansion: field splitting", () => check(splitting));
describe("word expansion: parameter operators", () => check(ops));
describe("word expansion: brace and tilde", () => check(other));

// The same cases through the generator path: an unquoted command substitution that outputs
// nothing (it disappears) makes every word take it.
const viaGenerators = (cases: Case[]): Case[] =>
  cases.map((c) => ({ ...c, words: c.words.map((w) => ({ ...w, literal: undefined, parts: [...w.parts, cmd("none")] })) }));
describe("word expansion through the generator path", () => {
  check(viaGenerators([...quoting, ...splitting, ...ops, ...other]));
});

describe("errors as bash reports them", () => {
  const errs: Case[] = [
    { src: `\${1:=x}`, words: [W(P("1", { op: { op: ":=", word: W(lit("x")) } }))], pos: [] },
    { src: `\${1:?oops}`, words: [W(P("1", { op: { op: ":?", word: W(lit("oops")) } }))], pos: [] },
    { src: `\${u?}`, words: [W(P("u", { op: { op: "?" } }))] },
    { src: `\${e:?}`, words: [W(P("e", { op: { op: ":?" } }))] },
    { src: `\${!u}`, words: [W(P("u", { indirect: true }))] },
    { src: `\${!x}`, words: [W(P("x", { indirect: true }))] },
    { src: `\${hello:1:-5}`, words: [W(P("hello", { op: { op: ":", offset: W(lit("1")), length: W(lit("-5")) } }))] },
    { src: `\${@:1:-1}`, words: [W(P("@", { op: { op: ":", offset: W(lit("1")), length: W(lit("-1")) } }))] },
    // The parser keeps an unreadable ${...} as a ParamExp named by its text.
    { src: `\${x!}`, words: [W(P("x!"))] },
    { src: `\${hello@Z}`, words: [W(P("hello", { op: { op: "@", transform: "Z" } }))] },
    { src: `$((08))`, words: [W(arith("08"))] },
  ];
  it.each(errs.map((c) => [c.src, c] as const))("%s", (_src, c) => {
    const want = "ERR " + bashError(bashFields(c));
    expect(ours(c)).toBe(want);
  });

  it("only ${x:?} and set -u errors end a non-interactive shell (fatal), as in bash", () => {
    const h = new FakeHost({ hello: "hello" });
    const fatal = (w: Word) => {
      try {
        run(expandWords(h, [w]));
      } catch {
        /* recorded */
      }
      return h.fatal[h.fatal.length - 1];
    };
    expect(fatal(W(P("u", { op: { op: ":?" } })))).toBe(true);
    expect(fatal(W(arith("1/0")))).toBe(false);
    expect(fatal(W(P("x!")))).toBe(false);
    expect(fatal(W(P("1", { op: { op: ":=", word: W(lit("x")) } })))).toBe(false);
    expect(fatal(W(P("hello", { op: { op: ":", offset: W(lit("1")), length: W(lit("-9")) } })))).toBe(false);
    h.opts.nounset = true;
    expect(fatal(W(P("nope")))).toBe(true);
  });

  it("set -u", () => {
    const h = new FakeHost({ e: "" });
    h.opts.nounset = true;
    const msg = (w: Word) => {
      try {
        run(expandWords(h, [w]));
        return "ok";
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(msg(W(P("zz")))).toBe("zz: unbound variable");
    expect(msg(W(P("1")))).toBe("$1: unbound variable");
    expect(msg(W(P("a", { index: W(lit("0")) })))).toBe("a[0]: unbound variable");
    expect(msg(W(P("zz", { length: true })))).toBe("zz: unbound variable");
    expect(msg(W(P("zz", { index: "@", length: true })))).toBe("zz: unbound variable");
    expect(msg(W(P("zz", { op: { op: "#", pattern: W(lit("a")) } })))).toBe("zz: unbound variable");
    expect(msg(W(dq(P("@"))))).toBe("ok");
    expect(msg(W(dq(P("*"))))).toBe("ok");
    expect(msg(W(P("zz", { index: "@" })))).toBe("ok");
    expect(msg(W(P("zz", { op: { op: ":-", word: W(lit("d")) } })))).toBe("ok");
    expect(msg(W(P("zz", { op: { op: "+", word: W(lit("d")) } })))).toBe("ok");
    expect(msg(W(P("e")))).toBe("ok");
  });
});

describe("shell options in parameter operators", () => {
  it("nocasematch applies to ${x/p/r} only; patsub_replacement off makes & literal", () => {
    const h = new FakeHost({ x: "Hello" });
    h.opts.nocasematch = true;
    const ex = (op: object) => run(expandWord(h, W(P("x", { op: op as never }))));
    const got = [
      ex({ op: "#", pattern: W(lit("h")) }),
      ex({ op: "/", pattern: W(lit("h")), replacement: W(lit("J")) }),
      ex({ op: "^^", pattern: W(lit("[h]")) }),
      ex({ op: "%", pattern: W(lit("O")) }),
    ];
    h.opts.patsub_replacement = false;
    got.push(ex({ op: "/", pattern: W(lit("l")), replacement: W(lit("&")) }));
    const want = bash("shopt -s nocasematch; x=Hello; echo ${x#h} ${x/h/J} ${x^^[h]} ${x%O}; shopt -u patsub_replacement; echo ${x/l/&}");
    expect(got.slice(0, 4).join(" ") + "\n" + got[4] + "\n").toBe(want);
  });
});

describe("expandWord and expandPattern", () => {
  it("joins $@ with spaces and $* with IFS[0], never splits or globs", () => {
    const h = new FakeHost({ IFS: ",", star: "*" });
    h.pos = ["a", "b"];
    expect(run(expandWord(h, W(P("@"))))).toBe("a b");
    expect(run(expandWord(h, W(P("*"))))).toBe("a,b");
    expect(run(expandWord(h, W(dq(P("@")))))).toBe("a b");
    expect(run(expandWord(h, W(P("star"), lit("x"))))).toBe("*x");
    expect(run(expandWord(h, W(alt([lit("a")], [P("star")]))))).toBe("{a,*}");
  });
  it("quoted characters become escaped in patterns", () => {
    const h = new FakeHost({ star: "*" });
    expect(run(expandPattern(h, W(lit("a*"), dq(lit("*?"), P("star")), sq("["), P("star"))))).toBe("a*\\*\\?\\*\\[*");
  });
});
