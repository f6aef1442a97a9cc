// A bash associative array, iterated in exactly bash 5.2's order.
//
// bash keeps associative arrays in its hash tables (hashlib.c): 1024 buckets to start
// (ASSOC_HASH_BUCKETS), the bucket of a key is FNV-1 of its bytes (chars are signed, so bytes
// >= 0x80 are sign-extended before the xor) masked by the bucket count, a new key goes to the
// head of its bucket's list, and when an insertion finds nentries >= 2 * nbuckets the table grows
// 4x, re-inserting the items bucket by bucket, each at the head of its new list. ${!h[@]},
// ${h[@]} and declare -p walk bucket 0..n-1, each list from its head. Scripts that print an
// associative array therefore see bash's order only if we reproduce all of this.
//
// Lookups go through a Map; the bucket lists only decide the order, which is cached until the
// next insertion or removal of a key (assigning an existing key does not move it).

import { encodeUtf8 } from "../sys/utf8.ts";

const INITIAL_BUCKETS = 1024;
const GROW_FACTOR = 2; // HASH_REHASH_FACTOR
const GROW_MULTIPLIER = 4; // HASH_REHASH_MULTIPLIER


/** bash's hash_string: 32-bit FNV-1 over the key's UTF-8 bytes, as signed chars. */
export function bashHash(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 0x80) return bashHashBytes(encodeUtf8(key));
    h = Math.imul(h, 16777619) ^ c;
  }
  return h >>> 0;
}

function bashHashBytes(bytes: Uint8Array): number {
  let h = 2166136261;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    h = Math.imul(h, 16777619) ^ (b >= 0x80 ? b - 256 : b);
  }
  return h >>> 0;
}

export class AssocArray {
  private vals = new Map<string, string>();
  /** bucket index -> keys in insertion order (so the list's head is the array's end) */
  private buckets = new Map<number, string[]>();
  private nb = INITIAL_BUCKETS;
  private order: string[] | null = [];

  get size(): number {
    return this.vals.size;
  }

  get(k: string): string | undefined {
    return this.vals.get(k);
  }

  has(k: string): boolean {
    return this.vals.has(k);
  }

  set(k: string, v: string): void {
    if (!this.vals.has(k)) {
      if (this.vals.size >= this.nb * GROW_FACTOR) this.grow();
      this.link(k);
      this.order = null;
    }
    this.vals.set(k, v);
  }

  delete(k: string): boolean {
    if (!this.vals.delete(k)) return false;
    const b = bashHash(k) & (this.nb - 1);
    const list = this.buckets.get(b)!;
    list.splice(list.lastIndexOf(k), 1);
    if (list.length === 0) this.buckets.delete(b);
    this.order = null;
    return true;
  }

  private link(k: string): void {
    const b = bashHash(k) & (this.nb - 1);
    const list = this.buckets.get(b);
    if (list === undefined) this.buckets.set(b, [k]);
    else list.push(k);
  }

  private grow(): void {
    const old = this.sortedBuckets();
    this.nb *= GROW_MULTIPLIER;
    this.buckets = new Map();
    // hash_rehash: old buckets in order, each list from its head, each item to its new head
    for (const list of old) for (let i = list.length - 1; i >= 0; i--) this.link(list[i]);
  }

  private sortedBuckets(): string[][] {
    const idx = Array.from(this.buckets.keys()).sort((a, b) => a - b);
    return idx.map((i) => this.buckets.get(i)!);
  }

  /** Keys in bash's order. */
  keys(): string[] {
    if (this.order === null) {
      const out: string[] = [];
      for (const list of this.sortedBuckets()) for (let i = list.length - 1; i >= 0; i--) out.push(list[i]);
      this.order = out;
    }
    return this.order.slice();
  }

  values(): string[] {
    return this.keys().map((k) => this.vals.get(k)!);
  }

  entries(): [string, string][] {
    return this.keys().map((k) => [k, this.vals.get(k)!]);
  }

  clone(): AssocArray {
    const c = new AssocArray();
    c.vals = new Map(this.vals);
    c.buckets = new Map();
    for (const [b, list] of this.buckets) c.buckets.set(b, list.slice());
    c.nb = this.nb;
    c.order = this.order;
    return c;
  }
}
