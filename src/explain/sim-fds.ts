// A simulated descriptor table for `explain`: the same shape and discipline as the executor's
// FdTable (src/exec/fd-table.ts) — shell fd -> open description, shared between tables by
// reference count, closed when the last table lets go — but nothing is ever opened or closed.
// Each simulated close is reported to the plan, and the OS fd number it frees can be handed out
// again, as the kernel hands out the lowest free descriptor.
//
// The executor's childActions() reads a table only through inheritableFds() and os(fd), so the plan
// passes a SimTable to it and gets exactly the dup2/close actions a real child would get.

/** What a descriptor points at, for the diagram. */
export type EndKind = "terminal" | "file" | "pipe" | "fifo" | "device" | "memfd" | "socket" | "other";

/** Which way data flows through a descriptor, from the process's point of view. */
export type Mode = "r" | "w" | "rw";

export class SimFd {
  refs = 0;
  constructor(
    /** The OS descriptor number (the shell's real one for inherited fds, predicted otherwise). */
    readonly os: number,
    readonly kind: EndKind,
    /** "terminal /dev/pts/3", "pipe #1 write end", "file out.txt" */
    readonly label: string,
    readonly mode: Mode,
    /** Opened by the plan (pipe2, open, memfd): closing its last reference is a close(2) step. */
    readonly owned: boolean,
  ) {}
}

/** Lowest-free allocation of OS descriptor numbers, seeded with the ones the process holds. */
export class FdAllocator {
  private used: Set<number>;
  constructor(used: Iterable<number>) {
    this.used = new Set(used);
  }
  take(): number {
    let n = 0;
    while (this.used.has(n)) n++;
    this.used.add(n);
    return n;
  }
  free(n: number): void {
    this.used.delete(n);
  }
}

export class SimTable {
  private slots: (SimFd | undefined)[];
  constructor(
    slots: (SimFd | undefined)[],
    /** Called when an owned description loses its last reference. */
    private readonly onClose: (e: SimFd) => void,
  ) {
    this.slots = slots;
    for (const s of slots) if (s) s.refs++;
  }

  os(fd: number): number | undefined {
    return this.slots[fd]?.os;
  }
  entry(fd: number): SimFd | undefined {
    return this.slots[fd];
  }
  set(fd: number, target: SimFd | undefined): void {
    const prev = this.slots[fd];
    if (prev === target) return;
    this.closeOnExec?.delete(fd);
    if (target) target.refs++;
    this.slots[fd] = target;
    if (prev) this.release(prev);
  }
  openFds(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.slots.length; i++) if (this.slots[i]) out.push(i);
    return out;
  }
  /** Close-on-exec slots (a coprocess's ends), as FdTable's: a child does not get them. */
  private closeOnExec: Set<number> | undefined;
  setCloseOnExec(fd: number): void {
    (this.closeOnExec ??= new Set()).add(fd);
  }
  /** The fds a child gets. */
  inheritableFds(): number[] {
    const cx = this.closeOnExec;
    return cx === undefined ? this.openFds() : this.openFds().filter((fd) => !cx.has(fd));
  }
  lowestFree(min: number): number {
    let fd = min;
    while (this.slots[fd]) fd++;
    return fd;
  }
  clone(): SimTable {
    const t = new SimTable(this.slots.slice(), this.onClose);
    if (this.closeOnExec !== undefined) t.closeOnExec = new Set(this.closeOnExec);
    return t;
  }
  /** `exec` with only redirections: `frame` becomes this table (frame is used up). */
  adopt(frame: SimTable): void {
    const n = Math.max(this.slots.length, frame.slots.length);
    for (let fd = 0; fd < n; fd++) this.set(fd, frame.slots[fd]);
    frame.dispose();
  }

  dispose(): void {
    const old = this.slots;
    this.slots = [];
    for (const s of old) if (s) this.release(s);
  }
  private release(s: SimFd): void {
    if (--s.refs <= 0 && s.owned) this.onClose(s);
  }
}
