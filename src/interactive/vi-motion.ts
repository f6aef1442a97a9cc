// Cursor motions of vi command mode (readline's vi_mode.c), as pure functions of the line and the
// cursor: w W b B e E, f F t T with ; and ,, ^ | and %. Each takes a count and returns the new
// position; a motion that cannot move returns the position it was given.
//
// Classes of characters, as readline's: blanks are space and tab; "word" characters (an `ident`)
// are letters, digits and `_`; everything else is punctuation. w/b/e stop where the class changes,
// W/B/E only at blanks. Positions step over whole characters (text-motion.ts), never into a
// surrogate pair or a combining sequence.
//
// The quirks are readline's, on purpose: `w` does nothing on the last character; `b` stops at
// position 0 even when that is a blank; `t` followed by `;` does not move past the character it
// stopped before; a count larger than the matches moves as far as the matches go.
import { nextPos, prevPos } from "./text-motion.ts";

export function isBlank(c: string | undefined): boolean {
  return c === " " || c === "\t";
}

const IDENT = /[\p{L}\p{N}_]/u;
export function isIdent(c: string | undefined): boolean {
  return c !== undefined && IDENT.test(c);
}

/** The character (code point) at p, or undefined at the end. */
function at(b: string, p: number): string | undefined {
  if (p >= b.length) return undefined;
  return String.fromCodePoint(b.codePointAt(p)!);
}

/** `w` (bigWord false) and `W`: to the start of the count'th next word. */
export function nextWord(b: string, p: number, count: number, bigWord: boolean): number {
  const end = b.length;
  while (count-- > 0 && p < end - 1) {
    if (bigWord) {
      while (p < end && !isBlank(at(b, p))) p = nextPos(b, p);
    } else if (isIdent(at(b, p))) {
      while (p < end && isIdent(at(b, p))) p = nextPos(b, p);
    } else {
      while (p < end && !isIdent(at(b, p)) && !isBlank(at(b, p))) p = nextPos(b, p);
    }
    while (p < end && isBlank(at(b, p))) p = nextPos(b, p);
  }
  return p;
}

/** `b` and `B`: to the start of the count'th previous word. */
export function prevWord(b: string, p: number, count: number, bigWord: boolean): number {
  while (count-- > 0 && p > 0) {
    // At the start of a word: step onto the blank before it so the previous word is found.
    if (!isBlank(at(b, p)) && isBlank(at(b, prevPos(b, p)))) {
      p = prevPos(b, p);
      if (p === 0 && !bigWord) break;
    }
    if (!bigWord) {
      // Between two classes (`l;`): start from the character before.
      const cur = isIdent(at(b, p));
      const back = prevPos(b, p);
      if (cur !== isIdent(at(b, back))) p = back;
    }
    while (p > 0 && isBlank(at(b, p))) p = prevPos(b, p);
    if (p === 0) continue;
    const inClass = bigWord
      ? (c: string | undefined) => !isBlank(c)
      : isIdent(at(b, p))
        ? isIdent
        : (c: string | undefined) => !isIdent(c) && !isBlank(c);
    let last = p;
    do {
      last = p;
      p = prevPos(b, p);
    } while (p > 0 && inClass(at(b, p)));
    if (p > 0) p = last;
  }
  return p;
}

/** `e` and `E`: to the last character of the count'th word ending after p. */
export function wordEnd(b: string, p: number, count: number, bigWord: boolean): number {
  const end = b.length;
  while (count-- > 0 && p < end - 1) {
    if (!isBlank(at(b, p))) p = nextPos(b, p);
    while (p < end && isBlank(at(b, p))) p = nextPos(b, p);
    if (p >= end) break;
    const inClass = bigWord
      ? (c: string | undefined) => !isBlank(c)
      : isIdent(at(b, p))
        ? isIdent
        : (c: string | undefined) => !isIdent(c) && !isBlank(c);
    let last = p;
    while (p < end && inClass(at(b, p))) {
      last = p;
      p = nextPos(b, p);
    }
    p = last;
  }
  return p;
}

/** The four character searches: f and F land on the character, t and T next to it. */
export type CharSearch = "f" | "F" | "t" | "T";

/** The search `,` runs after `kind`: the same one in the other direction. */
export function reverseSearch(kind: CharSearch): CharSearch {
  return ({ f: "F", F: "f", t: "T", T: "t" } as const)[kind];
}

/** f F t T: the count'th occurrence of ch after (f, t) or before (F, T) p. Each repeat starts from
 *  the occurrence found, not from where `t` left the cursor. */
export function charSearch(b: string, p: number, count: number, kind: CharSearch, ch: string): number {
  const forward = kind === "f" || kind === "t";
  let result = p;
  let q = p;
  while (count > 0) {
    if (forward ? q >= b.length - prevLen(b) : q <= 0) return result;
    q = forward ? nextPos(b, q) : prevPos(b, q);
    let found = false;
    for (;;) {
      if (b.startsWith(ch, q)) {
        count--;
        result = kind === "t" ? prevPos(b, q) : kind === "T" ? nextPos(b, q) : q;
        found = true;
        break;
      }
      const n = forward ? nextPos(b, q) : prevPos(b, q);
      if (n === q || (forward && n >= b.length)) break;
      q = n;
    }
    if (!found) return result;
  }
  return result;
}

/** Length of the last character: `q >= end - 1` in readline's terms, for any character width. */
function prevLen(b: string): number {
  return b.length - prevPos(b, b.length);
}

/** `^`: the first character that is not a blank (the end of an all-blank line). */
export function firstNonBlank(b: string): number {
  let p = 0;
  while (p < b.length && isBlank(at(b, p))) p = nextPos(b, p);
  return p;
}

/** `|`: column count (1-based, counted in characters); past the end goes to the end. */
export function column(b: string, count: number): number {
  let p = 0;
  for (let i = 1; i < count; i++) {
    if (p >= b.length) return b.length;
    p = nextPos(b, p);
  }
  return p;
}

const OPEN = "([{";
const CLOSE = ")]}";

/** `%`: the bracket matching the one under the cursor, or the first one after it; undefined when
 *  there is none or it is not matched. */
export function matchBracket(b: string, p: number): number | undefined {
  while (p < b.length && !OPEN.includes(b[p]!) && !CLOSE.includes(b[p]!)) p++;
  if (p >= b.length) return undefined;
  const c = b[p]!;
  const open = OPEN.includes(c);
  const mate = open ? CLOSE[OPEN.indexOf(c)]! : OPEN[CLOSE.indexOf(c)]!;
  let depth = 1;
  for (let q = open ? p + 1 : p - 1; q >= 0 && q < b.length; q += open ? 1 : -1) {
    if (b[q] === c) depth++;
    else if (b[q] === mate && --depth === 0) return q;
  }
  return undefined;
}

/** Blanks and ASCII punctuation end the words of vi's ^W (POSIX's vi-mode ^W). */
function isBoundary(c: string | undefined): boolean {
  return c !== undefined && /[ \t!-/:-@[-`{-~]/.test(c);
}

/** ^W in vi mode: where the word before p starts. Blanks at the end of the line go with the word
 *  before them; a run of punctuation is a word of its own (readline's rl_vi_unix_word_rubout). */
export function unixWordStart(b: string, p: number): number {
  if (p === 0) return 0;
  if (p === b.length && isBlank(b[p - 1])) {
    while (--p > 0 && isBlank(b[p]));
  }
  if (p > 0 && !isBoundary(b[p]) && isBoundary(b[p - 1])) p--;
  if (p > 0 && isBoundary(b[p])) {
    while (p > 0 && isBoundary(b[p - 1])) p--;
  } else if (p > 0) {
    while (p > 0 && !isBoundary(b[p - 1])) p = prevPos(b, p);
  }
  return p;
}
