// The trap table: subshell inheritance (POSIX: caught traps reset, ignored kept; bash: listed
// until the first change; ERR with errtrace, DEBUG/RETURN with functrace) and what it tells the
// disposition owner.
import { describe, expect, test } from "vitest";
import {
  TrapTable,
  parseTrapCondition,
  singleQuote,
  trapSlotName,
  ERR_TRAP,
  DEBUG_TRAP,
  RETURN_TRAP,
  EXIT_TRAP,
} from "../../src/signals/traps.ts";
import { bash } from "./fake-ctx.ts";

describe("trap table", () => {
  test("conditions: names, pseudo names without SIG, numbers 0..64", () => {
    expect(parseTrapCondition("EXIT")).toBe(0);
    expect(parseTrapCondition("exit")).toBe(0);
    expect(parseTrapCondition("SIGEXIT")).toBeUndefined();
    expect(parseTrapCondition("ERR")).toBe(66);
    expect(parseTrapCondition("DEBUG")).toBe(65);
    expect(parseTrapCondition("RETURN")).toBe(67);
    expect(parseTrapCondition("65")).toBeUndefined();
    expect(parseTrapCondition("32")).toBe(32);
    expect(parseTrapCondition("SIGUSR1")).toBe(10);
    expect(trapSlotName(33, false)).toBe("33");
    expect(trapSlotName(2, true)).toBe("INT");
    expect(trapSlotName(2, false)).toBe("SIGINT");
  });
  test("quoting round-trips through bash", () => {
    const s = `it's "q" $x \\ \n end`;
    expect(bash(`printf %s ${singleQuote(s)}`).out).toBe(s);
  });
  test("subshell: caught reset, ignored kept, listed until the first change (bash)", () => {
    const t = new TrapTable(null);
    t.set(10, "echo t");
    t.set(2, "");
    t.set(EXIT_TRAP, "echo e");
    const sub = t.cloneForSubshell();
    expect(sub.get(10)).toBeUndefined();
    expect(sub.get("EXIT")).toBeUndefined();
    expect(sub.get(2)).toBe("");
    const expected = bash(`trap 'echo t' USR1; trap '' INT; trap 'echo e' EXIT; (trap); echo ---; (trap y USR2; trap)`).out;
    let out = sub.format(undefined, false) + "---\n";
    const sub2 = t.cloneForSubshell();
    sub2.set(12, "y");
    out += sub2.format(undefined, false);
    // bash runs its EXIT trap at the end: "e".
    expect(out + "e\n").toBe(expected);
  });
  test("ERR survives with errtrace, DEBUG and RETURN with functrace", () => {
    const t = new TrapTable(null);
    t.set(ERR_TRAP, "e");
    t.set(DEBUG_TRAP, "d");
    t.set(RETURN_TRAP, "r");
    const plain = t.cloneForSubshell(false, false);
    expect([plain.get("ERR"), plain.get("DEBUG"), plain.get("RETURN")]).toEqual([undefined, undefined, undefined]);
    const e = t.cloneForSubshell(true, false);
    expect([e.get("ERR"), e.get("DEBUG")]).toEqual(["e", undefined]);
    const f = t.cloneForSubshell(false, true);
    expect([f.get("ERR"), f.get("DEBUG"), f.get("RETURN")]).toEqual([undefined, "d", "r"]);
  });
  test("the EXIT trap is taken once", () => {
    const t = new TrapTable(null);
    t.set(EXIT_TRAP, "echo bye");
    expect(t.takeExitTrap()).toBe("echo bye");
    expect(t.takeExitTrap()).toBeUndefined();
  });
  test("signal traps are reported to the sink, pseudo-signals are not", () => {
    const calls: string[] = [];
    const t = new TrapTable({ setUserTrap: (sig, kind) => calls.push(`${sig}:${kind}`) });
    t.set(10, "x");
    t.set(2, "");
    t.set(10, undefined);
    t.set(EXIT_TRAP, "x");
    t.set(ERR_TRAP, "x");
    expect(calls).toEqual(["10:action", "2:ignore", "10:none"]);
    calls.length = 0;
    t.activate();
    expect(calls.filter((c) => !c.endsWith(":none"))).toEqual(["2:ignore"]);
    expect(calls.length).toBe(64);
  });
  test("afterSubshell re-applies the parent's signal traps only if the child changed some", () => {
    const calls: string[] = [];
    const t = new TrapTable({ setUserTrap: (sig, kind) => calls.push(`${sig}:${kind}`) });
    t.set(2, "echo parent");
    calls.length = 0;
    const quiet = t.cloneForSubshell();
    quiet.set(EXIT_TRAP, "echo sub exit");
    t.afterSubshell(quiet);
    expect(calls).toEqual([]);
    const noisy = t.cloneForSubshell();
    noisy.set(2, undefined);
    noisy.set(15, "echo sub");
    expect(calls).toEqual(["2:none", "15:action"]);
    calls.length = 0;
    t.afterSubshell(noisy);
    expect(calls.filter((c) => !c.endsWith(":none"))).toEqual(["2:action"]);
    expect(calls).toContain("15:none");
  });
});
