// Syntax errors (bash's wording and positions), incomplete input, and the error formatter.
import { describe, expect, it } from "vitest";
import { formatSyntaxError, parse } from "../../grammar/index.ts";

function err(src: string) {
  const r = parse(src);
  if (r.kind === "ok") throw new Error(`expected an error for ${JSON.stringify(src)}`);
  return { kind: r.kind, message: r.error.message, at: `${r.error.span.line}:${r.error.span.col}`, token: r.error.token };
}

describe("syntax errors (compared with bash -n)", () => {
  const cases: [string, string, string][] = [
    ["echo )\n", "syntax error near unexpected token `)'", "1:6"],
    ["fi\n", "syntax error near unexpected token `fi'", "1:1"],
    [";\n", "syntax error near unexpected token `;'", "1:1"],
    ["a;;\n", "syntax error near unexpected token `;;'", "1:2"],
    ["|a\n", "syntax error near unexpected token `|'", "1:1"],
    ["echo a; ;\n", "syntax error near unexpected token `;'", "1:9"],
    ["if then fi\n", "syntax error near unexpected token `then'", "1:4"],
    ["{ }\n", "syntax error near unexpected token `}'", "1:3"],
    ["(a) (b)\n", "syntax error near unexpected token `('", "1:5"],
    ["echo $(if)\n", "syntax error near unexpected token `)'", "1:10"],
    ["case x in a) esac; echo ;;\n", "syntax error near unexpected token `;;'", "1:25"],
    ["echo a >\n", "syntax error near unexpected token `newline'", "1:9"],
    ["a & & b\n", "syntax error near unexpected token `&'", "1:5"],
    ["while; do :; done\n", "syntax error near unexpected token `;'", "1:6"],
    ["f() echo\n", "syntax error near unexpected token `echo'", "1:5"],
    ["{ :; } foo bar\n", "syntax error near unexpected token `foo'", "1:8"],
    ["(a) b c\n", "syntax error near unexpected token `b'", "1:5"],
    ["[[ a b ]]\n", "conditional binary operator expected", "1:6"],
    ["for ((a;b)); do :; done\n", "syntax error: arithmetic expression required", "1:5"],
    ["echo ok\nif true; then\nfi\n", "syntax error near unexpected token `fi'", "3:1"],
  ];
  for (const [src, message, at] of cases) {
    it(JSON.stringify(src), () => {
      const e = err(src);
      expect(e.kind).toBe("error");
      expect(e.message).toBe(message);
      expect(e.at).toBe(at);
    });
  }
});

describe("incomplete input (the interactive shell shows PS2)", () => {
  const cases: [string, string][] = [
    ["echo a |\n", "syntax error: unexpected end of file"],
    ["echo a &&\n", "syntax error: unexpected end of file"],
    ["if true; then echo\n", "syntax error: unexpected end of file"],
    ["echo 'abc\n", "unexpected EOF while looking for matching `''"],
    ['echo "abc\n', "unexpected EOF while looking for matching `\"'"],
    ["echo $(echo\n", "unexpected EOF while looking for matching `)'"],
    ["echo ${x\n", "unexpected EOF while looking for matching `}'"],
    ["echo `abc\n", "unexpected EOF while looking for matching ``'"],
    ["cat <<EOF\nabc\n", "here-document delimited by end-of-file (wanted `EOF')"],
    ["case x in\n", "syntax error: unexpected end of file"],
    ["a=(1 2\n", "unexpected EOF while looking for matching `)'"],
    ["echo \\\n", "syntax error: unexpected end of file"],
    ["f()\n", "syntax error: unexpected end of file"],
    ["for i in a b\n", "syntax error: unexpected end of file"],
    ["while true\ndo\n", "syntax error: unexpected end of file"],
    ["echo a >", "syntax error: unexpected end of file"],
    ["cat <<", "syntax error: unexpected end of file"],
    ["a=1 echo 2>", "syntax error: unexpected end of file"],
  ];
  for (const [src, message] of cases) {
    it(JSON.stringify(src), () => {
      const e = err(src);
      expect(e.kind).toBe("incomplete");
      expect(e.message).toBe(message);
    });
  }
  it("completes when the rest arrives", () => {
    expect(parse("echo a |\ncat\n").kind).toBe("ok");
    expect(parse("cat <<EOF\nabc\nEOF\n").kind).toBe("ok");
    expect(parse("echo 'a\nb'\n").kind).toBe("ok");
  });
  it("a here-document ended by end of input is accepted on request (scripts)", () => {
    const warnings: string[] = [];
    expect(parse("echo\ncat <<EOF\nabc", { heredocEofOk: true, onWarning: (w) => warnings.push(w.message) }).kind).toBe("ok");
    expect(warnings).toEqual(["warning: here-document at line 2 delimited by end-of-file (wanted `EOF')"]);
  });
  it("the warning is reported at the last line of the input, as bash reports it", () => {
    const lines: number[] = [];
    const opts = { heredocEofOk: true, onWarning: (w: { span: { line: number } }) => lines.push(w.span.line) };
    parse("echo\ncat <<EOF\nabc\ndef", opts);
    parse("echo\ncat <<EOF\nabc\ndef\n", opts);
    parse("cat <<EOF", opts);
    expect(lines).toEqual([4, 4, 1]);
  });
});

describe("formatSyntaxError", () => {
  it("prints the message, file:line:col, the line and a caret under the token", () => {
    const src = "echo ok\nif true; then\nfi\n";
    const r = parse(src);
    expect(r.kind).toBe("error");
    if (r.kind !== "error") return;
    expect(formatSyntaxError(r.error, src, "ipsh: line 3: ", "x.sh")).toBe(
      "ipsh: line 3: syntax error near unexpected token `fi'\nx.sh:3:1\nfi\n^^\n",
    );
  });
  it("uses the start line of fragments", () => {
    const r = parse("\n  )", { startLine: 10 });
    expect(r.kind).toBe("error");
    if (r.kind === "error") expect(r.error.span.line).toBe(11);
  });
});
