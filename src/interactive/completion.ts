// Tab completion for the line editor, the way bash's default (non-programmable) completion works:
//
//  - the word before the cursor is found with shell quoting rules (quotes and backslashes do not
//    end a word; blanks and the operators ; | & < > ( ) do);
//  - `$NA` / `${NA` complete variable names, `~us` completes user names (with a trailing '/');
//  - a word in command position (first word, after an operator, assignment or keyword) completes
//    aliases, keywords, functions, builtins and executables on $PATH; when none match, or when the
//    word contains a '/', it completes file names;
//  - file names are relative to the shell's logical cwd, hidden files only for a leading '.',
//    directories get '/', and the inserted text is quoted as bash does: backslashes before the
//    characters in FILENAME_QUOTE_CHARS when the word is unquoted, or continued inside the quote the
//    word opened ('...' or "...") and closed when the match is complete.
//
// A result lists whole replacement texts for line[start, end); `suffix` is what to add when exactly
// one candidate remains (' ' after a complete word, nothing after a directory).
import { scanUnquoted } from "./quote-scan.ts";
import * as fs from "node:fs";
import * as path from "node:path";

export interface CompletionResult {
  start: number;
  end: number;
  /** Replacement texts (already quoted). */
  candidates: string[];
  /** What to show when listing the candidates (file names without their directory, '/' on dirs). */
  display?: string[];
  /** Appended after a unique candidate. */
  suffix?: string;
}

export interface CompletionSources {
  /** The shell's logical working directory (absolute). */
  cwd: string;
  home?: string;
  /** $PATH. */
  path?: string;
  builtins?: Iterable<string>;
  functions?: Iterable<string>;
  aliases?: Iterable<string>;
  keywords?: Iterable<string>;
  /** Names of set variables. */
  variables?: () => Iterable<string>;
  /** A variable's value (to add '/' after $DIR). */
  getVar?: (name: string) => string | undefined;
  /** User names for ~user (defaults to the names in /etc/passwd). */
  users?: () => Iterable<string>;
}

/** Characters bash escapes with a backslash in completed file names (checked against bash 5.2:
 *  `a\=b`, `c\:d`, `h\@i`, `j\{k`, `p\!q`, but `l,m`, `n]o`, `u}v`). `#` and `~` are escaped only
 *  at the start of the word, where they would start a comment or a tilde expansion. */
export const FILENAME_QUOTE_CHARS = " \t\n\\\"'@<>=;|&()$`?*[!:{";

/** Words after which the next word is a command name. */
const COMMAND_KEYWORDS = new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "{", "time", "exec", "command", "sudo", "builtin", "nohup", "env"]);

const OPERATOR_CHARS = ";|&()";
const REDIRECT_CHARS = "<>";

interface WordInfo {
  start: number;
  /** Quote open at the cursor: "'" or '"' or "". */
  quote: string;
  commandPosition: boolean;
}

/** Finds the start of the word that ends at `cursor`, and whether it is a command name. */
export function wordAt(line: string, cursor: number): WordInfo {
  let commandPosition = true;
  let afterRedirect = false;
  let i = 0;
  for (;;) {
    while (i < cursor && (line[i] === " " || line[i] === "\t" || line[i] === "\n")) i++;
    if (i >= cursor) return { start: cursor, quote: "", commandPosition: commandPosition && !afterRedirect };
    const c = line[i]!;
    if (OPERATOR_CHARS.includes(c)) {
      i++;
      commandPosition = true;
      afterRedirect = false;
      continue;
    }
    if (REDIRECT_CHARS.includes(c)) {
      while (i < cursor && (REDIRECT_CHARS.includes(line[i]!) || line[i] === "&")) i++;
      afterRedirect = true;
      continue;
    }
    // A word: scan with quoting until an unquoted delimiter or the cursor.
    const start = i;
    let quote = "";
    while (i < cursor) {
      const ch = line[i]!;
      if (quote === "'") {
        if (ch === "'") quote = "";
      } else if (quote === '"') {
        if (ch === "\\") i++;
        else if (ch === '"') quote = "";
      } else if (ch === "\\") i++;
      else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === " " || ch === "\t" || ch === "\n" || OPERATOR_CHARS.includes(ch) || REDIRECT_CHARS.includes(ch)) break;
      i++;
    }
    if (i >= cursor) return { start, quote, commandPosition: commandPosition && !afterRedirect };
    const word = line.slice(start, i);
    if (afterRedirect) afterRedirect = false;
    else if (commandPosition && !/^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(word) && !COMMAND_KEYWORDS.has(word)) {
      commandPosition = false;
    }
  }
}

/** Removes shell quoting from a (partial) word: quotes, backslashes. */
export function dequote(word: string): string {
  let out = "";
  let quote = "";
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (quote === "'") {
      if (c === "'") quote = "";
      else out += c;
    } else if (quote === '"') {
      if (c === '"') quote = "";
      else if (c === "\\" && i + 1 < word.length && "$`\"\\\n".includes(word[i + 1]!)) out += word[++i];
      else out += c;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\\" && i + 1 < word.length) out += word[++i];
    else if (c !== "\\") out += c;
  }
  return out;
}

/** Quotes a completed name for insertion: backslashes outside quotes, or inside the open quote. */
export function quoteName(name: string, quote: string): string {
  if (quote === "'") return "'" + name.replace(/'/g, "'\\''");
  if (quote === '"') return '"' + name.replace(/[$`"\\]/g, "\\$&");
  let out = name[0] === "#" || name[0] === "~" ? "\\" : "";
  for (const c of name) out += FILENAME_QUOTE_CHARS.includes(c) ? "\\" + c : c;
  return out;
}

/** Index of the last = or : outside quotes and escapes in line[start, end), or -1. */
function lastWordBreak(line: string, start: number, end: number): number {
  let found = -1;
  scanUnquoted(line, start, end, (i, c) => {
    if (c === "=" || c === ":") found = i;
    return false;
  });
  return found;
}

/** Completes the word before `cursor`. */
export function complete(line: string, cursor: number, src: CompletionSources): CompletionResult {
  const w = wordAt(line, cursor);
  // Like bash (COMP_WORDBREAKS contains = and :), completion starts after the last unquoted = or :
  // of the word, so `PATH=/us` and `a:/et` complete the path part.
  const brk = lastWordBreak(line, w.start, cursor);
  if (brk >= 0) {
    w.start = brk + 1;
    w.commandPosition = false;
  }
  const raw = line.slice(w.start, cursor);

  // $NAME and ${NAME
  const v = /\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(raw);
  if (v && w.quote !== "'" && (v.index === 0 || raw[v.index - 1] !== "\\")) {
    const brace = v[1] === "{";
    const prefix = v[2] ?? "";
    const names = [...(src.variables?.() ?? [])].filter((n) => n.startsWith(prefix)).sort();
    const start = w.start + v.index;
    const candidates = names.map((n) => (brace ? "${" + n + "}" : "$" + n));
    let suffix = " ";
    if (names.length === 1 && !brace) {
      const val = src.getVar?.(names[0]!);
      if (val && isDirectory(val)) suffix = "/";
    }
    return { start, end: cursor, candidates, display: candidates, suffix };
  }

  // ~user
  if (w.quote === "" && /^~[^/\\'"]*$/.test(raw)) {
    const prefix = raw.slice(1);
    const users = [...(src.users ? src.users() : passwdUsers())].filter((u) => u.startsWith(prefix)).sort();
    const candidates = [...new Set(users)].map((u) => "~" + u + "/");
    return { start: w.start, end: cursor, candidates, display: candidates, suffix: "" };
  }

  const text = dequote(raw);
  if (w.commandPosition && !text.includes("/")) {
    const names = commandNames(text, src);
    if (names.length > 0) {
      const candidates = names.map((n) => quoteName(n, w.quote));
      if (candidates.length === 1) candidates[0] += w.quote;
      return { start: w.start, end: cursor, candidates, display: names, suffix: " " };
    }
  }
  return fileCompletion(text, w, cursor, src);
}

function commandNames(prefix: string, src: CompletionSources): string[] {
  const set = new Set<string>();
  const add = (it: Iterable<string> | undefined) => {
    if (it) for (const n of it) if (n.startsWith(prefix)) set.add(n);
  };
  add(src.aliases);
  add(src.keywords);
  add(src.functions);
  add(src.builtins);
  for (const dir of (src.path ?? "").split(":")) {
    const d = dir === "" ? src.cwd : path.resolve(src.cwd, dir);
    for (const n of executablesIn(d)) if (n.startsWith(prefix)) set.add(n);
  }
  return [...set].sort();
}

// Executables per $PATH directory (directory order), cached until the directory's mtime changes.
const execCache = new Map<string, { mtime: number; names: string[] }>();
export function executablesIn(dir: string): string[] {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    return [];
  }
  const hit = execCache.get(dir);
  if (hit && hit.mtime === st.mtimeMs) return hit.names;
  const names: string[] = [];
  try {
    for (const n of fs.readdirSync(dir)) {
      try {
        const s = fs.statSync(dir + "/" + n);
        if (s.isFile() && (s.mode & 0o111) !== 0) names.push(n);
      } catch {
        /* dangling link */
      }
    }
  } catch {
    return [];
  }
  execCache.set(dir, { mtime: st.mtimeMs, names });
  return names;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

let passwdCache: string[] | undefined;
function passwdUsers(): string[] {
  if (passwdCache) return passwdCache;
  try {
    passwdCache = fs
      .readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .map((l) => l.slice(0, l.indexOf(":")))
      .filter((n) => n !== "");
  } catch {
    passwdCache = [];
  }
  return passwdCache;
}

function homeOf(user: string, src: CompletionSources): string | undefined {
  if (user === "") return src.home;
  try {
    for (const l of fs.readFileSync("/etc/passwd", "utf8").split("\n")) {
      const f = l.split(":");
      if (f[0] === user) return f[5];
    }
  } catch {
    /* no passwd */
  }
  return undefined;
}

function fileCompletion(text: string, w: WordInfo, cursor: number, src: CompletionSources): CompletionResult {
  const slash = text.lastIndexOf("/");
  const dirPart = slash >= 0 ? text.slice(0, slash + 1) : "";
  const base = text.slice(slash + 1);
  // A leading ~ or ~user stays as typed; the directory is looked up through it.
  let lookupDir = dirPart;
  let keepTilde = "";
  const t = /^~([^/]*)\//.exec(dirPart);
  if (t && w.quote === "") {
    const home = homeOf(t[1]!, src);
    if (home !== undefined) {
      lookupDir = home + dirPart.slice(t[0].length - 1);
      keepTilde = t[0];
    }
  }
  const dir = path.resolve(src.cwd, lookupDir === "" ? "." : lookupDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    names = [];
  }
  const matches: string[] = [];
  for (const n of names) {
    if (!n.startsWith(base)) continue;
    if (n[0] === "." && base[0] !== ".") continue;
    matches.push(n);
  }
  matches.sort();
  const display: string[] = [];
  const candidates: string[] = [];
  for (const n of matches) {
    const isDir = isDirectory(dir + "/" + n);
    const shown = n + (isDir ? "/" : "");
    display.push(shown);
    const rest = dirPart.slice(keepTilde.length) + shown;
    let q = keepTilde + quoteName(rest, w.quote);
    if (w.quote !== "" && !isDir && matches.length === 1) q += w.quote;
    candidates.push(q);
  }
  const single = matches.length === 1 && display[0]!.endsWith("/");
  return { start: w.start, end: cursor, candidates, display, suffix: single ? "" : " " };
}
