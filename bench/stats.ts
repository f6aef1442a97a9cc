// Summary statistics for benchmark samples. Medians (not means) because a shared machine adds
// one-sided noise: a sample is only ever slowed down by other load, never sped up.

/** Median of the samples (the mean of the two middle ones for an even count); NaN when empty. */
export function median(xs: readonly number[]): number {
  const n = xs.length;
  if (n === 0) return NaN;
  const s = xs.slice().sort((a, b) => a - b);
  const m = n >> 1;
  return n % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** (max - min) / median: how noisy a set of samples is (0 = identical samples). */
export function spread(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const m = median(xs);
  return m === 0 ? 0 : (hi - lo) / m;
}

/** Geometric mean: the right average for ratios (a 2x and a 0.5x cancel out). NaN when empty. */
export function geomean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let logSum = 0;
  for (const x of xs) logSum += Math.log(x);
  return Math.exp(logSum / xs.length);
}

/** Render a duration given in milliseconds with 3 significant digits and a unit. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "-";
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

/** Render a ratio like "1.23x"; "-" when either side is missing. */
export function formatRatio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(2)}x` : "-";
}

/** Fisher-Yates shuffle with a seeded generator, so a run's order can be reproduced. */
export function shuffle<T>(xs: readonly T[], rand: () => number): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

/** mulberry32: a small deterministic PRNG in [0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
