// Signal and special-file calls for src/signals and the kill/mkfifo/mknod builtins, as thin
// typed wrappers over the shared glibc bindings (libc.ts): dispositions with signal() and
// sigaction() (to save and restore the runtime's own handlers), kill(), mkfifo(), mknod() with
// glibc's makedev encoding, umask().
import { libc, SIZEOF_SIGACTION } from "./libc.ts";
import { tracing, emit } from "../explain/trace.ts";

export { errno, strerror } from "./errno.ts";

/** SIG_DFL and SIG_IGN as handler addresses (null is address 0). */
const SIG_DFL = null;
const SIG_IGN = 1;

/** signal(sig, SIG_IGN) (glibc: BSD semantics). Returns 0, or -1 on failure. */
export function ignoreSignal(sig: number): number {
  return Number(libc().signal(sig, SIG_IGN as never)) === -1 ? -1 : 0;
}

/** signal(sig, SIG_DFL). Returns 0, or -1 on failure. */
export function defaultSignal(sig: number): number {
  return Number(libc().signal(sig, SIG_DFL)) === -1 ? -1 : 0;
}

/** The current struct sigaction of `sig` (nothing is changed), or undefined on failure. */
export function saveSigaction(sig: number): Uint8Array | undefined {
  const buf = new Uint8Array(SIZEOF_SIGACTION);
  return libc().sigaction(sig, null, buf) === 0 ? buf : undefined;
}

/** Re-install a struct sigaction saved with saveSigaction. Returns 0 or -1 (errno set). */
export function restoreSigaction(sig: number, saved: Uint8Array): number {
  return libc().sigaction(sig, saved, null);
}

/** kill(2): pid > 0 one process, pid < -1 a process group, sig 0 only checks. 0 or -1. */
export function kill(pid: number, sig: number): number {
  if (tracing && sig !== 0) emit({ kind: "kill", target: pid, group: pid < 0, signal: sig });
  return libc().kill(pid, sig);
}

const encoder = new TextEncoder();
function cpath(s: string): Uint8Array {
  return encoder.encode(s + "\0");
}

/** mkfifo(3). 0 or -1 (errno set). The process umask applies. */
export function mkfifo(path: string, mode: number): number {
  return libc().mkfifo(cpath(path), mode);
}

/** mknod(2) with glibc's makedev(major, minor). 0 or -1 (errno set). The umask applies. */
export function mknod(path: string, mode: number, major: number, minor: number): number {
  return libc().mknod(cpath(path), mode, makedev(major, minor));
}

/** glibc's gnu_dev_makedev. */
export function makedev(major: number, minor: number): bigint {
  const ma = BigInt(major >>> 0);
  const mi = BigInt(minor >>> 0);
  return (
    ((ma & 0xfffff000n) << 32n) | ((ma & 0xfffn) << 8n) | ((mi & 0xffffff00n) << 12n) | (mi & 0xffn)
  );
}

/** umask(2): sets the process umask and returns the previous one. */
export function umask(mask: number): number {
  return libc().umask(mask);
}

// File type bits for mknod.
export const S_IFIFO = 0o010000;
export const S_IFCHR = 0o020000;
export const S_IFBLK = 0o060000;
