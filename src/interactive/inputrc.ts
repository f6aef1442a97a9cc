// readline's init file (inputrc): read when the interactive editor starts ($INPUTRC, else
// ~/.inputrc, else /etc/inputrc), by `bind -f file`, and by re-read-init-file.
//
//   # comment                    blank lines too
//   set name value               a variable (Bindings.setVariable)
//   "keyseq": function-name      a binding; "keyseq": "macro"; Control-x: name
//   $if mode=emacs|vi            conditional parts: mode=, term= (the whole $TERM or its part
//   $if term=xterm                 before the first -), an application name (Bash, ipsh),
//   $if Bash                       `version` comparisons and `variable == value`;
//   $else / $endif                 they nest
//   $include /path               another file (~/ is $HOME)
//
// Errors do not stop the reading; each one is reported as readline does:
// "readline: FILE: line N: message".
import * as fs from "node:fs";
import type { Bindings } from "./bindings.ts";

export interface InitContext {
  /** $TERM */
  term: string | undefined;
  /** $HOME, for ~/ in $include */
  home: string | undefined;
  /** where error messages go */
  error(message: string): void;
}

/** The names `$if` accepts as this application's. */
const APPLICATION_NAMES = ["bash", "ipsh"];
/** The readline version ipsh's editor answers to in `$if version`. */
const READLINE_VERSION = 8.2;

/** The init file to read at start-up: $INPUTRC, ~/.inputrc, /etc/inputrc (the first that is
 *  set or exists); undefined when none. */
export function initFilePath(inputrc: string | undefined, home: string | undefined): string | undefined {
  if (inputrc) return inputrc;
  if (home && fs.existsSync(`${home}/.inputrc`)) return `${home}/.inputrc`;
  if (fs.existsSync("/etc/inputrc")) return "/etc/inputrc";
  return undefined;
}

/** Reads one init file into the bindings; returns an errno message when it cannot be read. */
export function readInitFile(b: Bindings, path: string, ctx: InitContext, depth = 0): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? "No such file or directory" : code === "EACCES" ? "Permission denied" : code === "EISDIR" ? "Is a directory" : String(code);
  }
  readInitText(b, text, path, ctx, depth);
  return undefined;
}

/** The text of an init file (readline's _rl_read_init_file). */
export function readInitText(b: Bindings, text: string, file: string, ctx: InitContext, depth = 0): void {
  // One entry per open $if: whether its lines are read, and whether some branch was taken.
  const stack: { parsing: boolean; outer: boolean }[] = [];
  let parsing = true;
  const lines = text.split("\n");
  const startMap = b.current;
  for (let n = 0; n < lines.length; n++) {
    // a backslash at the end of a line continues it
    let line = lines[n]!;
    const first = n;
    while (line.endsWith("\\") && !line.endsWith("\\\\") && n + 1 < lines.length) line = line.slice(0, -1) + lines[++n]!;
    line = line.replace(/\r$/, "").replace(/^[ \t]+/, "");
    const err = (m: string) => ctx.error(`readline: ${file}: line ${first + 1}: ${m}`);
    if (line === "" || line[0] === "#") continue;
    if (line[0] === "$") {
      const m = /^\$(\S*)[ \t]*(.*?)[ \t]*$/.exec(line)!;
      const name = m[1]!.toLowerCase();
      const arg = m[2]!;
      if (name === "if") {
        stack.push({ parsing, outer: parsing });
        if (parsing) parsing = testCondition(b, arg, ctx);
      } else if (name === "else") {
        const top = stack[stack.length - 1];
        if (!top) err("$else found without matching $if");
        else if (top.outer) parsing = !parsing;
      } else if (name === "endif") {
        const top = stack.pop();
        if (!top) err("$endif without matching $if");
        else parsing = top.outer;
      } else if (name === "include") {
        if (!parsing) continue;
        const path = arg.startsWith("~/") && ctx.home ? ctx.home + arg.slice(1) : arg;
        if (depth > 20) err(`${arg}: too many nested $include`);
        else readInitFile(b, path, ctx, depth + 1);
      } else if (parsing) err(`unknown parser directive`);
      continue;
    }
    if (!parsing) continue;
    const e = b.parseAndBind(line);
    if (e) err(e);
  }
  if (stack.length > 0) ctx.error(`readline: ${file}: line ${lines.length}: $if without matching $endif`);
  // `set keymap` in a file applies to that file's bindings only (readline restores it)
  b.current = startMap;
}

/** A `$if` test (readline's parser_if). */
function testCondition(b: Bindings, arg: string, ctx: InitContext): boolean {
  const word = arg.split(/[ \t]/)[0] ?? "";
  if (/^mode=/i.test(word)) {
    const mode = b.getVariable("editing-mode");
    return word.slice(5).toLowerCase() === mode;
  }
  if (/^term=/i.test(word)) {
    const want = word.slice(5);
    const term = ctx.term ?? "";
    return want === term || want === term.split("-")[0];
  }
  const version = /^version\s*(==|!=|<=|>=|=|<|>)\s*([0-9.]+)/i.exec(arg);
  if (version) {
    const v = parseFloat(version[2]!);
    switch (version[1]) {
      case "=":
      case "==":
        return READLINE_VERSION === v;
      case "!=":
        return READLINE_VERSION !== v;
      case "<":
        return READLINE_VERSION < v;
      case "<=":
        return READLINE_VERSION <= v;
      case ">":
        return READLINE_VERSION > v;
      case ">=":
        return READLINE_VERSION >= v;
    }
  }
  const cmp = /^([A-Za-z-]+)\s*(==|!=|=)\s*(\S+)/.exec(arg);
  if (cmp && b.vars.has(cmp[1]!)) {
    const same = b.vars.get(cmp[1]!) === cmp[3]!;
    return cmp[2] === "!=" ? !same : same;
  }
  return APPLICATION_NAMES.includes(word.toLowerCase());
}
