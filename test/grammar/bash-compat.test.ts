// Parser fixes checked against bash itself: each case states the value bash gives and, when /usr/bin/bash is
// present, asks bash for it too (so an expectation cannot drift from the reference).
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { decodeAnsiC } from "../../grammar/ansi-c.ts";
import { parse } from "../../grammar/index.ts";
import { ok, partsOf, simple, strip } from "./helpers.ts";

const BASH = "/usr/bin/bash";
const haveBash = existsSync(BASH);

/** stdout of `bash -c script` in a UTF-8 locale (undefined without bash). */
function bash(script: string): string | undefined {
  if (!haveBash) return undefined;
  const r = spawnSync(BASH, ["-c", script], { env: { PATH: "/usr/bin:/bin", HOME: "/nonexistent-home", LC_ALL: "C.UTF-8" }, encoding: "utf8" });
  return r.stdout;
}

/** Does `bash -n` accept the snippet? (undefined without bash) */
function bashAccepts(script: string): boolean | undefined {
  if (!haveBash) return undefined;
  // bash 5.2 exits 0 after some syntax errors in [[ ]] (it still reports them): check stderr too.
  const r = spawnSync(BASH, ["-n", "-O", "extglob", "-c", script], { encoding: "utf8" });
  return r.status === 0 && r.stderr === "";
}

/** Expect `actual` and, when bash is there, bash's output for `script` to equal `expected`. */
function sameAsBash(actual: string, script: string, expected: string): void {
  expect(actual).toBe(expected);
  const b = bash(script);
  if (b !== undefined) expect(b).toBe(expected);
}

describe("$'...' (issue 3.1)", () => {
  // body, decoded value (what bash stores)
  const cases: [string, string][] = [
    ["a\\0b", "a"],
    ["a\\x00b", "a"],
    ["a\\u0000b", "a"],
    ["a\\c@b", "a"],
    ["a\\x0", "a"],
    ["a\\xce\\xbcz", "aμz"],
    ["a\\316\\274z", "aμz"],
    ["\\xe2\\x82\\xac", "€"],
    ["\\xf0\\x9f\\x98\\x80", "😀"],
    ["\\x41\\101\\u00e9", "AAé"],
  ];
  for (const [body, value] of cases) {
    test(`$'${body}'`, () => {
      sameAsBash(decodeAnsiC(body), `x=$'${body}'; printf %s "$x"`, value);
      const len = bash(`x=$'${body}'; echo \${#x}`);
      if (len !== undefined) expect(len).toBe(`${[...value].length}\n`);
    });
  }
  test("bytes that form no UTF-8 sequence stay one char each", () => {
    // bash: ${#x} is 3 for a\xce\x41 and for a\xe2\x82 (invalid or truncated sequences count per byte).
    // each such byte is an escaped byte, U+DC80 + (byte - 0x80) (src/sys/utf8.ts), written back as itself
    expect(decodeAnsiC("a\\xce\\x41")).toBe("a\udcceA");
    expect(decodeAnsiC("a\\xe2\\x82")).toBe("a\udce2\udc82");
    expect(bash("x=$'a\\xce\\x41'; echo ${#x}; y=$'a\\xe2\\x82'; echo ${#y}") ?? "3\n3\n").toBe("3\n3\n");
    // \u is a character, not a byte: it does not join a byte run.
    expect(decodeAnsiC("\\xce\\u00bc")).toBe("\udcce\u00bc");
  });
});

describe("backslash in a ${x-w} operand inside double quotes (issue 3.2)", () => {
  test("keeps the backslash before other characters", () => {
    const p = partsOf('echo "${u-\\z}"') as any;
    expect(p[0].parts[0].op.word.parts).toEqual([{ kind: "Lit", value: "\\z" }]);
    const q = partsOf('echo "${var-a\\nb}"') as any;
    expect(q[0].parts[0].op.word.parts).toEqual([{ kind: "Lit", value: "a\\nb" }]);
    expect(bash('echo "${u-\\z}" "${var-a\\nb}" "${u:+\\q}" "${u:=\\q}"')).toBe(haveBash ? "\\z a\\nb  \\q\n" : undefined);
  });
  test("still escapes $ ` \" \\ and }", () => {
    for (const [src, ch] of [["\\$", "$"], ["\\}", "}"], ['\\"', '"'], ["\\\\", "\\"], ["\\`", "`"]] as const) {
      const p = partsOf(`echo "\${u-${src}}"`) as any;
      expect(p[0].parts[0].op.word.parts).toEqual([{ kind: "Escaped", value: ch }]);
    }
    expect(bash('echo "${u-\\$x}" "${u-\\}}" "${u-\\"}" "${u-\\\\}"')).toBe(haveBash ? '$x } " \\\n' : undefined);
  });
  test("unquoted operands still take \\z as z", () => {
    const p = partsOf("echo ${u-\\z}") as any;
    expect(p[0].op.word.parts).toEqual([{ kind: "Escaped", value: "z" }]);
  });
});

describe("subscripts with blanks in assignments (issue 3.3)", () => {
  const script = "a[5 + 3]=x; b[ b[0]=1 ]=X; c[1\n]=y; e[1 ]+=q";
  test("NAME[...]= in command position is an assignment", () => {
    const items = ok(script).items.map((it) => it.andOr.first.commands[0] as any);
    expect(items.map((c) => c.words.length)).toEqual([0, 0, 0, 0]);
    expect(items.map((c) => [c.assigns[0].name, c.assigns[0].index.parts[0].value, c.assigns[0].append])).toEqual([
      ["a", "5 + 3", false],
      ["b", " b[0]=1 ", false],
      ["c", "1\n", false],
      ["e", "1 ", true],
    ]);
    const b = bash(script + "; declare -p a b c e");
    if (b !== undefined)
      expect(b).toBe('declare -a a=([8]="x")\ndeclare -a b=([0]="1" [1]="X")\ndeclare -a c=([1]="y")\ndeclare -a e=([1]="q")\n');
  });
  test("arguments are still split at blanks", () => {
    expect(simple("printf '<%s>' a[1 2]=x").words.length).toBe(4);
    expect(bash("printf '<%s>' a[1 2]=x")).toBe(haveBash ? "<a[1><2]=x>" : undefined);
    // declare's arguments: bash splits them too (`d[1` is not a valid identifier).
    expect(simple("declare d[1 + 1]=z").words.length).toBe(4);
  });
});

describe("${...} operators (issue 3.4)", () => {
  const param = (src: string): any => (partsOf(`echo ${src}`) as any)[0];
  test("the offset's own ?: keeps its colon", () => {
    const p = param("${s: 0 < 1 ? 2 : 0 : 1}");
    expect(p.op.op).toBe(":");
    expect(p.op.offset.parts).toEqual([{ kind: "Lit", value: " 0 < 1 ? 2 : 0 " }]);
    expect(p.op.length.parts).toEqual([{ kind: "Lit", value: " 1" }]);
    const q = param("${s:1?2:3}");
    expect(q.op.offset.parts).toEqual([{ kind: "Lit", value: "1?2:3" }]);
    expect(q.op.length).toBeUndefined();
    expect(bash('s=abcdef; echo "${s: 0 < 1 ? 2 : 0 : 1}" "${s:1?2:3}" "${s:(1?2:3):2}"')).toBe(haveBash ? "c cdef cd\n" : undefined);
  });
  test("after // a further / starts the pattern", () => {
    const cases: [string, string, string | undefined][] = [
      // expression, pattern, replacement
      ["${x////c}", "/", "c"],
      ["${x///}", "/", undefined],
      ["${x////}", "/", ""],
      ["${x/////}", "/", "/"],
      ["${x///d}", "/d", undefined],
    ];
    for (const [e, pat, rep] of cases) {
      const p = param(e);
      expect(p.op.op).toBe("//");
      expect(p.op.pattern.parts).toEqual([{ kind: "Lit", value: pat }]);
      if (rep === undefined) expect(p.op.replacement).toBeUndefined();
      else expect(p.op.replacement.parts).toEqual(rep === "" ? [] : [{ kind: "Lit", value: rep }]);
    }
    // ${x/#//}: the / after /# is the delimiter (empty pattern, replacement /).
    const a = param("${x/#//}");
    expect([a.op.op, a.op.pattern.parts, a.op.replacement.parts]).toEqual(["/#", [], [{ kind: "Lit", value: "/" }]]);
    expect(bash('x=a/b/c; echo "${x////c}" "${x///}" "${x////}" "${x/////}" "${x///d}" "${x/#//}"')).toBe(
      haveBash ? "acbcc abc abc a/b/c a/b/c /a/b/c\n" : undefined,
    );
  });
  test("${#X} with a special X is a length only when } follows", () => {
    expect([param("${##}").length, param("${##}").name]).toEqual([true, "#"]);
    expect([param("${#-}").length, param("${#-}").name]).toEqual([true, "-"]);
    const a = param("${###}");
    expect([a.length, a.name, a.op.op]).toEqual([undefined, "#", "##"]);
    const b = param("${#-x}");
    expect([b.length, b.name, b.op.op, b.op.word.parts]).toEqual([undefined, "#", "-", [{ kind: "Lit", value: "x" }]]);
    const c = param("${#:1}");
    expect([c.length, c.name, c.op.op]).toEqual([undefined, "#", ":"]);
    expect(param("${#1}").length).toBe(true);
    expect(bash('set -- 1 2 3 4 5 6 7 8 9 10 11 12; echo "${###}" "${##}" "${#-x}" "${#?x}" "${#+y}" "${#:1}"')).toBe(
      haveBash ? "12 2 12 12 y 2\n" : undefined,
    );
  });
  test("${s~} and ${s~~} are the case-toggle operators", () => {
    expect(param("${s~}").op).toEqual({ op: "~" });
    expect(param("${s~~}").op).toEqual({ op: "~~" });
    expect(param("${s~~[a-b]}").op).toEqual({ op: "~~", pattern: { kind: "Word", parts: [{ kind: "Lit", value: "[a-b]" }] } });
    expect(bash('s=aBc; echo "${s~~}" "${s~}" "${s~~[a-b]}"')).toBe(haveBash ? "AbC ABc ABc\n" : undefined);
  });
});

describe("[[ ]] operands (issue 3.5)", () => {
  const cond = (src: string): any => (strip(ok(src).items[0]!.andOr.first.commands[0]) as any).expr;
  test("a leading ~ of the regex is a tilde prefix (bash expands [[ $HOME =~ ~ ]]); a later one is not", () => {
    expect(cond("[[ $x =~ ~ ]]").right.parts).toEqual([{ kind: "Tilde", user: "" }]);
    expect(cond("[[ $x =~ ^~$ ]]").right.parts).toEqual([{ kind: "Lit", value: "^~$" }]);
    expect(bash('x="~"; [[ $x =~ ~ ]] && echo lit; [[ $HOME =~ ~ ]] && echo home; [[ "~/a" =~ ^~/a$ ]] && echo lit2')).toBe(
      haveBash ? "home\nlit2\n" : undefined,
    );
  });
  test("| is part of a regex, also at its start and end", () => {
    for (const [src, re] of [["[[ '|' =~ | ]]", "|"], ["[[ a =~ a| ]]", "a|"], ["[[ a =~ |a ]]", "|a"], ["[[ a =~ a|| ]]", "a||"]]) {
      const c = cond(src!);
      expect([c.op, c.right.parts]).toEqual(["=~", [{ kind: "Lit", value: re }]]);
    }
    expect(bash("[[ '|' =~ | ]] && echo y; [[ a =~ a| ]] && echo y; [[ a =~ |a ]] && echo y")).toBe(haveBash ? "y\ny\ny\n" : undefined);
  });
  test("< and > end a regex outside parentheses, as in bash", () => {
    expect(parse("[[ a =~ a<b ]]").kind).toBe("error");
    expect(bashAccepts("[[ a =~ a<b ]]") ?? false).toBe(false);
    expect(cond("[[ a =~ (a<b) ]]").right.parts).toEqual([{ kind: "Lit", value: "(a<b)" }]);
  });
  test("! after a binary operator is its right operand", () => {
    const c = cond("[[ '!' == ! ]]");
    expect([c.kind, c.op, c.right.parts]).toEqual(["CondBinary", "==", [{ kind: "Lit", value: "!" }]]);
    // A leading ! is still negation: `! == !` has no binary operator after `==` (bash: syntax error).
    expect(parse("[[ ! == ! ]]").kind).toBe("error");
    expect(cond("[[ ! ! a == a ]]").kind).toBe("CondNot");
    expect(cond("[[ -n ! ]]")).toEqual({ kind: "CondUnary", op: "-n", arg: { kind: "Word", parts: [{ kind: "Lit", value: "!" }], literal: "!" } });
    expect(cond("[[ ! -z ! ]]").kind).toBe("CondNot");
    expect(bash("[[ -n ! ]]; echo $?; [[ ! -n ! ]]; echo $?")).toBe(haveBash ? "0\n1\n" : undefined);
    expect(bash("[[ '!' == ! ]] && echo y; [[ '!' != ! ]] || echo n; [[ ! ! a == a ]] && echo y")).toBe(haveBash ? "y\nn\ny\n" : undefined);
  });
});

describe("NAME=(...) arguments of let and eval (issue 3.6)", () => {
  test("are one word with the elements joined by a blank, and text after ) continues it", () => {
    const w = simple("let x=( 1 )+2 y=(3 ) z=1").words.map((x) => x.literal);
    expect(w).toEqual(["let", "x=(1)+2", "y=(3)", "z=1"]);
    expect(simple('eval a=( 1  "2 3" )').words.length).toBe(2);
    expect(bash("let x=( 1 )+2 y=(3 ) z=1; echo $x $y $z")).toBe(haveBash ? "3 3 1\n" : undefined);
    expect(bash("f() { let x=(1   2) ; }; declare -f f")).toBe(haveBash ? "f () \n{ \n    let x=(1 2)\n}\n" : undefined);
  });
  test("other commands still reject them", () => {
    expect(parse("foo x=( 1 )").kind).toBe("error");
    expect(parse("command x=( 1 )").kind).toBe("error");
    expect(bashAccepts("foo x=( 1 )") ?? false).toBe(false);
    expect(bashAccepts("let x=( 1 )") ?? true).toBe(true);
  });
});

describe("an alias that expands to nothing (issue 3.7)", () => {
  test("the next word is the command name", () => {
    const aliases: Record<string, string> = { e: "", s: " ", h: "e" };
    const alias = (n: string) => aliases[n];
    for (const src of ["e x y", "s x y", "h x y", "e e x y"]) expect(simple(src, { alias }).words.map((w) => w.literal)).toEqual(["x", "y"]);
    expect(ok("e", { alias }).items.length).toBe(0);
    expect(bash("shopt -s expand_aliases; alias e=\ne echo x")).toBe(haveBash ? "x\n" : undefined);
  });
});

describe("time and ! before nothing (issue 3.8)", () => {
  const pipe = (src: string): any => strip(ok(src).items[0]!.andOr.first);
  const EMPTY = { kind: "SimpleCommand", assigns: [], words: [], redirects: [] };
  test("time, time -p, ! and their mixes before ; newline or the end are pipelines of nothing", () => {
    for (const [src, time, bang] of [
      ["time", { posix: false }, false],
      ["time -p; x", { posix: true }, false],
      ["time\nx", { posix: false }, false],
      ["time !", { posix: false }, true],
      ["! time", { posix: false }, true],
      ["!", undefined, true],
      ["time --", { posix: true }, false],
    ] as const) {
      const p = pipe(src);
      expect([p.time, p.bang, p.commands]).toEqual([time, bang, [EMPTY]]);
    }
    expect(ok("time\necho e").items.length).toBe(2);
    expect(bash("time; echo $?; ! ; echo $?; time -p ! ; echo $?")?.replace(/real.*\n|user.*\n|sys.*\n|^\n/gm, "")).toBe(haveBash ? "0\n1\n1\n" : undefined);
  });
  test("each ! inverts, time -- is time -p", () => {
    expect(pipe("! ! true").bang).toBe(false);
    expect(pipe("! ! ! true").bang).toBe(true);
    expect(pipe("time -- x").time).toEqual({ posix: true });
    expect(bash("! ! true; echo $?; ! ! ! true; echo $?")).toBe(haveBash ? "0\n1\n" : undefined);
  });
  test("still errors where bash has one; time after | is a command", () => {
    for (const src of ["time && x", "time | x", "time &", "(time)"]) {
      expect(parse(src).kind).toBe("error");
      expect(bashAccepts(src) ?? false).toBe(false);
    }
    const p = pipe("x | time");
    expect(p.commands[1].words[0].literal).toBe("time");
  });
});

export { bashAccepts, ok, parse, simple, strip };
