// Children no job table will ever wait for: processes started by subshell clones that ended
// (`(cmd &)`, `x=$(cmd &)`), process substitutions. In a forked shell they would be the children
// of a process that exits, and init would reap them; here they stay children of the one ipsh
// process, so ipsh reaps them itself (WNOHANG, never blocking) at safe moments: after each
// top-level command, when a new background job starts, and before each new process
// substitution. Without this a long-running script would fill the process table with zombies.
import { waitPid, WNOHANG } from "../exec/wait-status.ts";

const orphans = new Set<number>();

export function adoptOrphan(pid: number): void {
  orphans.add(pid);
}

export function reapOrphans(): void {
  if (orphans.size === 0) return;
  for (const pid of orphans) {
    const r = waitPid(pid, WNOHANG, true);
    if (r !== null) orphans.delete(pid); // reaped, or not our child any more
  }
}
