// Syntax errors: what the parser reports, and the one formatter that renders them.
import type { Span } from "./ast.ts";

export interface ShSyntaxError {
  /** bash's wording: "syntax error near unexpected token `fi'", "syntax error: unexpected end of file". */
  message: string;
  span: Span;
  /** The offending token as written ("newline" for a line end), when there is one. */
  token?: string;
}

/**
 * Thrown inside the tokenizer and the grammar actions, caught by the entry points.
 * `incomplete` means the input ended inside a construct: more input could complete it.
 */
export class ParseFailure extends Error {
  constructor(
    readonly incomplete: boolean,
    readonly error: ShSyntaxError,
  ) {
    super(error.message);
  }
}

export function nearToken(token: string, span: Span): ParseFailure {
  return new ParseFailure(false, { message: `syntax error near unexpected token \`${token}'`, span, token });
}

export function unexpectedEof(span: Span, message = "syntax error: unexpected end of file"): ParseFailure {
  return new ParseFailure(true, { message, span });
}

/**
 * Render an error as bash does ("<prefix>syntax error near unexpected token `fi'"), then the
 * location as file:line:col, the source line and a caret line under the offending token.
 */
export function formatSyntaxError(err: ShSyntaxError, source: string, prefix: string, file?: string): string {
  const { span } = err;
  let out = `${prefix}${err.message}\n`;
  // The line the span starts on, found from the offset (spans of fragments may have shifted lines).
  const start = Math.max(0, Math.min(span.start, source.length));
  const ls = source.lastIndexOf("\n", start - 1) + 1;
  let le = source.indexOf("\n", ls);
  if (le < 0) le = source.length;
  const lineText = source.slice(ls, le);
  if (span.start >= source.length && lineText === "") {
    out += `${file ?? "-"}:${span.line}:${span.col}: at end of input\n`;
    return out;
  }
  const col = start - ls;
  const width = Math.max(1, Math.min(span.end, le) - start);
  out += `${file ?? "-"}:${span.line}:${span.col}\n`;
  out += `${lineText.replace(/\t/g, " ")}\n${" ".repeat(col)}${"^".repeat(width)}\n`;
  return out;
}
