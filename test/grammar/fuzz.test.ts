// Fuzzing: random and mutated inputs only ever give ok / incomplete / error, never a throw, and
// parse time stays roughly linear in the input size.
import { describe, expect, it } from "vitest";
import { CommandReader, parse } from "../../grammar/index.ts";
import { ROUND_TRIP_CORPUS } from "./printer.test.ts";

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [
  " ", "\n", "\t", ";", "&", "|", "(", ")", "{", "}", "[", "]", "<", ">", "'", '"', "`", "$", "\\", "#", "=", "*", "?",
  "!", "@", "+", ",", ":", "-", "~", "/", "%", "^", "a", "b", "x", "1", "0",
  "if", "then", "fi", "case", "esac", "in", "do", "done", "for", "while", "((", "))", "[[", "]]", "$(", "${", "<<", "EOF",
  ";;", "&&", "||", "function", "$((",
];

function check(src: string, extglob: boolean): void {
  let r;
  try {
    r = parse(src, { extglob });
  } catch (e) {
    throw new Error(`parse threw on ${JSON.stringify(src)}: ${(e as Error).stack}`);
  }
  expect(["ok", "incomplete", "error"]).toContain(r.kind);
  try {
    const rd = new CommandReader(src, { extglob });
    for (let k = 0; k < 10000; k++) {
      const x = rd.next();
      if (x.kind !== "ok") break;
    }
  } catch (e) {
    throw new Error(`CommandReader threw on ${JSON.stringify(src)}: ${(e as Error).stack}`);
  }
}

describe("fuzz", () => {
  it("random token soup", () => {
    const rand = rng(12345);
    for (let n = 0; n < 3000; n++) {
      let s = "";
      const len = 1 + Math.floor(rand() * 40);
      for (let k = 0; k < len; k++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
      check(s, rand() < 0.5);
    }
  });
  it("mutations of valid scripts", () => {
    const rand = rng(777);
    for (let n = 0; n < 3000; n++) {
      let s = ROUND_TRIP_CORPUS[Math.floor(rand() * ROUND_TRIP_CORPUS.length)]!;
      const edits = 1 + Math.floor(rand() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rand() * (s.length + 1));
        const op = rand();
        if (op < 0.33) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 3));
        else if (op < 0.66) s = s.slice(0, at) + ALPHABET[Math.floor(rand() * ALPHABET.length)] + s.slice(at);
        else s = s.slice(0, at) + s.slice(Math.floor(rand() * s.length));
      }
      check(s, rand() < 0.5);
    }
  });
  it("deep nesting and long inputs stay bounded", () => {
    const t = performance.now();
    check("$(".repeat(200) + ")".repeat(200), false);
    check("(".repeat(500) + "a" + ")".repeat(500), false);
    check("{ ".repeat(300) + "a; " + "}; ".repeat(300), false);
    check('"'.repeat(5001), false);
    check("${x:-".repeat(300) + "}".repeat(300), false);
    check("a".repeat(200000), false);
    check("echo $(( ".repeat(100), false);
    expect(performance.now() - t).toBeLessThan(5000);
  });
  it("time grows about linearly with size", () => {
    const unit = ROUND_TRIP_CORPUS.join("\n") + "\n";
    const time = (n: number) => {
      const src = unit.repeat(n);
      const t = performance.now();
      expect(parse(src).kind).toBe("ok");
      return performance.now() - t;
    };
    // the best of three runs of each size: a GC pause or a busy machine slows single runs, but
    // not by the factor of 64 that quadratic growth would show
    const best = (n: number) => Math.min(time(n), time(n), time(n));
    time(20);
    const a = best(100);
    const b = best(800);
    expect(b / Math.max(a, 1)).toBeLessThan(24);
  });
});
