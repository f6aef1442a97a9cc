// Running one command and timing it. Every run gets its own session (so that a timed-out
// pipeline can be killed as a whole process group), stdin from /dev/null, stdout into a file
// (not a pipe: a stray grandchild holding a pipe open would make the harness wait for EOF), and
// the fixed environment below, so that no shell reads start-up files or inherits our settings.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signalByName } from "../src/signals/table.ts";

export interface RunResult {
  /** Wall time from spawn to reap, in milliseconds. */
  wallMs: number;
  /** User + system CPU time of the child and the children it reaped, in milliseconds. */
  cpuMs: number;
  /** Exit status as a shell reports it ($?: 128+N for death by signal N). */
  status: number;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

const SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** The environment every benchmarked command runs in (like /work/shared/bench: nothing else). */
export function benchEnv(): Record<string, string> {
  return {
    PATH: SAFE_PATH,
    LC_ALL: "C.UTF-8",
    HOME: process.env.HOME ?? "/root",
    TERM: "dumb",
    TMPDIR: process.env.TMPDIR ?? "/tmp",
  };
}

let scratch: string | undefined;
function outputPaths(): [string, string] {
  if (scratch === undefined) {
    scratch = join(tmpdir(), `ipsh-bench-${process.pid}`);
    mkdirSync(scratch, { recursive: true });
    process.on("exit", () => rmSync(scratch!, { recursive: true, force: true }));
  }
  return [join(scratch, "stdout"), join(scratch, "stderr")];
}

/**
 * Spawn argv, wait for it, and time it. `timeoutMs` kills the whole session with SIGKILL.
 * Output is read after the clock stops, so it is not part of the measured time.
 */
export function runOnce(argv: string[], env: Record<string, string>, timeoutMs: number, cwd?: string): RunResult {
  const [outPath, errPath] = outputPaths();
  // Fresh (truncated) files each run; opened before the clock starts.
  const outFd = openSync(outPath, "w");
  const errFd = openSync(errPath, "w");
  const t0 = performance.now();
  const r = Bun.spawnSync(argv, {
    cwd,
    env,
    stdin: "ignore",
    stdout: outFd,
    stderr: errFd,
    timeout: timeoutMs,
    killSignal: "SIGKILL",
    detached: true,
  } as Parameters<typeof Bun.spawnSync>[1]);
  const wallMs = performance.now() - t0;
  closeSync(outFd);
  closeSync(errFd);
  // Anything the command left behind in its session (background jobs, a pipeline's other
  // stages after a timeout) goes now, so it does not load the next measurement.
  try {
    process.kill(-r.pid, "SIGKILL");
  } catch {
    // the group is already gone: the normal case
  }
  const usage = r.resourceUsage;
  const cpuMs = usage ? Number(usage.cpuTime.total) / 1000 : NaN;
  const status = r.exitCode ?? 128 + (signalByName(r.signalCode ?? "")?.number ?? 0);
  return {
    wallMs,
    cpuMs,
    status,
    timedOut: r.exitedDueToTimeout === true,
    stdout: readFileSync(outPath, "utf8"),
    stderr: readFileSync(errPath, "utf8"),
  };
}
