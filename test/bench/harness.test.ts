// The harness against real programs: timing, validation, process-group clean-up, the report.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bigScript } from "../../bench/big-script.ts";
import { renderReport, reportJson } from "../../bench/report.ts";
import { runBenchmarks, validate, type WorkloadResult } from "../../bench/runner.ts";
import { parseShellSpec } from "../../bench/shells.ts";
import { sharedPlan } from "../../bench/shared.ts";
import { benchEnv, runOnce } from "../../bench/timer.ts";
import { workloads } from "../../bench/workloads.ts";

describe("runOnce", () => {
  it("captures output and status, and reports death by signal as 128+N", () => {
    const r = runOnce(["/usr/bin/bash", "-c", "echo out; echo err >&2; exit 3"], benchEnv(), 10_000);
    expect(r).toMatchObject({ status: 3, stdout: "out\n", stderr: "err\n", timedOut: false });
    expect(r.wallMs).toBeGreaterThan(0);
    const k = runOnce(["/usr/bin/bash", "-c", "kill -TERM $$"], benchEnv(), 10_000);
    expect(k.status).toBe(143);
  });
  it("truncates the output file between runs", () => {
    runOnce(["/usr/bin/bash", "-c", "echo a long first line"], benchEnv(), 10_000);
    expect(runOnce(["/usr/bin/bash", "-c", "echo x"], benchEnv(), 10_000).stdout).toBe("x\n");
  });
  it("runs with the fixed environment only", () => {
    const r = runOnce(["/usr/bin/env"], benchEnv(), 10_000);
    expect(r.stdout.trim().split("\n").map((l) => l.split("=")[0]).sort()).toEqual(["HOME", "LC_ALL", "PATH", "TERM", "TMPDIR"]);
  });
  it("kills a timed-out pipeline as a whole session", () => {
    const marker = `ipsh-bench-sleep-${process.pid}`;
    const r = runOnce(["/usr/bin/bash", "-c", `exec -a ${marker} sleep 30 | cat`], benchEnv(), 300);
    expect(r.timedOut).toBe(true);
    // SIGKILL is sent; on a loaded machine the victims may take a moment to be scheduled and die
    let left = "";
    for (let i = 0; i < 100; i++) {
      left = Bun.spawnSync(["pgrep", "-f", marker]).stdout.toString().trim();
      if (left === "") break;
      Bun.sleepSync(20);
    }
    expect(left).toBe("");
  });
});

describe("validate", () => {
  const ok = { wallMs: 1, cpuMs: 1, status: 0, timedOut: false, stdout: "y\n", stderr: "" };
  it("accepts the expected trimmed output with status 0", () => {
    expect(validate(ok, "y")).toBeUndefined();
  });
  it("rejects wrong output, non-zero status and time-outs", () => {
    expect(validate({ ...ok, stdout: "n\n" }, "y")).toMatchObject({ status: "FAIL" });
    expect(validate({ ...ok, status: 2, stderr: "sh: bad\nmore" }, "y")).toEqual({ status: "FAIL", error: "status 2: sh: bad" });
    expect(validate({ ...ok, timedOut: true }, "y")).toMatchObject({ status: "T/O" });
  });
});

describe("the generated parse fixture", () => {
  it("is valid sh for bash -n and dash -n, and runs", () => {
    const dir = mkdtempSync(join(tmpdir(), "ipsh-bench-test-"));
    const path = join(dir, "big.sh");
    const text = bigScript(2000);
    expect(text.split("\n").length).toBeGreaterThanOrEqual(2000);
    Bun.write(path, text);
    for (const sh of ["/usr/bin/bash", "/usr/bin/dash"]) {
      const n = runOnce([sh, "-n", path], benchEnv(), 10_000);
      expect(n.status, `${sh} -n: ${n.stderr}`).toBe(0);
      const run = runOnce([sh, path], benchEnv(), 10_000);
      expect(run.stdout).toMatch(/^defined \d+ functions\n$/);
    }
  });
});

describe("runBenchmarks and the report", () => {
  it("times bash and dash side by side and computes ratios", () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "ipsh-bench-cache-"));
    const chosen = workloads.filter((w) => w.name === "yes-head" || w.name === "pipe-throughput");
    const shells = [parseShellSpec("ipsh=/usr/bin/bash"), parseShellSpec("dash")];
    const results = runBenchmarks(chosen, shells, { reps: 2, timeoutMs: 20_000, seed: 1, ctx: { scale: 0.001, cacheDir }, log: () => {} });
    expect(results.map((r) => r.name)).toEqual(["yes-head", "pipe-throughput"]);
    const yes = results[0]!;
    expect(yes.series.map((s) => [s.name, s.status])).toEqual([["ipsh", "ok"], ["dash", "ok"]]);
    expect(yes.series[0]!.wallMs.length).toBe(2 * yes.perRep);
    const text = renderReport(results, { subject: "ipsh", refs: ["bash", "dash"] });
    expect(text.split("\n")[0]).toMatch(/^workload\s+ipsh\s+dash\s+ipsh\/dash\s+spread$/);
    expect(text).toMatch(/^pipe-throughput\s+\S+ \S+\s+\S+ \S+\s+\d+\.\d\dx\s+\d+%$/m);
    const json = reportJson(results, { subject: "ipsh", refs: ["dash"] }, {}) as { workloads: { ratios: Record<string, number> }[] };
    expect(json.workloads[0]!.ratios["ipsh/dash"]).toBeGreaterThan(0);
  });
  it("marks a shell that prints the wrong answer as FAIL and does not time it", () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "ipsh-bench-cache-"));
    const chosen = workloads.filter((w) => w.name === "yes-head");
    // `bash -e` with words that make `yes | head -1` print something else: use a wrapper shell
    // that ignores its arguments
    const liar = { name: "liar", argv: ["/usr/bin/bash", "-c", "echo n", "--"] };
    const results: WorkloadResult[] = runBenchmarks(chosen, [liar], { reps: 1, timeoutMs: 10_000, seed: 1, ctx: { scale: 0.01, cacheDir }, log: () => {} });
    expect(results[0]!.series[0]).toMatchObject({ status: "FAIL", wallMs: [] });
    expect(renderReport(results, { subject: "ipsh", refs: ["bash"] })).toMatch(/yes-head: liar FAIL: output 'n', expected 'y'/);
  });
});

describe("shared suite wrapper", () => {
  it("adds ipsh to the driver's own shells, or passes explicit shells", () => {
    const ipsh = { name: "ipsh", argv: ["/r/bin/ipsh"] };
    const bash = { name: "bash", argv: ["/usr/bin/bash"] };
    const p = sharedPlan("/s/bench", "/r/bench/results", "T", { shells: [ipsh, bash], explicitShells: false, subject: ipsh, reps: 3, scale: 1, extra: ["--only", "startup"] });
    expect(p.argv).toEqual(["/s/bench/run.sh", "--reps", "3", "--json", "/r/bench/results/shared-T.json", "--only", "startup", "--add", "ipsh=/r/bin/ipsh"]);
    const q = sharedPlan("/s/bench", "/r", "T", { shells: [bash], explicitShells: true, reps: 5, scale: 0.5, extra: [] });
    expect(q.argv).toEqual(["/s/bench/run.sh", "--reps", "5", "--json", "/r/shared-T.json", "--scale", "0.5", "bash=/usr/bin/bash"]);
  });
});

describe("the start-up verdict (issue 3)", () => {
  const series = (name: string, role: "shell" | "baseline", ms: number) => ({ name, role, argv: [], expected: "", status: "ok" as const, wallMs: [ms, ms], cpuMs: [] });
  it("judges every form of ipsh against 4x the compiled hello world, and subtracts the spawn floor", () => {
    const startup: WorkloadResult = {
      name: "startup",
      what: "",
      mode: "invocation",
      perRep: 2,
      series: [series("ipsh", "shell", 30), series("ipsh-bin", "shell", 10), series("bash", "shell", 2), series("bun-hello", "baseline", 5), series("/bin/true", "baseline", 1)],
    };
    const text = renderReport([startup], { subject: "ipsh", refs: ["bash"] });
    expect(text).toContain("start-up: ipsh is 6.00x the compiled Bun hello world: MISSES the 4x target (issue 3)\n");
    expect(text).toContain("start-up: ipsh-bin is 2.00x the compiled Bun hello world: meets the 4x target (issue 3)\n");
    expect(text).toContain("start-up net of the spawn floor (/bin/true 1.00 ms): ipsh 29.0 ms, ipsh-bin 9.00 ms, bash 1.00 ms\n");
    expect(text).toMatch(/^startup \(each\)\s+30\.0 ms\s+10\.0 ms\s+2\.00 ms\s+5\.00 ms\s+1\.00 ms\s+15\.00x\s+0%$/m);
  });
});
