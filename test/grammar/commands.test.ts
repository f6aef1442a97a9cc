// Command structure: lists, pipelines, simple commands, redirections, here-docs, compound commands.
import { describe, expect, it } from "vitest";
import type { Case, CondCmd, Coproc, For, FunctionDef, If, Redirect } from "../../grammar/ast.ts";
import { parse } from "../../grammar/index.ts";
import { cmd, ok, simple, strip } from "./helpers.ts";

describe("lists and pipelines", () => {
  it("separators, background and and-or lists", () => {
    const l = ok("a; b & c && d || e\nf");
    expect(l.items.map((i) => i.background)).toEqual([false, true, false, false]);
    expect(l.items[2]!.andOr.rest.map((r) => r.op)).toEqual(["&&", "||"]);
  });
  it("pipelines with ! time -p and |&", () => {
    const p = ok("time -p ! a | b |& c").items[0]!.andOr.first;
    expect(p.time).toEqual({ posix: true });
    expect(p.bang).toBe(true);
    expect(p.commands.length).toBe(3);
    expect(p.pipeStderr).toEqual([false, true]);
  });
  it("newlines after | && ||", () => {
    expect(ok("a |\n\n b &&\n c").items.length).toBe(1);
  });
  it("spans have offsets, lines and columns", () => {
    const l = ok("echo a\n  if x; then y; fi");
    expect(l.items[1]!.andOr.span).toEqual({ start: 9, end: 25, line: 2, col: 3 });
    expect(l.items[0]!.andOr.first.commands[0]!.span).toEqual({ start: 0, end: 6, line: 1, col: 1 });
  });
});

describe("simple commands", () => {
  it("assignments only before the command name", () => {
    const c = simple("a=1 b+=2 c[i]=3 d=(x [k]=v) cmd e=5");
    expect(c.assigns.map((a) => [a.name, a.append])).toEqual([["a", false], ["b", true], ["c", false], ["d", false]]);
    expect(strip(c.assigns[2]!.index)).toEqual({ kind: "Word", parts: [{ kind: "Lit", value: "i" }], literal: "i" });
    expect(c.assigns[3]!.array!.length).toBe(2);
    expect(c.assigns[3]!.array![1]!.key!.literal).toBe("k");
    expect(c.words.map((w) => w.literal)).toEqual(["cmd", "e=5"]);
  });
  it("empty assignment and tilde in values", () => {
    const c = simple("a= b=~/x:~/y");
    expect(c.assigns[0]!.value).toBeUndefined();
    expect(strip(c.assigns[1]!.value!.parts)).toEqual([
      { kind: "Tilde", user: "" },
      { kind: "Lit", value: "/x:" },
      { kind: "Tilde", user: "" },
      { kind: "Lit", value: "/y" },
    ]);
  });
  it("declaration commands take array assignment arguments", () => {
    const c = simple("local a=(x 'y z') b=2");
    expect(c.words.length).toBe(3);
    const w = c.words[1] as typeof c.words[1] & { assignment: { name: string; array: unknown[] } };
    expect(w.assignment.name).toBe("a");
    expect(w.assignment.array.length).toBe(2);
  });
  it("reserved words are ordinary words outside command position", () => {
    expect(simple("echo if then fi }").words.map((w) => w.literal)).toEqual(["echo", "if", "then", "fi", "}"]);
    expect(simple("x=1 if").words.map((w) => w.literal)).toEqual(["if"]);
  });
});

describe("redirections", () => {
  const redirs = (s: string): Redirect[] => simple(s).redirects;
  it("every operator, fd numbers and {var}", () => {
    const rs = redirs("cmd <a >b >|c >>d <>e 2<&0 3>&- &>f &>>g <<<h {fd}>i 10>j");
    expect(rs.map((r) => r.op)).toEqual(["<", ">", ">|", ">>", "<>", "<&", ">&", "&>", "&>>", "<<<", ">", ">"]);
    expect(rs.map((r) => r.fd)).toEqual([undefined, undefined, undefined, undefined, undefined, 2, 3, undefined, undefined, undefined, undefined, 10]);
    expect(rs[10]!.fdVar).toBe("fd");
    expect(rs[6]!.target.literal).toBe("-");
  });
  it("a number not touching the operator is an argument", () => {
    const c = simple("echo 2 >x");
    expect(c.words.map((w) => w.literal)).toEqual(["echo", "2"]);
    expect(c.redirects[0]!.fd).toBeUndefined();
  });
  it("here-documents: bodies after the line, quoted and unquoted, <<-", () => {
    const l = ok("cat <<A <<-'B'; echo x\nline $v\nA\n\tlit $v\n\tB\necho after");
    const rs = l.items[0]!.andOr.first.commands[0]!.redirects;
    expect(rs[0]!.heredoc!.delimiter).toBe("A");
    expect(rs[0]!.heredoc!.quoted).toBe(false);
    expect(strip(rs[0]!.heredoc!.body.parts)).toEqual([
      { kind: "Lit", value: "line " },
      { kind: "ParamExp", name: "v", braced: false },
      { kind: "Lit", value: "\n" },
    ]);
    expect(rs[1]!.heredoc).toMatchObject({ delimiter: "B", quoted: true, stripTabs: true });
    expect(rs[1]!.heredoc!.body.literal).toBe("lit $v\n");
    expect(l.items.map((i) => i.andOr.first.commands[0]!.kind)).toEqual(["SimpleCommand", "SimpleCommand", "SimpleCommand"]);
    expect((l.items[2]!.andOr.first.commands[0] as any).words[0].literal).toBe("echo");
  });
  it("a malformed substitution in a here-document body is kept literal (bash fails only when it is used)", () => {
    const l = ok("cat <<E\n`oops $x\nE\necho next");
    expect(l.items.length).toBe(2);
    expect((l.items[0]!.andOr.first.commands[0] as any).redirects[0].heredoc.body.parts).toEqual([{ kind: "Lit", value: "`oops $x\n" }]);
  });
  it("here-documents in pipelines and compound commands", () => {
    const l = ok("while read x; do cat <<E | tr a b\nbody\nE\ndone");
    const w = l.items[0]!.andOr.first.commands[0] as any;
    expect(w.body.items[0].andOr.first.commands[0].redirects[0].heredoc.body.literal).toBe("body\n");
  });
  it("redirections after compound commands", () => {
    const c = cmd("{ a; } >out 2>&1");
    expect(c.redirects.map((r) => r.op)).toEqual([">", ">&"]);
  });
});

describe("compound commands", () => {
  it("if/elif/else", () => {
    const c = cmd("if a; then b; elif c; then d; else e; fi") as If;
    expect(c.clauses.length).toBe(2);
    expect(c.elseBody!.items.length).toBe(1);
  });
  it("while, until, brace group, subshell", () => {
    expect(cmd("while a; do b; done").kind).toBe("While");
    expect((cmd("until a; do b; done") as any).until).toBe(true);
    expect(cmd("{ a; }").kind).toBe("BraceGroup");
    expect(cmd("( a )").kind).toBe("Subshell");
    expect(cmd("( (a) )").kind).toBe("Subshell");
  });
  it("for with and without in, select, arithmetic for", () => {
    expect((cmd("for i in a b; do x; done") as For).items!.map((w) => w.literal)).toEqual(["a", "b"]);
    expect((cmd("for i; do x; done") as For).items).toBeUndefined();
    expect((cmd("for i\ndo x; done") as For).items).toBeUndefined();
    expect((cmd("for i do x; done") as For).name).toBe("i");
    expect((cmd("for i in; do x; done") as For).items).toEqual([]);
    expect(cmd("for i in a; { x; }").kind).toBe("For");
    expect(cmd("select s in a b; do break; done").kind).toBe("Select");
    const af = cmd("for ((i=0; i<3; i++)); do x; done") as any;
    expect([af.init.literal, af.cond, af.step.literal]).toEqual(["i=0", undefined, "i++"].map((v, k) => (k === 1 ? af.cond : v)));
    expect(af.cond.parts[0].value).toBe("i<3");
    expect((cmd("for ((;;)) do x; done") as any).init).toBeUndefined();
  });
  it("case with (, |, ;; ;& ;;& and a last item without terminator", () => {
    const c = cmd("case $x in (a|b) x;; c) y;& d) z;;& *) w\nesac") as Case;
    expect(c.items.map((i) => i.patterns.length)).toEqual([2, 1, 1, 1]);
    expect(c.items.map((i) => i.terminator)).toEqual([";;", ";&", ";;&", ";;"]);
    expect((cmd("case x in esac") as Case).items).toEqual([]);
    expect((cmd("case x in\n a) ;;\nesac") as Case).items[0]!.body.items).toEqual([]);
  });
  it("case words that look reserved", () => {
    const c = cmd("case in in in) echo in;; esac") as Case;
    expect(c.word.literal).toBe("in");
    expect(c.items[0]!.patterns[0]!.literal).toBe("in");
  });
  it("function definitions keep their source", () => {
    const f = cmd("f() { echo a; } >log") as FunctionDef;
    expect(f.name).toBe("f");
    expect(f.body.kind).toBe("BraceGroup");
    expect(f.body.redirects.length).toBe(1);
    expect(f.source).toBe("f() { echo a; } >log");
    expect((cmd("function g { :; }") as FunctionDef).name).toBe("g");
    expect((cmd("function g() ( : )") as FunctionDef).body.kind).toBe("Subshell");
    expect((cmd("h()\n{\n:\n}") as FunctionDef).body.kind).toBe("BraceGroup");
    expect((cmd("a.b-c () if x; then y; fi") as FunctionDef).body.kind).toBe("If");
  });
  it("(( )) arithmetic command", () => {
    const c = cmd("(( x = y + 1 ))") as any;
    expect(c.kind).toBe("ArithCmd");
    expect(c.expr.literal).toBe(" x = y + 1 ");
  });
  it("[[ ]] expressions", () => {
    const c = cmd("[[ -f $a && ( b == c* || ! d ) && e =~ ^(x|y)[0-9]+$ && f < g ]]") as CondCmd;
    const e = strip(c.expr) as any;
    expect(e.kind).toBe("CondAnd");
    expect(e.right.kind).toBe("CondBinary");
    expect(e.right.op).toBe("<");
    expect(e.left.right.kind).toBe("CondBinary");
    expect(e.left.right.op).toBe("=~");
    expect(e.left.right.right.parts[0].value).toBe("^(x|y)[0-9]+$");
    expect(e.left.left.left.kind).toBe("CondUnary");
    expect(e.left.left.right.kind).toBe("CondParen");
    expect(e.left.left.right.expr.right.kind).toBe("CondNot");
  });
  it("[[ ]] regex with blanks inside parentheses", () => {
    const e = (cmd("[[ $x =~ (a b)|c ]]") as CondCmd).expr as any;
    expect(e.right.parts[0].value).toBe("(a b)|c");
  });
});

describe("reserved words right after a compound command (bash accepts them there)", () => {
  it("`}` after done, `then` after ]], `}` after a subshell", () => {
    expect(cmd("{ while read a; do echo; done }").kind).toBe("BraceGroup");
    expect(cmd("if [[ a ]] then echo; fi").kind).toBe("If");
    expect(cmd("{ (a) }").kind).toBe("BraceGroup");
    expect(cmd("while (( i < 3 )) do :; done").kind).toBe("While");
  });
  it("other words there are errors", () => {
    const r = parse("{ :; } x\n");
    expect(r.kind).toBe("error");
  });
});

describe("aliases", () => {
  it("expands aliases in command position, recursively and after a trailing blank", () => {
    const aliases: Record<string, string> = { ll: "ls -l ", g: "grep", nested: "ll", loop: "loop x" };
    const alias = (n: string) => aliases[n];
    const r = parse("ll g x; nested; loop; echo ll", { alias });
    expect(r.kind).toBe("ok");
    if (r.kind !== "ok") return;
    const ws = r.list.items.map((i) => (i.andOr.first.commands[0] as any).words.map((w: any) => w.literal));
    expect(ws).toEqual([["ls", "-l", "grep", "x"], ["ls", "-l"], ["loop", "x"], ["echo", "ll"]]);
  });
  it("an alias may end with a redirection operator", () => {
    const r = parse("x file\n", { alias: (n) => (n === "x" ? "echo >" : undefined) });
    expect(r.kind).toBe("ok");
    if (r.kind === "ok") expect((r.list.items[0]!.andOr.first.commands[0] as any).redirects[0].target.literal).toBe("file");
  });
  it("aliases may contain reserved words", () => {
    const r = parse("forever true; do :; done", { alias: (n) => (n === "forever" ? "while" : undefined) });
    expect(r.kind).toBe("ok");
  });
});

describe("coproc (bash's parse.y: COPROC [WORD] shell_command | COPROC simple_command)", () => {
  const co = (src: string) => {
    const c = cmd(src);
    expect(c.kind).toBe("Coproc");
    return c as Coproc;
  };
  it("a NAME only before a compound command; redirections go to the command", () => {
    const a = co("coproc NAME { cat; } 2>/dev/null");
    expect(a.name?.literal).toBe("NAME");
    expect(a.body.kind).toBe("BraceGroup");
    expect(a.body.redirects.map((r) => r.op)).toEqual([">"]);
    const b = co("coproc NAME cat >o");
    expect(b.name).toBeUndefined();
    expect(b.body.kind).toBe("SimpleCommand");
    expect((b.body as { words: { literal?: string }[] }).words.map((w) => w.literal)).toEqual(["NAME", "cat"]);
    expect(co("coproc ( cat )").name).toBeUndefined();
    expect(co("coproc N (( 1 ))").body.kind).toBe("ArithCmd");
    expect(co("coproc N$x while :; do :; done").name?.parts.length).toBe(2);
  });
  it("`time` after coproc is a command name; a NAME followed by a newline is a simple command", () => {
    expect(co("coproc time cat").body.kind).toBe("SimpleCommand");
    const l = ok("coproc N\n{ cat; }");
    expect(l.items.length).toBe(2);
  });
  it("reserved words that cannot follow are syntax errors near them", () => {
    for (const [src, tok] of [["coproc", "newline"], ["coproc ! x", "!"], ["coproc N then", "then"], ["coproc coproc x", "coproc"], ["coproc f() { :; }", ")"], ["coproc N x { y; }", "}"]]) {
      const r = parse(src + "\n");
      expect(r.kind).toBe("error");
      if (r.kind === "error") expect(r.error.message).toBe(`syntax error near unexpected token \`${tok}'`);
    }
  });
  it("is a command of a pipeline, after ! and time", () => {
    const p = ok("! time coproc cat | cat").items[0]!.andOr.first;
    expect(p.bang).toBe(true);
    expect(p.commands.map((c) => c.kind)).toEqual(["Coproc", "SimpleCommand"]);
  });
});
