// The executor's entry points on a Shell: running source text (scripts, eval, source, trap
// actions), command and process substitution, and command lookup for type/command/hash.
// Installed on Shell.prototype so that src/shell.ts (the state) does not import the executor.

import { echoInput } from "./verbose.ts";
import type { List } from "../../grammar/ast.ts";
import { CommandReader, formatSyntaxError, type ParseOptions } from "../../grammar/index.ts";
import { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { execList } from "./execute.ts";
import { LineAbort } from "./control.ts";
import { commandSubst } from "./subshell.ts";
import { processSubst } from "./procsub.ts";
import { resolveCommand } from "./spawn.ts";

/** Reserved words, for `type` and `command -V`. */
export const KEYWORDS = new Set([
  "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do", "done",
  "in", "function", "time", "{", "}", "!", "[[", "]]", "coproc",
]);

/** Parse options that follow the shell state (aliases, extglob). */
export function parseOptions(sh: Shell, file?: string, startLine?: number): ParseOptions {
  return {
    file,
    startLine,
    extglob: sh.opts.extglob,
    alias: sh.opts.expand_aliases || sh.interactive ? (name: string) => sh.aliases.get(name) : undefined,
    // scripts, -c and eval: a here-document ended by the end of input is accepted with bash's
    // warning (interactively more lines are read instead)
    heredocEofOk: !sh.interactive,
    onWarning: (w) => sh.writeErr(`${sh.errorPrefixAt(w.span.line)}${w.message}\n`),
  };
}

/**
 * Run source text command by command (so an alias defined by one command applies to the next,
 * and the commands before a syntax error run, as in bash). Returns the last status; a syntax
 * error prints bash's message and gives status 2. Line numbers continue from the current line
 * (eval, source), or with `resetLine` count from 1 in the text and are restored afterwards
 * (bash's SEVAL_RESETLINE: the actions of signal traps and of the EXIT trap).
 */
function* runString(this: Shell, source: string, name: string, resetLine = false): Gen<number> {
  const sh = this;
  const reader = new CommandReader(source, parseOptions(sh, name));
  const savedBase = sh.lineBase;
  const savedLine = sh.lineno;
  sh.lineBase = resetLine ? 0 : Math.max(0, sh.lineno - 1);
  // while a trap action runs, $BASH_COMMAND stays the command the trap interrupted (bash)
  const trap = name === "trap";
  if (trap) sh.commandFrozen++;
  let status = 0;
  sh.lastStatus = sh.lastStatus;
  try {
    for (;;) {
      const from = reader.offset;
      const r = reader.next();
      echoInput(sh, source.slice(from, reader.offset));
      if (r.kind === "eof") break;
      if (r.kind !== "ok") {
        sh.lineno = r.error.span.line + sh.lineBase;
        sh.writeErr(formatSyntaxError(r.error, source, sh.errorPrefixAt(r.error.span.line + sh.lineBase), name));
        status = 2;
        sh.lastStatus = 2;
        break;
      }
      status = yield* execList(sh, r.list);
    }
  } catch (e) {
    // an assignment error abandons the rest of the eval'd / sourced text, not the caller's
    // line: eval and source then return its status (bash)
    if (!(e instanceof LineAbort) || e.throughEval) throw e;
    status = sh.lastStatus = e.status;
  } finally {
    sh.lineBase = savedBase;
    if (trap) sh.commandFrozen--;
    if (resetLine) sh.lineno = savedLine;
  }
  return status;
}

function* runListMethod(this: Shell, list: List): Gen<number> {
  return yield* execList(this, list);
}

function* commandSubstMethod(this: Shell, body: List): Gen<string> {
  return yield* commandSubst(this, body);
}

function* processSubstMethod(this: Shell, op: "<" | ">", body: List): Gen<string> {
  return yield* processSubst(this, op, body);
}

function findInPath(this: Shell, name: string): string | undefined {
  const r = resolveCommand(name, this.vars.get("PATH"), this.cwd);
  return typeof r === "string" ? r : undefined;
}

function lookupCommand(this: Shell, name: string): { kind: "alias" | "keyword" | "function" | "builtin" | "file"; path?: string } | undefined {
  if (this.aliases.has(name)) return { kind: "alias" };
  if (KEYWORDS.has(name)) return { kind: "keyword" };
  if (this.functions.has(name)) return { kind: "function" };
  if (this.builtins.has(name) && !this.disabledBuiltins.has(name)) return { kind: "builtin" };
  const hashed = this.hash.get(name);
  if (hashed) return { kind: "file", path: hashed };
  if (name.includes("/")) {
    // a path names a command only when it is an executable regular file
    const r = resolveCommand(name, this.vars.get("PATH"), this.cwd);
    return typeof r === "string" ? { kind: "file", path: name } : undefined;
  }
  const p = this.findInPath(name);
  return p ? { kind: "file", path: p } : undefined;
}

Object.assign(Shell.prototype, {
  runString,
  runList: runListMethod,
  commandSubst: commandSubstMethod,
  processSubst: processSubstMethod,
  findInPath,
  lookupCommand,
});
