// `fds [pid|%job]`: a live view of a process's open descriptors.
//
// Each descriptor is classified from /proc/PID/fd and fdinfo (src/explain/fd-kind.ts): a pipe
// with its inode and the processes at its other end (found by scanning every process's fds for
// the same pipe inode), a terminal, a file with its offset and open flags, a FIFO, a socket
// (with its path for unix sockets), an anon_inode (eventfd, eventpoll, ...).
//
// Without an operand the view is about the shell, and then two tables matter, shown both:
//  1. the shell's virtual fd table (shell fd -> OS fd): what `exec 3>f`, `2>&1` and a
//     pipeline built, and exactly what a command started here receives as its fds 0, 1, 2...;
//  2. the process's real descriptors: the OS fds behind that table plus Bun's own (event loop,
//     eventfds, the reopened terminal), which no command ever sees.
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { renderTable } from "../src/explain/format.ts";
import { describeFd, type FdDescription } from "../src/explain/fd-kind.ts";
import { listFds, pipeEnds, processName, readStat, unixSocketPaths, type PipeEnd, type ProcStat } from "../src/explain/proc.ts";
import { shellFds, targetPids, type ExplainShell } from "../src/explain/shell-view.ts";

interface Described {
  fd: number;
  d: FdDescription;
}

/** Everything needed to explain one process's descriptors, read in one pass. */
interface Snapshot {
  pid: number;
  fds: Described[];
  /** other ends of pipes and FIFOs, by link target */
  ends: Map<string, PipeEnd[]>;
  sockets: Map<number, string>;
  stat?: ProcStat;
}

function snapshot(pid: number): Snapshot | undefined {
  const open = listFds(pid);
  if (!open) return undefined;
  const fds = open.map(({ fd, target }) => ({ fd, d: describeFd(pid, fd, target) }));
  const targets = new Set<string>();
  let anySocket = false;
  for (const { d } of fds) {
    if (d.kind === "pipe" || d.kind === "fifo") targets.add(d.target);
    if (d.kind === "socket") anySocket = true;
  }
  return { pid, fds, ends: pipeEnds(targets), sockets: anySocket ? unixSocketPaths() : new Map(), stat: readStat(pid) };
}

/**
 * "pipe:[9] write end; read by 4312 (cat) fd 0" — or who is missing (EOF / SIGPIPE ahead).
 * FIFOs get the same treatment: once open, a named pipe is a pipe.
 */
function pipeDetails(s: Snapshot, fd: number, d: FdDescription): string {
  const mine = d.rawFlags & 3;
  const end = mine === 0 ? "read end" : mine === 1 ? "write end" : "read/write end";
  const all = s.ends.get(d.target) ?? [];
  const others = all.filter((e) => !(e.pid === s.pid && e.fd === fd));
  const wanted = mine === 0 ? "write" : "read";
  const opposite = others.filter((e) => e.mode === wanted || e.mode === "read/write");
  const sameSide = others.filter((e) => e.mode !== wanted && e.mode !== "read/write");
  let text = d.kind === "fifo" ? `${d.target} (named pipe) ${end}` : `${d.target} ${end}`;
  if (opposite.length === 0) {
    text += mine === 0 ? "; no writer left (reads get EOF)" : mine === 1 ? "; no reader left (writes get SIGPIPE/EPIPE)" : "";
  } else {
    text += `; ${wanted === "write" ? "written by" : "read by"} ${opposite.map(who).join(", ")}`;
  }
  if (sameSide.length > 0) text += `; also ${end === "read end" ? "read" : "written"} by ${sameSide.map(who).join(", ")}`;
  return text;
}

function who(e: PipeEnd): string {
  return `${e.pid} (${e.comm}) fd ${e.fd}`;
}

function details(s: Snapshot, fd: number, d: FdDescription): string {
  switch (d.kind) {
    case "pipe":
      return pipeDetails(s, fd, d);
    case "socket": {
      const path = d.inode !== undefined ? s.sockets.get(d.inode) : undefined;
      return path ? `${d.target} unix ${path}` : s.sockets.has(d.inode ?? -1) ? `${d.target} unix (unnamed)` : d.target;
    }
    case "file":
    case "memfd":
    case "device":
    case "directory":
      return `${d.target}  offset ${d.pos ?? "?"}  ${d.flags}`;
    case "fifo":
      return pipeDetails(s, fd, d);
    case "terminal":
      return `${d.target}  ${d.flags}${terminalRole(s, d)}`;
    case "other":
      return `${d.target}  ${d.flags}`;
    case "anon_inode":
      return d.note ? `${d.target}  ${d.note}` : d.target;
  }
}

/**
 * For the process's controlling terminal: who is in the foreground. Job control in one line: a
 * process whose group is not the terminal's foreground group gets SIGTTIN when it reads it.
 */
function terminalRole(s: Snapshot, d: FdDescription): string {
  const st = s.stat;
  if (!st || d.rdev === undefined || st.ttyNr === 0 || d.rdev !== st.ttyNr) return "";
  if (st.tpgid <= 0) return "  controlling terminal, no foreground group";
  const fg = st.tpgid === st.pgrp ? "this process's group" : `group ${st.tpgid}`;
  return `  controlling terminal; foreground: ${fg} (process group ${st.pgrp})`;
}

function processTable(s: Snapshot, shellOf?: Map<number, number[]>): string {
  const header = shellOf ? ["FD", "SHELL FD", "KIND", "DETAILS"] : ["FD", "KIND", "DETAILS"];
  const rows = s.fds.map(({ fd, d }) => {
    const row = [String(fd)];
    if (shellOf) row.push(shellOf.get(fd)?.join(",") ?? "-");
    row.push(d.kind, details(s, fd, d));
    return row;
  });
  return renderTable(header, rows, shellOf ? ["right", "right"] : ["right"]);
}

function selfView(ctx: BuiltinContext): number {
  const sh = ctx.sh as unknown as ExplainShell;
  const s = snapshot(process.pid);
  if (!s) {
    ctx.error(`/proc/${process.pid}/fd: cannot read`);
    return 1;
  }
  const byOs = new Map<number, Described>();
  for (const x of s.fds) byOs.set(x.fd, x);
  const table = shellFds(sh);
  const shellOf = new Map<number, number[]>();
  const rows = table.map(({ fd, os, label }) => {
    let list = shellOf.get(os);
    if (!list) shellOf.set(os, (list = []));
    list.push(fd);
    const x = byOs.get(os);
    const what = x ? details(s, os, x.d) : "(closed in the process)";
    return [String(fd), String(os), x?.d.kind ?? "?", label && label !== "inherited" ? `${what}  [${label}]` : what];
  });
  ctx.out("Shell descriptors: the shell's fd table, what a command started here gets as its fds\n");
  ctx.out(renderTable(["FD", "OS FD", "KIND", "DETAILS"], rows, ["right", "right"]));
  ctx.out(`\nProcess ${process.pid} (${processName(process.pid)}): all its descriptors; SHELL FD '-' = the runtime's own, never passed to commands\n`);
  ctx.out(processTable(s, shellOf));
  return 0;
}

function run(ctx: BuiltinContext): number {
  const args = ctx.args[0] === "--" ? ctx.args.slice(1) : ctx.args;
  if (args.length > 1 || (args[0] !== undefined && args[0].startsWith("-"))) {
    ctx.error(args.length > 1 ? "too many arguments" : `${args[0]}: invalid option`);
    ctx.err(`${ctx.name}: usage: ${def.synopsis}\n`);
    return 2;
  }
  const target = targetPids(ctx.sh as unknown as ExplainShell, args[0]);
  if (typeof target === "string") {
    ctx.error(target);
    return 1;
  }
  if (target.self && args[0] === undefined) return selfView(ctx);
  let status = 0;
  target.pids.forEach((pid, i) => {
    if (i > 0) ctx.out("\n");
    const s = snapshot(pid);
    if (!s) {
      ctx.error(`${pid}: no such process or no access to /proc/${pid}/fd`);
      status = 1;
      return;
    }
    ctx.out(`Process ${pid} (${processName(pid)}): descriptors from /proc/${pid}/fd\n`);
    ctx.out(processTable(s));
  });
  return status;
}

export const def: BuiltinDef = {
  name: "fds",
  special: false,
  run,
  synopsis: "fds [pid | %job]",
  description:
    "Show the open file descriptors of a process: pipes (with the processes at the other end),\n" +
    "terminals, files (offset and open flags), FIFOs, sockets and kernel objects. Without an\n" +
    "operand, show the shell's own fd table (shell fd -> OS fd) and then every descriptor of\n" +
    "the shell process, marking those the runtime uses for itself.",
};
