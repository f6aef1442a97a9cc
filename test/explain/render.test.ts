// The text of each trace event: the golden lines `set -o explain` prints, from fixed events.
import { describe, expect, it } from "vitest";
import { describeStatus, renderEvent, signalLabel } from "../../src/explain/render.ts";
import { traceLines } from "../../src/explain/live.ts";
import { decodeStatus } from "../../src/exec/wait-status.ts";

describe("trace event text", () => {
  it("pipe2 shows both ends", () => {
    expect(renderEvent({ kind: "pipe", read: 3, write: 4 }, 1)).toBe("pipe2(O_CLOEXEC) = [3, 4]   read end 3, write end 4");
  });
  it("a spawn shows pid, group, ordered file actions and the execve line", () => {
    const e = { kind: "spawn" as const, path: "/usr/bin/cat", argv: ["cat", "-n"], pid: 1234, pgroup: 0, foreground: 10, actions: [{ op: "dup2" as const, from: 3, to: 0 }, { op: "close" as const, fd: 2 }, { op: "chdir" as const, path: "/tmp" }], closeFrom: 3 };
    expect(renderEvent(e, 77)).toBe(
      "posix_spawn(/usr/bin/cat) = pid 1234  pgid 1234 (new group)  actions: tcsetpgrp(10, own group) dup2(3, 0) close(2) chdir(/tmp) closefrom(3)\n" +
        '  execve("/usr/bin/cat", ["cat", "-n"])   in child 1234',
    );
    expect(renderEvent({ ...e, pgroup: 999, foreground: undefined }, 77)).toMatch(/^posix_spawn\(\/usr\/bin\/cat\) = pid 1234  pgid 999 \(joins the job's group\)  actions: dup2/);
    expect(renderEvent({ ...e, pgroup: undefined, foreground: undefined }, 77)).toMatch(/pgid 77 \(the shell's group\)/);
  });
  it("a failed spawn shows the errno", () => {
    expect(renderEvent({ kind: "spawn", path: "/x", argv: ["x"], errno: 2, actions: [] }, 1)).toBe("posix_spawn(/x) = -1 ENOENT (No such file or directory)");
  });
  it("open shows the flags the shell really used, with O_CLOEXEC", () => {
    expect(renderEvent({ kind: "open", path: "out", flags: 0o1101, fd: 5 }, 1)).toBe('open("out", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = 5');
    expect(renderEvent({ kind: "open", path: "in", flags: 0, fd: -1, errno: 2 }, 1)).toBe('open("in", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)');
  });
  it("waitpid statuses are decoded with the signal table", () => {
    expect(renderEvent({ kind: "wait", pid: 9, status: decodeStatus(0) }, 1)).toBe("waitpid(9) = exited 0");
    expect(renderEvent({ kind: "wait", pid: 9, status: decodeStatus(13) }, 1)).toBe("waitpid(9) = killed by SIGPIPE (13) = status 141");
    expect(renderEvent({ kind: "wait", pid: 9, status: decodeStatus(0x147f) }, 1)).toBe("waitpid(9) = stopped by SIGTSTP (20) = status 148");
    expect(describeStatus(decodeStatus(0x86))).toBe("killed by SIGABRT (6) (core dumped) = status 134");
    expect(describeStatus(decodeStatus(0xffff))).toBe("continued");
    expect(signalLabel(40)).toBe("SIGRTMIN+6 (40)");
  });
  it("terminal, groups, signals, in-process work and traps", () => {
    expect(renderEvent({ kind: "tcsetpgrp", fd: 10, pgid: 1234 }, 1)).toBe("tcsetpgrp(10, 1234)   the terminal's foreground group is now 1234");
    expect(renderEvent({ kind: "setpgid", pid: 5, pgid: 5 }, 1)).toBe("setpgid(5, 5)");
    expect(renderEvent({ kind: "kill", target: 5, group: true, signal: 18 }, 1)).toBe("killpg(5, SIGCONT (18))");
    expect(renderEvent({ kind: "kill", target: -5, group: true, signal: 15 }, 1)).toBe("kill(-5, SIGTERM (15))");
    expect(renderEvent({ kind: "signal", signal: 2, action: "trap" }, 1)).toBe("signal SIGINT (2) received: trap action queued (runs at the next safe point)");
    expect(renderEvent({ kind: "signal", signal: 17, action: "listener" }, 1)).toBe("signal SIGCHLD (17) received: handled by the shell itself (a child changed state: the shell collects its status (waitpid))");
    expect(renderEvent({ kind: "signal", signal: 10, action: "listener" }, 1)).toBe("signal SIGUSR1 (10) received: handled by the shell itself");
    expect(renderEvent({ kind: "inproc", what: "cmdsub", phase: "start", level: 1 }, 1)).toBe("in-process (no fork): $( ... ) command substitution starts, subshell level 1");
    expect(renderEvent({ kind: "inproc", what: "stage", phase: "end", status: 3, level: 1 }, 1)).toBe("in-process (no fork): pipeline stage ends, status 3");
    expect(renderEvent({ kind: "trap", condition: "EXIT", action: "echo bye" }, 1)).toBe("trap on EXIT runs: echo bye");
    expect(renderEvent({ kind: "memfd", purpose: "here-document", fd: 6 }, 1)).toBe('memfd_create("here-document") = 6');
    expect(renderEvent({ kind: "close", fd: 6 }, 1)).toBe("close(6)");
    expect(renderEvent({ kind: "fdmap", shellFd: 2, osFd: undefined, label: "closed" }, 1)).toMatch(/^fd table: shell fd 2 closed/);
  });
  it("every line of a multi-line event carries the prefix", () => {
    const t = traceLines({ kind: "spawn", path: "/bin/true", argv: ["true"], pid: 3, actions: [], closeFrom: 3 }, 1);
    expect(t.split("\n").filter(Boolean).every((l) => l.startsWith("[explain] "))).toBe(true);
    expect(t.endsWith("\n")).toBe(true);
  });
});
