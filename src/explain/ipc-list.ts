// The inventory of IPC objects for the `ipc` view: System V message queues, shared memory and
// semaphore sets (/proc/sysvipc/{msg,shm,sem}: a header line naming the columns, then one row
// per object), POSIX message queues (files of an mqueue mount, usually /dev/mqueue, whose
// content is "QSIZE:n NOTIFY:n SIGNO:n NOTIFY_PID:n") and POSIX shared memory (files in
// /dev/shm, a tmpfs). POSIX queues exist without a mount (the kernel has an internal mqueue
// file system), but only a mount lets anyone list them.
import { readdirSync, readFileSync, statSync } from "node:fs";

/** Rows of a /proc/sysvipc table as column -> value maps; [] when the file is missing. */
export function readSysvTable(path: string): Map<string, string>[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return [];
  }
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (lines.length === 0) return [];
  const cols = lines[0]!.trim().split(/\s+/);
  return lines.slice(1).map((l) => {
    const f = l.trim().split(/\s+/);
    const m = new Map<string, string>();
    cols.forEach((c, i) => m.set(c, f[i] ?? ""));
    return m;
  });
}

/** The mount point of the first mqueue file system in a mounts table (/proc/self/mounts). */
export function mqueueMount(mounts = "/proc/self/mounts"): string | undefined {
  let text: string;
  try {
    text = readFileSync(mounts, "utf8");
  } catch {
    return undefined;
  }
  for (const line of text.split("\n")) {
    const f = line.split(" ");
    if (f[2] === "mqueue" && f[1]) return f[1].replace(/\\040/g, " ");
  }
  return undefined;
}

export interface PosixMq {
  name: string;
  mode: number;
  uid: number;
  /** bytes queued (QSIZE) */
  qsize: number;
  notifyPid: number;
}

/** Parse the status line the mqueue fs shows as a queue's content. */
export function parseMqStatus(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const tok of text.trim().split(/\s+/)) {
    const colon = tok.indexOf(":");
    if (colon > 0) m.set(tok.slice(0, colon), Number(tok.slice(colon + 1)));
  }
  return m;
}

/** The queues on an mqueue mount, by name ("/name"). */
export function listPosixMqs(dir: string): PosixMq[] {
  const out: PosixMq[] = [];
  for (const n of safeReaddir(dir)) {
    try {
      const st = statSync(`${dir}/${n}`);
      const status = parseMqStatus(readFileSync(`${dir}/${n}`, "utf8"));
      out.push({ name: `/${n}`, mode: st.mode & 0o7777, uid: st.uid, qsize: status.get("QSIZE") ?? 0, notifyPid: status.get("NOTIFY_PID") ?? 0 });
    } catch {
      // removed while listing
    }
  }
  return out;
}

export interface PosixShm {
  name: string;
  size: number;
  mode: number;
  uid: number;
}

/**
 * POSIX shared memory objects: the regular files of /dev/shm. glibc keeps named semaphores
 * (sem_open) there too, as "sem.NAME" files: `semaphores` selects those instead, named "/NAME".
 */
export function listPosixShm(dir = "/dev/shm", semaphores = false): PosixShm[] {
  const out: PosixShm[] = [];
  for (const file of safeReaddir(dir)) {
    if (file.startsWith("sem.") !== semaphores) continue;
    const n = semaphores ? file.slice(4) : file;
    try {
      const st = statSync(`${dir}/${file}`);
      if (st.isFile()) out.push({ name: `/${n}`, size: st.size, mode: st.mode & 0o7777, uid: st.uid });
    } catch {
      // removed while listing
    }
  }
  return out;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

let users: Map<number, string> | undefined;
/** A user name for a uid from /etc/passwd, or the number. */
export function userName(uid: number): string {
  if (!users) {
    users = new Map();
    try {
      for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
        const f = line.split(":");
        if (f.length > 2 && !users.has(Number(f[2]))) users.set(Number(f[2]), f[0]!);
      }
    } catch {
      // no passwd file: numbers only
    }
  }
  return users.get(uid) ?? String(uid);
}

/** "rw-------" for the low nine permission bits (the sysvipc "perms" column is octal text). */
export function permString(mode: number): string {
  const s = "rwxrwxrwx";
  let out = "";
  for (let i = 0; i < 9; i++) out += mode & (0o400 >> i) ? s[i] : "-";
  return out;
}
