// The modal tokenizer: source text -> Chevrotain tokens carrying parsed words.
//
// It tracks just enough of the grammar to know what a word means (as bash's reader does):
// command position (reserved words, aliases, assignments), case patterns (`esac`, `)`), the
// for/select/case headers (`in`, `do`), [[ ]] (its own operators, =~ regexes), (( )) arithmetic,
// function definitions, and here-documents (bodies are read at the next newline). It also counts
// compound-command nesting so that a CommandReader can stop at the newline that ends a complete
// command without parsing speculatively.
import type { Assignment, ArrayElem, List, Redirect, SimpleCommand, Span, Word, WordPart } from "./ast.ts";
import { nearToken, ParseFailure, unexpectedEof, type ShSyntaxError } from "./errors.ts";
import { LineIndex } from "./spans.ts";
import { COND_BINARY } from "./cond-ops.ts";
import * as T from "./tokens.ts";
import type { RedirInfo, ShToken } from "./tokens.ts";
import { arithEnd, findAtDepth0, finishWord, heredocParts, isMeta, readWord, rangeWord, type WordHost } from "./words.ts";
import type { TokenType } from "chevrotain";

/** Where the next word stands, which decides what it means. */
export const enum St {
  /** Command position: reserved words, aliases and assignments are recognised. */
  Cmd,
  /** Arguments of a simple command, or after a closing keyword. */
  Arg,
  /** After `case`: the subject word. */
  CaseWord,
  /** After the case subject: expecting `in`. */
  CaseIn,
  /** Case patterns: `esac` is reserved, `(` `|` `)` delimit patterns. */
  Pattern,
  /** After `for`/`select`: the variable name (or `((`). */
  ForName,
  /** After the for/select name: `in` or `do` are reserved. */
  ForIn,
  /** After `function`: the function name. */
  FuncName,
  /** After a compound command's end (fi done esac } ) ]] ))): only redirections, operators and
   *  reserved words (`{ while x; do y; done }`, `if [[ a ]] then`) can follow. */
  AfterCompound,
}

/**
 * For tests: with `false`, simple commands that start with an assignment or a redirection are
 * left to the grammar's simpleCommand rule (AssignTok / RedirTok tokens), and no simple command
 * becomes a SimpleItemTok: the grammar builds the same AST through its own rules.
 */
let assembleMore = true;
export function setTokenAssembly(on: boolean): void {
  assembleMore = on;
}

/** Parses a token array into a List (the Chevrotain parser, injected to keep this module grammar-free). */
export interface ListParser {
  (tokens: ShToken[], lines: LineIndex, eof: { span: Span; closing: boolean }): List;
}

export interface TokenizerOptions {
  extglob: boolean;
  alias?: (name: string) => string | undefined;
  /** A here-document still open at the end of input is accepted (bash warns, scripts run). */
  heredocEofOk?: boolean;
  /** Receives warnings (a here-document ended by end of input, with heredocEofOk). */
  onWarning?: (w: ShSyntaxError) => void;
}

interface PendingHeredoc {
  info: RedirInfo;
  delimiter: string;
  quoted: boolean;
  strip: boolean;
  start: number;
}

/** Commands whose assignment-looking arguments are parsed as assignments (`local a=(x y)`). */
/** Word flags inside [[ ]]: operands, and the right side of =~. */
const EXTGLOB_FLAGS: ScanFlags = { extglob: true };
const REGEX_FLAGS: ScanFlags = { regex: true };

const DECL_COMMANDS = ["declare", "typeset", "local", "export", "readonly"];
/** Other commands whose NAME=(...) arguments bash reads as one word (its assignment builtins). */
const COMPOUND_WORD_COMMANDS = ["let", "eval", "alias"];
/**
 * What a word in command position can mean besides a command name, in one table (one lookup per
 * command word): a reserved word (its token type), or a command whose arguments are read
 * specially ("decl", "words": see Tokenizer.declCmd).
 */
const COMMAND_WORDS = new Map<string, TokenType | "decl" | "words">([
  ...Object.entries(T.RESERVED),
  ...DECL_COMMANDS.map((n) => [n, "decl"] as const),
  ...COMPOUND_WORD_COMMANDS.map((n) => [n, "words"] as const),
]);

/** Reserved words that start a compound command (after `coproc NAME`, `(` too). */
const COMPOUND_STARTS = new Set<TokenType>([T.LBrace, T.If, T.While, T.Until, T.For, T.Select, T.Case, T.DLBracket]);

/** A Word that came from an assignment-looking argument of a declaration command. */
export interface DeclWord extends Word {
  assignment: Assignment;
}

/**
 * Tokens that, at the end of a line, say the command continues on the next one. Not `!` or
 * `time`: bash takes `time` or `!` before a newline as a pipeline of nothing.
 */
function continues(t: TokenType): boolean {
  return t === T.AndIf || t === T.OrIf || t === T.Pipe || t === T.PipeAmp;
}

function plainText(w: Word): string | undefined {
  if (w.parts.length !== 1) return undefined;
  const p = w.parts[0]!;
  return p.kind === "Lit" ? p.value : undefined;
}

export class Tokenizer implements WordHost {
  pos: number;
  readonly extglob: boolean;
  tokens: ShToken[] = [];
  state: St = St.Cmd;
  /** Open subshell parentheses (a `)` at 0 closes the enclosing $( )). */
  parenDepth = 0;
  /** Open compound commands (if/while/until/for/select/case/{/( ). */
  depth = 0;
  /** Words seen in the current simple command (not counting assignments and redirections). */
  cmdWords = 0;
  /**
   * The command name takes NAME=(...) arguments: "decl" for declare & co (the word carries the
   * Assignment), "words" for let, eval and alias (bash reads the compound text into a plain word:
   * `let x=( 1 )+2` is the argument "x=(1)+2").
   */
  declCmd: "" | "decl" | "words" = "";
  /** An assignment or redirection came first: the next word is a command name, never reserved. */
  prefixSeen = false;
  /** Just after `f()` or `function f`: the body may follow on a later line. */
  funcBody = false;
  /** The next word is a redirection target (1) or a here-doc delimiter (2). */
  redirTarget = 0;
  /** The here-doc redirection whose delimiter word comes next. */
  private heredocRedir: RedirInfo | undefined;
  /** This tokenizer reads an alias's text: the source continues after it. */
  inAlias = false;
  /** The simple command being assembled into one SimpleCmdTok (see tokens.ts), if any. */
  curSimple: ShToken | undefined;
  /** Its redirection whose target word comes next. */
  private simpleRedir: { info: RedirInfo; start: number } | undefined;
  /** The previous alias text ended in a blank: the next word is alias-checked too. */
  aliasNext = false;
  aliasBusy: Set<string>;
  pending: PendingHeredoc[] = [];
  /** The last token emitted (function definition detection). */
  private lastTok: ShToken | undefined;

  constructor(
    readonly src: string,
    readonly lines: LineIndex,
    readonly opts: TokenizerOptions,
    readonly parseList: ListParser,
    start = 0,
    aliasBusy?: Set<string>,
  ) {
    this.pos = start;
    this.extglob = opts.extglob;
    this.aliasBusy = aliasBusy ?? new Set();
  }

  span(start: number, end: number): Span {
    return this.lines.span(start, end);
  }

  // ------------------------------------------------------------------------------------------
  // WordHost: nested parses

  cmdSub(start: number): { list: List; end: number } {
    const sub = new Tokenizer(this.src, this.lines, this.opts, this.parseList, start, this.aliasBusy);
    const r = sub.run(true);
    if (r !== "close") throw unexpectedEof(this.span(this.src.length, this.src.length), "unexpected EOF while looking for matching `)'");
    const close = sub.pos - 1;
    const list = this.parseList(sub.tokens, this.lines, { span: this.span(close, close + 1), closing: true });
    return { list, end: sub.pos };
  }

  backquote(body: string, start: number, end: number): List {
    const lines = new LineIndex(body, this.span(start, end).line);
    const sub = new Tokenizer(body, lines, this.opts, this.parseList, 0, this.aliasBusy);
    try {
      const r = sub.run(false);
      if (r === "close") throw nearToken(")", lines.span(sub.pos - 1, sub.pos));
      if (sub.pending.length > 0) sub.readHeredocs();
      return this.parseList(sub.tokens, lines, { span: lines.span(body.length, body.length), closing: false });
    } catch (e) {
      // Errors inside `...` are reported at the substitution in the outer text.
      if (e instanceof ParseFailure) throw new ParseFailure(e.incomplete, { ...e.error, span: this.span(start, end) });
      throw e;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Driving

  /**
   * Tokenize until the end of input, or (closing) until an unmatched `)`. Returns what stopped it;
   * after "close", pos is just past the `)`.
   */
  run(closing: boolean): "eof" | "close" {
    for (;;) {
      const r = this.step(closing);
      if (r !== "token") {
        // the end of an alias's text is not the end of the command that uses it
        if (this.curSimple !== undefined && (r === "close" || !this.inAlias)) this.endSimple(true);
        if (r === "eof" && this.pending.length > 0) this.readHeredocs();
        return r;
      }
    }
  }

  /**
   * Tokenize one complete command: up to a newline that ends it (nesting 0, no trailing operator,
   * here-document bodies read), or the end of input. Returns false at the end of input with no
   * tokens.
   */
  readCommand(): boolean {
    this.tokens = [];
    for (;;) {
      const before = this.tokens.length;
      const r = this.step(false);
      if (r === "eof") {
        if (this.curSimple !== undefined) this.endSimple(true);
        if (this.pending.length > 0) this.readHeredocs();
        return this.tokens.length > 0;
      }
      if (r === "close") return true; // a stray `)`: let the grammar report it
      // an alias that expands to nothing produced no token
      if (this.tokens.length === 0) continue;
      const t = this.tokens[this.tokens.length - 1]!;
      if (t.tokenType === T.NewLine && this.tokens.length > before) {
        if (this.tokens.length === 1) {
          // blank line: nothing to run
          this.tokens.length = 0;
          continue;
        }
        if (this.depth <= 0 && !this.funcBody && this.state !== St.CaseIn && this.state !== St.ForIn) {
          let k = this.tokens.length - 2;
          while (k >= 0 && this.tokens[k]!.tokenType === T.NewLine) k--;
          const prev = this.tokens[k];
          if (prev === undefined || !continues(prev.tokenType)) return true;
        }
      }
    }
  }

  private emit(type: TokenType, start: number, end: number, image?: string): ShToken {
    const t = T.makeToken(type, this.src, start, end, image);
    this.tokens.push(t);
    this.lastTok = t;
    if (type !== T.NewLine) this.funcBody = false;
    return t;
  }

  /** Skip blanks, line continuations and comments. */
  private skipBlanks(): void {
    const src = this.src;
    const n = src.length;
    let i = this.pos;
    for (;;) {
      const c = src.charCodeAt(i);
      if (c === 32 || c === 9) i++;
      else if (c === 92 && src.charCodeAt(i + 1) === 10) {
        if (i + 2 >= n) {
          this.pos = i;
          throw unexpectedEof(this.span(i, i + 2));
        }
        i += 2;
      } else if (c === 35) {
        const e = src.indexOf("\n", i);
        i = e < 0 ? n : e;
      } else break;
    }
    this.pos = i;
  }

  /** Produce the next token(s). */
  private step(closing: boolean): "token" | "eof" | "close" {
    this.skipBlanks();
    const src = this.src;
    const i = this.pos;
    if (i >= src.length) {
      // A redirection of an assembled simple command still waiting for its target word.
      if (this.curSimple !== undefined && this.redirTarget !== 0 && !this.inAlias) throw unexpectedEof(this.span(i, i));
      return "eof";
    }
    const c = src.charCodeAt(i);
    const c1 = src.charCodeAt(i + 1);
    switch (c) {
      case 10: {
        if (this.curSimple !== undefined) {
          if (this.redirTarget !== 0) throw nearToken("newline", this.span(i, i + 1));
          this.endSimple(true);
        }
        this.pos = i + 1;
        // Consecutive newlines (blank and comment lines) make one token: the grammar's
        // separators stay short enough for LL(3).
        if (this.lastTok === undefined || this.lastTok.tokenType !== T.NewLine || this.tokens.length === 0) this.emit(T.NewLine, i, i + 1, "newline");
        if (this.pending.length > 0) this.readHeredocs();
        this.endCommand();
        if (this.state !== St.Pattern && this.state !== St.CaseIn && this.state !== St.ForIn && this.state !== St.CaseWord && this.state !== St.ForName && this.state !== St.FuncName) this.state = St.Cmd;
        return "token";
      }
      case 59: {
        // ; ;; ;& ;;&
        if (c1 === 59) {
          if (src.charCodeAt(i + 2) === 38) this.op(T.DSemiAnd, i, 3);
          else this.op(T.DSemi, i, 2);
          this.state = St.Pattern;
        } else if (c1 === 38) {
          this.op(T.SemiAnd, i, 2);
          this.state = St.Pattern;
        } else {
          this.op(T.Semi, i, 1);
          this.state = St.Cmd;
        }
        this.endCommand();
        return "token";
      }
      case 38: // &
        if (c1 === 38) this.op(T.AndIf, i, 2);
        else if (c1 === 62) return this.redirect(i, i, src.charCodeAt(i + 2) === 62 ? "&>>" : "&>", undefined, undefined);
        else this.op(T.Amp, i, 1);
        this.state = St.Cmd;
        this.endCommand();
        return "token";
      case 124: // |
        if (c1 === 124) this.op(T.OrIf, i, 2);
        else if (c1 === 38) this.op(T.PipeAmp, i, 2);
        else {
          this.op(T.Pipe, i, 1);
          if (this.state === St.Pattern) return "token";
        }
        this.state = St.Cmd;
        this.endCommand();
        return "token";
      case 40: // (
        return this.openParen(i);
      case 41: // )
        if (this.state === St.Pattern) {
          this.op(T.RParen, i, 1);
          this.state = St.Cmd;
          return "token";
        }
        if (this.parenDepth === 0 && closing) {
          this.pos = i + 1;
          return "close";
        }
        this.parenDepth--;
        this.depth--;
        this.op(T.RParen, i, 1);
        this.state = St.AfterCompound;
        return "token";
      case 60: // <
      case 62: // >
        if (c1 === 40) break; // <( >( process substitution: a word
        return this.redirect(i, i, this.redirOp(i), undefined, undefined);
    }
    // IO_NUMBER (digits) or {var} directly before a redirection operator.
    if (this.redirTarget === 0) {
      const r = this.ioPrefix(i);
      if (r !== undefined) return r;
    }
    return this.word(i);
  }

  private op(type: TokenType, i: number, len: number): void {
    if (this.curSimple !== undefined) {
      if (this.redirTarget !== 0) throw nearToken(type === T.NewLine ? "newline" : this.src.slice(i, i + len), this.span(i, i + len));
      this.endSimple(type === T.Semi || type === T.Amp || type === T.RParen || type === T.DSemi || type === T.SemiAnd || type === T.DSemiAnd);
    }
    this.pos = i + len;
    this.redirTarget = 0; // an operator where a target was due: the grammar reports it
    this.emit(type, i, i + len);
  }

  /** A command ended (operator or newline): the next simple command starts afresh. */
  private endCommand(): void {
    this.cmdWords = 0;
    this.prefixSeen = false;
    this.declCmd = "";
    this.aliasNext = false;
  }

  private openParen(i: number): "token" {
    const src = this.src;
    if (this.state === St.Pattern) {
      this.op(T.LParen, i, 1);
      return "token";
    }
    if (this.state === St.ForName && src.charCodeAt(i + 1) === 40) return this.arithFor(i);
    if (this.state === St.Cmd && src.charCodeAt(i + 1) === 40) {
      // (( arithmetic )) if it closes with `))`, else nested subshells.
      const e = arithEnd(src, i + 2);
      if (e >= 0) {
        this.curSimple = undefined; // `a=1 ((x))`: the grammar reports the ((
        const t = this.emit(T.ArithCmdTok, i, e + 2);
        t.arith = rangeWord(this, i + 2, e);
        this.pos = e + 2;
        this.state = St.AfterCompound;
        return "token";
      }
    }
    const cs = this.curSimple;
    if (cs !== undefined && this.cmdWords === 1 && cs.simple!.redirects.length === 0 && cs.simple!.assigns.length === 0 && this.lastTok === cs && this.redirTarget === 0) {
      // `name (`: not a simple command after all but a function definition: the name becomes a word token.
      this.tokens.pop();
      this.curSimple = undefined;
      const t = T.makeToken(T.WordTok, this.src, cs.startOffset, cs.startOffset + cs.simple!.words[0]!.span.end - cs.simple!.words[0]!.span.start);
      t.word = cs.simple!.words[0];
      this.tokens.push(t);
      this.lastTok = t;
    }
    if (this.state === St.Arg && this.cmdWords === 1 && this.lastTok?.tokenType === T.WordTok) {
      // name ( ) : a function definition
      let j = i + 1;
      while (src.charCodeAt(j) === 32 || src.charCodeAt(j) === 9) j++;
      if (src.charCodeAt(j) === 41) {
        this.op(T.LParen, i, 1);
        this.op(T.RParen, j, 1);
        this.state = St.Cmd;
        this.cmdWords = 0;
        this.funcBody = true;
        return "token";
      }
    }
    // A subshell (anywhere else the grammar reports the `(`; counting it keeps `)` balanced).
    this.op(T.LParen, i, 1);
    this.parenDepth++;
    this.depth++;
    this.endCommand();
    this.state = St.Cmd;
    return "token";
  }

  // ------------------------------------------------------------------------------------------
  // Redirections

  /** The redirection operator at i (src[i] is < or >). */
  private redirOp(i: number): RedirInfo["op"] {
    const s = this.src;
    const c = s[i];
    const d = s[i + 1];
    if (c === "<") {
      if (d === "<") return s[i + 2] === "<" ? "<<<" : s[i + 2] === "-" ? "<<-" : "<<";
      if (d === ">") return "<>";
      if (d === "&") return "<&";
      return "<";
    }
    if (d === ">") return ">>";
    if (d === "|") return ">|";
    if (d === "&") return ">&";
    return ">";
  }

  /** Emit a redirection token spanning [start, operator end); the operator starts at opStart. */
  private redirect(start: number, opStart: number, op: RedirInfo["op"], fd: number | undefined, fdVar: string | undefined): "token" {
    const end = opStart + op.length;
    const info: RedirInfo = { op };
    if (fd !== undefined) info.fd = fd;
    if (fdVar !== undefined) info.fdVar = fdVar;
    if (this.curSimple === undefined && this.state === St.Cmd && this.canStartPrefixed()) {
      // a redirection before the command word: a simple command starts here
      this.startSimple(start, end, end - start);
      this.prefixSeen = true;
    }
    if (this.curSimple !== undefined) {
      this.simpleRedir = { info, start };
      this.curSimple.endOffset = end - 1;
    } else {
      const t = this.emit(T.RedirTok, start, end);
      if (this.state === St.Cmd) this.prefixSeen = true;
      t.redir = info;
    }
    this.pos = end;
    this.redirTarget = op === "<<" || op === "<<-" ? 2 : 1;
    this.heredocRedir = info;
    return "token";
  }

  /** Digits or {name} immediately followed by < or > (not a process substitution). */
  private ioPrefix(i: number): "token" | undefined {
    const src = this.src;
    let j = i;
    const c = src.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      while (src.charCodeAt(j) >= 48 && src.charCodeAt(j) <= 57) j++;
      const d = src.charCodeAt(j);
      if ((d === 60 || d === 62) && src.charCodeAt(j + 1) !== 40) {
        const fd = Number(src.slice(i, j));
        return this.redirect(i, j, this.redirOp(j), fd, undefined);
      }
      return undefined;
    }
    if (c === 123) {
      j = i + 1;
      const n0 = j;
      while (/[A-Za-z0-9_]/.test(src[j] ?? "")) j++;
      // bash 5.2: {name[subscript]} too (valid_array_reference), e.g. `exec {COPROC[1]}>&-`
      if (j > n0 && src.charCodeAt(j) === 91) {
        let k = j + 1;
        while (k < src.length && src.charCodeAt(k) !== 93 && !isMeta(src.charCodeAt(k))) k++;
        if (k > j + 1 && src.charCodeAt(k) === 93) j = k + 1;
      }
      if (j > n0 && !/[0-9]/.test(src[n0]!) && src.charCodeAt(j) === 125) {
        const d = src.charCodeAt(j + 1);
        if ((d === 60 || d === 62) && src.charCodeAt(j + 2) !== 40) {
          return this.redirect(i, j + 1, this.redirOp(j + 1), undefined, src.slice(n0, j));
        }
      }
    }
    return undefined;
  }

  /** Read the bodies of the here-documents whose operators are on the line just ended. */
  readHeredocs(): void {
    const src = this.src;
    const n = src.length;
    for (const h of this.pending) {
      const ranges: [number, number][] = [];
      let found = false;
      let pos = this.pos;
      while (pos < n) {
        const nl = src.indexOf("\n", pos);
        const lineEnd = nl < 0 ? n : nl;
        let s = pos;
        if (h.strip) while (src.charCodeAt(s) === 9) s++;
        const next = nl < 0 ? n : nl + 1;
        if (lineEnd - s === h.delimiter.length && src.startsWith(h.delimiter, s)) {
          found = true;
          pos = next;
          break;
        }
        ranges.push([s, next]);
        pos = next;
      }
      if (!found) {
        if (!this.opts.heredocEofOk) {
          this.pos = pos;
          throw unexpectedEof(this.span(h.start, h.start + 2), `here-document delimited by end-of-file (wanted \`${h.delimiter}')`);
        }
        // bash runs it and warns: "warning: here-document at line 1 delimited by end-of-file (wanted `EOF')",
        // reported at the line where the input ended (its last line)
        const line = this.span(h.start, h.start + 2).line;
        const last = Math.max(0, src.endsWith("\n") ? n - 1 : n);
        const span = this.span(Math.max(0, last - 1), last);
        this.opts.onWarning?.({ message: `warning: here-document at line ${line} delimited by end-of-file (wanted \`${h.delimiter}')`, span });
      }
      let parts: WordPart[] = [];
      if (h.quoted) {
        let text = "";
        for (const [s, e] of ranges) text += src.slice(s, e);
        if (text !== "") parts.push({ kind: "Lit", value: text });
      } else if (ranges.length > 0) {
        // The body is parsed as one text, so that a $( ) in it may span lines (and hold
        // here-documents of its own). Without <<- that is a range of the source; with <<- it is
        // the lines with their leading tabs removed, as bash reads them, parsed on their own.
        const first = ranges[0]![0];
        const last = ranges[ranges.length - 1]![1];
        let host: Tokenizer = this;
        let s = first;
        let e = last;
        if (h.strip) {
          let text = "";
          for (const [a, b] of ranges) text += src.slice(a, b);
          host = new Tokenizer(text, new LineIndex(text, this.span(first, first).line), this.opts, this.parseList, 0, this.aliasBusy);
          s = 0;
          e = text.length;
        }
        try {
          parts = heredocParts(host, s, e);
        } catch (err) {
          // bash expands a body only when the here-document is used; a malformed substitution
          // in it is not a syntax error of the script. Keep such a body literal.
          if (!(err instanceof ParseFailure)) throw err;
          parts = [{ kind: "Lit", value: host.src.slice(s, e) }];
        }
      }
      const bodyStart = ranges.length > 0 ? ranges[0]![0] : pos;
      const bodyEnd = ranges.length > 0 ? ranges[ranges.length - 1]![1] : pos;
      const body = finishWord(parts, this.span(bodyStart, bodyEnd), false);
      h.info.heredoc = { delimiter: h.delimiter, quoted: h.quoted, stripTabs: h.strip, body };
      this.pos = pos;
    }
    this.pending = [];
  }

  // ------------------------------------------------------------------------------------------
  // Words

  private word(i: number): "token" {
    const src = this.src;
    if (this.redirTarget !== 0) {
      const kind = this.redirTarget;
      this.redirTarget = 0;
      const w = readWord(this, { noTilde: false });
      let redir = this.heredocRedir!;
      if (this.curSimple !== undefined && this.simpleRedir !== undefined) {
        const { info, start } = this.simpleRedir;
        const r: Redirect = { kind: "Redirect", op: info.op, target: w, span: this.span(start, this.pos) };
        if (info.fd !== undefined) r.fd = info.fd;
        if (info.fdVar !== undefined) r.fdVar = info.fdVar;
        this.curSimple.simple!.redirects.push(r);
        this.curSimple.endOffset = this.pos - 1;
        this.simpleRedir = undefined;
        redir = r;
      } else this.wordTok(T.WordTok, w, i);
      if (kind === 2) {
        const raw = src.slice(i, this.pos);
        const { delimiter, quoted } = heredocDelimiter(raw);
        this.pending.push({ info: redir, delimiter, quoted, strip: redir.op === "<<-", start: i });
      }
      return "token";
    }
    switch (this.state) {
      case St.Cmd:
        return this.commandWord(i);
      case St.CaseWord: {
        this.wordTok(T.WordTok, readWord(this), i);
        this.state = St.CaseIn;
        return "token";
      }
      case St.CaseIn: {
        const w = readWord(this);
        this.wordTok(plainText(w) === "in" ? T.In : T.WordTok, w, i);
        this.state = St.Pattern;
        return "token";
      }
      case St.Pattern: {
        const w = readWord(this);
        if (plainText(w) === "esac") {
          this.wordTok(T.Esac, w, i);
          this.depth--;
          this.state = St.AfterCompound;
        } else this.wordTok(T.WordTok, w, i);
        return "token";
      }
      case St.ForName: {
        if (src.charCodeAt(i) === 40 && src.charCodeAt(i + 1) === 40) return this.arithFor(i);
        this.wordTok(T.WordTok, readWord(this), i);
        this.state = St.ForIn;
        return "token";
      }
      case St.ForIn: {
        const w = readWord(this);
        const t = plainText(w);
        if (t === "in") {
          this.wordTok(T.In, w, i);
          this.state = St.Arg;
          this.cmdWords = 2;
        } else if (t === "do") {
          this.wordTok(T.Do, w, i);
          this.state = St.Cmd;
        } else if (t === "{") {
          this.wordTok(T.LBrace, w, i);
          this.depth++;
          this.state = St.Cmd;
        } else this.wordTok(T.WordTok, w, i);
        return "token";
      }
      case St.FuncName: {
        this.wordTok(T.WordTok, readWord(this), i);
        this.state = St.Cmd;
        this.funcBody = true;
        let j = this.pos;
        while (src.charCodeAt(j) === 32 || src.charCodeAt(j) === 9) j++;
        if (src.charCodeAt(j) === 40) {
          let k = j + 1;
          while (src.charCodeAt(k) === 32 || src.charCodeAt(k) === 9) k++;
          if (src.charCodeAt(k) === 41) {
            this.op(T.LParen, j, 1);
            this.op(T.RParen, k, 1);
            this.funcBody = true;
          }
        }
        return "token";
      }
      case St.AfterCompound: {
        const w = readWord(this);
        const text = plainText(w);
        const kw = text === undefined ? undefined : T.RESERVED[text];
        if (kw !== undefined) return this.reserved(kw, w, i);
        this.wordTok(T.WordTok, w, i); // the grammar reports it
        return "token";
      }
      default:
        return this.argWord(i);
    }
  }

  private wordTok(type: TokenType, w: Word, start: number): ShToken {
    // Every word consumes input (an operator character here would be a tokenizer bug).
    if (this.pos <= start) throw nearToken(this.src[start] ?? "newline", this.span(start, start + 1));
    const t = this.emit(type, start, this.pos);
    t.word = w;
    return t;
  }

  private argWord(i: number): "token" {
    if (this.declCmd === "decl") {
      const a = this.assignmentAt(i, false);
      if (a !== undefined) {
        this.argument(this.declWord(a, i), i);
        return "token";
      }
    } else if (this.declCmd === "words") {
      const a = this.assignmentAt(i, false);
      if (a !== undefined && a.array !== undefined) {
        this.argument(this.compoundWord(a, i), i);
        return "token";
      }
      this.pos = i;
    }
    const w = readWord(this);
    if (this.aliasNext) {
      this.aliasNext = false;
      const text = plainText(w);
      if (text !== undefined && this.expandAlias(text, i)) return "token";
    }
    this.argument(w, i);
    return "token";
  }

  /** An argument word: appended to the command being assembled, or a token of its own. */
  private argument(w: Word, i: number): void {
    const c = this.curSimple;
    if (c !== undefined) {
      c.simple!.words.push(w);
      c.endOffset = this.pos - 1;
    } else this.wordTok(T.WordTok, w, i);
    this.cmdWords++;
  }

  /**
   * Whether an assignment or redirection in command position may start an assembled command.
   * Not in an alias's text, nor after prefix items that were handed back as separate tokens
   * (unassemble): there the items are AssignTok / RedirTok tokens for the grammar's
   * simpleCommand rule, whose spans are those of the alias word (see expandAlias).
   */
  private canStartPrefixed(): boolean {
    return assembleMore && !this.inAlias && !this.prefixSeen;
  }

  /**
   * Before an alias replaces the command word of a command assembled from prefix items only
   * (`a=1 myalias`), turn it back into the tokens the grammar reads one by one (AssignTok,
   * RedirTok + target word); the alias text's tokens then follow them as for any command.
   */
  private unassemble(cs: ShToken): void {
    const c = cs.simple!;
    if (this.tokens[this.tokens.length - 1] !== cs) return;
    this.tokens.pop();
    const src = this.src;
    const items: { at: number; tok: () => void }[] = [];
    for (const a of c.assigns)
      items.push({
        at: a.span.start,
        tok: () => {
          this.emit(T.AssignTok, a.span.start, a.span.end).assign = a;
        },
      });
    for (const r of c.redirects)
      items.push({
        at: r.span.start,
        tok: () => {
          // the operator, with its IO number or {var} prefix
          let j = r.span.start;
          if (r.fdVar !== undefined) j += r.fdVar.length + 2;
          else while (src.charCodeAt(j) >= 48 && src.charCodeAt(j) <= 57) j++;
          this.emit(T.RedirTok, r.span.start, j + r.op.length).redir = r;
          this.emit(T.WordTok, r.target.span.start, r.target.span.end).word = r.target;
        },
      });
    items.sort((x, y) => x.at - y.at);
    for (const it of items) it.tok();
    this.curSimple = undefined;
  }

  /**
   * The assembled simple command ends; `terminated`: by a list terminator (; & newline `)` ;; ;&
   * ;;& or the end of the text). If it also started a list item it becomes a SimpleItemTok
   * (tokens.ts), which the grammar's list takes in one step.
   */
  private endSimple(terminated: boolean): void {
    const cs = this.curSimple!;
    this.curSimple = undefined;
    const ts = this.tokens;
    const k = ts.length - 1;
    if (!terminated || !assembleMore || ts[k] !== cs || !this.startsItem(k)) return;
    cs.tokenType = T.SimpleItemTok;
    cs.tokenTypeIdx = T.SimpleItemTok.tokenTypeIdx!;
  }

  /** Whether a token at index k of this.tokens stands where a list item starts. */
  private startsItem(k: number): boolean {
    const ts = this.tokens;
    let j = k - 1;
    if (j < 0) return true;
    const t = ts[j]!.tokenType;
    if (t === T.NewLine) {
      // unless the newlines continue an and-or list or a pipeline
      while (j >= 0 && ts[j]!.tokenType === T.NewLine) j--;
      if (j < 0) return true;
      const p = ts[j]!.tokenType;
      return p !== T.AndIf && p !== T.OrIf && p !== T.Pipe && p !== T.PipeAmp;
    }
    return (
      t === T.Semi || t === T.Amp || t === T.LParen || t === T.RParen || t === T.If || t === T.Then || t === T.Elif ||
      t === T.Else || t === T.While || t === T.Until || t === T.Do || t === T.LBrace
    );
  }

  /** Start assembling a simple command into one SimpleCmdTok at [start, end); `head` is the
   *  length of its first item. */
  private startSimple(start: number, end: number, head: number): SimpleCommand {
    const t = this.emit(T.SimpleCmdTok, start, end);
    const c: SimpleCommand = { kind: "SimpleCommand", assigns: [], words: [], redirects: [], span: undefined as unknown as Span };
    t.simple = c;
    t.head = head;
    this.curSimple = t;
    return c;
  }

  private commandWord(i: number): "token" {
    const src = this.src;
    // Assignments before the command name.
    const a = this.assignmentAt(i, true);
    if (a !== undefined) {
      const cs = this.curSimple;
      if (cs !== undefined) {
        cs.simple!.assigns.push(a);
        cs.endOffset = this.pos - 1;
      } else if (this.canStartPrefixed()) this.startSimple(i, this.pos, this.pos - i).assigns.push(a);
      else {
        const t = this.emit(T.AssignTok, i, this.pos);
        t.assign = a;
      }
      this.prefixSeen = true;
      return "token";
    }
    const w = readWord(this);
    if (this.pos === i) {
      // Not a word at all (cannot happen: step() handles every operator character).
      throw nearToken(src[i]!, this.span(i, i + 1));
    }
    const text = plainText(w);
    let meaning: TokenType | "decl" | "words" | undefined;
    if (text !== undefined) {
      meaning = COMMAND_WORDS.get(text);
      if (meaning !== undefined && typeof meaning !== "string") {
        // bash: `time` right after | or |& is the command named time (time_command_acceptable).
        // Nor right after `coproc` (not in bash's list either): `coproc time cat` runs `time`.
        const pipeTime = meaning === T.Time && this.lastTok !== undefined && (this.lastTok.tokenType === T.Pipe || this.lastTok.tokenType === T.PipeAmp || this.lastTok.tokenType === T.Coproc);
        if (!this.prefixSeen && !pipeTime) return this.reserved(meaning, w, i);
      }
      if (this.opts.alias !== undefined && this.expandAlias(text, i)) return "token";
    }
    if (this.lastTok !== undefined && this.lastTok.tokenType === T.Coproc && this.coprocName(w, i)) return "token";
    const cs = this.curSimple;
    if (cs !== undefined) {
      // the command word after assignments or redirections
      cs.simple!.words.push(w);
      cs.endOffset = this.pos - 1;
    } else if (this.prefixSeen) this.wordTok(T.WordTok, w, i);
    else {
      // Start assembling a whole simple command into one token.
      const c = this.startSimple(i, this.pos, this.pos - i);
      c.words.push(w);
      c.span = w.span;
    }
    this.cmdWords = 1;
    this.state = St.Arg;
    if (text === undefined && w.literal !== undefined) meaning = COMMAND_WORDS.get(w.literal);
    if (text !== undefined || w.literal !== undefined) this.declCmd = meaning === "decl" || meaning === "words" ? meaning : "";
    return "token";
  }

  /**
   * The word right after `coproc`: bash's lexer recognises reserved words after COPROC WORD, so
   * when a compound command follows, the word is the coprocess's NAME (a CoprocName token, and
   * the compound command's words come next in command position); any other reserved word there
   * but `time` is a syntax error. Otherwise (false) the word starts the simple command, as in
   * `coproc cat` or `coproc NAME args`.
   */
  private coprocName(w: Word, i: number): boolean {
    const src = this.src;
    const n = src.length;
    let j = this.pos;
    for (;;) {
      const c = src.charCodeAt(j);
      if (c === 32 || c === 9) j++;
      else if (c === 92 && src.charCodeAt(j + 1) === 10) j += 2;
      else break;
    }
    if (src.charCodeAt(j) !== 40) {
      let k = j;
      while (k < n && !isMeta(src.charCodeAt(k))) k++;
      const next = src.slice(j, k);
      const kw = T.RESERVED[next];
      if (kw === undefined || kw === T.Time) {
        if (next === "]]") throw nearToken(next, this.span(j, k));
        return false;
      }
      if (!COMPOUND_STARTS.has(kw)) throw nearToken(next, this.span(j, k));
    }
    this.wordTok(T.CoprocName, w, i);
    this.state = St.Cmd;
    return true;
  }

  private reserved(kw: TokenType, w: Word, i: number): "token" {
    this.wordTok(kw, w, i);
    switch (kw) {
      case T.If:
      case T.While:
      case T.Until:
        this.depth++;
        this.state = St.Cmd;
        break;
      case T.LBrace:
        this.depth++;
        this.state = St.Cmd;
        break;
      case T.Then:
      case T.Else:
      case T.Elif:
      case T.Do:
      case T.Bang:
      case T.Coproc:
        this.state = St.Cmd;
        break;
      case T.Time: {
        this.state = St.Cmd;
        // time -p
        this.skipBlanks();
        const s = this.pos;
        if (this.src.startsWith("-p", s) && (s + 2 >= this.src.length || isMeta(this.src.charCodeAt(s + 2)))) {
          const pw = readWord(this);
          this.wordTok(T.TimeP, pw, s);
          this.skipBlanks();
        }
        // time [-p] -- cmd
        const d = this.pos;
        if (this.src.startsWith("--", d) && (d + 2 >= this.src.length || isMeta(this.src.charCodeAt(d + 2)))) {
          const dw = readWord(this);
          this.wordTok(T.TimeIgn, dw, d);
        }
        break;
      }
      case T.Fi:
      case T.Done:
      case T.Esac:
      case T.RBrace:
        this.depth--;
        this.state = St.AfterCompound;
        this.cmdWords = 2;
        break;
      case T.Case:
        this.depth++;
        this.state = St.CaseWord;
        break;
      case T.For:
      case T.Select:
        this.depth++;
        this.state = St.ForName;
        break;
      case T.Function:
        this.state = St.FuncName;
        break;
      case T.In:
        this.state = St.Arg;
        break;
      case T.DLBracket:
        this.condition();
        this.state = St.AfterCompound;
        this.cmdWords = 2;
        break;
    }
    return "token";
  }

  /** Expand an alias for the word just read at i; the replacement's tokens take the word's place. */
  private expandAlias(name: string, i: number): boolean {
    const hook = this.opts.alias;
    if (hook === undefined || this.aliasBusy.has(name)) return false;
    const text = hook(name);
    if (text === undefined) return false;
    const end = this.pos;
    if (this.curSimple !== undefined && this.curSimple.simple!.words.length === 0) this.unassemble(this.curSimple);
    this.aliasBusy.add(name);
    const sub = new Tokenizer(text, new LineIndex(text, this.span(i, end).line), this.opts, this.parseList, 0, this.aliasBusy);
    sub.tokens = this.tokens;
    const first = this.tokens.length;
    sub.state = this.state;
    sub.depth = this.depth;
    sub.parenDepth = this.parenDepth;
    sub.cmdWords = this.cmdWords;
    sub.declCmd = this.declCmd;
    sub.curSimple = this.curSimple;
    sub.inAlias = true;
    sub.prefixSeen = this.prefixSeen;
    try {
      sub.run(false);
    } finally {
      this.aliasBusy.delete(name);
    }
    // Tokens of the replacement stand where the alias word stood.
    for (let k = first; k < this.tokens.length; k++) {
      const t = this.tokens[k]!;
      t.image = t.image; // keep the alias text's spelling
      t.startOffset = i;
      t.endOffset = end - 1;
    }
    this.state = sub.state;
    this.depth = sub.depth;
    this.parenDepth = sub.parenDepth;
    this.cmdWords = sub.cmdWords;
    this.declCmd = sub.declCmd;
    this.curSimple = sub.curSimple;
    this.simpleRedir = sub.simpleRedir;
    this.heredocRedir = sub.heredocRedir;
    this.prefixSeen = sub.prefixSeen;
    this.redirTarget = sub.redirTarget;
    this.pending.push(...sub.pending);
    this.lastTok = this.tokens[this.tokens.length - 1];
    const last = text.charCodeAt(text.length - 1);
    if (last === 32 || last === 9) this.aliasNext = true;
    return true;
  }

  // ------------------------------------------------------------------------------------------
  // Assignments

  /**
   * If an assignment word starts at i (NAME=, NAME+=, NAME[sub]=, NAME[sub]+=), read it and
   * return it (pos after it); otherwise undefined with pos unchanged. In command position
   * (`blanksOk`) bash reads NAME[...] as one word up to the matching `]`, blanks and newlines
   * included (`a[5 + 3]=x`); a declaration command's arguments were split at blanks first.
   */
  private assignmentAt(i: number, blanksOk: boolean): Assignment | undefined {
    const src = this.src;
    let c = src.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) return undefined;
    let j = i + 1;
    for (;;) {
      c = src.charCodeAt(j);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57)) j++;
      else break;
    }
    const nameEnd = j;
    let index: Word | undefined;
    if (c === 91) {
      const e = findAtDepth0(src, j + 1, "]");
      if (e < 0) return undefined;
      if (!blanksOk)
        for (let k = j + 1; k < e; k++) {
          const d = src.charCodeAt(k);
          if (d === 10 || d === 32 || d === 9) return undefined;
        }
      j = e + 1;
      c = src.charCodeAt(j);
      if (c !== 61 && !(c === 43 && src.charCodeAt(j + 1) === 61)) return undefined;
      index = rangeWord(this, nameEnd + 1, e);
    }
    let append = false;
    if (c === 43 && src.charCodeAt(j + 1) === 61) {
      append = true;
      j += 2;
    } else if (c === 61) j++;
    else return undefined;
    const a: Assignment = { kind: "Assignment", name: src.slice(i, nameEnd), append, span: this.span(i, j) };
    if (index !== undefined) a.index = index;
    this.pos = j;
    if (src.charCodeAt(j) === 40) {
      a.array = this.arrayElems(j + 1);
    } else if (j < src.length && !isMeta(src.charCodeAt(j))) {
      a.value = readWord(this, { assign: true });
    }
    a.span = this.span(i, this.pos);
    return a;
  }

  /** The elements of NAME=( ... ) starting after the `(`; pos ends after the `)`. */
  private arrayElems(start: number): ArrayElem[] {
    const src = this.src;
    const elems: ArrayElem[] = [];
    this.pos = start;
    for (;;) {
      this.skipBlanks();
      const i = this.pos;
      if (i >= src.length) throw unexpectedEof(this.span(start - 1, start), "unexpected EOF while looking for matching `)'");
      const c = src.charCodeAt(i);
      if (c === 10) {
        this.pos++;
        continue;
      }
      if (c === 41) {
        this.pos++;
        return elems;
      }
      if (isMeta(c)) throw nearToken(src[i]!, this.span(i, i + 1));
      if (c === 91) {
        const e = findAtDepth0(src, i + 1, "]");
        if (e > 0) {
          let j = e + 1;
          let append = false;
          if (src.charCodeAt(j) === 43 && src.charCodeAt(j + 1) === 61) {
            append = true;
            j++;
          }
          if (src.charCodeAt(j) === 61) {
            const key = rangeWord(this, i + 1, e);
            this.pos = j + 1;
            const value =
              this.pos < src.length && !isMeta(src.charCodeAt(this.pos))
                ? readWord(this, { assign: true })
                : { kind: "Word" as const, parts: [], span: this.span(j + 1, j + 1), literal: "" };
            const el: ArrayElem = { key, value };
            if (append) el.append = true;
            elems.push(el);
            continue;
          }
        }
      }
      this.pos = i;
      elems.push({ value: readWord(this) });
    }
  }

  /**
   * NAME=(...) as an argument of let/eval/alias: the text as bash rebuilds it (elements joined by
   * one blank) and whatever word text follows the `)`, as one plain Word.
   */
  private compoundWord(a: Assignment, i: number): Word {
    const w = this.declWord(a, i);
    const parts = w.parts.slice();
    const src = this.src;
    if (this.pos < src.length && !isMeta(src.charCodeAt(this.pos))) {
      for (const p of readWord(this).parts) {
        const last = parts[parts.length - 1];
        if (p.kind === "Lit" && last !== undefined && last.kind === "Lit") parts[parts.length - 1] = { kind: "Lit", value: last.value + p.value };
        else parts.push(p);
      }
    }
    return finishWord(parts, this.span(i, this.pos), false);
  }

  /** An assignment-looking argument of declare/local/...: a Word that also carries the Assignment. */
  private declWord(a: Assignment, i: number): DeclWord {
    const parts: WordPart[] = [];
    // The word as written: NAME= (or NAME+=, NAME[i]=) literally, then the value's parts, or for an
    // array the element words between literal parentheses.
    const head = this.src.slice(i, this.src.indexOf("=", i) + 1);
    parts.push({ kind: "Lit", value: head });
    if (a.value !== undefined) parts.push(...a.value.parts);
    if (a.array !== undefined) {
      let text = "(";
      const ps: WordPart[] = [];
      const flushText = () => {
        if (text) ps.push({ kind: "Lit", value: text });
        text = "";
      };
      a.array.forEach((el, k) => {
        if (k > 0) text += " ";
        if (el.key !== undefined) {
          text += "[";
          flushText();
          ps.push(...el.key.parts);
          text += el.append ? "]+=" : "]=";
        }
        flushText();
        ps.push(...el.value.parts);
      });
      text += ")";
      flushText();
      parts.push(...ps);
    }
    const merged: WordPart[] = [];
    for (const p of parts) {
      const last = merged[merged.length - 1];
      if (p.kind === "Lit" && last !== undefined && last.kind === "Lit") merged[merged.length - 1] = { kind: "Lit", value: last.value + p.value };
      else merged.push(p);
    }
    const w = finishWord(merged, this.span(i, this.pos), false) as DeclWord;
    w.assignment = a;
    return w;
  }

  // ------------------------------------------------------------------------------------------
  // (( )) headers and [[ ]]

  private arithFor(i: number): "token" {
    const src = this.src;
    const e = arithEnd(src, i + 2);
    if (e < 0) {
      if (findAtDepth0(src, i + 2, ")") < 0) throw unexpectedEof(this.span(i, i + 2), "unexpected EOF while looking for matching `)'");
      throw nearToken("(", this.span(i, i + 1));
    }
    const s1 = findAtDepth0(src.slice(0, e), i + 2, ";");
    const s2 = s1 < 0 ? -1 : findAtDepth0(src.slice(0, e), s1 + 1, ";");
    if (s1 < 0 || s2 < 0) throw new ParseFailure(false, { message: "syntax error: arithmetic expression required", span: this.span(i, e + 2), token: "((" });
    const part = (s: number, t: number): Word | undefined => {
      while (s < t && /\s/.test(src[s]!)) s++;
      while (t > s && /\s/.test(src[t - 1]!)) t--;
      return s < t ? rangeWord(this, s, t) : undefined;
    };
    const tok = this.emit(T.ArithForTok, i, e + 2);
    tok.arithFor = [part(i + 2, s1), part(s1 + 1, s2), part(s2 + 1, e)];
    this.pos = e + 2;
    this.state = St.Cmd;
    return "token";
  }

  /** The inside of [[ ... ]], after the `[[` token: emits words and operators up to `]]`. */
  private condition(): void {
    const src = this.src;
    let regexNext = false;
    // `!` negates only where a term starts (not after a word): after an operator it is the operand
    // (bash accepts [[ '!' == ! ]] and [[ -n ! ]]). operandNext: the last word was a binary
    // operator (it followed an operand), so a regex follows =~.
    let prevWord = false;
    let operandNext = false;
    for (;;) {
      this.skipBlanks();
      const i = this.pos;
      if (i >= src.length) throw unexpectedEof(this.span(i, i));
      const c = src.charCodeAt(i);
      const c1 = src.charCodeAt(i + 1);
      if (c === 10) {
        this.pos++;
        continue;
      }
      if (c === 93 && c1 === 93 && (i + 2 >= src.length || isMeta(src.charCodeAt(i + 2)))) {
        this.op(T.DRBracket, i, 2);
        return;
      }
      if (c === 38 && c1 === 38) this.op(T.AndIf, i, 2);
      else if (c === 124 && c1 === 124) this.op(T.OrIf, i, 2);
      else if (c === 40 && !regexNext) this.op(T.LParen, i, 1);
      else if (c === 41) this.op(T.RParen, i, 1);
      else if (c === 33 && (i + 1 >= src.length || isMeta(c1)) && !regexNext && !prevWord) this.op(T.Bang, i, 1);
      else if ((c === 60 || c === 62) && !regexNext) {
        this.pos = i + 1;
        const w = finishWord([{ kind: "Lit", value: src[i]! }], this.span(i, i + 1), false);
        this.wordTok(T.WordTok, w, i);
        operandNext = prevWord;
        prevWord = true;
        continue;
      } else if (isMeta(c) && !regexNext) {
        // ; & | alone inside [[ ]]
        throw nearToken(src[i]!, this.span(i, i + 1));
      } else {
        const w = readWord(this, regexNext ? REGEX_FLAGS : EXTGLOB_FLAGS);
        if (this.pos === i) throw nearToken(src[i]!, this.span(i, i + 1));
        this.wordTok(T.WordTok, w, i);
        if (regexNext) {
          regexNext = false;
          operandNext = false;
          prevWord = true;
          continue;
        }
        const text = plainText(w);
        operandNext = prevWord && !operandNext && text !== undefined && COND_BINARY.has(text);
        regexNext = operandNext && text === "=~";
        prevWord = true;
        continue;
      }
      regexNext = false;
      prevWord = false;
      operandNext = false;
    }
  }
}

/** The delimiter of a here-document after quote removal, and whether any part of it was quoted. */
export function heredocDelimiter(raw: string): { delimiter: string; quoted: boolean } {
  let quoted = false;
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === "\\") {
      quoted = true;
      if (i + 1 < raw.length) out += raw[++i];
    } else if (c === "'") {
      quoted = true;
      const e = raw.indexOf("'", i + 1);
      out += raw.slice(i + 1, e < 0 ? raw.length : e);
      i = e < 0 ? raw.length : e;
    } else if (c === '"') {
      quoted = true;
      let j = i + 1;
      while (j < raw.length && raw[j] !== '"') {
        if (raw[j] === "\\" && j + 1 < raw.length && '$`"\\'.includes(raw[j + 1]!)) j++;
        out += raw[j];
        j++;
      }
      i = j;
    } else if (c === "$" && (raw[i + 1] === "'" || raw[i + 1] === '"')) {
      // $'..' / $"..": the $ disappears, the quotes quote
      continue;
    } else out += c;
  }
  return { delimiter: out, quoted };
}
