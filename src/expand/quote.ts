// Quoting text so that the shell reads it back as the same string, in bash's three styles:
//  - quoteForReuse: ${x@Q} and `set`/`alias` output: 'single quoted', '\'' for quotes;
//  - quoteBackslash: printf %q: backslash before each special character;
//  - quoteDouble: declare -p: "double quoted" with \ " $ ` escaped.
// All three switch to ANSI-C quoting ($'...') when the string holds control characters,
// exactly as bash does. Also: escapeGlob, which makes quoted text literal inside a pattern.

/** Characters special in patterns (and `&`, special in ${x/p/r} replacements): a quoted one is
 *  preceded by a backslash in pattern text. */
const GLOB_SPECIAL = /[\\*?[\]()|!+@&]/;
const GLOB_SPECIAL_G = /[\\*?[\]()|!+@&]/g;

/** True if s has a character that escapeGlob would escape. */
export function hasGlobSpecial(s: string): boolean {
  return GLOB_SPECIAL.test(s);
}

/** Make s match itself literally when used as a pattern (quoted text in pattern contexts). */
export function escapeGlob(s: string): string {
  return GLOB_SPECIAL.test(s) ? s.replace(GLOB_SPECIAL_G, "\\$&") : s;
}

/** Control characters, or an escaped byte (src/sys/utf8.ts: a byte that is not UTF-8), which
 *  bash also quotes as $'\ooo'. */
export const CONTROL = /[\x00-\x1f\x7f]|(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

/** bash's ansic_quote: $'...' with C escapes; other control bytes as 3-digit octal. */
export function quoteAnsiC(s: string): string {
  let out = "$'";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (c) {
      case 7: out += "\\a"; break;
      case 8: out += "\\b"; break;
      case 27: out += "\\E"; break;
      case 12: out += "\\f"; break;
      case 10: out += "\\n"; break;
      case 13: out += "\\r"; break;
      case 9: out += "\\t"; break;
      case 11: out += "\\v"; break;
      case 92: out += "\\\\"; break;
      case 39: out += "\\'"; break;
      default:
        if (c < 32 || c === 127) out += "\\" + c.toString(8).padStart(3, "0");
        else if (c >= 0xdc80 && c <= 0xdcff) out += "\\" + (c - 0xdc00).toString(8); // the byte itself
        else out += ch;
    }
  }
  return out + "'";
}

/** ${x@Q}: 'text' (or $'...' with control characters). */
export function quoteForReuse(s: string): string {
  if (CONTROL.test(s)) return quoteAnsiC(s);
  return "'" + (s.indexOf("'") < 0 ? s : s.replace(/'/g, "'\\''")) + "'";
}

/** Characters printf %q always escapes (bash's sh_backslash_quote). */
const BACKSLASH_SPECIAL = new Set(" \t\n'\"\\|&;()<>!{}*[?]^$`,");

/** printf %q: backslash-quoting ('' for the empty string, $'...' with control characters). */
export function quoteBackslash(s: string): string {
  if (s === "") return "''";
  if (CONTROL.test(s)) return quoteAnsiC(s);
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (BACKSLASH_SPECIAL.has(c) || (c === "#" && i === 0) || (c === "~" && i === 0)) out += "\\";
    out += c;
  }
  return out;
}

/** declare -p style: "text" with \ " $ ` escaped (or $'...' with control characters). */
export function quoteDouble(s: string): string {
  if (CONTROL.test(s)) return quoteAnsiC(s);
  return '"' + s.replace(/[\\"$`]/g, "\\$&") + '"';
}
