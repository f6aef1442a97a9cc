// What an open descriptor is, from its /proc link and fdinfo: the classification the `fds`
// view prints. Kinds follow the kernel's own vocabulary: pipe, FIFO (a named pipe), socket,
// terminal, file, directory, device, anon_inode (eventfd, eventpoll, signalfd, timerfd, ...:
// kernel objects without a path), memfd.
import { statSync } from "node:fs";
import { describeOpenFlags } from "./open-flags.ts";
import { decodeSigMask, linkInode, readFdInfo, readFdInfoText } from "./proc.ts";
import { signalName } from "../signals/table.ts";

export type FdKind = "pipe" | "fifo" | "socket" | "terminal" | "file" | "directory" | "device" | "anon_inode" | "memfd" | "other";

export interface FdDescription {
  kind: FdKind;
  /** The link target (a path, pipe:[ino], ...) */
  target: string;
  /** Open flags as names (O_RDONLY|O_CLOEXEC) */
  flags: string;
  /** Raw octal flags from fdinfo (for the access mode) */
  rawFlags: number;
  /** File offset from fdinfo (files, directories, devices) */
  pos?: number;
  /** pipe or socket inode */
  inode?: number;
  /** device number (terminals: compared with the process's controlling tty) */
  rdev?: number;
  /** what a kernel object (anon_inode) is doing, from its fdinfo */
  note?: string;
}

/**
 * What an anon_inode descriptor is doing, from the fdinfo lines the kernel adds per object type:
 * the fds an epoll instance watches (an event loop's interest list), an eventfd's counter, the
 * process a pidfd refers to, the signals a signalfd takes.
 */
export function anonInodeNote(target: string, info: string): string | undefined {
  if (target === "anon_inode:[eventpoll]") {
    const fds = [...info.matchAll(/^tfd:\s*(\d+)/gm)].map((m) => m[1]);
    return fds.length > 0 ? `watching fds ${fds.join(", ")}` : "watching nothing";
  }
  if (target === "anon_inode:[eventfd]") {
    const m = /^eventfd-count:\s*([0-9a-f]+)/m.exec(info);
    return m ? `count ${parseInt(m[1]!, 16)}` : undefined;
  }
  if (target === "anon_inode:[pidfd]") {
    const m = /^Pid:\s*(-?\d+)/m.exec(info);
    return m ? (m[1] === "-1" ? "process has exited" : `process ${m[1]}`) : undefined;
  }
  if (target === "anon_inode:[signalfd]") {
    const m = /^sigmask:\s*([0-9a-f]+)/m.exec(info);
    return m ? `signals ${decodeSigMask(m[1]!).map((n) => signalName(n) ?? String(n)).join(" ")}` : undefined;
  }
  return undefined;
}

/** Terminal device paths: pseudo-terminals, virtual consoles, serial lines, the console. */
export function isTerminalPath(p: string): boolean {
  return p.startsWith("/dev/pts/") || p === "/dev/tty" || /^\/dev\/tty[A-Za-z]*\d+$/.test(p) || p === "/dev/console" || p === "/dev/ptmx";
}

export function describeFd(pid: number, fd: number, target: string, proc = "/proc"): FdDescription {
  const info = readFdInfo(pid, fd, proc);
  const rawFlags = parseInt(info?.get("flags") ?? "0", 8);
  const posText = info?.get("pos");
  const d: FdDescription = { kind: "other", target, flags: describeOpenFlags(rawFlags), rawFlags };
  const pipeIno = linkInode(target, "pipe");
  if (pipeIno !== undefined) {
    d.kind = "pipe";
    d.inode = pipeIno;
    return d;
  }
  const sockIno = linkInode(target, "socket");
  if (sockIno !== undefined) {
    d.kind = "socket";
    d.inode = sockIno;
    return d;
  }
  if (target.startsWith("anon_inode:")) {
    d.kind = "anon_inode";
    d.note = anonInodeNote(target, readFdInfoText(pid, fd, proc));
    return d;
  }
  if (target.startsWith("/memfd:")) {
    d.kind = "memfd";
    d.pos = posText === undefined ? undefined : Number(posText);
    return d;
  }
  if (isTerminalPath(target)) {
    d.kind = "terminal";
    try {
      d.rdev = statSync(`${proc}/${pid}/fd/${fd}`).rdev;
    } catch {
      // closed meanwhile
    }
    return d;
  }
  // The link target may be deleted or renamed: stat through the /proc link, which follows the
  // open file itself rather than its old path.
  try {
    const st = statSync(`${proc}/${pid}/fd/${fd}`);
    if (st.isFIFO()) d.kind = "fifo";
    else if (st.isDirectory()) d.kind = "directory";
    else if (st.isCharacterDevice() || st.isBlockDevice()) d.kind = "device";
    else if (st.isSocket()) d.kind = "socket";
    else if (st.isFile()) d.kind = "file";
  } catch {
    // the descriptor was closed meanwhile, or we may not stat it: keep "other"
  }
  if (d.kind !== "fifo" && posText !== undefined) d.pos = Number(posText);
  return d;
}
