// Lookahead from a precomputed table instead of Chevrotain's grammar recording and analysis.
//
// Chevrotain's performSelfAnalysis runs every rule once in "recording" mode to build the grammar
// AST, then computes for each decision point (OR, OPTION, MANY, ...) its LL(k) lookahead paths and
// a function that tests them. For this grammar the paths never change between runs, so
// grammar/lookahead-gen.ts computes them once with Chevrotain's own analysis (getLookaheadPaths)
// and stores them in grammar/lookahead-table.ts. installLookaheadTable() builds the same functions
// from the stored paths, each the first time its decision is reached, and puts them in Chevrotain's
// lookahead cache under Chevrotain's keys.
//
// The functions mirror Chevrotain 11's buildAlternativesLookAheadFunc (no predicates) and
// buildSingleAlternativeLookaheadFunction: alternatives are tried in order and the first whose
// path matches the next tokens wins; a token matches a path element of its own type or of one of
// its categories (tokenStructuredMatcher). test/grammar/lookahead-table.test.ts checks the table
// against a fresh analysis, and that both parsers give the same results.
import type { TokenType } from "chevrotain";

/** One decision point: Chevrotain's cache key, a description, the token paths per alternative
 *  (for OPTION / MANY / AT_LEAST_ONE one alternative: the paths that enter the repetition). */
export interface TableDecision {
  key: number;
  where: string;
  alts: string[][][];
  optional?: true;
}

export interface LookaheadTable {
  /** The grammar's rule names in definition order (they determine the keys). */
  rules: string[];
  maxLookahead: number;
  decisions: TableDecision[];
}

/** What a lookahead function sees of the parser. */
interface Recognizer {
  LA_FAST(i: number): { tokenTypeIdx: number };
}
type LookaheadFn = (this: Recognizer) => number | boolean | undefined;

/** Chevrotain's parser internals this module fills in. */
interface ParserInternals {
  definedRulesNames: string[];
  maxLookahead: number;
  lookAheadFuncsCache: Map<number, LookaheadFn>;
}

function matches(tokIdx: number, t: TokenType): boolean {
  return tokIdx === t.tokenTypeIdx || (t.isParent === true && t.categoryMatchesMap![tokIdx] === true);
}

function pathMatches(r: Recognizer, path: TokenType[]): boolean {
  for (let i = 0; i < path.length; i++) if (!matches(r.LA_FAST(i + 1).tokenTypeIdx, path[i]!)) return false;
  return true;
}

const oneToken = (alts: TokenType[][][]) => alts.every((alt) => alt.every((p) => p.length === 1));

/** An OR's function: the index of the first alternative one of whose paths matches, or undefined. */
function alternationFn(alts: TokenType[][][]): LookaheadFn {
  if (oneToken(alts)) {
    // each token type (and each member of a category) -> the first alternative that starts with it
    const choice: (number | undefined)[] = [];
    alts.forEach((alt, i) => {
      for (const [t] of alt) {
        choice[t!.tokenTypeIdx!] ??= i;
        for (const member of t!.categoryMatches ?? []) choice[member] ??= i;
      }
    });
    return function (this: Recognizer) {
      return choice[this.LA_FAST(1).tokenTypeIdx];
    };
  }
  // Some path is longer than one token. Unless a path is empty (it matches anything), dispatch on
  // the first token: the candidates for it, in the order the alternatives and paths are tried, are
  // [alternative, rest of the path]; the first whose rest matches wins.
  if (alts.some((alt) => alt.some((p) => p.length === 0))) {
    return function (this: Recognizer) {
      for (let i = 0; i < alts.length; i++) for (const path of alts[i]!) if (pathMatches(this, path)) return i;
      return undefined;
    };
  }
  const byFirst: [number, TokenType[]][][] = [];
  alts.forEach((alt, i) => {
    for (const path of alt) {
      const t = path[0]!;
      for (const idx of [t.tokenTypeIdx!, ...(t.categoryMatches ?? [])]) (byFirst[idx] ??= []).push([i, path.slice(1)]);
    }
  });
  return function (this: Recognizer) {
    const cands = byFirst[this.LA_FAST(1).tokenTypeIdx];
    if (cands === undefined) return undefined;
    for (let c = 0; c < cands.length; c++) {
      const [alt, rest] = cands[c]!;
      if (restMatches(this, rest)) return alt;
    }
    return undefined;
  };
}

/** Whether the tokens after the next one match `rest` (a path without its first element). */
function restMatches(r: Recognizer, rest: TokenType[]): boolean {
  for (let i = 0; i < rest.length; i++) if (!matches(r.LA_FAST(i + 2).tokenTypeIdx, rest[i]!)) return false;
  return true;
}

/** An OPTION's / repetition's function: true when one of the paths that enter it matches. */
function optionalFn(paths: TokenType[][]): LookaheadFn {
  if (oneToken([paths])) {
    if (paths.length === 1 && (paths[0]![0]!.categoryMatches ?? []).length === 0) {
      const idx = paths[0]![0]!.tokenTypeIdx;
      return function (this: Recognizer) {
        return this.LA_FAST(1).tokenTypeIdx === idx;
      };
    }
    const enter: boolean[] = [];
    for (const [t] of paths) {
      enter[t!.tokenTypeIdx!] = true;
      for (const member of t!.categoryMatches ?? []) enter[member] = true;
    }
    return function (this: Recognizer) {
      return enter[this.LA_FAST(1).tokenTypeIdx] === true;
    };
  }
  return function (this: Recognizer) {
    for (const path of paths) if (pathMatches(this, path)) return true;
    return false;
  };
}

/**
 * Fill the parser's lookahead cache from the table. Returns false (and changes nothing) when the
 * table does not describe this grammar's rules; the caller then runs Chevrotain's analysis.
 */
export function installLookaheadTable(parser: object, table: LookaheadTable, tokens: readonly TokenType[]): boolean {
  const p = parser as unknown as ParserInternals;
  const rules = p.definedRulesNames;
  if (table.maxLookahead !== p.maxLookahead || table.rules.length !== rules.length || table.rules.some((r, i) => rules[i] !== r)) return false;
  const byName = new Map<string, TokenType>();
  for (const t of tokens) byName.set(t.name, t);
  const cache = p.lookAheadFuncsCache;
  for (const d of table.decisions) {
    // Built on first use, then the cache holds the real function.
    cache.set(d.key, function (this: Recognizer) {
      const types = d.alts.map((alt) => alt.map((path) => path.map((n) => byName.get(n)!)));
      const fn = d.optional ? optionalFn(types[0]!) : alternationFn(types);
      cache.set(d.key, fn);
      return fn.call(this);
    });
  }
  return true;
}
