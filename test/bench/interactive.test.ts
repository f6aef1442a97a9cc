// The PTY latency harness against real shells: samples are collected for each measure, and a
// shell that never shows a prompt is reported (quickly, by its exit) instead of hanging the run.
import { describe, expect, it } from "vitest";
import { renderInteractive, runInteractive } from "../../bench/interactive.ts";
import { parseShellSpec } from "../../bench/shells.ts";

describe("interactive latencies", () => {
  it("measures first prompt, keystroke echo and Enter -> prompt for bash and dash", async () => {
    const res = await runInteractive([parseShellSpec("bash"), parseShellSpec("dash")], 3, 2, 1);
    for (const name of ["bash", "dash"]) {
      const r = res.get(name)!;
      expect(r.error).toBeUndefined();
      expect(r.firstPrompt.length).toBe(2);
      expect(r.keystroke.length).toBe(3);
      expect(r.enter.length).toBe(3);
      for (const x of [...r.firstPrompt, ...r.keystroke, ...r.enter]) expect(x).toBeGreaterThan(0);
    }
    const text = renderInteractive(res, "dash", ["bash"]);
    expect(text.split("\n")[0]).toMatch(/^latency\s+bash\s+dash\s+dash\/bash$/);
    expect(text).toMatch(/^Enter -> prompt\s+\S+ \S+\s+\S+ \S+\s+\d+\.\d\dx$/m);
  });
  it("reports a shell that exits before its prompt", async () => {
    const t0 = performance.now();
    const res = await runInteractive([parseShellSpec("broken=/usr/bin/false")], 2, 1, 1);
    expect(res.get("broken")!.error).toMatch(/^broken: exited \(1\) before 'ipsh-bench>' appeared/);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(renderInteractive(res)).toMatch(/^first prompt\s+FAIL$/m);
  });
});
