// Job control in a real terminal: ^Z, ^C, jobs/fg/bg/wait/disown/kill %job, the messages bash
// prints, terminal ownership (checked through /proc: the terminal's foreground group), and jobs
// whose stages run inside the shell.
import { afterEach, describe, expect, it } from "vitest";
import { groupMembers, procState, startShell, until, type ShellSession } from "./ipsh-session.ts";

let sh: ShellSession | undefined;
afterEach(async () => {
  await sh?.close();
  sh = undefined;
});

describe("job control in a terminal", () => {
  it("^Z stops the foreground job; jobs, bg, fg, ^C; the shell owns the terminal in between", async () => {
    sh = await startShell();
    await sh.prompt();
    const shellPgid = sh.pid;
    const pg = await sh.startForeground("sleep 30", "sleep");
    expect(pg).not.toBe(shellPgid);
    sh.t.write("\x1a");
    expect(await sh.prompt()).toBe("^Z\n[1]+  Stopped                 sleep 30\n");
    expect(sh.t.foregroundPgid()).toBe(shellPgid);
    expect(procState(pg)).toBe("T");
    expect(await sh.run("echo $?")).toBe("148\n");
    expect(await sh.run("jobs")).toBe("[1]+  Stopped                 sleep 30\n");
    expect(await sh.run("jobs -l")).toBe(`[1]+ ${pg} Stopped                 sleep 30\n`);
    expect(await sh.run("bg")).toBe("[1]+ sleep 30 &\n");
    await until(() => procState(pg) === "S", "the job to run again");
    expect(await sh.run("jobs")).toBe("[1]+  Running                 sleep 30 &\n");
    sh.t.write("fg %sleep\r");
    await sh.t.waitFor("sleep 30\r\n");
    await sh.t.waitForForegroundJob("sleep");
    expect(sh.t.foregroundPgid()).toBe(pg);
    sh.t.write("\x03");
    expect(await sh.prompt()).toBe("^C\n");
    expect(sh.t.foregroundPgid()).toBe(shellPgid);
    expect(await sh.run("echo $?; jobs")).toBe("130\n");
  });

  it("kill %job on a stopped job: TERM is followed by CONT, so the job dies (bash)", async () => {
    sh = await startShell();
    await sh.prompt();
    const pg = await sh.startForeground("sleep 30", "sleep");
    sh.t.write("\x1a");
    await sh.prompt();
    expect(procState(pg)).toBe("T");
    await sh.run("kill %1");
    await until(() => procState(pg) === "" || procState(pg) === "Z", "the stopped job to die of SIGTERM");
    let report = "";
    for (let i = 0; i < 20 && !/Terminated/.test(report); i++) report += await sh.run("");
    expect(report).toMatch(/\[1\]\+  Terminated +sleep 30/);
  });

  it("^C kills every process of a three-stage pipeline and the shell survives", async () => {
    sh = await startShell();
    await sh.prompt();
    const pg = await sh.startForeground("sleep 30 | cat | cat", "sleep");
    await until(() => groupMembers(pg).length === 3, "three processes in the job's group");
    const members = groupMembers(pg);
    sh.t.write("\x03");
    expect(await sh.prompt()).toBe("^C\n");
    for (const pid of members) expect(procState(pid)).toBe("");
    expect(await sh.run("echo alive ${PIPESTATUS[@]}")).toBe("alive 130 130 130\n");
  });

  it("reports a finished background job before the next prompt, with bash's messages", async () => {
    sh = await startShell();
    await sh.prompt();
    let all = "";
    const started = await sh.run("sleep 0.2 &");
    expect(started).toMatch(/^\[1\] \d+\n$/);
    const pid = Number(started.match(/\d+\n$/)![0]);
    expect(await sh.run("echo $!")).toBe(`${pid}\n`);
    await until(() => procState(pid) === "" || procState(pid) === "Z", "the job to end");
    await Bun.sleep(50);
    expect(await sh.run("")).toBe("[1]+  Done                    sleep 0.2\n");
    all += await sh.run("sleep 30 &");
    all += await sh.run("sh -c 'exit 3' &");
    await Bun.sleep(300);
    all += await sh.run("kill %1");
    await Bun.sleep(100);
    all += await sh.run("");
    // (which job is %+ when each is reported depends on when each ended)
    expect(all).toMatch(/\[2\][-+ ]  Exit 3                  sh -c 'exit 3'\n/);
    expect(all).toMatch(/\[1\][-+ ]  Terminated              sleep 30\n/);
  });

  it("a job that ends while a foreground command runs is reported right after it", async () => {
    sh = await startShell();
    await sh.prompt();
    expect(await sh.run("sleep 0.2 & sleep 0.6; echo fg-done")).toMatch(/^\[1\] \d+\nfg-done\n\[1\]\+  Done                    sleep 0\.2\n$/);
    expect(await sh.run("sleep 0.2 & SECONDS=0; while [ $SECONDS -lt 2 ]; do :; done; echo loop-done")).toMatch(
      /^\[1\] \d+\nloop-done\n\[1\]\+  Done                    sleep 0\.2\n$/,
    );
  });

  it("set -b reports a job that ends while a line is being typed at once, above the line", async () => {
    sh = await startShell();
    await sh.prompt();
    await sh.run("set -b");
    expect(await sh.run("sleep 0.3 &")).toMatch(/^\[1\] \d+\n$/);
    sh.t.write("echo typed so far");
    // without pressing Enter: the notice comes by itself, and the line is drawn again below it
    await sh.t.waitFor(/\[1\]\+  Done                    sleep 0\.3\r*\n/);
    await sh.t.waitFor("$ echo typed so far");
    sh.t.write("\r");
    expect(await sh.prompt()).toContain("typed so far\n");
    // without set -b the notice waits for the next prompt
    await sh.run("set +b");
    await sh.run("sleep 0.2 &");
    sh.t.write("echo second");
    await Bun.sleep(600);
    expect(sh.t.output).not.toMatch(/Done {20}sleep 0\.2/);
    sh.t.write("\r");
    expect(await sh.prompt()).toMatch(/second\n\[1\]\+  Done {20}sleep 0\.2\n/);
  });

  it("fg of a stopped cat gives it the terminal back: it reads what is typed", async () => {
    sh = await startShell();
    await sh.prompt();
    await sh.startForeground("cat", "cat");
    sh.t.write("\x1a");
    expect(await sh.prompt()).toContain("[1]+  Stopped                 cat\n");
    sh.t.write("fg\r");
    await sh.t.waitFor("cat\r\n");
    await sh.t.waitForForegroundJob("cat");
    sh.t.write("hello\r");
    await sh.t.waitFor("hello\r\nhello\r\n");
    sh.t.write("\x04");
    await sh.prompt();
    expect(await sh.run("echo $?; jobs")).toBe("0\n");
  });

  it("job specs, wait, kill %job, disown", async () => {
    sh = await startShell();
    await sh.prompt();
    await sh.run("sleep 30 &");
    await sh.run("sleep 31 | cat &");
    await sh.run("sleep 0.5 &");
    expect(await sh.run("jobs %1 %?31 %+")).toBe(
      "[1]   Running                 sleep 30 &\n[2]-  Running                 sleep 31 | cat &\n[3]+  Running                 sleep 0.5 &\n",
    );
    expect(await sh.run("wait %3; echo $?")).toBe("0\n");
    expect(await sh.run("jobs %%")).toBe("[2]+  Running                 sleep 31 | cat &\n");
    expect(await sh.run("jobs %sl")).toMatch(/ambiguous job spec/);
    expect(await sh.run("jobs -p %-")).toMatch(/^\d+\n$/);
    const long = await sh.run("jobs -l %2");
    expect(long).toMatch(/^\[2\]\+ \d+ Running                 sleep 31\n {5}\d+ {23}\| cat &\n$/);
    expect(await sh.run("disown %1; jobs")).toBe("[2]+  Running                 sleep 31 | cat &\n");
    expect(await sh.run("kill -9 %2; wait %2; echo $?")).toBe("137\n");
    expect(await sh.run("sleep 0.1 & sleep 5 & wait -n; echo $?; kill %2")).toMatch(/0\n/);
  });

  it("fg and bg refuse a job that ended but was not reported yet", async () => {
    sh = await startShell();
    await sh.prompt();
    expect(await sh.run("sleep 0.1 & sleep 0.4; fg; echo $?")).toMatch(/^\[1\] \d+\nipsh: fg: job has terminated\n1\n\[1\]\+  Done {20}sleep 0\.1\n$/);
    expect(await sh.run("sleep 0.1 & sleep 0.4; bg; echo $?")).toMatch(/^\[1\] \d+\nipsh: bg: job has terminated\n1\n\[1\]\+  Done {20}sleep 0\.1\n$/);
  });

  it("^C interrupts wait; the job keeps running", async () => {
    sh = await startShell();
    await sh.prompt();
    sh.t.write("sleep 30 & wait; echo not-reached\r");
    await sh.t.waitFor(/\[1\] \d+\r\n/);
    await Bun.sleep(200);
    sh.t.write("\x03");
    expect(await sh.prompt()).toBe("^C\n");
    expect(await sh.run("echo $?; jobs")).toBe("130\n[1]+  Running                 sleep 30 &\n");
  });

  it("exit with stopped jobs warns once, then hangs up the jobs", async () => {
    sh = await startShell();
    await sh.prompt();
    const pg = await sh.startForeground("sleep 30", "sleep");
    sh.t.write("\x1a");
    await sh.prompt();
    expect(await sh.run("exit")).toContain("There are stopped jobs.\n");
    sh.t.write("exit\r");
    await sh.t.waitFor("exit\r\n");
    // the status of the failed first exit, as in bash
    expect(await sh.t.waitExit()).toBe(1);
    await until(() => procState(pg) === "" || procState(pg) === "Z", "SIGHUP to end the stopped job");
  });

  it("^D on an empty line leaves, with the same warning for stopped jobs", async () => {
    sh = await startShell();
    await sh.prompt();
    await sh.startForeground("sleep 30", "sleep");
    sh.t.write("\x1a");
    await sh.prompt();
    sh.t.write("\x04");
    expect(await sh.prompt()).toContain("exit\nThere are stopped jobs.\n");
    sh.t.write("\x04");
    // the status of the last command: the stopped job's 148, as in bash
    expect(await sh.t.waitExit()).toBe(148);
  });
});

describe("jobs with in-process stages", () => {
  it("^C ends a foreground pipeline whose first stage is a loop in the shell", async () => {
    sh = await startShell();
    await sh.prompt();
    const pg = await sh.startForeground("while true; do sleep 5; done | cat", "cat");
    // the loop's sleep joins the job's process group, so ^C reaches it too
    await until(() => groupMembers(pg).length === 2, "the loop's child in the job's group");
    sh.t.write("\x03");
    expect(await sh.prompt()).toBe("^C\n");
    expect(groupMembers(pg)).toEqual([]);
    expect(await sh.run("echo $?")).toBe("130\n");
  });

  it("^Z stops such a pipeline as one job; fg and ^C end it", async () => {
    sh = await startShell();
    await sh.prompt();
    const pg = await sh.startForeground("while true; do sleep 5; done | cat", "cat");
    await until(() => groupMembers(pg).length === 2, "the loop's child in the job's group");
    sh.t.write("\x1a");
    expect(await sh.prompt()).toBe("^Z\n[1]+  Stopped                 while true; do sleep 5; done | cat\n");
    for (const pid of groupMembers(pg)) expect(procState(pid)).toBe("T");
    expect(await sh.run("echo $?")).toBe("148\n");
    sh.t.write("fg\r");
    await sh.t.waitForForegroundJob("cat");
    sh.t.write("\x03");
    await sh.prompt();
    expect(groupMembers(pg)).toEqual([]);
    expect(await sh.run("jobs")).toBe("");
  });

  it("two concurrent in-process stages and an external one: ^C ends all, ^Z makes one job", async () => {
    sh = await startShell();
    await sh.prompt();
    await sh.run("f() { while true; do sleep 5; done; }");
    let pg = await sh.startForeground("f | f | cat", "cat");
    await until(() => groupMembers(pg).length === 3, "both loops' children in the job's group");
    sh.t.write("\x03");
    expect(await sh.prompt()).toBe("^C\n");
    await until(() => groupMembers(pg).length === 0, "every process of the job gone", 6000);
    pg = await sh.startForeground("f | f | cat", "cat");
    await until(() => groupMembers(pg).length === 3, "both loops' children in the job's group");
    sh.t.write("\x1a");
    expect(await sh.prompt()).toBe("^Z\n[1]+  Stopped                 f | f | cat\n");
    await Bun.sleep(100);
    expect(await sh.run("jobs")).toBe("[1]+  Stopped                 f | f | cat\n");
    expect((await sh.run("jobs -l")).split("\n").length).toBe(4);
  });

  it("^Z in a loop of the shell stops the command and leaves the loop (bash)", async () => {
    sh = await startShell();
    await sh.prompt();
    await sh.startForeground("while true; do sleep 5; done; echo after", "sleep");
    sh.t.write("\x1a");
    expect(await sh.prompt()).toBe("^Z\n[1]+  Stopped                 sleep 5\nafter\n");
  });

  it("a subshell's command stops as a job of the shell", async () => {
    sh = await startShell();
    await sh.prompt();
    await sh.startForeground("(sleep 30)", "sleep");
    sh.t.write("\x1a");
    expect(await sh.prompt()).toBe("^Z\n[1]+  Stopped                 sleep 30\n");
    expect(await sh.run("kill -KILL %1; wait %1; echo $?")).toBe("137\n");
  });

  it("a pipeline inside a subshell: ^C ends it, ^Z stops it as one job, fg resumes it", async () => {
    sh = await startShell();
    await sh.prompt();
    let pg = await sh.startForeground("(sleep 30 | cat)", "sleep");
    await until(() => groupMembers(pg).length === 2, "both processes in one group");
    sh.t.write("\x03");
    expect(await sh.prompt()).toBe("^C\n");
    expect(groupMembers(pg)).toEqual([]);
    pg = await sh.startForeground("(sleep 30 | cat)", "sleep");
    await until(() => groupMembers(pg).length === 2, "both processes in one group");
    sh.t.write("\x1a");
    expect(await sh.prompt()).toBe("^Z\n[1]+  Stopped                 sleep 30 | cat\n");
    expect(groupMembers(pg).map(procState)).toEqual(["T", "T"]);
    sh.t.write("fg\r");
    await sh.t.waitForForegroundJob("sleep");
    sh.t.write("\x03");
    await sh.prompt();
    expect(groupMembers(pg)).toEqual([]);
  });

  it("a background job run by a re-executed shell stops, continues and dies as a unit", async () => {
    sh = await startShell();
    await sh.prompt();
    const out = await sh.run("while true; do sleep 1; done | cat &");
    const pid = Number(out.match(/^\[1\] (\d+)/)![1]);
    const pgid = Number((await sh.run("jobs -p")).trim());
    await until(() => groupMembers(pgid).length >= 3, "the job's processes", 8000);
    expect(pid).toBeGreaterThan(0);
    await sh.run("kill -STOP %1");
    await until(() => groupMembers(pgid).every((p) => procState(p) === "T"), "every process stopped");
    await Bun.sleep(50);
    expect(await sh.run("jobs")).toBe("[1]+  Stopped                 while true; do sleep 1; done | cat\n");
    await sh.run("bg %1");
    await until(() => groupMembers(pgid).every((p) => procState(p) !== "T"), "every process running");
    let report = await sh.run("kill %1");
    // gone, or zombies until the shell reaps the job's leader at the next prompt
    await until(() => groupMembers(pgid).every((p) => procState(p) === "Z" || procState(p) === ""), "every process gone");
    // reported at the first prompt after the shell sees the job's leader gone
    const done = /\[1\]\+  Terminated {14}while true; do sleep 1; done \| cat\n/;
    for (let i = 0; i < 20 && !done.test(report); i++) report += await sh.run("");
    expect(report).toMatch(done);
  });
});

describe("the terminal", () => {
  it("a stopped job's terminal modes come back with fg; the prompt gets the shell's modes", async () => {
    sh = await startShell();
    await sh.prompt();
    // the job turns echo off, stops itself, and shows its modes once continued
    const out = await sh.run(`sh -c 'stty -echo; kill -TSTP $$; stty -a | tr " " "\\n" | grep -x -- "-*echo"'`);
    expect(out).toBe(`\n[1]+  Stopped                 sh -c 'stty -echo; kill -TSTP $$; stty -a | tr " " "\\n" | grep -x -- "-*echo"'\n`);
    expect(await sh.run("stty -a | tr ' ' '\\n' | grep -x -- '-*echo'")).toBe("echo\n");
    sh.t.write("fg\r");
    expect(await sh.prompt()).toMatch(/\n-echo\n$/);
    expect(await sh.run("stty -a | tr ' ' '\\n' | grep -x -- '-*echo'")).toBe("echo\n");
  });

  it("SIGWINCH keeps COLUMNS and LINES current", async () => {
    sh = await startShell({ cols: 100, rows: 30 });
    await sh.prompt();
    expect(await sh.run("echo $COLUMNS $LINES")).toBe("100 30\n");
    sh.t.resize(120, 40);
    await Bun.sleep(100);
    expect(await sh.run("echo $COLUMNS $LINES")).toBe("120 40\n");
  });
});

describe("leaving the shell", () => {
  it("exit leaves running jobs alone (no huponexit), SIGHUP to the shell hangs up every job", async () => {
    sh = await startShell();
    await sh.prompt();
    const a = Number((await sh.run("sleep 30 & echo $!")).trim().split("\n").pop());
    sh.t.write("exit\r");
    expect(await sh.t.waitExit()).toBe(0);
    expect(procState(a)).toBe("S");
    process.kill(a, "SIGKILL");

    const s2 = await startShell();
    try {
      await s2.prompt();
      const b = Number((await s2.run("sleep 30 & echo $!")).trim().split("\n").pop());
      const c = Number((await s2.run("sleep 31 & echo $!")).trim().split("\n").pop());
      await s2.run("disown -h %2");
      process.kill(s2.pid, "SIGHUP");
      expect(await s2.t.waitExit()).toBe(129);
      await until(() => procState(b) === "" || procState(b) === "Z", "SIGHUP to reach the job");
      expect(procState(c)).toBe("S");
    } finally {
      await s2.close();
    }
  });
});
