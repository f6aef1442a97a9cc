// The pattern operators of parameter expansion on one string:
//   ${x#p} ${x##p}   remove the shortest / longest prefix matching p
//   ${x%p} ${x%%p}   remove the shortest / longest suffix matching p
//   ${x/p/r}         replace the first longest match (// every match, /# anchored at the start,
//                    /% anchored at the end). In r, an unquoted & stands for the match
//                    (bash 5.2's patsub_replacement, on by default); \& and quoted & are literal.
// Patterns are pattern text (quoted characters backslash-escaped). Literals and stars around a
// literal (pattern-shape.ts) take string-search fast paths; others use the cached regular
// expressions of pattern.ts.
import type { MatchOptions } from "./pattern.ts";
import { affixRegExp, hasPatternChars, matchBytes, patternToRegExp, patternToSearchRegExp, unescapePattern, withByteClasses } from "./pattern.ts";
import { fromByteString, toByteString } from "../sys/utf8.ts";
import { Kind, shapeOf, shapeRemove } from "./pattern-shape.ts";

export function removeAffix(s: string, pat: string, op: "#" | "##" | "%" | "%%", opts: MatchOptions): string {
  if (matchBytes(opts, s, pat)) {
    // the C locale: remove whole bytes (a character cut in two keeps the bytes it has left)
    return fromByteString(withByteClasses(() => removeAffix(toByteString(s), toByteString(pat), op, { ...opts, localeVars: undefined })));
  }
  if (!opts.nocase) {
    // a literal, or literal text with stars at the ends: string searches (pattern-shape.ts)
    const sh = shapeOf(pat, !!opts.extglob);
    if (sh.kind !== Kind.None) return shapeRemove(sh, s, op);
  }
  const n = s.length;
  if (!opts.extglob) {
    // One search instead of a test per length (a long value with ${x%%$'\n'*} stays linear).
    if (op === "#" || op === "##") {
      const m = affixRegExp(pat, op, opts.nocase).exec(s);
      return m === null ? s : s.slice(m[0].length);
    }
    if (op === "%%") {
      const m = affixRegExp(pat, "%%", opts.nocase).exec(s);
      return m === null ? s : s.slice(0, m.index);
    }
    const re = affixRegExp(pat, "%", opts.nocase);
    for (let i = n; i >= 0; i--) {
      re.lastIndex = i;
      if (re.test(s)) return s.slice(0, i);
    }
    return s;
  }
  const re = patternToRegExp(pat, opts);
  switch (op) {
    case "#":
      for (let i = 0; i <= n; i++) if (re.test(s.slice(0, i))) return s.slice(i);
      return s;
    case "##":
      for (let i = n; i >= 0; i--) if (re.test(s.slice(0, i))) return s.slice(i);
      return s;
    case "%":
      for (let i = n; i >= 0; i--) if (re.test(s.slice(i))) return s.slice(0, i);
      return s;
    case "%%":
      for (let i = 0; i <= n; i++) if (re.test(s.slice(i))) return s.slice(0, i);
      return s;
  }
}

/** A parsed replacement: literal pieces, with null where the matched text goes. */
export type Replacement = (string | null)[];

/** Parse replacement text (pattern-escaped) for & and \ handling. */
export function parseReplacement(rep: string): Replacement {
  if (rep.indexOf("&") < 0 && rep.indexOf("\\") < 0) return [rep];
  const out: Replacement = [];
  let lit = "";
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i]!;
    if (c === "\\" && i + 1 < rep.length) lit += rep[++i];
    else if (c === "&") {
      out.push(lit, null);
      lit = "";
    } else lit += c;
  }
  out.push(lit);
  return out;
}

function applyReplacement(r: Replacement, match: string): string {
  if (r.length === 1) return r[0]!;
  let s = "";
  for (const piece of r) s += piece === null ? match : piece;
  return s;
}

export function replacePattern(
  s: string,
  pat: string,
  rep: Replacement,
  op: "/" | "//" | "/#" | "/%",
  opts: MatchOptions,
): string {
  if (matchBytes(opts, s, pat)) {
    const r = rep.map((piece) => (piece === null ? null : toByteString(piece)));
    return fromByteString(withByteClasses(() => replacePattern(toByteString(s), toByteString(pat), r, op, { ...opts, localeVars: undefined })));
  }
  const n = s.length;
  if (!opts.extglob && (op === "/#" || op === "/%")) {
    // Anchored replacement: the longest prefix / suffix, found as for ${x##p} / ${x%%p}.
    if (op === "/#") {
      const m = affixRegExp(pat, "##", opts.nocase).exec(s);
      return m === null ? s : applyReplacement(rep, m[0]) + s.slice(m[0].length);
    }
    const re = affixRegExp(pat, "%", opts.nocase);
    for (let i = 0; i <= n; i++) {
      re.lastIndex = i;
      if (re.test(s)) return s.slice(0, i) + applyReplacement(rep, s.slice(i));
    }
    return s;
  }
  if (op === "/#") {
    const re = patternToRegExp(pat, opts);
    for (let i = n; i >= 0; i--) {
      if (re.test(s.slice(0, i))) return applyReplacement(rep, s.slice(0, i)) + s.slice(i);
    }
    return s;
  }
  if (op === "/%") {
    const re = patternToRegExp(pat, opts);
    for (let i = 0; i <= n; i++) {
      if (re.test(s.slice(i))) return s.slice(0, i) + applyReplacement(rep, s.slice(i));
    }
    return s;
  }
  if (pat === "") return s;
  // An empty value is replaced when the pattern matches the empty string (bash).
  if (n === 0) return patternToRegExp(pat, opts).test("") ? applyReplacement(rep, "") : s;
  const all = op === "//";
  if (!opts.nocase && !hasPatternChars(pat, opts.extglob)) {
    const p = unescapePattern(pat);
    const r = applyReplacement(rep, p);
    if (!all) {
      const k = s.indexOf(p);
      return k < 0 ? s : s.slice(0, k) + r + s.slice(k + p.length);
    }
    return s.split(p).join(r);
  }
  // Leftmost match; the regex's greedy quantifiers give the longest one at that position, and
  // with extglob (where alternation may prefer a shorter one) the anchored form extends it.
  const search = patternToSearchRegExp(pat, opts);
  const anchored = opts.extglob ? patternToRegExp(pat, opts) : undefined;
  let out = "";
  let pos = 0;
  search.lastIndex = 0;
  while (pos <= n) {
    search.lastIndex = pos;
    const m = search.exec(s);
    if (m === null) break;
    const start = m.index;
    let end = start + m[0].length;
    if (anchored) {
      for (let j = n; j > end; j--) {
        if (anchored.test(s.slice(start, j))) {
          end = j;
          break;
        }
      }
    }
    if (end === start) {
      // An empty match (extglob ?(z), *(z)) is replaced before the character at its position,
      // and the scan moves on one character; none is replaced at the very end (bash).
      if (start >= n) break;
      out += s.slice(pos, start) + applyReplacement(rep, "") + s[start];
      pos = start + 1;
      if (!all) break;
      continue;
    }
    out += s.slice(pos, start) + applyReplacement(rep, s.slice(start, end));
    pos = end;
    if (!all) break;
  }
  return out + s.slice(pos);
}
