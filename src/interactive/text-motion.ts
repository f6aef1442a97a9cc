// Cursor stops in the edit buffer (a JS string indexed in UTF-16 units): characters are whole
// code points together with the zero-width marks that follow them (combining accents, variation
// selectors) and emoji joined by ZWJ, so the cursor never lands inside what the terminal shows as
// one glyph. Words for Alt-B/F/D are runs of letters and digits, as readline's.
import { isZeroWidth } from "./wcwidth.ts";

export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD_CHAR.test(c);
}
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Previous cursor stop: one character back, skipping zero-width marks and surrogate halves. */
export function prevPos(buf: string, p: number): number {
  while (p > 0) {
    p--;
    const c = buf.charCodeAt(p);
    if (c >= 0xdc00 && c < 0xe000 && p > 0) {
      const h = buf.charCodeAt(p - 1);
      if (h >= 0xd800 && h < 0xdc00) p--;
    }
    const cp = buf.codePointAt(p)!;
    if (!isZeroWidth(cp) || p === 0) {
      // A joiner glues the previous character to this one (emoji sequences).
      if (p > 0 && buf.charCodeAt(p - 1) === 0x200d) continue;
      return p;
    }
  }
  return 0;
}

/** Next cursor stop: past one character and the zero-width marks attached to it. */
export function nextPos(buf: string, p: number): number {
  if (p >= buf.length) return buf.length;
  p += buf.codePointAt(p)! > 0xffff ? 2 : 1;
  while (p < buf.length) {
    const cp = buf.codePointAt(p)!;
    if (cp === 0x200d) {
      p++;
      if (p < buf.length) p += buf.codePointAt(p)! > 0xffff ? 2 : 1;
      continue;
    }
    if (!isZeroWidth(cp)) break;
    p += cp > 0xffff ? 2 : 1;
  }
  return p;
}

/** Start of the word before p (backward-word). */
export function wordStart(buf: string, p: number): number {
  while (p > 0 && !isWordChar(buf[p - 1])) p--;
  while (p > 0 && isWordChar(buf[p - 1])) p--;
  return p;
}

/** End of the word after p (forward-word). */
export function wordEnd(buf: string, p: number): number {
  const n = buf.length;
  while (p < n && !isWordChar(buf[p])) p++;
  while (p < n && isWordChar(buf[p])) p++;
  return p;
}
