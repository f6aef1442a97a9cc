// `explain 'command line'` in the real shell: the plan agrees operation for operation with what
// `set -o explain` then shows when the same line runs; the diagrams show redirections applied
// left to right; nothing is run.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IPSH, run } from "../helpers/shells.ts";
import { normalise } from "./trace-normalize.ts";

function ipsh(script: string, cwd?: string): { out: string; err: string; status: number | null } {
  const r = run([IPSH, "-c", script], { cwd });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

/** The system calls of a plan (`explain -p` output): head of each numbered step. */
function planCalls(out: string): string[] {
  const calls: string[] = [];
  for (const line of out.split("\n")) {
    const m = /^\s*\d+\.\s+(\S.*)$/.exec(line);
    if (!m) continue;
    const call = callOf(m[1]!);
    if (call) calls.push(call);
  }
  return normalise(calls.join("\n")).split("\n");
}

/** The same from a live trace. */
function traceCalls(err: string): string[] {
  const calls: string[] = [];
  for (const line of err.split("\n")) {
    if (!line.startsWith("[explain] ")) continue;
    // orphans (process substitution children) are reaped whenever they have ended: when that
    // happens relative to the command is a race, so no plan can place it
    if (line.includes("reaping an orphan")) continue;
    const call = callOf(line.slice(10));
    if (call) calls.push(call);
  }
  return normalise(calls.join("\n")).split("\n");
}

/** A step reduced to the call and its result (comments after three spaces dropped). Plan pids
 *  are letters, trace pids numbers: both become "pid X" here, and a wait's result is dropped.
 *  The plan shows words that need expansion as written, so execve lines keep only the path
 *  (the argv of literal words is pinned by the live golden test and "runs nothing"). */
function callOf(step: string): string | undefined {
  const s = step.split("   ")[0]!.trim();
  if (!/^(pipe2|open|posix_spawn|execve|close|memfd_create|waitpid)\(/.test(s)) return undefined;
  return s
    .replace(/pid [A-Z]\b|pid \d+/g, "pid X")
    .replace(/pgid \S+/g, "pgid X")
    .replace(/^waitpid\(.*$/, "waitpid(X)")
    .replace(/^(execve\("[^"]*"), \[.*\]\)$/, "$1, [argv])");
}

describe("explain: the plan", () => {
  const lines = [
    "/bin/echo b | sort | head -n 1",
    "cat </etc/hostname | sort 2>&1 >/dev/null | wc -l",
    "ls /nonexistent 2>/dev/null",
    "/bin/echo x >/dev/null 2>&1",
    "cat <<EOF\nhello\nEOF",
    "exec 3>/dev/null; /bin/true 2>&3; /bin/echo x | cat",
    "/bin/true | /bin/true & wait",
    "cat <(/bin/echo hi) $(/bin/echo /dev/null) | cat",
    "x=$(/bin/echo a; echo b); /bin/echo \"$(ls /)\" >/dev/null",
    "coproc cat; /bin/echo x | cat",
  ];
  for (const line of lines) {
    it(`predicts the operations \`set -o explain\` shows for: ${line.replace(/\n/g, "\\n")}`, () => {
      const plan = ipsh(`explain -p '${line}'`);
      expect(plan.status).toBe(0);
      const live = ipsh(`set -o explain\n${line}`);
      const predicted = planCalls(plan.out);
      expect(predicted.length).toBeGreaterThan(3);
      expect(predicted).toEqual(traceCalls(live.err));
    });
  }

  it("runs nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "ipsh-plan-"));
    const r = ipsh("explain 'touch made >created'", dir);
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, "made"))).toBe(false);
    expect(existsSync(join(dir, "created"))).toBe(false);
    expect(r.out).toMatch(/posix_spawn\(\/usr\/bin\/touch\) = pid A/);
  });

  it("shows in-process stages, function bodies and the status rule", () => {
    const r = ipsh("f() { sort | uniq -c; }; set -o pipefail; explain -p 'echo hi | f'");
    expect(r.out).toContain("in-process (no fork): stage 1 `echo hi` runs on a clone of the shell state");
    expect(r.out).toContain("echo hi: builtin echo: runs in-process (no fork)");
    expect(r.out).toContain("f: function f: runs in-process (no fork)");
    expect(r.out).toMatch(/posix_spawn\(\/usr\/bin\/sort\) = pid A/);
    expect(r.out).toMatch(/posix_spawn\(\/usr\/bin\/uniq\) = pid B/);
    expect(r.out).toContain("status: the last non-zero stage status (pipefail)");
  });

  it("a coprocess: two pipes, the spawn, the shell's ends at fds 63 and 60 that no child gets", () => {
    const r = ipsh("explain -p 'coproc N { read l; }; ls'");
    expect(r.out).toMatch(/pipe #1: the coprocess writes into \d+, the shell reads from \d+/);
    expect(r.out).toMatch(/pipe #2: the shell writes into \d+, the coprocess reads from \d+/);
    expect(r.out).toContain("ipsh re-executes itself for it");
    expect(r.out).toMatch(/as its fd 63 \(N\[0\]\) and \d+ as its fd 60 \(N\[1\]\), close-on-exec/);
    expect(r.out).toContain("N_PID and $! = pid A");
    expect(r.out).toMatch(/posix_spawn\(\/usr\/bin\/ls\) = pid B .*closefrom\(3\)/);
  });

  it("reports failures the executor would hit before spawning", () => {
    const r = ipsh("explain -p 'cat </nonexistent/x; nosuchcommand-xyz'");
    expect(r.out).toContain('open("/nonexistent/x", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)');
    expect(r.out).toContain("nosuchcommand-xyz: command not found: nothing is spawned, status 127");
  });

  it("marks a FIFO and words left unexpanded", () => {
    const dir = mkdtempSync(join(tmpdir(), "ipsh-plan-"));
    const r = ipsh(`mkfifo p; explain "cat \\$f >p"`, dir);
    expect(r.status).toBe(0);
    expect(r.out).toContain("fd 1 -> FIFO p");
    expect(r.out).toContain("note: Opening a FIFO blocks until another process opens the other end.");
    expect(r.out).toContain("note: Words that need expansion are shown unexpanded.");
  });

  it("a syntax error is status 2 with the parser's message", () => {
    const r = ipsh("explain 'cat |'");
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/^ipsh: .*explain: syntax error/);
  });
});

describe("explain: the diagrams", () => {
  /** Diagram text with the test's own stdio (pipes from vitest) normalised. */
  function diagram(line: string): string {
    const r = ipsh(`explain -d '${line}'`);
    expect(r.status).toBe(0);
    // vitest gives the shell sockets or pipes as stdio: name them, and drop the box padding
    // (its width follows the labels' lengths)
    return r.out
      .replace(/pipe pipe:\[\d+\] \(from the shell's parent\)|socket socket:\[\d+\]/g, "PARENT-STDIO")
      .replace(/ +\|$/gm, " |")
      .replace(/-+\+$/gm, "-+");
  }

  it("cmd 2>&1 >file and cmd >file 2>&1 differ visibly", () => {
    expect(diagram("cat 2>&1 >/tmp/out")).toMatchInlineSnapshot(`
      "Descriptor wiring (redirections applied left to right):
      cat 2>&1 >/tmp/out
      +-- pid A: cat 2>&1 >/tmp/out -+
      | /usr/bin/cat, spawned (posix_spawn, then execve) |
      | fd 0 <- device /dev/null |
      | fd 1 -> file /tmp/out |
      | fd 2 <> PARENT-STDIO |
      +-+
      "
    `);
    expect(diagram("cat >/tmp/out 2>&1")).toMatchInlineSnapshot(`
      "Descriptor wiring (redirections applied left to right):
      cat >/tmp/out 2>&1
      +-- pid A: cat >/tmp/out 2>&1 -+
      | /usr/bin/cat, spawned (posix_spawn, then execve) |
      | fd 0 <- device /dev/null |
      | fd 1 -> file /tmp/out |
      | fd 2 -> file /tmp/out |
      +-+
      "
    `);
  });

  it("one box per stage, the pipes between them", () => {
    expect(diagram("echo hi | tr a-z A-Z |& cat -n")).toMatchInlineSnapshot(`
      "Descriptor wiring (redirections applied left to right):
      echo hi | tr a-z A-Z |& cat -n
      +-- in-process stage 1: echo hi -+
      | builtin echo: runs in-process (no fork), writing through the fd table |
      | fd 0 <- device /dev/null |
      | fd 1 -> pipe #1 write end |
      | fd 2 <> PARENT-STDIO |
      +-+
            |  pipe #1: what the box above writes to its write end, the box below reads
            v
      +-- pid A: tr a-z A-Z -+
      | /usr/bin/tr, spawned (posix_spawn, then execve) |
      | fd 0 <- pipe #1 read end |
      | fd 1 -> pipe #2 write end |
      | fd 2 -> pipe #2 write end |
      +-+
            |  pipe #2: what the box above writes to its write end, the box below reads
            v
      +-- pid B: cat -n -+
      | /usr/bin/cat, spawned (posix_spawn, then execve) |
      | fd 0 <- pipe #2 read end |
      | fd 1 <> PARENT-STDIO |
      | fd 2 <> PARENT-STDIO |
      +-+
      "
    `);
  });
});
