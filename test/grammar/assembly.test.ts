// The tokenizer assembles simple commands into single tokens that the grammar takes whole:
// commands that start with assignments or redirections (SimpleCmdTok), and simple commands that
// are a list item by themselves (SimpleItemTok). The AST must be exactly what the grammar's own
// rules (simpleCommand, andOr, pipeline, command) build from the separate tokens, including
// spans, errors, alias expansion after prefixes and here-documents.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CommandReader, parse, setGrammarFastPath, type ParseOptions } from "../../grammar/index.ts";
import { setTokenAssembly } from "../../grammar/tokenizer.ts";

afterEach(() => {
  setTokenAssembly(true);
  setGrammarFastPath(true);
});

const ALIASES: Record<string, string> = { ll: "ls -l ", x: "a; b", q: "q=2 cmd", r: ">out ", e: "", p: "echo |", t: "time ", nn: "a=1 ", f: "f() " };
const alias = (n: string) => ALIASES[n];

const LINES = [
  "a=1", "a=1 b=2 c", "a=1; b=2 c\n", "a=(1 2) b[3]=4 cmd >o <i 2>&1 x", "x=1 >f", ">f", "2>/dev/null cmd", "{v}>o cmd", "3>&- x y", "a[1 + 2]=3 cmd",
  "a=1 if true", "x=1 time", "a=1 [[ x ]]", "a=1 {", "a=1 }", "x=1 !", "a=1 then", "a=1 for",
  "a=1 f() { :; }", "a=1 (echo)", ">f g() { :; }", "a=1 ((x))", "a=1 ((x)) y", "f() >x { :; }", "f() { :; } >x", "a=1 f ()", ">x f ( )", "x=1 function f { :; }",
  "<<EOF cat\nbody $x\nEOF\n", "a=1 <<EOF\n$x\nEOF\n", "2<<-E x=1\n\tE\nnext\n", "a=1 \\\n b=2 c", "a=1 #c\n", "a=1 $(b=2 c) `d=3`",
  "declare a=(1 2) b=3", "a=1 local x=(1 2)", "a=1 export y=$(z)", "a=1 let x=( 1 )+2", "a=1 eval b=(1)",
  "if >f true; then a=1; fi", "! >f cmd", "time >f cmd", "time a=1 cmd", "case x in a) >f cmd;; b) x=1;; (c) y ;& d) ;;& esac",
  "a=1 | b=2 | >x", "a=1 && b=2 || c=3", "a=1 & b=2 &", "cmd &\n", "a;b;c", "a\nb\n\nc", "a &&\nb", "a |\n b", "a ||\n\n b; c",
  "(a; b) ; c", "{ a; b; } && c", "while a=1; do b=2; done", "until >x; do :; done", "for i in 1 2; do x=$i; done", "select a in b; do x=1; done",
  "f() { a=1; }", "f() x=1", "f()\n>x", "$(a; b=1)", "echo $(x=1) `y=2`", "a=1 <(x) >(y)", "x=1 &>f y", "x=1 >| f", "x=1 <> f", "x=1 >&2",
  "x=1 > ", "> ;", "a=1 2>", "a=1 ;; ", "then a=1", "a=1 \n then", "echo a; fi", "a=1\n(", "p=1 ll foo", "p=1 x", "p=1 x z", "p=1 q", "r cmd", "p=1 r cmd",
  "nn ll", "nn nn ll", "{v}>o ll", "2>&1 ll x", "a=1 3>x ll", "a=1 <<E ll\nbody\nE\n", "p=1 e", "p=1 e z", "p=1 p cat", "p=1 t cmd", "f", "ll; ll\n",
];

function both(src: string, opts: ParseOptions) {
  const read = () => {
    const r = new CommandReader(src, opts);
    const out = [];
    for (let x = r.next(); x.kind !== "eof"; x = r.next()) {
      out.push(x);
      if (x.kind !== "ok") break;
    }
    return out;
  };
  return { whole: parse(src, opts), commands: read() };
}

function compare(src: string, opts: ParseOptions): void {
  setTokenAssembly(true);
  const assembled = both(src, opts);
  setTokenAssembly(false);
  setGrammarFastPath(false);
  const separate = both(src, opts);
  setTokenAssembly(true);
  setGrammarFastPath(true);
  expect(assembled).toEqual(separate);
}

describe("assembled simple commands", () => {
  for (const src of LINES) {
    it(JSON.stringify(src), () => {
      compare(src, {});
      compare(src, { alias });
    });
  }

  it("the bash -n snippets", () => {
    const snippets = readFileSync(join(import.meta.dirname, "bash-n-snippets.txt"), "utf8").split("\n----\n");
    for (const src of snippets) {
      compare(src, {});
      compare(src, { extglob: true });
    }
  });
});
