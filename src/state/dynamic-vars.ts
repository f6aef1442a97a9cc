// The special variables whose values are computed on each read: RANDOM, SRANDOM, SECONDS,
// EPOCHSECONDS, EPOCHREALTIME. (LINENO, BASHPID, BASH_SUBSHELL... depend on the executor, which
// registers them with Variables.defineDynamic itself.)
import type { Variables } from "./variables.ts";
import { VarAttr } from "./var-store.ts";

/**
 * bash 5.2's $RANDOM generator (variables.c brand/sbrand): the Park-Miller "minimal standard"
 * generator x' = 16807 x mod (2^31 - 1), folded to 15 bits as (x >> 16) ^ (x & 0xffff) (the
 * compatibility level > 50 variant), never returning the same value twice in a row.
 * RANDOM has the integer attribute: RANDOM=expr seeds it with the expression's value truncated to
 * 32 bits, so a seeded sequence is identical to bash's.
 */
let reseeds = 0;

export class BashRandom {
  private seed = 1;
  private last = 0;

  constructor(seed?: number) {
    this.reseedFromClock();
    if (seed !== undefined) this.setSeed(seed);
  }

  setSeed(seed: number): void {
    this.seed = seed >>> 0;
    this.last = 0;
  }

  /** The seed bash uses at start-up and in each subshell: time of day ^ microseconds ^ pid. */
  reseedFromClock(pid: number = process.pid): void {
    const us = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    const sec = Math.floor(us / 1e6);
    // Subshells do not fork here, so the pid does not change between them: a counter keeps two
    // subshells started within the same microsecond from sharing a sequence.
    this.setSeed((sec ^ (us % 1e6) ^ pid ^ (reseeds++ * 0x9e3779b1)) >>> 0);
  }

  private step(): number {
    // intrand32 with 32-bit signed intermediate arithmetic; 0 cannot be a seed.
    const x = this.seed === 0 ? 123459876 : this.seed;
    const h = Math.floor(x / 127773);
    const l = x - 127773 * h;
    const t = 16807 * l - 2836 * h;
    this.seed = t < 0 ? t + 0x7fffffff : t;
    return ((this.seed >>> 16) ^ (this.seed & 65535)) & 32767;
  }

  next(): number {
    let rv: number;
    do rv = this.step();
    while (rv === this.last);
    this.last = rv;
    return rv;
  }
}

/** C strtoul(s, NULL, 10) reduced modulo 2^32: leading blanks, optional sign, leading digits. */
export function strtoulSeed(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d*)/.exec(s)!;
  if (m[2] === "") return 0;
  // Only the value modulo 2^32 matters: BigInt keeps it exact for huge inputs.
  let v = BigInt.asUintN(32, BigInt(m[2]));
  if (m[1] === "-") v = BigInt.asUintN(32, -v);
  return Number(v);
}

/** Clock source, injectable for tests: wall-clock time in microseconds since the epoch. */
export type MicroClock = () => number;
export const systemClock: MicroClock = () => Math.floor((performance.timeOrigin + performance.now()) * 1000);

/**
 * The state behind the special variables of one shell (or subshell) state. Each Variables store
 * gets its own closures, so a subshell's `RANDOM=1` or `SECONDS=0` never reaches its parent.
 */
export class DynamicVars {
  readonly random = new BashRandom();
  /** SECONDS = now - base + offset (whole seconds); assignment sets base = now, offset = value. */
  private base: number;
  private offset = 0;
  private readonly rbuf = new Uint32Array(1);

  constructor(private readonly clock: MicroClock = systemClock) {
    this.base = Math.floor(clock() / 1e6);
  }

  /** Register RANDOM, SRANDOM, SECONDS, EPOCHSECONDS and EPOCHREALTIME on vars. With `only`,
   *  register just those names (a subshell re-registers what its parent still has). */
  install(vars: Variables, only?: (name: string) => boolean): void {
    const clock = this.clock;
    const want = only ?? (() => true);
    if (want("RANDOM")) {
      vars.defineDynamic(
        "RANDOM",
        () => String(this.random.next()),
        (v) => this.random.setSeed(strtoulSeed(v)),
        VarAttr.Integer,
      );
    }
    // SRANDOM: 32 bits from the system's random source; assignments are ignored (bash).
    if (want("SRANDOM")) {
      vars.defineDynamic(
        "SRANDOM",
        () => {
          crypto.getRandomValues(this.rbuf);
          return String(this.rbuf[0]);
        },
        undefined,
        VarAttr.Integer,
      );
    }
    if (want("SECONDS")) {
      vars.defineDynamic(
        "SECONDS",
        () => String(Math.floor(clock() / 1e6) - this.base + this.offset),
        (v) => {
          this.base = Math.floor(clock() / 1e6);
          const n = Number.parseInt(v.trim(), 10);
          this.offset = Number.isFinite(n) ? n : 0;
        },
        VarAttr.Integer,
      );
    }
    if (want("EPOCHSECONDS")) vars.defineDynamic("EPOCHSECONDS", () => String(Math.floor(clock() / 1e6)));
    if (want("EPOCHREALTIME")) {
      vars.defineDynamic("EPOCHREALTIME", () => {
        const us = clock();
        return `${Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, "0")}`;
      });
    }
  }

  /**
   * For a subshell whose variables were cloned from the store this state serves: a copy of the
   * state (SECONDS keeps counting from the same origin) with RANDOM reseeded from the clock and
   * pid, as bash reseeds in every subshell, installed on the child's names that are still special.
   */
  forSubshell(child: Variables, pid: number = process.pid): DynamicVars {
    const d = new DynamicVars(this.clock);
    d.base = this.base;
    d.offset = this.offset;
    d.random.reseedFromClock(pid);
    d.install(child, (n) => child.isDynamic(n));
    return d;
  }
}
