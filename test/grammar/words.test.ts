// Word-level parsing: quotes, escapes, parameter forms, substitutions, tilde, braces, extglob.
import { describe, expect, it } from "vitest";
import { partsOf, strip, words } from "./helpers.ts";

describe("quoting and escapes", () => {
  it("keeps plain words literal (fast path)", () => {
    const [w] = words("hello");
    expect(w!.literal).toBe("hello");
    expect(strip(w!.parts)).toEqual([{ kind: "Lit", value: "hello" }]);
  });
  it("single, double, escaped and $'...' quotes", () => {
    expect(partsOf("echo 'a b'")).toEqual([{ kind: "SglQuoted", value: "a b" }]);
    expect(partsOf('echo "a\\"b\\$c\\x"')).toEqual([{ kind: "DblQuoted", parts: [{ kind: "Lit", value: 'a"b$c\\x' }] }]);
    expect(partsOf("echo a\\ b")).toEqual([{ kind: "Lit", value: "a" }, { kind: "Escaped", value: " " }, { kind: "Lit", value: "b" }]);
    expect(partsOf("echo $'a\\tb\\x41\\u00e9\\101\\cA'")).toEqual([{ kind: "AnsiCQuoted", value: "a\tbA\u00e9A\x01" }]);
    expect(partsOf('echo $"hi"')).toEqual([{ kind: "DblQuoted", parts: [{ kind: "Lit", value: "hi" }], locale: true }]);
  });
  it("computes literal only when no expansion is needed", () => {
    const ws = words("echo 'a'\"b\"c\\d *.c $x ~ {a,b}");
    expect(ws[1]!.literal).toBe("abcd");
    expect(ws[2]!.literal).toBeUndefined();
    expect(ws[3]!.literal).toBeUndefined();
    expect(ws[4]!.literal).toBeUndefined();
    expect(ws[5]!.literal).toBeUndefined();
  });
  it("removes line continuations outside single quotes", () => {
    expect(words("echo ab\\\ncd")[1]!.literal).toBe("abcd");
    expect(words("echo 'a\\\nb'")[1]!.literal).toBe("a\\\nb");
  });
});

describe("parameter expansion", () => {
  it("$name, $1, specials", () => {
    expect(partsOf("echo $foo_1x$2$@$#$?")).toEqual([
      { kind: "ParamExp", name: "foo_1x", braced: false },
      { kind: "ParamExp", name: "2", braced: false },
      { kind: "ParamExp", name: "@", braced: false },
      { kind: "ParamExp", name: "#", braced: false },
      { kind: "ParamExp", name: "?", braced: false },
    ]);
    expect(partsOf("echo $10")).toEqual([{ kind: "ParamExp", name: "1", braced: false }, { kind: "Lit", value: "0" }]);
    expect(partsOf("echo a$")).toEqual([{ kind: "Lit", value: "a$" }]);
  });
  it("${#x} ${!x} ${x[i]} ${!p*} ${!a[@]}", () => {
    expect(partsOf("echo ${#x}")).toEqual([{ kind: "ParamExp", name: "x", braced: true, length: true }]);
    expect(partsOf("echo ${#}")).toEqual([{ kind: "ParamExp", name: "#", braced: true }]);
    expect(partsOf("echo ${!x}")).toEqual([{ kind: "ParamExp", name: "x", braced: true, indirect: true }]);
    expect(partsOf("echo ${a[@]}")).toEqual([{ kind: "ParamExp", name: "a", braced: true, index: "@" }]);
    expect(partsOf("echo ${a[i+1]}")).toEqual([
      { kind: "ParamExp", name: "a", braced: true, index: { kind: "Word", parts: [{ kind: "Lit", value: "i+1" }], literal: "i+1" } },
    ]);
    expect(partsOf("echo ${!pre*}")).toEqual([{ kind: "ParamExp", name: "pre", braced: true, indirect: true, op: { op: "names", at: false } }]);
    expect(partsOf("echo ${!a[@]}")).toEqual([{ kind: "ParamExp", name: "a", braced: true, indirect: true, index: "@", op: { op: "keys", at: true } }]);
  });
  it("every operator", () => {
    const op = (s: string) => (strip(words(`echo ${s}`)[1]!.parts[0]) as { op: unknown }).op;
    const lit = (v: string) => ({ kind: "Word", parts: [{ kind: "Lit", value: v }], literal: v });
    expect(op("${x:-a b}")).toEqual({ op: ":-", word: lit("a b") });
    expect(op("${x-a}")).toEqual({ op: "-", word: lit("a") });
    expect(op("${x:=a}")).toEqual({ op: ":=", word: lit("a") });
    expect(op("${x:?}")).toEqual({ op: ":?" });
    expect(op("${x+a}")).toEqual({ op: "+", word: lit("a") });
    expect(op("${x##a}")).toEqual({ op: "##", pattern: lit("a") });
    expect(op("${x%b}")).toEqual({ op: "%", pattern: lit("b") });
    expect(op("${x//a/b}")).toEqual({ op: "//", pattern: lit("a"), replacement: lit("b") });
    expect(op("${x/#a}")).toEqual({ op: "/#", pattern: lit("a") });
    expect(op("${x:1:2}")).toEqual({ op: ":", offset: lit("1"), length: lit("2") });
    expect(op("${x: -1}")).toEqual({ op: ":", offset: lit(" -1") });
    expect(op("${x^^}")).toEqual({ op: "^^" });
    expect(op("${x,a}")).toEqual({ op: ",", pattern: lit("a") });
    expect(op("${x@Q}")).toEqual({ op: "@", transform: "Q" });
  });
  it("nests quotes and substitutions in operands", () => {
    const p = strip(words('echo "${x:-"a b" $(echo })}"')[1]!.parts) as any;
    expect(p[0].kind).toBe("DblQuoted");
    const w = p[0].parts[0].op.word;
    expect(w.parts[0]).toEqual({ kind: "DblQuoted", parts: [{ kind: "Lit", value: "a b" }] });
    expect(w.parts[2].kind).toBe("CmdSub");
  });
  it("single quotes are literal in default-value operands inside double quotes", () => {
    const p = strip(words(`echo "\${x:-'a'}"`)[1]!.parts) as any;
    expect(p[0].parts[0].op.word.parts).toEqual([{ kind: "Lit", value: "'a'" }]);
  });
  it("keeps a substitution it cannot parse for the expander to reject", () => {
    expect(partsOf("echo ${x;y}")).toEqual([{ kind: "ParamExp", name: "x;y", braced: true }]);
    // as bash's reader: only a nested ${ opens a level when looking for the closing brace
    expect(partsOf("echo ${{x} ${y}")).toEqual([{ kind: "ParamExp", name: "{x", braced: true }]);
  });
});

describe("command and arithmetic substitution", () => {
  it("$( ) with case patterns and nesting", () => {
    const p = partsOf("echo $(case x in a) echo $(echo ')');; esac)") as any;
    expect(p[0].kind).toBe("CmdSub");
    expect(p[0].backquote).toBe(false);
    expect(p[0].body.items[0].andOr.first.commands[0].kind).toBe("Case");
  });
  it("$( ) containing a here-document", () => {
    const p = partsOf("echo $(cat <<E\nhi )\nE\n)") as any;
    const r = p[0].body.items[0].andOr.first.commands[0].redirects[0];
    expect(r.heredoc.body.literal).toBe("hi )\n");
  });
  it("backquotes undo their escapes", () => {
    const p = partsOf("echo `echo \\`echo a\\` \\$x`") as any;
    expect(p[0].backquote).toBe(true);
    const inner = p[0].body.items[0].andOr.first.commands[0].words;
    expect(inner[1].parts[0].kind).toBe("CmdSub");
    expect(inner[2].parts[0]).toEqual({ kind: "ParamExp", name: "x", braced: false });
  });
  it("$(( )) is arithmetic when it closes with )), else a subshell", () => {
    expect((partsOf("echo $((1 + $x))") as any)[0]).toEqual({
      kind: "ArithSub",
      expr: { kind: "Word", parts: [{ kind: "Lit", value: "1 + " }, { kind: "ParamExp", name: "x", braced: false }] },
    });
    const p = partsOf("echo $((echo a) | cat)") as any;
    expect(p[0].kind).toBe("CmdSub");
    expect(p[0].body.items[0].andOr.first.commands[0].kind).toBe("Subshell");
  });
  it("$[ ] is the old spelling of arithmetic expansion", () => {
    expect((partsOf("echo $[1+2]") as any)[0]).toEqual({ kind: "ArithSub", expr: { kind: "Word", parts: [{ kind: "Lit", value: "1+2" }], literal: "1+2" } });
  });
  it("process substitution", () => {
    const p = partsOf("diff <(ls) >(cat)") as any;
    expect(p[0].kind).toBe("ProcSub");
    expect(p[0].op).toBe("<");
    expect((partsOf("diff <(ls) >(cat)", 2) as any)[0].op).toBe(">");
  });
});

describe("tilde, braces, globs, extglob", () => {
  it("tilde at word start and in assignment values", () => {
    expect(partsOf("echo ~/x")).toEqual([{ kind: "Tilde", user: "" }, { kind: "Lit", value: "/x" }]);
    expect(partsOf("echo ~root")).toEqual([{ kind: "Tilde", user: "root" }]);
    expect(partsOf("echo a~")).toEqual([{ kind: "Lit", value: "a~" }]);
    expect(partsOf('echo ~"x"')).toEqual([{ kind: "Lit", value: "~" }, { kind: "DblQuoted", parts: [{ kind: "Lit", value: "x" }] }]);
  });
  it("brace expansion alternatives and sequences", () => {
    expect(partsOf("echo a{b,c}d")).toEqual([
      { kind: "Lit", value: "a" },
      { kind: "BraceExp", type: "alt", alternatives: [[{ kind: "Lit", value: "b" }], [{ kind: "Lit", value: "c" }]] },
      { kind: "Lit", value: "d" },
    ]);
    expect(partsOf("echo {1..10..2}")).toEqual([{ kind: "BraceExp", type: "seq", from: "1", to: "10", step: "2" }]);
    expect(partsOf("echo {a..e}")).toEqual([{ kind: "BraceExp", type: "seq", from: "a", to: "e" }]);
    expect(partsOf("echo {} {x} {a,")).toEqual([{ kind: "Lit", value: "{}" }]);
    expect(words("echo {} {x} {a,")[2]!.literal).toBe("{x}");
    expect(partsOf("echo {a,{b,c}}") as any).toMatchObject([{ kind: "BraceExp", alternatives: [[{ value: "a" }], [{ kind: "BraceExp" }]] }]);
    expect(partsOf("echo ${x}{a,b}") as any).toMatchObject([{ kind: "ParamExp" }, { kind: "BraceExp" }]);
  });
  it("glob characters stay in Lit", () => {
    expect(partsOf("echo *.[ch]")).toEqual([{ kind: "Lit", value: "*.[ch]" }]);
  });
  it("extglob only when enabled", () => {
    expect(partsOf("echo @(a|b*)", 1, { extglob: true })).toEqual([
      {
        kind: "ExtGlob",
        op: "@",
        patterns: [
          { kind: "Word", parts: [{ kind: "Lit", value: "a" }], literal: "a" },
          { kind: "Word", parts: [{ kind: "Lit", value: "b*" }] },
        ],
      },
    ]);
    expect((partsOf("echo x!(*.c)", 1, { extglob: true }) as any)[1].op).toBe("!");
  });
});
