// Resource limits (the ulimit builtin) and CPU times (the times builtin).
//
// Limits are bigints because RLIM_INFINITY is 2^64-1 and real limits can exceed 2^53; ulimit
// prints "unlimited" for RLIM_INFINITY. CPU times come from getrusage (microsecond precision,
// which is what bash's `times` uses), for the shell itself and for its reaped children.
import { errno } from "./errno.ts";
import { libc } from "./libc.ts";

/** RLIMIT_* resource numbers on Linux. */
export const RLIMIT_CPU = 0;
export const RLIMIT_FSIZE = 1;
export const RLIMIT_DATA = 2;
export const RLIMIT_STACK = 3;
export const RLIMIT_CORE = 4;
export const RLIMIT_RSS = 5;
export const RLIMIT_NPROC = 6;
export const RLIMIT_NOFILE = 7;
export const RLIMIT_MEMLOCK = 8;
export const RLIMIT_AS = 9;
export const RLIMIT_LOCKS = 10;
export const RLIMIT_SIGPENDING = 11;
export const RLIMIT_MSGQUEUE = 12;
export const RLIMIT_NICE = 13;
export const RLIMIT_RTPRIO = 14;
export const RLIMIT_RTTIME = 15;

export const RLIM_INFINITY = 0xffffffffffffffffn;

export interface Rlimit {
  soft: bigint;
  hard: bigint;
}

const rl = new BigUint64Array(2);

/** getrlimit(resource): { soft, hard } or -errno. */
export function getRlimit(resource: number): Rlimit | number {
  if (libc().getrlimit(resource, rl) !== 0) return -errno();
  return { soft: rl[0]!, hard: rl[1]! };
}

/** setrlimit(resource, limits): 0 or -errno (EPERM raising a hard limit, EINVAL soft > hard). */
export function setRlimit(resource: number, lim: Rlimit): number {
  rl[0] = lim.soft;
  rl[1] = lim.hard;
  return libc().setrlimit(resource, rl) === 0 ? 0 : -errno();
}

export const RUSAGE_SELF = 0;
export const RUSAGE_CHILDREN = -1;

/** User and system CPU seconds. */
export interface CpuTimes {
  user: number;
  system: number;
}

// struct rusage: ru_utime (timeval: 2 x i64) @0, ru_stime @16, then 14 longs = 144 bytes.
const ru = new BigInt64Array(18);

/** getrusage(who): CPU times of the shell (RUSAGE_SELF) or of its waited-for children
 *  (RUSAGE_CHILDREN), or -errno. */
export function cpuTimes(who: number): CpuTimes | number {
  if (libc().getrusage(who, ru) !== 0) return -errno();
  return {
    user: Number(ru[0]!) + Number(ru[1]!) / 1e6,
    system: Number(ru[2]!) + Number(ru[3]!) / 1e6,
  };
}
