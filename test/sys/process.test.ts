// Process-level wrappers: ids, groups, kill, umask, signal dispositions through libc, the exec
// builtin's execReplace, users, resource limits, CPU times, uname.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ESRCH, ENOTTY } from "../../src/sys/errno.ts";
import { closeFd, pipe } from "../../src/sys/fd.ts";
import * as P from "../../src/sys/proc.ts";
import { cpuTimes, getRlimit, RLIM_INFINITY, RLIMIT_CORE, RLIMIT_NOFILE, RUSAGE_CHILDREN, RUSAGE_SELF, setRlimit } from "../../src/sys/resources.ts";
import { defaultSignal, getDisposition, ignoreSignal, restoreDisposition, saveDisposition, SIG_BLOCK, SIG_SETMASK, sigismember, sigprocmask, sigset } from "../../src/sys/sigaction.ts";
import { uname } from "../../src/sys/uname.ts";
import { homeOf, userById, userByName } from "../../src/sys/users.ts";

describe("process identity and groups", () => {
  it("matches what node reports", () => {
    expect(P.getPid()).toBe(process.pid);
    expect(P.getPpid()).toBe(process.ppid);
    expect(P.getUid()).toBe(process.getuid!());
    expect(P.getEgid()).toBe(process.getegid!());
    // Fields 6 and 5 of /proc/self/stat (after the parenthesised name) are the session and the
    // process group. The session id can be 0 when the session leader lives in another pid namespace
    // (CI containers), so compare with the kernel's own view rather than assume a positive id.
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    expect(P.getSid()).toBe(Number(fields[3]));
    expect(P.getPgrp()).toBe(Number(fields[2]));
  });

  it("kill with signal 0 probes existence; ESRCH for a dead pid", () => {
    expect(P.kill(process.pid, 0)).toBe(0);
    expect(P.kill(0x3ffffff, 0)).toBe(-ESRCH);
    expect(P.killPg(0x3ffffff, 0)).toBe(-ESRCH);
  });

  it("tcgetpgrp fails with ENOTTY on a pipe", () => {
    const p = pipe() as [number, number];
    expect(P.tcGetPgrp(p[0])).toBe(-ENOTTY);
    closeFd(p[0]);
    closeFd(p[1]);
  });

  it("umask reads back what was set", () => {
    const old = P.setUmask(0o027);
    try {
      expect(P.getUmask()).toBe(0o027);
      expect(P.getUmask()).toBe(0o027); // reading does not change it
    } finally {
      P.setUmask(old);
    }
  });
});

describe("signal dispositions", () => {
  it("ignores and resets a signal for real, and restores a saved disposition", () => {
    const saved = saveDisposition(10);
    if (typeof saved === "number") throw new Error(String(saved));
    try {
      expect(ignoreSignal(10)).toBe(0);
      expect(getDisposition(10)).toBe("ignore");
      const status = require("node:fs").readFileSync("/proc/self/status", "utf8") as string;
      const ign = BigInt("0x" + /SigIgn:\s*([0-9a-f]+)/.exec(status)![1]);
      expect(ign & (1n << 9n)).not.toBe(0n);
      expect(defaultSignal(10)).toBe(0);
      expect(getDisposition(10)).toBe("default");
    } finally {
      restoreDisposition(10, saved);
    }
  });

  it("sees Bun's own ignore of SIGPIPE and a JS listener as a handler", () => {
    expect(getDisposition(13)).toBe("ignore");
    const h = () => {};
    process.on("SIGUSR2", h);
    try {
      expect(getDisposition(12)).toBe("handler");
    } finally {
      process.off("SIGUSR2", h);
    }
  });

  it("sigprocmask blocks and restores", () => {
    const old = sigprocmask(SIG_BLOCK, sigset([10]));
    if (typeof old === "number") throw new Error(String(old));
    try {
      const cur = sigprocmask(SIG_BLOCK, sigset([]));
      expect(sigismember(cur as Uint8Array, 10)).toBe(true);
    } finally {
      sigprocmask(SIG_SETMASK, old);
    }
    expect(sigismember(sigprocmask(SIG_BLOCK, sigset([])) as Uint8Array, 10)).toBe(false);
  });

  it("execReplace restores dispositions on failure and resets them in the new image", () => {
    const r = spawnSync(process.execPath, [join(import.meta.dirname, "fixtures/exec-replace.ts")], { encoding: "utf8" });
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("failed errno=2 pipe=ignore usr1=ignore usr2=ignore");
    const ign = BigInt("0x" + lines[1]!.split(/\s+/)[1]);
    expect(ign & (1n << 12n)).toBe(0n); // SIGPIPE default
    expect(ign & (1n << 24n)).toBe(0n); // SIGXFSZ default
    expect(ign & (1n << 9n)).toBe(0n); // SIGUSR1 listed: default
    expect(ign & (1n << 11n)).not.toBe(0n); // SIGUSR2 ignored by the "user": stays ignored
  });
});

describe("users, limits, times, uname", () => {
  it("looks up users as getent does", () => {
    const uid = process.getuid!();
    // getent passwd <uid> -> name:x:uid:gid:gecos:home:shell
    const f = spawnSync("getent", ["passwd", String(uid)], { encoding: "utf8" }).stdout.trim().split(":");
    expect(userById(uid)).toEqual({ name: f[0], uid, gid: Number(f[3]), home: f[5], shell: f[6] });
    expect(homeOf(f[0]!)).toBe(f[5]);
    expect(userByName("root")).toMatchObject({ uid: 0, gid: 0, home: "/root" });
    expect(userByName("no-such-user-ipsh")).toBeUndefined();
  });

  it("reads and sets resource limits", () => {
    const nofile = getRlimit(RLIMIT_NOFILE);
    if (typeof nofile === "number") throw new Error(String(nofile));
    expect(nofile.soft).toBeGreaterThan(0n);
    const core = getRlimit(RLIMIT_CORE);
    if (typeof core === "number") throw new Error(String(core));
    try {
      expect(setRlimit(RLIMIT_CORE, { soft: 0n, hard: core.hard })).toBe(0);
      expect(getRlimit(RLIMIT_CORE)).toEqual({ soft: 0n, hard: core.hard });
      expect(setRlimit(RLIMIT_CORE, { soft: RLIM_INFINITY, hard: 0n })).toBe(-22); // soft > hard
    } finally {
      setRlimit(RLIMIT_CORE, core);
    }
  });

  it("reports CPU times that grow with work", () => {
    const a = cpuTimes(RUSAGE_SELF);
    if (typeof a === "number") throw new Error(String(a));
    let x = 0;
    const end = performance.now() + 30;
    while (performance.now() < end) x += Math.sqrt(x + 1);
    const b = cpuTimes(RUSAGE_SELF) as { user: number; system: number };
    expect(b.user + b.system).toBeGreaterThan(a.user + a.system);
    expect(typeof (cpuTimes(RUSAGE_CHILDREN) as { user: number }).user).toBe("number");
  });

  it("uname agrees with the system", () => {
    const u = uname();
    if (typeof u === "number") throw new Error(String(u));
    expect(u.sysname).toBe("Linux");
    expect(u.nodename).toBe(hostname());
    expect(u.machine).toBe(spawnSync("uname", ["-m"], { encoding: "utf8" }).stdout.trim());
  });
});
