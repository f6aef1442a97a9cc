// The trap table of one shell state (the main shell, or a subshell clone).
//
// Slots use bash's numbering so that `kill -l ERR` (66) and `trap` agree: 0 is EXIT, 1..64 are
// the signals, 65 DEBUG, 66 ERR, 67 RETURN. An action is a string of shell code; '' means the
// signal is ignored; undefined means the default disposition.
//
// Invariants:
// - A subshell starts with every caught trap reset and every ignored one kept (POSIX XCU 2.12).
//   ERR survives only with errtrace (set -E), DEBUG and RETURN only with functrace (set -T).
// - Until a subshell changes any trap, `trap` in it still lists its parent's traps, so that
//   `saved=$(trap)` works (POSIX allows it; bash does it). The first change forgets them.
// - In a non-interactive shell, signals that were ignored when the shell started cannot be
//   trapped or reset; the attempt is silently ignored (POSIX; bash does the same).
// - Setting a signal trap tells the disposition owner (dispositions.ts), which makes the kernel
//   catch, ignore or default the signal accordingly.
import { NSIG, signalByName, signalName, parseSignalNumber } from "./table.ts";
import { processDispositions } from "./process-dispositions.ts";

export const EXIT_TRAP = 0;
export const DEBUG_TRAP = 65;
export const ERR_TRAP = 66;
export const RETURN_TRAP = 67;
/** Number of slots: EXIT, signals 1..64, DEBUG, ERR, RETURN. */
export const TRAP_SLOTS = 68;

/** The pseudo-signals, one row each: bash's name and slot. */
export const PSEUDO_SIGNALS: ReadonlyArray<{ readonly name: string; readonly slot: number }> = [
  { name: "EXIT", slot: EXIT_TRAP },
  { name: "DEBUG", slot: DEBUG_TRAP },
  { name: "ERR", slot: ERR_TRAP },
  { name: "RETURN", slot: RETURN_TRAP },
];

export type TrapName = "EXIT" | "DEBUG" | "ERR" | "RETURN";

/** What the trap table tells the owner of the process's signal dispositions. */
export interface TrapDispositionSink {
  setUserTrap(sig: number, kind: "none" | "action" | "ignore"): void;
  /** The main shell's EXIT trap is set (deadly signals are then caught to run it first). */
  setExitTrap?(on: boolean): void;
}

/** Decode a condition operand of `trap` (and of `kill -l`): a signal name with or without SIG,
 *  a pseudo-signal name without SIG (EXIT, ERR, DEBUG, RETURN), any case, or a number 0..64
 *  (32 and 33 included, as in bash). Returns the slot or undefined. */
export function parseTrapCondition(spec: string): number | undefined {
  const n = parseSignalNumber(spec);
  if (n !== undefined) return n >= 0 && n < NSIG ? n : undefined;
  const up = spec.toUpperCase();
  for (const p of PSEUDO_SIGNALS) if (p.name === up) return p.slot;
  return signalByName(spec)?.number;
}

/** bash's name for a slot in trap output: "EXIT", "SIGINT" ("INT" in POSIX mode), "33". */
export function trapSlotName(slot: number, posix: boolean): string {
  for (const p of PSEUDO_SIGNALS) if (p.slot === slot) return p.name;
  const name = signalName(slot);
  if (name === undefined) return String(slot);
  return posix ? name : `SIG${name}`;
}

/** Quote for re-reading as one word, as bash's sh_single_quote: 'a'\''b'. */
export function singleQuote(s: string): string {
  return `'${s.replaceAll("'", "'\\''")}'`;
}

/** Display order of `trap` and `trap -p`: EXIT, the signals by number, then DEBUG, ERR, RETURN
 *  (bash's order, which is simply slot order). */
function displayOrder(): number[] {
  const order: number[] = [];
  for (let i = 0; i < TRAP_SLOTS; i++) order.push(i);
  return order;
}
const DISPLAY_ORDER = displayOrder();

const NO_SET: ReadonlySet<number> = new Set();

/** Traps hidden while a function runs (TrapTable.enterFunction). */
export interface FunctionTraps {
  err: string | undefined;
  dbg: string | undefined;
  ret: string | undefined;
}

export class TrapTable {
  private readonly actions: (string | undefined)[];
  /** The parent's caught traps, listed by `trap` in a subshell until it changes a trap. */
  private inherited: (string | undefined)[] | null = null;
  /** Whether a signal trap was changed in this table (a subshell clone that did so has moved
   *  the process's dispositions away from its parent's). */
  private changedSignals = false;
  /** Signals this shell may neither trap nor reset (ignored at entry, non-interactive). */
  private hardIgnored: ReadonlySet<number>;

  private readonly sinkArg: TrapDispositionSink | null | undefined;
  /** Changes per slot (see suspend/resume) */
  private readonly changes = new Uint32Array(TRAP_SLOTS);
  /** The main shell's table: its EXIT trap is what a deadly signal runs before the shell dies. */
  private main = false;

  /** sink: who applies signal traps to the kernel; undefined means this process's
   *  dispositions (created on first use), null means nobody (a table that only records). */
  constructor(
    sink?: TrapDispositionSink | null,
    hardIgnored: ReadonlySet<number> = NO_SET,
    actions?: (string | undefined)[],
  ) {
    this.sinkArg = sink;
    this.actions = actions ?? new Array<string | undefined>(TRAP_SLOTS).fill(undefined);
    this.hardIgnored = hardIgnored;
  }

  private get sink(): TrapDispositionSink | null {
    return this.sinkArg === undefined ? processDispositions() : this.sinkArg;
  }

  /** The main shell's table: signals ignored at entry are listed as ignored ('' traps), and in
   *  a non-interactive shell they stay that way. */
  static forMainShell(
    sink: TrapDispositionSink | null | undefined,
    ignoredAtEntry: ReadonlySet<number>,
    interactive: boolean,
  ): TrapTable {
    const t = new TrapTable(sink, interactive ? NO_SET : ignoredAtEntry);
    t.main = true;
    for (const sig of ignoredAtEntry) t.actions[sig] = "";
    return t;
  }

  /** Interactive shells may trap signals ignored at entry; others may not. */
  setInteractive(interactive: boolean, ignoredAtEntry: ReadonlySet<number>): void {
    this.hardIgnored = interactive ? NO_SET : ignoredAtEntry;
  }

  /** The action for a slot or pseudo-signal name: undefined = default, '' = ignored. */
  get(slot: number | TrapName): string | undefined {
    if (typeof slot === "number") return this.actions[slot];
    switch (slot) {
      case "EXIT":
        return this.actions[EXIT_TRAP];
      case "DEBUG":
        return this.actions[DEBUG_TRAP];
      case "ERR":
        return this.actions[ERR_TRAP];
      case "RETURN":
        return this.actions[RETURN_TRAP];
    }
  }

  /** true when the slot has a non-empty action to run. */
  hasAction(slot: number): boolean {
    const a = this.actions[slot];
    return a !== undefined && a !== "";
  }

  /** Whether `set` would be silently refused (signal ignored at entry, non-interactive). */
  isHardIgnored(slot: number): boolean {
    return this.hardIgnored.has(slot);
  }

  /** Set (string), ignore ('') or reset (undefined) a slot. Returns false when the change is
   *  silently refused because the signal was ignored at entry of a non-interactive shell. */
  set(slot: number, action: string | undefined): boolean {
    if (this.hardIgnored.has(slot)) return false;
    this.inherited = null;
    this.actions[slot] = action;
    this.changes[slot]!++;
    if (slot === EXIT_TRAP && this.main) this.sink?.setExitTrap?.(action !== undefined && action !== "");
    if (slot >= 1 && slot < NSIG) {
      this.changedSignals = true;
      const sink = this.sink;
      if (sink !== null) sink.setUserTrap(slot, action === undefined ? "none" : action === "" ? "ignore" : "action");
    }
    return true;
  }

  /** Remove the EXIT trap and return its action (it runs once: an `exit` inside it must not run
   *  it again). */
  takeExitTrap(): string | undefined {
    const a = this.actions[EXIT_TRAP];
    this.actions[EXIT_TRAP] = undefined;
    if (this.main && a !== undefined) this.sink?.setExitTrap?.(false);
    return a;
  }

  /**
   * A function call starts (bash's execute_function): without errtrace (set -E) the ERR trap,
   * and without functrace (set -T) or the function's trace attribute the DEBUG and RETURN traps,
   * are off while it runs. Returns what leaveFunction gives back (null, the common case, when
   * nothing was hidden).
   */
  /**
   * A DEBUG, ERR or RETURN action starts: its own trap is off while it runs (no recursion) but
   * the others still fire inside it, as in bash (an ERR trap's commands get the DEBUG trap).
   * Returns the mark resume needs.
   */
  suspend(slot: number): number {
    this.actions[slot] = undefined;
    return this.changes[slot]!;
  }

  /** The action ended: its trap comes back unless the action set or reset it meanwhile. */
  resume(slot: number, action: string, mark: number): void {
    if (this.changes[slot] === mark) this.actions[slot] = action;
  }

  /** Any ERR, DEBUG or RETURN trap set (a function call has to look at them). */
  hasFunctionTraps(): boolean {
    const a = this.actions;
    return a[ERR_TRAP] !== undefined || a[DEBUG_TRAP] !== undefined || a[RETURN_TRAP] !== undefined;
  }

  enterFunction(errtrace: boolean, functrace: boolean): FunctionTraps | null {
    const a = this.actions;
    const err = errtrace ? undefined : a[ERR_TRAP];
    const dbg = functrace ? undefined : a[DEBUG_TRAP];
    const ret = functrace ? undefined : a[RETURN_TRAP];
    if (err === undefined && dbg === undefined && ret === undefined) return null;
    if (err !== undefined) a[ERR_TRAP] = undefined;
    if (dbg !== undefined) a[DEBUG_TRAP] = undefined;
    if (ret !== undefined) a[RETURN_TRAP] = undefined;
    return { err, dbg, ret };
  }

  /** The function returned: hidden traps come back, unless it set that trap itself (which
   *  then stays, as in bash). */
  leaveFunction(saved: FunctionTraps): void {
    const a = this.actions;
    if (saved.err !== undefined && a[ERR_TRAP] === undefined) a[ERR_TRAP] = saved.err;
    if (saved.dbg !== undefined && a[DEBUG_TRAP] === undefined) a[DEBUG_TRAP] = saved.dbg;
    if (saved.ret !== undefined && a[RETURN_TRAP] === undefined) a[RETURN_TRAP] = saved.ret;
  }

  /** The table a subshell starts with (see the invariants at the top). */
  cloneForSubshell(errtrace = false, functrace = false): TrapTable {
    const next = new Array<string | undefined>(TRAP_SLOTS).fill(undefined);
    let shown: (string | undefined)[] | null = null;
    for (let i = 0; i < TRAP_SLOTS; i++) {
      const a = this.actions[i];
      if (a === undefined) continue;
      const keep =
        a === "" ||
        (i === ERR_TRAP && errtrace) ||
        ((i === DEBUG_TRAP || i === RETURN_TRAP) && functrace);
      if (keep) {
        next[i] = a;
      } else {
        if (shown === null) shown = new Array<string | undefined>(TRAP_SLOTS).fill(undefined);
        shown[i] = a;
      }
    }
    const t = new TrapTable(this.sinkArg, this.hardIgnored, next);
    if (shown !== null) {
      // The listing merges the live table with the parent's reset traps.
      for (let i = 0; i < TRAP_SLOTS; i++) if (shown[i] === undefined) shown[i] = next[i];
      t.inherited = shown;
    }
    return t;
  }

  /** Make the kernel dispositions match this table (call when control returns to this state
   *  after a subshell clone changed traps in the same process). */
  activate(): void {
    const sink = this.sink;
    if (sink === null) return;
    for (let sig = 1; sig < NSIG; sig++) {
      const a = this.actions[sig];
      sink.setUserTrap(sig, a === undefined ? "none" : a === "" ? "ignore" : "action");
    }
  }

  /** Call when an in-process subshell (or pipeline stage) that ran on `child`, a clone of
   *  this table, has finished: if it changed signal traps, the process's dispositions are put
   *  back to this table's (one process serves both, so the child's `trap 'x' INT` or
   *  `trap - USR1` would otherwise outlive it). Cheap when it changed nothing. */
  afterSubshell(child: TrapTable): void {
    if (child.changedSignals) this.activate();
  }

  /** `trap` / `trap -p [slots]` output. With slots, in the order given and only those set;
   *  with showAll (bash's POSIX-mode `trap -p`), defaults too as `trap -- - NAME`. */
  format(slots: readonly number[] | undefined, posix: boolean, showAll = false): string {
    const list = this.inherited ?? this.actions;
    let out = "";
    for (const slot of slots ?? DISPLAY_ORDER) {
      const a = list[slot];
      if (a === undefined) {
        if (showAll) out += `trap -- - ${trapSlotName(slot, posix)}\n`;
        continue;
      }
      out += `trap -- ${singleQuote(a)} ${trapSlotName(slot, posix)}\n`;
    }
    return out;
  }
}
