// scanUnquoted (src/interactive/quote-scan.ts): what completion treats as command separators and
// word breaks must skip quoted text and escapes.
import { describe, expect, it } from "vitest";
import { scanUnquoted } from "../../src/interactive/quote-scan.ts";

const all = (line: string, chars: string): number[] => {
  const out: number[] = [];
  scanUnquoted(line, 0, line.length, (i, c) => {
    if (chars.includes(c)) out.push(i);
    return false;
  });
  return out;
};

describe("scanUnquoted", () => {
  it("skips single- and double-quoted text and backslash escapes", () => {
    expect(all(`a;'b;c';"d;\\";e"\\;f;g`, ";")).toEqual([1, 7, 19]);
  });
  it("stops at the first character accepted and returns its index, or -1", () => {
    expect(scanUnquoted("x='a|b'|y", 0, 9, (_i, c) => c === "|")).toBe(7);
    expect(scanUnquoted("'|'", 0, 3, (_i, c) => c === "|")).toBe(-1);
  });
});
