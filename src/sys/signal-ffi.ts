// Signal and special-file calls for src/signals and the kill/mkfifo/mknod builtins, as thin
// typed wrappers over the shared glibc bindings (libc.ts): dispositions with signal() and
// sigaction() (to save and restore the runtime's own handlers), kill(), mkfifo(), mknod() with
// glibc's makedev encoding, umask().
import { libc } from "./libc.ts";
import { restoreDisposition, saveDisposition } from "./sigaction.ts";
import { tracing, emit } from "../explain/trace.ts";

export { errno, strerror } from "./errno.ts";

// Dispositions are set and saved by sigaction.ts; these are its functions under the names the
// signal code uses (saveSigaction gives undefined instead of -errno on failure).
export { ignoreSignal, defaultSignal } from "./sigaction.ts";

/** The current struct sigaction of `sig` (nothing is changed), or undefined on failure. */
export function saveSigaction(sig: number): Uint8Array | undefined {
  const r = saveDisposition(sig);
  return typeof r === "number" ? undefined : r;
}

/** Re-install a struct sigaction saved with saveSigaction. 0 or -errno. */
export function restoreSigaction(sig: number, saved: Uint8Array): number {
  return restoreDisposition(sig, saved);
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
