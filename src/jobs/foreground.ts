// Waiting for a foreground job: a new one (src/exec/external.ts, pipeline.ts) or an existing one
// brought back with `fg`. Either may stop again (Ctrl-Z) or end; the terminal comes back to the
// shell both ways, and the death of a foreground job by a signal is reported as bash does.
//
// Three ways to wait, chosen by the situation:
//  - blocking waitpid on the main thread (scripts, no job control): cheapest; signals that
//    arrive meanwhile are replayed by Bun afterwards, like bash handling them after the command;
//  - polling with backoff in an async (concurrent) state, where other stages must keep running;
//  - under interactive job control, driven by SIGCHLD (child-events.ts) so that the event loop
//    keeps running during the wait: SIGINT and SIGTSTP sent to the shell itself (not typed at
//    the terminal, which signals the job's group directly) are forwarded to the job's process
//    group, as a job-control shell must (the "tiny shell" contract: `kill -TSTP <shell>` stops
//    the foreground job, never the shell). The subscription lasts only as long as the wait: at
//    the prompt the shell ignores SIGTSTP again.
import type { Shell } from "../shell.ts";
import type { Job, JobTable } from "./job-table.ts";
import type { Gen } from "../exec/gen.ts";
import { waitPid, WNOHANG, WUNTRACED, type WaitStatus } from "../exec/wait-status.ts";
import { terminal } from "./terminal.ts";
import type { Termios } from "../sys/termios.ts";
import { childEvent } from "./child-events.ts";
import { processDispositions } from "../signals/process-dispositions.ts";
import { describeSignalDeath } from "../signals/table.ts";
import { getPid, kill, killPg } from "../sys/proc.ts";
import { BreakSignal } from "../exec/control.ts";
import { clearInterrupt, interruptPending, requestInterrupt } from "../exec/interrupt.ts";

const SIGINT = 2;
const SIGPIPE = 13;
const SIGTERM = 15;
const SIGTSTP = 20;
const LOST: WaitStatus = Object.freeze({ kind: "exited", code: 127 });

/** The process group that SIGINT and SIGTSTP sent to the interactive shell go to (0: none). */
let forwardPgid = 0;
/** Forwards a signal received by the shell to the foreground group while it runs. */
function forwardToForeground(sig: number): void {
  if (forwardPgid !== 0) killPg(forwardPgid, sig);
}

/** The SIGTSTP subscription taken before a foreground job's spawn (see armStopForwarding). */
let armedTstp: (() => void) | undefined;

/**
 * Interactive job control: catch SIGTSTP from just before a foreground job is spawned. At the
 * prompt the shell ignores SIGTSTP, and the kernel discards an ignored signal: without this, a
 * `kill -TSTP <shell>` arriving between the spawn and the start of the wait (an in-process stage
 * of the pipeline, or just the few milliseconds in between) would be lost instead of stopping
 * the job. The JS callback runs at the next event-loop turn, which is inside the wait (or an
 * in-process stage's), by when `forwardPgid` names the job. `waitProcesses` takes the
 * subscription over; `disarmStopForwarding` drops it when no wait follows (a failed spawn).
 */
export function armStopForwarding(): void {
  if (armedTstp === undefined) armedTstp = processDispositions().onSignal(SIGTSTP, forwardToForeground);
}

/** The job's group is known (right after its first spawn): forward to it from now on. */
export function noteForegroundGroup(pgid: number): void {
  if (armedTstp !== undefined && forwardPgid === 0) forwardPgid = pgid;
}

export function disarmStopForwarding(): void {
  armedTstp?.();
  armedTstp = undefined;
  forwardPgid = 0;
}

/**
 * Wait until each of `pids` has ended or (with job control) stopped, as bash waits until no
 * process of the job still runs. Fills `statuses`, one per pid. Returns true if some stopped.
 */
export function* waitProcesses(sh: Shell, pids: readonly number[], pgid: number, statuses: (WaitStatus | undefined)[]): Gen<boolean> {
  const untraced = pgid !== 0 ? WUNTRACED : 0;
  let stopped = false;
  if (pgid !== 0 && sh.interactive && !sh.async) {
    const d = processDispositions();
    const outer = forwardPgid;
    forwardPgid = pgid;
    const offInt = d.onSignal(SIGINT, forwardToForeground);
    const offTstp = armedTstp ?? d.onSignal(SIGTSTP, forwardToForeground);
    armedTstp = undefined;
    const interruptedBefore = interruptPending();
    try {
      for (let i = 0; i < pids.length; i++) {
        // a stopped child of an in-process stage was already waited for (its stop is reported once)
        let st: WaitStatus | undefined = knownStops.get(pids[i]);
        if (st) knownStops.delete(pids[i]);
        else for (;;) {
          const r = waitPid(pids[i], WNOHANG | untraced);
          if (r !== null) {
            st = "errno" in r ? LOST : r.status;
            break;
          }
          yield childEvent();
        }
        statuses[i] = st;
        if (st!.kind === "stopped") stopped = true;
      }
    } finally {
      forwardPgid = outer;
      offInt();
      offTstp();
    }
    // A SIGINT forwarded to a job that handled it and went on (bash's cooperative exit): the
    // shell does not abandon the command line. Only a job killed by SIGINT interrupts it.
    if (!interruptedBefore && !diedOf(statuses, SIGINT)) clearInterrupt();
    return stopped;
  }
  // bash's "wait and cooperative exit" (wait_sigint_cleanup): while a non-interactive shell
  // waits for a foreground command, a ^C to the terminal's group reaches both. The shell dies of
  // it only if the command did; a command that handled SIGINT itself lets the script go on. So
  // during the wait the shell catches SIGINT (when it would otherwise die of it) and decides after.
  const d = processDispositions();
  const coop = !sh.interactive && !sh.async && d.kernelDisposition(SIGINT) === "original" && !d.ignoredAtEntry.has(SIGINT);
  let gotInt = false;
  const off = coop ? d.onSignal(SIGINT, () => (gotInt = true)) : undefined;
  try {
    for (let i = 0; i < pids.length; i++) {
      let st: WaitStatus;
      if (sh.async) st = yield* waitAsync(pids[i], untraced !== 0);
      else {
        const r = waitPid(pids[i], untraced);
        st = r === null || "errno" in r ? LOST : r.status;
      }
      statuses[i] = st;
      if (st.kind === "stopped") stopped = true;
    }
    // a command killed by SIGINT: give Bun a turn to deliver ours, if it came too
    if (off && diedOf(statuses, SIGINT)) yield new Promise<void>((resolve) => setImmediate(resolve));
  } finally {
    off?.();
  }
  if (gotInt && diedOf(statuses, SIGINT)) {
    // the default disposition is back: die of the signal, as bash does
    kill(getPid(), SIGINT);
  }
  return stopped;
}

function diedOf(statuses: (WaitStatus | undefined)[], sig: number): boolean {
  for (const s of statuses) if (s && s.kind === "signaled" && s.signal === sig) return true;
  return false;
}

/** Wait for one child without blocking the event loop (concurrent in-process stages). */
export function* waitAsync(pid: number, untraced: boolean): Gen<WaitStatus> {
  let delay = 1;
  for (;;) {
    const r = waitPid(pid, WNOHANG | (untraced ? WUNTRACED : 0));
    if (r !== null) return "errno" in r ? LOST : r.status;
    yield new Promise<void>((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 20);
  }
}

/** A foreground job just stopped: keep its terminal modes (read before the shell took the
 *  terminal back and reset them; restored by fg) and report it,
 *  "\n[1]+  Stopped                 sleep 100" (the newline ends the ^Z the tty echoed). */
export function noteStopped(sh: Shell, job: Job, modes: Termios | undefined, table: JobTable = sh.jobs): void {
  stoppedInCommand = true;
  job.termios = modes;
  sh.writeErr(`\n${table.format(job)}\n`);
  job.notified = true;
}

let sigintReported = false;
let stoppedInCommand = false;

/** Before each command line of the interactive shell: nothing reported yet. */
export function beginCommandLine(): void {
  disarmStopForwarding();
  sigintReported = false;
  stoppedInCommand = false;
}

/** A job stopped while the command line ran (its status is then 148, as in bash, even when
 *  the stop abandoned an in-process part of the job). */
export function jobStoppedInCommand(): boolean {
  return stoppedInCommand;
}

/** After a foreground job of the shell itself stopped inside a loop: bash leaves every
 *  enclosing loop (the user wants the prompt back, not the next iteration) and goes on with the
 *  rest of the command line. (bash's loop status is then 148; here `break`'s 0.) */
export function leaveLoopsAfterStop(sh: Shell): void {
  if (sh.interactive && sh.loopDepth > 0) throw new BreakSignal(sh.loopDepth);
}

/** bash reports the death of a foreground job by a signal other than PIPE: SIGINT with a bare
 *  newline (after the ^C the tty echoed) and abandoning the rest of the command line; others
 *  interactively by description ("Killed", "Segmentation fault (core dumped)"), in a script
 *  as "ipsh: line 3: 1234 Killed                  sleep 9" (SIGTERM as "Terminated" alone).
 *  While a simple command's redirections are in effect (sh.deferDeathReports) the report waits
 *  in sh.deathReport: it goes to the shell's own stderr, not the command's. */
export function reportDeath(sh: Shell, st: WaitStatus | undefined, pid: number, command: string): void {
  if (st === undefined || st.kind !== "signaled" || st.signal === SIGPIPE) return;
  if (st.signal === SIGINT) {
    if (sh.interactive && !sigintReported) {
      // one newline per ^C, however many processes of the job it killed
      sigintReported = true;
      sh.writeErr("\n");
    }
    if (sh.interactive) requestInterrupt();
    return;
  }
  const text = describeSignalDeath(st.signal, st.core);
  const report = sh.interactive || st.signal === SIGTERM ? `${text}\n` : `${sh.errorPrefix()}${String(pid).padStart(5)} ${text.padEnd(24)}${command}\n`;
  if (sh.deferDeathReports > 0) sh.deathReport = report;
  else sh.writeErr(report);
}

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** A job's command text from the words it ran with (when the source text is not at hand): words
 *  that need it are single-quoted, so `sh -c 'a; b'` reads back as typed. */
export function commandText(argv: readonly string[]): string {
  let s = "";
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    if (i > 0) s += " ";
    s += SAFE_WORD.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`;
  }
  return s;
}

/** fg: wait for a continued job in the foreground. */
export function* waitJobForeground(sh: Shell, job: Job): Gen<number> {
  const pids: number[] = [];
  for (const p of job.procs) if (!p.done) pids.push(p.pid);
  const statuses: (WaitStatus | undefined)[] = [];
  yield* waitProcesses(sh, pids, job.ownGroup ? job.pgid : 0, statuses);
  for (let i = 0; i < pids.length; i++) {
    const st = statuses[i];
    if (st) sh.jobs.record(pids[i], st);
  }
  const modes = job.state === "Stopped" ? terminal.saveJobModes() : undefined;
  if (job.ownGroup) terminal.reclaim(sh);
  if (job.state === "Stopped") {
    noteStopped(sh, job, modes);
    return (sh.lastStatus = 128 + SIGTSTP);
  }
  const last = job.procs[job.procs.length - 1];
  reportDeath(sh, last?.status, last?.pid ?? 0, job.command);
  const status = job.status(sh.opts.pipefail);
  job.notified = true;
  sh.jobs.remove(job);
  sh.lastStatus = status;
  return status;
}


// ---- in-process foreground jobs ---------------------------------------------------------------
//
// An interactive shell runs some foreground jobs partly in itself: a subshell `( ... )`, a loop,
// a pipeline stage that is a builtin, function or compound command. Their external children
// must still be reachable by ^C and ^Z from the terminal, and a stop must never leave the shell
// blocked. The rule (docs/design.md, "Jobs with in-process stages"):
//  - in a foreground pipeline that has a process group (some stage is external), the children
//    of its in-process stages join that group; they get ^C and ^Z with the rest of the job;
//  - elsewhere (a subshell, a pipeline made only of in-process stages) each child gets its own
//    group and the terminal, as a command of the shell itself would;
//  - when such a child stops, the in-process part of the job is abandoned (as bash abandons a
//    loop whose command was stopped), and the stopped processes become one stopped job.

/** The foreground job being run in-process from the interactive shell's command line. */
export interface ForegroundContext {
  /** the job's process group (0 until an external stage exists) */
  pgid: number;
  /** children of in-process stages that stopped, to be added to the pipeline's job */
  stopped: number[];
}

let context: ForegroundContext | undefined;
/** Stop statuses of those children, for the pipeline's own wait */
const knownStops = new Map<number, WaitStatus>();
/** The interactive shell whose job table receives stopped jobs of in-process stages. */
let interactiveShell: Shell | undefined;

export function setInteractiveShell(sh: Shell): void {
  interactiveShell = sh;
}

/** Called by a foreground pipeline before its in-process stages run. Returns the context to
 *  restore afterwards. */
export function enterForegroundContext(pgid: number): ForegroundContext | undefined {
  const prev = context;
  context = { pgid, stopped: [] };
  return prev;
}

export function leaveForegroundContext(prev: ForegroundContext | undefined): ForegroundContext | undefined {
  const cur = context;
  context = prev;
  return cur;
}

/** How an in-process stage of the interactive shell's foreground job starts an external
 *  command: join the job's group, or (not in a concurrent stage) a group of its own with the
 *  terminal. undefined: not such a stage (main shell, command substitution, background). */
export function inProcessGroup(sh: Shell): { pgroup: number; foreground: boolean } | undefined {
  if (!sh.isSubshell || !sh.interactive || interactiveShell === undefined || !sh.opts.monitor || sh.inCmdSubst || terminal.fd < 0) return undefined;
  if (context && context.pgid !== 0) return { pgroup: context.pgid, foreground: false };
  if (sh.async) return undefined;
  return { pgroup: 0, foreground: true };
}

/** A child of an in-process stage stopped: abandon the in-process part of the job. The child
 *  joins the pipeline's stopped job, or (no pipeline group) becomes a stopped job itself in
 *  the interactive shell's table. */
export function inProcessChildStopped(sh: Shell, pid: number, pgid: number, st: WaitStatus, command: string, modes: Termios | undefined): void {
  const main = interactiveShell!;
  const late = context && context.pgid === pgid ? undefined : main.jobs.jobs.find((j) => j.ownGroup && j.pgid === pgid);
  if (context && context.pgid !== 0 && pgid === context.pgid) {
    context.stopped.push(pid);
    knownStops.set(pid, st);
  } else if (late) {
    // a concurrent stage that stopped after its pipeline became a stopped job: it joins that job
    late.procs.push({ pid, status: st, done: false });
  } else {
    const job = main.jobs.add(pgid, [pid], command, true);
    main.jobs.record(pid, st);
    noteStopped(sh, job, modes, main.jobs);
  }
  requestInterrupt();
}

/** The other concurrent stages of a foreground job one of whose stages was abandoned: the
 *  interrupt is one flag that the first safe point to see it clears, so it is raised again
 *  until every stage has unwound (each at its next safe point, or when its child dies). */
export async function unwindStages(results: readonly (number | Promise<number>)[]): Promise<void> {
  let settled = false;
  const all = Promise.allSettled(results).then(() => {
    settled = true;
  });
  while (!settled) {
    requestInterrupt();
    await Promise.race([all, new Promise<void>((resolve) => setTimeout(resolve, 5))]);
  }
  clearInterrupt();
  requestInterrupt();
}
