// The signal table against the system: bash's kill -l layout, glibc's strsignal texts (through
// Python's signal.strsignal, which calls it), and the spec parser's bash-compatible edges.
import { describe, expect, test } from "vitest";
import {
  SIGNALS,
  describeSignalDeath,
  describeWait,
  formatSignalNamesPosix,
  formatSignalTable,
  parseSignalSpec,
  signalByName,
  signalByNumber,
  signalName,
} from "../../src/signals/table.ts";
import { decodeStatus } from "../../src/exec/wait-status.ts";
import { bash } from "./fake-ctx.ts";
import { constants } from "node:os";

describe("signal table", () => {
  test("kill -l layout is byte-identical to bash", () => {
    expect(formatSignalTable()).toBe(bash("kill -l").out);
  });
  test("POSIX-mode name list matches bash --posix", () => {
    const p = Bun.spawnSync(["/usr/bin/bash", "--posix", "-c", "kill -l"]);
    expect(formatSignalNamesPosix()).toBe(p.stdout.toString());
  });
  test("numbers and names agree with the platform's constants", () => {
    for (const [name, num] of Object.entries(constants.signals)) {
      if (name === "SIGIOT" || name === "SIGPOLL") continue; // aliases bash does not list
      expect(signalByNumber(num as number)?.name, name).toBe(name.slice(3));
    }
    expect(SIGNALS.length).toBe(31 + 31);
    expect(signalByNumber(32)).toBeUndefined();
    expect(signalByNumber(33)).toBeUndefined();
  });
  test("descriptions are glibc's strsignal texts", () => {
    const py = Bun.spawnSync([
      "python3",
      "-c",
      "import signal\nfor i in list(range(1,32))+list(range(34,65)): print(i, signal.strsignal(i))",
    ]);
    if (py.exitCode !== 0) return; // no python: nothing to compare against
    for (const line of py.stdout.toString().trim().split("\n")) {
      const sp = line.indexOf(" ");
      const n = Number(line.slice(0, sp));
      expect(signalByNumber(n)?.description).toBe(line.slice(sp + 1));
    }
  });
  test("default actions and catchability", () => {
    expect(signalByName("KILL")?.catchable).toBe(false);
    expect(signalByName("STOP")?.catchable).toBe(false);
    expect(signalByName("TSTP")?.catchable).toBe(true);
    expect(signalByName("CHLD")?.action).toBe("Ign");
    expect(signalByName("SEGV")?.action).toBe("Core");
    expect(signalByName("TTOU")?.action).toBe("Stop");
    expect(signalByName("CONT")?.action).toBe("Cont");
    expect(signalByName("RTMIN+5")?.action).toBe("Term");
  });
  test("names with or without SIG, any case; real-time offsets as bash accepts them", () => {
    expect(signalByName("int")?.number).toBe(2);
    expect(signalByName("SigTerm")?.number).toBe(15);
    expect(signalByName("RTMIN")?.number).toBe(34);
    expect(signalByName("rtmin+01")?.number).toBe(35);
    expect(signalByName("RTMIN+16")?.number).toBe(50);
    expect(signalByName("SIGRTMAX-1")?.number).toBe(63);
    expect(signalByName("RTMAX-0")).toBeUndefined();
    expect(signalByName("RTMIN-1")).toBeUndefined();
    expect(signalByName("RTMAX+1")).toBeUndefined();
    expect(signalByName("IOT")).toBeUndefined();
    expect(signalByName("CLD")).toBeUndefined();
    expect(signalName(50)).toBe("RTMAX-14");
    expect(signalName(49)).toBe("RTMIN+15");
  });
  test("parseSignalSpec: numbers with blanks and signs, leading zeros are decimal", () => {
    expect(parseSignalSpec("INT")).toBe(2);
    expect(parseSignalSpec("sigint")).toBe(2);
    expect(parseSignalSpec(" 3")).toBe(3);
    expect(parseSignalSpec("+3")).toBe(3);
    expect(parseSignalSpec("010")).toBe(10);
    expect(parseSignalSpec("0x3")).toBeUndefined();
    expect(parseSignalSpec("3x")).toBeUndefined();
    expect(parseSignalSpec("65")).toBeUndefined();
    expect(parseSignalSpec("0")).toBeUndefined();
    expect(parseSignalSpec("0", true)).toBe(0);
    expect(parseSignalSpec("")).toBeUndefined();
  });
  test("death descriptions as bash prints them", () => {
    expect(describeSignalDeath(9, false)).toBe("Killed");
    expect(describeSignalDeath(15, false)).toBe("Terminated");
    expect(describeSignalDeath(3, true)).toBe("Quit (core dumped)");
    expect(describeSignalDeath(11, true)).toBe("Segmentation fault (core dumped)");
    expect(describeSignalDeath(40, false)).toBe("Real-time signal 6");
    expect(describeSignalDeath(32, false)).toBe("Unknown signal 32");
    expect(describeWait(decodeStatus(0x0200))).toBe("Exit 2");
    expect(describeWait(decodeStatus(0))).toBe("Done");
    expect(describeWait(decodeStatus(0x8b))).toBe("Segmentation fault (core dumped)");
    expect(describeWait(decodeStatus(0x167f))).toBe("Stopped (tty output)");
    expect(describeWait(decodeStatus(0x147f))).toBe("Stopped");
  });
  test("bash's message for a killed job names the same text", () => {
    const r = bash("sh -c 'kill -USR1 $$'; sh -c 'kill -TERM $$'; true");
    expect(r.err).toContain(describeSignalDeath(10, false));
    expect(r.err).toContain(describeSignalDeath(15, false));
  });
});
