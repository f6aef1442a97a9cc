// Finishing, inside a generator, a generator that a plain function started.
//
// The interpreter's fast paths (execListSync, execSimpleSync, assignSync, callFunctionSync) are
// plain functions returning `number | Gen<number>`: they drive the generators they call with one
// `next()` and, in the common case where nothing has to wait, return a plain value without any
// generator frame of their own (a frame costs ~25 ns and a yield* chain resumes every frame on
// the way; loop-arith runs ~12 of them per iteration). When a driven generator does yield (a
// command substitution, an external command, a pipeline stage), the fast path hands the rest
// of its work to a generator that starts with `resume(g, r)`.

import type { Gen } from "./gen.ts";

/** Continue g, which has just yielded r (not done), forwarding what it yields and how it is resumed. */
export function* resume<T>(g: Gen<T>, r: IteratorResult<Promise<unknown>, T>): Gen<T> {
  while (!r.done) {
    let v: unknown;
    try {
      v = yield r.value;
    } catch (e) {
      r = g.throw(e);
      continue;
    }
    r = g.next(v);
  }
  return r.value;
}

/** Run g as far as it goes without waiting: its value when it finishes at once (no generator
 *  frame left above it), else a generator that continues it. For the general paths that the
 *  fast paths fall back to, so that a command that did not wait leaves no generator behind. */
export function drive<T>(g: Gen<T>): T | Gen<T> {
  const r = g.next();
  return r.done ? r.value : resume(g, r);
}
