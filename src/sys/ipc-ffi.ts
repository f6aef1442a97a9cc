// POSIX message queues and POSIX shared memory through glibc (all in libc.so.6 since glibc
// 2.34; before that they lived in librt). Used by the `ipc` builtin.
//
// Conventions as in the rest of src/sys: failures come back as a negative errno (-ENOENT),
// never as exceptions; errno is read right after the failing call. On Linux an mqd_t is a file
// descriptor (of the internal mqueue file system), so it is closed with close(2) and shows up
// in /proc/PID/fd as "/name" on the mqueue mount.
//
// struct mq_attr on x86_64: four longs (mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs) and
// four reserved longs: 64 bytes. mq_open and shm_open are declared with their fixed integer and
// pointer arguments (mq_open is variadic; the x86_64 SysV call sequence is what it reads).
import { dlopen, FFIType as T } from "bun:ffi";
import { cstr } from "./cstring.ts";
import { errno } from "./errno.ts";

const I = T.i32;
const P = T.ptr;

const SYMBOLS = {
  mq_open: { args: [P, I, T.u32, P], returns: I },
  mq_close: { args: [I], returns: I },
  mq_unlink: { args: [P], returns: I },
  mq_send: { args: [I, P, T.u64, T.u32], returns: I },
  mq_receive: { args: [I, P, T.u64, P], returns: T.i64_fast },
  mq_getattr: { args: [I, P], returns: I },
  shm_open: { args: [P, I, T.u32], returns: I },
  shm_unlink: { args: [P], returns: I },
  ftruncate: { args: [I, T.i64], returns: I },
  pread: { args: [I, P, T.u64, T.i64], returns: T.i64_fast },
  pwrite: { args: [I, P, T.u64, T.i64], returns: T.i64_fast },
  close: { args: [I], returns: I },
} as const;

type Symbols = ReturnType<typeof open>;
function open() {
  return dlopen("libc.so.6", SYMBOLS).symbols;
}
let lib: Symbols | undefined;
function c(): Symbols {
  return (lib ??= open());
}

export const MQ_ATTR_SIZE = 64;

export interface MqAttr {
  /** 0 or O_NONBLOCK */
  flags: number;
  maxmsg: number;
  msgsize: number;
  curmsgs: number;
}

/** mq_open(name, oflag, mode, attr): the queue descriptor, or -errno. */
export function mqOpen(name: string, oflag: number, mode = 0o600, attr?: { maxmsg: number; msgsize: number }): number {
  let a: BigInt64Array | null = null;
  if (attr) {
    a = new BigInt64Array(MQ_ATTR_SIZE / 8);
    a[1] = BigInt(attr.maxmsg);
    a[2] = BigInt(attr.msgsize);
  }
  const fd = c().mq_open(cstr(name), oflag, mode, a);
  return fd < 0 ? -errno() : fd;
}

export function mqClose(mqd: number): number {
  return c().mq_close(mqd) < 0 ? -errno() : 0;
}

export function mqUnlink(name: string): number {
  return c().mq_unlink(cstr(name)) < 0 ? -errno() : 0;
}

export function mqGetattr(mqd: number): MqAttr | number {
  const a = new BigInt64Array(MQ_ATTR_SIZE / 8);
  if (c().mq_getattr(mqd, a) < 0) return -errno();
  return { flags: Number(a[0]), maxmsg: Number(a[1]), msgsize: Number(a[2]), curmsgs: Number(a[3]) };
}

/** Send one message; 0 or -errno (-EAGAIN: the queue is full and mqd is non-blocking). */
export function mqSend(mqd: number, data: Uint8Array, prio = 0): number {
  // A zero-length message still needs a valid pointer.
  const buf = data.length === 0 ? new Uint8Array(1) : data;
  return c().mq_send(mqd, buf, data.length, prio) < 0 ? -errno() : 0;
}

/** Receive the oldest highest-priority message into a buffer of `msgsize` bytes. */
export function mqReceive(mqd: number, msgsize: number): { data: Uint8Array; prio: number } | number {
  const buf = new Uint8Array(Math.max(1, msgsize));
  const prio = new Uint32Array(1);
  const n = c().mq_receive(mqd, buf, buf.length, prio);
  if (n < 0) return -errno();
  return { data: buf.subarray(0, n), prio: prio[0]! };
}

/** shm_open(name, oflag, mode): a descriptor on /dev/shm/NAME, or -errno. */
export function shmOpen(name: string, oflag: number, mode = 0o600): number {
  const fd = c().shm_open(cstr(name), oflag, mode);
  return fd < 0 ? -errno() : fd;
}

export function shmUnlink(name: string): number {
  return c().shm_unlink(cstr(name)) < 0 ? -errno() : 0;
}

export function ftruncate(fd: number, size: number): number {
  return c().ftruncate(fd, size) < 0 ? -errno() : 0;
}

/** pread into buf at offset; bytes read or -errno. */
export function pread(fd: number, buf: Uint8Array, offset: number): number {
  const n = c().pread(fd, buf, buf.length, offset);
  return n < 0 ? -errno() : n;
}

/** pwrite all of data at offset (retrying short writes); bytes written or -errno. */
export function pwrite(fd: number, data: Uint8Array, offset: number): number {
  let done = 0;
  while (done < data.length) {
    const n = c().pwrite(fd, data.subarray(done), data.length - done, offset + done);
    if (n < 0) return -errno();
    done += n;
  }
  return done;
}

export function close(fd: number): number {
  return c().close(fd) < 0 ? -errno() : 0;
}
