// What the spawn layer guarantees to the executor: ordered child actions, process groups,
// SIGPIPE at default in children, no descriptor leaks, synchronous errors, and bash's
// command-search statuses. Everything runs real processes (no mocks).
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noExecKind, resolveCommand, spawn, spawnFailure, type FileAction, type SpawnRequest } from "../../src/exec/spawn.ts";
import { decodeStatus, shellStatus, waitPid, waitReady, WCONTINUED, WNOHANG, WUNTRACED, type WaitStatus } from "../../src/exec/wait-status.ts";
import { EACCES, ENOENT, ENOEXEC } from "../../src/sys/errno.ts";
import { closeFd, openFile, O_CLOEXEC, O_CREAT, O_TRUNC, O_WRONLY, pipe, readChunk } from "../../src/sys/fd.ts";
import { libc } from "../../src/sys/libc.ts";

const ENV = Object.entries(process.env).map(([k, v]) => `${k}=${v}`);
const NO_SIGS: number[] = [];

function req(path: string, argv: string[], extra: Partial<SpawnRequest> = {}): SpawnRequest {
  return { path, argv, envp: ENV, actions: [], sigDefault: NO_SIGS, ...extra };
}

function mustSpawn(r: SpawnRequest): number {
  const res = spawn(r);
  if (!("pid" in res)) throw new Error(`spawn ${r.path} failed: errno ${res.errno}`);
  return res.pid;
}

function waitDone(pid: number): WaitStatus {
  const r = waitPid(pid, 0);
  if (r === null || "errno" in r) throw new Error(`waitpid ${pid}: ${JSON.stringify(r)}`);
  return r.status;
}

function mustPipe(): [number, number] {
  const p = pipe();
  if (typeof p === "number") throw new Error(`pipe: ${p}`);
  return p;
}

/** Read everything from fd until EOF, then close it. */
function drain(fd: number): string {
  const buf = new Uint8Array(65536);
  let out = "";
  const dec = new TextDecoder();
  for (;;) {
    const n = readChunk(fd, buf);
    if (n <= 0) break;
    out += dec.decode(buf.subarray(0, n), { stream: true });
  }
  closeFd(fd);
  return out;
}

/** Run argv with stdout captured through a pipe; returns [output, status]. */
function capture(path: string, argv: string[], extra: Partial<SpawnRequest> = {}): [string, WaitStatus] {
  const [r, w] = mustPipe();
  const actions: FileAction[] = [...(extra.actions ?? []), { op: "dup2", from: w, to: 1 }];
  const pid = mustSpawn(req(path, argv, { ...extra, actions }));
  closeFd(w);
  const out = drain(r);
  return [out, waitDone(pid)];
}

let dir: string;
beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "ipsh-spawn-")));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("spawn", () => {
  it("runs a program with argv and envp and reports its exit code", () => {
    const [out, st] = capture("/bin/sh", ["sh", "-c", 'printf "%s|%s|%s" "$0" "$1" "$FOO"; exit 7', "zero", "one"], {
      envp: ["FOO=bar baz", "PATH=/usr/bin:/bin"],
    });
    expect(out).toBe("zero|one|bar baz");
    expect(st).toEqual({ kind: "exited", code: 7 });
  });

  it("reuses the cached envp vector for the same array and sees a new array's contents", () => {
    const env1 = ["X=1"];
    const env2 = ["X=2"];
    expect(capture("/bin/sh", ["sh", "-c", "echo $X"], { envp: env1 })[0]).toBe("1\n");
    expect(capture("/bin/sh", ["sh", "-c", "echo $X"], { envp: env1 })[0]).toBe("1\n");
    expect(capture("/bin/sh", ["sh", "-c", "echo $X"], { envp: env2 })[0]).toBe("2\n");
  });

  it("keeps argv/envp pointers valid under GC churn (buffers live until the call returns)", () => {
    const env = ["A=" + "a".repeat(1000), "B=b"];
    for (let i = 0; i < 30; i++) {
      const args = Array.from({ length: 40 }, (_, k) => `arg${i}-${k}-${"z".repeat(k)}`);
      Bun.gc(true);
      const [out] = capture("/bin/sh", ["sh", "-c", 'printf "%s\\n" "$@" "$B" "${#A}"', "sh", ...args], { envp: env });
      // Garbage between spawns must not disturb the cached env vector or the fresh argv.
      const junk = Array.from({ length: 2000 }, (_, k) => new Uint8Array(64 + k));
      expect(junk.length).toBe(2000);
      expect(out).toBe([...args, "b", "1000"].join("\n") + "\n");
    }
  });

  it("passes non-ASCII arguments intact", () => {
    expect(capture("/bin/echo", ["echo", "héllo wörld €"])[0]).toBe("héllo wörld €\n");
  });

  it("returns ENOENT and EACCES synchronously", () => {
    expect(spawn(req(join(dir, "missing"), ["missing"]))).toEqual({ errno: ENOENT });
    const noexec = join(dir, "noexec");
    writeFileSync(noexec, "#!/bin/sh\necho hi\n");
    chmodSync(noexec, 0o644);
    expect(spawn(req(noexec, ["noexec"]))).toEqual({ errno: EACCES });
    expect(spawn(req(dir, ["dir"]))).toEqual({ errno: EACCES });
  });

  it("returns ENOEXEC for an executable script without #! (the shell runs those itself)", () => {
    const script = join(dir, "noshebang");
    writeFileSync(script, "echo from script\n");
    chmodSync(script, 0o755);
    expect(spawn(req(script, ["noshebang"]))).toEqual({ errno: ENOEXEC });
  });

  it("applies file actions in order: open target, dup2 1->2 sends stderr to the same file", () => {
    const out = join(dir, "both.txt");
    const fd = openFile(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644);
    expect(fd).toBeGreaterThanOrEqual(0);
    const pid = mustSpawn(
      req("/bin/sh", ["sh", "-c", "echo out; echo err >&2"], {
        actions: [
          { op: "dup2", from: fd, to: 1 },
          { op: "dup2", from: 1, to: 2 },
        ],
      }),
    );
    closeFd(fd);
    expect(waitDone(pid)).toEqual({ kind: "exited", code: 0 });
    expect(readFileSync(out, "utf8")).toBe("out\nerr\n");
  });

  it("closes an fd with a close action (the child sees EBADF)", () => {
    const [out] = capture("/bin/sh", ["sh", "-c", "echo x >&1 && echo still-open; echo y 2>/dev/null >&0 || echo closed0"], {
      actions: [{ op: "close", fd: 0 }],
    });
    expect(out).toContain("closed0");
  });

  it("changes the child's directory with a chdir action, absolute and relative", () => {
    mkdirSync(join(dir, "sub"), { recursive: true });
    expect(capture("/bin/pwd", ["pwd"], { actions: [{ op: "chdir", path: join(dir, "sub") }] })[0]).toBe(
      join(dir, "sub") + "\n",
    );
    // A relative chdir is relative to the process cwd; chain two to show they compose in order.
    expect(
      capture("/bin/pwd", ["pwd"], {
        actions: [
          { op: "chdir", path: dir },
          { op: "chdir", path: "sub" },
        ],
      })[0],
    ).toBe(join(dir, "sub") + "\n");
  });

  it("fails with ENOENT when a chdir action's directory does not exist", () => {
    expect(spawn(req("/bin/true", ["true"], { actions: [{ op: "chdir", path: join(dir, "nope") }] }))).toEqual({
      errno: ENOENT,
    });
  });

  it("leaks no descriptor of the shell: the child's fd directory shows only 0, 1, 2", () => {
    // Inheritable fds of our own (no O_CLOEXEC), also one moved high up, would leak without
    // closefrom; the parent inspects /proc/<child>/fd while the child sleeps.
    const leaky = pipe(0);
    if (typeof leaky === "number") throw new Error("pipe");
    const high = libc().dup2(leaky[0], 60);
    expect(high).toBe(60);
    const pid = mustSpawn(req("/bin/sleep", ["sleep", "5"]));
    try {
      // the child's dynamic loader briefly holds the libraries it maps (fd 3 for a moment on a
      // loaded machine): a leaked fd stays, so look until the directory shows 0, 1, 2 or time is up
      let fds: string[] = [];
      for (let i = 0; i < 100; i++) {
        fds = readdirSync(`/proc/${pid}/fd`).sort();
        if (fds.length === 3) break;
        Bun.sleepSync(10);
      }
      expect(fds).toEqual(["0", "1", "2"]);
    } finally {
      libc().kill(pid, 9);
      waitDone(pid);
      closeFd(leaky[0]);
      closeFd(leaky[1]);
      closeFd(60);
    }
  });

  it("keeps a user fd passed with dup2(fd, fd) and closes the rest", () => {
    const f = join(dir, "fd4.txt");
    const fd = openFile(f, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644);
    const pid = mustSpawn(
      req("/bin/sh", ["sh", "-c", "echo to-four >&4"], { actions: [{ op: "dup2", from: fd, to: 4 }] }),
    );
    closeFd(fd);
    expect(waitDone(pid)).toEqual({ kind: "exited", code: 0 });
    expect(readFileSync(f, "utf8")).toBe("to-four\n");
  });

  it("puts the child in a new process group (pgroup 0) and lets a second join it", () => {
    const [r, w] = mustPipe();
    const first = mustSpawn(req("/bin/sleep", ["sleep", "5"], { pgroup: 0 }));
    const second = mustSpawn(
      req("/bin/sh", ["sh", "-c", "ps -o pgid= -p $$"], { pgroup: first, actions: [{ op: "dup2", from: w, to: 1 }] }),
    );
    closeFd(w);
    const pgid = Number(drain(r).trim());
    expect(waitDone(second).kind).toBe("exited");
    expect(pgid).toBe(first);
    libc().kill(first, 15);
    expect(waitDone(first)).toEqual({ kind: "signaled", signal: 15, core: false });
  });

  it("stays in the shell's process group when pgroup is undefined", () => {
    const [out] = capture("/bin/sh", ["sh", "-c", "ps -o pgid= -p $$"]);
    expect(Number(out.trim())).toBe(libc().getpgrp());
  });

  it("resets SIGPIPE and SIGXFSZ to default in the child (Bun ignores them)", () => {
    const [out] = capture("/bin/grep", ["grep", "^SigIgn", "/proc/self/status"]);
    const mask = BigInt("0x" + out.trim().split(/\s+/)[1]);
    expect(mask & (1n << 12n)).toBe(0n); // SIGPIPE = 13
    expect(mask & (1n << 24n)).toBe(0n); // SIGXFSZ = 25
  });

  it("resets listed signals to default but leaves other ignored ones ignored (trap '')", () => {
    const C = libc();
    // SIGUSR1 (10) ignored "by the shell" -> listed in sigDefault; SIGUSR2 (12) ignored "by the
    // user" -> not listed, so the child must inherit SIG_IGN.
    const old10 = C.signal(10, 1);
    const old12 = C.signal(12, 1);
    try {
      const [out] = capture("/bin/grep", ["grep", "^SigIgn", "/proc/self/status"], { sigDefault: [10] });
      const mask = BigInt("0x" + out.trim().split(/\s+/)[1]);
      expect(mask & (1n << 9n)).toBe(0n);
      expect(mask & (1n << 11n)).not.toBe(0n);
    } finally {
      C.signal(10, old10);
      C.signal(12, old12);
    }
  });

  it("builds the default set from each request's contents (fresh arrays, cached sets)", () => {
    const C = libc();
    const old10 = C.signal(10, 1);
    const old12 = C.signal(12, 1);
    const ignored = (sigDefault: number[]) => {
      const [out] = capture("/bin/grep", ["grep", "^SigIgn", "/proc/self/status"], { sigDefault });
      const mask = BigInt("0x" + out.trim().split(/\s+/)[1]);
      return [10, 12].filter((s) => (mask & (1n << BigInt(s - 1))) !== 0n);
    };
    try {
      expect(ignored([10])).toEqual([12]);
      expect(ignored([12])).toEqual([10]);
      expect(ignored([10])).toEqual([12]);
      expect(ignored([10, 12])).toEqual([]);
      expect(ignored([])).toEqual([10, 12]);
    } finally {
      C.signal(10, old10);
      C.signal(12, old12);
    }
  });

  it("gives the child an empty signal mask", () => {
    const [out] = capture("/bin/grep", ["grep", "^SigBlk", "/proc/self/status"]);
    expect(BigInt("0x" + out.trim().split(/\s+/)[1])).toBe(0n);
  });

  it("reports a failed terminal hand-off synchronously (ENOTTY when ttyFd is not a terminal)", () => {
    const [r, w] = mustPipe();
    expect(spawn(req("/bin/true", ["true"], { pgroup: 0, foreground: { ttyFd: r } }))).toEqual({ errno: 25 });
    closeFd(r);
    closeFd(w);
  });

  it("rejects a foreground request without a process group", () => {
    expect(spawn(req("/bin/true", ["true"], { foreground: { ttyFd: 0 } }))).toEqual({ errno: 22 });
  });
});

describe("pipelines from pipe() + spawn()", () => {
  /** Spawn argvs as one pipeline in one process group; the parent closes its ends at once. */
  function pipeline(stages: string[][], lastOut?: number): { pids: number[]; pgid: number } {
    const pids: number[] = [];
    let pgid = 0;
    let prevRead = -1;
    for (let i = 0; i < stages.length; i++) {
      const last = i === stages.length - 1;
      const [r, w] = last ? [-1, -1] : mustPipe();
      const actions: FileAction[] = [];
      if (prevRead >= 0) actions.push({ op: "dup2", from: prevRead, to: 0 });
      if (!last) actions.push({ op: "dup2", from: w, to: 1 });
      else if (lastOut !== undefined) actions.push({ op: "dup2", from: lastOut, to: 1 });
      const argv = stages[i]!;
      const pid = mustSpawn(req(argv[0]!, argv, { actions, pgroup: pgid }));
      if (pgid === 0) pgid = pid;
      pids.push(pid);
      if (prevRead >= 0) closeFd(prevRead);
      if (!last) closeFd(w);
      prevRead = r;
    }
    return { pids, pgid };
  }

  it("yes | head -c 1000000 | cat | cat | wc -c counts 1000000 bytes", () => {
    const [r, w] = mustPipe();
    const { pids, pgid } = pipeline(
      [["/usr/bin/yes"], ["/usr/bin/head", "-c", "1000000"], ["/bin/cat"], ["/bin/cat"], ["/usr/bin/wc", "-c"]],
      w,
    );
    closeFd(w);
    const out = drain(r);
    const statuses = pids.map(waitDone);
    expect(out.trim()).toBe("1000000");
    expect(pgid).toBe(pids[0]);
    // yes dies of SIGPIPE once head has exited; the rest exit 0.
    expect(statuses[0]).toEqual({ kind: "signaled", signal: 13, core: false });
    expect(statuses.slice(1).map(shellStatus)).toEqual([0, 0, 0, 0]);
  });

  it("yes | head -1 ends at once with yes killed by SIGPIPE (status 141)", () => {
    const [r, w] = mustPipe();
    const t0 = performance.now();
    const { pids } = pipeline([["/usr/bin/yes"], ["/usr/bin/head", "-1"]], w);
    closeFd(w);
    expect(drain(r)).toBe("y\n");
    const st = pids.map(waitDone);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(shellStatus(st[0]!)).toBe(141);
    expect(shellStatus(st[1]!)).toBe(0);
  });
});

describe("wait statuses", () => {
  it("decodes raw words as the W* macros do", () => {
    expect(decodeStatus(0)).toEqual({ kind: "exited", code: 0 });
    expect(decodeStatus(3 << 8)).toEqual({ kind: "exited", code: 3 });
    expect(decodeStatus(4991)).toEqual({ kind: "stopped", signal: 19 });
    expect(decodeStatus(0xffff)).toEqual({ kind: "continued" });
    expect(decodeStatus(15)).toEqual({ kind: "signaled", signal: 15, core: false });
    expect(decodeStatus(0x80 | 11)).toEqual({ kind: "signaled", signal: 11, core: true });
    expect(shellStatus(decodeStatus(9))).toBe(137);
    expect(shellStatus(decodeStatus((20 << 8) | 0x7f))).toBe(148);
  });

  it("reports stop and continue of a child with WUNTRACED|WCONTINUED", () => {
    const C = libc();
    const pid = mustSpawn(req("/bin/sleep", ["sleep", "10"], { pgroup: 0 }));
    const opts = WUNTRACED | WCONTINUED;
    expect(waitPid(pid, WNOHANG | opts)).toBeNull();
    C.kill(pid, 19); // SIGSTOP
    expect(waitPid(pid, opts)).toEqual({ pid, status: { kind: "stopped", signal: 19 } });
    C.kill(pid, 18); // SIGCONT
    expect(waitPid(pid, opts)).toEqual({ pid, status: { kind: "continued" } });
    C.killpg(pid, 9);
    expect(waitPid(pid, opts)).toEqual({ pid, status: { kind: "signaled", signal: 9, core: false } });
    expect(waitPid(pid, 0)).toEqual({ errno: 10 }); // ECHILD: already reaped
  });

  it("waitReady collects every pending report of a group without blocking", async () => {
    const leader = mustSpawn(req("/bin/sh", ["sh", "-c", "exit 1"], { pgroup: 0 }));
    const kids = [leader];
    for (let i = 2; i <= 5; i++) kids.push(mustSpawn(req("/bin/sh", ["sh", "-c", `exit ${i}`], { pgroup: leader })));
    const seen = new Map<number, WaitStatus>();
    const deadline = Date.now() + 5000;
    while (seen.size < kids.length && Date.now() < deadline) {
      for (const r of waitReady(-leader, WUNTRACED | WCONTINUED)) seen.set(r.pid, r.status);
      await Bun.sleep(5);
    }
    expect(kids.map((k) => seen.get(k))).toEqual([1, 2, 3, 4, 5].map((code) => ({ kind: "exited", code })));
    expect(waitReady(-leader, 0)).toEqual([]);
  });

  it("waits for any member of a process group with -pgid", () => {
    const leader = mustSpawn(req("/bin/sh", ["sh", "-c", "exit 3"], { pgroup: 0 }));
    const member = mustSpawn(req("/bin/sh", ["sh", "-c", "exit 4"], { pgroup: leader }));
    const got = new Map<number, WaitStatus>();
    for (let i = 0; i < 2; i++) {
      const r = waitPid(-leader, 0);
      if (r === null || "errno" in r) throw new Error(JSON.stringify(r));
      got.set(r.pid, r.status);
    }
    expect(got.get(leader)).toEqual({ kind: "exited", code: 3 });
    expect(got.get(member)).toEqual({ kind: "exited", code: 4 });
    expect(waitPid(-leader, WNOHANG)).toEqual({ errno: 10 });
  });
});

describe("resolveCommand (bash's command search)", () => {
  let a: string, b: string, c: string;
  beforeAll(() => {
    a = join(dir, "a");
    b = join(dir, "b");
    c = join(dir, "c");
    mkdirSync(a, { recursive: true });
    mkdirSync(b, { recursive: true });
    mkdirSync(join(c, "foo"), { recursive: true });
    writeFileSync(join(a, "foo"), "#!/bin/sh\necho a\n");
    chmodSync(join(a, "foo"), 0o644);
    writeFileSync(join(b, "foo"), "#!/bin/sh\necho b\n");
    chmodSync(join(b, "foo"), 0o755);
  });

  it("finds the first executable in PATH order, skipping non-executables", () => {
    expect(resolveCommand("foo", `${a}:${b}`, "/")).toBe(join(b, "foo"));
    expect(resolveCommand("foo", `${b}:${a}`, "/")).toBe(join(b, "foo"));
  });

  it("126 Permission denied naming the full path when only a non-executable file exists", () => {
    expect(resolveCommand("foo", a, "/")).toEqual({ status: 126, message: "Permission denied", subject: join(a, "foo") });
  });

  it("127 command not found when nothing or a directory comes first", () => {
    expect(resolveCommand("foo", c, "/")).toEqual({ status: 127, message: "command not found", subject: "foo" });
    expect(resolveCommand("foo", `${c}:${a}`, "/")).toEqual({ status: 127, message: "command not found", subject: "foo" });
    expect(resolveCommand("nosuch", "/bin:/usr/bin", "/")).toMatchObject({ status: 127 });
    expect(resolveCommand("", "/bin", "/")).toMatchObject({ status: 127 });
  });

  it("an empty PATH entry means the current directory", () => {
    expect(resolveCommand("foo", `:${a}`, b)).toBe(join(b, "foo"));
    expect(resolveCommand("foo", `${a}:`, b)).toBe(join(b, "foo")); // a/foo not executable
  });

  it("PATH unset searches only the current directory", () => {
    expect(resolveCommand("foo", undefined, b)).toBe(join(b, "foo"));
    expect(resolveCommand("ls", undefined, b)).toEqual({ status: 127, message: "No such file or directory", subject: "ls" });
  });

  it("uses a name with a slash as is, relative to cwd, with bash's messages", () => {
    // Joined by concatenation (no normalisation), so the kernel resolves it as exec from cwd would.
    expect(resolveCommand("./foo", "/bin", b)).toBe(`${b}/./foo`);
    expect(resolveCommand("./nonexist", "/bin", b)).toEqual({ status: 127, message: "No such file or directory", subject: "./nonexist" });
    expect(resolveCommand("./c/foo", "/bin", dir)).toEqual({ status: 126, message: "Is a directory", subject: "./c/foo" });
    expect(resolveCommand("./a/foo", "/bin", dir)).toEqual({ status: 126, message: "Permission denied", subject: "./a/foo" });
    expect(resolveCommand("./a/foo/x", "/bin", dir)).toEqual({ status: 126, message: "Not a directory", subject: "./a/foo/x" });
    expect(resolveCommand("/bin/sh", "", "/nonexistent")).toBe("/bin/sh");
  });

  it("maps spawn errors to statuses as bash's exec does", () => {
    expect(spawnFailure(ENOENT, "x", "/x")).toEqual({ status: 127, message: "No such file or directory", subject: "x" });
    expect(spawnFailure(EACCES, "d", dir)).toEqual({ status: 126, message: "Is a directory", subject: "d" });
    expect(spawnFailure(EACCES, "f", join(a, "foo"))).toEqual({ status: 126, message: "Permission denied", subject: "f" });
    expect(spawnFailure(ENOEXEC, "f", join(a, "foo"))).toEqual({ status: 126, message: "cannot execute binary file: Exec format error", subject: "f" });
  });

  it("a script whose #! interpreter is missing: spawn says ENOENT, bash says 'required file not found'", () => {
    const bi = join(dir, "badinterp");
    writeFileSync(bi, "#!/nonexistent/interp -x\necho hi\n");
    chmodSync(bi, 0o755);
    expect(resolveCommand(bi, "", "/")).toBe(bi);
    const r = spawn(req(bi, ["badinterp"]));
    expect(r).toEqual({ errno: ENOENT });
    expect(spawnFailure(ENOENT, "./badinterp", bi)).toEqual({ status: 127, message: "cannot execute: required file not found", subject: "./badinterp" });
  });

  it("classifies ENOEXEC files as bash does: NUL before the first newline means binary", () => {
    const f = (name: string, body: string | Uint8Array) => { const p = join(dir, name); writeFileSync(p, body); return p; };
    expect(noExecKind(f("s1", "echo hi\n\0after newline"))).toBe("script");
    expect(noExecKind(f("s2", ""))).toBe("script");
    expect(noExecKind(f("b1", new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2])))).toBe("binary");
    expect(noExecKind(join(dir, "missing-file"))).toBe(-ENOENT);
  });
});
