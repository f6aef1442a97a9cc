// The controlling terminal under job control: which process group owns it, the shell's own
// terminal modes, and handing it to a foreground job and taking it back.
//
// Invariant: while the shell itself runs (prompt, builtins, in-process stages) its own process
// group owns the terminal; a foreground job gets it for its lifetime (posix_spawn's
// addtcsetpgrp_np in the first child), and the shell takes it back (tcsetpgrp, which it may do
// from the background because it ignores SIGTTOU) as soon as the job ends or stops, restoring
// its saved modes so a job that crashed in raw mode does not leave the prompt unusable.

import type { Shell } from "../shell.ts";
import { getPgrp, getPid, kill, setPgid, tcGetPgrp, tcSetPgrp } from "../sys/proc.ts";
import { getTermios, setTermios, type Termios } from "../sys/termios.ts";
import { dupCloexec, isTty } from "../sys/fd.ts";

const SIGTTIN = 21;

class Terminal {
  /** A private descriptor of the controlling terminal (-1: no job control possible) */
  fd = -1;
  /** The shell's process group */
  pgid = 0;
  /** The process group that owned the terminal when the shell started (given back at exit) */
  originalPgrp = 0;
  private shellModes: Termios | undefined;

  /** Take control of the terminal for an interactive shell with job control (POSIX: loop on
   *  SIGTTIN until in the foreground, then put the shell in its own group). */
  acquire(): boolean {
    const src = isTty(2) ? 2 : isTty(0) ? 0 : -1;
    if (src < 0) return false;
    const fd = dupCloexec(src, 10);
    if (fd < 0) return false;
    for (let i = 0; i < 1000; i++) {
      const fg = tcGetPgrp(fd);
      if (fg < 0) return false;
      if (fg === getPgrp()) break;
      kill(0, SIGTTIN);
    }
    this.originalPgrp = getPgrp();
    const pid = getPid();
    if (getPgrp() !== pid) setPgid(0, 0);
    this.pgid = pid;
    tcSetPgrp(fd, pid);
    this.fd = fd;
    const m = getTermios(fd);
    if (typeof m !== "number") this.shellModes = m;
    return true;
  }

  /** After a foreground job: the terminal back to the shell, with the shell's modes. */
  reclaim(_sh: Shell): void {
    if (this.fd < 0) return;
    tcSetPgrp(this.fd, this.pgid);
    if (this.shellModes) setTermios(this.fd, this.shellModes);
  }

  /** The terminal's current modes (saved for a job that just stopped). */
  saveJobModes(): Termios | undefined {
    if (this.fd < 0) return undefined;
    const m = getTermios(this.fd);
    return typeof m === "number" ? undefined : m;
  }

  /** Give the terminal to a job's group (fg), restoring the job's saved modes. */
  giveTo(pgid: number, modes?: Termios): void {
    if (this.fd < 0) return;
    if (modes) setTermios(this.fd, modes);
    tcSetPgrp(this.fd, pgid);
  }

  /** Re-read the shell's modes (after the line editor changed and restored them). */
  saveShellModes(): void {
    if (this.fd < 0) return;
    const m = getTermios(this.fd);
    if (typeof m !== "number") this.shellModes = m;
  }

  /** At exit: give the terminal back to the group that had it. */
  release(): void {
    if (this.fd < 0) return;
    if (this.originalPgrp && this.originalPgrp !== this.pgid) tcSetPgrp(this.fd, this.originalPgrp);
  }
}

export const terminal = new Terminal();
