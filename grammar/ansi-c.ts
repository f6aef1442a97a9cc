// Decoding of bash's $'...' strings (ANSI-C quoting). The input is the text between the quotes.

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

/** Decode the escapes of a $'...' body; unknown escapes keep their backslash (as bash does). */
export function decodeAnsiC(s: string): string {
  if (s.indexOf("\\") < 0) return s;
  let out = "";
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i]!;
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
      out += String.fromCharCode(v & 0xff);
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
      out += d === "x" ? String.fromCharCode(v) : v <= 0x10ffff ? String.fromCodePoint(v) : "";
      i = j;
      continue;
    }
    if (d === "c" && i + 2 < n) {
      // \cX: control character; \c? is DEL.
      const x = s[i + 2]!;
      out += x === "?" ? "\x7f" : String.fromCharCode(x.toUpperCase().charCodeAt(0) & 0x1f);
      i += 3;
      continue;
    }
    out += "\\" + d;
    i += 2;
  }
  return out;
}
