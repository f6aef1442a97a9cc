// How variables are printed so that the shell can read them back, byte for byte as bash 5.2:
//  - `declare -p` / `export -p` / `readonly -p` / `local`: declare -<flags> name="value";
//  - `set` (no arguments): name=value with bash's minimal quoting.
// Arrays print as ([0]="a" [1]="b") and associative arrays as ([k]="v" ) (bash leaves a space
// before the closing parenthesis of an associative array).
import { quoteAnsiC, quoteDouble } from "../expand/quote.ts";
import { VarAttr } from "./var-store.ts";
import type { VarView } from "./variables.ts";

/** bash's ansic_shouldquote: a character that is not printable (controls, DEL, C1 controls),
 *  or a byte that is not UTF-8 (an escaped byte, src/sys/utf8.ts). */
function needsAnsiC(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 127 || (c >= 0x80 && c < 0xa0)) return true;
    if (c >= 0xdc80 && c <= 0xdcff && !(i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff)) return true;
  }
  return false;
}

/** bash's sh_contains_shell_metas: would the word change meaning if printed unquoted? */
export function hasShellMetas(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    switch (s[i]) {
      case " ": case "\t": case "\n":
      case "'": case '"': case "\\":
      case "|": case "&": case ";": case "(": case ")": case "<": case ">":
      case "!": case "{": case "}":
      case "*": case "[": case "?": case "]": case "^":
      case "$": case "`":
        return true;
      case "~":
        if (i === 0 || s[i - 1] === "=" || s[i - 1] === ":") return true;
        break;
      case "#":
        if (i === 0) return true;
        break;
    }
  }
  return false;
}

/** 'text' with each ' written as '\'' (bash's sh_single_quote). */
export function singleQuote(s: string): string {
  return "'" + (s.indexOf("'") < 0 ? s : s.replace(/'/g, "'\\''")) + "'";
}

/** A value as `set` prints it: $'...' with control characters, '...' with shell
 *  metacharacters, bare otherwise (the empty string prints as nothing: x=). */
export function quoteForSet(s: string): string {
  if (needsAnsiC(s)) return quoteAnsiC(s);
  if (hasShellMetas(s)) return singleQuote(s);
  return s;
}

/** A value as declare -p prints it: $'...' with control characters, else "..." escaped. */
export function quoteForDeclare(s: string): string {
  return needsAnsiC(s) ? quoteAnsiC(s) : quoteDouble(s);
}

/** An associative array key: bare when harmless, else "..." (or $'...'). */
function quoteKey(k: string): string {
  if (needsAnsiC(k)) return quoteAnsiC(k);
  return hasShellMetas(k) ? quoteDouble(k) : k;
}

/** The -<flags> of declare -p in bash's order (a A i n r t x c l u), or "--" when none.
 *  extra: flags the store does not keep (f for functions, t for traced functions). */
export function attrFlags(attrs: VarAttr, extra = ""): string {
  let f = "";
  if (attrs & VarAttr.Array) f += "a";
  if (attrs & VarAttr.Assoc) f += "A";
  if (extra.includes("f")) f += "f";
  if (attrs & VarAttr.Integer) f += "i";
  if (attrs & VarAttr.Nameref) f += "n";
  if (attrs & VarAttr.Readonly) f += "r";
  if (extra.includes("t")) f += "t";
  if (attrs & VarAttr.Export) f += "x";
  if (attrs & VarAttr.Lower) f += "l";
  if (attrs & VarAttr.Upper) f += "u";
  return f === "" ? "--" : "-" + f;
}

/** The right-hand side of an array: ([0]="a" [1]="b") or ([k]="v" ). */
function arrayValue(v: VarView): string {
  if (v.assoc !== undefined) {
    if (v.assoc.length === 0) return "()";
    let s = "(";
    for (const [k, val] of v.assoc) s += `[${quoteKey(k)}]=${quoteForDeclare(val)} `;
    return s + ")";
  }
  const parts: string[] = [];
  for (const [i, val] of v.indexed!) parts.push(`[${i}]=${quoteForDeclare(val)}`);
  return "(" + parts.join(" ") + ")";
}

/** `declare -p name` output line (without the newline). Declared-but-unset variables print
 *  without a value (declare -- x; declare -a a). */
export function declareLine(v: VarView, prefix = "declare"): string {
  const head = prefix === "declare" ? `declare ${attrFlags(v.attrs)} ${v.name}` : `${prefix} ${v.name}`;
  if (v.attrs & VarAttr.Unset) return head;
  if (v.indexed !== undefined || v.assoc !== undefined) return `${head}=${arrayValue(v)}`;
  if (v.value === undefined) return head;
  return `${head}=${quoteForDeclare(v.value)}`;
}

/** `set` output line: name=value (arrays as in declare -p), or undefined for unset variables. */
export function setLine(v: VarView): string | undefined {
  if (v.attrs & VarAttr.Unset) return undefined;
  if (v.indexed !== undefined || v.assoc !== undefined) return `${v.name}=${arrayValue(v)}`;
  if (v.value === undefined) return undefined;
  return `${v.name}=${quoteForSet(v.value)}`;
}
