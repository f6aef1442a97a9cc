import { describe, expect, it } from "vitest";
import { IndexedArray } from "../../src/state/indexed-array.ts";

describe("IndexedArray", () => {
  it("dense: set, holes, delete trims the maximum", () => {
    const a = IndexedArray.of(["a", "b"]);
    a.set(4, "e");
    expect(a.keys()).toEqual([0, 1, 4]);
    expect(a.values()).toEqual(["a", "b", "e"]);
    expect([a.size, a.maxIndex]).toEqual([3, 4]);
    expect(a.get(3)).toBeUndefined();
    expect(a.delete(3)).toBe(false);
    expect(a.delete(4)).toBe(true);
    expect([a.size, a.maxIndex]).toEqual([2, 1]);
    a.push("c");
    expect(a.entries()).toEqual([[0, "a"], [1, "b"], [2, "c"]]);
    a.set(1, "B");
    expect(a.size).toBe(3);
  });

  it("a far index switches to the sparse form and keeps index order", () => {
    const a = new IndexedArray();
    a.set(5, "five");
    a.set(1_000_000_000, "big");
    a.set(3, "three");
    a.set(7, "seven");
    expect(a.keys()).toEqual([3, 5, 7, 1_000_000_000]);
    expect(a.values()).toEqual(["three", "five", "seven", "big"]);
    expect([a.size, a.maxIndex]).toEqual([4, 1_000_000_000]);
    a.delete(1_000_000_000);
    expect(a.maxIndex).toBe(7);
    a.push("eight");
    expect(a.get(8)).toBe("eight");
    expect(a.has(8)).toBe(true);
  });

  it("clone is independent in both forms", () => {
    const d = IndexedArray.of(["x"]);
    const dc = d.clone();
    dc.set(0, "y");
    expect(d.get(0)).toBe("x");
    const s = new IndexedArray();
    s.set(10_000_000, "far");
    const sc = s.clone();
    sc.set(1, "near");
    expect(s.keys()).toEqual([10_000_000]);
    expect(sc.keys()).toEqual([1, 10_000_000]);
  });

  it("a million appends stay fast", () => {
    const a = new IndexedArray();
    const t = performance.now();
    for (let i = 0; i < 1_000_000; i++) a.push("x");
    expect(a.size).toBe(1_000_000);
    expect(performance.now() - t).toBeLessThan(3000) // generous: catches quadratic behaviour, not a loaded machine;
  });
});
