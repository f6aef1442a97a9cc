// Waiting for an existing job brought to the foreground (fg): like a new foreground job, it
// may stop again (Ctrl-Z), or end; the terminal comes back to the shell either way.
import type { Shell } from "../shell.ts";
import type { Job } from "./job-table.ts";
import type { Gen } from "../exec/gen.ts";
import { waitPid, WUNTRACED } from "../exec/wait-status.ts";
import { terminal } from "./terminal.ts";

export function* waitJobForeground(sh: Shell, job: Job): Gen<number> {
  for (const p of job.procs) {
    if (p.done) continue;
    const r = waitPid(p.pid, WUNTRACED);
    if (r === null || "errno" in r) {
      p.done = true;
      continue;
    }
    sh.jobs.record(p.pid, r.status);
    if (r.status.kind === "stopped") break;
  }
  if (job.ownGroup) terminal.reclaim(sh);
  if (job.state === "Stopped") {
    job.termios = terminal.saveJobModes();
    sh.writeErr(`\n${sh.jobs.format(job)}\n`);
    job.notified = true;
    return (sh.lastStatus = 128 + 20);
  }
  const status = job.status(sh.opts.pipefail);
  job.notified = true;
  sh.jobs.remove(job);
  sh.lastStatus = status;
  return status;
}
