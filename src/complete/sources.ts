// The word lists behind compgen/complete actions (bash's it_init_* functions in pcomplete.c),
// each read from the shell state in the order bash produces them: sorted for aliases, functions,
// variables and builtins; table order for keywords, signals and options; file order for users,
// groups, services and hosts; directory order for files and commands found on $PATH.
import * as fs from "node:fs";
import * as path from "node:path";
import type { Shell } from "../shell.ts";
import { KEYWORDS } from "../exec/shell-exec.ts";
import { executablesIn } from "../interactive/completion.ts";
import { SIGNALS, NSIG } from "../signals/table.ts";
import { IPSH_OPTIONS, SET_OPTIONS, SHOPT_OPTIONS } from "../state/options.ts";
import { EMACS_KEYMAP } from "../interactive/keymap.ts";
import { VarAttr } from "../state/var-store.ts";
import { homeOf } from "../sys/users.ts";

function byteSort(a: string[]): string[] {
  return a.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/** Field 0 of each line of a colon-separated database (/etc/passwd, /etc/group). */
function dbNames(file: string): string[] {
  try {
    return fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l !== "" && l[0] !== "#")
      .map((l) => l.slice(0, l.indexOf(":") < 0 ? l.length : l.indexOf(":")));
  } catch {
    return [];
  }
}

/** Names and aliases from /etc/services (getservent). */
function services(): string[] {
  const out: string[] = [];
  try {
    for (const l of fs.readFileSync("/etc/services", "utf8").split("\n")) {
      const f = l.replace(/#.*/, "").trim().split(/\s+/);
      if (f.length < 2) continue;
      out.push(f[0]!, ...f.slice(2));
    }
  } catch {
    /* none */
  }
  return out;
}

/** Host names from the file $HOSTFILE names, or /etc/hosts (bash's hostname list). */
function hostnames(sh: Shell): string[] {
  const out: string[] = [];
  const file = sh.vars.get("HOSTFILE") || "/etc/hosts";
  try {
    for (const l of fs.readFileSync(file, "utf8").split("\n")) {
      const f = l.replace(/#.*/, "").trim().split(/\s+/);
      if (f.length < 2 || !/^[0-9a-fA-F:.]+$/.test(f[0]!)) continue;
      for (const n of f.slice(1)) out.push(n);
    }
  } catch {
    /* none */
  }
  return out;
}

/** Signal names as bash's signal_names table lists them: EXIT, SIG... by number, then the
 *  shell's own trap names. */
function signalNames(): string[] {
  const byNum = new Map(SIGNALS.map((s) => [s.number, "SIG" + s.name]));
  const out = ["EXIT"];
  for (let n = 1; n < NSIG; n++) out.push(byNum.get(n) ?? `SIGJUNK(${n})`);
  out.push("DEBUG", "ERR", "RETURN");
  return out;
}

/** The first word of each job's command text, for the jobs in the given state. */
function jobNames(sh: Shell, state?: "Running" | "Stopped"): string[] {
  const out: string[] = [];
  for (const j of sh.jobs.jobs) {
    if (state && j.state !== state) continue;
    out.push(j.command.trimStart().split(/[ \t\n]/)[0] ?? "");
  }
  return out;
}

/** Command names (bash's command_word_completion_function, without sorting or duplicates
 *  removed): aliases, keywords, functions, enabled builtins, then the executables of each $PATH
 *  directory in directory order. A word containing '/' completes executable files instead. */
export function commandWords(sh: Shell, word: string): string[] {
  const starts = (n: string) => n.startsWith(word);
  if (word.includes("/")) return fileWords(sh, word).filter((f) => isExecutableOrDir(sh, f));
  const out: string[] = [];
  out.push(...byteSort([...sh.aliases.keys()]).filter(starts));
  out.push(...[...KEYWORDS].filter(starts));
  out.push(...byteSort([...sh.functions.keys()]).filter(starts));
  out.push(...byteSort([...sh.builtins.keys()].filter((b) => !sh.disabledBuiltins.has(b))).filter(starts));
  for (const dir of (sh.vars.get("PATH") ?? "").split(":")) {
    const d = dir === "" ? sh.cwd : path.resolve(sh.cwd, dir);
    for (const n of executablesIn(d)) if (starts(n)) out.push(n);
  }
  return out;
}

function isExecutableOrDir(sh: Shell, f: string): boolean {
  try {
    const st = fs.statSync(path.resolve(sh.cwd, expandTildePrefix(sh, f)));
    return st.isDirectory() || (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

function expandTildePrefix(sh: Shell, p: string): string {
  const m = /^~([^/]*)/.exec(p);
  if (!m) return p;
  const home = m[1] === "" ? sh.vars.get("HOME") : homeOf(m[1]!);
  return home === undefined ? p : home + p.slice(m[0].length);
}

/** readline's filename completion: the entries of the word's directory that start with its last
 *  component, in directory order, with the directory part kept as written (a leading ~ is looked
 *  up but kept). Hidden names are included (match-hidden-files), `.` and `..` only when the
 *  component starts with a dot. */
export function fileWords(sh: Shell, word: string): string[] {
  const slash = word.lastIndexOf("/");
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : "";
  const base = word.slice(slash + 1);
  const dir = path.resolve(sh.cwd, dirPart === "" ? "." : expandTildePrefix(sh, dirPart));
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  // "." and ".." match a word that starts with a dot (readdir lists them; Node does not, so
  // they come first here, wherever the directory has them)
  if (base !== "") for (const d of [".", ".."]) if (d.startsWith(base)) out.push(dirPart + d);
  for (const n of names) if (n.startsWith(base)) out.push(dirPart + n);
  return out;
}

export function isDirectory(sh: Shell, f: string): boolean {
  try {
    return fs.statSync(path.resolve(sh.cwd, expandTildePrefix(sh, f))).isDirectory();
  } catch {
    return false;
  }
}

/** The words of one action that start with `word`. */
export function actionWords(sh: Shell, action: string, word: string): string[] {
  let list: string[];
  switch (action) {
    case "alias":
      list = byteSort([...sh.aliases.keys()]);
      break;
    case "arrayvar":
      list = sh.vars.names().filter((n) => sh.vars.isArray(n) || sh.vars.isAssoc(n));
      break;
    case "binding":
      list = byteSort([...new Set(EMACS_KEYMAP.values())]);
      break;
    case "builtin":
    case "helptopic":
      list = byteSort([...sh.builtins.keys()]);
      break;
    case "enabled":
      list = byteSort([...sh.builtins.keys()].filter((b) => !sh.disabledBuiltins.has(b)));
      break;
    case "disabled":
      list = byteSort([...sh.builtins.keys()].filter((b) => sh.disabledBuiltins.has(b)));
      break;
    case "command":
      return commandWords(sh, word);
    case "directory":
      return fileWords(sh, word).filter((f) => isDirectory(sh, f));
    case "file":
      return fileWords(sh, word);
    case "export":
      list = sh.vars.names().filter((n) => (sh.vars.attrs(n) & VarAttr.Export) !== 0);
      break;
    case "function":
      list = byteSort([...sh.functions.keys()]);
      break;
    case "hostname":
      list = hostnames(sh);
      break;
    case "group":
      list = dbNames("/etc/group");
      break;
    case "job":
      list = jobNames(sh);
      break;
    case "running":
      list = jobNames(sh, "Running");
      break;
    case "stopped":
      list = jobNames(sh, "Stopped");
      break;
    case "keyword":
      list = [...KEYWORDS];
      break;
    case "service":
      list = services();
      break;
    case "setopt":
      list = SET_OPTIONS.map((o) => o.name).filter((n) => !IPSH_OPTIONS.has(n)); // bash's names only
      break;
    case "shopt":
      list = SHOPT_OPTIONS.map((o) => o.name);
      break;
    case "signal":
      list = signalNames();
      break;
    case "user":
      list = dbNames("/etc/passwd");
      break;
    case "variable":
      list = sh.vars.names();
      break;
    default:
      list = [];
  }
  return list.filter((n) => n.startsWith(word));
}
