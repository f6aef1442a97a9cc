// ulimit [-SHa] [-RcdefilmnpqrstuvxP] [limit] -- resource limits through getrlimit/setrlimit
// (src/sys/resources.ts). Values are shown and given in each resource's unit (blocks of 1024
// bytes, 512 in POSIX mode, for -c and -f; kbytes, ...); "unlimited", "hard" and "soft" are accepted as limits. Without -S or
// -H a new limit sets both; printing shows the soft limit unless -H. One table drives the
// options, the -a listing and the units.
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { RLIM_INFINITY, getRlimit, setRlimit } from "../src/sys/resources.ts";
import { strerror } from "../src/sys/errno.ts";

interface Resource {
  opt: string;
  desc: string;
  unit?: string;
  /** RLIMIT_* number, or -1 for the read-only pipe size */
  res: number;
  scale: number;
}

/** The unit of -c and -f: 1024-byte blocks, 512 in POSIX mode (bash's POSIXBLK). */
const POSIX_BLOCKS = -2;

/** In bash's -a order. */
export const RESOURCES: Resource[] = [
  { opt: "R", desc: "real-time non-blocking time", unit: "microseconds", res: 15, scale: 1 },
  { opt: "c", desc: "core file size", unit: "blocks", res: 4, scale: POSIX_BLOCKS },
  { opt: "d", desc: "data seg size", unit: "kbytes", res: 2, scale: 1024 },
  { opt: "e", desc: "scheduling priority", res: 13, scale: 1 },
  { opt: "f", desc: "file size", unit: "blocks", res: 1, scale: POSIX_BLOCKS },
  { opt: "i", desc: "pending signals", res: 11, scale: 1 },
  { opt: "l", desc: "max locked memory", unit: "kbytes", res: 8, scale: 1024 },
  { opt: "m", desc: "max memory size", unit: "kbytes", res: 5, scale: 1024 },
  { opt: "n", desc: "open files", res: 7, scale: 1 },
  { opt: "p", desc: "pipe size", unit: "512 bytes", res: -1, scale: 512 },
  { opt: "q", desc: "POSIX message queues", unit: "bytes", res: 12, scale: 1 },
  { opt: "r", desc: "real-time priority", res: 14, scale: 1 },
  { opt: "s", desc: "stack size", unit: "kbytes", res: 3, scale: 1024 },
  { opt: "t", desc: "cpu time", unit: "seconds", res: 0, scale: 1 },
  { opt: "u", desc: "max user processes", res: 6, scale: 1 },
  { opt: "v", desc: "virtual memory", unit: "kbytes", res: 9, scale: 1024 },
  { opt: "x", desc: "file locks", res: 10, scale: 1 },
];

const BY_OPT = new Map(RESOURCES.map((r) => [r.opt, r]));
const PIPE_BUF = 4096n;
const USAGE = "ulimit: usage: ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]\n";

/** Bytes per unit of a resource: bash's "blocks" are 1024 bytes, 512 in POSIX mode. */
function unitSize(r: Resource, posix: boolean): bigint {
  return BigInt(r.scale === POSIX_BLOCKS ? (posix ? 512 : 1024) : r.scale);
}

function current(r: Resource, hard: boolean, posix: boolean): bigint | string {
  if (r.res < 0) return PIPE_BUF / unitSize(r, posix);
  const lim = getRlimit(r.res);
  if (typeof lim === "number") return strerror(-lim);
  const v = hard ? lim.hard : lim.soft;
  return v === RLIM_INFINITY ? "unlimited" : v / unitSize(r, posix);
}

function label(r: Resource): string {
  const unit = r.unit ? `(${r.unit}, -${r.opt}) ` : `(-${r.opt}) `;
  return r.desc.padEnd(20) + " " + unit.padStart(20);
}

function ulimit(ctx: BuiltinContext): number {
  const posix = ctx.sh.opts.posix === true;
  let soft = false;
  let hard = false;
  let all = false;
  const chosen: Resource[] = [];
  const args = ctx.args;
  let i = 0;
  let value: string | undefined;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (a.length < 2 || a[0] !== "-" || /^-[0-9]/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === "S") soft = true;
      else if (c === "H") hard = true;
      else if (c === "a") all = true;
      else if (BY_OPT.has(c)) chosen.push(BY_OPT.get(c)!);
      else {
        ctx.error(`-${c}: invalid option`);
        ctx.err(USAGE);
        return 2;
      }
    }
  }
  if (i < args.length) value = args[i];
  if (all) {
    ctx.out(RESOURCES.map((r) => `${label(r)}${current(r, hard && !soft, posix)}\n`).join(""));
    return 0;
  }
  if (chosen.length === 0) chosen.push(BY_OPT.get("f")!);
  if (value === undefined) {
    let out = "";
    for (const r of chosen) out += (chosen.length > 1 ? label(r) : "") + `${current(r, hard && !soft, posix)}\n`;
    ctx.out(out);
    return 0;
  }
  let status = 0;
  for (const r of chosen) {
    if (r.res < 0) {
      ctx.error(`${r.desc}: cannot modify limit: Invalid argument`);
      status = 1;
      continue;
    }
    const lim = getRlimit(r.res);
    if (typeof lim === "number") {
      ctx.error(`${r.desc}: cannot get limit: ${strerror(-lim)}`);
      status = 1;
      continue;
    }
    let v: bigint;
    if (value === "unlimited") v = RLIM_INFINITY;
    else if (value === "hard") v = lim.hard;
    else if (value === "soft") v = lim.soft;
    else if (/^[0-9]+$/.test(value)) {
      // as bash computes it in its signed 64-bit rlimit type: the digits wrap around, and a
      // product with the unit that overflows is "limit out of range"
      const scale = unitSize(r, posix);
      const limit = BigInt.asIntN(64, BigInt(value));
      const real = BigInt.asIntN(64, limit * scale);
      if (real / scale !== limit) {
        ctx.error(`${value}: limit out of range`);
        return 1;
      }
      v = BigInt.asUintN(64, real);
    } else {
      ctx.error(`${value}: invalid number`);
      return 1;
    }
    const setSoft = soft || !hard;
    const setHard = hard || !soft;
    const rc = setRlimit(r.res, { soft: setSoft ? v : lim.soft, hard: setHard ? v : lim.hard });
    if (rc < 0) {
      ctx.error(`${r.desc}: cannot modify limit: ${strerror(-rc)}`);
      status = 1;
    }
  }
  return status;
}

export const ulimitBuiltin: BuiltinDef = {
  name: "ulimit",
  special: false,
  run: ulimit,
  synopsis: "ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]",
  description:
    "Modify shell resource limits. -S uses the soft limit, -H the hard limit (a new LIMIT sets both by " +
    "default), -a reports all limits; -c core file size, -d data segment, -e scheduling priority, -f file " +
    "size (the default), -i pending signals, -l locked memory, -m resident set, -n open files, -p pipe " +
    "size, -q message queues, -r real-time priority, -s stack, -t cpu time, -u user processes, -v virtual " +
    "memory, -x file locks, -R real-time blocking time. LIMIT may be unlimited, soft or hard.",
};
