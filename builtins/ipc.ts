// `ipc`: inter-process communication objects, listed and driven.
//
//   ipc                                   list System V queues, shared memory, semaphores, and
//                                         POSIX message queues, shared memory, named semaphores
//   ipc mq create NAME [MAXMSG MSGSIZE]   mq_open(O_CREAT|O_EXCL), mode 0600 (minus umask)
//   ipc mq send NAME TEXT                 one message of TEXT's bytes (priority 0)
//   ipc mq recv NAME                      the oldest message, printed with a newline; waits
//                                         while the queue is empty
//   ipc mq rm NAME                        mq_unlink
//   ipc shm create NAME SIZE              shm_open(O_CREAT|O_EXCL) + ftruncate(SIZE): zero-filled
//   ipc shm write NAME TEXT               TEXT at offset 0, NUL-terminated when there is room
//   ipc shm read NAME                     the segment up to its first NUL, with a newline
//   ipc shm rm NAME                       shm_unlink
//
// NAME may omit the leading slash POSIX requires ("jobs" is "/jobs"). Errors read like a
// coreutils tool's: the failing call and strerror ("ipc: mq_open: No such file or directory").
// A send to a full queue and a receive from an empty one wait without blocking the shell: the
// descriptor is non-blocking and the builtin yields to the event loop between attempts, so
// signals and other jobs are still handled meanwhile.
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import type { Gen } from "../src/exec/gen.ts";
import { renderSection } from "../src/explain/format.ts";
import { listPosixMqs, listPosixShm, mqueueMount, permString, readSysvTable, userName } from "../src/explain/ipc-list.ts";
import { EAGAIN, strerror } from "../src/sys/errno.ts";
import { O_CLOEXEC, O_CREAT, O_EXCL, O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY } from "../src/sys/fd.ts";
import * as ffi from "../src/sys/ipc-ffi.ts";
import { fstatSync } from "node:fs";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

class Usage extends Error {}

/** POSIX IPC names are "/name": add the slash when it was left out. */
export function ipcName(name: string): string {
  return name.startsWith("/") ? name : `/${name}`;
}

/** A positive decimal count, optionally with a K, M or G (1024-based) suffix for sizes. */
export function parseCount(text: string, what: string, suffixes: boolean): number {
  const m = /^([0-9]+)([KMG]?)$/i.exec(text);
  if (!m || (m[2] && !suffixes)) throw new Usage(`${text}: invalid ${what}`);
  const mult = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2]!.toUpperCase() as "" | "K" | "M" | "G"];
  const n = Number(m[1]) * mult;
  if (n <= 0 || !Number.isSafeInteger(n)) throw new Usage(`${text}: invalid ${what}`);
  return n;
}

/** Report a failed call (negative errno) as "call: message"; returns the status 1. */
function fail(ctx: BuiltinContext, call: string, err: number): number {
  ctx.error(`${call}: ${strerror(-err)}`);
  return 1;
}

/** Resolve after a short sleep: the wait between attempts on a full/empty queue grows to 50 ms. */
function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

// --- listing -------------------------------------------------------------------------------

function time(epoch: string | undefined): string {
  const n = Number(epoch ?? 0);
  if (!n) return "-";
  return new Date(n * 1000).toISOString().slice(0, 19).replace("T", " ");
}

function key(hex: string | undefined): string {
  const n = Number(hex ?? 0);
  return `0x${(n >>> 0).toString(16).padStart(8, "0")}`;
}

function owner(row: Map<string, string>): string {
  return userName(Number(row.get("uid") ?? -1));
}

function perms(row: Map<string, string>): string {
  return permString(parseInt(row.get("perms") ?? "0", 8));
}

function list(ctx: BuiltinContext): number {
  const msg = readSysvTable("/proc/sysvipc/msg").map((r) => [
    key(r.get("key")), r.get("msqid") ?? "", perms(r), owner(r), r.get("qnum") ?? "", r.get("cbytes") ?? "",
    r.get("lspid") ?? "", r.get("lrpid") ?? "", time(r.get("stime")), time(r.get("rtime")),
  ]);
  ctx.out(renderSection("System V message queues (/proc/sysvipc/msg)", ["KEY", "ID", "PERMS", "OWNER", "MESSAGES", "BYTES", "LAST SENDER", "LAST RECEIVER", "SENT", "RECEIVED"], msg));
  const shm = readSysvTable("/proc/sysvipc/shm").map((r) => [
    key(r.get("key")), r.get("shmid") ?? "", perms(r), owner(r), r.get("size") ?? "", r.get("nattch") ?? "",
    r.get("cpid") ?? "", r.get("lpid") ?? "", time(r.get("atime")),
  ]);
  ctx.out(renderSection("System V shared memory (/proc/sysvipc/shm)", ["KEY", "ID", "PERMS", "OWNER", "BYTES", "ATTACHED", "CREATOR", "LAST PID", "ATTACHED AT"], shm));
  const sem = readSysvTable("/proc/sysvipc/sem").map((r) => [
    key(r.get("key")), r.get("semid") ?? "", perms(r), owner(r), r.get("nsems") ?? "", time(r.get("otime")), time(r.get("ctime")),
  ]);
  ctx.out(renderSection("System V semaphore sets (/proc/sysvipc/sem)", ["KEY", "ID", "PERMS", "OWNER", "SEMAPHORES", "LAST OP", "CHANGED"], sem));
  const mount = mqueueMount();
  if (mount === undefined) {
    ctx.out("POSIX message queues\n  not listable: no mqueue file system is mounted (mount -t mqueue none /dev/mqueue);\n  queues still work, they live in the kernel's internal mqueue file system\n");
  } else {
    const rows = listPosixMqs(mount).map((q) => {
      const a = attrOf(q.name);
      return [q.name, permString(q.mode), userName(q.uid), a ? String(a.curmsgs) : "?", a ? String(a.maxmsg) : "?", a ? String(a.msgsize) : "?", String(q.qsize), q.notifyPid ? String(q.notifyPid) : "-"];
    });
    ctx.out(renderSection(`POSIX message queues (${mount})`, ["NAME", "PERMS", "OWNER", "MESSAGES", "MAX", "MSGSIZE", "BYTES", "NOTIFY PID"], rows));
  }
  const shmRows = listPosixShm().map((s) => [s.name, permString(s.mode), userName(s.uid), String(s.size)]);
  ctx.out(renderSection("POSIX shared memory (/dev/shm)", ["NAME", "PERMS", "OWNER", "BYTES"], shmRows));
  const semRows = listPosixShm("/dev/shm", true).map((s) => [s.name, permString(s.mode), userName(s.uid)]);
  if (semRows.length > 0) ctx.out(renderSection("POSIX named semaphores (/dev/shm/sem.*)", ["NAME", "PERMS", "OWNER"], semRows));
  return 0;
}

/** mq_getattr of a queue by name (opened read-only for the moment), or undefined. */
function attrOf(name: string): ffi.MqAttr | undefined {
  const q = ffi.mqOpen(name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (q < 0) return undefined;
  const a = ffi.mqGetattr(q);
  ffi.mqClose(q);
  return typeof a === "number" ? undefined : a;
}

// --- message queues ------------------------------------------------------------------------

function mqCreate(ctx: BuiltinContext, args: string[]): number {
  if (args.length !== 1 && args.length !== 3) throw new Usage("mq create: NAME [MAXMSG MSGSIZE]");
  const attr = args.length === 3 ? { maxmsg: parseCount(args[1]!, "message count", false), msgsize: parseCount(args[2]!, "message size", true) } : undefined;
  const q = ffi.mqOpen(ipcName(args[0]!), O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o600, attr);
  if (q < 0) return fail(ctx, "mq_open", q);
  ffi.mqClose(q);
  return 0;
}

// Arguments are checked before the generator starts, so a usage error surfaces at dispatch.
function mqSend(ctx: BuiltinContext, args: string[]): Gen<number> {
  if (args.length !== 2) throw new Usage("mq send: NAME TEXT");
  return sendLoop(ctx, args);
}

function* sendLoop(ctx: BuiltinContext, args: string[]): Gen<number> {
  const q = ffi.mqOpen(ipcName(args[0]!), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
  if (q < 0) return fail(ctx, "mq_open", q);
  try {
    const data = encoder.encode(args[1]!);
    for (let wait = 1; ; wait = Math.min(50, wait * 2)) {
      const r = ffi.mqSend(q, data);
      if (r === 0) return 0;
      if (r !== -EAGAIN) return fail(ctx, "mq_send", r);
      yield pause(wait); // queue full: wait for a reader
    }
  } finally {
    ffi.mqClose(q);
  }
}

function mqRecv(ctx: BuiltinContext, args: string[]): Gen<number> {
  if (args.length !== 1) throw new Usage("mq recv: NAME");
  return recvLoop(ctx, args);
}

function* recvLoop(ctx: BuiltinContext, args: string[]): Gen<number> {
  const q = ffi.mqOpen(ipcName(args[0]!), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (q < 0) return fail(ctx, "mq_open", q);
  try {
    const attr = ffi.mqGetattr(q);
    if (typeof attr === "number") return fail(ctx, "mq_getattr", attr);
    for (let wait = 1; ; wait = Math.min(50, wait * 2)) {
      const r = ffi.mqReceive(q, attr.msgsize);
      if (typeof r !== "number") {
        ctx.out(`${decoder.decode(r.data)}\n`);
        return 0;
      }
      if (r !== -EAGAIN) return fail(ctx, "mq_receive", r);
      yield pause(wait); // queue empty: wait for a sender
    }
  } finally {
    ffi.mqClose(q);
  }
}

function mqRm(ctx: BuiltinContext, args: string[]): number {
  if (args.length !== 1) throw new Usage("mq rm: NAME");
  const r = ffi.mqUnlink(ipcName(args[0]!));
  return r < 0 ? fail(ctx, "mq_unlink", r) : 0;
}

// --- shared memory -------------------------------------------------------------------------

function shmCreate(ctx: BuiltinContext, args: string[]): number {
  if (args.length !== 2) throw new Usage("shm create: NAME SIZE");
  const size = parseCount(args[1]!, "size", true);
  const name = ipcName(args[0]!);
  const fd = ffi.shmOpen(name, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o600);
  if (fd < 0) return fail(ctx, "shm_open", fd);
  const r = ffi.ftruncate(fd, size);
  ffi.close(fd);
  if (r < 0) {
    ffi.shmUnlink(name); // do not leave a zero-sized segment behind
    return fail(ctx, "ftruncate", r);
  }
  return 0;
}

/** Open an existing segment and learn its size (node fstat on the raw descriptor). */
function openShm(ctx: BuiltinContext, nameArg: string, flags: number): { fd: number; size: number } | number {
  const fd = ffi.shmOpen(ipcName(nameArg), flags | O_CLOEXEC);
  if (fd < 0) return fail(ctx, "shm_open", fd);
  let size: number;
  try {
    size = fstatSync(fd).size;
  } catch {
    ffi.close(fd);
    ctx.error("fstat: Bad file descriptor");
    return 1;
  }
  return { fd, size };
}

function shmWrite(ctx: BuiltinContext, args: string[]): number {
  if (args.length !== 2) throw new Usage("shm write: NAME TEXT");
  const seg = openShm(ctx, args[0]!, O_RDWR);
  if (typeof seg === "number") return seg;
  try {
    const text = encoder.encode(args[1]!);
    if (text.length > seg.size) {
      ctx.error(`shm write: ${ipcName(args[0]!)}: text of ${text.length} bytes does not fit in ${seg.size} bytes`);
      return 1;
    }
    // The NUL marks where the text ends for `shm read` (and for C readers).
    const data = text.length < seg.size ? concatNul(text) : text;
    const r = ffi.pwrite(seg.fd, data, 0);
    return r < 0 ? fail(ctx, "pwrite", r) : 0;
  } finally {
    ffi.close(seg.fd);
  }
}

function concatNul(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  return out;
}

function shmRead(ctx: BuiltinContext, args: string[]): number {
  if (args.length !== 1) throw new Usage("shm read: NAME");
  const seg = openShm(ctx, args[0]!, O_RDONLY);
  if (typeof seg === "number") return seg;
  try {
    const buf = new Uint8Array(seg.size);
    const n = seg.size === 0 ? 0 : ffi.pread(seg.fd, buf, 0);
    if (n < 0) return fail(ctx, "pread", n);
    let end = buf.indexOf(0);
    if (end < 0 || end > n) end = n;
    ctx.out(`${decoder.decode(buf.subarray(0, end))}\n`);
    return 0;
  } finally {
    ffi.close(seg.fd);
  }
}

function shmRm(ctx: BuiltinContext, args: string[]): number {
  if (args.length !== 1) throw new Usage("shm rm: NAME");
  const r = ffi.shmUnlink(ipcName(args[0]!));
  return r < 0 ? fail(ctx, "shm_unlink", r) : 0;
}

// --- dispatch ------------------------------------------------------------------------------

type Sub = (ctx: BuiltinContext, args: string[]) => number | Gen<number>;

/** One row per subcommand: "object verb" -> implementation. */
const SUBCOMMANDS: ReadonlyMap<string, Sub> = new Map<string, Sub>([
  ["mq create", mqCreate],
  ["mq send", mqSend],
  ["mq recv", mqRecv],
  ["mq rm", mqRm],
  ["shm create", shmCreate],
  ["shm write", shmWrite],
  ["shm read", shmRead],
  ["shm rm", shmRm],
]);

function usageError(ctx: BuiltinContext, message: string): number {
  ctx.error(message);
  ctx.err(`${ctx.name}: usage: ${def.synopsis}\n`);
  return 2;
}

function run(ctx: BuiltinContext): number | Gen<number> {
  const args = ctx.args[0] === "--" ? ctx.args.slice(1) : ctx.args;
  if (args.length === 0 || (args.length === 1 && args[0] === "ls")) return list(ctx);
  const sub = SUBCOMMANDS.get(`${args[0]} ${args[1] ?? ""}`);
  if (!sub) return usageError(ctx, `${args.slice(0, 2).join(" ")}: unknown command`);
  try {
    return sub(ctx, args.slice(2));
  } catch (e) {
    if (e instanceof Usage) return usageError(ctx, e.message);
    throw e;
  }
}

export const def: BuiltinDef = {
  name: "ipc",
  special: false,
  run,
  synopsis: "ipc [mq create NAME [MAXMSG MSGSIZE] | mq send NAME TEXT | mq recv NAME | mq rm NAME | shm create NAME SIZE | shm write NAME TEXT | shm read NAME | shm rm NAME]",
  description:
    "Without arguments, list System V message queues, shared memory segments and semaphore\n" +
    "sets, and POSIX message queues, shared memory objects and named semaphores. With a command,\n" +
    "create, use and remove a POSIX message queue (mq) or shared memory object (shm).",
};
