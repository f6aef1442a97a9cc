// The one owner of signal dispositions in the shell process.
//
// Per signal it keeps three inputs and derives the kernel disposition from them:
//   need      what the shell needs for itself: every shell ignores QUIT (bash does), an
//             interactive shell also ignores TERM (and
//             TSTP TTIN TTOU under job control) and catches INT; "catch" | "ignore" | "none".
//   user      the user's trap: an action (catch), '' (ignore), or none.
//   listeners onSignal subscribers (the job reaper on CHLD, the line editor on WINCH and INT):
//             a subscribed signal is always caught.
// The kernel disposition is then:
//   ignore    user trap '' (except CHLD: an ignored SIGCHLD makes the kernel reap children
//             itself and would break `wait`; bash keeps catching it too), else shell need ignore
//             when nothing asks to catch it;
//   catch     (a process.on listener) when trapped, needed or subscribed;
//   original  otherwise: what the process had before this module first touched the signal
//             (SIG_DFL; SIG_IGN if ignored at entry; the runtime's own handler for the signals
//             Bun catches itself, e.g. SEGV, restored with sigaction).
//
// Bun facts this module exists for (docs/bun-runtime-facts.md §4):
// - SIG_IGN must be set with FFI signal(), never with a do-nothing process.on listener (a caught
//   SIGTTOU makes tcsetpgrp from the background spin forever; and caught signals are reset to
//   default by exec, while children must inherit the user's trap '' ignores).
// - Removing the last process.on listener resets the signal to SIG_DFL, so after process.off
//   the wanted disposition is always re-applied. (Between the two calls there is a window of a
//   few microseconds in which the signal has its default action.)
// - Real-time signals cannot be caught through process.on (Bun only knows named signals): they
//   can be ignored or defaulted, not trapped with an action. 32 and 33 are glibc's and SIGPWR is
//   used by the runtime's thread suspension: the shell leaves them alone.
//
// Received signals with a user trap are marked pending; run-traps.ts runs them at safe points.
import { tracing, emit } from "../explain/trace.ts";
import { readFileSync } from "node:fs";
import { NSIG, SIGRTMIN, signalByNumber, signalName } from "./table.ts";

export type ShellNeed = "none" | "catch" | "ignore";
export type UserTrapKind = "none" | "action" | "ignore";
export type SignalListener = (sig: number) => void;

/** The libc calls this module needs (src/sys/signal-ffi.ts in the shell, a fake in tests). */
export interface SignalSys {
  /** Set SIG_IGN. */
  ignore(sig: number): void;
  /** Put back what the signal had before the shell first changed it. */
  restoreOriginal(sig: number): void;
  /** Remember the current disposition as the original (called once per signal, before any
   *  change). */
  saveOriginal(sig: number): void;
  /** Install / remove the shell's JS handler. */
  listen(sig: number, handler: () => void): void;
  unlisten(sig: number, handler: () => void): void;
  /** Set SIG_DFL directly (only around execve). */
  setDefault(sig: number): void;
  /** The exact current disposition (struct sigaction), and putting it back: how a temporary
   *  direct change is undone without a window at SIG_DFL. */
  snapshot(sig: number): unknown;
  restoreSnapshot(sig: number, snap: unknown): void;
}

const SIGINT = 2;
const SIGQUIT = 3;
const SIGPIPE = 13;
const SIGTERM = 15;
const SIGCHLD = 17;
const SIGTSTP = 20;
const SIGTTIN = 21;
const SIGTTOU = 22;
const SIGXFSZ = 25;
const SIGPWR = 30;

/** Deadly signals that bash catches while an EXIT trap is set, to run the trap before dying of
 *  the signal (bash's terminating signals: HUP INT USR1 USR2 ALRM TERM XCPU VTALRM; without the
 *  synchronous faults, which the runtime handles itself, and PIPE/XFSZ, which it ignores). */
const DEADLY_WITH_EXIT_TRAP: readonly number[] = [1, 2, 10, 12, 14, 15, 24, 26];
/** pending[] value of a signal caught only for the EXIT trap (1: a trap action is pending). */
const PENDING_DEADLY = 2;

/** Signals the runtime (Bun) ignores for itself: every child must get them back at default. */
const RUNTIME_IGNORED: readonly number[] = [SIGPIPE, SIGXFSZ];

const enum Kernel {
  Original = 0,
  Catch = 1,
  Ignore = 2,
}

/** Why the shell cannot give `sig` the requested trap, or undefined if it can. The messages
 *  complete "ipsh: trap: NAME: ...". */
export function trapRefusal(sig: number, kind: UserTrapKind): string | undefined {
  if (kind === "none") return undefined;
  if (sig === 9 || sig === 19) return kind === "action" ? "cannot be trapped" : "cannot be ignored";
  if (sig === 32 || sig === 33) return "reserved by the C library";
  if (sig === SIGPWR) return "reserved by the runtime (thread suspension)";
  if (sig >= SIGRTMIN && kind === "action") return "real-time signals cannot be caught by ipsh";
  return undefined;
}

/** Signals ignored in this process right now, read from /proc/self/status (SigIgn). */
export function readIgnoredSignals(): Set<number> {
  const set = new Set<number>();
  let text: string;
  try {
    text = readFileSync("/proc/self/status", "utf8");
  } catch {
    return set;
  }
  const m = /^SigIgn:\s*([0-9a-f]+)/m.exec(text);
  if (m === null) return set;
  const bits = BigInt("0x" + m[1]);
  for (let sig = 1; sig < NSIG; sig++) if ((bits >> BigInt(sig - 1)) & 1n) set.add(sig);
  return set;
}

export class Dispositions {
  private readonly need = new Uint8Array(NSIG); // ShellNeed: 0 none, 1 catch, 2 ignore
  private readonly user = new Uint8Array(NSIG); // UserTrapKind: 0 none, 1 action, 2 ignore
  private readonly kernel = new Uint8Array(NSIG); // Kernel
  private readonly saved = new Uint8Array(NSIG); // 1 once the original was saved
  private readonly listeners: (SignalListener[] | undefined)[] = new Array(NSIG).fill(undefined);
  private readonly handlers: ((() => void) | undefined)[] = new Array(NSIG).fill(undefined);
  private readonly pending = new Uint8Array(NSIG);
  private pendingCount = 0;
  private waiters: ((sig: number) => void)[] = [];
  private deliveryWaiters: ({ sig: number; resolve: () => void } | undefined)[] = [];
  private childDefaults: number[] | null = null;
  /** Whether the main shell has an EXIT trap (DEADLY_WITH_EXIT_TRAP signals are then caught). */
  private exitTrap = false;

  /** Signals ignored when the shell started, other than the runtime's own (PIPE, XFSZ) and
   *  glibc's (32, 33). A non-interactive shell may not trap or reset them (POSIX), and its
   *  children inherit them ignored. */
  readonly ignoredAtEntry: ReadonlySet<number>;

  constructor(
    private readonly sys: SignalSys,
    ignoredNow: ReadonlySet<number>,
  ) {
    const entry = new Set<number>();
    for (const sig of ignoredNow) {
      if (sig === SIGPIPE || sig === SIGXFSZ || sig === 32 || sig === 33) continue;
      entry.add(sig);
    }
    this.ignoredAtEntry = entry;
  }

  // ---- inputs ----

  /** The shell's own need for a signal (see the header). */
  setShellNeed(sig: number, need: ShellNeed): void {
    this.need[sig] = need === "none" ? 0 : need === "catch" ? 1 : 2;
    this.apply(sig);
  }

  /** The needs of every shell, interactive or not: bash ignores SIGQUIT "in all cases" (its
   *  children get it back at its default, so Ctrl-\ kills a script's foreground command while
   *  the script goes on; a trap on QUIT still catches it, and `trap - QUIT` ignores it again). */
  setShellDefaults(): void {
    this.setShellNeed(SIGQUIT, "ignore");
  }

  /** The shell's needs as an interactive shell (bash: INT caught, QUIT and TERM ignored) or as
   *  a non-interactive one (QUIT ignored only). Signals ignored at entry of a non-interactive
   *  shell are never touched. */
  setInteractive(on: boolean): void {
    this.setShellNeed(SIGINT, on ? "catch" : "none");
    this.setShellNeed(SIGQUIT, "ignore");
    this.setShellNeed(SIGTERM, on ? "ignore" : "none");
  }

  /** Job control (set -m): the shell ignores the terminal stop signals, so that it can take
   *  the terminal back with tcsetpgrp from the background and is never stopped by ^Z. */
  setJobControl(on: boolean): void {
    for (const sig of [SIGTSTP, SIGTTIN, SIGTTOU]) this.setShellNeed(sig, on ? "ignore" : "none");
  }

  /** The main shell's EXIT trap was set or removed (called by its trap table). While it is set,
   *  a deadly signal with no trap of its own and not ignored is caught: it becomes pending, and
   *  the next safe point runs the EXIT trap and then lets the signal kill the shell, as bash does
   *  (`trap 'echo bye' EXIT` then kill -TERM: "bye", status 143). */
  setExitTrap(on: boolean): void {
    if (this.exitTrap === on) return;
    this.exitTrap = on;
    for (const sig of DEADLY_WITH_EXIT_TRAP) this.apply(sig);
  }

  /** Whether `sig` is caught only so that the EXIT trap runs before it kills the shell. */
  private deadlyForExitTrap(sig: number): boolean {
    return (
      this.exitTrap &&
      this.user[sig] === 0 &&
      this.need[sig] === 0 &&
      !this.ignoredAtEntry.has(sig) &&
      DEADLY_WITH_EXIT_TRAP.includes(sig)
    );
  }

  /** The lowest pending deadly signal (one caught only for the EXIT trap), now no longer
   *  pending; 0 if none. */
  takeDeadly(): number {
    if (this.pendingCount === 0) return 0;
    for (let sig = 1; sig < NSIG; sig++) {
      if (this.pending[sig] === PENDING_DEADLY) {
        this.clearPending(sig);
        return sig;
      }
    }
    return 0;
  }

  /** Before the shell sends itself a deadly signal: its default action, so that it really dies. */
  prepareToDie(sig: number): void {
    this.saveOnce(sig);
    if (this.kernel[sig] === Kernel.Catch) this.sys.unlisten(sig, this.handlerFor(sig));
    this.sys.setDefault(sig);
    this.kernel[sig] = Kernel.Original;
  }

  /** The user's trap for a signal (called by the trap table). */
  setUserTrap(sig: number, kind: UserTrapKind): void {
    if (sig < 1 || sig >= NSIG) return;
    this.user[sig] = kind === "none" ? 0 : kind === "action" ? 1 : 2;
    if (kind !== "action" && this.pending[sig] !== 0) {
      this.pending[sig] = 0;
      this.pendingCount--;
    }
    this.apply(sig);
  }

  /** Subscribe to deliveries of `sig` (the signal is caught while anyone listens). Returns the
   *  unsubscribe function. Listeners run synchronously from the JS signal callback and must be
   *  idempotent scans: standard signals coalesce, and Bun replays deliveries that arrived during
   *  a blocking FFI call once each. */
  onSignal(sig: number, fn: SignalListener): () => void {
    let list = this.listeners[sig];
    if (list === undefined) list = this.listeners[sig] = [];
    list.push(fn);
    this.apply(sig);
    return () => {
      const l = this.listeners[sig];
      if (l === undefined) return;
      const i = l.indexOf(fn);
      if (i < 0) return;
      l.splice(i, 1);
      if (l.length === 0) this.listeners[sig] = undefined;
      this.apply(sig);
    };
  }

  // ---- pending traps ----

  /** Cheap check for the executor's safe points. */
  hasPending(): boolean {
    return this.pendingCount !== 0;
  }

  isPending(sig: number): boolean {
    return this.pending[sig] !== 0;
  }

  /** Clear a pending signal (its trap is about to run). */
  clearPending(sig: number): void {
    if (this.pending[sig] !== 0) {
      this.pending[sig] = 0;
      this.pendingCount--;
    }
  }

  /** Pending signals, lowest number first (bash runs pending traps in signal order). */
  pendingSignals(): number[] {
    const out: number[] = [];
    if (this.pendingCount === 0) return out;
    for (let sig = 1; sig < NSIG; sig++) if (this.pending[sig] !== 0) out.push(sig);
    return out;
  }

  /** Resolves with the next trapped signal received (the `wait` builtin returns 128+sig when a
   *  trapped signal arrives; POSIX XCU 2.11). */
  nextTrappedSignal(): Promise<number> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** For `wait`: settle with `p`'s value, or earlier with the number of a trapped signal that
   *  arrives first (then `wait` returns 128+sig and the trap runs right after, POSIX XCU 2.11).
   *  The signal waiter is removed when `p` settles, so waiting in a loop does not accumulate. */
  raceTrappedSignal<T>(p: Promise<T>): Promise<{ signal: 0; value: T } | { signal: number }> {
    return new Promise((resolve, reject) => {
      const onSignal = (sig: number) => resolve({ signal: sig });
      this.waiters.push(onSignal);
      const drop = () => {
        const i = this.waiters.indexOf(onSignal);
        if (i >= 0) this.waiters.splice(i, 1);
      };
      p.then(
        (value) => {
          drop();
          resolve({ signal: 0, value });
        },
        (e) => {
          drop();
          reject(e);
        },
      );
    });
  }

  /** After the shell signalled itself (kill -USR1 $$): resolves when the runtime has handed the
   *  signal to this module, or after timeoutMs. Bun runs JS signal callbacks from its event
   *  loop, so without this wait a trap would run some commands later than in bash, where the
   *  handler runs before kill returns. Resolves at once if the signal is not caught. */
  whenDelivered(sig: number, timeoutMs = 100): Promise<void> {
    if (this.kernel[sig] !== Kernel.Catch) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = { sig, resolve: () => {} };
      const timer = setTimeout(() => {
        const i = this.deliveryWaiters.indexOf(entry);
        if (i >= 0) this.deliveryWaiters.splice(i, 1);
        resolve();
      }, timeoutMs);
      entry.resolve = () => {
        clearTimeout(timer);
        resolve();
      };
      this.deliveryWaiters.push(entry);
    });
  }

  /** Deliver a signal as if the kernel had (the JS callback; also used by tests). */
  deliver(sig: number): void {
    if (tracing) emit({ kind: "signal", signal: sig, action: this.user[sig] === 1 ? "trap" : "listener" });
    if (this.deliveryWaiters.length !== 0) {
      const keep: ({ sig: number; resolve: () => void } | undefined)[] = [];
      for (const w of this.deliveryWaiters) {
        if (w === undefined) continue;
        if (w.sig === sig) w.resolve();
        else keep.push(w);
      }
      this.deliveryWaiters = keep;
    }
    const deadly = this.user[sig] !== 1 && this.deadlyForExitTrap(sig);
    if (this.user[sig] === 1 || deadly) {
      if (this.pending[sig] === 0) {
        this.pending[sig] = deadly ? PENDING_DEADLY : 1;
        this.pendingCount++;
      }
      if (this.waiters.length !== 0) {
        const w = this.waiters;
        this.waiters = [];
        for (const resolve of w) resolve(sig);
      }
    }
    const list = this.listeners[sig];
    if (list !== undefined) {
      for (const fn of list.slice()) {
        try {
          fn(sig);
        } catch {
          // A listener's failure must not lose the signal for the others.
        }
      }
    }
  }

  // ---- children and exec ----

  /** Signals a spawned child must reset to SIG_DFL (posix_spawn SETSIGDEF): every signal the
   *  shell catches or ignores for its own reasons, plus PIPE and XFSZ (Bun ignores them), but
   *  not those the user ignored with trap '' nor those ignored at entry: they stay ignored in
   *  children (POSIX). Caught signals are listed too although exec resets them anyway. The
   *  array is cached until a disposition changes; do not modify it. */
  childSigDefault(): number[] {
    if (this.childDefaults !== null) return this.childDefaults;
    const out: number[] = [];
    for (let sig = 1; sig < NSIG; sig++) {
      if (this.user[sig] === 2 && this.kernel[sig] === Kernel.Ignore) continue;
      const k = this.kernel[sig];
      if (k === Kernel.Catch || k === Kernel.Ignore) out.push(sig);
      else if (RUNTIME_IGNORED.includes(sig)) out.push(sig);
    }
    this.childDefaults = out;
    return out;
  }

  /** Before the `exec` builtin's execve: set childSigDefault() to SIG_DFL (ignored dispositions
   *  survive execve). Returns the undo to call if execve fails. */
  prepareExec(): () => void {
    const sigs = this.childSigDefault().slice();
    const snaps = sigs.map((sig) => this.sys.snapshot(sig));
    for (const sig of sigs) this.sys.setDefault(sig);
    return () => {
      for (let i = 0; i < sigs.length; i++) this.sys.restoreSnapshot(sigs[i]!, snaps[i]);
    };
  }

  /** Run `spawn` with `sigs` set to SIG_IGN in this process, so that the child inherits them
   *  ignored (posix_spawn can only reset signals to default, not ignore them): bash's
   *  asynchronous commands without job control ignore INT and QUIT. The caller must also leave
   *  these signals out of the child's SETSIGDEF. The exact dispositions are restored
   *  afterwards; a signal arriving during the spawn is lost to the shell (as in bash's child). */
  withChildIgnoring<T>(sigs: readonly number[], spawn: () => T): T {
    const changed: number[] = [];
    const snaps: unknown[] = [];
    for (const sig of sigs) {
      if (this.kernel[sig] === Kernel.Ignore) continue;
      snaps.push(this.sys.snapshot(sig));
      this.sys.ignore(sig);
      changed.push(sig);
    }
    try {
      return spawn();
    } finally {
      for (let i = 0; i < changed.length; i++) this.sys.restoreSnapshot(changed[i]!, snaps[i]);
    }
  }

  // ---- introspection (teaching views, tests) ----

  /** The disposition this module has given the kernel: "default" means the original one. */
  kernelDisposition(sig: number): "original" | "catch" | "ignore" {
    const k = this.kernel[sig];
    return k === Kernel.Catch ? "catch" : k === Kernel.Ignore ? "ignore" : "original";
  }

  /** One line per signal the shell has changed, for the teaching views. */
  describe(): string[] {
    const lines: string[] = [];
    for (let sig = 1; sig < NSIG; sig++) {
      const k = this.kernel[sig];
      if (k === Kernel.Original) continue;
      const why: string[] = [];
      if (this.user[sig] === 1) why.push("trap");
      if (this.user[sig] === 2) why.push("trap ''");
      if (this.need[sig] === 1) why.push("shell catches");
      if (this.need[sig] === 2) why.push("shell ignores");
      if (this.listeners[sig] !== undefined) why.push("listener");
      if (this.deadlyForExitTrap(sig)) why.push("EXIT trap");
      const name = signalName(sig) ?? String(sig);
      lines.push(`SIG${name}: ${k === Kernel.Catch ? "caught" : "ignored"} (${why.join(", ")})`);
    }
    return lines;
  }

  // ---- the kernel side ----

  private want(sig: number): Kernel {
    const info = signalByNumber(sig);
    if (info === undefined || !info.catchable || sig === SIGPWR) return Kernel.Original;
    const user = this.user[sig];
    if (user === 2 && sig !== SIGCHLD) return Kernel.Ignore;
    const realtime = sig >= SIGRTMIN;
    if (!realtime && (user === 1 || this.need[sig] === 1 || this.listeners[sig] !== undefined || this.deadlyForExitTrap(sig))) {
      return Kernel.Catch;
    }
    if (this.need[sig] === 2) return Kernel.Ignore;
    return Kernel.Original;
  }

  private handlerFor(sig: number): () => void {
    let h = this.handlers[sig];
    if (h === undefined) h = this.handlers[sig] = () => this.deliver(sig);
    return h;
  }

  private saveOnce(sig: number): void {
    if (this.saved[sig] === 0) {
      this.saved[sig] = 1;
      this.sys.saveOriginal(sig);
    }
  }

  private apply(sig: number): void {
    const target = this.want(sig);
    const current = this.kernel[sig] as Kernel;
    if (target === current) return;
    this.saveOnce(sig);
    this.childDefaults = null;
    // Removing Bun's last listener leaves SIG_DFL: always follow it with the wanted state.
    if (current === Kernel.Catch) this.sys.unlisten(sig, this.handlerFor(sig));
    switch (target) {
      case Kernel.Catch:
        this.sys.listen(sig, this.handlerFor(sig));
        break;
      case Kernel.Ignore:
        this.sys.ignore(sig);
        break;
      case Kernel.Original:
        this.sys.restoreOriginal(sig);
        break;
    }
    this.kernel[sig] = target;
  }
}
