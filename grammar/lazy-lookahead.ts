// Lazy lookahead for Chevrotain: the parser's start-up cost is dominated by
// performSelfAnalysis computing a lookahead function for every alternation and optional
// production of the grammar (~50-100 ms). This strategy defers each computation to the first
// time that decision point is actually used, so `ipsh -c true` pays only for the few decisions
// its input reaches. The functions computed are exactly those of Chevrotain's LL(k) strategy,
// so parsing results are unchanged; grammar validation (run in a unit test) is the same too.
import { LLkLookaheadStrategy } from "chevrotain";

type LookaheadFn = (...args: unknown[]) => unknown;

export class LazyLookaheadStrategy extends LLkLookaheadStrategy {
  override buildLookaheadForAlternation(options: Parameters<LLkLookaheadStrategy["buildLookaheadForAlternation"]>[0]): ReturnType<LLkLookaheadStrategy["buildLookaheadForAlternation"]> {
    let real: LookaheadFn | undefined;
    const build = () => super.buildLookaheadForAlternation(options) as unknown as LookaheadFn;
    // Chevrotain calls an alternation's lookahead with exactly one argument (the alternatives,
    // recognizer_engine orInternal): a fixed-arity wrapper avoids rest-array allocation and
    // apply() on every decision (about 20% of parse time on large scripts).
    return function (this: unknown, alts: unknown) {
      real ??= build();
      return real.call(this, alts);
    } as unknown as ReturnType<LLkLookaheadStrategy["buildLookaheadForAlternation"]>;
  }

  override buildLookaheadForOptional(options: Parameters<LLkLookaheadStrategy["buildLookaheadForOptional"]>[0]): ReturnType<LLkLookaheadStrategy["buildLookaheadForOptional"]> {
    let real: LookaheadFn | undefined;
    const build = () => super.buildLookaheadForOptional(options) as unknown as LookaheadFn;
    return function (this: unknown) {
      real ??= build();
      return real.call(this);
    } as unknown as ReturnType<LLkLookaheadStrategy["buildLookaheadForOptional"]>;
  }
}
