// waitpid(2) and the meaning of a child's status word.
//
// The raw status is decoded as glibc's W* macros do:
//   low 7 bits 0             -> exited, code in bits 8-15            (WIFEXITED / WEXITSTATUS)
//   low 8 bits 0x7f          -> stopped, signal in bits 8-15         (WIFSTOPPED / WSTOPSIG)
//   0xffff                   -> continued                            (WIFCONTINUED)
//   otherwise                -> killed by the signal in the low 7 bits, bit 7 = core dumped
// The shell status of a child ($?) is its exit code, or 128 + the signal that killed or stopped
// it (bash: `sleep 9 & kill -9 $!; wait $!` gives 137; a job stopped by ^Z reports 148).
//
// Which pid to wait for is the caller's decision: `pid` for one process, `-pgid` for any member
// of a job's process group. Never -1 (it would steal the statuses of Bun.spawn children:
// bun-runtime-facts.md §3).
import { tracing, emit } from "../explain/trace.ts";
import { libc } from "../sys/libc.ts";
import { EINTR, errno } from "../sys/errno.ts";

export const WNOHANG = 1;
export const WUNTRACED = 2;
export const WCONTINUED = 8;

export type WaitStatus =
  | { readonly kind: "exited"; readonly code: number }
  | { readonly kind: "signaled"; readonly signal: number; readonly core: boolean }
  | { readonly kind: "stopped"; readonly signal: number }
  | { readonly kind: "continued" };

export interface WaitResult {
  readonly pid: number;
  readonly status: WaitStatus;
}

// Decoded statuses are immutable, so the common ones are shared instead of allocated per wait.
const EXITED: WaitStatus[] = [];
for (let c = 0; c < 256; c++) EXITED[c] = Object.freeze({ kind: "exited", code: c });
const CONTINUED: WaitStatus = Object.freeze({ kind: "continued" });
const STOPPED: WaitStatus[] = [];
const SIGNALED: WaitStatus[] = [];
const SIGNALED_CORE: WaitStatus[] = [];
for (let s = 0; s < 128; s++) {
  STOPPED[s] = Object.freeze({ kind: "stopped", signal: s });
  SIGNALED[s] = Object.freeze({ kind: "signaled", signal: s, core: false });
  SIGNALED_CORE[s] = Object.freeze({ kind: "signaled", signal: s, core: true });
}

/** Decode a raw waitpid status word. */
export function decodeStatus(raw: number): WaitStatus {
  const low = raw & 0x7f;
  if (low === 0) return EXITED[(raw >> 8) & 0xff]!;
  if ((raw & 0xff) === 0x7f) return STOPPED[(raw >> 8) & 0x7f]!;
  if (raw === 0xffff) return CONTINUED;
  return (raw & 0x80 ? SIGNALED_CORE : SIGNALED)[low]!;
}

/** The shell's $? for a status: the exit code, or 128 + the signal that ended or stopped the
 *  process. A "continued" report is not a completion; it maps to 0 for callers that ask anyway. */
export function shellStatus(s: WaitStatus): number {
  switch (s.kind) {
    case "exited":
      return s.code;
    case "signaled":
    case "stopped":
      return 128 + s.signal;
    case "continued":
      return 0;
  }
}

const rawStatus = new Int32Array(1);

/**
 * waitpid(pid, options), retrying EINTR for blocking waits.
 * Returns the pid and decoded status, null when WNOHANG found nothing to report, or
 * { errno } (ECHILD: no such child, or it was already reaped).
 */
export function waitPid(pid: number, options: number, orphan = false): WaitResult | null | { errno: number } {
  const C = libc();
  for (;;) {
    const r = C.waitpid(pid, rawStatus, options);
    if (r > 0) {
      const status = decodeStatus(rawStatus[0]!);
      if (tracing) emit(orphan ? { kind: "wait", pid: r, status, orphan } : { kind: "wait", pid: r, status });
      return { pid: r, status };
    }
    if (r === 0) return null;
    const e = errno();
    if (e === EINTR && (options & WNOHANG) === 0) continue;
    return { errno: e };
  }
}

/** Block until `pid` terminates (stops are not reported) and return its shell status,
 *  or -1 if it is not our child (ECHILD). For simple foreground commands without job control. */
export function waitExit(pid: number): number {
  const r = waitPid(pid, 0);
  if (r === null) return -1;
  if ("errno" in r) return -1;
  return shellStatus(r.status);
}

/**
 * Collect every pending report for `pid` (a pid, or -pgid for a whole job) without blocking:
 * what a SIGCHLD handler needs, since standard signals coalesce (20 exits can arrive as 19
 * SIGCHLDs) and each callback must reap everything that is ready. `options` adds WUNTRACED /
 * WCONTINUED; WNOHANG is always set. Stops at "nothing more" or at ECHILD (no child left).
 */
export function waitReady(pid: number, options: number): WaitResult[] {
  const out: WaitResult[] = [];
  for (;;) {
    const r = waitPid(pid, options | WNOHANG);
    if (r === null || "errno" in r) return out;
    out.push(r);
  }
}
