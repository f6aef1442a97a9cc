// The "tiny shell lab" contract (CS:APP's tsh trace files): a script of command lines
// interleaved with signals sent to the shell process from outside. A job-control shell must pass
// SIGINT and SIGTSTP it receives on to the foreground job's process group, never stop or die
// itself, and keep `jobs` and the statuses right.
import { afterEach, describe, expect, it } from "vitest";
import { groupMembers, procState, startShell, until, type ShellSession } from "./ipsh-session.ts";

let sh: ShellSession | undefined;
afterEach(async () => {
  await sh?.close();
  sh = undefined;
});

type Step = { line: string; fg?: string; output?: string } | { signal: "SIGINT" | "SIGTSTP"; expect: RegExp } | { expectJobs: string };

/** Runs a trace, checking the output of each step that says what it expects. */
async function trace(s: ShellSession, steps: Step[]): Promise<void> {
  for (const step of steps) {
    if ("line" in step) {
      if (step.fg) await s.startForeground(step.line, step.fg);
      else {
        const out = await s.run(step.line);
        if (step.output !== undefined) expect(out).toBe(step.output);
      }
    } else if ("signal" in step) {
      process.kill(s.pid, step.signal);
      expect(await s.prompt()).toMatch(step.expect);
    } else expect(await s.run("jobs")).toBe(step.expectJobs);
  }
}

describe("signals sent to the shell reach the foreground job", () => {
  it("trace: SIGTSTP and SIGINT to the shell while jobs run", async () => {
    sh = await startShell();
    await sh.prompt();
    await trace(sh, [
      { line: "sleep 30 &" },
      { line: "sleep 31", fg: "sleep" },
      { signal: "SIGTSTP", expect: /^\n\[2\]\+  Stopped                 sleep 31\n$/ },
      { expectJobs: "[1]-  Running                 sleep 30 &\n[2]+  Stopped                 sleep 31\n" },
      { line: "sleep 32 | cat", fg: "sleep" },
      { signal: "SIGINT", expect: /^\n$/ },
      { line: "echo $? ${PIPESTATUS[@]}", output: "130 130 130\n" },
      { expectJobs: "[1]-  Running                 sleep 30 &\n[2]+  Stopped                 sleep 31\n" },
      { line: "fg %2", fg: "sleep" },
      { signal: "SIGINT", expect: /^sleep 31\n\n$/ },
      { expectJobs: "[1]+  Running                 sleep 30 &\n" },
    ]);
    // the shell itself was never stopped or killed
    expect(procState(sh.pid)).not.toBe("T");
  });

  it("SIGTSTP that reaches the shell after the job's spawn, before its wait, still stops the job", async () => {
    sh = await startShell();
    await sh.prompt();
    // the external stage is spawned first; the in-process stage then signals the shell, which
    // has not started waiting yet (the signal used to hit the prompt's SIG_IGN and be lost)
    expect(await sh.run("kill -TSTP $$ | sleep 30")).toMatch(/\n\[1\]\+  Stopped                 kill -TSTP \$\$ \| sleep 30\n$/);
    expect(procState(sh.pid)).not.toBe("T");
    // and at the prompt SIGTSTP is ignored again
    process.kill(sh.pid, "SIGTSTP");
    await Bun.sleep(100);
    expect(procState(sh.pid)).not.toBe("T");
    expect(await sh.run("kill %1; wait %1; echo $?")).toMatch(/143\n$/);
  });

  it("SIGTSTP to the shell at the prompt is ignored; SIGINT there does not kill it", async () => {
    sh = await startShell();
    await sh.prompt();
    process.kill(sh.pid, "SIGTSTP");
    process.kill(sh.pid, "SIGTTIN");
    process.kill(sh.pid, "SIGTTOU");
    await Bun.sleep(100);
    expect(procState(sh.pid)).not.toBe("T");
    process.kill(sh.pid, "SIGINT");
    process.kill(sh.pid, "SIGTERM");
    await Bun.sleep(100);
    expect(await sh.run("echo still here")).toBe("still here\n");
  });

  it("a job that handles SIGINT itself: the shell goes on with the command line", async () => {
    sh = await startShell();
    await sh.prompt();
    const pg = await sh.startForeground(`sh -c 'trap "echo caught; exit 7" INT; sleep 30 & wait'; echo next $?`, "sh");
    await until(() => groupMembers(pg).length === 2, "the job's sleep");
    process.kill(sh.pid, "SIGINT");
    expect(await sh.prompt()).toBe("caught\nnext 7\n");
  });
});
