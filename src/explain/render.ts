// Text for the teaching trace: one line per TraceEvent, in the vocabulary of the system calls
// the shell really makes (pipe2, posix_spawn and its file actions, execve, open, waitpid,
// tcsetpgrp, setpgid, kill), with the real numbers the event carries.
//
// Pure functions of the event (and of the shell's own process group, which a spawn without a
// group of its own joins): the live trace (live.ts) and the golden tests use the same text.
// Signal names and wait-status meanings come from the one signal table.

import type { TraceEvent } from "./trace.ts";
import type { FileAction } from "../exec/spawn.ts";
import type { WaitStatus } from "../exec/wait-status.ts";
import { shellStatus } from "../exec/wait-status.ts";
import { signalName } from "../signals/table.ts";
import { errnoName, strerror } from "../sys/errno.ts";
import { describeOpenFlags } from "./open-flags.ts";
import { O_CLOEXEC, O_CREAT } from "../sys/fd.ts";

/** "SIGPIPE (13)"; a number without a name stays a number. */
export function signalLabel(sig: number): string {
  const n = signalName(sig);
  return n === undefined ? `signal ${sig}` : `SIG${n} (${sig})`;
}

/** What a waitpid status means, with the $? it gives the shell. */
export function describeStatus(s: WaitStatus): string {
  switch (s.kind) {
    case "exited":
      return `exited ${s.code}`;
    case "signaled":
      return `killed by ${signalLabel(s.signal)}${s.core ? " (core dumped)" : ""} = status ${shellStatus(s)}`;
    case "stopped":
      return `stopped by ${signalLabel(s.signal)} = status ${shellStatus(s)}`;
    case "continued":
      return "continued";
  }
}

/** One posix_spawn file action as the C call that records it. */
export function formatAction(a: FileAction): string {
  switch (a.op) {
    case "dup2":
      return `dup2(${a.from}, ${a.to})`;
    case "close":
      return `close(${a.fd})`;
    case "chdir":
      return `chdir(${a.path})`;
  }
}

/** The ordered child set-up of a spawn: terminal hand-off first, then the actions, then closefrom. */
export function formatActions(actions: readonly FileAction[], closeFrom: number | undefined, ttyFd: number | undefined): string {
  const parts: string[] = [];
  if (ttyFd !== undefined) parts.push(`tcsetpgrp(${ttyFd}, own group)`);
  for (const a of actions) parts.push(formatAction(a));
  parts.push(`closefrom(${closeFrom ?? 3})`);
  return parts.join(" ");
}

function errnoText(e: number): string {
  return `-1 ${errnoName(e)} (${strerror(e)})`;
}

/** A JS string as C source would quote it (for argv and paths in the execve line). */
function q(s: string): string {
  return JSON.stringify(s);
}

const IN_PROCESS: Record<"subshell" | "stage" | "cmdsub" | "reexec", string> = {
  subshell: "( ... ) subshell",
  stage: "pipeline stage",
  cmdsub: "$( ... ) command substitution",
  reexec: "background job with in-process stages",
};

const SIGNAL_ACTION: Record<"trap" | "forwarded" | "ignored" | "interrupt" | "listener", string> = {
  trap: "trap action queued (runs at the next safe point)",
  forwarded: "forwarded to the foreground job",
  ignored: "ignored",
  interrupt: "interrupts the current command",
  listener: "handled by the shell itself",
};

/** What the shell itself does with the signals it catches for its own use (no trap set). */
const SHELL_USE: Record<number, string> = {
  2: "Ctrl-C: the shell abandons the current command or line",
  17: "a child changed state: the shell collects its status (waitpid)",
  20: "Ctrl-Z at the prompt: the shell itself is never stopped",
  28: "the terminal was resized: the line editor redraws",
};

/**
 * The line(s) for one event, without a trailing newline. `shellPgid` is the shell's own
 * process group, which a child joins when the spawn asks for no group of its own.
 */
export function renderEvent(e: TraceEvent, shellPgid: number): string {
  switch (e.kind) {
    case "pipe":
      return `pipe2(O_CLOEXEC) = [${e.read}, ${e.write}]   read end ${e.read}, write end ${e.write}`;
    case "spawn": {
      const head = `posix_spawn(${e.path})`;
      if (e.pid === undefined) return `${head} = ${errnoText(e.errno ?? 0)}`;
      const pgid = e.pgroup === undefined ? shellPgid : e.pgroup === 0 ? e.pid : e.pgroup;
      const group = e.pgroup === undefined ? "the shell's group" : e.pgroup === 0 ? "new group" : "joins the job's group";
      return (
        `${head} = pid ${e.pid}  pgid ${pgid} (${group})  actions: ${formatActions(e.actions, e.closeFrom, e.foreground)}\n` +
        `  execve(${q(e.path)}, [${e.argv.map(q).join(", ")}])   in child ${e.pid}`
      );
    }
    case "open":
      // the shell always adds O_CLOEXEC: only a child's dup2 file action makes the fd inheritable
      return `open(${q(e.path)}, ${describeOpenFlags(e.flags | O_CLOEXEC)}${e.flags & O_CREAT ? ", 0666" : ""}) = ${e.errno !== undefined ? errnoText(e.errno) : e.fd}`;
    case "memfd":
      return `memfd_create(${q(e.purpose)}) = ${e.fd}`;
    case "close":
      return `close(${e.fd})`;
    case "fdmap":
      return e.osFd === undefined
        ? `fd table: shell fd ${e.shellFd} closed (no system call: applied to the command's copy of the table)`
        : e.closeOnExec
          ? `fd table: shell fd ${e.shellFd} -> OS fd ${e.osFd} (${e.label}), close-on-exec: no child gets it`
          : `fd table: shell fd ${e.shellFd} -> OS fd ${e.osFd} (${e.label}) (no dup2 in the shell: a child gets it as a file action)`;
    case "wait":
      return e.orphan
        ? `waitpid(${e.pid}, WNOHANG) = ${describeStatus(e.status)}   reaping an orphan (a process substitution or a subshell's background child), whenever it has ended`
        : `waitpid(${e.pid}) = ${describeStatus(e.status)}`;
    case "tcsetpgrp":
      return `tcsetpgrp(${e.fd}, ${e.pgid})   the terminal's foreground group is now ${e.pgid}`;
    case "setpgid":
      return `setpgid(${e.pid}, ${e.pgid})`;
    case "kill":
      return e.group && e.target > 0 ? `killpg(${e.target}, ${signalLabel(e.signal)})` : `kill(${e.target}, ${signalLabel(e.signal)})`;
    case "signal":
      return `signal ${signalLabel(e.signal)} received: ${SIGNAL_ACTION[e.action]}${e.action === "listener" && SHELL_USE[e.signal] !== undefined ? ` (${SHELL_USE[e.signal]})` : ""}`;
    case "inproc":
      return e.phase === "start"
        ? `in-process (no fork): ${IN_PROCESS[e.what]} starts, subshell level ${e.level}`
        : `in-process (no fork): ${IN_PROCESS[e.what]} ends, status ${e.status ?? 0}`;
    case "trap":
      return `trap on ${e.condition} runs: ${e.action}`;
  }
}
