// Glue between the shell state and the interactive pieces, for the REPL (src/repl.ts): one line
// editor per shell, completion sources read from the shell, the prompt context, and the bash
// order of operations on an input line:
//
//   text = editor.readLine(decodePrompt(PS1) then promptvars expansion by the shell)
//   r = expandHistoryLine(sh, text)        -- !-expansion when `set -H`; print r.line if changed
//   if r.ok and r.run: saveHistory(sh, r.line); parse and run r.line
//
// Only the interface below is used from the shell, so this module does not depend on src/shell.ts.
import * as fs from "node:fs";
import * as os from "node:os";
import { complete, type CompletionResult } from "./completion.ts";
import { History } from "./history.ts";
import { expandStateFor, historyExpand } from "./history-expand.ts";
import { LineEditor, type EditorHost } from "./line-editor.ts";
import type { PromptContext } from "./prompt.ts";

/** What the interactive layer reads from the shell. */
export interface InteractiveShell {
  vars: { get(name: string): string | undefined; names(): string[] };
  opts: { histexpand: boolean; history: boolean; extglob: boolean; posix: boolean; promptvars: boolean };
  cwd: string;
  arg0: string;
  functions: Map<string, unknown>;
  aliases: Map<string, string>;
  builtins: Map<string, unknown>;
  jobs: { jobs: unknown[] };
  /** Set by this module to a History (src/interactive/history.ts). */
  history: unknown;
}

/** Reserved words (bash's word_token_alist), offered in command position. */
export const RESERVED_WORDS = [
  "!", "[[", "]]", "case", "coproc", "do", "done", "elif", "else", "esac", "fi", "for", "function",
  "if", "in", "select", "then", "time", "until", "while", "{", "}",
];

/** The shell's History, created (and loaded from HISTFILE) on first use. */
export function historyOf(sh: InteractiveShell): History {
  if (!(sh.history instanceof History)) {
    const h = new History({ lookup: (n) => sh.vars.get(n) });
    sh.history = h;
    h.load();
  }
  return sh.history as History;
}

export type LineExpansion =
  /** `line` is what to save and run; `echo` says to print it first (bash shows expanded lines);
   *  `run` is false for the :p modifier (print and save only). */
  | { ok: true; line: string; echo: boolean; run: boolean }
  /** Print `ipsh: <error>` and drop the line. */
  | { ok: false; error: string };

/** History expansion of an input line when `set -H` is on (bash's pre_process_line). */
export function expandHistoryLine(sh: InteractiveShell, text: string): LineExpansion {
  if (!sh.opts.histexpand) return { ok: true, line: text, echo: false, run: true };
  const h = historyOf(sh);
  const r = historyExpand(text, h, expandStateFor(h), { extglob: sh.opts.extglob });
  if (!r.ok) return r;
  return { ok: true, line: r.line, echo: r.changed, run: !r.printOnly };
}

/** Saves an accepted (expanded) line when `set -o history` is on. */
export function saveHistory(sh: InteractiveShell, line: string): void {
  if (sh.opts.history) historyOf(sh).add(line);
}

/** Completion over the shell's commands, variables and the file system. */
export function completionHost(sh: InteractiveShell): EditorHost {
  return {
    complete: (line: string, cursor: number): CompletionResult =>
      complete(line, cursor, {
        cwd: sh.cwd,
        home: sh.vars.get("HOME"),
        path: sh.vars.get("PATH") ?? "",
        builtins: sh.builtins.keys(),
        functions: sh.functions.keys(),
        aliases: sh.aliases.keys(),
        keywords: RESERVED_WORDS,
        variables: () => sh.vars.names(),
        getVar: (n) => sh.vars.get(n),
      }),
  };
}

/** The line editor of an interactive shell reading its terminal on fd 0, drawing on fd 2 (where
 *  bash writes prompts and the edited line). */
export function createEditor(sh: InteractiveShell, inFd = 0, outFd = 2): LineEditor {
  return new LineEditor({ inFd, outFd, history: historyOf(sh), host: completionHost(sh) });
}

let ttyName: string | undefined;
function terminalName(): string | undefined {
  if (ttyName === undefined) {
    try {
      ttyName = fs.readlinkSync("/proc/self/fd/0");
      if (!ttyName.startsWith("/dev/")) ttyName = "";
    } catch {
      ttyName = "";
    }
  }
  return ttyName || undefined;
}

/** The prompt context for decodePrompt (src/interactive/prompt.ts) from the shell state. */
export function promptContext(sh: InteractiveShell, commandNumber: number, version: string, release: string): PromptContext {
  let user = sh.vars.get("USER");
  if (!user) {
    try {
      user = os.userInfo().username;
    } catch {
      user = "";
    }
  }
  const trim = Number(sh.vars.get("PROMPT_DIRTRIM") ?? "");
  return {
    user,
    host: os.hostname(),
    cwd: sh.vars.get("PWD") || sh.cwd,
    home: sh.vars.get("HOME"),
    jobs: sh.jobs.jobs.length,
    historyNumber: historyOf(sh).nextNumber,
    commandNumber,
    euid: process.geteuid?.() ?? 1000,
    shellName: sh.arg0,
    version,
    release,
    tty: terminalName(),
    dirTrim: Number.isInteger(trim) && trim > 0 ? trim : 0,
    promptvars: sh.opts.promptvars,
    posix: sh.opts.posix,
  };
}
