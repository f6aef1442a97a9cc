// The `signals` view: rows from the one signal table, the shell's trap dispositions next to the
// kernel's view of the process, and another process's sets decoded from /proc.
import { describe, expect, it } from "vitest";
import { def as signals } from "../../builtins/signals.ts";
import { SIGNALS } from "../../src/signals/table.ts";
import { TrapTable } from "../../src/signals/traps.ts";
import { processName } from "../../src/explain/proc.ts";
import { processDispositions } from "../../src/signals/process-dispositions.ts";
import { JobTable } from "../../src/jobs/job-table.ts";
import { def as fds } from "../../builtins/fds.ts";
import { hasChildren, runBuiltin, spawnAlive } from "./fake-ctx.ts";

/** Ready once the spawned process has exec'd sleep (before that it is a copy of the runner). */
const isSleep = (pid: number): boolean => processName(pid) === "sleep";

/** The text under a header column in the row of a signal (columns are aligned by position). */
function cell(out: string, name: string, column: string): string {
  const lines = out.split("\n");
  const header = lines.find((l) => /^\s*NUM\s/.test(l))!;
  const start = header.indexOf(column);
  const next = header.slice(start + column.length).search(/\S/);
  const end = next < 0 ? undefined : start + column.length + next;
  const line = lines.find((l) => l.trim().split(/\s+/)[1] === name)!;
  return line.slice(start, end).trim();
}

function row(out: string, name: string): string[] {
  const line = out.split("\n").find((l) => l.trim().split(/\s{2,}/)[1] === name);
  if (!line) throw new Error(`no row for ${name} in:\n${out}`);
  return line.trim().split(/\s{2,}/);
}

describe("signals (the shell itself)", () => {
  it("lists every signal of the table with default action, catchability and meaning", async () => {
    const r = await runBuiltin(signals, [], { traps: new TrapTable(null) });
    expect(r.status).toBe(0);
    expect(r.err).toBe("");
    const lines = r.out.trimEnd().split("\n");
    expect(lines[1]).toMatch(/^NUM\s+NAME\s+DEFAULT\s+CATCH\s+SHELL\s+KERNEL\s+BY\s+MEANING$/);
    expect(lines.length).toBe(2 + SIGNALS.length);
    expect(row(r.out, "KILL")).toEqual(["9", "KILL", "Term", "no", "default", "default", "Killed"]); // BY is empty

    expect(row(r.out, "TSTP").slice(0, 4)).toEqual(["20", "TSTP", "Stop", "yes"]);
    expect(row(r.out, "RTMAX")[0]).toBe("64");
  });
  it("shows traps from the trap table, and the kernel's view of this process separately", async () => {
    const traps = new TrapTable(null);
    traps.set(2, "echo caught; exit 1");
    traps.set(15, "");
    const r = await runBuiltin(signals, [], { traps });
    expect(row(r.out, "INT")[4]).toBe("trap 'echo caught; exit 1'");
    expect(row(r.out, "TERM")[4]).toBe("ignored");
    // Bun ignores SIGPIPE in its own process (bun-runtime-facts §1.1): the shell still reports
    // the default disposition, which is what its children get.
    expect(row(r.out, "PIPE").slice(4, 7)).toEqual(["default", "ignored", "runtime"]);
  });
  it("says who set a kernel disposition: the shell's trap, or the runtime", async () => {
    const d = processDispositions();
    d.setUserTrap(10, "ignore"); // as `trap '' USR1` does through the trap table
    try {
      const r = await runBuiltin(signals, [], { traps: new TrapTable(null) });
      expect(row(r.out, "USR1").slice(5, 7)).toEqual(["ignored", "trap ''"]);
      expect(cell(r.out, "SEGV", "BY")).toBe("runtime"); // Bun's crash handler
    } finally {
      d.setUserTrap(10, "none");
    }
    expect(cell((await runBuiltin(signals, [], {})).out, "USR1", "KERNEL")).toBe("default");
  });
  it("says ? when the shell has no trap table (a bare context)", async () => {
    const r = await runBuiltin(signals, [], {});
    expect(row(r.out, "HUP")[4]).toBe("?");
  });
});

describe("signals PID", () => {
  it("decodes another process's ignored and caught sets", async () => {
    const p = await spawnAlive(["/usr/bin/bash", "-c", "trap '' USR1 QUIT; trap 'echo x' USR2; sleep 30 & wait"], hasChildren(1));
    try {
      const r = await runBuiltin(signals, [String(p.pid)]);
      expect(r.status).toBe(0);
      expect(r.out.split("\n")[0]).toBe(`Signals of process ${p.pid} (bash), from /proc/${p.pid}/status (queued: ${r.out.match(/queued: ([^)]*)/)![1]})`);
      expect(row(r.out, "USR1")[4]).toBe("ignored");
      expect(row(r.out, "QUIT")[4]).toBe("ignored");
      expect(row(r.out, "USR2")[4]).toBe("caught");
      expect(row(r.out, "HUP")[4]).toBe("default");
    } finally {
      p.kill();
    }
  });
  it("shows blocked and pending signals", async () => {
    // A stopped process keeps a signal sent to it pending until it is continued.
    const p = await spawnAlive(["/usr/bin/sleep", "30"], isSleep);
    try {
      process.kill(p.pid, "SIGSTOP");
      await Bun.sleep(50);
      process.kill(p.pid, "SIGTERM"); // pending while stopped
      await Bun.sleep(50);
      const r = await runBuiltin(signals, [String(p.pid)]);
      expect(cell(r.out, "TERM", "PENDING")).toBe("yes");
      expect(cell(r.out, "TERM", "BLOCKED")).toBe("");
      expect(cell(r.out, "HUP", "PENDING")).toBe("");
    } finally {
      p.kill();
    }
  });
  it("errors like kill for bad operands and missing processes", async () => {
    expect(await runBuiltin(signals, ["abc"])).toEqual({ status: 1, out: "", err: "ipsh: signals: abc: arguments must be process or job IDs\n" });
    expect(await runBuiltin(signals, ["999999999"])).toEqual({ status: 1, out: "", err: "ipsh: signals: 999999999: no such process\n" });
    expect((await runBuiltin(signals, ["-x"])).status).toBe(2);
    expect((await runBuiltin(signals, ["1", "2"])).status).toBe(2);
    expect(await runBuiltin(signals, ["%1"], {})).toMatchObject({ status: 1, err: "ipsh: signals: %1: no job control in this shell\n" });
  });
  it("a %job operand shows each process of the job", async () => {
    const a = await spawnAlive(["/usr/bin/sleep", "30"], isSleep);
    const b = await spawnAlive(["/usr/bin/sleep", "31"], isSleep);
    try {
      const jobs = new JobTable({} as never);
      jobs.add(a.pid, [a.pid, b.pid], "sleep 30 | sleep 31", true);
      const r = await runBuiltin(signals, ["%1"], { jobs });
      expect(r.status).toBe(0);
      expect(r.out).toContain(`Signals of process ${a.pid} (sleep)`);
      expect(r.out).toContain(`Signals of process ${b.pid} (sleep)`);
      expect(await runBuiltin(signals, ["%2"], { jobs })).toMatchObject({ status: 1, err: "ipsh: signals: %2: no such job\n" });
      // the same operand works for fds
      const f = await runBuiltin(fds, ["%+"], { jobs });
      expect(f.out).toContain(`Process ${a.pid} (sleep): descriptors from /proc/${a.pid}/fd`);
      expect(f.out).toContain(`Process ${b.pid} (sleep): descriptors from /proc/${b.pid}/fd`);
    } finally {
      a.kill();
      b.kill();
    }
  });
});
