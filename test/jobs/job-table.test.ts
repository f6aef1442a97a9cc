// The job table on its own: bash's job lines, job specs, the choice of %+ and %-, and the job
// text built from argv. (Real processes and terminals: test/pty/job-control.test.ts.)
import { describe, expect, it } from "vitest";
import { JobTable } from "../../src/jobs/job-table.ts";
import { commandText } from "../../src/jobs/foreground.ts";
import type { Shell } from "../../src/shell.ts";

const table = () => new JobTable({} as Shell);

describe("job lines", () => {
  it("pads the state to 24 columns and names deaths as bash does", () => {
    const t = table();
    const a = t.add(100, [100], "sleep 1", true);
    expect(t.format(a)).toBe("[1]+  Running                 sleep 1");
    t.record(100, { kind: "exited", code: 0 });
    expect(t.format(a)).toBe("[1]+  Done                    sleep 1");
    const b = t.add(200, [200], "false", true);
    t.record(200, { kind: "exited", code: 1 });
    expect(t.format(b)).toBe("[2]+  Exit 1                  false");
    const c = t.add(300, [300], "sleep 9", true);
    t.record(300, { kind: "signaled", signal: 15, core: false });
    expect(t.format(c)).toBe("[3]+  Terminated              sleep 9");
    const d = t.add(400, [400], "./crash", true);
    t.record(400, { kind: "signaled", signal: 11, core: true });
    expect(t.format(d)).toBe("[4]+  Segmentation fault      (core dumped) ./crash");
  });

  it("a stopped job: 'Stopped' in short lines, the stop signal's text in long ones", () => {
    const t = table();
    const j = t.add(500, [500], "vi f", true);
    t.record(500, { kind: "stopped", signal: 21 });
    expect(t.format(j)).toBe("[1]+  Stopped                 vi f");
    expect(t.formatLong(j)).toEqual(["[1]+ 500 Stopped (tty input)     vi f"]);
    t.record(500, { kind: "stopped", signal: 20 });
    expect(t.formatLong(j)).toEqual(["[1]+ 500 Stopped                 vi f"]);
  });

  it("jobs -l gives each process its stage of the pipeline", () => {
    const t = table();
    const j = t.add(600, [600, 601, 602], "sleep 5 | grep -v x | cat", true);
    expect(t.formatLong(j)).toEqual([
      "[1]+ 600 Running                 sleep 5",
      "     601                       | grep -v x",
      "     602                       | cat",
    ]);
    // processes that do not map onto stages (a re-executed job): the text stays on line one
    const k = t.add(700, [700, 701], "f | g | h", true);
    expect(t.formatLong(k)).toEqual(["[2]+ 700 Running                 f | g | h", "     701                       "]);
  });
});

describe("job specs and the current job", () => {
  it("%n %+ %% %- %string %?string and pids", () => {
    const t = table();
    const a = t.add(10, [10], "sleep 30", true);
    const b = t.add(20, [20, 21], "sleep 31 | cat", true);
    const c = t.add(30, [30], "vim notes", true);
    expect(t.find("%1")).toBe(a);
    expect(t.find("%+")).toBe(c);
    expect(t.find("%%")).toBe(c);
    expect(t.find("%")).toBe(c);
    expect(t.find("%-")).toBe(b);
    expect(t.find("%vim")).toBe(c);
    expect(t.find("%?31")).toBe(b);
    expect(t.find("%sleep")).toBe("%sleep: ambiguous job spec");
    expect(t.find("%9")).toBe("%9: no such job");
    expect(t.find("21")).toBe(b);
  });

  it("chooses %- as bash's set_current_job: a stopped job first, never a finished one", () => {
    const t = table();
    const a = t.add(10, [10], "a", true);
    const b = t.add(20, [20], "b", true);
    expect(t.marker(a)).toBe("-");
    t.record(20, { kind: "exited", code: 0 }); // b done, not yet reported
    const c = t.add(30, [30], "c", true);
    expect(t.current).toBe(c);
    expect(t.previous).toBe(a);
    expect(t.marker(b)).toBe(" ");
    t.record(10, { kind: "stopped", signal: 20 }); // a stops: it becomes current
    expect(t.current).toBe(a);
    t.makeCurrent(c);
    expect(t.previous).toBe(a);
  });
});

describe("job text from argv", () => {
  it("quotes only the words that need it", () => {
    expect(commandText(["sleep", "30"])).toBe("sleep 30");
    expect(commandText(["sh", "-c", "a; b"])).toBe("sh -c 'a; b'");
    expect(commandText(["echo", "it's"])).toBe("echo 'it'\\''s'");
    expect(commandText(["ls", "-la", "/tmp/x.y"])).toBe("ls -la /tmp/x.y");
  });
});
