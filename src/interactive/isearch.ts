// Incremental reverse history search (readline's reverse-search-history, Ctrl-R): the state of one
// search and its steps. A match is a history number plus the index of the query in that line; the
// search moves only towards older lines (and earlier positions in the same line). Every step can be
// undone with Backspace, back to the state before it, as readline does.

export interface SearchSource {
  /** The oldest history number. */
  readonly base: number;
  /** The text of line n as the editor shows it (edited copies included), or undefined. */
  lineOf(n: number): string | undefined;
}

interface Step {
  query: string;
  num: number;
  idx: number;
  failed: boolean;
}

export class IncrementalSearch {
  query = "";
  /** History number and position of the current match (or of the start point). */
  num: number;
  idx: number;
  failed = false;
  private readonly steps: Step[] = [];

  constructor(
    private readonly src: SearchSource,
    num: number,
    idx: number,
  ) {
    this.num = num;
    this.idx = idx;
  }

  /** The prompt readline shows while searching. */
  prompt(): string {
    return `(${this.failed ? "failed " : ""}reverse-i-search)\`${this.query}': `;
  }

  /** Typed text: the current match stays if the longer query still matches there, else the next
   *  older match. Returns false when nothing matches (the search is then "failed"). */
  extend(text: string): boolean {
    this.save();
    const query = this.query + text;
    const line = this.src.lineOf(this.num) ?? "";
    const r = !this.failed && line.startsWith(query, this.idx) ? { num: this.num, idx: this.idx } : this.find(query, this.num, this.idx);
    return this.apply(query, r);
  }

  /** Ctrl-R again: the next older match; with an empty query, searches for `previous` (the last
   *  search's query), as readline does. */
  again(previous: string | undefined): boolean {
    this.save();
    const query = this.query === "" ? (previous ?? "") : this.query;
    const r = this.idx - 1 >= 0 ? this.find(query, this.num, this.idx - 1) : this.find(query, this.num - 1, Infinity);
    return this.apply(query, r);
  }

  /** Backspace: undoes the last step. False when there is nothing to undo. */
  back(): boolean {
    const s = this.steps.pop();
    if (!s) return false;
    ({ query: this.query, num: this.num, idx: this.idx, failed: this.failed } = s);
    return true;
  }

  private save(): void {
    this.steps.push({ query: this.query, num: this.num, idx: this.idx, failed: this.failed });
  }

  private apply(query: string, r: { num: number; idx: number } | undefined): boolean {
    this.query = query;
    if (!r) {
      this.failed = true;
      return false;
    }
    this.num = r.num;
    this.idx = r.idx;
    this.failed = false;
    return true;
  }

  /** The newest match of `query` starting at or before (num, idx). */
  private find(query: string, num: number, idx: number): { num: number; idx: number } | undefined {
    for (let n = num; n >= this.src.base; n--) {
      const line = this.src.lineOf(n);
      if (line === undefined) continue;
      const from = n === num ? Math.min(idx, line.length) : line.length;
      const k = query === "" ? from : line.lastIndexOf(query, from);
      if (k >= 0) return { num: n, idx: k };
    }
    return undefined;
  }
}
