// bash's coprocesses: `coproc [NAME] command` (bash manual, "Coprocesses"; execute_cmd.c
// execute_coproc and the coproc_* functions).
//
// The command runs asynchronously, like `command &`, with its standard output and standard input
// connected to the shell by two pipes. The shell keeps the other ends as NAME[0] (read what the
// coprocess writes) and NAME[1] (write what it reads), and its pid as NAME_PID and $!; the
// coprocess is a job (`jobs`, `wait $NAME_PID`, `kill %1`). NAME is COPROC unless given.
//
// As in bash:
//  - The shell's ends get the highest free descriptors below 64, chosen as bash's four
//    move_to_high_fd calls choose them (read end of the output pipe, its write end, read end of
//    the input pipe, its write end): 63 and 60 for the first coprocess. They are close-on-exec:
//    no command the shell starts gets them (FdTable.setCloseOnExec), and neither does the
//    coprocess itself. A dup of one (`exec 5>&${NAME[1]}`) is an ordinary descriptor.
//  - bash tracks one coprocess. Starting another while the previous one still has an open end
//    warns "execute_coproc: coproc [PID:NAME] still exists" and forgets the old one (its
//    variables and descriptors stay as they are).
//  - Closing an end (`exec {NAME[1]}>&-`, so the coprocess sees end-of-file) sets that element
//    to -1 (coproc_checkfd).
//  - When the coprocess has ended and the shell has noticed (the next command after the status
//    was collected), its remaining ends are closed and NAME and NAME_PID are unset
//    (coproc_reap): output it left unread is lost, as in bash.
//  - The command runs in the shell itself (`coproc cat | x`, `x | coproc cat`), whatever pipes
//    it stands between: those are closed.
//
// The coprocess is started like a background job (background.ts): an external simple command
// is spawned directly, anything else runs in a re-executed ipsh.

import type { Coproc } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import type { Job } from "../jobs/job-table.ts";
import type { Gen } from "./gen.ts";
import { OsFd } from "./fd-table.ts";
import { closeFd, pipe } from "../sys/fd.ts";
import { strerror } from "../sys/errno.ts";
import { tracing, emit } from "../explain/trace.ts";
import { expandWord } from "../expand/index.ts";
import { VarAttr } from "../state/var-store.ts";
import { jobControl } from "./external.ts";
import { startStage } from "./background.ts";
import { printCommand, jobText } from "./command-text.ts";
import { waitPid, WNOHANG } from "./wait-status.ts";

/** The coprocess a shell state knows of (bash's sh_coproc). */
export interface CoprocState {
  name: string;
  pid: number;
  job: Job;
  /** The shell fds of the shell's ends (-1 once closed), and what they hold. */
  rfd: number;
  wfd: number;
  readEnd: OsFd;
  writeEnd: OsFd;
  /** A subshell's copy: its ends are followed, but the coprocess is not the subshell's child. */
  inherited: boolean;
}

const DEFAULT_NAME = "COPROC";
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** bash's sh_openpipe moves each pipe end to the highest free descriptor below this. */
const HIGH_FD_LIMIT = 64;

export function* execCoproc(sh: Shell, c: Coproc): Gen<number> {
  sh.lineno = c.span.line + sh.lineBase;
  // (the check before this command decided whether the previous coprocess is still known)
  const old = sh.coproc;
  if (old !== undefined && (old.rfd >= 0 || old.wfd >= 0)) sh.diag(`warning: execute_coproc: coproc [${old.pid}:${old.name}] still exists`);
  sh.coproc = undefined;
  // what has ended by now is collected (bash's SIGCHLD handler would have): job numbers
  if (sh.jobs.jobs.length > 0) sh.jobs.reapAll();

  // the NAME word is expanded without splitting or globbing, then must be an identifier
  const name = c.name === undefined ? DEFAULT_NAME : yield* expandWord(sh.host, c.name);
  if (!IDENTIFIER.test(name)) {
    sh.diag(`\`${name}': not a valid identifier`);
    return (sh.lastStatus = 1);
  }

  const out = pipe(); // the coprocess writes, the shell reads
  const inp = typeof out === "number" ? out : pipe(); // the shell writes, the coprocess reads
  if (typeof out === "number" || typeof inp === "number") {
    if (typeof out !== "number") for (const fd of out) closeFd(fd);
    sh.diag(`pipe error: ${strerror(-(typeof out === "number" ? out : (inp as number)))}`);
    return (sh.lastStatus = 1);
  }
  if (tracing) {
    emit({ kind: "pipe", read: out[0], write: out[1] });
    emit({ kind: "pipe", read: inp[0], write: inp[1] });
  }
  const readEnd = new OsFd(out[0], false, "coprocess output (read end)");
  const childOut = new OsFd(out[1], false, "pipe");
  const childIn = new OsFd(inp[0], false, "pipe");
  const writeEnd = new OsFd(inp[1], false, "coprocess input (write end)");

  const jc = jobControl(sh);
  const st = sh.cloneForSubshell();
  let started: number | { status: number };
  try {
    st.fds.set(0, childIn);
    st.fds.set(1, childOut);
    started = yield* startStage(st, c.body, jc, 0);
  } finally {
    st.fds.dispose(); // the coprocess has its ends; the shell keeps only its own
  }
  if (typeof started !== "number") {
    // the coprocess could not be started (the error is printed)
    releaseEnd(readEnd);
    releaseEnd(writeEnd);
    return (sh.lastStatus = started.status);
  }
  const pid = started;

  // the shell's ends: bash's numbering, kept past the frames of enclosing redirections (the
  // table is replaced, as `exec 3<f` replaces it)
  const t = sh.fds.clone();
  const taken: number[] = [];
  const high = (): number => {
    for (let fd = HIGH_FD_LIMIT - 1; fd > 3; fd--) {
      if (t.entry(fd) === undefined && !taken.includes(fd)) {
        taken.push(fd);
        return fd;
      }
    }
    const fd = t.lowestFree(10);
    taken.push(fd);
    return fd;
  };
  const rfd = high();
  high(); // the coprocess's ends took these two numbers in bash before they were closed
  high();
  const wfd = high();
  t.set(rfd, readEnd);
  t.set(wfd, writeEnd);
  t.setCloseOnExec(rfd);
  t.setCloseOnExec(wfd);
  if (tracing) {
    emit({ kind: "fdmap", shellFd: rfd, osFd: readEnd.fd, label: `${name}[0]: the coprocess's output`, closeOnExec: true });
    emit({ kind: "fdmap", shellFd: wfd, osFd: writeEnd.fd, label: `${name}[1]: the coprocess's input`, closeOnExec: true });
  }
  const prev = sh.fds;
  sh.fds = t;
  prev.dispose();

  const text = `coproc ${name} ${jobText(printCommand({ kind: "Pipeline", bang: false, commands: [c.body], pipeStderr: [], span: c.body.span }))}`;
  const job = sh.jobs.add(jc ? pid : 0, [pid], text, jc);
  sh.lastBgPid = pid;
  if (sh.interactive && jc) sh.writeErr(`[${job.id}] ${pid}\n`);
  const cp: CoprocState = { name, pid, job, rfd, wfd, readEnd, writeEnd, inherited: false };
  sh.coproc = cp;
  setVars(sh, cp);
  return (sh.lastStatus = 0);
}

/** An end the shell never put in its table (the start failed): close it. */
function releaseEnd(e: OsFd): void {
  closeFd(e.fd);
}

/** bash's coproc_setvars: NAME=([0]=read end [1]=write end) and NAME_PID. A readonly NAME is
 *  reported and left alone (NAME_PID too). */
function setVars(sh: Shell, cp: CoprocState): void {
  const v = sh.vars;
  if (v.attrs(cp.name) & VarAttr.Readonly) {
    sh.diag(`${cp.name}: readonly variable`);
    return;
  }
  try {
    v.setElement(cp.name, 0, String(cp.rfd));
    v.setElement(cp.name, 1, String(cp.wfd));
    v.set(`${cp.name}_PID`, String(cp.pid));
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    sh.diag(e.message);
  }
}

/** bash's coproc_unsetvars: NAME_PID and NAME go when the coprocess is disposed of. */
function unsetVars(sh: Shell, cp: CoprocState): void {
  for (const n of [`${cp.name}_PID`, cp.name]) {
    try {
      if (sh.vars.attrs(n) & VarAttr.Readonly) sh.diag(`${n}: cannot unset: readonly variable`);
      else sh.vars.unset(n);
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      sh.diag(e.message);
    }
  }
}

let lastPoll = 0;

/**
 * Between commands (each item of a list) while a coprocess is known: an end closed since the
 * last look becomes -1 in NAME (bash does this when the redirection closes it); once the
 * coprocess has ended, its ends are closed and its variables unset. Whether it ended is asked
 * of the kernel at most once a millisecond, unless something else collected its status already
 * (a foreground command, `wait`, `jobs`). Found ended by this very look, it is disposed of at
 * the next one: bash learns of the death from SIGCHLD a moment after it, so the command right
 * after `exec {NAME[1]}>&-` still sees NAME as it was.
 */
export function coprocCheck(sh: Shell): void {
  const cp = sh.coproc;
  if (cp === undefined) return;
  if ((cp.rfd >= 0 && sh.fds.entry(cp.rfd) !== cp.readEnd) || (cp.wfd >= 0 && sh.fds.entry(cp.wfd) !== cp.writeEnd)) {
    if (cp.rfd >= 0 && sh.fds.entry(cp.rfd) !== cp.readEnd) cp.rfd = -1;
    if (cp.wfd >= 0 && sh.fds.entry(cp.wfd) !== cp.writeEnd) cp.wfd = -1;
    setVars(sh, cp);
  }
  if (cp.inherited) return;
  const proc = cp.job.procs[0]!;
  if (!proc.done) {
    const t = performance.now();
    if (t - lastPoll < 1) return;
    lastPoll = t;
    const r = waitPid(cp.pid, WNOHANG);
    if (r === null) return;
    if ("errno" in r) {
      // collected elsewhere (not through this job): it has ended
      proc.done = true;
      proc.status ??= { kind: "exited", code: 127 };
      cp.job.state = "Done";
    } else if (sh.jobs.record(r.pid, r.status) === undefined) {
      // no longer in the job table (disown)
      proc.status = r.status;
      proc.done = true;
    }
    return;
  }
  disposeCoproc(sh, cp);
}

/** bash's coproc_dispose: unset the variables, close the ends still open, forget it. */
function disposeCoproc(sh: Shell, cp: CoprocState): void {
  sh.coproc = undefined;
  unsetVars(sh, cp);
  if (cp.rfd >= 0 && sh.fds.entry(cp.rfd) === cp.readEnd) sh.fds.set(cp.rfd, undefined);
  if (cp.wfd >= 0 && sh.fds.entry(cp.wfd) === cp.writeEnd) sh.fds.set(cp.wfd, undefined);
}
