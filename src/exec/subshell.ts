// Subshells without fork: ( list ), pipeline stages, $( list ) and <( list ) run in-process on a
// clone of the shell state (Shell.cloneForSubshell). The boundary catches what would end a
// forked subshell (exit, a fatal expansion error, a broken pipe) and turns it into a status.
// Nothing the clone changes leaks out; its descriptor table is released when it ends.

import { decodeUtf8 } from "../sys/utf8.ts";
import { pendingTraps, safePoint } from "./safe-point.ts";
import { adoptOrphan } from "../jobs/orphans.ts";
import { tracing, emit } from "../explain/trace.ts";
import type { List } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { ExitSignal, ReturnSignal, BreakSignal, ContinueSignal, LineAbort } from "./control.ts";
import { ExpansionError } from "../expand/host.ts";
import { PipeSignal } from "./io.ts";
import { execList } from "./execute.ts";
import { openRedirects } from "./redirect.ts";
import { OsFd } from "./fd-table.ts";
import { memfd, readChunk, seek, SEEK_SET } from "../sys/fd.ts";
import { runExitTrapOf } from "./exit.ts";

/** ( list ): run in a clone; `exit` ends only the clone. */
export function* runSubshell(sh: Shell, body: List, _line: number): Gen<number> {
  const st = sh.cloneForSubshell();
  const status = yield* runStage(st, () => execList(st, body), true, sh);
  sh.lastStatus = status;
  // a signal that arrived while the clone ran (its traps were reset) is the parent's to handle
  if (pendingTraps()) yield* safePoint(sh);
  return status;
}

/**
 * Run `body` as the whole life of subshell state `st` and return its exit status. With
 * `dispose`, the clone's descriptors are released afterwards (closing pipe ends it held).
 */
export function* runStage(st: Shell, body: () => Gen<number>, dispose: boolean, parent?: Shell): Gen<number> {
  let status = 0;
  const what = st.inCmdSubst ? "cmdsub" : st.isStage ? "stage" : "subshell";
  if (tracing) emit({ kind: "inproc", what, phase: "start", level: st.subshellLevel });
  try {
    status = yield* body();
    status = yield* runExitTrapOf(st, status);
  } catch (e) {
    if (e instanceof ExitSignal) status = yield* runExitTrapOf(st, e.status);
    else if (e instanceof PipeSignal) status = 141;
    else if (e instanceof ExpansionError) status = e.status;
    else if (e instanceof ReturnSignal) status = yield* runExitTrapOf(st, e.status);
    else if (e instanceof LineAbort) status = e.status;
    else if (e instanceof BreakSignal || e instanceof ContinueSignal) status = 0;
    else throw e;
  } finally {
    if (dispose) st.fds.dispose();
    // the clone's own background jobs will never be waited for: reap them when they end
    if (st.isSubshell) for (const pid of st.jobs.ownPids()) adoptOrphan(pid);
    // a trap the subshell set changed the process's dispositions: give the parent's back
    if (parent && parent.traps !== st.traps) parent.traps.afterSubshell(st.traps);
    if (tracing) emit({ kind: "inproc", what, phase: "end", status, level: st.subshellLevel });
  }
  return status;
}


/**
 * $( list ): the body runs in a clone whose fd 1 is an in-memory file (memfd): builtins write
 * to it directly, external commands inherit it, and their output lands in order. Writers
 * never block (no reader has to keep up), which is what makes an in-process capture safe.
 */
export function* commandSubst(sh: Shell, body: List): Gen<string> {
  const redirOnly = inputRedirectOnly(body);
  if (redirOnly) return yield* readRedirected(sh, redirOnly);
  const fd = memfd("ipsh-cmdsub");
  if (fd < 0) {
    sh.diag("cannot capture command output");
    return "";
  }
  const out = new OsFd(fd, false, "command substitution");
  if (tracing) emit({ kind: "memfd", purpose: "command substitution", fd });
  out.refs++; // held until read back
  const st = sh.cloneForSubshell();
  st.fds.set(1, out);
  st.inCmdSubst = true;
  if (!sh.opts.inherit_errexit) st.opts.errexit = false;
  let status: number;
  try {
    status = yield* runStage(st, () => execList(st, body), true, sh);
  } catch (e) {
    out.refs--;
    if (out.refs <= 0) closeOs(fd);
    throw e;
  }
  const text = readAllFrom(fd);
  out.refs--;
  if (out.refs <= 0) closeOs(fd);
  sh.lastStatus = status;
  sh.cmdSubStatus = status;
  if (pendingTraps()) {
    yield* safePoint(sh);
    sh.lastStatus = status;
  }
  return text;
}

import { closeFd } from "../sys/fd.ts";
function closeOs(fd: number): void {
  closeFd(fd);
  if (tracing) emit({ kind: "close", fd });
}

/** Two read buffers for every capture: readAllFrom is synchronous, so they are never in use
 *  twice. (A fresh 64 KiB buffer per $(...) was a quarter of the cmdsub workload's CPU time.) */
const readBuf = new Uint8Array(65536);
const readBuf2 = new Uint8Array(65536);

function readAllFrom(fd: number, rewind = true): string {
  if (rewind) seek(fd, 0, SEEK_SET);
  const first = readChunk(fd, readBuf);
  if (first <= 0) return "";
  // the usual small output: one read, then end of file; decoded straight from the buffer
  const n = readChunk(fd, readBuf2);
  if (n <= 0) return decodeUtf8(readBuf.subarray(0, first));
  return readRest(fd, [readBuf.slice(0, first), readBuf2.slice(0, n)], first + n);
}

function readRest(fd: number, chunks: Uint8Array[], total: number): string {
  const buf = readBuf;
  for (;;) {
    const n = readChunk(fd, buf);
    if (n <= 0) break;
    chunks.push(buf.slice(0, n));
    total += n;
  }
  if (chunks.length === 1) return decodeUtf8(chunks[0]!);
  const all = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    all.set(c, off);
    off += c.length;
  }
  return decodeUtf8(all);
}

/** $(< file): bash's shortcut for the contents of file (a lone input redirection, no command). */
function inputRedirectOnly(body: List): import("../../grammar/ast.ts").Redirect | undefined {
  if (body.items.length !== 1 || body.items[0].background) return undefined;
  const ao = body.items[0].andOr;
  if (ao.rest.length || ao.first.commands.length !== 1 || ao.first.bang) return undefined;
  const c = ao.first.commands[0];
  if (c.kind !== "SimpleCommand" || c.words.length || c.assigns.length || c.redirects.length !== 1) return undefined;
  const r = c.redirects[0];
  return r.op === "<" && (r.fd === undefined || r.fd === 0) ? r : undefined;
}

function* readRedirected(sh: Shell, r: import("../../grammar/ast.ts").Redirect): Gen<string> {
  const frame = yield* openRedirects(sh, sh.fds, [r]);
  if (!frame) {
    sh.lastStatus = sh.cmdSubStatus = 1;
    return "";
  }
  const fd = frame.os(0)!;
  const text = readAllFrom(fd, false);
  frame.dispose();
  sh.lastStatus = sh.cmdSubStatus = 0;
  return text;
}
