// Running trap actions at safe points: order, coalescing, $? kept, no re-entry, subshell
// tables leaving foreign signals pending, and the EXIT trap's exit status rules (bash 5.2).
import { describe, expect, test } from "vitest";
import { Dispositions, type SignalSys } from "../../src/signals/dispositions.ts";
import { TrapTable, EXIT_TRAP } from "../../src/signals/traps.ts";
import { runPendingTraps, runExitTrap, exitTrapSavedStatus, runningTrapSignal, type TrapHost } from "../../src/signals/run-traps.ts";
import { ExitSignal } from "../../src/exec/control.ts";
import { runGen, type Gen } from "../../src/exec/gen.ts";
import { bash } from "./fake-ctx.ts";

const nullSys: SignalSys = {
  ignore() {},
  restoreOriginal() {},
  saveOriginal() {},
  listen() {},
  unlisten() {},
  setDefault() {},
  snapshot() {
    return undefined;
  },
  restoreSnapshot() {},
};

/** A shell state whose runString interprets a tiny action language:
 *  "log X" appends X; "status N" sets $?; "deliver N" delivers signal N and reaches a safe
 *  point; "exit N" / "exit" throws ExitSignal. */
function host(d: Dispositions, traps: TrapTable) {
  const log: string[] = [];
  const h: TrapHost & { log: string[] } = {
    traps,
    lastStatus: 0,
    log,
    *runString(source: string, _name: string): Gen<number> {
      for (const cmd of source.split(";").map((s) => s.trim())) {
        const [op, arg] = cmd.split(" ");
        if (op === "log") log.push(`${arg} ?=${h.lastStatus} running=${runningTrapSignal()}`);
        else if (op === "status") h.lastStatus = Number(arg);
        else if (op === "deliver") {
          d.deliver(Number(arg));
          yield* runPendingTraps(h, d);
        } else if (op === "exit") throw new ExitSignal(arg === undefined ? (exitTrapSavedStatus(h) ?? h.lastStatus) : Number(arg));
      }
      return h.lastStatus;
    },
  };
  return h;
}

function setup() {
  const d = new Dispositions(nullSys, new Set());
  const traps = new TrapTable(d);
  return { d, traps, h: host(d, traps) };
}

describe("runPendingTraps", () => {
  test("runs each pending trapped signal once, lowest first, keeping $?", () => {
    const { d, traps, h } = setup();
    traps.set(12, "log usr2; status 9");
    traps.set(10, "log usr1");
    d.deliver(12);
    d.deliver(10);
    d.deliver(12);
    h.lastStatus = 3;
    runGen(runPendingTraps(h, d));
    expect(h.log).toEqual(["usr1 ?=3 running=10", "usr2 ?=3 running=12"]);
    expect(h.lastStatus).toBe(3);
    expect(d.hasPending()).toBe(false);
  });
  test("a signal arriving during an action runs after it, not nested", () => {
    const { d, traps, h } = setup();
    traps.set(10, "log a-start; deliver 12; log a-end");
    traps.set(12, "log b");
    d.deliver(10);
    runGen(runPendingTraps(h, d));
    expect(h.log.map((l) => l.split(" ")[0])).toEqual(["a-start", "a-end", "b"]);
  });
  test("bash: the trap sees the $? of the command before it, and $? is unchanged after", () => {
    const r = bash(`trap 'echo in:$?' USR1; false; kill -USR1 $$; echo after:$?`);
    expect(r.out).toBe("in:0\nafter:0\n");
  });
  test("signals whose trap is not in this table stay pending for the state that set it", () => {
    const { d, traps } = setup();
    traps.set(10, "log parent");
    const sub = traps.cloneForSubshell();
    const hs = host(d, sub);
    d.deliver(10);
    runGen(runPendingTraps(hs, d));
    expect(hs.log).toEqual([]);
    expect(d.pendingSignals()).toEqual([10]);
    const hp = host(d, traps);
    runGen(runPendingTraps(hp, d));
    expect(hp.log).toEqual(["parent ?=0 running=10"]);
  });
  test("exit in a trap action propagates and clears the running mark", () => {
    const { d, traps, h } = setup();
    traps.set(10, "exit 4");
    d.deliver(10);
    expect(() => runGen(runPendingTraps(h, d))).toThrow(ExitSignal);
    expect(runningTrapSignal()).toBe(0);
  });
});

describe("runExitTrap", () => {
  function exitWith(action: string, status: number): number {
    const { traps, h } = setup();
    traps.set(EXIT_TRAP, action);
    h.lastStatus = status;
    return runGen(runExitTrap(h)) as number;
  }
  test("status rules match bash", () => {
    const cases: [string, string][] = [
      ["exit 7", "exit 7"],
      ["exit", "exit"],
      ["status 1; exit", "false; exit"],
      ["status 1", "false"],
    ];
    for (const [mine, theirs] of cases) {
      const b = Bun.spawnSync(["/usr/bin/bash", "-c", `trap '${theirs}' EXIT; exit 3`]);
      expect(exitWith(mine, 3), theirs).toBe(b.exitCode);
    }
  });
  test("runs once", () => {
    const { traps, h } = setup();
    traps.set(EXIT_TRAP, "log bye");
    runGen(runExitTrap(h));
    runGen(runExitTrap(h));
    expect(h.log.length).toBe(1);
  });
});
