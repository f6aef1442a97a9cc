// bun bench/run.ts [--only a,b] [--reps N] ...: ipsh, bash and dash side by side in one run.
// Prints the table (median per workload, ipsh/bash and ipsh/dash ratios, spread) and writes every
// sample as JSON to bench/results/run-<time>.json. See args.ts for the options, workloads.ts for
// what is measured, runner.ts for the method.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ArgError, parseArgs, selectWorkloads, usage } from "./args.ts";
import { cacheDir } from "./baseline.ts";
import { renderReport, reportJson } from "./report.ts";
import { runBenchmarks } from "./runner.ts";
import { defaultShells, parseShellSpec, probeShell, repoRoot, shellVersion, type ShellSpec } from "./shells.ts";
import { runShared, sharedBenchDir, sharedPlan } from "./shared.ts";
import { workloads } from "./workloads.ts";

/** This directory (import.meta.dir is Bun-only; vitest transforms modules). */
const benchDir = dirname(fileURLToPath(import.meta.url));

const SUBJECT = "ipsh";
const REFS = ["bash", "dash"];

function loadavg(): string {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "";
  }
}

function main(argv: string[]): number {
  let args;
  let sel;
  try {
    args = parseArgs(argv);
    sel = selectWorkloads(args, workloads.map((w) => w.name));
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    process.stderr.write(`bench: ${e.message}\n${usage}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (args.list) {
    for (const w of workloads) process.stdout.write(`${w.name.padEnd(16)} ${w.what}\n`);
    process.stdout.write(`${"shared".padEnd(16)} the project-agnostic suite of ${sharedBenchDir(repoRoot)} (only on request)\n`);
    return 0;
  }
  const candidates: ShellSpec[] = args.shells.length > 0 ? args.shells.map(parseShellSpec) : defaultShells();
  const shells: ShellSpec[] = [];
  for (const sh of candidates) {
    const why = probeShell(sh);
    if (why) process.stderr.write(`bench: leaving out ${sh.name}: ${why}\n`);
    else shells.push(sh);
  }
  if (shells.length === 0) {
    process.stderr.write("bench: no shell can run\n");
    return 1;
  }
  const resultsDir = join(benchDir, "results");
  mkdirSync(resultsDir, { recursive: true });
  mkdirSync(cacheDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  let status = 0;

  if (sel.local.length > 0) {
    const chosen = workloads.filter((w) => sel.local.includes(w.name));
    const loadBefore = loadavg();
    const started = new Date().toISOString();
    const results = runBenchmarks(chosen, shells, {
      reps: args.reps,
      timeoutMs: args.timeoutSec * 1000,
      seed: args.seed,
      ctx: { scale: args.scale, cacheDir },
      log,
    });
    const opts = { subject: SUBJECT, refs: REFS };
    process.stdout.write(renderReport(results, opts));
    const meta = {
      started,
      finished: new Date().toISOString(),
      reps: args.reps,
      scale: args.scale,
      seed: args.seed,
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", loadavgBefore: loadBefore, loadavgAfter: loadavg() },
      bun: Bun.version,
      shells: shells.map((s) => ({ name: s.name, argv: s.argv, version: shellVersion(s) })),
    };
    const jsonPath = args.json ?? join(resultsDir, `run-${stamp}.json`);
    writeFileSync(jsonPath, JSON.stringify(reportJson(results, opts, meta), null, 1) + "\n");
    process.stdout.write(`results: ${jsonPath}\n`);
    if (results.some((r) => r.series.some((s) => s.status !== "ok"))) status = 1;
  }

  if (sel.shared) {
    const dir = sharedBenchDir(repoRoot);
    const plan = sharedPlan(dir, resultsDir, stamp, {
      shells,
      explicitShells: args.shells.length > 0,
      subject: shells.find((s) => s.name === SUBJECT),
      reps: args.reps,
      scale: args.scale,
      extra: args.sharedArgs,
    });
    log(`bench: ${plan.argv.join(" ")}`);
    const st = runShared(plan, repoRoot);
    if (st !== 0) status = st;
  }
  return status;
}

process.exitCode = main(process.argv.slice(2));
