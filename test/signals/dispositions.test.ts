// The disposition owner. Unit tests use a recording SignalSys; process tests run
// fixtures/disposition-child.ts in a separate Bun process and read the kernel's view from
// /proc/self/status (SigIgn / SigCgt), including what a posix_spawn child inherits.
import { describe, expect, test } from "vitest";
import { join } from "node:path";
import { Dispositions, trapRefusal, type SignalSys } from "../../src/signals/dispositions.ts";

class FakeSys implements SignalSys {
  log: string[] = [];
  ignore(sig: number) {
    this.log.push(`ign ${sig}`);
  }
  restoreOriginal(sig: number) {
    this.log.push(`orig ${sig}`);
  }
  saveOriginal(sig: number) {
    this.log.push(`save ${sig}`);
  }
  listen(sig: number) {
    this.log.push(`on ${sig}`);
  }
  unlisten(sig: number) {
    this.log.push(`off ${sig}`);
  }
  setDefault(sig: number) {
    this.log.push(`dfl ${sig}`);
  }
  snapshot(sig: number) {
    this.log.push(`snap ${sig}`);
    return sig;
  }
  restoreSnapshot(sig: number) {
    this.log.push(`back ${sig}`);
  }
}

describe("dispositions (unit)", () => {
  test("a removed listener is followed by the wanted SIG_IGN", () => {
    const sys = new FakeSys();
    const d = new Dispositions(sys, new Set());
    d.setJobControl(true); // TSTP TTIN TTOU ignored
    sys.log = [];
    d.setUserTrap(20, "action");
    d.setUserTrap(20, "none");
    expect(sys.log).toEqual(["on 20", "off 20", "ign 20"]);
  });
  test("the original is saved once, before the first change", () => {
    const sys = new FakeSys();
    const d = new Dispositions(sys, new Set());
    d.setUserTrap(10, "action");
    d.setUserTrap(10, "ignore");
    d.setUserTrap(10, "none");
    expect(sys.log).toEqual(["save 10", "on 10", "off 10", "ign 10", "orig 10"]);
  });
  test("CHLD is never ignored in the kernel (the reaper needs it); KILL, STOP, PWR untouched", () => {
    const sys = new FakeSys();
    const d = new Dispositions(sys, new Set());
    d.setUserTrap(17, "ignore");
    expect(d.kernelDisposition(17)).toBe("original");
    d.onSignal(17, () => {});
    expect(d.kernelDisposition(17)).toBe("catch");
    d.setUserTrap(9, "ignore");
    d.setUserTrap(30, "action");
    expect(d.kernelDisposition(9)).toBe("original");
    expect(d.kernelDisposition(30)).toBe("original");
  });
  test("real-time signals can be ignored but never get a listener", () => {
    const d = new Dispositions(new FakeSys(), new Set());
    d.setUserTrap(40, "action");
    expect(d.kernelDisposition(40)).toBe("original");
    d.setUserTrap(40, "ignore");
    expect(d.kernelDisposition(40)).toBe("ignore");
    expect(trapRefusal(40, "action")).toBeDefined();
    expect(trapRefusal(40, "ignore")).toBeUndefined();
    expect(trapRefusal(9, "none")).toBeUndefined();
  });
  test("listeners: subscribed signals are caught and delivered; unsubscribing restores", () => {
    const d = new Dispositions(new FakeSys(), new Set());
    const got: number[] = [];
    const off = d.onSignal(28, (s) => got.push(s));
    expect(d.kernelDisposition(28)).toBe("catch");
    d.deliver(28);
    expect(got).toEqual([28]);
    expect(d.hasPending()).toBe(false); // no trap: nothing for the trap queue
    off();
    expect(d.kernelDisposition(28)).toBe("original");
  });
  test("pending traps: once per signal, in number order, cleared when the trap goes", async () => {
    const d = new Dispositions(new FakeSys(), new Set());
    d.setUserTrap(12, "action");
    d.setUserTrap(10, "action");
    const next = d.nextTrappedSignal();
    d.deliver(12);
    d.deliver(12);
    d.deliver(10);
    expect(await next).toBe(12);
    expect(d.pendingSignals()).toEqual([10, 12]);
    d.clearPending(10);
    expect(d.pendingSignals()).toEqual([12]);
    d.setUserTrap(12, "none");
    expect(d.hasPending()).toBe(false);
  });
  test("raceTrappedSignal: a trapped signal ends the wait early; otherwise the value, no leak", async () => {
    const d = new Dispositions(new FakeSys(), new Set());
    d.setUserTrap(10, "action");
    let finish!: (v: number) => void;
    const never = new Promise<number>((r) => (finish = r));
    const raced = d.raceTrappedSignal(never);
    d.deliver(28); // not trapped: no effect
    d.deliver(10);
    expect(await raced).toEqual({ signal: 10 });
    finish(0);
    for (let i = 0; i < 100; i++) await d.raceTrappedSignal(Promise.resolve(i));
    expect((d as unknown as { waiters: unknown[] }).waiters.length).toBe(0);
    expect(await d.raceTrappedSignal(Promise.resolve(7))).toEqual({ signal: 0, value: 7 });
  });
  test("childSigDefault: shell's own catches and ignores, PIPE and XFSZ, not trap '' nor entry ignores", () => {
    const d = new Dispositions(new FakeSys(), new Set([12]));
    expect(d.childSigDefault()).toEqual([13, 25]);
    d.setInteractive(true);
    d.setJobControl(true);
    d.setUserTrap(15, "ignore"); // the user's ignore of a signal the shell also ignores
    d.setUserTrap(13, "ignore");
    d.setUserTrap(10, "action");
    expect(d.childSigDefault()).toEqual([2, 3, 10, 20, 21, 22, 25]);
    expect(d.ignoredAtEntry.has(12)).toBe(true);
    const a = d.childSigDefault();
    expect(d.childSigDefault()).toBe(a); // cached by identity until a change
    d.setUserTrap(10, "none");
    expect(d.childSigDefault()).not.toBe(a);
  });
  test("prepareExec defaults the child signals and its undo restores the exact dispositions", () => {
    const sys = new FakeSys();
    const d = new Dispositions(sys, new Set());
    d.setUserTrap(10, "action");
    sys.log = [];
    const undo = d.prepareExec();
    expect(sys.log).toEqual(["snap 10", "snap 13", "snap 25", "dfl 10", "dfl 13", "dfl 25"]);
    sys.log = [];
    undo();
    expect(sys.log).toEqual(["back 10", "back 13", "back 25"]);
  });
  test("runtime signals are not counted as ignored at entry", () => {
    const d = new Dispositions(new FakeSys(), new Set([13, 25, 32, 33, 3]));
    expect([...d.ignoredAtEntry]).toEqual([3]);
  });
});

const bun = join(process.cwd(), "node_modules/.bin/bun");
const child = join(__dirname, "fixtures/disposition-child.ts");

type Line = { ign?: number[]; cgt?: number[]; pending?: number[]; delivered?: number[]; entry?: number[]; childdef?: number[]; child?: { ign: number[] } };

/** Run the fixture (optionally under `bash -c "trap '' SIGS; exec ..."`) with a timeout. */
function runChild(steps: string[], ignoreAtStart: string[] = []): Line[] {
  const argv =
    ignoreAtStart.length === 0
      ? [bun, child, ...steps]
      : ["/usr/bin/bash", "-c", `trap '' ${ignoreAtStart.join(" ")}; exec "$@"`, "bash", bun, child, ...steps];
  const p = Bun.spawnSync(["timeout", "15", ...argv], { stdout: "pipe", stderr: "pipe" });
  if (p.exitCode !== 0) throw new Error(`child failed (${p.exitCode}): ${p.stderr.toString()}`);
  return p.stdout
    .toString()
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Line);
}

describe("dispositions in a real Bun process", () => {
  test("trap action catches, trap '' ignores through FFI, reset restores default", () => {
    const [a, b, c, d] = runChild(["show", "trap:10:action", "show", "trap:10:ignore", "show", "trap:10:none", "show"]);
    expect(a!.cgt).not.toContain(10);
    expect(b!.cgt).toContain(10);
    expect(c!.ign).toContain(10);
    expect(c!.cgt).not.toContain(10);
    expect(d!.ign).not.toContain(10);
    expect(d!.cgt).not.toContain(10);
  });
  test("after a trap on an ignored job-control signal is removed, it is ignored again", () => {
    const [a, b] = runChild(["jc:on", "trap:20:action", "show", "trap:20:none", "show"]);
    expect(a!.cgt).toContain(20);
    expect(b!.ign).toEqual(expect.arrayContaining([20, 21, 22]));
    expect(b!.cgt).not.toContain(20);
  });
  test("the runtime's own SEGV handler comes back after a trap and after trap ''", () => {
    const [a, b, c] = runChild(["trap:11:ignore", "show", "trap:11:none", "show", "trap:11:action", "trap:11:none", "show"]);
    expect(a!.ign).toContain(11);
    expect(b!.cgt).toContain(11);
    expect(b!.ign).not.toContain(11);
    expect(c!.cgt).toContain(11);
  });
  test("a signal to self marks its trap pending and reaches listeners", () => {
    const [p] = runChild(["trap:10:action", "listen:28", "kill:10", "kill:28", "pending"]);
    expect(p).toEqual({ pending: [10], delivered: [28] });
  });
  test("signals ignored at entry are reported, and stay ignored when untouched", () => {
    const [e, s] = runChild(["entry", "show"], ["USR2", "INT"]);
    expect(e!.entry).toEqual([2, 12]);
    expect(s!.ign).toEqual(expect.arrayContaining([2, 12]));
  });
  test("an interactive job-control shell's children get defaults, except the user's trap ''", () => {
    const lines = runChild(["interactive:on", "jc:on", "trap:2:ignore", "trap:10:action", "show", "spawn"]);
    expect(lines[0]!.ign).toEqual(expect.arrayContaining([2, 3, 13, 15, 20, 21, 22, 25]));
    const childIgn = lines[1]!.child!.ign.filter((s) => s !== 32 && s !== 33); // glibc's own
    expect(childIgn).toEqual([2]);
  });
  test("withChildIgnoring: the child inherits ignores, the shell gets its dispositions back", () => {
    const lines = runChild(["interactive:on", "spawnign:2,3", "show", "kill:2", "pending"]);
    expect(lines[0]!.child!.ign.filter((s) => s !== 32 && s !== 33)).toEqual([2, 3]);
    expect(lines[1]!.cgt).toContain(2); // INT caught again (interactive)
    expect(lines[1]!.ign).toContain(3); // QUIT still ignored
    const plain = runChild(["spawnign:2,3", "show"]);
    expect(plain[1]!.ign).not.toContain(2);
    expect(plain[1]!.cgt).not.toContain(2);
  });
  test("a signal ignored at entry stays ignored in children", () => {
    const lines = runChild(["spawn"], ["USR2"]);
    expect(lines[0]!.child!.ign.filter((s) => s !== 32 && s !== 33)).toEqual([12]);
  });
});
