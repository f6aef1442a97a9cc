// `set -o explain` in the real shell (bin/ipsh): golden traces with pids and fds normalised,
// the option's hooks (set -o / set +o, ipsh -o explain, IPSH_EXPLAIN_FILE) and what it shows of
// signals and in-process work.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IPSH, run } from "../helpers/shells.ts";
import { normalise } from "./trace-normalize.ts";

function ipsh(script: string, args: string[] = []): { out: string; err: string; status: number | null } {
  const r = run([IPSH, ...args, "-c", script]);
  return { out: r.stdout, err: r.stderr, status: r.status };
}

/** The trace lines of stderr, normalised. */
function trace(err: string): string {
  return normalise(
    err
      .split("\n")
      .filter((l) => l.startsWith("[explain] "))
      .join("\n"),
  );
}

describe("set -o explain", () => {
  it("traces an external pipeline: pipe2, spawns with their dup2 actions, closes, waits", () => {
    const r = ipsh("set -o explain; /bin/echo b >/dev/null | sort | head -n 1");
    expect(r.status).toBe(0);
    expect(trace(r.err)).toMatchInlineSnapshot(`
      "[explain] pipe2(O_CLOEXEC) = [F1, F2]   read end F1, write end F2
      [explain] open("/dev/null", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = F3
      [explain] fd table: shell fd 1 -> OS fd F3 (file /dev/null) (no dup2 in the shell: a child gets it as a file action)
      [explain] posix_spawn(/bin/echo) = pid P1  pgid P2 (the shell's group)  actions: dup2(0, 0) dup2(F3, 1) dup2(2, 2) closefrom(3)
      [explain]   execve("/bin/echo", ["/bin/echo", "b"])   in child P1
      [explain] close(F3)
      [explain] close(F2)
      [explain] pipe2(O_CLOEXEC) = [F2, F3]   read end F2, write end F3
      [explain] posix_spawn(/usr/bin/sort) = pid P3  pgid P2 (the shell's group)  actions: dup2(F1, 0) dup2(F3, 1) dup2(2, 2) closefrom(3)
      [explain]   execve("/usr/bin/sort", ["sort"])   in child P3
      [explain] close(F1)
      [explain] close(F3)
      [explain] posix_spawn(/usr/bin/head) = pid P4  pgid P2 (the shell's group)  actions: dup2(F2, 0) dup2(1, 1) dup2(2, 2) closefrom(3)
      [explain]   execve("/usr/bin/head", ["head", "-n", "1"])   in child P4
      [explain] close(F2)
      [explain] waitpid(P1) = exited 0
      [explain] waitpid(P3) = exited 0
      [explain] waitpid(P4) = exited 0"
    `);
  });

  it("decodes a death by SIGPIPE into status 141", () => {
    const r = ipsh("set -o explain; yes | head -n 1; echo ${PIPESTATUS[@]}");
    expect(r.out).toBe("y\n141 0\n");
    expect(trace(r.err)).toMatch(/^\[explain\] waitpid\(P\d\) = killed by SIGPIPE \(13\) = status 141$/m);
  });

  it("marks in-process stages, subshells and command substitutions (no fork)", () => {
    const r = ipsh("set -o explain; echo hi | cat; (true); x=$(echo y)");
    const t = trace(r.err);
    expect(t).toContain("[explain] in-process (no fork): pipeline stage starts, subshell level 1");
    expect(t).toContain("[explain] in-process (no fork): pipeline stage ends, status 0");
    expect(t).toContain("[explain] in-process (no fork): ( ... ) subshell starts, subshell level 1");
    expect(t).toMatch(/memfd_create\("command substitution"\) = F\d+\n\[explain\] in-process \(no fork\): \$\( \.\.\. \) command substitution starts/);
  });

  it("shows a trap running and a signal the shell received", () => {
    const r = ipsh("trap 'echo got' USR1; set -o explain; kill -USR1 $$; true");
    expect(r.out).toBe("got\n");
    const t = trace(r.err);
    expect(t).toContain("[explain] kill(P1, SIGUSR1 (10))");
    expect(t).toContain("[explain] signal SIGUSR1 (10) received: trap action queued (runs at the next safe point)");
    expect(t).toContain("[explain] trap on USR1 runs: echo got");
  });

  it("set +o explain detaches the listener; the option is listed by set -o", () => {
    const r = ipsh("set -o explain; /bin/true; set +o explain; /bin/echo quiet; set -o | grep explain");
    expect(r.out).toBe("quiet\nexplain        \toff\n");
    expect(r.err).toContain('execve("/bin/true"');
    expect(r.err).not.toContain("/bin/echo");
  });

  it("turned on in a subshell, the trace ends with the subshell", () => {
    const r = ipsh("(set -o explain; /bin/true); /bin/echo after");
    expect(r.out).toBe("after\n");
    expect(r.err).toContain('execve("/bin/true"');
    expect(r.err).toContain("( ... ) subshell ends, status 0");
    expect(r.err).not.toContain("/bin/echo");
  });

  it("ipsh -o explain traces from the start; stderr redirections of commands do not capture it", () => {
    const r = ipsh("ls /nonexistent 2>/dev/null; exit 0", ["-o", "explain"]);
    expect(r.status).toBe(0);
    expect(trace(r.err)).toMatch(/posix_spawn\(\/usr\/bin\/ls\) = pid P1 .* actions: dup2\(0, 0\) dup2\(1, 1\) dup2\(F1, 2\) closefrom\(3\)/);
    expect(r.err).toMatch(/waitpid\(\d+\) = exited 2/);
  });

  it("IPSH_EXPLAIN_FILE sends the trace to a file, appending", () => {
    const f = join(mkdtempSync(join(tmpdir(), "ipsh-ex-")), "trace");
    const r = ipsh(`IPSH_EXPLAIN_FILE='${f}'; set -o explain; /bin/true; /bin/true`);
    expect(r.err).toBe("");
    const lines = readFileSync(f, "utf8").split("\n").filter(Boolean);
    expect(lines.filter((l) => l.startsWith("[explain] posix_spawn(/bin/true)")).length).toBe(2);
  });
});
