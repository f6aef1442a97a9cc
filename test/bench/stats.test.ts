import { describe, expect, it } from "vitest";
import { formatMs, formatRatio, geomean, median, seededRandom, shuffle, spread } from "../../bench/stats.ts";

describe("bench statistics", () => {
  it("median of odd and even counts, independent of order", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
  it("spread is (max-min)/median", () => {
    expect(spread([1, 2, 3])).toBe(1);
    expect(spread([5, 5, 5])).toBe(0);
  });
  it("geometric mean cancels reciprocal ratios", () => {
    expect(geomean([2, 0.5])).toBeCloseTo(1, 12);
    expect(geomean([4, 1])).toBeCloseTo(2, 12);
  });
  it("formats durations and ratios", () => {
    expect(formatMs(0.5)).toBe("500 µs");
    expect(formatMs(12.345)).toBe("12.3 ms");
    expect(formatMs(2500)).toBe("2.50 s");
    expect(formatMs(NaN)).toBe("-");
    expect(formatRatio(1.234)).toBe("1.23x");
    expect(formatRatio(NaN)).toBe("-");
  });
  it("seeded shuffle is a reproducible permutation", () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8];
    const a = shuffle(xs, seededRandom(7));
    const b = shuffle(xs, seededRandom(7));
    expect(a).toEqual(b);
    expect(a.slice().sort()).toEqual(xs);
    expect(xs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // different seeds give different orders for at least one of a few seeds
    const orders = new Set([1, 2, 3, 4].map((s) => shuffle(xs, seededRandom(s)).join()));
    expect(orders.size).toBeGreaterThan(1);
  });
});
