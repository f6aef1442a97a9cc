// A bash indexed array: sparse, non-negative integer indices, iterated in index order.
//
// Two representations, chosen by density (JSC's Map with number keys costs ~10x a plain array
// per insertion, and scripts mostly build dense arrays: a=(x y z), a+=(w), a[i]=v in a loop):
//  - dense: `vals[i]` holds element i, `undefined` marks a hole; vals.length === top + 1.
//    Walks are in index order for free.
//  - sparse: a Map<number, string> whose insertion order is kept equal to index order when
//    possible; an insertion below the maximum marks it unordered and the next ordered walk
//    re-inserts the entries once, sorted. Used once an assignment would leave the dense array
//    mostly holes (a[1000000]=x), and kept from then on.
// Indices up to 2^53 are representable (bash allows intmax_t; larger subscripts are the caller's
// error).

/** A gap larger than this (and than the element count) switches to the sparse form. */
const MAX_DENSE_GAP = 1024;

export class IndexedArray {
  private vals: (string | undefined)[] | null;
  private m: Map<number, string> | null;
  /** Number of elements present. */
  private n: number;
  /** Largest index present, -1 when empty. */
  private top: number;
  /** Sparse form only: the Map's iteration order is ascending index order. */
  private ordered: boolean;

  constructor() {
    this.vals = [];
    this.m = null;
    this.n = 0;
    this.top = -1;
    this.ordered = true;
  }

  static of(values: readonly string[]): IndexedArray {
    const a = new IndexedArray();
    a.vals = values.slice();
    a.n = values.length;
    a.top = values.length - 1;
    return a;
  }

  get size(): number {
    return this.n;
  }

  /** The largest index, or -1 when empty (bash's array_max_index). */
  get maxIndex(): number {
    return this.top;
  }

  get(i: number): string | undefined {
    const d = this.vals;
    if (d !== null) return i >= 0 && i < d.length ? d[i] : undefined;
    return this.m!.get(i);
  }

  has(i: number): boolean {
    return this.get(i) !== undefined;
  }

  set(i: number, v: string): void {
    const d = this.vals;
    if (d !== null) {
      if (i < d.length) {
        if (d[i] === undefined) this.n++;
        d[i] = v;
        return;
      }
      const gap = i - d.length;
      if (gap <= MAX_DENSE_GAP || gap <= this.n) {
        // Fill the gap with holes explicitly so the array stays contiguous (not "holey").
        while (d.length < i) d.push(undefined);
        d.push(v);
        this.n++;
        this.top = i;
        return;
      }
      this.toSparse();
    }
    const m = this.m!;
    if (i > this.top) this.top = i;
    else if (this.ordered && !m.has(i)) this.ordered = false;
    if (!m.has(i)) this.n++;
    m.set(i, v);
  }

  /** Append after the largest index (a+=(v)). */
  push(v: string): void {
    this.set(this.top + 1, v);
  }

  delete(i: number): boolean {
    const d = this.vals;
    if (d !== null) {
      if (i < 0 || i >= d.length || d[i] === undefined) return false;
      d[i] = undefined;
      this.n--;
      if (i === this.top) {
        // Trim trailing holes so that length stays top + 1.
        let t = i - 1;
        while (t >= 0 && d[t] === undefined) t--;
        d.length = t + 1;
        this.top = t;
      }
      return true;
    }
    const m = this.m!;
    if (!m.delete(i)) return false;
    this.n--;
    if (i === this.top) {
      let t = -1;
      for (const k of m.keys()) if (k > t) t = k;
      this.top = t;
    }
    return true;
  }

  private toSparse(): void {
    const m = new Map<number, string>();
    const d = this.vals!;
    for (let k = 0; k < d.length; k++) if (d[k] !== undefined) m.set(k, d[k]!);
    this.m = m;
    this.vals = null;
    this.ordered = true;
  }

  private sortSparse(): Map<number, string> {
    const m = this.m!;
    if (this.ordered) return m;
    const keys = Array.from(m.keys()).sort((a, b) => a - b);
    const s = new Map<number, string>();
    for (const k of keys) s.set(k, m.get(k)!);
    this.m = s;
    this.ordered = true;
    return s;
  }

  /** Indices in ascending order. */
  keys(): number[] {
    const d = this.vals;
    if (d === null) return Array.from(this.sortSparse().keys());
    const out: number[] = [];
    for (let k = 0; k < d.length; k++) if (d[k] !== undefined) out.push(k);
    return out;
  }

  /** Values in index order. */
  values(): string[] {
    const d = this.vals;
    if (d === null) return Array.from(this.sortSparse().values());
    if (this.n === d.length) return d.slice() as string[];
    const out: string[] = [];
    for (let k = 0; k < d.length; k++) if (d[k] !== undefined) out.push(d[k]!);
    return out;
  }

  /** [index, value] pairs in index order. */
  entries(): [number, string][] {
    const d = this.vals;
    if (d === null) return Array.from(this.sortSparse().entries());
    const out: [number, string][] = [];
    for (let k = 0; k < d.length; k++) if (d[k] !== undefined) out.push([k, d[k]!]);
    return out;
  }

  clone(): IndexedArray {
    const c = new IndexedArray();
    c.vals = this.vals !== null ? this.vals.slice() : null;
    c.m = this.m !== null ? new Map(this.m) : null;
    c.n = this.n;
    c.top = this.top;
    c.ordered = this.ordered;
    return c;
  }
}
