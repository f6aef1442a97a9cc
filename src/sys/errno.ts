// errno: reading it after a failed libc call, and the messages the shell prints for it.
//
// Invariant: errno is thread-local and only meaningful right after the call that failed, so the
// wrappers in src/sys read it immediately after the failing FFI call (errno() is a plain memory
// read through the cached __errno_location() of this thread, no call into libc that could
// overwrite it). All wrappers report failures as a negative errno (-ENOENT) or as an
// { errno } record; nothing in src/sys throws for an ordinary system-call failure.
//
// Messages are glibc's strerror() texts in the C locale, which is what bash prints
// ("ipsh: foo: No such file or directory"). The common ones come from the table below (no FFI,
// deterministic); any other number falls back to glibc's strerror, then to "Unknown error N".
import { CString, toArrayBuffer } from "bun:ffi";
import { libc } from "./libc.ts";

export const EPERM = 1;
export const ENOENT = 2;
export const ESRCH = 3;
export const EINTR = 4;
export const EIO = 5;
export const ENXIO = 6;
export const E2BIG = 7;
export const ENOEXEC = 8;
export const EBADF = 9;
export const ECHILD = 10;
export const EAGAIN = 11;
export const ENOMEM = 12;
export const EACCES = 13;
export const EFAULT = 14;
export const ENOTBLK = 15;
export const EBUSY = 16;
export const EEXIST = 17;
export const EXDEV = 18;
export const ENODEV = 19;
export const ENOTDIR = 20;
export const EISDIR = 21;
export const EINVAL = 22;
export const ENFILE = 23;
export const EMFILE = 24;
export const ENOTTY = 25;
export const ETXTBSY = 26;
export const EFBIG = 27;
export const ENOSPC = 28;
export const ESPIPE = 29;
export const EROFS = 30;
export const EMLINK = 31;
export const EPIPE = 32;
export const EDOM = 33;
export const ERANGE = 34;
export const EDEADLK = 35;
export const ENAMETOOLONG = 36;
export const ENOLCK = 37;
export const ENOSYS = 38;
export const ENOTEMPTY = 39;
export const ELOOP = 40;
export const ENODATA = 61;
export const EOVERFLOW = 75;
export const EILSEQ = 84;
export const ENOTSOCK = 88;
export const EOPNOTSUPP = 95;
export const ECONNRESET = 104;
export const ETIMEDOUT = 110;
export const ECONNREFUSED = 111;
export const ESTALE = 116;
export const EDQUOT = 122;
export const ECANCELED = 125;

/** [number, symbolic name, glibc C-locale message] for the errors a shell meets. */
export const ERRNO_TABLE: readonly (readonly [number, string, string])[] = [
  [EPERM, "EPERM", "Operation not permitted"],
  [ENOENT, "ENOENT", "No such file or directory"],
  [ESRCH, "ESRCH", "No such process"],
  [EINTR, "EINTR", "Interrupted system call"],
  [EIO, "EIO", "Input/output error"],
  [ENXIO, "ENXIO", "No such device or address"],
  [E2BIG, "E2BIG", "Argument list too long"],
  [ENOEXEC, "ENOEXEC", "Exec format error"],
  [EBADF, "EBADF", "Bad file descriptor"],
  [ECHILD, "ECHILD", "No child processes"],
  [EAGAIN, "EAGAIN", "Resource temporarily unavailable"],
  [ENOMEM, "ENOMEM", "Cannot allocate memory"],
  [EACCES, "EACCES", "Permission denied"],
  [EFAULT, "EFAULT", "Bad address"],
  [ENOTBLK, "ENOTBLK", "Block device required"],
  [EBUSY, "EBUSY", "Device or resource busy"],
  [EEXIST, "EEXIST", "File exists"],
  [EXDEV, "EXDEV", "Invalid cross-device link"],
  [ENODEV, "ENODEV", "No such device"],
  [ENOTDIR, "ENOTDIR", "Not a directory"],
  [EISDIR, "EISDIR", "Is a directory"],
  [EINVAL, "EINVAL", "Invalid argument"],
  [ENFILE, "ENFILE", "Too many open files in system"],
  [EMFILE, "EMFILE", "Too many open files"],
  [ENOTTY, "ENOTTY", "Inappropriate ioctl for device"],
  [ETXTBSY, "ETXTBSY", "Text file busy"],
  [EFBIG, "EFBIG", "File too large"],
  [ENOSPC, "ENOSPC", "No space left on device"],
  [ESPIPE, "ESPIPE", "Illegal seek"],
  [EROFS, "EROFS", "Read-only file system"],
  [EMLINK, "EMLINK", "Too many links"],
  [EPIPE, "EPIPE", "Broken pipe"],
  [EDOM, "EDOM", "Numerical argument out of domain"],
  [ERANGE, "ERANGE", "Numerical result out of range"],
  [EDEADLK, "EDEADLK", "Resource deadlock avoided"],
  [ENAMETOOLONG, "ENAMETOOLONG", "File name too long"],
  [ENOLCK, "ENOLCK", "No locks available"],
  [ENOSYS, "ENOSYS", "Function not implemented"],
  [ENOTEMPTY, "ENOTEMPTY", "Directory not empty"],
  [ELOOP, "ELOOP", "Too many levels of symbolic links"],
  [ENODATA, "ENODATA", "No data available"],
  [EOVERFLOW, "EOVERFLOW", "Value too large for defined data type"],
  [EILSEQ, "EILSEQ", "Invalid or incomplete multibyte or wide character"],
  [ENOTSOCK, "ENOTSOCK", "Socket operation on non-socket"],
  [EOPNOTSUPP, "EOPNOTSUPP", "Operation not supported"],
  [ECONNRESET, "ECONNRESET", "Connection reset by peer"],
  [ETIMEDOUT, "ETIMEDOUT", "Connection timed out"],
  [ECONNREFUSED, "ECONNREFUSED", "Connection refused"],
  [ESTALE, "ESTALE", "Stale file handle"],
  [EDQUOT, "EDQUOT", "Disk quota exceeded"],
  [ECANCELED, "ECANCELED", "Operation canceled"],
];

const MESSAGES: string[] = [];
const NAMES: string[] = [];
for (const [n, name, msg] of ERRNO_TABLE) {
  MESSAGES[n] = msg;
  NAMES[n] = name;
}

// A 4-byte view over this thread's errno (from __errno_location(), fixed for the thread's life).
let errnoView: Int32Array | undefined;
function view(): Int32Array {
  return (errnoView ??= new Int32Array(toArrayBuffer(Number(libc().__errno_location()), 0, 4)));
}

/** The calling thread's errno (read right after a failed call). */
export function errno(): number {
  return (errnoView ?? view())[0]!;
}

/** Reset errno to 0 (for calls such as getpwnam whose "not found" is NULL with errno unchanged). */
export function clearErrno(): void {
  (errnoView ?? view())[0] = 0;
}

/** The message glibc prints for an errno (sign ignored, so -ENOENT works too). */
export function strerror(n: number): string {
  if (n < 0) n = -n;
  const known = MESSAGES[n];
  if (known !== undefined) return known;
  const p = libc().strerror(n);
  const text = p ? new CString(p).toString() : "";
  const msg = text || `Unknown error ${n}`;
  MESSAGES[n] = msg;
  return msg;
}

/** The symbolic name of an errno ("ENOENT"), or "E<n>" for numbers outside the table. */
export function errnoName(n: number): string {
  if (n < 0) n = -n;
  return NAMES[n] ?? `E${n}`;
}
