// bash history expansion (readline's histexpand.c semantics, with bash's inhibitions), applied to
// an interactive input line before it is parsed or saved:
//
//   event designators   !!  !n  !-n  !string  !?string[?]  !#   and ^old^new[^] at the line start
//   word designators    :0 :n :^ :$ :% :x-y :-y :x- :* :x*   (the ':' may be left out before ^ $ * % -)
//   modifiers           :h :t :r :e :p :q :x :s/old/new/ :& :g :a :G
//
// `!` is literal before blank, newline, `=` and end of line, after a backslash, inside single quotes,
// in `$!`, `${!name}`, `[!...]`, `!(...)` under extglob, and before the closing `"` of a double-quoted
// string. A `#` that starts a word makes the rest of the line a comment (no expansion). Words of an
// event are split as history_tokenize does: blanks separate, quotes group, and shell operators
// (`|` `&&` `>` `2>&1` ...) are words of their own.

export interface HistorySource {
  /** The number the next entry will get; `!!` is nextNumber - 1. */
  readonly nextNumber: number;
  /** The line with history number n, or undefined. */
  line(n: number): string | undefined;
}

export type HistoryExpansion =
  /** `line` is the expanded text; `changed` says whether any expansion happened (bash then prints
   *  it); `printOnly` is set by the :p modifier (print and save, but do not run). */
  | { ok: true; line: string; changed: boolean; printOnly: boolean }
  /** error is bash's message without the "bash: " prefix, e.g. "!foo: event not found". */
  | { ok: false; error: string };

export interface HistoryExpandOptions {
  extglob?: boolean;
}

/** State that survives between expansions: the last substitution (for :& and empty :s//) and the
 *  last !?string? (for :%). */
export class HistoryExpandState {
  lastOld: string | undefined;
  lastNew: string | undefined;
  lastSearch: string | undefined;
  lastSearchWord: string | undefined;
}

const states = new WeakMap<object, HistoryExpandState>();
/** The state kept for one history list (bash keeps one per shell): shared by the REPL and
 *  `history -p`. */
export function expandStateFor(owner: object): HistoryExpandState {
  let s = states.get(owner);
  if (!s) states.set(owner, (s = new HistoryExpandState()));
  return s;
}

const NO_EXPAND_AFTER = " \t\n\r=";
const SEARCH_DELIMITERS = ";&()|<>";
const EVENT_DELIMITERS = "^$*%-";
const WORD_DELIMITERS = " \t\n;&()|<>";

class HistError {
  constructor(readonly message: string) {}
}

/** Expands history references in `input`. */
export function historyExpand(
  input: string,
  hist: HistorySource,
  state: HistoryExpandState = new HistoryExpandState(),
  opts: HistoryExpandOptions = {},
): HistoryExpansion {
  if (input.indexOf("!") < 0 && input[0] !== "^") return { ok: true, line: input, changed: false, printOnly: false };
  try {
    return expandLine(input, hist, state, opts);
  } catch (e) {
    if (e instanceof HistError) return { ok: false, error: e.message };
    throw e;
  }
}

function expandLine(
  input: string,
  hist: HistorySource,
  state: HistoryExpandState,
  opts: HistoryExpandOptions,
): HistoryExpansion {
  let out = "";
  let changed = false;
  let printOnly = false;
  let i = 0;
  // ^old^new^ is !!:s^old^new^
  let s = input;
  if (s[0] === "^") {
    s = "!!:s" + s;
  }
  let inDq = false;
  let inSq = false;
  while (i < s.length) {
    const c = s[i]!;
    if (inSq) {
      if (c === "'") inSq = false;
      out += c;
      i++;
      continue;
    }
    if (c === "\\" && i + 1 < s.length) {
      out += c + s[i + 1];
      i += 2;
      continue;
    }
    if (c === "'" && !inDq) {
      inSq = true;
      out += c;
      i++;
      continue;
    }
    if (c === '"') inDq = !inDq;
    if (c === "#" && !inDq && (i === 0 || WORD_DELIMITERS.includes(s[i - 1]!))) {
      out += s.slice(i);
      break;
    }
    if (c !== "!" || inhibited(s, i, inDq, opts)) {
      out += c;
      i++;
      continue;
    }
    const r = expandOne(s, i, out, hist, state, inDq);
    out += r.text;
    i = r.end;
    changed = true;
    if (r.printOnly) printOnly = true;
  }
  return { ok: true, line: out, changed, printOnly };
}

/** bash_history_inhibit_expansion plus readline's history_no_expand_chars. */
function inhibited(s: string, i: number, inDq: boolean, opts: HistoryExpandOptions): boolean {
  const next = s[i + 1];
  if (next === undefined || NO_EXPAND_AFTER.includes(next)) return true;
  if (inDq && next === '"') return true;
  if (i > 0 && s[i - 1] === "[" && s.indexOf("]", i + 1) >= 0) return true;
  if (i > 1 && s[i - 1] === "{" && s[i - 2] === "$" && s.indexOf("}", i + 1) >= 0) return true;
  if (i > 0 && s[i - 1] === "$") return true;
  if (opts.extglob && next === "(" && s.indexOf(")", i + 2) >= 0) return true;
  return false;
}

interface Piece {
  text: string;
  end: number;
  printOnly: boolean;
}

function expandOne(
  s: string,
  start: number,
  soFar: string,
  hist: HistorySource,
  state: HistoryExpandState,
  inDq: boolean,
): Piece {
  let i = start + 1;
  let event: string;
  let searchWord: string | undefined;
  const c = s[i]!;
  if (c === "!") {
    event = lineOf(hist, hist.nextNumber - 1, s.slice(start, i + 1));
    i++;
  } else if (c === "#") {
    event = soFar;
    i++;
  } else if (isDigit(c) || (c === "-" && isDigit(s[i + 1] ?? ""))) {
    const neg = c === "-";
    if (neg) i++;
    let j = i;
    while (j < s.length && isDigit(s[j]!)) j++;
    const n = Number(s.slice(i, j));
    i = j;
    event = lineOf(hist, neg ? hist.nextNumber - n : n, s.slice(start, i));
  } else {
    const substring = c === "?";
    if (substring) i++;
    const from = i;
    for (; i < s.length; i++) {
      const ch = s[i]!;
      if (ch === "\n") break;
      if (substring) {
        if (ch === "?") break;
        continue;
      }
      if (ch === " " || ch === "\t" || ch === ":") break;
      if (i > from && ch === "-") break;
      if (ch !== "-" && EVENT_DELIMITERS.includes(ch)) break;
      if (SEARCH_DELIMITERS.includes(ch)) break;
      if (inDq && ch === '"') break;
    }
    let text = s.slice(from, i);
    if (substring && s[i] === "?") i++;
    if (substring && text === "") {
      if (state.lastSearch === undefined) throw new HistError(s.slice(start, i) + ": no previous search string");
      text = state.lastSearch;
    }
    // `!:2`, `!$`, `!^`, `!*`: the event is the previous command.
    event = text === "" ? lineOf(hist, hist.nextNumber - 1, s.slice(start, i)) : search(hist, text, substring, s.slice(start, i));
    if (substring) {
      state.lastSearch = text;
      const words = tokenize(event);
      searchWord = words.find((w) => w.includes(text));
      state.lastSearchWord = searchWord;
    }
  }

  // Word designator.
  let words: string[] | undefined;
  let value = event;
  const desStart = i;
  if (s[i] === ":" || (s[i] !== undefined && "^$*%".includes(s[i]!))) {
    const colon = s[i] === ":";
    const j = colon ? i + 1 : i;
    const d = s[j];
    if (d !== undefined && (isDigit(d) || "^$*%-".includes(d))) {
      words = tokenize(event);
      const r = wordRange(s, j, words, state, desStart);
      value = r.text;
      i = r.end;
    }
  }

  // Modifiers.
  let printOnly = false;
  let global = false;
  while (s[i] === ":") {
    const modStart = i;
    let m = s[i + 1];
    i += 2;
    if (m === "g" || m === "a") {
      global = true;
      m = s[i];
      i++;
      if (m !== "s" && m !== "&") throw new HistError(s.slice(modStart, i) + ": unrecognized history modifier");
    } else if (m === "G") {
      m = s[i];
      i++;
      global = true;
      if (m !== "s" && m !== "&") throw new HistError(s.slice(modStart, i) + ": unrecognized history modifier");
    }
    switch (m) {
      case "h": {
        const k = value.lastIndexOf("/");
        if (k >= 0) value = value.slice(0, k);
        break;
      }
      case "t": {
        const k = value.lastIndexOf("/");
        if (k >= 0) value = value.slice(k + 1);
        break;
      }
      case "r": {
        const k = value.lastIndexOf(".");
        if (k >= 0) value = value.slice(0, k);
        break;
      }
      case "e": {
        const k = value.lastIndexOf(".");
        if (k >= 0) value = value.slice(k);
        break;
      }
      case "p":
        printOnly = true;
        break;
      case "q":
        value = singleQuote(value);
        break;
      case "x":
        value = value
          .split(/[ \t\n]+/)
          .filter((w) => w !== "")
          .map(singleQuote)
          .join(" ");
        break;
      case "s":
      case "&": {
        if (m === "s") {
          const delim = s[i];
          if (delim === undefined) throw new HistError(s.slice(modStart, i) + ": substitution failed");
          i++;
          const o = readDelimited(s, i, delim, false);
          i = o.end;
          const n = readDelimited(s, i, delim, true);
          i = n.end;
          let old = o.text;
          if (old === "") old = state.lastOld ?? state.lastSearch ?? "";
          state.lastOld = old;
          state.lastNew = n.text;
        } else if (state.lastOld === undefined) {
          throw new HistError(s.slice(modStart, i) + ": no previous substitution");
        }
        const old = state.lastOld!;
        const repl = state.lastNew!.replace(/(\\?)&/g, (_m, bs: string) => (bs ? "&" : old));
        if (old === "" || value.indexOf(old) < 0) throw new HistError(s.slice(modStart, i) + ": substitution failed");
        value = global ? value.split(old).join(repl) : value.replace(old, () => repl);
        break;
      }
      default:
        throw new HistError(s.slice(modStart, i) + ": unrecognized history modifier");
    }
  }
  return { text: value, end: i, printOnly };
}

/** Reads up to the delimiter (consumed) or the end of the line; backslash quotes the delimiter.
 *  A missing final delimiter is allowed at the end of the line. */
function readDelimited(s: string, i: number, delim: string, isNew: boolean): { text: string; end: number } {
  let text = "";
  while (i < s.length && s[i] !== delim) {
    if (s[i] === "\\" && s[i + 1] === delim) {
      text += delim;
      i += 2;
      continue;
    }
    if (isNew && s[i] === "\\" && s[i + 1] === "&") {
      text += "\\&";
      i += 2;
      continue;
    }
    text += s[i];
    i++;
  }
  if (s[i] === delim) i++;
  return { text, end: i };
}

function wordRange(
  s: string,
  j: number,
  words: string[],
  state: HistoryExpandState,
  desStart: number,
): { text: string; end: number } {
  const last = words.length - 1;
  const bad = (end: number): never => {
    throw new HistError(s.slice(desStart, end) + ": bad word specifier");
  };
  const c = s[j]!;
  let first: number;
  let end = j + 1;
  if (c === "%") {
    if (state.lastSearchWord === undefined) bad(end);
    return { text: state.lastSearchWord!, end };
  }
  if (c === "*") {
    return { text: last >= 1 ? words.slice(1).join(" ") : "", end };
  }
  if (c === "$") first = last;
  else if (c === "^") first = 1;
  else if (c === "-") {
    first = 0;
    end = j;
  } else {
    let k = j;
    while (k < s.length && isDigit(s[k]!)) k++;
    first = Number(s.slice(j, k));
    end = k;
  }
  let lastW = first;
  if (s[end] === "*") {
    end++;
    lastW = last;
  } else if (s[end] === "-") {
    end++;
    const d = s[end];
    if (d === "$") {
      lastW = last;
      end++;
    } else if (d !== undefined && isDigit(d)) {
      let k = end;
      while (k < s.length && isDigit(s[k]!)) k++;
      lastW = Number(s.slice(end, k));
      end = k;
    } else if (d === "^") {
      lastW = 1;
      end++;
    } else lastW = last - 1;
  }
  if (first > last || lastW > last || first < 0) bad(end);
  if (lastW < first) return { text: "", end };
  return { text: words.slice(first, lastW + 1).join(" "), end };
}

function lineOf(hist: HistorySource, n: number, spec: string): string {
  const l = hist.line(n);
  if (l === undefined) throw new HistError(spec + ": event not found");
  return l;
}

function search(hist: HistorySource, text: string, substring: boolean, spec: string): string {
  for (let n = hist.nextNumber - 1; ; n--) {
    const l = hist.line(n);
    if (l === undefined) break;
    if (substring ? l.includes(text) : l.startsWith(text)) return l;
  }
  throw new HistError(spec + ": event not found");
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

function singleQuote(w: string): string {
  return "'" + w.replace(/'/g, "'\\''") + "'";
}

/** Splits a history line into words as readline's history_tokenize: blanks separate words, quoted
 *  strings and backslash escapes stay inside a word, and shell operators are words of their own. */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && (line[i] === " " || line[i] === "\t" || line[i] === "\n")) i++;
    if (i >= n) break;
    const start = i;
    i = wordEnd(line, i);
    words.push(line.slice(start, i));
  }
  return words;
}

function wordEnd(s: string, i: number): number {
  const c = s[i]!;
  if (c === "(" || c === ")") return i + 1;
  if (isDigit(c)) {
    let j = i;
    while (j < s.length && isDigit(s[j]!)) j++;
    if (s[j] === "<" || s[j] === ">") return operatorEnd(s, j);
  }
  if (";&|<>".includes(c)) return operatorEnd(s, i);
  let quote = "";
  for (; i < s.length; i++) {
    const ch = s[i]!;
    if (quote) {
      if (ch === "\\" && quote === '"') i++;
      else if (ch === quote) quote = "";
      continue;
    }
    if (ch === "\\") {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === "`") {
      quote = ch;
      continue;
    }
    if (WORD_DELIMITERS.includes(ch)) break;
  }
  return Math.min(i, s.length);
}

function operatorEnd(s: string, i: number): number {
  const c = s[i]!;
  const peek = s[i + 1];
  if (peek === c) {
    if (c === "<" && (s[i + 2] === "-" || s[i + 2] === "<")) return i + 3;
    return i + 2;
  }
  if (peek === "&" && (c === ">" || c === "<")) {
    let j = i + 2;
    while (j < s.length && isDigit(s[j]!)) j++;
    if (s[j] === "-") j++;
    return j;
  }
  if ((peek === ">" && c === "&") || (peek === "|" && c === ">") || (peek === "&" && c === "|")) return i + 2;
  return i + 1;
}
