// Running commands at the top level: -c strings, script files, standard input; the boundary
// where control-flow signals and fatal errors become exit statuses; and the exit sequence
// (EXIT trap, SIGHUP to jobs, terminal handed back).
import { decodeUtf8, fsPath } from "./sys/utf8.ts";

import { echoInput } from "./exec/verbose.ts";
import { safePoint } from "./exec/safe-point.ts";
import { reapOrphans } from "./jobs/orphans.ts";
import { readFileSync } from "node:fs";
import type { List } from "../grammar/ast.ts";
import { CommandReader, formatSyntaxError, parse } from "../grammar/index.ts";
import type { Shell } from "./shell.ts";
import { runGen } from "./exec/gen.ts";
import { execList } from "./exec/execute.ts";
import { ExitSignal, ReturnSignal, BreakSignal, ContinueSignal, LineAbort } from "./exec/control.ts";
import { ExpansionError } from "./expand/host.ts";
import { PipeSignal } from "./exec/io.ts";
import { InterruptSignal, clearInterrupt } from "./exec/interrupt.ts";
import { parseOptions } from "./exec/shell-exec.ts";
import { runExitTrapOf } from "./exec/exit.ts";
import { terminal } from "./jobs/terminal.ts";
import { readByte, readChunk, seek, SEEK_CUR, EOF } from "./sys/fd.ts";
import { getPid, kill } from "./sys/proc.ts";
import { defaultSignal } from "./sys/signal-ffi.ts";
import { absPath } from "./exec/redirect.ts";

/** Thrown to end the shell with a status (after the top-level boundary caught an exit). */
export class ShellExit {
  constructor(public status: number) {}
}

/**
 * Run one parsed command list at the top level. Returns the status; throws ShellExit when the
 * shell must end (exit, a fatal error in a non-interactive shell).
 */
export async function runTop(sh: Shell, list: List): Promise<number> {
  clearInterrupt();
  try {
    const r = runGen(execList(sh, list));
    const status = typeof r === "number" ? r : await r;
    return status;
  } catch (e) {
    return topLevelError(sh, e);
  }
}

function topLevelError(sh: Shell, e: unknown): number {
  if (e instanceof ExitSignal) throw new ShellExit(e.status);
  if (e instanceof ExpansionError) {
    // an unset parameter (${x?}, set -u) ends a non-interactive shell; bash -c exits with 127
    // there (a script or standard input with the error's status, 1)
    const status = e.fatal && !sh.interactive && sh.inputMode === "c" ? e.cStatus : e.status;
    sh.lastStatus = status;
    if (!sh.interactive && e.fatal) throw new ShellExit(status);
    return status;
  }
  if (e instanceof PipeSignal) {
    // the shell's own output pipe is gone: die of SIGPIPE like any writer (bash does)
    defaultSignal(13);
    kill(getPid(), 13);
    throw new ShellExit(141);
  }
  if (e instanceof InterruptSignal) {
    if (!sh.interactive) throw new ShellExit(130);
    return (sh.lastStatus = 130);
  }
  if (e instanceof ReturnSignal) return (sh.lastStatus = e.status);
  if (e instanceof LineAbort) {
    // bash's jump_to_top_level(DISCARD) ends a `bash -c` string altogether
    if (e.throughEval && !sh.interactive && sh.inputMode === "c") throw new ShellExit(e.status);
    return (sh.lastStatus = e.status);
  }
  if (e instanceof BreakSignal || e instanceof ContinueSignal) return sh.lastStatus;
  if (e instanceof ShellExit) throw e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    sh.diag("maximum recursion depth exceeded");
    if (!sh.interactive) throw new ShellExit(2);
    return (sh.lastStatus = 2);
  }
  sh.diag(`internal error: ${e instanceof Error ? e.message : String(e)}`);
  if (process.env.IPSH_DEBUG && e instanceof Error) sh.writeErr(`${e.stack}\n`);
  return (sh.lastStatus = 1);
}

/** Run source text command by command; stop at a syntax error (status 2), as bash does. */
async function runReader(sh: Shell, source: string, file: string | undefined, aliases = true): Promise<number> {
  const reader = new CommandReader(source, aliases ? parseOptions(sh, file) : { ...parseOptions(sh, file), alias: undefined });
  let status = 0;
  for (;;) {
    const po = parseOptions(sh, file);
    reader.setAlias(aliases ? po.alias : undefined);
    reader.setExtglob(po.extglob === true);
    const from = reader.offset;
    const r = reader.next();
    echoInput(sh, source.slice(from, reader.offset));
    if (r.kind === "eof") break;
    if (r.kind !== "ok") {
      sh.lineno = r.error.span.line;
      sh.writeErr(formatSyntaxError(r.error, source, sh.errorPrefixAt(r.error.span.line), file ?? "-c"));
      return (sh.lastStatus = 2);
    }
    if (sh.opts.noexec) continue;
    status = await runTop(sh, r.list);
    reapAndNotify(sh);
  }
  return status;
}

/** A re-executed subshell: become a copy of the parent (its state as shell text), then take its $?. */
export async function runPrologue(sh: Shell, prologue: string, status: number): Promise<void> {
  try {
    await runReader(sh, prologue, undefined);
  } catch (e) {
    if (!(e instanceof ShellExit)) throw e;
  }
  sh.lastStatus = status;
}

/** `aliases` false: the text was printed from a parsed command (a re-executed job), whose aliases
 *  the parent already expanded; expanding them again would apply them twice. */
export async function runCommandString(sh: Shell, text: string, aliases = true): Promise<number> {
  // the string ends the last command even without a newline: `ipsh -c 'echo a >'` is bash's
  // "unexpected token `newline'", not an incomplete command
  if (!text.endsWith("\n")) text += "\n";
  try {
    return await runReader(sh, text, undefined, aliases);
  } catch (e) {
    if (e instanceof ShellExit) return e.status;
    throw e;
  }
}

/** bash's check_binary_file: a NUL before the first newline in the first 80 bytes. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 80);
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 10) return false;
    if (bytes[i] === 0) return true;
  }
  return false;
}

export async function runScriptFile(sh: Shell, script: string): Promise<number> {
  let text: string;
  try {
    const bytes = readFileSync(fsPath(absPath(sh, script)));
    if (looksBinary(bytes)) {
      sh.writeErr(`${script}: ${script}: cannot execute binary file\n`);
      return 126;
    }
    text = decodeUtf8(bytes);
    // bash's input reader drops NUL bytes (shell words are C strings)
    if (text.includes("\0")) text = text.replaceAll("\0", "");
  } catch (e) {
    const code = (e as { code?: string }).code;
    const msg = code === "EISDIR" ? "Is a directory" : code === "EACCES" ? "Permission denied" : "No such file or directory";
    sh.writeErr(`ipsh: ${script}: ${msg}\n`);
    return code === "ENOENT" ? 127 : 126;
  }
  try {
    return await runReader(sh, text, script);
  } catch (e) {
    if (e instanceof ShellExit) return e.status;
    throw e;
  }
}

/**
 * Commands from standard input, not interactive: read a line at a time without reading past
 * it (byte by byte from a pipe; a block and lseek back from a file), so that commands the
 * script runs (and `read`) see the rest of the input, as in bash.
 */
export async function runStdin(sh: Shell): Promise<number> {
  const input = new LineInput(0);
  let status = 0;
  let text = "";
  let startLine = 1;
  let lineNo = 0;
  try {
    for (;;) {
      const line = input.readLine();
      if (line === undefined) {
        if (text !== "") {
          const r = parse(text, parseOptions(sh, undefined, startLine));
          if (r.kind !== "ok") {
            sh.writeErr(formatSyntaxError(r.error, text, sh.errorPrefixAt(r.error.span.line), "stdin"));
            return 2;
          }
          if (!sh.opts.noexec) status = await runTop(sh, r.list);
        }
        break;
      }
      echoInput(sh, line);
      lineNo++;
      text += line;
      // more lines may follow: a here-document not ended yet is incomplete here (only the
      // end of input ends one, with bash's warning, in the parse above)
      const r = parse(text, { ...parseOptions(sh, undefined, startLine), heredocEofOk: false });
      if (r.kind === "incomplete") continue;
      if (r.kind === "error") {
        sh.lineno = r.error.span.line;
        sh.writeErr(formatSyntaxError(r.error, text, sh.errorPrefixAt(r.error.span.line), "stdin"));
        return (sh.lastStatus = 2);
      }
      text = "";
      startLine = lineNo + 1;
      if (!sh.opts.noexec) status = await runTop(sh, r.list);
      reapAndNotify(sh);
    }
  } catch (e) {
    if (e instanceof ShellExit) return e.status;
    throw e;
  }
  return status;
}

/** Line reader on a descriptor that never consumes past the line it returns. */
export class LineInput {
  private seekable: boolean;
  private buf = new Uint8Array(4096);
  constructor(private readonly fd: number) {
    this.seekable = seek(fd, 0, SEEK_CUR) >= 0;
  }
  /** The next line including its newline, or undefined at end of input. */
  readLine(): string | undefined {
    const bytes: number[] = [];
    if (this.seekable) {
      for (;;) {
        const n = readChunk(this.fd, this.buf);
        if (n <= 0) break;
        const nl = this.buf.subarray(0, n).indexOf(10);
        if (nl >= 0) {
          for (let i = 0; i <= nl; i++) bytes.push(this.buf[i]);
          seek(this.fd, nl + 1 - n, SEEK_CUR);
          return decodeUtf8(new Uint8Array(bytes));
        }
        for (let i = 0; i < n; i++) bytes.push(this.buf[i]);
      }
    } else {
      for (;;) {
        const b = readByte(this.fd);
        if (b === EOF || b < 0) break;
        bytes.push(b);
        if (b === 10) return decodeUtf8(new Uint8Array(bytes));
      }
    }
    return bytes.length ? decodeUtf8(new Uint8Array(bytes)) : undefined;
  }
}

/** Collect finished background jobs; report them in interactive shells (before the prompt). */
export function reapAndNotify(sh: Shell): void {
  reapOrphans();
  if (sh.jobs.jobs.length === 0) return;
  sh.jobs.reapAll();
  // a non-interactive shell forgets finished jobs only when it starts another process
  // (external.ts startProcess), as bash does
  if (sh.interactive) sh.jobs.notifyChanges((s) => sh.writeErr(s), true);
}

/** The exit sequence: EXIT trap, hang up jobs of an interactive shell, terminal back, exit. */
export async function finish(sh: Shell, status: number): Promise<never> {
  // traps of signals that arrived during the last command run before the shell exits
  try {
    // only when some signal is caught for a trap: a macrotask turn costs start-up time otherwise
    if (sh.trapsSet) {
      const p = runGen(safePoint(sh, true));
      if (p instanceof Promise) await p;
    }
  } catch (e) {
    if (e instanceof ExitSignal) status = e.status;
  }
  try {
    const r = runGen(runExitTrapOf(sh, status));
    status = typeof r === "number" ? r : await r;
  } catch (e) {
    if (e instanceof ExitSignal) status = e.status;
    else if (e instanceof ShellExit) status = e.status;
  }
  if (sh.interactive) {
    const { hangUpJobs } = await import("../builtins/jobs.ts");
    hangUpJobs(sh);
  }
  terminal.release();
  process.exit(status & 255);
}
