// The ipsh abstract syntax tree: plain data, no behaviour.
//
// Names follow the POSIX grammar (XCU 2.10) where it has one (complete_command, and_or, pipeline,
// simple_command, compound_list, ...) and bash's names for bash additions. Every node carries a
// Span into the source it was parsed from. Behaviour lives in walkers (printer, executor, explain)
// that `switch (node.kind)` exhaustively.
//
// Invariants the executor relies on:
//  - A Word's parts are already fully parsed at parse time (quotes, $x, ${...}, $(...), `...`,
//    $((...)), ~, brace expansion, extglob). The executor never re-scans word text, except for
//    arithmetic (see ArithSub) which bash also expands textually first and parses afterwards.
//  - `Word.literal` is set when the word needs no expansion at all: no parameter, command or
//    arithmetic substitution, no unquoted glob or brace characters, no tilde. It holds the word's
//    value after quote removal. The executor uses it as a fast path.

/** A region of source text. Offsets are UTF-16 indices into the parsed string; line and col are 1-based. */
export interface Span {
  start: number;
  end: number;
  line: number;
  col: number;
}

// ---------------------------------------------------------------------------------------------
// Words

export interface Word {
  kind: "Word";
  parts: WordPart[];
  span: Span;
  /** The word's value after quote removal when it needs no expansion (see the invariants above). */
  literal?: string;
}

export type WordPart =
  | Lit
  | SglQuoted
  | AnsiCQuoted
  | DblQuoted
  | Escaped
  | ParamExp
  | CmdSub
  | ArithSub
  | ProcSub
  | Tilde
  | BraceExp
  | ExtGlob;

/** Unquoted literal text. Glob characters (* ? [ ]) in it are active in pattern contexts. */
export interface Lit {
  kind: "Lit";
  value: string;
}
/** '...': value is the text between the quotes. */
export interface SglQuoted {
  kind: "SglQuoted";
  value: string;
}
/** $'...': value is already decoded (\n, \t, \xHH, \uHHHH, \cX, \NNN ...). */
export interface AnsiCQuoted {
  kind: "AnsiCQuoted";
  value: string;
}
/** "..." (and bash's $"..." with locale: true, which ipsh treats like "..."). */
export interface DblQuoted {
  kind: "DblQuoted";
  parts: WordPart[];
  locale?: boolean;
}
/** A backslash-escaped character outside quotes (value is the character without the backslash). */
export interface Escaped {
  kind: "Escaped";
  value: string;
}

/**
 * $name, ${name}, ${name op word} and every bash form.
 *  - name: a variable name, a positional parameter number ("1", "10") or a special parameter
 *    ("@", "*", "#", "?", "-", "$", "!", "0").
 *  - index: for ${name[sub]}: a Word (arithmetic text for indexed arrays, a key for associative
 *    arrays; the executor decides which), or "@" / "*" for all elements.
 *  - length: ${#name}, ${#name[@]}.
 *  - indirect: ${!name} (indirection), or with op "names"/"keys" see ParamOp.
 */
export interface ParamExp {
  kind: "ParamExp";
  name: string;
  braced: boolean;
  index?: Word | "@" | "*";
  length?: boolean;
  indirect?: boolean;
  op?: ParamOp;
  span?: Span;
}

export type ParamOp =
  /** ${x:-w} ${x-w} ${x:=w} ${x=w} ${x:?w} ${x?w} ${x:+w} ${x+w}. word is absent for ${x:?}. */
  | { op: ":-" | "-" | ":=" | "=" | ":?" | "?" | ":+" | "+"; word?: Word }
  /** ${x#p} ${x##p} ${x%p} ${x%%p} */
  | { op: "#" | "##" | "%" | "%%"; pattern: Word }
  /** ${x/p/r} ${x//p/r} ${x/#p/r} ${x/%p/r}; replacement absent means delete. */
  | { op: "/" | "//" | "/#" | "/%"; pattern: Word; replacement?: Word }
  /** ${x:offset} ${x:offset:length}: both are arithmetic text (expanded, then evaluated). */
  | { op: ":"; offset: Word; length?: Word }
  /** ${x^p} ${x^^p} ${x,p} ${x,,p}; pattern absent means every character. */
  | { op: "^" | "^^" | "," | ",,"; pattern?: Word }
  /** ${x~p} ${x~~p}: bash's (undocumented) case toggle of the first / every matching character. */
  | { op: "~" | "~~"; pattern?: Word }
  /** ${x@Q} ${x@E} ${x@P} ${x@A} ${x@a} ${x@U} ${x@u} ${x@L} ${x@K} */
  | { op: "@"; transform: string }
  /** ${!prefix*} / ${!prefix@}: names of variables starting with `name`. */
  | { op: "names"; at: boolean }
  /** ${!name[@]} / ${!name[*]}: keys (indices) of an array. */
  | { op: "keys"; at: boolean };

/** $(...) or `...`. body is the parsed command list inside. */
export interface CmdSub {
  kind: "CmdSub";
  body: List;
  backquote: boolean;
  span?: Span;
}

/**
 * $((...)). expr holds the text between the parentheses as a Word (with its $x, ${...}, $(...)
 * parts): like bash, the executor expands it first and then parses and evaluates the resulting
 * string with the arithmetic grammar in grammar/arith.ts.
 */
export interface ArithSub {
  kind: "ArithSub";
  expr: Word;
  span?: Span;
}

/** <(list) or >(list). */
export interface ProcSub {
  kind: "ProcSub";
  op: "<" | ">";
  body: List;
  span?: Span;
}

/** ~ or ~user at the start of a word (or after = or : in an assignment value). user "" means $HOME. */
export interface Tilde {
  kind: "Tilde";
  user: string;
}

/**
 * Bash brace expansion, recognised at parse time in unquoted text:
 *  {a,b,c} -> alternatives (each a list of parts), {1..10..2} / {a..e} -> a sequence.
 * Each alternative may itself contain BraceExp parts (nesting).
 */
export type BraceExp =
  | { kind: "BraceExp"; type: "alt"; alternatives: WordPart[][] }
  | { kind: "BraceExp"; type: "seq"; from: string; to: string; step?: string };

/** Extended glob ?(...) *(...) +(...) @(...) !(...) when shopt -s extglob is on at parse time. */
export interface ExtGlob {
  kind: "ExtGlob";
  op: "?" | "*" | "+" | "@" | "!";
  patterns: Word[];
}

// ---------------------------------------------------------------------------------------------
// Redirections

export type RedirOp =
  | "<"
  | ">"
  | ">|"
  | ">>"
  | "<>"
  | "<&"
  | ">&"
  | "<<"
  | "<<-"
  | "<<<"
  | "&>"
  | "&>>";

export interface Redirect {
  kind: "Redirect";
  op: RedirOp;
  /** The explicit fd number (2>), if any. Default: 0 for input operators, 1 for output ones. */
  fd?: number;
  /** bash's {varname}> form: the shell picks an fd >= 10 and stores it in varname. */
  fdVar?: string;
  /** The target word (file name, fd number or "-" for >& <&, or the here-string for <<<).
   *  For here-documents: the delimiter word as written. */
  target: Word;
  /** For << and <<-: the body. */
  heredoc?: HereDoc;
  span: Span;
}

export interface HereDoc {
  /** The delimiter after quote removal. */
  delimiter: string;
  /** True if any part of the delimiter was quoted: the body is then taken literally. */
  quoted: boolean;
  /** <<- : leading tabs were stripped from body lines and the delimiter line. */
  stripTabs: boolean;
  /** The body (ending with a newline unless empty). When quoted: a single Lit part. Otherwise the
   *  parts of a double-quoted-like text where only $, ` and \ are special. */
  body: Word;
}

// ---------------------------------------------------------------------------------------------
// Commands

/** A compound_list / program: a sequence of and_or lists, each run in the foreground or with &. */
export interface List {
  kind: "List";
  items: ListItem[];
  span: Span;
}

export interface ListItem {
  andOr: AndOr;
  /** Terminated by & (run asynchronously). */
  background: boolean;
}

/** pipeline ( && pipeline | || pipeline )* */
export interface AndOr {
  kind: "AndOr";
  first: Pipeline;
  rest: { op: "&&" | "||"; pipeline: Pipeline }[];
  span: Span;
}

export interface Pipeline {
  kind: "Pipeline";
  /** Leading ! */
  bang: boolean;
  /** bash's `time` keyword (posix: `time -p`). */
  time?: { posix: boolean };
  commands: Command[];
  /** pipeStderr[i] is true if the pipe after commands[i] was |& (stderr too). Length commands.length-1. */
  pipeStderr: boolean[];
  span: Span;
}

export type Command =
  | SimpleCommand
  | BraceGroup
  | Subshell
  | If
  | While
  | For
  | ArithFor
  | Case
  | Select
  | ArithCmd
  | CondCmd
  | FunctionDef
  | Coproc;

export interface Assignment {
  kind: "Assignment";
  name: string;
  /** name[index]=... */
  index?: Word;
  /** += */
  append: boolean;
  /** Scalar value (absent for `name=` means the empty string, and for array assignments). */
  value?: Word;
  /** name=(...) : the elements; each either a plain word or [key]=word. */
  array?: ArrayElem[];
  span: Span;
}

export interface ArrayElem {
  /** [key]=value form. */
  key?: Word;
  /** [key]+=value form. */
  append?: boolean;
  value: Word;
}

export interface SimpleCommand {
  kind: "SimpleCommand";
  assigns: Assignment[];
  words: Word[];
  /** In source order; applied in this order. */
  redirects: Redirect[];
  span: Span;
}

/** Common shape of compound commands: redirections written after the closing keyword apply to it. */
interface CompoundBase {
  redirects: Redirect[];
  span: Span;
}

export interface BraceGroup extends CompoundBase {
  kind: "BraceGroup";
  body: List;
}
export interface Subshell extends CompoundBase {
  kind: "Subshell";
  body: List;
}
export interface If extends CompoundBase {
  kind: "If";
  /** if/elif clauses in order. */
  clauses: { cond: List; body: List }[];
  elseBody?: List;
}
export interface While extends CompoundBase {
  kind: "While";
  /** true for `until`. */
  until: boolean;
  cond: List;
  body: List;
}
export interface For extends CompoundBase {
  kind: "For";
  name: string;
  /** Absent when there is no `in` clause: iterate over "$@". */
  items?: Word[];
  body: List;
}
/** bash's for (( init; cond; step )): each part is arithmetic text, absent when empty. */
export interface ArithFor extends CompoundBase {
  kind: "ArithFor";
  init?: Word;
  cond?: Word;
  step?: Word;
  body: List;
}
export interface Case extends CompoundBase {
  kind: "Case";
  word: Word;
  items: CaseItem[];
}
export interface CaseItem {
  patterns: Word[];
  body: List;
  /** ;; ends, ;& falls through to the next body, ;;& tests the next patterns. The last item may omit it (";;"). */
  terminator: ";;" | ";&" | ";;&";
  span: Span;
}
export interface Select extends CompoundBase {
  kind: "Select";
  name: string;
  items?: Word[];
  body: List;
}
/** (( expr )): arithmetic text. */
export interface ArithCmd extends CompoundBase {
  kind: "ArithCmd";
  expr: Word;
}
/** [[ expr ]] */
export interface CondCmd extends CompoundBase {
  kind: "CondCmd";
  expr: CondExpr;
}

export type CondExpr =
  | { kind: "CondAnd"; left: CondExpr; right: CondExpr }
  | { kind: "CondOr"; left: CondExpr; right: CondExpr }
  | { kind: "CondNot"; expr: CondExpr }
  | { kind: "CondParen"; expr: CondExpr }
  /** -f file, -z str, -n str, -v name, -o opt, ... */
  | { kind: "CondUnary"; op: string; arg: Word }
  /** ==, =, != (right side is a pattern unless quoted), =~ (right side is an ERE), <, >, -eq, -nt, ... */
  | { kind: "CondBinary"; op: string; left: Word; right: Word }
  /** A lone word: true when non-empty. */
  | { kind: "CondWord"; word: Word };

/** name() compound_command [redirects], or `function name [()] compound_command`. */
export interface FunctionDef {
  kind: "FunctionDef";
  name: string;
  /** The body is a compound command (its own redirects apply on every call). */
  body: Command;
  /** The source text of the whole definition (for `type` and `declare -f`). */
  source?: string;
  span: Span;
}

/**
 * bash's `coproc [NAME] command`: the command runs asynchronously with its standard input and
 * output connected to the shell by two pipes (NAME[1] writes to it, NAME[0] reads from it).
 * `name` is the word as written, expanded when the coprocess starts; it is only possible before
 * a compound command (`coproc NAME args` is the simple command `NAME args`), and absent means
 * COPROC. Redirections written after it belong to `body` (a compound's own, or the simple
 * command's).
 */
export interface Coproc {
  kind: "Coproc";
  name?: Word;
  body: Exclude<Command, FunctionDef | Coproc>;
  span: Span;
}

export type Node = List | AndOr | Pipeline | Command | Word | Redirect | Assignment;
