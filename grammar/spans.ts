// Source positions: offsets -> 1-based line/column, computed from a table of line starts that is
// built once per source text (linear), then looked up by binary search.
import type { Span } from "./ast.ts";

export class LineIndex {
  /** Offsets at which each line starts (lineStarts[0] = 0). */
  private readonly starts: number[] = [0];
  /** How far the table has been built. */
  private scanned = 0;
  constructor(
    readonly text: string,
    /** Line number of the text's first line (for eval'd or sourced fragments). */
    readonly firstLine = 1,
  ) {}

  private extend(upTo: number): void {
    const t = this.text;
    let i = this.scanned;
    const lim = Math.min(upTo + 65536, t.length);
    while (i < lim) {
      const nl = t.indexOf("\n", i);
      if (nl < 0 || nl >= lim) {
        i = lim;
        break;
      }
      this.starts.push(nl + 1);
      i = nl + 1;
    }
    this.scanned = i;
  }

  /** 0-based line index of an offset. */
  /** The line of the previous lookup: lookups mostly move forward a little. */
  private last = 0;

  lineOf(offset: number): number {
    if (offset > this.scanned) this.extend(offset);
    const s = this.starts;
    const l = this.last;
    if (s[l]! <= offset && (l + 1 >= s.length || s[l + 1]! > offset)) return l;
    if (l + 2 < s.length && s[l + 1]! <= offset && s[l + 2]! > offset) return (this.last = l + 1);
    return (this.last = this.search(offset));
  }

  private search(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    if (s[hi]! <= offset) return hi;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  span(start: number, end: number): Span {
    const l = this.lineOf(start);
    return { start, end, line: l + this.firstLine, col: start - this.starts[l]! + 1 };
  }

  /** The text of the line containing `offset` (without its newline). */
  lineText(offset: number): string {
    const l = this.lineOf(offset);
    const s = this.starts[l]!;
    const e = this.text.indexOf("\n", s);
    return this.text.slice(s, e < 0 ? this.text.length : e);
  }
}
