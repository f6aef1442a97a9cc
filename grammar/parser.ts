// The Chevrotain grammar (XCU 2.10 plus bash's compound commands), building the AST directly.
//
// Rule names follow the POSIX grammar. Words arrive pre-parsed from the tokenizer, so the grammar
// only arranges them: it is small on purpose (construction time is start-up time).
import { EarlyExitException, EmbeddedActionsParser, EOF, NoViableAltException, type IToken } from "chevrotain";
import type {
  AndOr,
  ArithCmd,
  ArithFor,
  Assignment,
  BraceGroup,
  Case,
  CaseItem,
  Command,
  CondCmd,
  CondExpr,
  Coproc,
  For,
  FunctionDef,
  If,
  List,
  ListItem,
  Pipeline,
  Redirect,
  Select,
  SimpleCommand,
  Span,
  Subshell,
  While,
  Word,
} from "./ast.ts";
import { COND_BINARY, COND_UNARY } from "./cond-ops.ts";
import { nearToken, ParseFailure, unexpectedEof } from "./errors.ts";
import type { LineIndex } from "./spans.ts";
import * as T from "./tokens.ts";
import { LazyLookaheadStrategy } from "./lazy-lookahead.ts";
import { LOOKAHEAD_TABLE } from "./lookahead-table.ts";
import { installLookaheadTable } from "./precomputed-lookahead.ts";
import type { ShToken } from "./tokens.ts";

type Compound = Exclude<Command, SimpleCommand | FunctionDef | Coproc>;

/**
 * How the parser gets its lookahead functions:
 * - "table": from grammar/lookahead-table.ts, built on first use (no grammar recording or
 *   analysis at start-up; see grammar/precomputed-lookahead.ts). Falls back to "analyse" if the
 *   table does not match the grammar's rules.
 * - "analyse": Chevrotain's performSelfAnalysis, lookahead computed on first use
 *   (grammar/lazy-lookahead.ts); the grammar AST is available (getGAstProductions).
 * - "validate": as "analyse", with all of Chevrotain's grammar validations (unit tests).
 */
export type ParserMode = "table" | "analyse" | "validate";

const copySpan = (s: Span): Span => ({ start: s.start, end: s.end, line: s.line, col: s.col });

/**
 * The and_or of one pipeline of one command that an assembled simple command token stands for:
 * the objects (and spans) the andOr, pipeline and command rules build for it.
 */
export function wholeItem(t: ShToken, lines: LineIndex): AndOr {
  const c = t.simple!;
  const span = lines.span(t.startOffset, t.endOffset + 1);
  c.span = span;
  const first: Pipeline = { kind: "Pipeline", bang: false, commands: [c], pipeStderr: [], span: copySpan(span) };
  return { kind: "AndOr", first, rest: [], span: copySpan(span) };
}

export class ShParser extends EmbeddedActionsParser {
  /** Line table of the text the current tokens came from (set before each parse). */
  lines!: LineIndex;

  constructor(mode: ParserMode = "table") {
    super(T.allTokens, {
      skipValidations: mode !== "validate",
      maxLookahead: 3,
      recoveryEnabled: false,
      lookaheadStrategy: new LazyLookaheadStrategy({ maxLookahead: 3 }),
    });
    if (mode === "table" && installLookaheadTable(this, LOOKAHEAD_TABLE, T.allTokens)) {
      // what performSelfAnalysis would have set (the input setter checks it)
      (this as unknown as { selfAnalysisDone: boolean }).selfAnalysisDone = true;
    } else this.performSelfAnalysis();
  }

  // Chevrotain builds the message of these two exceptions from the grammar AST, which the "table"
  // mode does not have. Only the offending token is used (grammar/index.ts words the error), so
  // they carry a fixed message.
  override raiseNoAltException(_occurrence: number, _errMsgTypes: string | undefined): never {
    throw this.SAVE_ERROR(new NoViableAltException("syntax error", this.LA(1), this.LA(0)));
  }

  override raiseEarlyExitException(_occurrence: number, _prodType: unknown, _userDefinedErrMsg: string | undefined): never {
    throw this.SAVE_ERROR(new EarlyExitException("syntax error", this.LA(1), this.LA(0)));
  }

  /** Span from token `a` to the last consumed token. */
  private spanFrom(a: IToken): Span {
    const last = this.LA(0);
    const end = last.tokenType === EOF || last.endOffset === undefined || last.endOffset < a.startOffset ? a.startOffset : last.endOffset + 1;
    return this.lines.span(a.startOffset, end);
  }

  /** Where the tokens end: the end of input, or the `)` closing a $( ) (set before each parse). */
  eof: { span: Span; closing: boolean } = { span: { start: 0, end: 0, line: 1, col: 1 }, closing: false };

  private failAt(tok: IToken, message?: string): never {
    if (tok.tokenType === EOF) {
      if (this.eof.closing) throw nearToken(")", this.eof.span);
      throw unexpectedEof(this.eof.span);
    }
    const text = T.tokenText(tok as ShToken);
    const span = this.lines.span(tok.startOffset, tok.startOffset + text.length);
    if (message !== undefined) throw new ParseFailure(false, { message, span, token: text });
    throw nearToken(text, span);
  }

  /** A compound_list that must not be empty (bash rejects `if then`, `{ }`). */
  private nonEmpty(list: List): List {
    if (!this.RECORDING_PHASE && list.items.length === 0) this.failAt(this.LA(1));
    return list;
  }

  // Alternatives that capture nothing are built once (Chevrotain's advice: an OR's array and
  // closures would otherwise be allocated on every call of a hot rule).
  private andOrAlts = [
    { ALT: () => { this.CONSUME(T.AndIf); return "&&" as const; } },
    { ALT: () => { this.CONSUME(T.OrIf); return "||" as const; } },
  ];
  /** The prefixes of a pipeline, collected into timeSpec / bangs (read once, right after). */
  private timeSpec: { posix: boolean } | undefined;
  private bangs = false;
  private prefixKeywordAlts = [
    {
      ALT: () => {
        this.CONSUME(T.Time);
        const t = (this.timeSpec ??= { posix: false });
        this.OPTION(() => {
          this.CONSUME(T.TimeP);
          t.posix = true;
        });
        // bash 5.2 reports `time -- cmd` in the POSIX format, as `time -p` (its TIMEIGN rules).
        this.OPTION2(() => {
          this.CONSUME(T.TimeIgn);
          t.posix = true;
        });
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Bang);
        this.bangs = !this.bangs;
      },
    },
  ];
  private pipeAlts = [
    { ALT: () => { this.CONSUME(T.Pipe); return false; } },
    { ALT: () => { this.CONSUME(T.PipeAmp); return true; } },
  ];
  /** A command prefix item: an assignment token or a redirection. */
  private prefixAlts = [
    { ALT: (): ShToken | Redirect => this.CONSUME(T.AssignTok) as ShToken },
    { ALT: (): ShToken | Redirect => this.SUBRULE(this.redirect) },
  ];
  /** A command suffix item: a word token or a redirection. */
  private suffixAlts = [
    { ALT: (): ShToken | Redirect => this.CONSUME(T.Word) as ShToken },
    { ALT: (): ShToken | Redirect => this.SUBRULE2(this.redirect) },
  ];
  private commandAlts = [
    // functionDef first: `name (` must not be taken as the start of a simple command.
    { ALT: (): Command => this.SUBRULE(this.functionDef) },
    {
      ALT: (): Command => {
        const t = this.CONSUME(T.SimpleCmdTok) as ShToken;
        if (this.RECORDING_PHASE) return undefined as never;
        const c = t.simple!;
        c.span = this.lines.span(t.startOffset, t.endOffset + 1);
        return c;
      },
    },
    { ALT: (): Command => this.SUBRULE(this.simpleCommand) },
    {
      ALT: (): Command => {
        const c = this.SUBRULE(this.compoundCommand);
        this.MANY(() => {
          const r = this.SUBRULE2(this.redirect);
          if (!this.RECORDING_PHASE) c.redirects.push(r);
        });
        if (this.RECORDING_PHASE) return undefined as never;
        c.span = this.spanFrom({ startOffset: c.span.start } as IToken);
        return c;
      },
    },
    { ALT: (): Command => this.SUBRULE(this.coprocCommand) },
  ];

  // program / compound_list: and_or lists separated by ; & or newlines. One repetition over
  // "separator or and_or" keeps every decision to a single token of lookahead; the order rules
  // (a separator needs a command before it, two commands need a separator between them) are
  // checked in the action, with bash's messages. The tokenizer never emits two NewLine tokens in
  // a row. The separators are alternatives of list itself (not a rule of their own): ; or &
  // (optionally followed by a newline), or a newline; their value is true for &.
  private listAlts = [
    {
      ALT: (): boolean | AndOr => {
        this.CONSUME(T.Semi);
        this.OPTION2(this.newlineAfterSemi);
        return false;
      },
    },
    {
      ALT: (): boolean | AndOr => {
        this.CONSUME(T.Amp);
        this.OPTION3(this.newlineAfterAmp);
        return true;
      },
    },
    {
      ALT: (): boolean | AndOr => {
        this.CONSUME4(T.NewLine);
        return false;
      },
    },
    {
      // a simple command that is a whole and_or (tokens.ts, SimpleItemTok): what andOr, pipeline
      // and command would build for it
      ALT: (): boolean | AndOr => {
        const t = this.CONSUME(T.SimpleItemTok) as ShToken;
        return this.RECORDING_PHASE ? (undefined as never) : wholeItem(t, this.lines);
      },
    },
    { ALT: (): boolean | AndOr => this.SUBRULE(this.andOr) },
  ];

  list = this.RULE("list", (): List => {
    const items: ListItem[] = [];
    const first = this.LA(1);
    let open = false; // the last element was an and_or (a separator may follow)
    this.OPTION(this.newlines);
    this.MANY(() => {
      const t = this.LA(1);
      const x = this.OR(this.listAlts);
      if (this.RECORDING_PHASE) return;
      if (typeof x === "boolean") {
        if (!open) this.failAt(t);
        items[items.length - 1]!.background = x;
        open = false;
      } else {
        if (open) this.failAt(t);
        items.push({ andOr: x, background: false });
        open = true;
      }
    });
    if (this.RECORDING_PHASE) return undefined as never;
    const span = items.length > 0 ? this.lines.span(items[0]!.andOr.span.start, items[items.length - 1]!.andOr.span.end) : this.spanFrom(first);
    return { kind: "List", items, span };
  });

  // DSL actions that capture nothing are built once (not a closure per rule call). Each may be
  // used once per rule (its DSL occurrence index is fixed).
  private newlines = () => {
    this.CONSUME(T.NewLine);
  };
  private newlines2 = () => {
    this.CONSUME2(T.NewLine);
  };
  private prefixKeyword = () => {
    this.OR3(this.prefixKeywordAlts);
  };

  private newlineAfterSemi = () => {
    this.CONSUME2(T.NewLine);
  };
  private newlineAfterAmp = () => {
    this.CONSUME3(T.NewLine);
  };

  andOr = this.RULE("andOr", (): AndOr => {
    const a = this.LA(1);
    const first = this.SUBRULE(this.pipeline);
    const rest: AndOr["rest"] = [];
    this.MANY(() => {
      const op = this.OR(this.andOrAlts);
      this.MANY2(this.newlines);
      rest.push({ op, pipeline: this.SUBRULE2(this.pipeline) });
    });
    return this.RECORDING_PHASE ? (undefined as never) : ({ kind: "AndOr", first, rest, span: this.spanFrom(a) }) as AndOr;
  });

  pipeline = this.RULE("pipeline", (): Pipeline => {
    const a = this.LA(1);
    this.timeSpec = undefined;
    this.bangs = false;
    // bash's pipeline_command: any mix of `time [-p] [--]` and `!` prefixes (`! ! x`, `time ! time`);
    // each ! inverts, nested times are one.
    this.MANY3(this.prefixKeyword);
    const time = this.timeSpec as Pipeline["time"];
    const bang = this.bangs;
    const commands: Command[] = [];
    const pipeStderr: boolean[] = [];
    const next = this.LA(1).tokenType;
    if (!this.RECORDING_PHASE && (time !== undefined || bang) && (next === T.NewLine || next === T.Semi || next === EOF)) {
      // `time` or `!` before a list terminator: the pipeline of nothing (status 0, or 1 with !).
      commands.push({ kind: "SimpleCommand", assigns: [], words: [], redirects: [], span: this.spanFrom(a) });
    } else {
      commands.push(this.SUBRULE(this.command));
      this.MANY(() => {
        const amp = this.OR(this.pipeAlts);
        this.MANY2(this.newlines);
        commands.push(this.SUBRULE2(this.command));
        pipeStderr.push(amp);
      });
    }
    if (this.RECORDING_PHASE) return undefined as never;
    const p: Pipeline = { kind: "Pipeline", bang, commands, pipeStderr, span: this.spanFrom(a) };
    if (time !== undefined) p.time = time;
    return p;
  });

  command = this.RULE("command", (): Command => this.OR(this.commandAlts));

  // simpleCommand and cmdSuffix share the command being built through a field: no rule that
  // could start another simple command runs between them (words arrive pre-parsed).
  private curCmd!: SimpleCommand;
  private simpleAlts = [
    {
      ALT: () => {
        this.AT_LEAST_ONE(this.prefixItem);
        this.OPTION(this.optSuffix);
      },
    },
    { ALT: () => this.SUBRULE2(this.cmdSuffix) },
  ];
  private prefixItem = () => {
    const x = this.OR2(this.prefixAlts);
    if (this.RECORDING_PHASE) return;
    if ((x as Redirect).kind === "Redirect") this.curCmd.redirects.push(x as Redirect);
    else this.curCmd.assigns.push((x as ShToken).assign!);
  };
  private optSuffix = () => this.SUBRULE(this.cmdSuffix);
  private suffixItem = () => {
    const x = this.OR(this.suffixAlts);
    if (this.RECORDING_PHASE) return;
    if ((x as Redirect).kind === "Redirect") this.curCmd.redirects.push(x as Redirect);
    else this.curCmd.words.push((x as ShToken).word!);
  };

  simpleCommand = this.RULE("simpleCommand", (): SimpleCommand => {
    const a = this.LA(1);
    const cmd: SimpleCommand = { kind: "SimpleCommand", assigns: [], words: [], redirects: [], span: undefined as unknown as Span };
    this.curCmd = cmd;
    this.OR(this.simpleAlts);
    if (this.RECORDING_PHASE) return cmd;
    cmd.span = this.spanFrom(a);
    return cmd;
  });

  /** The command name and what follows it: arguments and redirections in any order. */
  cmdSuffix = this.RULE("cmdSuffix", (): void => {
    const t = this.CONSUME(T.WordTok) as ShToken;
    if (!this.RECORDING_PHASE) this.curCmd.words.push(t.word!);
    this.MANY(this.suffixItem);
  });

  redirect = this.RULE("redirect", (): Redirect => {
    const op = this.CONSUME(T.RedirTok) as ShToken;
    const target = this.CONSUME(T.Word) as ShToken;
    if (this.RECORDING_PHASE) return undefined as never;
    const info = op.redir!;
    const r: Redirect = { kind: "Redirect", op: info.op, target: target.word!, span: this.spanFrom(op) };
    if (info.fd !== undefined) r.fd = info.fd;
    if (info.fdVar !== undefined) r.fdVar = info.fdVar;
    if (info.heredoc !== undefined) r.heredoc = info.heredoc;
    return r;
  });

  // bash's coproc: `coproc NAME compound_command [redirections]`, `coproc compound_command
  // [redirections]` or `coproc simple_command`. The tokenizer decides whether the word after
  // `coproc` is a NAME (a CoprocName token: a compound command follows it).
  private coprocAlts = [
    {
      ALT: (): [ShToken | undefined, Coproc["body"]] => {
        const n = this.CONSUME(T.CoprocName) as ShToken;
        return [n, this.SUBRULE(this.redirectedCompound)];
      },
    },
    { ALT: (): [ShToken | undefined, Coproc["body"]] => [undefined, this.SUBRULE2(this.redirectedCompound)] },
    {
      ALT: (): [ShToken | undefined, Coproc["body"]] => {
        const t = this.CONSUME(T.SimpleCmdTok) as ShToken;
        if (this.RECORDING_PHASE) return undefined as never;
        const c = t.simple!;
        c.span = this.lines.span(t.startOffset, t.endOffset + 1);
        return [undefined, c];
      },
    },
    { ALT: (): [ShToken | undefined, Coproc["body"]] => [undefined, this.SUBRULE(this.simpleCommand)] },
  ];

  coprocCommand = this.RULE("coprocCommand", (): Coproc => {
    const a = this.CONSUME(T.Coproc);
    const r = this.OR(this.coprocAlts);
    if (this.RECORDING_PHASE) return undefined as never;
    const [name, body] = r;
    const c: Coproc = { kind: "Coproc", body, span: this.spanFrom(a) };
    if (name !== undefined) c.name = name.word!;
    return c;
  });

  /** A compound command and the redirections written after it. */
  redirectedCompound = this.RULE("redirectedCompound", (): Compound => {
    const c = this.SUBRULE(this.compoundCommand);
    this.MANY(() => {
      const r = this.SUBRULE(this.redirect);
      if (!this.RECORDING_PHASE) c.redirects.push(r);
    });
    if (this.RECORDING_PHASE) return undefined as never;
    c.span = this.spanFrom({ startOffset: c.span.start } as IToken);
    return c;
  });

  private funcNameAlts = [
    {
      ALT: () => {
        const n = this.CONSUME(T.WordTok);
        this.CONSUME(T.LParen);
        this.CONSUME(T.RParen);
        return n;
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Function);
        const n = this.CONSUME(T.Word);
        this.OPTION(this.funcParens);
        return n;
      },
    },
  ];
  private funcParens = () => {
    this.CONSUME2(T.LParen);
    this.CONSUME2(T.RParen);
  };

  functionDef = this.RULE("functionDef", (): FunctionDef => {
    const a = this.LA(1);
    const name = this.OR(this.funcNameAlts) as ShToken;
    this.MANY(this.newlines);
    const body = this.SUBRULE(this.compoundCommand);
    this.MANY2(() => {
      const r = this.SUBRULE(this.redirect);
      if (!this.RECORDING_PHASE) body.redirects.push(r);
    });
    if (this.RECORDING_PHASE) return undefined as never;
    const span = this.spanFrom(a);
    body.span = this.lines.span(body.span.start, span.end);
    return { kind: "FunctionDef", name: name.word?.literal ?? name.image, body, source: this.lines.text.slice(span.start, span.end), span } as FunctionDef;
  });

  private compoundAlts = [
      { ALT: () => this.SUBRULE(this.braceGroup) },
      { ALT: () => this.SUBRULE(this.subshell) },
      { ALT: () => this.SUBRULE(this.ifClause) },
      { ALT: () => this.SUBRULE(this.whileClause) },
      { ALT: () => this.SUBRULE(this.forClause) },
      { ALT: () => this.SUBRULE(this.caseClause) },
      {
        ALT: () => {
          const t = this.CONSUME(T.ArithCmdTok) as ShToken;
          return this.RECORDING_PHASE ? (undefined as never) : ({ kind: "ArithCmd", expr: t.arith!, redirects: [], span: this.spanFrom(t) }) as ArithCmd;
        },
      },
      { ALT: () => this.SUBRULE(this.condCommand) },
    ];

  compoundCommand = this.RULE("compoundCommand", (): Compound => this.OR(this.compoundAlts));

  braceGroup = this.RULE("braceGroup", (): BraceGroup => {
    const a = this.CONSUME(T.LBrace);
    const body = this.nonEmpty(this.SUBRULE(this.list));
    this.CONSUME(T.RBrace);
    return this.RECORDING_PHASE ? (undefined as never) : ({ kind: "BraceGroup", body, redirects: [], span: this.spanFrom(a) }) as BraceGroup;
  });

  subshell = this.RULE("subshell", (): Subshell => {
    const a = this.CONSUME(T.LParen);
    const body = this.nonEmpty(this.SUBRULE(this.list));
    this.CONSUME(T.RParen);
    return this.RECORDING_PHASE ? (undefined as never) : ({ kind: "Subshell", body, redirects: [], span: this.spanFrom(a) }) as Subshell;
  });

  ifClause = this.RULE("ifClause", (): If => {
    const a = this.CONSUME(T.If);
    const clauses: If["clauses"] = [];
    let elseBody: List | undefined;
    const cond = this.nonEmpty(this.SUBRULE(this.list));
    this.CONSUME(T.Then);
    clauses.push({ cond, body: this.nonEmpty(this.SUBRULE2(this.list)) });
    this.MANY(() => {
      this.CONSUME(T.Elif);
      const c = this.nonEmpty(this.SUBRULE3(this.list));
      this.CONSUME2(T.Then);
      clauses.push({ cond: c, body: this.nonEmpty(this.SUBRULE4(this.list)) });
    });
    this.OPTION(() => {
      this.CONSUME(T.Else);
      elseBody = this.nonEmpty(this.SUBRULE5(this.list));
    });
    this.CONSUME(T.Fi);
    if (this.RECORDING_PHASE) return undefined as never;
    const n: If = { kind: "If", clauses, redirects: [], span: this.spanFrom(a) };
    if (elseBody !== undefined) n.elseBody = elseBody;
    return n;
  });

  private whileAlts = [
    { ALT: () => { this.CONSUME(T.While); return false; } },
    { ALT: () => { this.CONSUME(T.Until); return true; } },
  ];

  whileClause = this.RULE("whileClause", (): While => {
    const a = this.LA(1);
    const until = this.OR(this.whileAlts);
    const cond = this.nonEmpty(this.SUBRULE(this.list));
    const body = this.SUBRULE(this.doGroup);
    return this.RECORDING_PHASE ? (undefined as never) : ({ kind: "While", until, cond, body, redirects: [], span: this.spanFrom(a) }) as While;
  });

  /** do_group, or bash's `{ list }` in its place. */
  private doAlts = [
      {
        ALT: () => {
          this.CONSUME(T.Do);
          const l = this.nonEmpty(this.SUBRULE(this.list));
          this.CONSUME(T.Done);
          return l;
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBrace);
          const l = this.nonEmpty(this.SUBRULE2(this.list));
          this.CONSUME(T.RBrace);
          return l;
        },
      },
    ];

  doGroup = this.RULE("doGroup", (): List => this.OR(this.doAlts));

  forClause = this.RULE("forClause", (): For | Select | ArithFor => {
    const a = this.LA(1);
    const select = this.OR([
      { ALT: () => { this.CONSUME(T.For); return false; } },
      { ALT: () => { this.CONSUME(T.Select); return true; } },
    ]);
    return this.OR2([
      {
        ALT: () => {
          const h = this.CONSUME(T.ArithForTok) as ShToken;
          this.OPTION(() => this.OR3([{ ALT: () => this.CONSUME(T.Semi) }, { ALT: () => this.CONSUME(T.NewLine) }]));
          this.MANY(() => this.CONSUME2(T.NewLine));
          const body = this.SUBRULE(this.doGroup);
          return this.ACTION(() => {
            if (select) this.failAt(h);
            const [init, cond, step] = h.arithFor!;
            const n: ArithFor = { kind: "ArithFor", body, redirects: [], span: this.spanFrom(a) };
            if (init !== undefined) n.init = init;
            if (cond !== undefined) n.cond = cond;
            if (step !== undefined) n.step = step;
            return n;
          });
        },
      },
      {
        ALT: () => {
          const name = this.CONSUME(T.Word) as ShToken;
          let items: Word[] | undefined;
          this.MANY3(() => this.CONSUME3(T.NewLine));
          this.OPTION2(() =>
            this.OR4([
              {
                ALT: () => {
                  this.CONSUME(T.In);
                  items = [];
                  this.MANY4(() => {
                    const w = this.CONSUME2(T.Word) as ShToken;
                    if (!this.RECORDING_PHASE) items!.push(w.word!);
                  });
                  this.OR5([{ ALT: () => this.CONSUME2(T.Semi) }, { ALT: () => this.CONSUME4(T.NewLine) }]);
                },
              },
              { ALT: () => this.CONSUME3(T.Semi) },
            ]),
          );
          this.MANY5(() => this.CONSUME5(T.NewLine));
          const body = this.SUBRULE2(this.doGroup);
          return this.ACTION(() => {
            // An invalid name is a run-time error in bash (`1': not a valid identifier).
            const nm = name.word?.literal ?? name.image;
            const n = { kind: select ? "Select" : "For", name: nm, body, redirects: [], span: this.spanFrom(a) } as For | Select;
            if (items !== undefined) n.items = items;
            return n;
          });
        },
      },
    ]);
  });

  caseClause = this.RULE("caseClause", (): Case => {
    const a = this.CONSUME(T.Case);
    const word = (this.CONSUME(T.Word) as ShToken).word!;
    this.MANY(this.newlines);
    this.CONSUME(T.In);
    this.MANY2(this.newlines2);
    const items: CaseItem[] = [];
    let open = false;
    this.MANY3(() => {
      const t = this.LA(1);
      const item = this.SUBRULE(this.caseItem);
      if (this.RECORDING_PHASE) return;
      if (open) this.failAt(t); // only the last item may omit its ;;
      items.push(item.item);
      open = !item.terminated;
    });
    this.CONSUME(T.Esac);
    return this.RECORDING_PHASE ? (undefined as never) : ({ kind: "Case", word, items, redirects: [], span: this.spanFrom(a) }) as Case;
  });

  private openPattern = () => {
    this.CONSUME(T.LParen);
  };
  private caseTerminatorAlts = [
    { ALT: () => { this.CONSUME(T.DSemi); return ";;" as const; } },
    { ALT: () => { this.CONSUME(T.SemiAnd); return ";&" as const; } },
    { ALT: () => { this.CONSUME(T.DSemiAnd); return ";;&" as const; } },
  ];

  caseItem = this.RULE("caseItem", (): { item: CaseItem; terminated: boolean } => {
    const a = this.LA(1);
    this.OPTION(this.openPattern);
    const patterns: Word[] = [];
    const p0 = this.CONSUME(T.WordTok) as ShToken;
    if (!this.RECORDING_PHASE) patterns.push(p0.word!);
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      const p = this.CONSUME2(T.WordTok) as ShToken;
      if (!this.RECORDING_PHASE) patterns.push(p.word!);
    });
    this.CONSUME(T.RParen);
    const body = this.SUBRULE(this.list);
    let terminator: CaseItem["terminator"] = ";;";
    let terminated = false;
    this.OPTION2(() => {
      terminator = this.OR(this.caseTerminatorAlts);
      terminated = true;
      this.MANY2(this.newlines);
    });
    return this.RECORDING_PHASE ? (undefined as never) : ({ item: { patterns, body, terminator, span: this.spanFrom(a) }, terminated });
  });

  condCommand = this.RULE("condCommand", (): CondCmd => {
    const a = this.CONSUME(T.DLBracket);
    const expr = this.SUBRULE(this.condOr);
    this.CONSUME(T.DRBracket);
    return this.RECORDING_PHASE ? (undefined as never) : ({ kind: "CondCmd", expr, redirects: [], span: this.spanFrom(a) }) as CondCmd;
  });

  condOr = this.RULE("condOr", (): CondExpr => {
    let left = this.SUBRULE(this.condAnd);
    this.MANY(() => {
      this.CONSUME(T.OrIf);
      const right = this.SUBRULE2(this.condAnd);
      left = { kind: "CondOr", left, right };
    });
    return left;
  });

  condAnd = this.RULE("condAnd", (): CondExpr => {
    let left = this.SUBRULE(this.condTerm);
    this.MANY(() => {
      this.CONSUME(T.AndIf);
      const right = this.SUBRULE2(this.condTerm);
      left = { kind: "CondAnd", left, right };
    });
    return left;
  });

  condTerm = this.RULE("condTerm", (): CondExpr => {
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Bang);
          return { kind: "CondNot", expr: this.SUBRULE(this.condTerm) } as CondExpr;
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          const expr = this.SUBRULE(this.condOr);
          this.CONSUME(T.RParen);
          return { kind: "CondParen", expr } as CondExpr;
        },
      },
      {
        ALT: () => {
          const w1 = this.CONSUME(T.WordTok) as ShToken;
          let w2: ShToken | undefined;
          let w3: ShToken | undefined;
          this.OPTION(() => {
            w2 = this.CONSUME2(T.WordTok) as ShToken;
            this.OPTION2(() => {
              w3 = this.CONSUME3(T.WordTok) as ShToken;
            });
          });
          return this.RECORDING_PHASE ? (undefined as never) : this.condWords(w1, w2, w3);
        },
      },
    ]);
  });

  private condWords(w1: ShToken, w2: ShToken | undefined, w3: ShToken | undefined): CondExpr {
    if (w2 === undefined) return { kind: "CondWord", word: w1.word! };
    if (w3 === undefined) {
      if (COND_UNARY.has(w1.image)) return { kind: "CondUnary", op: w1.image, arg: w2.word! };
      if (COND_BINARY.has(w2.image)) this.failAt(this.LA(1), `unexpected argument \`${this.LA(1).image}' to conditional binary operator`);
      this.failAt(w2, "conditional binary operator expected");
    }
    if (!COND_BINARY.has(w2.image)) this.failAt(w2, `conditional binary operator expected`);
    return { kind: "CondBinary", op: w2.image, left: w1.word!, right: w3.word! };
  }
}
