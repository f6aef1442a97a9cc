// Reading a process's state from /proc (Linux): status fields, signal masks, descriptors and
// their fdinfo. Pure readers: no FFI, no caching (the views show a live snapshot), and every
// reader tolerates a process that exits while it is being read (it then returns undefined or
// skips the entry: /proc entries vanish at any moment).
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** The key: value lines of /proc/PID/status, or undefined when the process does not exist. */
export function readStatus(pid: number, proc = "/proc"): Map<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(`${proc}/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const m = new Map<string, string>();
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) m.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return m;
}

/** The signal numbers set in a /proc signal mask (16 hex digits: bit N-1 is signal N). */
export function decodeSigMask(hex: string): number[] {
  const out: number[] = [];
  // Walk the hex digits from the least significant end: digit i holds signals 4i+1 .. 4i+4.
  for (let i = 0; i < hex.length; i++) {
    const d = parseInt(hex[hex.length - 1 - i]!, 16);
    if (Number.isNaN(d)) continue;
    for (let b = 0; b < 4; b++) if (d & (1 << b)) out.push(i * 4 + b + 1);
  }
  return out;
}

/** The signal sets of a process from its status file (pending = thread + shared pending). */
export interface SignalSets {
  ignored: Set<number>;
  caught: Set<number>;
  blocked: Set<number>;
  pending: Set<number>;
  /** SigQ: queued signals / the RLIMIT_SIGPENDING limit */
  queued: string;
}

export function signalSets(status: Map<string, string>): SignalSets {
  const set = (key: string): Set<number> => new Set(decodeSigMask(status.get(key) ?? ""));
  const pending = set("SigPnd");
  for (const s of decodeSigMask(status.get("ShdPnd") ?? "")) pending.add(s);
  return { ignored: set("SigIgn"), caught: set("SigCgt"), blocked: set("SigBlk"), pending, queued: status.get("SigQ") ?? "" };
}

/** The command name of a process (comm), or "?" when it is gone. */
export function processName(pid: number, proc = "/proc"): string {
  try {
    return readFileSync(`${proc}/${pid}/comm`, "utf8").trim();
  } catch {
    return "?";
  }
}

/** The fdinfo of one descriptor: pos (offset), flags (octal open flags), mnt_id, ino, ... */
export function readFdInfo(pid: number, fd: number, proc = "/proc"): Map<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(`${proc}/${pid}/fdinfo/${fd}`, "utf8");
  } catch {
    return undefined;
  }
  const m = new Map<string, string>();
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0 && !m.has(line.slice(0, colon))) m.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return m;
}

/** The raw fdinfo text (kernel objects repeat keys: one "tfd:" line per fd an epoll watches). */
export function readFdInfoText(pid: number, fd: number, proc = "/proc"): string {
  try {
    return readFileSync(`${proc}/${pid}/fdinfo/${fd}`, "utf8");
  } catch {
    return "";
  }
}

export interface OpenFd {
  fd: number;
  /** readlink of /proc/PID/fd/N: a path, "pipe:[ino]", "socket:[ino]", "anon_inode:[eventfd]" */
  target: string;
}

/** A process's open descriptors in ascending order; undefined when it cannot be read. */
export function listFds(pid: number, proc = "/proc"): OpenFd[] | undefined {
  let names: string[];
  try {
    names = readdirSync(`${proc}/${pid}/fd`);
  } catch {
    return undefined;
  }
  const out: OpenFd[] = [];
  for (const n of names) {
    const fd = Number(n);
    try {
      out.push({ fd, target: readlinkSync(`${proc}/${pid}/fd/${n}`) });
    } catch {
      // closed between readdir and readlink
    }
  }
  return out.sort((a, b) => a.fd - b.fd);
}

/** The numeric directories of /proc: every process visible to us. */
export function allPids(proc = "/proc"): number[] {
  const out: number[] = [];
  for (const n of readdirSync(proc)) {
    const c = n.charCodeAt(0);
    if (c >= 48 && c <= 57) out.push(Number(n));
  }
  return out;
}

/** "pipe:[123]" -> 123, "socket:[9]" -> 9 for the given kind; undefined otherwise. */
export function linkInode(target: string, kind: "pipe" | "socket"): number | undefined {
  const prefix = `${kind}:[`;
  if (!target.startsWith(prefix) || !target.endsWith("]")) return undefined;
  const n = Number(target.slice(prefix.length, -1));
  return Number.isInteger(n) ? n : undefined;
}

export interface PipeEnd {
  pid: number;
  comm: string;
  fd: number;
  /** "read" or "write", from the fd's access mode */
  mode: "read" | "write" | "read/write";
}

/** Access mode of a descriptor from its fdinfo flags (O_ACCMODE = 3). */
export function accessMode(flags: number): PipeEnd["mode"] {
  const acc = flags & 3;
  return acc === 0 ? "read" : acc === 1 ? "write" : "read/write";
}

/**
 * Every process end of the given pipes and FIFOs, keyed by their /proc link target ("pipe:[ino]"
 * is unique to one pipe; a FIFO's target is its path). Found by scanning /proc/*\/fd: the kernel
 * has no reverse index. One pass over all processes for all the targets asked about.
 */
export function pipeEnds(targets: ReadonlySet<string>, proc = "/proc"): Map<string, PipeEnd[]> {
  const out = new Map<string, PipeEnd[]>();
  if (targets.size === 0) return out;
  for (const pid of allPids(proc)) {
    const fds = listFds(pid, proc);
    if (!fds) continue;
    let comm: string | undefined;
    for (const { fd, target } of fds) {
      if (!targets.has(target)) continue;
      comm ??= processName(pid, proc);
      const flags = parseInt(readFdInfo(pid, fd, proc)?.get("flags") ?? "0", 8);
      let list = out.get(target);
      if (!list) out.set(target, (list = []));
      list.push({ pid, comm, fd, mode: accessMode(flags) });
    }
  }
  return out;
}

export interface ProcStat {
  pgrp: number;
  session: number;
  /** device number of the controlling terminal (0: none) */
  ttyNr: number;
  /** foreground process group of the controlling terminal (-1: none) */
  tpgid: number;
}

/** Fields of /proc/PID/stat after the command name (which may contain spaces and parens). */
export function readStat(pid: number, proc = "/proc"): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`${proc}/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // pid (comm) state ppid pgrp session tty_nr tpgid ...
  const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { pgrp: Number(f[2]), session: Number(f[3]), ttyNr: Number(f[4]), tpgid: Number(f[5]) };
}

/** Path of a unix-domain socket by inode from /proc/net/unix ("" when unnamed or not unix). */
export function unixSocketPaths(proc = "/proc"): Map<number, string> {
  const out = new Map<number, string>();
  let text: string;
  try {
    text = readFileSync(`${proc}/net/unix`, "utf8");
  } catch {
    return out;
  }
  // Num RefCount Protocol Flags Type St Inode Path
  for (const line of text.split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length >= 7) out.set(Number(f[6]), f[7] ?? "");
  }
  return out;
}
