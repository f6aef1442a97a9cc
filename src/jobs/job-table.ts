// The job table: background jobs and stopped foreground jobs of one shell.
//
// A job is a process group (under job control) or a set of pids in the shell's own group (no
// job control), with the command text it was started from. Job specs follow bash: %n, %+, %%,
// %-, %string (command starts with), %?string (command contains), and a plain pid.

import type { Shell } from "../shell.ts";
import { describeSignalDeath, signalByNumber } from "../signals/table.ts";
import { parse } from "../../grammar/index.ts";
import { printCommand } from "../exec/command-text.ts";
import { waitPid, WNOHANG, WUNTRACED, WCONTINUED, shellStatus, type WaitStatus } from "../exec/wait-status.ts";

export type JobState = "Running" | "Stopped" | "Done";

export interface JobProc {
  pid: number;
  /** Final or last reported status */
  status?: WaitStatus;
  done: boolean;
}

export class Job {
  state: JobState = "Running";
  /** Reported to the user since the last state change */
  notified = false;
  /** disown -h: not sent SIGHUP when the shell exits */
  noHup = false;
  /** Saved terminal modes of a stopped job (restored by fg) */
  termios?: Uint8Array;
  constructor(
    public readonly id: number,
    public readonly pgid: number,
    public readonly procs: JobProc[],
    public readonly command: string,
    /** started under job control (its own process group) */
    public readonly ownGroup: boolean,
  ) {}

  /** The job's exit status: its last process's (or, with pipefail, the last failure). */
  status(pipefail = false): number {
    let s = 0;
    if (pipefail) {
      for (const p of this.procs) if (p.status && shellStatus(p.status) !== 0) s = shellStatus(p.status);
      return s;
    }
    const last = this.procs[this.procs.length - 1];
    return last?.status ? shellStatus(last.status) : 0;
  }

  get pids(): number[] {
    return this.procs.map((p) => p.pid);
  }
}

export class JobTable {
  jobs: Job[] = [];
  /** %+ and %- */
  current?: Job;
  previous?: Job;
  /** statuses of reaped background pids that are no longer in the table (for `wait PID`) */
  private reaped = new Map<number, number>();

  constructor(private readonly sh: Shell) {}

  /** A subshell's view: the parent's jobs are listed (bash lets `jobs | wc -l` see them),
   *  but the subshell never reaps or changes them. */
  cloneForSubshell(sh: Shell): JobTable {
    const t = new JobTable(sh);
    t.jobs = this.jobs.slice();
    t.current = this.current;
    t.previous = this.previous;
    t.inherited = true;
    t.inheritedJobs = new Set(this.jobs);
    return t;
  }
  /** pids of unfinished processes of the jobs this table started itself (not inherited ones) */
  ownPids(): number[] {
    const out: number[] = [];
    for (const j of this.jobs) {
      if (this.inheritedJobs?.has(j)) continue;
      for (const p of j.procs) if (!p.done) out.push(p.pid);
    }
    return out;
  }
  /** Is this one of the parent's jobs, only listed by a subshell? */
  isInherited(job: Job): boolean {
    return this.inheritedJobs?.has(job) ?? false;
  }
  private inheritedJobs: Set<Job> | undefined;
  /** A subshell's copy of its parent's jobs: they are not its children to wait for. */
  inherited = false;

  add(pgid: number, pids: number[], command: string, ownGroup: boolean): Job {
    let id = 1;
    for (const j of this.jobs) if (j.id >= id) id = j.id + 1;
    const job = new Job(id, pgid, pids.map((pid) => ({ pid, done: false })), command, ownGroup);
    this.jobs.push(job);
    this.makeCurrent(job);
    return job;
  }

  /** Make `job` the current job (%+) and choose the previous one (%-) as bash's
   *  set_current_job does: the old current job if it is stopped, else the newest older stopped
   *  job, else the newest older job in the current job's state, else any older live job. A
   *  finished job is never chosen (bash: "[2]   Killed", with no marker, once another job
   *  started after it died). */
  makeCurrent(job: Job): void {
    if (this.current !== job) {
      this.previous = this.current;
      this.current = job;
    }
    const prev = this.previous;
    if (prev && prev !== job && prev.state === "Stopped" && this.jobs.includes(prev)) return;
    this.previous = this.newestOlder(job, (j) => j.state === "Stopped") ?? this.newestOlder(job, (j) => j.state === job.state && j.state !== "Done") ?? this.newestOlder(job, (j) => j.state !== "Done");
  }

  private newestOlder(job: Job, ok: (j: Job) => boolean): Job | undefined {
    for (let i = this.jobs.length - 1; i >= 0; i--) {
      const j = this.jobs[i];
      if (j !== job && j.id < job.id && ok(j)) return j;
    }
    return undefined;
  }

  remove(job: Job): void {
    this.jobs = this.jobs.filter((j) => j !== job);
    for (const p of job.procs) if (p.status) this.reaped.set(p.pid, shellStatus(p.status));
    if (this.current === job) {
      this.current = this.previous;
      this.previous = undefined;
    }
    if (this.previous === job) this.previous = undefined;
    if (!this.current) this.current = this.jobs[this.jobs.length - 1];
    if (!this.previous) {
      const others = this.jobs.filter((j) => j !== this.current);
      this.previous = others[others.length - 1];
    }
  }

  /** Record a status for `pid` if it belongs to a job; updates the job's state. */
  record(pid: number, st: WaitStatus): Job | undefined {
    for (const job of this.jobs) {
      const p = job.procs.find((x) => x.pid === pid);
      if (!p) continue;
      if (st.kind === "continued") {
        job.state = "Running";
        return job;
      }
      p.status = st;
      p.done = st.kind !== "stopped";
      if (st.kind === "stopped") {
        if (job.state !== "Stopped") {
          job.state = "Stopped";
          job.notified = false;
          this.makeCurrent(job);
        }
      } else if (job.procs.every((x) => x.done)) {
        job.state = "Done";
        job.notified = false;
      }
      return job;
    }
    return undefined;
  }

  /** Collect every status change without blocking. Returns true if anything changed. */
  reapAll(): boolean {
    let changed = false;
    for (const job of this.jobs) {
      // a subshell lists its parent's jobs but never reaps them
      if (job.state === "Done" || this.inheritedJobs?.has(job)) continue;
      for (const p of job.procs) {
        if (p.done) continue;
        for (;;) {
          const r = waitPid(p.pid, WNOHANG | WUNTRACED | WCONTINUED);
          if (r === null) break;
          if ("errno" in r) {
            // not our child any more (reaped elsewhere): treat as done
            p.done = true;
            p.status ??= { kind: "exited", code: 127 } as WaitStatus;
            if (job.procs.every((x) => x.done)) job.state = "Done";
            changed = true;
            break;
          }
          this.record(r.pid, r.status);
          changed = true;
          if (r.status.kind !== "continued") break;
        }
      }
    }
    return changed;
  }

  /** Status of a pid reaped earlier and removed from the table, if known. */
  reapedStatus(pid: number): number | undefined {
    return this.reaped.get(pid);
  }
  forgetReaped(pid: number): void {
    this.reaped.delete(pid);
  }

  /** Find a job by spec (%n %+ %% %- %str %?str, or a pid). */
  find(spec: string): Job | string {
    if (!spec.startsWith("%")) {
      const pid = Number(spec);
      const job = this.jobs.find((j) => j.procs.some((p) => p.pid === pid));
      return job ?? `${spec}: no such job`;
    }
    const s = spec.slice(1);
    if (s === "" || s === "+" || s === "%") return this.current ?? `${spec === "%" ? "current" : spec}: no such job`;
    if (s === "-") return this.previous ?? `${spec}: no such job`;
    if (/^\d+$/.test(s)) return this.jobs.find((j) => j.id === Number(s)) ?? `${spec}: no such job`;
    let matches: Job[];
    if (s.startsWith("?")) matches = this.jobs.filter((j) => j.command.includes(s.slice(1)));
    else matches = this.jobs.filter((j) => j.command.startsWith(s));
    if (matches.length === 0) return `${spec}: no such job`;
    if (matches.length > 1) return `${spec}: ambiguous job spec`;
    return matches[0];
  }

  /** For kill: %job -> its process group (or pids). */
  resolve(spec: string): { pgid: number; pids: number[]; stopped: boolean } | { error: string } {
    const j = this.find(spec);
    if (typeof j === "string") return { error: j };
    return { pgid: j.ownGroup ? j.pgid : 0, pids: j.procs.filter((p) => !p.done).map((p) => p.pid), stopped: j.state === "Stopped" };
  }

  /** "+", "-" or " " marker for `jobs` output. */
  marker(job: Job): string {
    return job === this.current ? "+" : job === this.previous ? "-" : " ";
  }

  /** The state column of a job line. bash: "Running", "Done", "Exit N", the death description
   *  ("Terminated", "Killed", "Segmentation fault (core dumped)"); a stopped job shows
   *  "Stopped" in short listings and its stop signal's description in long ones
   *  ("Stopped (signal)" for SIGSTOP, "Stopped (tty input)" for SIGTTIN). */
  stateText(job: Job, long = false): string {
    if (job.state === "Done") {
      const last = job.procs[job.procs.length - 1]?.status;
      if (last?.kind === "signaled") return describeSignalDeath(last.signal, false);
      const st = job.status();
      return st !== 0 ? `Exit ${st}` : "Done";
    }
    if (job.state === "Stopped") {
      if (!long) return "Stopped";
      const sp = job.procs.find((p) => p.status?.kind === "stopped")?.status;
      if (sp && sp.kind === "stopped") return signalByNumber(sp.signal)?.description ?? "Stopped";
      return "Stopped";
    }
    return "Running";
  }

  /** The state column, padded to bash's 24 (LONGEST_SIGNAL_DESC), then "(core dumped) " when
   *  the job's last process left a core: "Segmentation fault      (core dumped) ./a.out". */
  private stateColumn(job: Job, long: boolean): string {
    const col = this.stateText(job, long).padEnd(24);
    const last = job.procs[job.procs.length - 1]?.status;
    return job.state === "Done" && last?.kind === "signaled" && last.core ? `${col}(core dumped) ` : col;
  }

  /** bash's job line: "[1]+  Done                    sleep 1". */
  format(job: Job): string {
    return `[${job.id}]${this.marker(job)}  ${this.stateColumn(job, false)}${job.command}`;
  }

  /** bash's `jobs -l` lines: one per process, the first with the job number and state, the
   *  others with their stage of the pipeline ("     4242                       | cat"). When the
   *  processes do not map one-to-one onto the pipeline's stages (a re-executed job), the whole
   *  command goes on the first line. */
  formatLong(job: Job): string[] {
    const stages = job.procs.length > 1 ? stageTexts(job.command, job.procs.length) : undefined;
    const lines: string[] = [];
    const state = this.stateColumn(job, true);
    job.procs.forEach((p, i) => {
      if (i === 0) lines.push(`[${job.id}]${this.marker(job)} ${p.pid} ${state}${stages ? stages[0] : job.command}`);
      else lines.push(`     ${p.pid}${" ".repeat(23)}${stages ? `| ${stages[i]}` : ""}`);
    });
    return lines;
  }

  /** Drop finished jobs without a word: what a non-interactive shell does when it starts another
   *  process (bash's cleanup_dead_jobs from stop_pipeline). Until then `wait %1` or `%-` still
   *  find a job that died between two builtins. */
  cleanupDone(): void {
    for (const job of this.jobs.slice()) if (job.state === "Done") this.remove(job);
  }

  /** Print and drop finished jobs, print newly stopped ones (before a prompt, or at a safe point). */
  notifyChanges(write: (s: string) => void, interactive: boolean): void {
    for (const job of this.jobs.slice()) {
      if (job.state === "Done") {
        if (interactive && !job.notified) write(this.format(job) + "\n");
        this.remove(job);
      } else if (job.state === "Stopped" && !job.notified) {
        if (interactive) write(this.format(job) + "\n");
        job.notified = true;
      }
    }
  }
}

/** The text of each stage of a pipeline's command text, if it has exactly `n` stages. */
function stageTexts(command: string, n: number): string[] | undefined {
  const r = parse(command + "\n");
  if (r.kind !== "ok" || r.list.items.length !== 1) return undefined;
  const ao = r.list.items[0].andOr;
  const p = ao.first;
  if (ao.rest.length !== 0 || p.commands.length !== n) return undefined;
  return p.commands.map((c) => printCommand({ kind: "Pipeline", bang: false, commands: [c], pipeStderr: [], span: c.span }));
}
