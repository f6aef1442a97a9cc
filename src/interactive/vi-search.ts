// The history search of vi command mode (readline's non-incremental search): `/` searches older
// lines, `?` newer ones, for a line containing the text typed after it (`^text`: a line starting
// with it). The text is typed where the line was, after the prompt and the `/`; Enter searches,
// Backspace on an empty text, ^G, ^C and ESC give up (readline would take ESC into the text). An
// empty text repeats the last search; `n` searches older and `N` newer again (whatever the
// direction of the first search, as readline). A line found comes with the cursor at its start;
// when none is found the line is back, cursor at its start, and the bell rings.
import { prevPos } from "./text-motion.ts";
import { unixWordStart } from "./vi-motion.ts";
import { PRINTABLE } from "./vi-keymap.ts";
import type { ViEditor } from "./vi-mode.ts";

export class ViHistorySearch {
  private state: { dir: "/" | "?"; query: string; buf: string; pos: number } | undefined;
  private lastSearch: string | undefined;

  constructor(private readonly ed: ViEditor) {}

  get active(): boolean {
    return this.state !== undefined;
  }

  /** `/` or `?`: the text is typed next. */
  start(dir: "/" | "?"): void {
    this.state = { dir, query: "", buf: this.ed.buf, pos: this.ed.pos };
    this.ed.setPromptSuffix(dir);
    this.ed.setLine("", 0);
  }

  /** A new line: no search under way (the last text is kept). */
  cancel(): void {
    this.state = undefined;
  }

  /** n (`/`) and N (`?`). */
  again(dir: "/" | "?"): void {
    if (this.lastSearch === undefined || !this.findHistory(this.lastSearch, dir)) this.ed.bell();
  }

  /** One key while the text is typed. */
  key(key: string): void {
    const s = this.state!;
    const ed = this.ed;
    const show = () => ed.setLine(s.query, s.query.length);
    if (key === "\r" || key === "\n") {
      const query = s.query !== "" ? s.query : this.lastSearch;
      this.end();
      if (query === undefined) {
        ed.bell();
        return ed.moveTo(0);
      }
      this.lastSearch = query;
      if (!this.findHistory(query, s.dir)) {
        ed.bell();
        ed.moveTo(0);
      }
      return;
    }
    if (key === "\x7f" || key === "\x08") {
      if (s.query === "") return this.end();
      s.query = s.query.slice(0, prevPos(s.query, s.query.length));
      return show();
    }
    if (key === "\x15") {
      s.query = "";
      return show();
    }
    if (key === "\x17") {
      s.query = s.query.slice(0, unixWordStart(s.query, s.query.length));
      return show();
    }
    // ^G, ^C and ESC give the search up (readline takes ESC into the text).
    if (key === "\x07" || key === "\x03" || key === "\x1b") return this.end();
    if (!PRINTABLE.test(key) || key[0] === "\x1b") return ed.bell();
    s.query += key;
    show();
  }

  /** Leaves the search text: the line and cursor as they were. */
  private end(): void {
    const s = this.state!;
    this.state = undefined;
    this.ed.setPromptSuffix("");
    this.ed.setLine(s.buf, s.pos);
  }

  /** Shows the nearest line older (`/`) or newer (`?`) than the current one that contains
   *  `query` (starts with it when it begins with ^); false when there is none. */
  private findHistory(query: string, dir: "/" | "?"): boolean {
    const ed = this.ed;
    const anchored = query.startsWith("^");
    const text = anchored ? query.slice(1) : query;
    const step = dir === "/" ? -1 : 1;
    for (let n = ed.histNum + step; n >= ed.historyBase && n < ed.historyNext; n += step) {
      const line = ed.lineOf(n);
      if (line === undefined) continue;
      if (anchored ? line.startsWith(text) : line.includes(text)) return ed.showHistory(n, 0);
    }
    return false;
  }
}
