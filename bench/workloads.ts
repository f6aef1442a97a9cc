// The workloads of bench/run.ts: one table row per workload. Each shell runs
// `SHELL WORDS...` (the words come from the row), its trimmed stdout must equal `expected` and its
// status must be 0, otherwise the shell FAILs that workload and is not timed further.
// "invocation" workloads are short: many invocations per repetition, median per invocation.
// "batch" workloads run once per repetition. Baselines are non-shell programs timed in the same
// interleaved rounds (the compiled Bun hello world for start-up, /bin/true as the spawn floor).
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bigScript } from "./big-script.ts";
import { helloBinary } from "./baseline.ts";

export interface WorkloadContext {
  /** Multiplies sizes (bytes, lines, invocations): 1 is the standard run; ratios stay valid within a run. */
  scale: number;
  cacheDir: string;
}

export interface Baseline {
  name: string;
  argv: string[];
  expected: string;
}

export interface Workload {
  name: string;
  what: string;
  mode: "invocation" | "batch";
  /** Invocations per participant per repetition (mode "invocation"). */
  perRep(ctx: WorkloadContext): number;
  /** The words after the shell command (creates fixtures when needed). */
  words(ctx: WorkloadContext): string[];
  expected(ctx: WorkloadContext): string;
  baselines?(ctx: WorkloadContext): Baseline[];
}

const PIPE_BYTES = 500_000_000;
const PARSE_LINES = 200_000;

function scaled(n: number, ctx: WorkloadContext, min = 1): number {
  return Math.max(min, Math.round(n * ctx.scale));
}

function pipeBytes(ctx: WorkloadContext): number {
  return scaled(PIPE_BYTES, ctx, 1000);
}

/** The generated big script for parse-n at this scale (written once into the cache). */
export function parseFixture(ctx: WorkloadContext): string {
  const lines = scaled(PARSE_LINES, ctx, 50);
  const path = join(ctx.cacheDir, `big-${lines}.sh`);
  if (!existsSync(path)) writeFileSync(path, bigScript(lines));
  return path;
}

export const workloads: Workload[] = [
  {
    name: "startup",
    what: "SHELL -c true, per invocation (baselines: compiled Bun hello world, /bin/true)",
    mode: "invocation",
    perRep: (ctx) => scaled(40, ctx, 3),
    words: () => ["-c", "true"],
    expected: () => "",
    baselines: () => [
      { name: "bun-hello", argv: [helloBinary()], expected: "hello, world" },
      { name: "/bin/true", argv: ["/bin/true"], expected: "" },
    ],
  },
  {
    name: "yes-head",
    what: "SHELL -c 'yes | head -1': latency of a pipeline whose writer must die by SIGPIPE",
    mode: "invocation",
    perRep: (ctx) => scaled(20, ctx, 3),
    words: () => ["-c", "yes | head -1"],
    expected: () => "y",
  },
  {
    name: "pipe-throughput",
    what: "SHELL -c 'head -c 5e8 /dev/zero | cat | wc -c' (kernel-bound: the shell only wires pipes)",
    mode: "batch",
    perRep: () => 1,
    words: (ctx) => ["-c", `head -c ${pipeBytes(ctx)} /dev/zero | cat | wc -c`],
    expected: (ctx) => String(pipeBytes(ctx)),
  },
  {
    name: "parse-n",
    what: "SHELL -n big.sh: parse a generated 200000-line script without running it",
    mode: "batch",
    perRep: () => 1,
    words: (ctx) => ["-n", parseFixture(ctx)],
    expected: () => "",
  },
];

export function findWorkload(name: string): Workload | undefined {
  return workloads.find((w) => w.name === name);
}
