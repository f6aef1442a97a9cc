// A left-to-right walk over command-line text that skips what is quoted: single and double quotes
// and backslash escapes (inside double quotes a backslash escapes the next character too). Used
// by completion to find command boundaries and word breaks the way bash's line scanning does.

/** Calls `at(i, c)` for each character of line[from, to) outside quotes and escapes; stops early
 *  when `at` returns true, returning that index. Returns -1 when it never does. */
export function scanUnquoted(line: string, from: number, to: number, at: (i: number, c: string) => boolean): number {
  let quote = "";
  for (let i = from; i < to; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = "";
      else if (c === "\\" && quote === '"') i++;
    } else if (c === "\\") i++;
    else if (c === "'" || c === '"') quote = c;
    else if (at(i, c)) return i;
  }
  return -1;
}
