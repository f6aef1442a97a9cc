// kill [-s sigspec | -n signum | -sigspec] pid | %job ...    kill -l|-L [sigspec|status ...]
//
// Follows bash's kill_builtin:
// - Options come first: -l/-L (list), -s SPEC and -n NUM (also attached: -sINT, -n9), -SPEC
//   (-9, -KILL, -SIGKILL, any case), and `--`. Only the first signal option counts: after it
//   a "-N" is an operand (process group N), as in bash. A missing option argument is
//   "kill: -s: option requires an argument", status 1; an invalid signal
//   "kill: FOO: invalid signal specification", status 1.
// - -l without operands prints the table (five columns, bash's layout; POSIX mode: the names
//   on one line). With operands: a number prints the name without SIG (a number above 128 is
//   taken as an exit status and 128 is subtracted, so `kill -l $?` names the signal that
//   killed a job; 0 is EXIT), a name prints its number (pseudo-signals too: ERR is 66).
// - Operands: a decimal pid (negative: a process group), or %job through the job table. Errors
//   for one operand are reported and the rest are still signalled; the status is 0 if any
//   signal was sent (bash's any_succeeded), else 1.
// - No operand after the options: usage, status 2.
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import {
  formatSignalNamesPosix,
  formatSignalTable,
  NSIG,
  parseSignalNumber,
  signalName,
} from "../src/signals/table.ts";
import { parseTrapCondition, PSEUDO_SIGNALS } from "../src/signals/traps.ts";
import { errno, kill as sysKill, strerror } from "../src/sys/signal-ffi.ts";
import { libc } from "../src/sys/libc.ts";
import { processDispositions } from "../src/signals/process-dispositions.ts";
import type { Gen } from "../src/exec/gen.ts";

/** A job as the job table resolves a %spec for kill. */
export type ResolvedJob = { pgid: number; pids: number[]; stopped?: boolean } | { error: string };

/** What `kill` needs from the shell. */
export interface KillShell {
  opts: { posix: boolean };
  /** The job table (absent in a shell without jobs: %specs then fail as "no such job"). */
  jobs?: { resolve(spec: string): ResolvedJob };
}

/** How kill reaches the kernel (the real kill(2), or a recorder in tests). */
export interface KillSys {
  /** 0 on success, else the errno. */
  kill(pid: number, sig: number): number;
}

export const processKill: KillSys = {
  kill(pid, sig) {
    return sysKill(pid, sig) === 0 ? 0 : errno();
  },
};

const USAGE =
  "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n";
const SIGTERM = 15;
const EINVAL = 22;
const ESRCH = 3;

/** Decode a signal spec as kill does: a number 0..64 or a (pseudo-)signal name. Pseudo-signal
 *  names give bash's numbers (EXIT is 0, which only checks the process exists). */
function decodeKillSignal(spec: string): number | undefined {
  return parseTrapCondition(spec);
}

function isAlpha(c: string | undefined): boolean {
  return c !== undefined && /^[A-Za-z]$/.test(c);
}
function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** The name bash prints for `kill -l N`: EXIT for 0, pseudo names, "" for 32/33. */
function listName(n: number): string | undefined {
  if (n === 0) return "EXIT";
  if (n < 0 || n >= NSIG) return undefined;
  return signalName(n) ?? "";
}

function listOperands(ctx: BuiltinContext, operands: string[]): number {
  let status = 0;
  for (const arg of operands) {
    const num = parseSignalNumber(arg);
    if (num !== undefined) {
      const n = num > 128 ? num - 128 : num;
      const name = listName(n);
      if (name === undefined) {
        ctx.error(`${arg}: invalid signal specification`);
        status = 1;
      } else if (name !== "") {
        ctx.out(name + "\n");
      }
      continue;
    }
    const sig = decodeKillSignal(arg);
    if (sig === undefined) {
      ctx.error(`${arg}: invalid signal specification`);
      status = 1;
    } else {
      ctx.out(`${sig}\n`);
    }
  }
  return status;
}

/** Whether kill(pid) reaches this process: its pid, its own group, 0 (own group), -1 (all). */
function reachesSelf(pid: number): boolean {
  if (pid === process.pid || pid === 0 || pid === -1) return true;
  return pid < -1 && -pid === libc().getpgrp();
}

/** kill, recording in `self` the signals it sent to the shell's own process. */
export function runKill(ctx: BuiltinContext, sys: KillSys = processKill, self?: number[]): number {
  const sh = ctx.sh as unknown as KillShell;
  const args = ctx.args;
  if (args.length === 0) {
    ctx.err(USAGE);
    return 2;
  }
  let listing = false;
  let sig = SIGTERM;
  let sigspec = "TERM";
  // Only the first signal option counts: after it, "-N" operands are process groups (bash).
  let sigSeen = false;
  let i = 0;
  for (; i < args.length; i++) {
    const w = args[i]!;
    // the signal named by this option word, decoded once below
    let spec: string | undefined;
    if (w === "-l" || w === "-L") {
      listing = true;
    } else if (w === "-s" || w === "-n") {
      spec = args[i + 1];
      if (spec === undefined) {
        ctx.error(`${w}: option requires an argument`);
        return 1;
      }
      i++;
    } else if (w === "--") {
      i++;
      break;
    } else if (w === "-?") {
      ctx.err(USAGE);
      return 2;
    } else if ((w.startsWith("-s") && isAlpha(w[2])) || (w.startsWith("-n") && isDigit(w[2]))) {
      spec = w.slice(2);
    } else if (w.startsWith("-") && !sigSeen) {
      spec = w.slice(1);
    } else {
      break;
    }
    if (spec === undefined) continue;
    const s = decodeKillSignal(spec);
    if (s === undefined) {
      ctx.error(`${spec}: invalid signal specification`);
      return 1;
    }
    sig = s;
    sigspec = spec;
    sigSeen = true;
  }
  const operands = args.slice(i);

  if (listing) {
    if (operands.length === 0) {
      ctx.out(sh.opts.posix ? formatSignalNamesPosix() : formatSignalTable());
      return 0;
    }
    return listOperands(ctx, operands);
  }
  if (operands.length === 0) {
    ctx.err(USAGE);
    return 2;
  }
  // Pseudo-signals other than EXIT (0) are not real signals: kill(2) fails with EINVAL.
  const isPseudo = sig >= NSIG && PSEUDO_SIGNALS.some((p) => p.slot === sig);

  let anySucceeded = false;
  for (const arg of operands) {
    const pid = parseSignalNumber(arg);
    if (pid !== undefined) {
      const e = isPseudo ? EINVAL : sendTo(sys, pid, sig);
      if (e === 0 && sig !== 0 && self !== undefined && reachesSelf(pid)) self.push(sig);
      if (e === 0) anySucceeded = true;
      else if (e === EINVAL) ctx.error(`${sigspec}: invalid signal specification`);
      else ctx.error(`(${pid}) - ${strerror(e)}`);
      continue;
    }
    if (arg.startsWith("%")) {
      const job = sh.jobs?.resolve(arg) ?? { error: "no such job" };
      if ("error" in job) {
        // The job table's message may already name the spec ("%9: no such job").
        ctx.error(job.error.startsWith(`${arg}: `) ? job.error : `${arg}: ${job.error}`);
        continue;
      }
      const e = isPseudo ? EINVAL : signalJob(sys, job, sig);
      // bash: a stopped job sent SIGTERM or SIGHUP is continued too, so that it can die of it
      if (e === 0 && job.stopped && (sig === 15 || sig === 1)) signalJob(sys, job, 18);
      if (e === 0) anySucceeded = true;
      else if (e === EINVAL) ctx.error(`${sigspec}: invalid signal specification`);
      else ctx.error(`${arg}: ${strerror(e)}`);
      continue;
    }
    ctx.error(`${arg}: arguments must be process or job IDs`);
  }
  return anySucceeded ? 0 : 1;
}

function sendTo(sys: KillSys, pid: number, sig: number): number {
  // pid_t is 32 bits: anything outside is no process at all.
  if (pid > 0x7fffffff || pid < -0x7fffffff) return ESRCH;
  return sys.kill(pid, sig);
}

/** Signal a job: its process group when it has one, else each of its processes. */
function signalJob(sys: KillSys, job: { pgid: number; pids: number[] }, sig: number): number {
  if (job.pgid > 0) return sys.kill(-job.pgid, sig);
  let last = ESRCH;
  for (const pid of job.pids) {
    const e = sys.kill(pid, sig);
    if (e === 0) last = 0;
    else if (last !== 0) last = e;
  }
  return last;
}

/** Let a signal the shell sent itself reach its trap queue before kill returns, as in bash
 *  (`kill -USR1 $$; echo after` runs the trap before "after"). */
function* settle(status: number, self: number[]): Gen<number> {
  const d = processDispositions();
  for (const sig of self) yield d.whenDelivered(sig);
  return status;
}

export const killBuiltin: BuiltinDef = {
  name: "kill",
  special: false,
  run: (ctx) => {
    const self: number[] = [];
    const status = runKill(ctx, processKill, self);
    return self.length === 0 ? status : settle(status, self);
  },
  synopsis: "kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]",
  description:
    "Send a signal (default TERM) to processes or jobs. -l lists signal names, or converts " +
    "between numbers (or exit statuses above 128) and names.",
};
