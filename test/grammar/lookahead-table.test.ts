// The parser takes its lookahead from grammar/lookahead-table.ts instead of Chevrotain's grammar
// analysis (grammar/precomputed-lookahead.ts). The table must be what the analysis gives for the
// grammar as it is, and the functions built from it must decide exactly as Chevrotain's.
import { readFileSync } from "node:fs";
import { EOF, type TokenType } from "chevrotain";
import { describe, expect, it } from "vitest";
import { computeLookaheadTable, TABLE_FILE, tableSource } from "../../grammar/lookahead-gen.ts";
import { LOOKAHEAD_TABLE } from "../../grammar/lookahead-table.ts";
import { ShParser } from "../../grammar/parser.ts";
import { allTokens } from "../../grammar/tokens.ts";
import { parse } from "../../grammar/index.ts";

type Fn = (this: unknown, alts?: unknown) => unknown;
const cacheOf = (p: ShParser) => (p as unknown as { lookAheadFuncsCache: Map<number, Fn> }).lookAheadFuncsCache;

describe("the precomputed lookahead table", () => {
  it("is up to date with the grammar (else run `bun grammar/lookahead-gen.ts`)", () => {
    expect(readFileSync(TABLE_FILE, "utf8")).toBe(tableSource(computeLookaheadTable()));
  });

  it("has exactly the decision keys of Chevrotain's own lookahead cache", () => {
    const analysed = [...cacheOf(new ShParser("analyse")).keys()].sort((a, b) => a - b);
    expect(LOOKAHEAD_TABLE.decisions.map((d) => d.key)).toEqual(analysed);
    expect([...cacheOf(new ShParser("table")).keys()].sort((a, b) => a - b)).toEqual(analysed);
  });

  it("decides like Chevrotain's LL(k) functions for every pair of next tokens (and a third)", () => {
    const chevrotain = cacheOf(new ShParser("analyse"));
    const table = cacheOf(new ShParser("table"));
    const types: TokenType[] = [...allTokens.filter((t) => t.name !== "Word"), EOF];
    let seq: TokenType[] = [];
    const recognizer = { LA_FAST: (i: number) => ({ tokenTypeIdx: seq[i - 1]!.tokenTypeIdx! }) };
    let checked = 0;
    for (const d of LOOKAHEAD_TABLE.decisions) {
      const deep = d.alts.some((alt) => alt.some((p) => p.length >= 3));
      for (const a of types)
        for (const b of types)
          for (const c of deep ? types : [EOF]) {
            seq = [a, b, c];
            // the table's stub builds the real function on its first call: call through the cache each time
            const want = chevrotain.get(d.key)!.call(recognizer, []);
            const got = table.get(d.key)!.call(recognizer, []);
            if (got !== want) throw new Error(`${d.where}: [${a.name} ${b.name} ${c.name}] table ${String(got)}, Chevrotain ${String(want)}`);
            checked++;
          }
    }
    expect(checked).toBeGreaterThan(10000);
  });

  it("reports syntax errors at the same token without Chevrotain's grammar AST", () => {
    for (const src of ["if then fi", "a && && b", "{ }", "case x in a) ;; b c) ;; esac", "f() ( ", "while :; do", "for ((;;)) x"]) {
      const r = parse(src);
      expect(r.kind, src).not.toBe("ok");
    }
    expect(parse("echo a; fi").kind === "error" && parse("echo a; fi")).toMatchObject({ error: { token: "fi" } });
  });
});
