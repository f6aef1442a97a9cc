// A command line that is one simple command skips the Chevrotain grammar (grammar/index.ts,
// loneSimpleCommand). It must give exactly the AST the grammar gives.
import { afterEach, describe, expect, it } from "vitest";
import { parse, CommandReader, setGrammarFastPath } from "../../grammar/index.ts";

const LINES = [
  "true",
  "true\n",
  "echo a b c\n",
  "  x=1 y=2 cmd arg # comment\n",
  "echo \"$HOME\" '$x' $(date) $((1+2)) ${a:-b}\n",
  "cat < in > out 2>&1\n",
  "FOO=bar env\n",
  "x=1\n",
  "a[3]=x b+=y\n",
  "printf '%s\\n' *.txt {a,b}c ~/x\n",
  "cat <<EOF\nbody $x\nEOF\n",
  "exec 3>file\n",
];

afterEach(() => setGrammarFastPath(true));

describe("the lone-simple-command fast path", () => {
  for (const src of LINES) {
    it(JSON.stringify(src), () => {
      setGrammarFastPath(true);
      const fast = parse(src);
      setGrammarFastPath(false);
      const slow = parse(src);
      expect(fast.kind).toBe("ok");
      expect(fast).toEqual(slow);
    });
  }
  it("is taken by CommandReader too, command by command", () => {
    const src = "echo one\nif true; then echo two; fi\necho three\n";
    const read = (on: boolean) => {
      setGrammarFastPath(on);
      const r = new CommandReader(src);
      const out = [];
      for (let x = r.next(); x.kind !== "eof"; x = r.next()) out.push(x);
      return out;
    };
    expect(read(true)).toEqual(read(false));
  });
  it("leaves anything else to the grammar (errors included)", () => {
    for (const src of ["echo a; echo b\n", "a | b\n", "a &\n", "! a\n", "f() { :; }\n", "echo a )\n"]) {
      setGrammarFastPath(true);
      const fast = parse(src);
      setGrammarFastPath(false);
      expect(fast).toEqual(parse(src));
    }
  });
});
