// Process identity, process groups, sessions, the terminal's foreground group, kill, umask.
//
// Job control (src/jobs) is built from these: the shell puts itself in its own group
// (setpgid(0, 0)), gives the terminal to a job (tcsetpgrp(tty, pgid)), takes it back, and
// signals whole jobs (killpg). All wrappers return 0 (or the value asked for) and -errno on
// failure; none throws.
import { tracing, emit } from "../explain/trace.ts";
import { errno } from "./errno.ts";
import { libc } from "./libc.ts";

export function getPid(): number {
  return libc().getpid();
}
export function getPpid(): number {
  return libc().getppid();
}
export function getPgrp(): number {
  return libc().getpgrp();
}

/** getsid(pid) (0 = self): the session id, or -errno. */
export function getSid(pid = 0): number {
  const r = libc().getsid(pid);
  return r < 0 ? -errno() : r;
}

/** setpgid(pid, pgid): 0 or -errno. Both parent and child call it for a new job (bash does),
 *  so EACCES after the child has exec'd is expected and harmless. */
export function setPgid(pid: number, pgid: number): number {
  if (tracing) emit({ kind: "setpgid", pid, pgid });
  return libc().setpgid(pid, pgid) === 0 ? 0 : -errno();
}

/** kill(pid, sig): pid > 0 one process, pid < 0 a process group, sig 0 only checks existence. */
export function kill(pid: number, sig: number): number {
  if (tracing && sig !== 0) emit({ kind: "kill", target: pid, group: pid < 0, signal: sig });
  return libc().kill(pid, sig) === 0 ? 0 : -errno();
}

/** killpg(pgid, sig): 0 or -errno. */
export function killPg(pgid: number, sig: number): number {
  if (tracing) emit({ kind: "kill", target: pgid, group: true, signal: sig });
  return libc().killpg(pgid, sig) === 0 ? 0 : -errno();
}

/** The terminal's foreground process group, or -errno (-ENOTTY: not our controlling tty). */
export function tcGetPgrp(fd: number): number {
  const r = libc().tcgetpgrp(fd);
  return r < 0 ? -errno() : r;
}

/** Make pgid the terminal's foreground group: 0 or -errno. From a background group this raises
 *  SIGTTOU unless the shell ignores it (through FFI signal(), never process.on). */
export function tcSetPgrp(fd: number, pgid: number): number {
  if (tracing) emit({ kind: "tcsetpgrp", fd, pgid });
  return libc().tcsetpgrp(fd, pgid) === 0 ? 0 : -errno();
}

export function getUid(): number {
  return libc().getuid();
}
export function getEuid(): number {
  return libc().geteuid();
}
export function getGid(): number {
  return libc().getgid();
}
export function getEgid(): number {
  return libc().getegid();
}

/** Set the process umask; returns the previous one. */
export function setUmask(mask: number): number {
  return libc().umask(mask & 0o777);
}

/** The process umask (umask(2) can only be read by setting it, so set it back at once). */
export function getUmask(): number {
  const C = libc();
  const old = C.umask(0o22);
  C.umask(old);
  return old;
}
