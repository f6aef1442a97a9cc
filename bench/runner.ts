// The measurement loop. Method (as /work/shared/bench): one untimed validation pass, then `reps`
// timed repetitions; in each repetition, for each workload, every participant runs in a freshly
// shuffled order, and invocation workloads go round-robin (A B C A B C ...), so slow drift of the
// machine's load spreads evenly over the participants instead of favouring one of them.
import { runOnce, benchEnv, type RunResult } from "./timer.ts";
import { median, seededRandom, shuffle, spread } from "./stats.ts";
import type { Workload, WorkloadContext } from "./workloads.ts";
import type { ShellSpec } from "./shells.ts";

export type SeriesStatus = "ok" | "FAIL" | "T/O";

/** One participant's measurements in one workload. */
export interface Series {
  name: string;
  role: "shell" | "baseline";
  argv: string[];
  expected: string;
  status: SeriesStatus;
  /** Why it failed: the first line of stderr, or the unexpected output. */
  error?: string;
  wallMs: number[];
  cpuMs: number[];
}

export interface WorkloadResult {
  name: string;
  what: string;
  mode: Workload["mode"];
  perRep: number;
  series: Series[];
}

export interface RunOptions {
  reps: number;
  timeoutMs: number;
  seed: number;
  ctx: WorkloadContext;
  /** Progress lines (stderr in the CLI). */
  log(line: string): void;
}

/** Trimmed stdout must match and the status must be 0; returns the complaint or undefined. */
export function validate(r: RunResult, expected: string): { status: SeriesStatus; error?: string } | undefined {
  if (r.timedOut) return { status: "T/O", error: "timed out" };
  const out = r.stdout.trim();
  if (r.status !== 0) {
    const first = r.stderr.trim().split("\n")[0] ?? "";
    return { status: "FAIL", error: `status ${r.status}${first ? `: ${first}` : ""}` };
  }
  if (out !== expected) {
    const shown = out.length > 60 ? `${out.slice(0, 60)}...` : out;
    return { status: "FAIL", error: `output '${shown}', expected '${expected}'` };
  }
  return undefined;
}

function makeSeries(w: Workload, shells: ShellSpec[], ctx: WorkloadContext): Series[] {
  const words = w.words(ctx);
  const expected = w.expected(ctx);
  const out: Series[] = shells.map((sh) => ({
    name: sh.name,
    role: "shell" as const,
    argv: [...sh.argv, ...words],
    expected,
    status: "ok" as const,
    wallMs: [],
    cpuMs: [],
  }));
  for (const b of w.baselines?.(ctx) ?? []) {
    out.push({ name: b.name, role: "baseline", argv: b.argv, expected: b.expected, status: "ok", wallMs: [], cpuMs: [] });
  }
  return out;
}

/** Run one measurement of a series, recording it or marking the series failed. */
function measure(s: Series, timeoutMs: number, record: boolean): void {
  const r = runOnce(s.argv, benchEnv(), timeoutMs);
  const bad = validate(r, s.expected);
  if (bad) {
    s.status = bad.status;
    s.error = bad.error;
    return;
  }
  if (record) {
    s.wallMs.push(r.wallMs);
    s.cpuMs.push(r.cpuMs);
  }
}

export function runBenchmarks(workloads: Workload[], shells: ShellSpec[], opts: RunOptions): WorkloadResult[] {
  const rand = seededRandom(opts.seed);
  const results: WorkloadResult[] = workloads.map((w) => ({
    name: w.name,
    what: w.what,
    mode: w.mode,
    perRep: w.mode === "invocation" ? w.perRep(opts.ctx) : 1,
    series: makeSeries(w, shells, opts.ctx),
  }));
  // Validation + warm-up (page cache, fixture files, the binaries themselves): untimed.
  for (const res of results) {
    for (const s of res.series) {
      measure(s, opts.timeoutMs, false);
      if (s.status !== "ok") opts.log(`${res.name}: ${s.name}: ${s.status}: ${s.error}`);
    }
  }
  for (let rep = 1; rep <= opts.reps; rep++) {
    for (const res of results) {
      const order = shuffle(res.series.filter((s) => s.status === "ok"), rand);
      for (let i = 0; i < res.perRep; i++) {
        for (const s of order) if (s.status === "ok") measure(s, opts.timeoutMs, true);
      }
      const line = order.map((s) => `${s.name} ${median(s.wallMs).toFixed(2)}ms`).join(", ");
      opts.log(`rep ${rep}/${opts.reps} ${res.name}: ${line}`);
    }
  }
  return results;
}

/** Median wall time of a series, NaN unless it succeeded. */
export function seriesMedian(s: Series): number {
  return s.status === "ok" ? median(s.wallMs) : NaN;
}

export function seriesSpread(s: Series): number {
  return s.status === "ok" ? spread(s.wallMs) : NaN;
}
