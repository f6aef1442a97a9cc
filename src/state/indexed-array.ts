// A bash indexed array: sparse, non-negative integer indices, iterated in index order.
//
// Storage is a Map<number, string> whose insertion order is kept equal to index order: the common
// cases (a=(x y z), a+=(w), a[${#a[@]}]=v) only ever insert above the current maximum, so the Map
// stays ordered for free. An insertion below the maximum only marks the array unordered; the next
// ordered walk re-inserts the entries once, sorted. Indices up to 2^53 are representable (bash
// allows up to intmax_t; larger subscripts are rejected by the caller).

export class IndexedArray {
  private m: Map<number, string>;
  /** Largest index present, -1 when empty. */
  private top = -1;
  /** Invariant: when true, the Map's iteration order is ascending index order. */
  private ordered = true;

  constructor(m?: Map<number, string>, top = -1, ordered = true) {
    this.m = m ?? new Map();
    this.top = top;
    this.ordered = ordered;
  }

  static of(values: readonly string[]): IndexedArray {
    const a = new IndexedArray();
    for (let i = 0; i < values.length; i++) a.m.set(i, values[i]);
    a.top = values.length - 1;
    return a;
  }

  get size(): number {
    return this.m.size;
  }

  /** The largest index, or -1 when empty (bash's array_max_index). */
  get maxIndex(): number {
    return this.top;
  }

  get(i: number): string | undefined {
    return this.m.get(i);
  }

  has(i: number): boolean {
    return this.m.has(i);
  }

  set(i: number, v: string): void {
    if (i > this.top) {
      this.top = i;
    } else if (this.ordered && !this.m.has(i)) {
      this.ordered = false;
    }
    this.m.set(i, v);
  }

  /** Append after the largest index (a+=(v)). */
  push(v: string): void {
    this.m.set(++this.top, v);
  }

  delete(i: number): boolean {
    if (!this.m.delete(i)) return false;
    if (i === this.top) {
      // Recompute the maximum: the common case (popping the last element) is found by scanning
      // down from the old top only when the array is dense enough; otherwise scan the keys.
      let t = -1;
      if (this.m.size > 0) {
        for (const k of this.m.keys()) if (k > t) t = k;
      }
      this.top = t;
    }
    return true;
  }

  private sort(): void {
    if (this.ordered) return;
    const keys = Array.from(this.m.keys()).sort((a, b) => a - b);
    const n = new Map<number, string>();
    for (const k of keys) n.set(k, this.m.get(k)!);
    this.m = n;
    this.ordered = true;
  }

  /** Indices in ascending order. */
  keys(): number[] {
    this.sort();
    return Array.from(this.m.keys());
  }

  /** Values in index order. */
  values(): string[] {
    this.sort();
    return Array.from(this.m.values());
  }

  /** [index, value] pairs in index order. */
  entries(): IterableIterator<[number, string]> {
    this.sort();
    return this.m.entries();
  }

  clone(): IndexedArray {
    return new IndexedArray(new Map(this.m), this.top, this.ordered);
  }
}
