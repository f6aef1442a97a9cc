// The kill builtin against bash 5.2: -l/-L listings and conversions, option forms, error
// messages and statuses; real signals only go to processes this test spawned.
import { describe, expect, test } from "vitest";
import { killBuiltin, runKill, type KillSys } from "../../builtins/kill.ts";
import { bash, bashErrAsIpsh, makeCtx, runBuiltin } from "../signals/fake-ctx.ts";

function sh(posix = false, jobs?: { resolve(spec: string): unknown }) {
  return { opts: { posix }, jobs };
}

/** A pid that certainly belonged to a process that is gone (spawned and reaped). */
function deadPid(): number {
  const p = Bun.spawnSync(["/bin/true"]);
  return p.pid;
}

/** Compare `kill ARGS` in ipsh and bash (output, error text, status). */
function same(args: string[], posix = false) {
  const r = runBuiltin(killBuiltin, args, sh(posix));
  const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  const b = Bun.spawnSync(["/usr/bin/bash", ...(posix ? ["--posix"] : []), "-c", `kill ${quoted}; echo "st=$?" >&2`], {
    stdout: "pipe",
    stderr: "pipe",
  });
  const berr = bashErrAsIpsh(b.stderr.toString());
  const m = /st=(\d+)\n$/.exec(berr)!;
  expect(r.out).toBe(b.stdout.toString());
  expect(r.err).toBe(berr.slice(0, m.index));
  expect(r.status).toBe(Number(m[1]));
}

class Recorder implements KillSys {
  calls: [number, number][] = [];
  constructor(private result = 0) {}
  kill(pid: number, sig: number) {
    this.calls.push([pid, sig]);
    return this.result;
  }
}

function record(args: string[], s: object = sh(), result = 0) {
  const rec = new Recorder(result);
  const ctx = makeCtx("kill", args, s);
  const status = runKill(ctx, rec);
  return { status, out: ctx.o, err: ctx.e, calls: rec.calls };
}

describe("kill -l vs bash", () => {
  test("the table, -L, POSIX mode", () => {
    same(["-l"]);
    same(["-L"]);
    same(["-l"], true);
  });
  test("conversions: numbers, statuses above 128, names, pseudo-signals", () => {
    same(["-l", "130"]);
    same(["-l", "15", "9", "2"]);
    same(["-l", "INT", "sigterm", "Kill"]);
    same(["-l", "0", "EXIT", "ERR", "DEBUG", "RETURN"]);
    same(["-l", "129", "192", "64", "34", "rtmin+3", "RTMIN+16"]);
    same(["-L", "9"]);
  });
  test("invalid conversions are errors but the rest are printed", () => {
    same(["-l", "2", "FOO", "3"]);
    same(["-l", "128", "193", "65", "200", "271"]);
    same(["-l", "0x2", "3x", "SIGEXIT", "IOT"]);
    same(["-l", "2", "--", "3"]);
  });
  test("32 and 33 print nothing", () => {
    same(["-l", "32", "33"]);
  });
  test("-l followed by -SIG still lists", () => {
    same(["-l", "-1"]);
    same(["-s", "INT", "-l"]);
  });
});

describe("kill errors vs bash", () => {
  test("usage", () => {
    same([]);
    same(["-9"]);
    same(["-s", "INT"]);
  });
  test("missing option arguments and invalid signals", () => {
    same(["-s"]);
    same(["-n"]);
    same(["-l", "-s"]);
    same(["-s", "FOO", "1"]);
    same(["-n", "99", "1"]);
    same(["-FOO", "1"]);
    same(["-x", "1"]);
    same(["-", "1"]);
    same(["-ns", "1"]);
  });
  test("no such process, bad operands, no such job", () => {
    const dead = String(deadPid());
    same([dead]);
    same(["-0", dead]);
    same(["--", `-${dead}`]);
    same(["-s", "sigint", dead]);
    same(["-sINT", dead]);
    // bash reads -sigusr1 as -s igusr1: an invalid signal.
    same(["-sigusr1", dead]);
    same(["foo"]);
    same(["1.5"]);
    same(["%5"]);
    same(["%"]);
    same(["foo", dead]);
  });
});

describe("kill sends", () => {
  test("default TERM; -s, -n, -SIG, attached -sNAME / -nNUM, -- before negative pids", () => {
    expect(record(["123"]).calls).toEqual([[123, 15]]);
    expect(record(["-s", "HUP", "123"]).calls).toEqual([[123, 1]]);
    expect(record(["-n", "9", "123"]).calls).toEqual([[123, 9]]);
    expect(record(["-KILL", "1", "2"]).calls).toEqual([[1, 9], [2, 9]]);
    expect(record(["-SIGusr1", "5"]).calls).toEqual([[5, 10]]);
    expect(record(["-sUSR2", "5"]).calls).toEqual([[5, 12]]);
    expect(record(["-n10", "5"]).calls).toEqual([[5, 10]]);
    expect(record(["--", "-42"]).calls).toEqual([[-42, 15]]);
    expect(record(["-0", "7"]).calls).toEqual([[7, 0]]);
    expect(record(["-s", "EXIT", "7"]).calls).toEqual([[7, 0]]);
    expect(record(["-s", "RTMIN+1", " 7"]).calls).toEqual([[7, 35]]);
  });
  test("only the first signal option counts; later -N operands are process groups", () => {
    const r = record(["-USR1", "-USR2", "5"]);
    expect(r.calls).toEqual([[5, 10]]);
    expect(r.err).toBe("ipsh: kill: -USR2: arguments must be process or job IDs\n");
    expect(record(["-n", "10", "-12"]).calls).toEqual([[-12, 10]]);
    expect(record(["-sUSR1", "-12"]).calls).toEqual([[-12, 10]]);
    expect(record(["-USR1", "-s", "USR2", "5"]).calls).toEqual([[5, 12]]);
    same(["-?"]);
  });
  test("status 0 when any signal was sent (bash's any_succeeded)", () => {
    const r = record(["1", "foo"]);
    expect(r.status).toBe(0);
    expect(r.err).toBe("ipsh: kill: foo: arguments must be process or job IDs\n");
    const failing = record(["5"], sh(), 3);
    expect(failing).toMatchObject({ status: 1, err: "ipsh: kill: (5) - No such process\n" });
    const eperm = record(["5"], sh(), 1);
    expect(eperm.err).toBe("ipsh: kill: (5) - Operation not permitted\n");
  });
  test("pseudo-signals other than EXIT are invalid for sending", () => {
    const r = record(["-s", "ERR", "5"]);
    expect(r).toMatchObject({ status: 1, calls: [], err: "ipsh: kill: ERR: invalid signal specification\n" });
  });
  test("jobs: the process group when there is one, else each process", () => {
    const jobs = {
      resolve(spec: string) {
        if (spec === "%1") return { pgid: 300, pids: [300, 301] };
        if (spec === "%2") return { pgid: 0, pids: [400, 401] };
        if (spec === "%4") return { error: "%4: ambiguous job spec" };
        return { error: "no such job" };
      },
    };
    expect(record(["-INT", "%1"], sh(false, jobs)).calls).toEqual([[-300, 2]]);
    expect(record(["%2"], sh(false, jobs)).calls).toEqual([[400, 15], [401, 15]]);
    expect(record(["%3"], sh(false, jobs)).err).toBe("ipsh: kill: %3: no such job\n");
    expect(record(["%4"], sh(false, jobs)).err).toBe("ipsh: kill: %4: ambiguous job spec\n");
  });
  test("a real process dies of the signal sent", async () => {
    const p = Bun.spawn(["sleep", "10"]);
    const r = runBuiltin(killBuiltin, ["-USR1", String(p.pid)], sh());
    expect(r.status).toBe(0);
    await p.exited;
    expect(p.signalCode).toBe("SIGUSR1");
  });
});

describe("kill to the shell itself", () => {
  test("a trapped signal is pending when kill returns (bash runs the trap before the next command)", async () => {
    const { processDispositions } = await import("../../src/signals/process-dispositions.ts");
    const { runGen } = await import("../../src/exec/gen.ts");
    const d = processDispositions();
    d.setUserTrap(12, "action");
    try {
      const ctx = makeCtx("kill", ["-USR2", String(process.pid)], sh());
      const r = killBuiltin.run(ctx);
      const status = typeof r === "number" ? r : await runGen(r);
      expect(status).toBe(0);
      expect(d.pendingSignals()).toContain(12);
    } finally {
      d.setUserTrap(12, "none");
    }
  });
});
