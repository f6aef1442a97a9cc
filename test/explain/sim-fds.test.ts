// The simulated descriptor table of `explain`: the executor's reference counting (a description
// shared by tables is closed when the last one lets go) and the kernel's lowest-free numbering.
import { describe, expect, it } from "vitest";
import { FdAllocator, SimFd, SimTable } from "../../src/explain/sim-fds.ts";

describe("SimTable", () => {
  it("closes an owned description when its last table lets go, never an inherited one", () => {
    const closed: number[] = [];
    const term = new SimFd(1, "terminal", "terminal", "rw", false);
    const pipeW = new SimFd(6, "pipe", "pipe #1 write end", "w", true);
    const t = new SimTable([undefined, term], (e) => closed.push(e.os));
    const stage = t.clone();
    stage.set(1, pipeW);
    const frame = stage.clone();
    frame.set(2, pipeW); // 2>&1
    frame.dispose();
    expect(closed).toEqual([]);
    stage.dispose();
    expect(closed).toEqual([6]);
    t.dispose();
    expect(closed).toEqual([6]);
  });

  it("adopt makes a frame the table (exec >file) without closing what both hold", () => {
    const closed: number[] = [];
    const f = new SimFd(5, "file", "file x", "w", true);
    const t = new SimTable([], (e) => closed.push(e.os));
    const frame = t.clone();
    frame.set(3, f);
    t.adopt(frame);
    expect(t.os(3)).toBe(5);
    expect(closed).toEqual([]);
    t.set(3, undefined);
    expect(closed).toEqual([5]);
  });

  it("openFds and lowestFree follow the slots", () => {
    const t = new SimTable([], () => {});
    t.set(0, new SimFd(0, "terminal", "t", "r", false));
    t.set(10, new SimFd(7, "file", "f", "w", true));
    expect(t.openFds()).toEqual([0, 10]);
    expect(t.lowestFree(10)).toBe(11);
  });
});

describe("FdAllocator", () => {
  it("hands out the lowest free number, as the kernel does", () => {
    const a = new FdAllocator([0, 1, 2, 3, 4, 7]);
    expect([a.take(), a.take(), a.take()]).toEqual([5, 6, 8]);
    a.free(5);
    expect(a.take()).toBe(5);
  });
});
