// The one table of signals (Linux x86_64, glibc). `kill -l`, `trap -l`, wait-status decoding,
// the trap table and the teaching views all read it; nothing else in the shell hard-codes a
// signal number.
//
// Names are stored without the SIG prefix, as bash prints them in `kill -l 15` (TERM) and
// accepts them in specs. Descriptions are glibc's strsignal() texts, which is what bash prints
// when a job dies ("Killed", "Terminated", "Segmentation fault (core dumped)").
//
// Wait statuses are decoded by src/exec/wait-status.ts; describeWait here gives their text.
//
// 32 and 33 are reserved by glibc (thread cancellation, setxid) and have no name: bash's
// `kill -l` skips them. SIGRTMIN is therefore 34 and SIGRTMAX 64; the real-time signals get
// bash's names RTMIN, RTMIN+1 .. RTMIN+15, RTMAX-14 .. RTMAX-1, RTMAX.

import type { WaitStatus } from "../exec/wait-status.ts";

/** What the kernel does with a signal whose disposition is SIG_DFL (signal(7)). */
export type DefaultAction = "Term" | "Ign" | "Core" | "Stop" | "Cont";

export interface SignalInfo {
  readonly number: number;
  /** Name without the SIG prefix: "INT", "RTMIN+3". */
  readonly name: string;
  readonly action: DefaultAction;
  /** false for KILL and STOP: their disposition cannot be changed. */
  readonly catchable: boolean;
  /** glibc strsignal() text, as bash prints it for a job that died of this signal. */
  readonly description: string;
}

/** Lowest and highest real-time signal as glibc reports them to programs (bash uses these). */
export const SIGRTMIN = 34;
export const SIGRTMAX = 64;
/** One past the highest signal number: signal numbers are 1 .. NSIG-1. */
export const NSIG = 65;

// The standard signals, numbered 1..31. One row per signal.
const STANDARD: ReadonlyArray<readonly [number, string, DefaultAction, string]> = [
  [1, "HUP", "Term", "Hangup"],
  [2, "INT", "Term", "Interrupt"],
  [3, "QUIT", "Core", "Quit"],
  [4, "ILL", "Core", "Illegal instruction"],
  [5, "TRAP", "Core", "Trace/breakpoint trap"],
  [6, "ABRT", "Core", "Aborted"],
  [7, "BUS", "Core", "Bus error"],
  [8, "FPE", "Core", "Floating point exception"],
  [9, "KILL", "Term", "Killed"],
  [10, "USR1", "Term", "User defined signal 1"],
  [11, "SEGV", "Core", "Segmentation fault"],
  [12, "USR2", "Term", "User defined signal 2"],
  [13, "PIPE", "Term", "Broken pipe"],
  [14, "ALRM", "Term", "Alarm clock"],
  [15, "TERM", "Term", "Terminated"],
  [16, "STKFLT", "Term", "Stack fault"],
  [17, "CHLD", "Ign", "Child exited"],
  [18, "CONT", "Cont", "Continued"],
  [19, "STOP", "Stop", "Stopped (signal)"],
  [20, "TSTP", "Stop", "Stopped"],
  [21, "TTIN", "Stop", "Stopped (tty input)"],
  [22, "TTOU", "Stop", "Stopped (tty output)"],
  [23, "URG", "Ign", "Urgent I/O condition"],
  [24, "XCPU", "Core", "CPU time limit exceeded"],
  [25, "XFSZ", "Core", "File size limit exceeded"],
  [26, "VTALRM", "Term", "Virtual timer expired"],
  [27, "PROF", "Term", "Profiling timer expired"],
  [28, "WINCH", "Ign", "Window changed"],
  [29, "IO", "Term", "I/O possible"],
  [30, "PWR", "Term", "Power failure"],
  [31, "SYS", "Core", "Bad system call"],
];

/** bash's name for a real-time signal: the nearer of RTMIN+n and RTMAX-n (RTMIN+15 / RTMAX-14). */
function rtName(sig: number): string {
  const fromMin = sig - SIGRTMIN;
  if (fromMin === 0) return "RTMIN";
  if (sig === SIGRTMAX) return "RTMAX";
  return fromMin <= 15 ? `RTMIN+${fromMin}` : `RTMAX-${SIGRTMAX - sig}`;
}

function buildTable(): SignalInfo[] {
  const rows: SignalInfo[] = [];
  for (const [number, name, action, description] of STANDARD) {
    rows.push({ number, name, action, catchable: number !== 9 && number !== 19, description });
  }
  for (let sig = SIGRTMIN; sig <= SIGRTMAX; sig++) {
    rows.push({
      number: sig,
      name: rtName(sig),
      action: "Term",
      catchable: true,
      description: `Real-time signal ${sig - SIGRTMIN}`,
    });
  }
  return rows;
}

/** Every named signal in number order (1..31, 34..64). */
export const SIGNALS: readonly SignalInfo[] = buildTable();

const byNumber: (SignalInfo | undefined)[] = new Array(NSIG).fill(undefined);
const byUpperName = new Map<string, SignalInfo>();
for (const s of SIGNALS) {
  byNumber[s.number] = s;
  byUpperName.set(s.name, s);
}

/** The row for a signal number, or undefined (0, 32, 33, out of range). */
export function signalByNumber(n: number): SignalInfo | undefined {
  return n >= 0 && n < NSIG ? byNumber[n] : undefined;
}

/** Name without SIG for a number ("TERM"), or undefined. */
export function signalName(n: number): string | undefined {
  return signalByNumber(n)?.name;
}

/** Number of a signal named with or without SIG, in any case ("int", "SIGINT", "SigInt").
 *  RTMIN+n and RTMAX-n are accepted for any n that lands in 34..64 (bash accepts RTMIN+16 as 50
 *  but not RTMAX+1 or RTMIN-1). Returns undefined for unknown names. */
export function signalByName(name: string): SignalInfo | undefined {
  let up = name.toUpperCase();
  if (up.startsWith("SIG")) up = up.slice(3);
  const direct = byUpperName.get(up);
  if (direct !== undefined) return direct;
  return parseRtOffset(up);
}

function parseRtOffset(up: string): SignalInfo | undefined {
  let base: number;
  let sign: number;
  if (up.startsWith("RTMIN+")) {
    base = SIGRTMIN;
    sign = 1;
  } else if (up.startsWith("RTMAX-")) {
    base = SIGRTMAX;
    sign = -1;
  } else {
    return undefined;
  }
  const digits = up.slice(6);
  if (!/^[0-9]+$/.test(digits)) return undefined;
  const n = base + sign * Number(digits);
  // RTMAX-0 is rejected by bash; RTMIN+0 is accepted.
  if (sign < 0 && n === SIGRTMAX) return undefined;
  return n >= SIGRTMIN && n <= SIGRTMAX ? byNumber[n] : undefined;
}

/** A decimal number as the shell's signal specs accept it: optional sign and blanks
 *  ("+3", " 3"), leading zeros allowed ("010" is 10), nothing else. */
export function parseSignalNumber(text: string): number | undefined {
  const m = /^\s*([+-]?)([0-9]+)\s*$/.exec(text);
  if (m === null) return undefined;
  const n = Number(m[2]);
  return m[1] === "-" ? -n : n;
}

/** Parse a signal spec used by kill -s/-n and by `trap`: a name (with or without SIG, any case)
 *  or a number 1..64. Returns the signal number, or undefined if invalid. 0 is accepted only
 *  when allowZero (kill -0 / kill -s 0 check whether a process exists). */
export function parseSignalSpec(spec: string, allowZero = false): number | undefined {
  const n = parseSignalNumber(spec);
  if (n !== undefined) {
    if (n === 0) return allowZero ? 0 : undefined;
    return n > 0 && n < NSIG ? n : undefined;
  }
  return signalByName(spec)?.number;
}

/** The text bash prints for a job killed by `sig`: strsignal plus " (core dumped)".
 *  Unnamed numbers give glibc's "Unknown signal N". */
export function describeSignalDeath(sig: number, coreDumped: boolean): string {
  const s = signalByNumber(sig);
  const text = s !== undefined && sig !== 0 ? s.description : `Unknown signal ${sig}`;
  return coreDumped ? `${text} (core dumped)` : text;
}

/** bash's text for a job's state change, as in "[1]+  Stopped (tty output)" or the line bash
 *  prints when a foreground job is killed ("Killed", "Quit (core dumped)"). Exits and SIGINT /
 *  SIGPIPE deaths of foreground jobs are silent in bash; that choice is the job reporter's. */
export function describeWait(w: WaitStatus): string {
  switch (w.kind) {
    case "exited":
      return w.code === 0 ? "Done" : `Exit ${w.code}`;
    case "signaled":
      return describeSignalDeath(w.signal, w.core);
    case "stopped":
      return describeSignalDeath(w.signal, false);
    case "continued":
      return "Running";
  }
}

/** `kill -l` / `trap -l` as bash prints them: "%2d) SIGNAME", a tab between entries, five per
 *  line, a newline after the last partial line (bash's display_signal_list). */
export function formatSignalTable(): string {
  let out = "";
  let column = 0;
  for (const s of SIGNALS) {
    out += `${s.number < 10 ? " " : ""}${s.number}) SIG${s.name}`;
    if (++column < 5) {
      out += "\t";
    } else {
      out += "\n";
      column = 0;
    }
  }
  if (column !== 0) out += "\n";
  return out;
}

/** `kill -l` in POSIX mode: the names without SIG on one line, separated by spaces. */
export function formatSignalNamesPosix(): string {
  let out = "";
  for (let i = 0; i < SIGNALS.length; i++) out += (i === 0 ? "" : " ") + SIGNALS[i]!.name;
  return out + "\n";
}
