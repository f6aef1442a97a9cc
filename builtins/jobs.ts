// Job control builtins: jobs, fg, bg, wait, disown.
import { parseOptions } from "./options.ts";
import { quoteForReuse } from "../src/expand/quote.ts";
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import type { Gen } from "../src/exec/gen.ts";
import type { Job } from "../src/jobs/job-table.ts";
import { waitJobForeground } from "../src/jobs/foreground.ts";
import { childEvent } from "../src/jobs/child-events.ts";
import { killPg, kill } from "../src/sys/proc.ts";
import { processDispositions } from "../src/signals/process-dispositions.ts";
import { terminal } from "../src/jobs/terminal.ts";
import { describeSignalDeath } from "../src/signals/table.ts";

const SIGCONT = 18;
const SIGHUP = 1;
const SIGINT = 2;

function findJob(ctx: BuiltinContext, spec: string | undefined): Job | undefined {
  const sh = ctx.sh;
  sh.jobs.reapAll();
  if (spec === undefined) {
    if (!sh.jobs.current) {
      ctx.error("current: no such job");
      return undefined;
    }
    return sh.jobs.current;
  }
  const j = sh.jobs.find(spec);
  if (typeof j === "string") {
    ctx.error(j);
    return undefined;
  }
  return j;
}

function signalJob(job: Job, sig: number): void {
  if (job.ownGroup) killPg(job.pgid, sig);
  else for (const p of job.procs) if (!p.done) kill(p.pid, sig);
}

/** jobs -x command args: each argument that names a job (%spec) becomes the job's process group
 *  id, then the command runs (bash's execute_list_with_replacements; a bad spec stays as written). */
function runWithJobIds(ctx: BuiltinContext, args: string[]): number | Gen<number> {
  if (args.length === 0) return 0;
  const sh = ctx.sh;
  sh.jobs.reapAll();
  const words = args.map((a) => {
    if (a[0] !== "%") return a;
    const j = sh.jobs.find(a);
    return typeof j === "string" ? a : String(j.ownGroup ? j.pgid : j.procs[0]!.pid);
  });
  return sh.runString(words.map(quoteForReuse).join(" "), "jobs");
}

const jobsBuiltin: BuiltinDef = {
  name: "jobs",
  special: false,
  synopsis: "jobs [-lnprs] [jobspec ...] or jobs -x command [args]",
  description: "Display status of jobs.",
  run(ctx) {
    const sh = ctx.sh;
    let long = false;
    let pidsOnly = false;
    let onlyRunning = false;
    let onlyStopped = false;
    // -n: only jobs whose state changed since they were last reported (a new job counts)
    let onlyChanged = false;
    const parsed = parseOptions(ctx, "lpnxrs", "jobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]");
    if (typeof parsed === "number") return parsed;
    let execute = false;
    for (const o of parsed.opts) {
      if (o.letter === "x") {
        if (long || pidsOnly || onlyChanged) {
          ctx.error("no other options allowed with `-x'");
          return 1;
        }
        execute = true;
      } else if (o.letter === "l") long = true;
      else if (o.letter === "p") pidsOnly = true;
      else if (o.letter === "r") onlyRunning = true;
      else if (o.letter === "s") onlyStopped = true;
      else onlyChanged = true;
    }
    const args = parsed.rest;
    if (execute) return runWithJobIds(ctx, args);
    sh.jobs.reapAll();
    let list = sh.jobs.jobs.slice();
    if (args.length) {
      list = [];
      for (const a of args) {
        const j = sh.jobs.find(a);
        if (typeof j === "string") {
          ctx.error(j);
          return 1;
        }
        list.push(j);
      }
    }
    for (const job of list) {
      if (onlyRunning && job.state !== "Running") continue;
      if (onlyStopped && job.state !== "Stopped") continue;
      if (onlyChanged && job.notified) continue;
      if (pidsOnly) {
        // the group leader; without job control the first process (bash)
        ctx.out(`${job.ownGroup ? job.pgid : job.procs[0].pid}\n`);
        continue;
      }
      const amp = job.state === "Running" ? " &" : "";
      if (long) {
        const lines = sh.jobs.formatLong(job);
        for (let i = 0; i < lines.length; i++) ctx.out(lines[i] + (i === lines.length - 1 ? amp : "") + "\n");
      } else ctx.out(sh.jobs.format(job) + amp + "\n");
      job.notified = true;
    }
    // jobs reports finished jobs once, then forgets them (bash)
    for (const job of sh.jobs.jobs.slice()) if (job.state === "Done" && job.notified) sh.jobs.remove(job);
    return 0;
  },
};

const fgBuiltin: BuiltinDef = {
  name: "fg",
  special: false,
  synopsis: "fg [job_spec]",
  description: "Move job to the foreground.",
  run(ctx): number | Gen<number> {
    const sh = ctx.sh;
    if (!sh.opts.monitor) {
      ctx.error("no job control");
      return 1;
    }
    const job = findJob(ctx, ctx.args[0]);
    if (!job) return 1;
    // ended but not yet reported: bash refuses (the notice follows before the next prompt)
    if (job.state === "Done") {
      ctx.error("job has terminated");
      return 1;
    }
    ctx.out(`${job.command}\n`);
    return (function* () {
      if (job.ownGroup) terminal.giveTo(job.pgid, job.termios);
      job.state = "Running";
      signalJob(job, SIGCONT);
      return yield* waitJobForeground(sh, job);
    })();
  },
};

const bgBuiltin: BuiltinDef = {
  name: "bg",
  special: false,
  synopsis: "bg [job_spec ...]",
  description: "Move jobs to the background.",
  run(ctx) {
    const sh = ctx.sh;
    if (!sh.opts.monitor) {
      ctx.error("no job control");
      return 1;
    }
    const specs = ctx.args.length ? ctx.args : [undefined];
    let status = 0;
    for (const s of specs) {
      const job = findJob(ctx, s);
      if (!job) {
        status = 1;
        continue;
      }
      if (job.state === "Done") {
        ctx.error("job has terminated");
        status = 1;
        continue;
      }
      if (job.state === "Running") {
        ctx.error(`job ${job.id} already in background`);
        continue;
      }
      job.state = "Running";
      signalJob(job, SIGCONT);
      ctx.out(`[${job.id}]${sh.jobs.marker(job)} ${job.command} &\n`);
    }
    return status;
  },
};

/**
 * wait [-n] [-p var] [id ...]: wait for jobs or pids. A trapped signal interrupts the wait
 * with status 128+N at once (POSIX 2.11), its trap runs at the next safe point.
 */
const waitBuiltin: BuiltinDef = {
  name: "wait",
  special: false,
  synopsis: "wait [-fn] [-p var] [id ...]",
  description: "Wait for job completion and return exit status.",
  run(ctx): number | Gen<number> {
    const sh = ctx.sh;
    let any = false;
    let pvar: string | undefined;
    let args = ctx.args;
    while (args.length && args[0].startsWith("-") && args[0].length > 1) {
      if (args[0] === "--") {
        args = args.slice(1);
        break;
      }
      if (args[0] === "-p") {
        pvar = args[1];
        args = args.slice(2);
        continue;
      }
      for (const c of args[0].slice(1)) {
        if (c === "n") any = true;
        else if (c === "f") {
          /* wait for termination: the default here */
        } else {
          ctx.error(`-${c}: invalid option`);
          ctx.err("wait: usage: wait [-fn] [-p var] [id ...]\n");
          return 2;
        }
      }
      args = args.slice(1);
    }
    return waitFor(ctx, args, any, pvar);
  },
};

function* waitFor(ctx: BuiltinContext, args: string[], any: boolean, pvar: string | undefined): Gen<number> {
  const sh = ctx.sh;
  const d = processDispositions();
  // resolve targets: jobs (all of them when no args)
  type Target = { job?: Job; pid?: number };
  const targets: Target[] = [];
  let status = 0;
  if (args.length === 0) {
    // a subshell waits for its own children only, not the parent's jobs it lists
    for (const j of sh.jobs.jobs) if (!sh.jobs.isInherited(j)) targets.push({ job: j });
  } else {
    for (const a of args) {
      if (a.startsWith("%")) {
        const j = sh.jobs.find(a);
        if (typeof j === "string") {
          ctx.error(j);
          status = 127;
          continue;
        }
        targets.push({ job: j });
      } else if (/^\d+$/.test(a)) {
        const pid = Number(a);
        const j = sh.jobs.jobs.find((x) => x.procs.some((p) => p.pid === pid));
        if (j && !sh.jobs.isInherited(j)) targets.push({ job: j, pid });
        else {
          const st = sh.jobs.reapedStatus(pid);
          if (st !== undefined) {
            status = st;
            sh.jobs.forgetReaped(pid);
          } else {
            ctx.error(`pid ${a} is not a child of this shell`);
            status = 127;
          }
        }
      } else {
        ctx.error(`\`${a}': not a pid or valid job spec`);
        status = 2;
      }
    }
  }
  if (targets.length === 0) return any && args.length === 0 ? 127 : status;
  const remaining = targets.slice();
  const targetStatus = new Map<Target, number>();
  for (;;) {
    sh.jobs.reapAll();
    for (let i = remaining.length - 1; i >= 0; i--) {
      const t = remaining[i];
      const job = t.job!;
      const done = t.pid !== undefined ? job.procs.find((p) => p.pid === t.pid)!.done : job.state === "Done";
      if (!done) continue;
      const proc = t.pid !== undefined ? job.procs.find((p) => p.pid === t.pid)! : job.procs[job.procs.length - 1];
      const st = t.pid !== undefined ? (proc.status ? statusOf(proc.status) : 0) : job.status(sh.opts.pipefail);
      // bash: the status of the last operand named (not of the last to finish)
      if (i === remaining.length - 1 || any) status = st;
      targetStatus.set(t, st);
      reportSignalDeath(sh, proc);
      remaining.splice(i, 1);
      if (job.state === "Done") {
        job.notified = true;
        sh.jobs.remove(job);
      }
      if (any) {
        if (pvar) sh.vars.set(pvar, String(proc.pid));
        return status;
      }
    }
    if (remaining.length === 0) {
      // `wait` without operands returns 0; with operands, the last operand's status
      if (args.length === 0) return 0;
      return targetStatus.get(targets[targets.length - 1]) ?? status;
    }
    if (d.hasPending()) {
      const sig = d.pendingSignals()[0];
      return 128 + sig;
    }
    const got = (yield nextWaitEvent(sh.interactive)) as { signal: number };
    if (got.signal === -SIGINT) {
      // the tty echoed ^C; bash ends the line and abandons the rest of the command line
      sh.writeErr("\n");
      return 128 + SIGINT;
    }
    if (got.signal > 0) return 128 + got.signal;
  }
}

/** The next child event or trapped signal; in an interactive shell also ^C (as signal -2),
 *  which interrupts `wait` as it does in bash. */
function nextWaitEvent(interactive: boolean): Promise<{ signal: number }> {
  const d = processDispositions();
  const next = d.raceTrappedSignal(childEvent());
  if (!interactive) return next;
  let off: (() => void) | undefined;
  const int = new Promise<{ signal: number }>((resolve) => {
    off = d.onSignal(SIGINT, () => resolve({ signal: -SIGINT }));
  });
  return Promise.race([next, int]).finally(() => off?.());
}

/** Non-interactive bash reports a background job killed by a signal when `wait` collects it:
 *  "ipsh: line 3:  1234 Hangup                  sleep 1" (pid 5 wide, description 24). */
function reportSignalDeath(sh: BuiltinContext["sh"], proc: { pid: number; status?: import("../src/exec/wait-status.ts").WaitStatus }): void {
  const st = proc.status;
  // bash is silent about SIGINT, SIGPIPE and SIGTERM deaths of background jobs
  if (sh.interactive || !st || st.kind !== "signaled" || st.signal === 2 || st.signal === 13 || st.signal === 15) return;
  const job = sh.jobs.jobs.find((j) => j.procs.includes(proc as never));
  sh.diag(`${String(proc.pid).padStart(5)} ${describeSignalDeath(st.signal, st.core).padEnd(24)}${job?.command ?? ""}`);
}

function statusOf(s: import("../src/exec/wait-status.ts").WaitStatus): number {
  switch (s.kind) {
    case "exited":
      return s.code;
    case "signaled":
    case "stopped":
      return 128 + s.signal;
    default:
      return 0;
  }
}

const disownBuiltin: BuiltinDef = {
  name: "disown",
  special: false,
  synopsis: "disown [-h] [-ar] [jobspec ... | pid ...]",
  description: "Remove jobs from the current shell.",
  run(ctx) {
    const sh = ctx.sh;
    let all = false;
    let running = false;
    let keepButNoHup = false;
    const parsed = parseOptions(ctx, "ahr", "disown: usage: disown [-h] [-ar] [jobspec ... | pid ...]");
    if (typeof parsed === "number") return parsed;
    for (const o of parsed.opts) {
      if (o.letter === "a") all = true;
      else if (o.letter === "r") running = true;
      else keepButNoHup = true;
    }
    const args = parsed.rest;
    sh.jobs.reapAll();
    let list: Job[];
    if (all || running) list = sh.jobs.jobs.filter((j) => !running || j.state === "Running");
    else if (args.length === 0) {
      if (!sh.jobs.current) {
        ctx.error("current: no such job");
        return 1;
      }
      list = [sh.jobs.current];
    } else {
      list = [];
      for (const a of args) {
        const j = sh.jobs.find(a);
        if (typeof j === "string") {
          ctx.error(j);
          return 1;
        }
        list.push(j);
      }
    }
    for (const j of list) {
      if (keepButNoHup) j.noHup = true;
      else sh.jobs.remove(j);
    }
    return 0;
  },
};

/**
 * When an interactive shell exits (bash's end_job_control / hangup_all_jobs):
 *  - on SIGHUP (the terminal went away, `hangup`): every job gets SIGHUP, stopped ones SIGCONT too;
 *  - on exit or ^D: stopped jobs get SIGHUP and SIGCONT (they could never be continued again);
 *    running jobs keep running, unless `shopt -s huponexit` in a login shell.
 * Jobs marked with `disown -h` are left alone.
 */
export function hangUpJobs(sh: BuiltinContext["sh"], hangup = false): void {
  const all = hangup || (sh.opts.huponexit && sh.loginShell);
  for (const job of sh.jobs.jobs) {
    if (job.noHup) continue;
    if (!all && job.state !== "Stopped") continue;
    signalJob(job, SIGHUP);
    if (job.state === "Stopped") signalJob(job, SIGCONT);
  }
}

export const jobBuiltins: BuiltinDef[] = [jobsBuiltin, fgBuiltin, bgBuiltin, waitBuiltin, disownBuiltin];
