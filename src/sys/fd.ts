// Raw file descriptors: open, pipe, dup, close, read, write, poll, memfd.
//
// Result convention (kernel style, no allocation): a call that yields a descriptor or a count
// returns it as a number >= 0, and a failure returns the NEGATIVE errno (-ENOENT). Check with
// `r < 0` and print with strerror(r).
//
// Close-on-exec policy: descriptors the shell opens for its own use or for redirections are
// O_CLOEXEC; a child gets exactly the descriptors its spawn actions dup2 into place (adddup2
// clears FD_CLOEXEC on the target), so nothing the shell holds leaks into children. Plain
// inheritable fds are only for `exec N>file` when the shell execs itself away (exec builtin).
//
// EINTR: Bun installs its signal handlers with SA_RESTART, but a read/write on a slow device can
// still return EINTR; read, write and poll retry it. close() is never retried (on Linux the fd is
// gone even when close reports EINTR).
import { readdirSync, readlinkSync } from "node:fs";
import { encodeUtf8, encodeUtf8Into } from "./utf8.ts";
import { cstr, readCStr } from "./cstring.ts";
import { EAGAIN, EINTR, errno } from "./errno.ts";
import { libc } from "./libc.ts";

// open(2) flags (x86_64 Linux, octal as in <asm-generic/fcntl.h>).
export const O_RDONLY = 0;
export const O_WRONLY = 0o1;
export const O_RDWR = 0o2;
export const O_ACCMODE = 0o3;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NOCTTY = 0o400;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000;
export const O_DIRECTORY = 0o200000;
export const O_NOFOLLOW = 0o400000;
export const O_CLOEXEC = 0o2000000;

// fcntl(2) commands and flags.
export const F_DUPFD = 0;
export const F_GETFD = 1;
export const F_SETFD = 2;
export const F_GETFL = 3;
export const F_SETFL = 4;
export const F_DUPFD_CLOEXEC = 1030;
export const FD_CLOEXEC = 1;

// lseek(2) whence.
export const SEEK_SET = 0;
export const SEEK_CUR = 1;
export const SEEK_END = 2;

// poll(2) events.
export const POLLIN = 0x1;
export const POLLPRI = 0x2;
export const POLLOUT = 0x4;
export const POLLERR = 0x8;
export const POLLHUP = 0x10;
export const POLLNVAL = 0x20;

// memfd_create(2) flags.
export const MFD_CLOEXEC = 1;

/** readByte's result at end of file (outside the byte range 0..255, and not negative). */
export const EOF = 256;

/** Bash's first descriptor for saving user fds and for its own use (>= 10). */
export const SHELL_FD_BASE = 10;

/** open(path, flags, mode): fd or -errno. Callers add O_CLOEXEC unless the fd must survive exec. */
export function openFile(path: string, flags: number, mode = 0o666): number {
  const fd = libc().open(cstr(path), flags, mode);
  return fd < 0 ? -errno() : fd;
}

/** A pipe as [read end, write end] (O_CLOEXEC by default), or -errno. */
export function pipe(flags = O_CLOEXEC): [number, number] | number {
  const fds = new Int32Array(2);
  if (libc().pipe2(fds, flags) < 0) return -errno();
  return [fds[0]!, fds[1]!];
}

/** dup(fd) to the lowest fd >= min, close-on-exec: for saving an fd while a redirection
 *  replaces it, or for moving the shell's own fds out of the user's range (0-9). */
export function dupCloexec(fd: number, min = SHELL_FD_BASE): number {
  const r = libc().fcntl(fd, F_DUPFD_CLOEXEC, min);
  return r < 0 ? -errno() : r;
}

/** dup2(from, to); the copy is inheritable. Returns `to` or -errno. */
export function dup2(from: number, to: number): number {
  const r = libc().dup2(from, to);
  return r < 0 ? -errno() : r;
}

/** dup3(from, to, flags) (flags: 0 or O_CLOEXEC). Returns `to` or -errno (EINVAL if from == to). */
export function dup3(from: number, to: number, flags: number): number {
  const r = libc().dup3(from, to, flags);
  return r < 0 ? -errno() : r;
}

/** close(fd): 0 or -errno (EBADF if not open). Never retried. */
export function closeFd(fd: number): number {
  return libc().close(fd) < 0 ? -errno() : 0;
}

/** Whether fd is open in this process. */
export function isOpen(fd: number): boolean {
  return libc().fcntl(fd, F_GETFD, 0) >= 0;
}

/** Set or clear FD_CLOEXEC. Returns 0 or -errno. */
export function setCloexec(fd: number, on: boolean): number {
  const C = libc();
  const cur = C.fcntl(fd, F_GETFD, 0);
  if (cur < 0) return -errno();
  const next = on ? cur | FD_CLOEXEC : cur & ~FD_CLOEXEC;
  if (next !== cur && C.fcntl(fd, F_SETFD, next) < 0) return -errno();
  return 0;
}

/** The file status flags (F_GETFL: access mode, O_APPEND, O_NONBLOCK...) or -errno. */
export function statusFlags(fd: number): number {
  const r = libc().fcntl(fd, F_GETFL, 0);
  return r < 0 ? -errno() : r;
}

/** Set or clear O_NONBLOCK on the open file description. Returns 0 or -errno. */
export function setNonblock(fd: number, on: boolean): number {
  const C = libc();
  const cur = C.fcntl(fd, F_GETFL, 0);
  if (cur < 0) return -errno();
  const next = on ? cur | O_NONBLOCK : cur & ~O_NONBLOCK;
  if (next !== cur && C.fcntl(fd, F_SETFL, next) < 0) return -errno();
  return 0;
}

/** read(fd) into buf[offset, offset+length) (clamped to the buffer): bytes read (0 = end of
 *  file, or an empty range) or -errno.
 *  EINTR is retried; EAGAIN is returned as -EAGAIN (the fd is non-blocking). */
export function readChunk(fd: number, buf: Uint8Array, offset = 0, length = buf.length - offset): number {
  const C = libc();
  // Never let the kernel write past the buffer, whatever the caller passed.
  if (offset < 0 || offset > buf.length) offset = buf.length;
  if (length > buf.length - offset) length = buf.length - offset;
  if (length <= 0) return 0;
  const target = offset === 0 ? buf : buf.subarray(offset);
  for (;;) {
    const n = C.read(fd, target, length) as number;
    if (n >= 0) return n;
    const e = errno();
    if (e !== EINTR) return -e;
  }
}

const oneByte = new Uint8Array(1);

/** Read exactly one byte (the `read` builtin on a non-seekable input must not read ahead, so
 *  that children see the rest): 0..255, EOF (256) at end of file, or -errno. */
export function readByte(fd: number): number {
  const n = readChunk(fd, oneByte, 0, 1);
  if (n === 1) return oneByte[0]!;
  return n === 0 ? EOF : n;
}

// Scratch buffer for encoding strings without a fresh allocation per write (echo in a loop).
const SCRATCH_SIZE = 64 * 1024;
const scratch = new Uint8Array(SCRATCH_SIZE);

/** Write all of `data` to fd: handles partial writes, EINTR, and EAGAIN on a non-blocking fd
 *  (waits with poll). Returns 0, or -errno (-EPIPE when the reader is gone: SIGPIPE is ignored
 *  in Bun, so the caller turns EPIPE into status 141 itself). */
export function writeAll(fd: number, data: Uint8Array | string): number {
  let bytes: Uint8Array;
  let len: number;
  if (typeof data === "string") {
    if (data.length * 3 <= SCRATCH_SIZE) {
      len = encodeUtf8Into(data, scratch);
      bytes = scratch;
    } else {
      bytes = encodeUtf8(data);
      len = bytes.length;
    }
  } else {
    bytes = data;
    len = data.length;
  }
  const C = libc();
  let done = 0;
  while (done < len) {
    const n = C.write(fd, done === 0 ? bytes : bytes.subarray(done), len - done) as number;
    if (n >= 0) {
      done += n;
      continue;
    }
    const e = errno();
    if (e === EINTR) continue;
    if (e === EAGAIN) {
      const p = pollOne(fd, POLLOUT, -1);
      if (p < 0) return p;
      continue;
    }
    return -e;
  }
  return 0;
}

/** lseek(fd, offset, whence): the new offset or -errno (-ESPIPE on pipes and ttys). */
export function seek(fd: number, offset: number, whence: number): number {
  const r = libc().lseek(fd, offset, whence) as number;
  return r < 0 ? -errno() : r;
}

const pollBuf = new Int32Array(2); // struct pollfd { int fd; short events; short revents; }
const pollShorts = new Int16Array(pollBuf.buffer);

/** poll() one fd: revents (0 on timeout) or -errno. timeoutMs < 0 waits forever. EINTR is
 *  returned (not retried) so that `read -t` can notice traps; callers loop if they want. */
export function pollOne(fd: number, events: number, timeoutMs: number): number {
  pollBuf[0] = fd;
  pollShorts[2] = events;
  pollShorts[3] = 0;
  const r = libc().poll(pollBuf, 1, timeoutMs);
  if (r < 0) return -errno();
  return r === 0 ? 0 : pollShorts[3]! & 0xffff;
}

/** memfd_create(name, flags): an anonymous in-memory file (here-documents), fd or -errno. */
export function memfd(name: string, flags = MFD_CLOEXEC): number {
  const r = libc().memfd_create(cstr(name), flags);
  return r < 0 ? -errno() : r;
}

/** An anonymous in-memory file (close-on-exec) holding `data` (UTF-8 for a string), its offset
 *  at byte `pos`: fd or -errno. (Here-documents, here-strings.)
 *  The descriptor returned is read-only, like the read end of the pipe or the O_RDONLY temp file
 *  bash gives a here-document: `exec 3<<<x; echo y >&3` fails with EBADF instead of overwriting
 *  the document. It is the memfd reopened through /proc/self/fd; where /proc is missing, the
 *  writable descriptor is returned as it is. */
export function memfdWith(data: Uint8Array | string, pos = 0): number {
  const fd = memfd("ipsh-heredoc");
  if (fd < 0) return fd;
  if (data.length > 0) {
    const e = writeAll(fd, data);
    if (e < 0) {
      closeFd(fd);
      return e;
    }
  }
  const ro = openFile(`/proc/self/fd/${fd}`, O_RDONLY | O_CLOEXEC);
  if (ro < 0) {
    if (pos > 0) seek(fd, pos, SEEK_SET);
    return fd;
  }
  closeFd(fd);
  if (pos > 0) seek(ro, pos, SEEK_SET);
  return ro;
}

/** isatty(fd). */
export function isTty(fd: number): boolean {
  return libc().isatty(fd) === 1;
}


const linkBuf = new Uint8Array(4096);

/** What /proc/self/fd/N points to ("/dev/pts/0", "pipe:[123]", "anon_inode:[eventpoll]"), or -errno. */
export function fdTarget(fd: number): string | number {
  const n = libc().readlink(cstr(`/proc/self/fd/${fd}`), linkBuf, linkBuf.length - 1) as number;
  if (n < 0) return -errno();
  linkBuf[n] = 0;
  return readCStr(linkBuf, 0, n);
}

/**
 * The descriptors above 2 this process inherited from its parent (`ipsh script 3>log`, a parent's
 * `exec 12>log`): every open descriptor /proc/self/fd lists that is not one of Bun's own. Bun marks
 * inherited descriptors close-on-exec at start-up and opens its eventpoll/eventfd right after, so
 * flags cannot tell them apart; Bun's are anonymous inodes. Without /proc, 3-9 are probed.
 * Call this at start-up, before the shell opens anything itself.
 */
export function inheritedFds(): number[] {
  let candidates: number[];
  try {
    candidates = readdirSync("/proc/self/fd").map(Number).filter((fd) => fd > 2).sort((a, b) => a - b);
  } catch {
    candidates = [3, 4, 5, 6, 7, 8, 9];
  }
  const out: number[] = [];
  for (const fd of candidates) {
    let link: string;
    try {
      link = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue; // closed meanwhile: the directory listing's own descriptor
    }
    if (!link.startsWith("anon_inode:") && isOpen(fd)) out.push(fd);
  }
  return out;
}
