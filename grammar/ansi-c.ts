// Decoding of bash's $'...' strings (ANSI-C quoting). The input is the text between the quotes.
import { decodeUtf8 } from "../src/sys/utf8.ts";

/** Simple one-letter escapes: one table. */
const SIMPLE: Record<string, string> = {
  a: "\x07",
  b: "\b",
  e: "\x1b",
  E: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "?": "?",
};

function isHex(c: string | undefined): boolean {
  return c !== undefined && ((c >= "0" && c <= "9") || (c >= "a" && c <= "f") || (c >= "A" && c <= "F"));
}

/**
 * Text of a run of byte escapes (\xHH, \nnn). bash builds $'...' as bytes, so consecutive byte escapes that
 * form a valid UTF-8 sequence are one character (`$'\xce\xbc'` is "μ"); a byte that starts no valid sequence
 * stays that byte (an escaped byte, src/sys/utf8.ts), which output writes back unchanged.
 */
function bytesText(bytes: number[]): string {
  return decodeUtf8(new Uint8Array(bytes));
}

/**
 * Decode the escapes of a $'...' body; unknown escapes keep their backslash (as bash does). The value ends at
 * the first NUL an escape produces (\0, \x00, \u0000, \c@): bash's strings are C strings.
 */
export function decodeAnsiC(s: string): string {
  if (s.indexOf("\\") < 0) return s;
  let out = "";
  let i = 0;
  const n = s.length;
  // Pending run of byte escapes, decoded together when the run ends.
  let bytes: number[] | undefined;
  const flush = (): void => {
    if (bytes !== undefined) {
      out += bytesText(bytes);
      bytes = undefined;
    }
  };
  while (i < n) {
    const c = s[i]!;
    const d0 = s[i + 1];
    const isByteEscape = c === "\\" && d0 !== undefined && ((d0 >= "0" && d0 <= "7") || (d0 === "x" && isHex(s[i + 2])));
    if (!isByteEscape) flush();
    if (c !== "\\" || i + 1 >= n) {
      out += c;
      i++;
      continue;
    }
    const d = s[i + 1]!;
    const simple = SIMPLE[d];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    if (d >= "0" && d <= "7") {
      // \nnn: one to three octal digits (value taken modulo 256, as bash).
      let j = i + 1;
      let v = 0;
      while (j < n && j < i + 4 && s[j]! >= "0" && s[j]! <= "7") v = v * 8 + (s.charCodeAt(j++) - 48);
      v &= 0xff;
      if (v === 0) {
        flush();
        return out;
      }
      (bytes ??= []).push(v);
      i = j;
      continue;
    }
    if (d === "x" || d === "u" || d === "U") {
      const max = d === "x" ? 2 : d === "u" ? 4 : 8;
      let j = i + 2;
      while (j < n && j < i + 2 + max && isHex(s[j])) j++;
      if (j === i + 2) {
        out += "\\" + d;
        i += 2;
        continue;
      }
      const v = parseInt(s.slice(i + 2, j), 16);
      if (v === 0) {
        flush();
        return out;
      }
      if (d === "x") (bytes ??= []).push(v);
      else out += v <= 0x10ffff ? String.fromCodePoint(v) : "";
      i = j;
      continue;
    }
    if (d === "c" && i + 2 < n) {
      // \cX: control character; \c? is DEL.
      const x = s[i + 2]!;
      const code = x === "?" ? 0x7f : x.toUpperCase().charCodeAt(0) & 0x1f;
      if (code === 0) return out; // nothing pending: \c is not a byte escape
      out += String.fromCharCode(code);
      i += 3;
      continue;
    }
    out += "\\" + d;
    i += 2;
  }
  flush();
  return out;
}
