// The parser's public API: whole texts, command-by-command reading, error formatting, printing.
import { EOF } from "chevrotain";
import type { List, ListItem, Span } from "./ast.ts";
import { formatSyntaxError, nearToken, ParseFailure, unexpectedEof, type ShSyntaxError } from "./errors.ts";
import { ShParser, wholeItem } from "./parser.ts";
import { LineIndex } from "./spans.ts";
import { NewLine, SimpleCmdTok, SimpleItemTok, tokenText, type ShToken } from "./tokens.ts";
import { Tokenizer, type ListParser, type TokenizerOptions } from "./tokenizer.ts";

export { formatSyntaxError, type ShSyntaxError };
export type { DeclWord } from "./tokenizer.ts";
export { COND_BINARY, COND_UNARY } from "./cond-ops.ts";
export { printList, printWord } from "./printer.ts";

export interface ParseOptions {
  /** File name for messages. */
  file?: string;
  /** Line number of the first line (eval'd or sourced fragments). */
  startLine?: number;
  /** shopt extglob at parse time: ?(a|b) *(..) +(..) @(..) !(..) in words. */
  extglob?: boolean;
  /** alias hook: called for an unquoted word in command position; returns replacement text or undefined */
  alias?: (name: string) => string | undefined;
  /** Accept a here-document that the end of input terminates (bash warns and runs the script);
   *  otherwise it is "incomplete". */
  heredocEofOk?: boolean;
  /** Receives warnings: with heredocEofOk, bash's "warning: here-document at line N delimited by
   *  end-of-file (wanted `EOF')" (the caller prints it with its prefix). */
  onWarning?: (w: ShSyntaxError) => void;
}

export type ParseResult =
  | { kind: "ok"; list: List }
  | { kind: "incomplete"; error: ShSyntaxError }
  | { kind: "error"; error: ShSyntaxError };

let shared: ShParser | undefined;

/** The one parser instance (built on first use: with the lookahead table about a millisecond). */
function parser(): ShParser {
  return (shared ??= new ShParser());
}

/**
 * A command line that is one simple command reaches the grammar as a single assembled token
 * (SimpleItemTok or SimpleCmdTok: the tokenizer builds simple commands whole), optionally followed
 * by its newline. The grammar has no decision to make there: list -> and_or -> pipeline -> command
 * is pure wrapping. Building that List here gives the AST the grammar would
 * (test/grammar/fast-path.test.ts compares the two) without constructing the Chevrotain parser at
 * all, which is part of the start-up of `ipsh -c 'cmd'` and of a script's first simple command.
 */
let fastPath = true;
/** For tests: force every token list through the Chevrotain grammar. */
export function setGrammarFastPath(on: boolean): void {
  fastPath = on;
}
function loneSimpleCommand(tokens: ShToken[], lines: LineIndex): List | undefined {
  let n = tokens.length;
  if (n === 2 && tokens[1]!.tokenType === NewLine) n = 1;
  if (n !== 1) return undefined;
  const t = tokens[0]!;
  if ((t.tokenType !== SimpleItemTok && t.tokenType !== SimpleCmdTok) || t.simple === undefined) return undefined;
  const andOr = wholeItem(t, lines);
  const s = andOr.span;
  return { kind: "List", items: [{ andOr, background: false }], span: { start: s.start, end: s.end, line: s.line, col: s.col } };
}

/** Parse a token array (the tokenizer's ListParser). */
const parseTokens: ListParser = (tokens: ShToken[], lines: LineIndex, eof: { span: Span; closing: boolean }): List => {
  if (fastPath) {
    const lone = loneSimpleCommand(tokens, lines);
    if (lone) return lone;
  }
  const p = parser();
  p.lines = lines;
  p.eof = eof;
  p.input = tokens;
  const list = p.list();
  if (p.errors.length > 0) {
    const tok = p.errors[0]!.token;
    if (tok.tokenType === EOF || tok.startOffset === undefined || Number.isNaN(tok.startOffset)) {
      if (eof.closing) throw nearToken(")", eof.span);
      throw unexpectedEof(eof.span);
    }
    const image = tokenText(tok as ShToken);
    throw nearToken(image, lines.span(tok.startOffset, tok.startOffset + image.length));
  }
  return list;
};

function failure(e: unknown): ParseResult {
  if (e instanceof ParseFailure) return e.incomplete ? { kind: "incomplete", error: e.error } : { kind: "error", error: e.error };
  if (e instanceof RangeError) {
    // Pathological nesting exhausted the stack: report it as a syntax error rather than crash.
    return { kind: "error", error: { message: "syntax error: expression nested too deeply", span: { start: 0, end: 0, line: 1, col: 1 } } };
  }
  throw e;
}

function tokOpts(opts: ParseOptions): TokenizerOptions {
  return { extglob: opts.extglob === true, alias: opts.alias, heredocEofOk: opts.heredocEofOk, onWarning: opts.onWarning };
}

/** Parse a whole text. */
export function parse(source: string, opts: ParseOptions = {}): ParseResult {
  const lines = new LineIndex(source, opts.startLine ?? 1);
  try {
    // Command by command, as CommandReader does: the tokens of one complete command become
    // garbage as soon as it is parsed, which keeps the live heap (and GC work) small on big files.
    // Commands are parsed in batches of a few thousand tokens: one grammar invocation per batch
    // instead of per command (each costs microseconds), while memory stays bounded.
    const t = new Tokenizer(source, lines, tokOpts(opts), parseTokens);
    const items: ListItem[] = [];
    let batch: ShToken[] = [];
    const flush = () => {
      if (batch.length === 0) return;
      const end = batch[batch.length - 1]!.endOffset + 1;
      const part = parseTokens(batch, lines, { span: lines.span(end, end), closing: false });
      for (const it of part.items) items.push(it);
      batch = [];
    };
    for (;;) {
      let more: boolean;
      try {
        more = t.readCommand();
      } catch (e) {
        flush(); // an error in an earlier command of the batch comes first
        throw e;
      }
      if (!more) break;
      for (const tk of t.tokens) batch.push(tk);
      if (batch.length >= 2048) flush();
    }
    if (batch.length > 0) {
      // The last batch ends where the input ends (its error position for "unexpected end of file").
      const end = source.length;
      const part = parseTokens(batch, lines, { span: lines.span(end, end), closing: false });
      for (const it of part.items) items.push(it);
    }
    const span =
      items.length > 0
        ? lines.span(items[0]!.andOr.span.start, items[items.length - 1]!.andOr.span.end)
        : lines.span(0, 0);
    return { kind: "ok", list: { kind: "List", items, span } };
  } catch (e) {
    return failure(e);
  }
}

/**
 * Incremental reading: one complete_command (up to and including its terminating newline) at a
 * time, so a script runs command by command. The tokenizer keeps its place, so the whole file is
 * read in linear time; the alias hook is consulted as each command is read.
 */
export class CommandReader {
  private readonly lines: LineIndex;
  private readonly tok: Tokenizer;
  /** The tokenizer's options (shared with the tokenizers of substitutions and aliases): setAlias
   *  changes the hook in place, and without a hook no word is looked up as an alias. */
  private readonly tokOpts: TokenizerOptions;
  private failed = false;

  constructor(
    readonly source: string,
    opts: ParseOptions = {},
  ) {
    this.lines = new LineIndex(source, opts.startLine ?? 1);
    this.tokOpts = tokOpts(opts);
    this.tok = new Tokenizer(source, this.lines, this.tokOpts, parseTokens);
  }

  setAlias(hook: ((name: string) => string | undefined) | undefined): void {
    this.tokOpts.alias = hook;
  }

  /** shopt -s extglob between commands affects the following ones. */
  setExtglob(on: boolean): void {
    (this.tok as { extglob: boolean }).extglob = on;
  }

  /** Offset of the next unread character. */
  get offset(): number {
    return this.tok.pos;
  }

  next(): ParseResult | { kind: "eof" } {
    if (this.failed) return { kind: "eof" };
    try {
      if (!this.tok.readCommand()) return { kind: "eof" };
      const tokens = this.tok.tokens;
      const end = this.tok.pos;
      const list = parseTokens(tokens, this.lines, { span: this.lines.span(end, end), closing: false });
      return { kind: "ok", list };
    } catch (e) {
      this.failed = true;
      return failure(e);
    }
  }
}

/** For tests: a parser built with Chevrotain's grammar validations on (throws if the grammar is ambiguous). */
export function validateGrammar(): void {
  new ShParser("validate");
}
