// The wrapper around the project-agnostic suite in /work/shared/bench (read there, never copied
// here): it runs that suite's driver with ipsh added to its comparison shells, in one interleaved
// run, and has it write its JSON next to ours in bench/results/.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ShellSpec } from "./shells.ts";

/** Where the shared suite lives: $IPSH_SHARED_BENCH, else ../shared/bench beside the repo. */
export function sharedBenchDir(repoRoot: string): string {
  return process.env.IPSH_SHARED_BENCH ?? resolve(repoRoot, "..", "shared", "bench");
}

export interface SharedPlan {
  argv: string[];
  jsonPath: string;
}

/**
 * The driver's command line. With the default shell set, ipsh is `--add`ed to the driver's own
 * list (every installed comparison shell); with explicit --shell specs exactly those run.
 * `subject` is undefined when ipsh could not run: the suite then still compares the others.
 */
export function sharedPlan(dir: string, resultsDir: string, stamp: string, opts: {
  shells: ShellSpec[];
  explicitShells: boolean;
  subject?: ShellSpec;
  reps: number;
  scale: number;
  extra: string[];
}): SharedPlan {
  const jsonPath = join(resultsDir, `shared-${stamp}.json`);
  const argv = [join(dir, "run.sh"), "--reps", String(opts.reps), "--json", jsonPath];
  if (opts.scale !== 1) argv.push("--scale", String(opts.scale));
  argv.push(...opts.extra);
  const spec = (s: ShellSpec): string => `${s.name}=${s.argv.join(" ")}`;
  if (opts.explicitShells) argv.push(...opts.shells.map(spec));
  else if (opts.subject) argv.push("--add", spec(opts.subject));
  return { argv, jsonPath };
}

/** Run the shared suite with its output on our stdout/stderr; returns its exit status. */
export function runShared(plan: SharedPlan, cwd: string): number {
  if (!existsSync(plan.argv[0]!)) {
    process.stderr.write(`bench: shared suite not found: ${plan.argv[0]}\n`);
    return 1;
  }
  const r = Bun.spawnSync(plan.argv, { cwd, stdin: "ignore", stdout: "inherit", stderr: "inherit" });
  return r.exitCode ?? 1;
}
