// C strings and NULL-terminated string vectors (argv, envp) for FFI calls.
//
// Pointer lifetime (bun-runtime-facts.md §9.1): an address from ptr(buf) is valid only while
// `buf` is alive. A vector of char* therefore comes with the one buffer that holds all its
// strings (`keep`); the caller holds the CStrArray until the FFI call that uses `arr` returns.
// A vector is built as ONE byte block (all strings, NUL-separated) plus one pointer table, so
// building argv costs one ptr() call and two allocations whatever the number of words.
//
// Strings are encoded as UTF-8, escaped bytes as themselves (src/sys/utf8.ts): a word that holds a
// non-UTF-8 file name or argument reaches the kernel byte for byte.
import { decodeUtf8, encodeUtf8Into } from "./utf8.ts";
import { ptr } from "bun:ffi";


/** A NUL-terminated UTF-8 copy of `s`, to pass to a T.ptr parameter. */
export function cstr(s: string): Uint8Array {
  // Worst case 3 bytes per UTF-16 unit, plus the NUL; encodeInto tells the real length.
  const buf = new Uint8Array(s.length * 3 + 1);
  const written = encodeUtf8Into(s, buf);
  buf[written] = 0;
  return buf;
}

/** A char*[] terminated by NULL. `arr` is what the C function gets; `keep` owns the bytes. */
export interface CStrArray {
  readonly arr: Uint32Array; // pairs of 32-bit halves = 64-bit pointers, little-endian
  readonly keep: Uint8Array;
  readonly length: number;
}

/** Build a NULL-terminated vector of C strings (argv or envp). */
export function cstrArray(strings: readonly string[]): CStrArray {
  const n = strings.length;
  let cap = 0;
  for (let i = 0; i < n; i++) cap += strings[i]!.length * 3 + 1;
  const keep = new Uint8Array(cap > 0 ? cap : 1);
  const offsets = new Array<number>(n);
  let off = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = off;
    // encodeInto on a subarray view writes straight into `keep`.
    const written = encodeUtf8Into(strings[i]!, keep.subarray(off));
    keep[off + written] = 0;
    off += written + 1;
  }
  const base = ptr(keep);
  const arr = new Uint32Array((n + 1) * 2); // last entry stays 0 = NULL
  for (let i = 0; i < n; i++) {
    const p = base + offsets[i]!;
    arr[2 * i] = p >>> 0; // low 32 bits (ToUint32 is exact modulo 2^32 for p < 2^53)
    arr[2 * i + 1] = Math.floor(p / 0x100000000);
  }
  return { arr, keep, length: n };
}

/** Decode a NUL-terminated string out of a byte buffer (e.g. a struct field). */
export function readCStr(buf: Uint8Array, offset = 0, max = buf.length - offset): string {
  let end = offset;
  const limit = offset + max;
  while (end < limit && buf[end] !== 0) end++;
  return decodeUtf8(buf.subarray(offset, end));
}
