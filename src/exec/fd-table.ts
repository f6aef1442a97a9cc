// The virtual descriptor table of one shell state.
//
// The shell never dup2()s over its own descriptors to apply a redirection. Instead each shell
// state (the main shell, a subshell clone, an in-process pipeline stage) has a table that maps
// shell fd numbers (what the user writes: 0, 1, 2, 3 in `exec 3>f`) to open OS descriptors.
// Builtins write through the table; an external child gets the table as ordered posix_spawn
// file actions (dup2(os, n) for every entry, then closefrom), so it sees exactly what the
// command line asked for and nothing else.
//
// Invariants:
//  - Every OS descriptor the shell opens is O_CLOEXEC: only the file actions give children fds.
//  - An OsFd is shared by tables (clones, saved frames) and closed when its last user lets go.
//    Descriptors the shell inherited at start-up (0, 1, 2 and user fds like `ipsh 3<file`) are
//    `inherited` and never closed by the shell.
//  - Tables are small: index = shell fd. Copying a table (for a redirection frame or a clone)
//    copies the array and bumps the reference counts.

import { tracing, emit } from "../explain/trace.ts";
import { closeFd, memfdWith, seek, SEEK_CUR } from "../sys/fd.ts";
import { strerror } from "../sys/errno.ts";

/**
 * The bytes of a here-document or here-string not yet given to the kernel, and the read offset
 * into them. Shared, like the offset of an open file description, by every table entry that
 * refers to the same OsFd (dups, clones, redirection frames).
 */
export class MemDoc {
  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
  ) {}
}

/**
 * Bytes `read` took from a regular file beyond the line it returned, kept for its next call
 * instead of being given back with lseek at once: buf[pos..len) is unread, and the kernel's
 * offset is that many bytes ahead of the shell's view. See OsFd.ahead for when this is allowed.
 */
export class ReadAhead {
  constructor(
    readonly buf: Uint8Array,
    public pos: number,
    public len: number,
  ) {}
}

let reportHeredocError: (message: string) => void = (m) => process.stderr.write(`ipsh: ${m}\n`);

/** Where the failure to make an in-memory here-document a descriptor is reported (the shell's
 *  diagnostics, with its location prefix). The command then finds that fd closed. */
export function onHeredocError(report: (message: string) => void): void {
  reportHeredocError = report;
}

export class OsFd {
  refs = 0;
  private osfd: number;
  /**
   * Read-ahead held for the next `read` (builtins/io.ts FdReader). Only on a descriptor the shell
   * opened itself that no child process has been given (`givenToChild`): then nobody but this
   * shell can observe the kernel's offset, and every use of the descriptor other than `read`'s
   * goes through `fd`, which first gives the bytes back (lseek). A `while read` loop over a
   * file so reads a block per hundred lines instead of a read and two lseeks per line. (One
   * difference from bash remains: bytes of the file that another writer rewrites in place or
   * truncates away, within the block already read, are seen as they were when read.)
   */
  ahead: ReadAhead | undefined;
  /** A child process got this descriptor (spawn file actions): its offset must always be exact. */
  givenToChild = false;
  /**
   * A here-document still in memory (osfd is -1 until then). Builtins that read (read) consume
   * it directly; the first use that needs a real descriptor (an external command, a dup into a
   * pipeline, `exec`, a builtin without a MemDoc path) turns it into a memfd holding the same
   * bytes at the same offset (see `fd`). Most here-documents are read by `read` or `while read`,
   * so this saves memfd_create, write, lseek and close per document.
   */
  doc: MemDoc | undefined;
  constructor(
    fd: number,
    /** opened by someone else (inherited at start-up): never close it */
    public readonly inherited = false,
    /** what it is, for error messages and the teaching views ("pipe", "file /tmp/x", ...) */
    public readonly label = "",
    doc?: MemDoc,
  ) {
    this.osfd = fd;
    this.doc = doc;
  }

  /** The OS descriptor (a here-document still in memory is made a memfd now; -errno if that fails). */
  get fd(): number {
    return this.ahead === undefined && this.osfd >= 0 ? this.osfd : this.settle();
  }

  /** The descriptor with the kernel's state made to match the shell's view: read-ahead given
   *  back, an in-memory here-document made a memfd. */
  settle(): number {
    if (this.ahead !== undefined) this.giveBack();
    return this.osfd >= 0 || this.doc === undefined ? this.osfd : this.materialize();
  }

  /** The descriptor as it is, read-ahead kept: only for the reader that owns the read-ahead. */
  get rawFd(): number {
    return this.osfd;
  }

  /** Whether `read` may keep read-ahead on this descriptor between calls (see `ahead`). */
  get mayReadAhead(): boolean {
    return !this.inherited && !this.givenToChild && this.osfd >= 0;
  }

  /** Put the kernel's offset back where the shell's view of the input is. */
  private giveBack(): void {
    const a = this.ahead!;
    this.ahead = undefined;
    if (a.len > a.pos) seek(this.osfd, a.pos - a.len, SEEK_CUR);
  }

  /** The in-memory here-document when it has not become a descriptor yet. */
  get memDoc(): MemDoc | undefined {
    return this.osfd < 0 ? this.doc : undefined;
  }

  private materialize(): number {
    const doc = this.doc!;
    const fd = memfdWith(doc.bytes, doc.pos);
    if (fd >= 0) {
      this.osfd = fd;
      this.doc = undefined;
      if (tracing) emit({ kind: "memfd", purpose: "here-document", fd });
    } else reportHeredocError(`cannot create temp file for here-document: ${strerror(-fd)}`);
    return fd;
  }
}

/** Shell fds below this live in a small dense array; higher ones (inherited fds such as 10 or
 *  255, {var} and coprocess fds from 10 up) in a map, so that a table holding fd 251 does not
 *  make every clone, frame and spawn walk 252 slots. */
const LOW = 16;

export class FdTable {
  private low: (OsFd | undefined)[];
  private high: Map<number, OsFd> | undefined;
  /** In a redirection frame: the sources M of `N>&M-` moves onto an N that was not open
   *  (bash leaves them closed after an in-shell command, see leaveRedirectFrame). */
  movedOntoClosed: number[] | undefined;
  /**
   * Shell fds that child processes do not get (bash's close-on-exec descriptors: the shell's
   * ends of a coprocess's pipes). Per slot, like FD_CLOEXEC: a dup of one (`exec 5>&60`) is
   * inherited, and setting the slot to anything else clears it.
   */
  private closeOnExec: Set<number> | undefined;

  /** A table holding `slots[fd]` for each fd given (each entry gains a reference). */
  constructor(slots: (OsFd | undefined)[] = []) {
    this.low = [];
    this.high = undefined;
    for (let fd = 0; fd < slots.length; fd++) {
      const e = slots[fd];
      if (e === undefined) continue;
      e.refs++;
      if (fd < LOW) this.low[fd] = e;
      else (this.high ??= new Map()).set(fd, e);
    }
  }

  /** A table with the descriptors the process inherited (0, 1, 2 and any others found open). */
  static inherited(fds: number[]): FdTable {
    const slots: (OsFd | undefined)[] = [];
    for (const fd of fds) slots[fd] = new OsFd(fd, true, "inherited");
    return new FdTable(slots);
  }

  /** The OS descriptor behind shell fd `fd`, or undefined when it is closed. */
  os(fd: number): number | undefined {
    const e = fd < LOW ? this.low[fd] : this.high?.get(fd);
    if (e === undefined) return undefined;
    const os = e.fd;
    // a here-document that could not be made a descriptor (reported): the fd is not usable
    return os >= 0 ? os : undefined;
  }

  entry(fd: number): OsFd | undefined {
    return fd < LOW ? this.low[fd] : this.high?.get(fd);
  }

  /** Point shell fd `fd` at `target` (undefined closes it). Releases the previous entry. */
  set(fd: number, target: OsFd | undefined): void {
    const prev = this.entry(fd);
    if (prev === target) return;
    if (this.closeOnExec !== undefined) this.closeOnExec.delete(fd);
    if (target) target.refs++;
    if (fd < LOW) this.low[fd] = target;
    else if (target !== undefined) (this.high ??= new Map()).set(fd, target);
    else this.high?.delete(fd);
    if (prev) release(prev);
  }

  /** Shell fds that are open, ascending. */
  openFds(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.low.length; i++) if (this.low[i]) out.push(i);
    if (this.high !== undefined && this.high.size > 0) {
      const hi = [...this.high.keys()].sort((a, b) => a - b);
      for (const fd of hi) out.push(fd);
    }
    return out;
  }

  /** Mark shell fd `fd` close-on-exec (until the slot is set again). */
  setCloseOnExec(fd: number): void {
    (this.closeOnExec ??= new Set()).add(fd);
  }

  closesOnExec(fd: number): boolean {
    return this.closeOnExec !== undefined && this.closeOnExec.has(fd);
  }

  /** The open shell fds a child process gets (not the close-on-exec ones), ascending. */
  inheritableFds(): number[] {
    const all = this.openFds();
    const cx = this.closeOnExec;
    return cx === undefined || cx.size === 0 ? all : all.filter((fd) => !cx.has(fd));
  }

  /** The highest closed shell fd below `limit` and above 3, or -1 (bash's move_to_high_fd). */
  highestFree(limit: number): number {
    for (let fd = limit - 1; fd > 3; fd--) if (!this.entry(fd)) return fd;
    return -1;
  }

  /** The lowest closed shell fd >= min (for {var}>file, which bash allocates from 10). */
  lowestFree(min: number): number {
    let fd = min;
    while (this.entry(fd)) fd++;
    return fd;
  }

  /** An independent table sharing the same OS descriptors (reference counted). */
  clone(): FdTable {
    const t = new FdTable();
    const low = this.low.slice();
    for (let i = 0; i < low.length; i++) {
      const e = low[i];
      if (e !== undefined) e.refs++;
    }
    t.low = low;
    if (this.high !== undefined && this.high.size > 0) {
      for (const e of this.high.values()) e.refs++;
      t.high = new Map(this.high);
    }
    if (this.closeOnExec !== undefined && this.closeOnExec.size > 0) t.closeOnExec = new Set(this.closeOnExec);
    return t;
  }

  /** Release every entry (when a clone or a redirection frame ends). */
  dispose(): void {
    const low = this.low;
    for (let i = 0; i < low.length; i++) {
      const e = low[i];
      if (e !== undefined) release(e);
    }
    if (this.high !== undefined) for (const e of this.high.values()) release(e);
    this.low = [];
    this.high = undefined;
    this.closeOnExec = undefined;
  }
}

function release(s: OsFd): void {
  if (--s.refs <= 0 && !s.inherited) {
    if (s.memDoc !== undefined) return; // never became a descriptor: nothing to close
    s.ahead = undefined; // nobody will read on: no need to give it back
    closeFd(s.fd);
    if (tracing) emit({ kind: "close", fd: s.fd });
  }
}
