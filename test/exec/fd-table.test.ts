// The shell's virtual descriptor table (src/exec/fd-table.ts): low fds in an array, fds from 16 up
// in a map. Both halves must behave alike: lookups, ascending listing, clones sharing OS
// descriptors by reference count, and release on dispose (a descriptor is closed only when its
// last table lets go of it).
import { describe, expect, it } from "vitest";
import { FdTable, OsFd } from "../../src/exec/fd-table.ts";
import { pipe, isOpen } from "../../src/sys/fd.ts";

function osPipe(): [OsFd, OsFd] {
  const p = pipe();
  if (typeof p === "number") throw new Error("pipe failed");
  return [new OsFd(p[0], false, "pipe"), new OsFd(p[1], false, "pipe")];
}

describe("FdTable", () => {
  it("low and high fds: lookups, listing in order, free slots", () => {
    const [r, w] = osPipe();
    const t = new FdTable();
    t.set(251, r);
    t.set(3, w);
    t.set(20, r);
    expect(t.openFds()).toEqual([3, 20, 251]);
    expect(t.os(251)).toBe(r.fd);
    expect(t.entry(20)).toBe(r);
    expect(t.entry(19)).toBeUndefined();
    expect(t.lowestFree(20)).toBe(21);
    expect(t.highestFree(252)).toBe(250);
    t.set(20, undefined);
    expect(t.openFds()).toEqual([3, 251]);
    t.dispose();
    expect(isOpen(r.fd)).toBe(false);
    expect(isOpen(w.fd)).toBe(false);
  });

  it("a clone shares the descriptors; the last table to let go closes them", () => {
    const [r, w] = osPipe();
    const t = new FdTable();
    t.set(200, r);
    t.set(1, w);
    const c = t.clone();
    c.set(200, undefined); // the clone drops its reference only
    expect(isOpen(r.fd)).toBe(true);
    expect(c.openFds()).toEqual([1]);
    expect(t.openFds()).toEqual([1, 200]);
    t.dispose();
    expect(isOpen(r.fd)).toBe(false);
    expect(isOpen(w.fd)).toBe(true); // still held by the clone
    c.dispose();
    expect(isOpen(w.fd)).toBe(false);
  });

  it("close-on-exec fds are left out of what children get, high ones too", () => {
    const [r, w] = osPipe();
    const t = new FdTable();
    t.set(60, r);
    t.set(63, w);
    t.setCloseOnExec(63);
    expect(t.inheritableFds()).toEqual([60]);
    const c = t.clone();
    expect(c.inheritableFds()).toEqual([60]);
    c.dispose();
    t.dispose();
    expect(isOpen(r.fd) || isOpen(w.fd)).toBe(false);
  });
});
