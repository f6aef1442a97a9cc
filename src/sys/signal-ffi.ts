// libc bindings for signals and special files: signal(), sigaction() (to save and restore the
// runtime's own handlers), kill(), mkfifo(), mknod(), umask(), errno and strerror().
//
// This is the signals part's own seam into libc (src/sys is the only place that imports
// bun:ffi). It is opened lazily: importing this module costs nothing until a call is made, so
// the signal table and the trap table can be used in processes that never touch dispositions.
import { dlopen, FFIType, ptr, read, type Pointer } from "bun:ffi";

type Lib = ReturnType<typeof open>;
let lib: Lib | undefined;

function open() {
  return dlopen("libc.so.6", {
    signal: { args: [FFIType.i32, FFIType.u64], returns: FFIType.u64 },
    sigaction: { args: [FFIType.i32, FFIType.ptr, FFIType.ptr], returns: FFIType.i32 },
    kill: { args: [FFIType.i32, FFIType.i32], returns: FFIType.i32 },
    mkfifo: { args: [FFIType.ptr, FFIType.u32], returns: FFIType.i32 },
    mknod: { args: [FFIType.ptr, FFIType.u32, FFIType.u64], returns: FFIType.i32 },
    umask: { args: [FFIType.u32], returns: FFIType.u32 },
    __errno_location: { args: [], returns: FFIType.ptr },
    strerror: { args: [FFIType.i32], returns: FFIType.cstring },
  }).symbols;
}

function c(): Lib {
  if (lib === undefined) lib = open();
  return lib;
}

export const SIG_DFL = 0n;
export const SIG_IGN = 1n;
/** glibc's struct sigaction is 152 bytes on x86_64 (handler, 128-byte mask, flags, restorer). */
export const SIGACTION_SIZE = 152;

// Common errno values the callers name.
export const EPERM = 1;
export const ENOENT = 2;
export const ESRCH = 3;
export const EEXIST = 17;
export const EINVAL = 22;

/** errno of the last failed call on this thread. Read it right after the call. */
export function errno(): number {
  const p = c().__errno_location() as Pointer;
  return read.i32(p, 0);
}

/** glibc's message for an errno ("No such process"). */
export function strerror(e: number): string {
  return String(c().strerror(e));
}

/** Set a disposition with glibc signal() (BSD semantics: SA_RESTART). Returns the previous
 *  handler value; -1n (SIG_ERR) on failure. */
export function setSignal(sig: number, handler: bigint): bigint {
  return BigInt(c().signal(sig, handler));
}

/** Save the current struct sigaction of `sig` (nothing is changed). */
export function saveSigaction(sig: number): Uint8Array | undefined {
  const buf = new Uint8Array(SIGACTION_SIZE);
  return c().sigaction(sig, null, ptr(buf)) === 0 ? buf : undefined;
}

/** Re-install a struct sigaction saved with saveSigaction. Returns 0 or -1 (errno set). */
export function restoreSigaction(sig: number, saved: Uint8Array): number {
  return c().sigaction(sig, ptr(saved), null);
}

/** kill(2): pid > 0 one process, pid < -1 a process group, 0 checks existence. 0 or -1. */
export function kill(pid: number, sig: number): number {
  return c().kill(pid, sig);
}

function cstr(s: string): Uint8Array {
  return new TextEncoder().encode(s + "\0");
}

/** mkfifo(3). 0 or -1 (errno set). The process umask applies. */
export function mkfifo(path: string, mode: number): number {
  const p = cstr(path);
  return c().mkfifo(ptr(p), mode);
}

/** mknod(2) with the glibc dev_t encoding of makedev(major, minor). 0 or -1 (errno set). */
export function mknod(path: string, mode: number, major: number, minor: number): number {
  const p = cstr(path);
  return c().mknod(ptr(p), mode, makedev(major, minor));
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
  return c().umask(mask);
}

// S_IF* file type bits for mknod.
export const S_IFIFO = 0o010000;
export const S_IFCHR = 0o020000;
export const S_IFBLK = 0o060000;
