// Input helpers for builtins that read from a shell fd (read, mapfile).
//
// Invariant: a builtin never consumes more input than bash would. On a pipe or a terminal the
// only safe unit is one byte (the rest belongs to the next command); on a regular file a block
// may be read as long as the unread tail is given back with lseek. Reads go through the OS fd
// behind the shell fd (sh.fds.os(fd)), never through process.stdin (which reads ahead).
//
// All system calls go through src/sys (the one place that imports bun:ffi).
import { decodeUtf8, encodeUtf8, fromByteString, toByteString } from "../src/sys/utf8.ts";
import { waitReadable } from "../src/exec/async-io.ts";
import { fstatSync } from "node:fs";
import type { Gen } from "../src/exec/gen.ts";
import { ReadAhead, type MemDoc, type OsFd } from "../src/exec/fd-table.ts";
import type { VarStore } from "../src/state/var-store.ts";
import { ExpansionError, type ExpandHost } from "../src/expand/host.ts";
import { evalArith } from "../src/expand/arith-eval.ts";
import { POLLIN, SEEK_CUR, isTty, pollOne, readChunk, seek } from "../src/sys/fd.ts";
import { strerror as sysStrerror } from "../src/sys/errno.ts";
import { checkInterrupt } from "../src/exec/interrupt.ts";
import { ECHO, ICANON, TCSANOW, VMIN, VTIME, getTermios, lflag, setControlChar, setLflag, setTermios } from "../src/sys/termios.ts";

/** What the I/O helpers need from the shell: its fd table. */
export interface FdHost {
  fds: { os(fd: number): number | undefined };
}

const EINTR = 4;
const EAGAIN = 11;

/** A failed read, with the errno and the strerror text bash prints after the name. */
export class IoError extends Error {
  constructor(
    public errno: number,
    message: string,
  ) {
    super(message);
  }
}

export function strerror(e: number): string {
  return sysStrerror(e);
}

/** The OS descriptor behind a shell fd, or undefined when the shell fd is closed. */
export function osFd(sh: FdHost, fd: number): number | undefined {
  return sh.fds.os(fd);
}

/** Wait until the fd is readable. ms < 0 waits forever; returns false on timeout. */
export function pollReadable(osfd: number, ms: number): boolean {
  const until = ms < 0 ? -1 : Date.now() + ms;
  for (;;) {
    const r = pollOne(osfd, POLLIN, until < 0 ? -1 : Math.max(0, Math.ceil(until - Date.now())));
    if (r > 0) return true;
    if (r === 0) return false;
    if (r !== -EINTR) return true; // let the read report the error
  }
}

/** Yielding wait for readability until `deadline` (ms since the epoch); false on timeout. */
function* waitReadableUntil(osfd: number, deadline: number): Gen<boolean> {
  let delay = 1;
  for (;;) {
    if (pollOne(osfd, POLLIN, 0) !== 0) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    yield new Promise((resolve) => setTimeout(resolve, Math.min(delay, left)));
    delay = Math.min(delay * 2, 16);
  }
}

/** One read(2): >0 bytes, 0 at EOF; throws IoError. Waits out EAGAIN (non-blocking fds). */
function readOnce(osfd: number, buf: Uint8Array, max: number): number {
  for (;;) {
    const n = readChunk(osfd, buf, 0, max);
    if (n >= 0) return n;
    if (n === -EAGAIN) {
      pollReadable(osfd, -1);
      continue;
    }
    throw new IoError(-n, strerror(-n));
  }
}

const scratch = new Uint8Array(65536);

/** True while the shell runs several in-process stages at once: nothing may block then. */
function concurrent(sh: FdHost): boolean {
  return (sh as { async?: boolean }).async === true;
}

/**
 * Read up to `max` bytes from shell fd `fd`: the bytes, or null at end of input. While
 * in-process stages run concurrently (sh.async) it first waits, yielding to the event loop,
 * until the fd is readable, so that a writer in the same process can make progress.
 */
export function* readFd(sh: FdHost, fd: number, max: number): Gen<Uint8Array | null> {
  const osfd = sh.fds.os(fd);
  if (osfd === undefined) throw new IoError(9, strerror(9));
  // concurrent in-process stages must not block the process: wait by yielding (async-io.ts)
  if (concurrent(sh)) yield* waitReadable(osfd);
  const buf = max <= scratch.length ? scratch : new Uint8Array(max);
  const n = readOnce(osfd, buf, max);
  return n === 0 ? null : buf.slice(0, n);
}

/** True when the fd is a regular file, so a block may be read and the excess given back. */
export function isSeekableFile(osfd: number): boolean {
  try {
    return fstatSync(osfd).isFile();
  } catch {
    return false;
  }
}

/** Move the file offset back by n bytes (give back input read ahead from a regular file). */
export function unread(osfd: number, n: number): void {
  if (n > 0) seek(osfd, -n, SEEK_CUR);
}

export function isatty(osfd: number): boolean {
  return isTty(osfd);
}

/**
 * A byte reader over one shell fd for the duration of one builtin call. On a regular file it
 * reads blocks and, at close(), seeks back over what was not consumed; elsewhere it reads one
 * byte per read(2). `deadline` (ms since epoch, or -1) bounds the wait for each byte.
 */
/** Read-ahead block for seekable input: lines are usually short, and what is read past the
 *  delimiter is sought back, so a small block keeps both copies and seeks cheap. */
const BLOCK = 512;
/** Read-ahead block when it is kept between calls (OsFd.ahead): one read(2) per block. */
const KEEP_BLOCK = 8192;
const blockPool: Uint8Array[] = [];
const EMPTY = new Uint8Array(0);

export class FdReader {
  /** The read-ahead buffer; `pos < len` means bytes are waiting (see `buffered`). */
  buf: Uint8Array;
  pos = 0;
  len = 0;
  private readonly block: boolean;
  private readonly tty: boolean;
  private readonly pooled: boolean;
  timedOut = false;

  /** The entry whose read-ahead this reader took and gives back to at close() (see OsFd.ahead) */
  private readonly keep: OsFd | undefined;

  constructor(
    private sh: FdHost,
    private fd: number,
    public osfd: number,
    private deadline = -1,
    /** the caller will consume everything up to EOF: read big blocks even from pipes */
    greedy = false,
    /** a here-document still in memory (osfd is -1): read from its bytes, no system call */
    private readonly doc?: MemDoc,
    /** the table entry behind osfd (osfd is its rawFd): read-ahead may be kept on it */
    entry?: OsFd,
  ) {
    if (doc) {
      this.block = true;
      this.tty = this.pooled = false;
      this.buf = doc.bytes;
      this.pos = doc.pos;
      this.len = doc.bytes.length;
      return;
    }
    if (entry !== undefined) {
      const a = entry.ahead;
      if (deadline < 0 && !greedy && entry.mayReadAhead && !concurrent(sh) && (a !== undefined || seek(osfd, 0, SEEK_CUR) >= 0)) {
        // keep what is read past this call's input on the entry (OsFd.ahead), not lseek it back
        this.keep = entry;
        this.block = true;
        this.tty = this.pooled = false;
        if (a !== undefined) {
          entry.ahead = undefined; // this reader owns the bytes until close()
          this.buf = a.buf;
          this.pos = a.pos;
          this.len = a.len;
        } else this.buf = new Uint8Array(KEEP_BLOCK);
        return;
      }
      if (a !== undefined) osfd = entry.settle(); // a reader that cannot keep it: give it back first
    }
    // lseek succeeds on regular files (and harmless devices), fails with ESPIPE on pipes,
    // sockets and terminals: exactly the inputs where reading ahead could be given back.
    this.block = seek(osfd, 0, SEEK_CUR) >= 0;
    this.tty = !this.block && isTty(osfd);
    this.pooled = this.block && !greedy;
    this.buf = greedy ? new Uint8Array(65536) : this.block ? (blockPool.pop() ?? new Uint8Array(BLOCK)) : new Uint8Array(1);
  }

  /** Next byte, -1 at EOF, -2 on timeout. Throws IoError, or InterruptSignal on ^C.
   *  Hot loops first take `buffered()` bytes and call this only when it returns -3. */
  *next(): Gen<number> {
    if (this.pos < this.len) return this.buf[this.pos++]!;
    if (this.doc) return -1;
    if (this.interruptible) yield* this.waitKey();
    if (this.deadline >= 0 && this.block && Date.now() >= this.deadline) {
      // a file or device that never ends a line (read -t 1 </dev/zero): the time is up
      this.timedOut = true;
      return -2;
    }
    if (this.deadline >= 0 && !this.block) {
      // the time left, never negative (a negative time would mean "wait forever" to pollReadable):
      // waitKey returns exactly when the deadline has passed
      const ready = concurrent(this.sh)
        ? yield* waitReadableUntil(this.osfd, this.deadline)
        : pollReadable(this.osfd, Math.max(0, this.deadline - Date.now()));
      if (!ready) {
        this.timedOut = true;
        return -2;
      }
    }
    const osfd = this.keep !== undefined ? this.osfd : this.sh.fds.os(this.fd);
    if (osfd === undefined) throw new IoError(9, strerror(9));
    if (concurrent(this.sh)) yield* waitReadable(osfd);
    const n = readOnce(osfd, this.buf, this.buf.length);
    if (n === 0) return -1;
    this.len = n;
    this.pos = 1;
    return this.buf[0]!;
  }

  /** The next byte if one is already buffered, else -3 (no generator, no system call). */
  buffered(): number {
    return this.pos < this.len ? this.buf[this.pos++]! : -3;
  }

  /** An interactive shell reading its terminal: wait without blocking so that the SIGINT
   *  listener can run, and abandon the command on ^C as bash does (status 130). */
  private get interruptible(): boolean {
    return this.tty && (this.sh as { interactive?: boolean }).interactive === true;
  }

  private *waitKey(): Gen<void> {
    let delay = 1;
    for (;;) {
      checkInterrupt();
      if (pollOne(this.osfd, POLLIN, 0) !== 0) return;
      if (this.deadline >= 0 && Date.now() >= this.deadline) return; // the timeout check reports it
      yield new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 20);
    }
  }

  /** Give back what was read ahead (regular files only). */
  close(): void {
    if (this.doc) this.doc.pos = this.pos;
    else if (this.keep !== undefined) {
      if (this.len > this.pos) this.keep.ahead = new ReadAhead(this.buf, this.pos, this.len);
      this.pos = this.len = 0;
      this.buf = EMPTY;
      return;
    } else if (this.block && this.len > this.pos) unread(this.osfd, this.len - this.pos);
    this.pos = this.len = 0;
    if (this.pooled && blockPool.length < 8) blockPool.push(this.buf);
    this.buf = EMPTY;
  }
}

// --- terminal echo control for read -s -----------------------------------------------------

/**
 * Change the terminal modes on osfd for read: `noEcho` (-s) turns echo off, `cbreak` (-n, -N,
 * -d) turns canonical mode off so that each key is delivered at once (VMIN 1, VTIME 0), as
 * bash does. Returns the saved modes to restore, or null if osfd is not a terminal.
 */
export function ttyModes(osfd: number, noEcho: boolean, cbreak: boolean): Uint8Array | null {
  const saved = getTermios(osfd);
  if (typeof saved === "number") return null;
  const t = saved.slice();
  let l = lflag(t);
  if (noEcho) l &= ~ECHO;
  if (cbreak) {
    l &= ~ICANON;
    setControlChar(t, VMIN, 1);
    setControlChar(t, VTIME, 0);
  }
  setLflag(t, l);
  setTermios(osfd, t, TCSANOW);
  return saved;
}

/** Turn off terminal echo on osfd; returns the saved modes to restore, or null if not a tty. */
export function echoOff(osfd: number): Uint8Array | null {
  return ttyModes(osfd, true, false);
}

export function restoreTermios(osfd: number, saved: Uint8Array): void {
  setTermios(osfd, saved, TCSANOW);
}

// --- bytes and text ---------------------------------------------------------------------------

export { decodeUtf8, encodeUtf8 };

/** Any non-ASCII character? Pure ASCII strings are their own byte strings. */
const NON_ASCII = /[^\x00-\x7f]/;
export function isAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}

/** UTF-8 text -> "byte string" (one char per byte, codes 0-255), for byte-exact formatting;
 *  bytes that are not UTF-8 stay as they are (src/sys/utf8.ts). */
export const toBytes = toByteString;
/** Byte string -> text (for assigning to variables); bytes that are not UTF-8 are kept as
 *  escaped bytes (src/sys/utf8.ts). */
export const fromBytes = fromByteString;

/** Write a byte string to a shell fd through the builtin context; false when the write failed. */
export function writeBytes(
  ctx: { write(fd: number, data: string | Uint8Array): boolean },
  fd: number,
  b: string,
): boolean {
  if (b.length === 0) return true;
  return ctx.write(fd, isAscii(b) ? b : Buffer.from(b, "latin1"));
}

/** "write error: <strerror>" for a failed ctx.write (the context records lastErrno). */
export function writeErrorMessage(ctx: object): string {
  const e = (ctx as { lastErrno?: number }).lastErrno;
  return `write error: ${e ? strerror(e) : "Bad file descriptor"}`;
}

// --- assigning results (printf -v, read, mapfile) ------------------------------------------------

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REF = /^([A-Za-z_][A-Za-z0-9_]*)\[(.+)\]$/s;

export function isValidName(s: string): boolean {
  return NAME.test(s);
}
/** A variable name or name[subscript]. */
export function isValidRef(s: string): boolean {
  return NAME.test(s) || REF.test(s);
}

/** What assignment needs from the shell beyond the VarStore: optional arithmetic for subscripts. */
interface AssignHost {
  vars: VarStore;
}

/**
 * Assign value to `name` or `name[subscript]`. Indexed subscripts are arithmetic (see
 * subscriptIndex). Returns bash's
 * error text on failure (readonly, bad subscript), undefined on success.
 */
export function assignVar(sh: AssignHost, ref: string, value: string): string | undefined {
  try {
    if (NAME.test(ref)) {
      sh.vars.set(ref, value);
      return undefined;
    }
    const m = REF.exec(ref);
    if (!m) return `\`${ref}': not a valid identifier`;
    const name = m[1]!;
    const sub = m[2]!;
    if (sh.vars.isAssoc(name)) sh.vars.setElement(name, sub, value);
    else {
      const idx = subscriptIndex(sh, sub);
      if (!Number.isInteger(idx)) return `${sub}: bad array subscript`;
      sh.vars.setElement(name, idx, value);
    }
    return undefined;
  } catch (e) {
    if (e instanceof Error && !(e instanceof ExpansionError)) return e.message;
    throw e;
  }
}

/** An indexed-array subscript: arithmetic through the shell's expansion host when it has one
 *  (sh.host), else an integer literal (unit tests). Arithmetic errors throw ExpansionError. */
export function subscriptIndex(sh: object, sub: string): number {
  const host = (sh as { host?: ExpandHost }).host;
  return host ? evalArith(host, sub) : Number(sub.trim());
}
