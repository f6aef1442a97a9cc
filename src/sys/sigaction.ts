// Signal dispositions and the signal mask, set through libc (bun-runtime-facts.md §4).
//
// Why not process.on/off: a JS listener is a *caught* signal, which exec resets to default, and
// removing the last listener sets SIG_DFL even if the signal was ignored before. SIG_IGN for the
// job-control signals (TSTP, TTIN, TTOU) and QUIT must be a real SIG_IGN, or tcsetpgrp from the
// background spins forever. The one module that owns dispositions (src/signals) uses these
// primitives; nothing else should call them.
//
// struct sigaction on x86_64 glibc (152 bytes): sa_handler @0 (8), sa_mask @8 (128),
// sa_flags @136 (4), sa_restorer @144 (8). A saved disposition is kept as those raw bytes, so
// restoring one (including a handler Bun installed) is exact.
import { errno } from "./errno.ts";
import { libc, SIZEOF_SIGACTION, SIZEOF_SIGSET } from "./libc.ts";

export type Disposition = "default" | "ignore" | "handler";

const SIG_DFL = 0;
const SIG_IGN = 1;

// sigprocmask `how`.
export const SIG_BLOCK = 0;
export const SIG_UNBLOCK = 1;
export const SIG_SETMASK = 2;

const query = new Uint8Array(SIZEOF_SIGACTION);
const queryView = new DataView(query.buffer);

/** How `sig` is handled right now. POSIX: a signal ignored when a non-interactive shell starts
 *  cannot be trapped or reset, so the shell asks this once per signal at start-up. */
export function getDisposition(sig: number): Disposition | number {
  if (libc().sigaction(sig, null, query) !== 0) return -errno();
  const lo = queryView.getUint32(0, true);
  const hi = queryView.getUint32(4, true);
  if (hi === 0 && lo === SIG_DFL) return "default";
  if (hi === 0 && lo === SIG_IGN) return "ignore";
  return "handler";
}

function setHandler(sig: number, handler: number): number {
  const act = new Uint8Array(SIZEOF_SIGACTION); // empty mask, no flags
  new DataView(act.buffer).setUint32(0, handler, true);
  return libc().sigaction(sig, act, null) === 0 ? 0 : -errno();
}

/** Ignore `sig` for real (SIG_IGN), e.g. TSTP/TTIN/TTOU/QUIT in an interactive shell, `trap '' INT`. */
export function ignoreSignal(sig: number): number {
  return setHandler(sig, SIG_IGN);
}

/** Reset `sig` to its default action (SIG_DFL). */
export function defaultSignal(sig: number): number {
  return setHandler(sig, SIG_DFL);
}

/** The current disposition of `sig` as raw bytes, for restoreDisposition. */
export function saveDisposition(sig: number): Uint8Array | number {
  const old = new Uint8Array(SIZEOF_SIGACTION);
  return libc().sigaction(sig, null, old) === 0 ? old : -errno();
}

/** Put back a disposition saved by saveDisposition. 0 or -errno. */
export function restoreDisposition(sig: number, saved: Uint8Array): number {
  return libc().sigaction(sig, saved, null) === 0 ? 0 : -errno();
}

/** A sigset_t holding exactly `sigs`. */
export function sigset(sigs: readonly number[]): Uint8Array {
  const C = libc();
  const set = new Uint8Array(SIZEOF_SIGSET);
  C.sigemptyset(set);
  for (const s of sigs) C.sigaddset(set, s);
  return set;
}

/** sigprocmask(how, set): returns the previous mask (raw sigset bytes) or -errno. */
export function sigprocmask(how: number, set: Uint8Array): Uint8Array | number {
  const old = new Uint8Array(SIZEOF_SIGSET);
  return libc().sigprocmask(how, set, old) === 0 ? old : -errno();
}

/** Whether `sig` is in a sigset. */
export function sigismember(set: Uint8Array, sig: number): boolean {
  return libc().sigismember(set, sig) === 1;
}
