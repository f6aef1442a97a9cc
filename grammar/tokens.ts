// The token vocabulary shared by the hand-written tokenizer and the Chevrotain grammar.
//
// The tokenizer does all word-level work: a word token arrives with its parsed Word (or
// Assignment, or redirection operator) attached, so the grammar only sees the command structure.
// Reserved words have their own token types in the Word category: the tokenizer produces them only
// for unquoted words in command position (and `in`/`do` where POSIX says), and since they are also
// Words, a grammar position that wants any word still accepts them.
import { createToken, Lexer, type IToken, type TokenType } from "chevrotain";
import type { Assignment, HereDoc, RedirOp, SimpleCommand, Word } from "./ast.ts";

const NA = Lexer.NA;

/** Category: anything usable as a plain word (arguments, for-lists, case patterns, names). */
export const Word = createToken({ name: "Word", pattern: NA });
/**
 * The members of the Word category. They are created without `categories`: createToken with a
 * category re-derives the whole (growing) category on every call, which made creating the
 * reserved words a millisecond of start-up. The membership is filled in once below
 * (joinWordCategory), exactly as Chevrotain's augmentTokenTypes would; the parser's constructor
 * derives the same again.
 */
const wordMembers: TokenType[] = [];
function wordMember(t: TokenType): TokenType {
  wordMembers.push(t);
  return t;
}
/** An ordinary word (never a reserved word). */
export const WordTok = wordMember(createToken({ name: "WordTok", pattern: NA }));
/**
 * A whole simple command (the common case), assembled by the tokenizer: its assignments, words and
 * redirections need no grammar decisions, so the grammar sees one token instead of one per item.
 * It starts with an ordinary command word, an assignment or a redirection in command position.
 */
export const SimpleCmdTok = createToken({ name: "SimpleCmdTok", pattern: NA });
/**
 * An assembled simple command that is a whole item of a list by itself: it starts where a list
 * item starts (after a separator, a newline that does not continue `&&` `||` `|`, a reserved
 * word that opens a list, `(`, a case pattern's `)`) and is followed by one of the list's
 * terminators (; & newline `)` ;; ;& ;;& or the end). The grammar's list takes it as an and_or
 * of one pipeline of one command without going through those rules. The tokenizer retypes a
 * SimpleCmdTok when it sees the terminator.
 */
export const SimpleItemTok = createToken({ name: "SimpleItemTok", pattern: NA });
/** NAME=value / NAME+=value / NAME[i]=value / NAME=(...) before the command name. */
export const AssignTok = createToken({ name: "AssignTok", pattern: NA });
/** A redirection operator with its optional IO_NUMBER or {var} prefix; the target word follows. */
export const RedirTok = createToken({ name: "RedirTok", pattern: NA });
/** (( arithmetic )) as a whole. */
export const ArithCmdTok = createToken({ name: "ArithCmdTok", pattern: NA });
/** The (( init; cond; step )) header after `for`. */
export const ArithForTok = createToken({ name: "ArithForTok", pattern: NA });

/** Operators: one table, spelled as in the source. */
export const NewLine = createToken({ name: "NewLine", pattern: NA, label: "newline" });
export const Semi = createToken({ name: "Semi", pattern: NA, label: ";" });
export const Amp = createToken({ name: "Amp", pattern: NA, label: "&" });
export const AndIf = createToken({ name: "AndIf", pattern: NA, label: "&&" });
export const OrIf = createToken({ name: "OrIf", pattern: NA, label: "||" });
export const Pipe = createToken({ name: "Pipe", pattern: NA, label: "|" });
export const PipeAmp = createToken({ name: "PipeAmp", pattern: NA, label: "|&" });
export const LParen = createToken({ name: "LParen", pattern: NA, label: "(" });
export const RParen = createToken({ name: "RParen", pattern: NA, label: ")" });
export const DSemi = createToken({ name: "DSemi", pattern: NA, label: ";;" });
export const SemiAnd = createToken({ name: "SemiAnd", pattern: NA, label: ";&" });
export const DSemiAnd = createToken({ name: "DSemiAnd", pattern: NA, label: ";;&" });

/** Operator spelling -> token type (longest match is the tokenizer's business). */
export const OPERATORS: Record<string, TokenType> = {
  "\n": NewLine,
  ";": Semi,
  "&": Amp,
  "&&": AndIf,
  "||": OrIf,
  "|": Pipe,
  "|&": PipeAmp,
  "(": LParen,
  ")": RParen,
  ";;": DSemi,
  ";&": SemiAnd,
  ";;&": DSemiAnd,
};

function reserved(name: string, word: string): TokenType {
  return wordMember(createToken({ name, pattern: NA, label: word }));
}
export const If = reserved("If", "if");
export const Then = reserved("Then", "then");
export const Else = reserved("Else", "else");
export const Elif = reserved("Elif", "elif");
export const Fi = reserved("Fi", "fi");
export const Do = reserved("Do", "do");
export const Done = reserved("Done", "done");
export const Case = reserved("Case", "case");
export const Esac = reserved("Esac", "esac");
export const While = reserved("While", "while");
export const Until = reserved("Until", "until");
export const For = reserved("For", "for");
export const In = reserved("In", "in");
export const Function = reserved("Function", "function");
export const Select = reserved("Select", "select");
export const Time = reserved("Time", "time");
/** `-p` right after `time`. */
export const TimeP = reserved("TimeP", "-p");
/** `--` after `time` or `time -p` (bash's TIMEIGN: ends the options). */
export const TimeIgn = reserved("TimeIgn", "--");
export const LBrace = reserved("LBrace", "{");
export const RBrace = reserved("RBrace", "}");
export const Bang = reserved("Bang", "!");
export const DLBracket = reserved("DLBracket", "[[");
export const DRBracket = reserved("DRBracket", "]]");
export const Coproc = reserved("Coproc", "coproc");
/**
 * The NAME of `coproc NAME compound-command`: the word right after `coproc` when a compound
 * command follows it (bash's lexer: a reserved word is recognised after COPROC WORD). Not a Word:
 * `coproc NAME args` is the simple command `NAME args`, which the tokenizer hands over as usual.
 */
export const CoprocName = createToken({ name: "CoprocName", pattern: NA });

/** Word's category data as Chevrotain derives it (tokens.js: augmentTokenTypes). */
function joinWordCategory(): void {
  for (const t of wordMembers) {
    t.CATEGORIES = [Word];
    Word.categoryMatchesMap![t.tokenTypeIdx!] = true;
  }
  Word.categoryMatches = wordMembers.map((t) => t.tokenTypeIdx!);
  Word.isParent = true;
}
joinWordCategory();

/** Reserved word spelling -> token type (bash's list; `]]` only inside [[ ]], `-p` only after time). */
export const RESERVED: Record<string, TokenType> = {
  if: If,
  then: Then,
  else: Else,
  elif: Elif,
  fi: Fi,
  do: Do,
  done: Done,
  case: Case,
  esac: Esac,
  while: While,
  until: Until,
  for: For,
  in: In,
  function: Function,
  select: Select,
  time: Time,
  "{": LBrace,
  "}": RBrace,
  "!": Bang,
  "[[": DLBracket,
  coproc: Coproc,
};

export const allTokens: TokenType[] = [
  Word, WordTok, SimpleCmdTok, SimpleItemTok, AssignTok, RedirTok, ArithCmdTok, ArithForTok,
  NewLine, Semi, Amp, AndIf, OrIf, Pipe, PipeAmp, LParen, RParen, DSemi, SemiAnd, DSemiAnd,
  If, Then, Else, Elif, Fi, Do, Done, Case, Esac, While, Until, For, In, Function, Select, Time, TimeP, TimeIgn,
  LBrace, RBrace, Bang, DLBracket, DRBracket, Coproc, CoprocName,
];

/** What a redirection token carries. The heredoc is filled in when its body has been read. */
export interface RedirInfo {
  op: RedirOp;
  fd?: number;
  fdVar?: string;
  heredoc?: HereDoc;
}

/** A Chevrotain token plus the tokenizer's payload. */
export interface ShToken extends IToken {
  word?: Word;
  assign?: Assignment;
  redir?: RedirInfo;
  arith?: Word;
  simple?: SimpleCommand;
  /** An assembled simple command: the length of its first item (the token the grammar would
   *  have seen first: the command word, an assignment, a redirection operator). */
  head?: number;
  arithFor?: [Word | undefined, Word | undefined, Word | undefined];
}

/**
 * Token objects are allocated for every word and operator, so they are class instances with a
 * fixed shape, and the image (needed only for messages and a few checks) is sliced on demand.
 */
class Tok implements ShToken {
  word: Word | undefined = undefined;
  // Rare payloads are added only to the tokens that carry them.
  declare assign?: Assignment;
  declare redir?: RedirInfo;
  declare arith?: Word;
  declare simple?: SimpleCommand;
  declare head?: number;
  declare arithFor?: [Word | undefined, Word | undefined, Word | undefined];
  private img: string | undefined;
  constructor(
    public tokenType: TokenType,
    public tokenTypeIdx: number,
    public startOffset: number,
    public endOffset: number,
    private readonly src: string,
    image: string | undefined,
  ) {
    this.img = image;
  }
  get image(): string {
    return this.img ?? this.src.slice(this.startOffset, this.endOffset + 1);
  }
  set image(v: string) {
    this.img = v;
  }
}

/** A token for src[start, end); `image` overrides the source text (e.g. "newline"). */
export function makeToken(type: TokenType, src: string, start: number, end: number, image?: string): ShToken {
  return new Tok(type, type.tokenTypeIdx!, start, end - 1, src, image);
}

/** The token as bash would name it in "near unexpected token `X'": for an assembled simple
 *  command, its first item (bash's reader would have stopped there). */
export function tokenText(t: ShToken): string {
  return t.head !== undefined ? t.image.slice(0, t.head) : t.image;
}
