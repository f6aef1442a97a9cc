// The teaching mode's live trace: the executor reports every real operation it performs, as it
// performs it, with the real numbers. This module is only the event bus: when nothing listens,
// each emit point costs one boolean test (`tracing`). Rendering the events (text lines, the
// `set -o explain` output) is the business of the listener (src/explain/live.ts).
//
// Invariant: events are produced by the code that does the operation, right after it (never
// reconstructed from the AST), so the trace cannot disagree with what happened.

import type { WaitStatus } from "../exec/wait-status.ts";
import type { FileAction } from "../exec/spawn.ts";

export type TraceEvent =
  /** pipe2(O_CLOEXEC) gave [read, write] */
  | { kind: "pipe"; read: number; write: number }
  /** posix_spawn: the child's pid (or errno), its group, its ordered file actions */
  | { kind: "spawn"; path: string; argv: readonly string[]; pid?: number; errno?: number; pgroup?: number; foreground?: number; actions: readonly FileAction[]; closeFrom?: number }
  /** the shell opened a redirection target (O_CLOEXEC) */
  | { kind: "open"; path: string; flags: number; fd: number; errno?: number }
  /** a memfd for a here-document or $(...) capture */
  | { kind: "memfd"; purpose: string; fd: number }
  /** the shell closed one of its OS descriptors (its last user let go) */
  | { kind: "close"; fd: number }
  /** a shell fd now points at an OS descriptor in this state's table (a redirection) */
  | { kind: "fdmap"; shellFd: number; osFd: number | undefined; label: string; closeOnExec?: boolean }
  /** waitpid result, decoded */
  | { kind: "wait"; pid: number; status: WaitStatus; orphan?: boolean }
  /** tcsetpgrp: the terminal's foreground group */
  | { kind: "tcsetpgrp"; fd: number; pgid: number }
  /** setpgid by the shell itself */
  | { kind: "setpgid"; pid: number; pgid: number }
  /** kill / killpg sent by the shell (fg, bg, kill builtin) */
  | { kind: "kill"; target: number; group: boolean; signal: number }
  /** a signal the shell received, and what it did with it */
  | { kind: "signal"; signal: number; action: "trap" | "forwarded" | "ignored" | "interrupt" | "listener" }
  /** an in-process subshell, pipeline stage or $(...) started / ended (no fork) */
  | { kind: "inproc"; what: "subshell" | "stage" | "cmdsub" | "reexec"; phase: "start" | "end"; status?: number; level: number }
  /** a trap action runs */
  | { kind: "trap"; condition: string; action: string };

export type TraceListener = (e: TraceEvent) => void;

/** True while a listener is attached: emit points test this first. */
export let tracing = false;
let listener: TraceListener | undefined;

export function setTraceListener(l: TraceListener | undefined): void {
  listener = l;
  tracing = l !== undefined;
}

export function emit(e: TraceEvent): void {
  if (listener !== undefined) listener(e);
}
