// Shell pattern matching (XCU 2.13 and bash's extglob): the language of case patterns, [[ == ]],
// ${x#pat} and the ${x/pat/rep} family, and pathname expansion (one directory level at a time).
//
// Patterns arrive as text in which quoted characters are backslash-escaped (see quote.ts,
// escapeGlob): `\*` is a literal star, `*` matches any string. They are compiled to anchored
// JavaScript regular expressions once and cached; `*` and `?` match any character including `/`
// (pathname expansion never hands a `/` to the matcher).
//
//   *  any string        ?  any character       [...] [!...] [^...]  bracket expressions with
//   ranges, [:class:] character classes, [=c=] and [.c.]     \c  the character c
//   extglob (when enabled): ?(p|q) *(p|q) +(p|q) @(p|q) !(p|q)
import { charsAreBytes, type LocaleVars } from "../state/locale.ts";
import { toByteString } from "../sys/utf8.ts";

import { Kind, shapeMatches, shapeOf } from "./pattern-shape.ts";

export interface MatchOptions {
  extglob?: boolean;
  /** nocasematch / nocaseglob */
  nocase?: boolean;
  /** The variables that choose the locale: with them, text that is not ASCII is matched byte by
   *  byte when they name the C locale (src/state/locale.ts). Without them, characters. */
  localeVars?: LocaleVars;
}

/** Whether these strings must be matched as bytes (C locale, and some text is not ASCII). */
export function matchBytes(opts: MatchOptions, a: string, b: string): boolean {
  return opts.localeVars !== undefined && (nonAscii(a) || nonAscii(b)) && charsAreBytes(opts.localeVars);
}

/** A plain loop: for the short strings patterns work on, cheaper than a regular expression. */
function nonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return true;
  return false;
}

/** POSIX character classes as JavaScript class contents, in the C locale (ASCII meaning; the
 *  byte strings of src/state/locale.ts). */
const CHAR_CLASSES: Record<string, string> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
  xdigit: "0-9A-Fa-f",
  word: "a-zA-Z0-9_",
};

/** The classes in a UTF-8 locale, where letters are not only ASCII ones (glibc: é is alpha,
 *  Ü upper, € punct). The others keep their ASCII meaning (glibc's digit and xdigit are ASCII;
 *  space, blank, cntrl, print and graph are left as in the C locale). */
const UTF8_CHAR_CLASSES: Record<string, string> = {
  ...CHAR_CLASSES,
  alpha: "\\p{Alphabetic}",
  alnum: "\\p{Alphabetic}0-9",
  upper: "\\p{Uppercase}",
  lower: "\\p{Lowercase}",
  punct: "!-\\/:-@\\[-`{-~\\p{P}\\p{S}",
  word: "\\p{Alphabetic}0-9_",
};

/** The body of POSIX class `name` for a JavaScript class ("u" flag), in the C locale (`bytes`)
 *  or a UTF-8 one; undefined for an unknown name. */
export function posixClass(name: string, bytes: boolean): string | undefined {
  return (bytes ? CHAR_CLASSES : UTF8_CHAR_CLASSES)[name];
}

/** 1 while a byte-string match compiles (C-locale classes), 0 otherwise: part of every cache key. */
let byteClasses = 0;

/** Run `f` with the C locale's classes (for matching byte strings). */
export function withByteClasses<T>(f: () => T): T {
  const saved = byteClasses;
  byteClasses = 1;
  try {
    return f();
  } finally {
    byteClasses = saved;
  }
}

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/;

function escapeRegexChar(c: string): string {
  return REGEX_SPECIAL.test(c) ? "\\" + c : c;
}
function escapeClassChar(c: string): string {
  return c === "\\" || c === "]" || c === "[" || c === "^" || c === "-" ? "\\" + c : c;
}

/** Code point at i as a string (patterns may contain astral characters). */
function charAt(p: string, i: number): string {
  const c = p.codePointAt(i)!;
  return c > 0xffff ? String.fromCodePoint(c) : p[i]!;
}

/**
 * Parse a bracket expression starting at p[i] === "[". Returns the regex class and the index after
 * the closing "]", or undefined when the bracket is not closed (then "[" is an ordinary character).
 */
function bracket(p: string, i: number): { re: string; end: number } | undefined {
  let j = i + 1;
  let negate = false;
  if (p[j] === "!" || p[j] === "^") {
    negate = true;
    j++;
  }
  let body = "";
  let first = true;
  while (j < p.length) {
    let c = charAt(p, j);
    if (c === "]" && !first) {
      return { re: body === "" ? (negate ? "[\\s\\S]" : "[^\\s\\S]") : `[${negate ? "^" : ""}${body}]`, end: j + 1 };
    }
    first = false;
    if (c === "[" && (p[j + 1] === ":" || p[j + 1] === "=" || p[j + 1] === ".")) {
      const kind = p[j + 1]!;
      const close = p.indexOf(kind + "]", j + 2);
      if (close >= 0) {
        const name = p.slice(j + 2, close);
        if (kind === ":") {
          const cls = posixClass(name, byteClasses === 1);
          if (cls === undefined) return undefined; // bash: an invalid class makes the bracket fail
          body += cls;
        } else {
          for (const ch of name) body += escapeClassChar(ch);
        }
        j = close + 2;
        continue;
      }
    }
    if (c === "\\" && j + 1 < p.length) {
      j++;
      c = charAt(p, j);
    }
    j += c.length;
    // A range c-d (a "-" first or last is literal).
    if (p[j] === "-" && j + 1 < p.length && p[j + 1] !== "]") {
      let d = charAt(p, j + 1);
      let k = j + 1;
      if (d === "\\" && k + 1 < p.length) {
        k++;
        d = charAt(p, k);
      }
      if (d.codePointAt(0)! >= c.codePointAt(0)!) body += escapeClassChar(c) + "-" + escapeClassChar(d);
      j = k + d.length;
      continue;
    }
    body += escapeClassChar(c);
  }
  return undefined;
}

/** Index of the ")" closing an extglob group whose "(" is at `open`, or -1. */
function groupEnd(p: string, open: number): number {
  let depth = 0;
  for (let i = open; i < p.length; i++) {
    const c = p[i];
    if (c === "\\") i++;
    else if (c === "[") {
      const b = bracket(p, i);
      if (b) i = b.end - 1;
    } else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Split an extglob group body at top-level "|". */
function splitAlternatives(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") i++;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out;
}

/** Convert p[from..to) to regex source. `top` is true at the outermost level (for !(...)). */
function convert(p: string, from: number, to: number, extglob: boolean, top: boolean, lazy = false): string {
  let re = "";
  let i = from;
  while (i < to) {
    const c = p[i]!;
    if (extglob && (c === "?" || c === "*" || c === "+" || c === "@" || c === "!") && p[i + 1] === "(") {
      const close = groupEnd(p, i + 1);
      if (close >= 0 && close < to) {
        const alts = splitAlternatives(p.slice(i + 2, close))
          .map((a) => convert(a, 0, a.length, extglob, false))
          .join("|");
        if (c === "!") {
          const rest = convert(p, close + 1, to, extglob, top);
          return re + `(?:(?!(?:${alts})${rest}${top ? "$" : ""})[\\s\\S]*?)` + rest;
        }
        re += c === "@" ? `(?:${alts})` : `(?:${alts})${c}`;
        i = close + 1;
        continue;
      }
    }
    switch (c) {
      case "*":
        re += lazy ? "[\\s\\S]*?" : "[\\s\\S]*";
        while (p[i + 1] === "*" && !(extglob && p[i + 2] === "(")) i++;
        i++;
        break;
      case "?":
        re += "[\\s\\S]";
        i++;
        break;
      case "[": {
        const b = bracket(p, i);
        if (b && b.end <= to) {
          re += b.re;
          i = b.end;
        } else {
          re += "\\[";
          i++;
        }
        break;
      }
      case "\\":
        if (i + 1 < to) {
          const e = charAt(p, i + 1);
          re += escapeRegexChar(e);
          i += 1 + e.length;
        } else {
          re += "\\\\";
          i++;
        }
        break;
      default: {
        const ch = charAt(p, i);
        re += escapeRegexChar(ch);
        i += ch.length;
      }
    }
  }
  return re;
}

const regexCache = new Map<string, RegExp>();
/** Anchored expressions, one map per option combination (no key building on the hot path). */
const anchoredCaches = Array.from({ length: 8 }, () => new Map<string, RegExp>());
const CACHE_LIMIT = 2048;

/** The anchored RegExp for a pattern (cached by pattern and options). */
export function patternToRegExp(pattern: string, opts: MatchOptions = {}): RegExp {
  const cache = anchoredCaches[(opts.extglob ? 1 : 0) + (opts.nocase ? 2 : 0) + byteClasses * 4]!;
  let re = cache.get(pattern);
  if (re === undefined) {
    const src = "^(?:" + convert(pattern, 0, pattern.length, !!opts.extglob, true) + ")$";
    try {
      re = new RegExp(src, opts.nocase ? "iu" : "u");
    } catch {
      // Should not happen; a pattern the translation gets wrong matches only itself.
      re = new RegExp("^" + Array.from(unescapePattern(pattern), escapeRegexChar).join("") + "$", "u");
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

/** The unanchored global RegExp for searching a pattern in a string (${x/p/r}). */
export function patternToSearchRegExp(pattern: string, opts: MatchOptions = {}): RegExp {
  const key = "g" + (opts.extglob ? "e" : "-") + (opts.nocase ? "i" : "-") + byteClasses + pattern;
  let re = regexCache.get(key);
  if (re === undefined) {
    try {
      re = new RegExp(convert(pattern, 0, pattern.length, !!opts.extglob, true), opts.nocase ? "giu" : "gu");
    } catch {
      re = new RegExp(Array.from(unescapePattern(pattern), escapeRegexChar).join(""), "gu");
    }
    if (regexCache.size >= CACHE_LIMIT) regexCache.clear();
    regexCache.set(key, re);
  }
  return re;
}

/** One cache per (kind, nocase), keyed by the pattern itself: a combined key string was built
 *  (and hashed as a fresh rope) on every ${x#p} (~5% of string-ops). Index: kindIndex * 2 + nocase. */
const affixCaches: Map<string, RegExp>[] = Array.from({ length: 16 }, () => new Map<string, RegExp>());

/**
 * Expressions for ${x#p} ${x##p} ${x%p} ${x%%p} without extglob: a prefix expression anchored
 * at the start (lazy stars find the shortest prefix, greedy ones the longest: with only
 * stars, ? and brackets the first match found is the shortest / longest one), or a sticky
 * suffix expression anchored at the end, tried at successive start positions ("%"), or the
 * same expression unanchored at the start ("%%": the engine's leftmost match is the longest
 * suffix, found in one native search instead of a test per start position).
 */
export function affixRegExp(pattern: string, kind: "#" | "##" | "%" | "%%", nocase = false): RegExp {
  const affixCache = affixCaches[(kind === "#" ? 0 : kind === "##" ? 2 : kind === "%" ? 4 : 6) + (nocase ? 1 : 0) + byteClasses * 8]!;
  let re = affixCache.get(pattern);
  if (re === undefined) {
    const body = convert(pattern, 0, pattern.length, false, false, kind === "#");
    const suffix = kind === "%" || kind === "%%";
    const flags = (nocase ? "i" : "") + (kind === "%" ? "uy" : "u");
    try {
      re = new RegExp(suffix ? `(?:${body})$` : `^(?:${body})`, flags);
    } catch {
      re = new RegExp(Array.from(unescapePattern(pattern), escapeRegexChar).join("") + (suffix ? "$" : ""), flags);
    }
    if (affixCache.size >= CACHE_LIMIT) affixCache.clear();
    affixCache.set(pattern, re);
  }
  return re;
}

/** True if the pattern has an unescaped special character (so it is not a plain string). */
export function hasPatternChars(p: string, extglob = false): boolean {
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 92 /* \ */) {
      i++;
      continue;
    }
    if (c === 42 || c === 63) return true; // * ?
    if (c === 91 /* [ */ && bracket(p, i) !== undefined) return true;
    if (extglob && p.charCodeAt(i + 1) === 40 && (c === 43 || c === 64 || c === 33)) return true; // +( @( !(
  }
  return false;
}

/** Remove pattern escapes: the literal string a pattern without special characters matches. */
export function unescapePattern(p: string): string {
  if (p.indexOf("\\") < 0) return p;
  let out = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === "\\" && i + 1 < p.length) out += p[++i];
    else out += c;
  }
  return out;
}

/** fnmatch: does the whole string s match the pattern? Literals and patterns like `*.c`,
 *  `lib*`, `*.so.*` are tested with string methods (pattern-shape.ts). */
export function matchPattern(pattern: string, s: string, opts: MatchOptions = {}): boolean {
  if (matchBytes(opts, pattern, s)) {
    return withByteClasses(() => matchPattern(toByteString(pattern), toByteString(s), { ...opts, localeVars: undefined }));
  }
  if (!opts.nocase) {
    const sh = shapeOf(pattern, !!opts.extglob);
    if (sh.kind !== Kind.None) return shapeMatches(sh, s);
  }
  return patternToRegExp(pattern, opts).test(s);
}
