// Backslash escapes, numeric argument parsing and %q quoting, shared by printf and echo.
//
// All text here is a "byte string": one JS char per byte (codes 0-255), because bash's printf
// works on bytes (widths and precisions count bytes, \xHH yields a raw byte). Callers convert
// with toBytes/fromBytes from io.ts.
import { charsAreBytes, type LocaleVars } from "../src/state/locale.ts";

/** Which dialect of backslash escapes:
 *  - "format": printf's format string (\NNN octal, 1-3 digits; also \" \' \?; \c is literal)
 *  - "b":      printf %b arguments (\0NNN and \NNN; \c stops all output)
 *  - "echo":   echo -e (\0NNN only; \c stops all output) */
export type EscapeMode = "format" | "b" | "echo";

export interface EscapeResult {
  text: string;
  /** \c was seen: the caller stops producing output. */
  stop: boolean;
}

const SIMPLE_ESCAPES: Record<string, string> = {
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
};

function isOct(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "7";
}
function hexVal(c: string | undefined): number {
  if (c === undefined) return -1;
  const k = c.charCodeAt(0);
  if (k >= 48 && k <= 57) return k - 48;
  if (k >= 97 && k <= 102) return k - 87;
  if (k >= 65 && k <= 70) return k - 55;
  return -1;
}

/** The UTF-8 encoding of code point cp as a byte string. */
export function utf8Bytes(cp: number): string {
  return Buffer.from(String.fromCodePoint(cp), "utf8").toString("latin1");
}

/**
 * Expand backslash escapes in byte string s. `warn` receives bash's complaints ("missing hex
 * digit for \x"); they do not change the exit status.
 */
export function expandEscapes(s: string, mode: EscapeMode, warn?: (msg: string) => void): EscapeResult {
  if (s.indexOf("\\") < 0) return { text: s, stop: false };
  let out = "";
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s[i]!;
    if (c !== "\\" || i + 1 >= n) {
      out += c;
      i++;
      continue;
    }
    const d = s[i + 1]!;
    i += 2;
    const simple = SIMPLE_ESCAPES[d];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    switch (d) {
      case "c":
        if (mode === "format") out += "\\c";
        else return { text: out, stop: true };
        continue;
      case '"':
      case "'":
      case "?":
        out += mode === "format" ? d : "\\" + d;
        continue;
      case "x": {
        let v = 0;
        let k = 0;
        while (k < 2 && hexVal(s[i]) >= 0) v = v * 16 + hexVal(s[i++]), k++;
        if (k === 0) {
          warn?.("missing hex digit for \\x");
          out += "\\x";
        } else out += String.fromCharCode(v);
        continue;
      }
      case "u":
      case "U": {
        const max = d === "u" ? 4 : 8;
        let v = 0;
        let k = 0;
        while (k < max && hexVal(s[i]) >= 0) v = v * 16 + hexVal(s[i++]), k++;
        if (k === 0) {
          warn?.(`missing unicode digit for \\${d}`);
          out += "\\" + d;
        } else out += v <= 0x10ffff ? utf8Bytes(v) : "";
        continue;
      }
    }
    if (isOct(d)) {
      // format: \NNN (the first digit counts); b: \0NNN or \NNN; echo: only \0NNN
      let max: number;
      let v: number;
      if (mode === "format") {
        max = 2;
        v = d.charCodeAt(0) - 48;
      } else if (d === "0") {
        max = 3;
        v = 0;
      } else if (mode === "b") {
        max = 2;
        v = d.charCodeAt(0) - 48;
      } else {
        out += "\\" + d;
        continue;
      }
      for (let k = 0; k < max && isOct(s[i]); k++) v = v * 8 + (s.charCodeAt(i++) - 48);
      out += String.fromCharCode(v & 0xff);
      continue;
    }
    out += "\\" + d;
  }
  return { text: out, stop: false };
}

// --- numeric arguments -------------------------------------------------------------------------

export interface NumResult {
  /** The value (bigint: bash's intmax_t range, clamped). */
  value: bigint;
  /** An error message (the argument is still used with the prefix value, status becomes 1). */
  error?: string;
  /** A warning that does not change the status (out of range). */
  warning?: string;
}

const INTMAX = (1n << 63n) - 1n;
const INTMIN = -(1n << 63n);
const UINTMAX = (1n << 64n) - 1n;

/**
 * An integer argument as bash's printf reads it (strtoimax, base 0): blanks, sign, 0x hex,
 * 0 octal, decimal; 'c or "c gives the character's code point; "" is 0. Trailing junk is an
 * "invalid number" error, but the value parsed so far is used.
 */
/** The variables that choose the locale for the current printf ('c is a byte in the C locale,
 *  a character in a UTF-8 one: src/state/locale.ts); set by printf for each run. */
let localeVars: LocaleVars | undefined;
export function setPrintfLocale(vars: LocaleVars | undefined): void {
  localeVars = vars;
}

export function parseIntArg(arg: string, unsigned = false): NumResult {
  const n = arg.length;
  if (n === 0) return { value: 0n };
  const c0 = arg.charCodeAt(0);
  if (c0 === 39 || c0 === 34) {
    // ' or ": the (multibyte) character after it; in the C locale its first byte
    if (n === 1) return { value: 0n };
    if (localeVars !== undefined && charsAreBytes(localeVars)) return { value: BigInt(arg.charCodeAt(1)) };
    const rest = Buffer.from(arg.slice(1), "latin1").toString("utf8");
    const cp = rest.codePointAt(0)!;
    return { value: BigInt(cp === 0xfffd ? arg.charCodeAt(1) : cp) };
  }
  // fast path: plain decimal
  if (n < 16 && /^-?[1-9][0-9]*$|^0$/.test(arg) && !(unsigned && c0 === 45)) return { value: BigInt(arg) };
  let i = 0;
  while (i < n && (arg[i] === " " || arg[i] === "\t" || arg[i] === "\n")) i++;
  let neg = false;
  if (arg[i] === "-" || arg[i] === "+") neg = arg[i++] === "-";
  let base = 10;
  let digitsStart = i;
  if (arg[i] === "0") {
    if ((arg[i + 1] === "x" || arg[i + 1] === "X") && hexVal(arg[i + 2]) >= 0) {
      base = 16;
      i += 2;
    } else base = 8;
    digitsStart = i;
  }
  let v = 0n;
  const b = BigInt(base);
  while (i < n) {
    const h = hexVal(arg[i]);
    if (h < 0 || h >= base) break;
    v = v * b + BigInt(h);
    i++;
  }
  const res: NumResult = { value: neg ? -v : v };
  if (unsigned) {
    // strtoumax: the magnitude must fit in 64 bits; a minus sign negates it modulo 2^64
    if (v > UINTMAX) {
      res.value = UINTMAX;
      res.warning = `warning: ${arg}: Numerical result out of range`;
    } else res.value = neg ? BigInt.asUintN(64, -v) : v;
  } else if (res.value > INTMAX || res.value < INTMIN) {
    res.value = res.value > INTMAX ? INTMAX : INTMIN;
    res.warning = `warning: ${arg}: Numerical result out of range`;
  }
  if (i === digitsStart && base !== 8) res.error = `${arg}: invalid number`;
  else if (i < n) {
    const bad = base === 8 && arg[i]! >= "0" && arg[i]! <= "9";
    res.error = bad ? `${arg}: invalid octal number` : `${arg}: invalid number`;
  }
  return res;
}

const FLOAT_PREFIX = /^[ \t\n]*[-+]?(?:0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][-+]?[0-9]+)?|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|inf(?:inity)?|nan)/i;

/** A floating-point argument (strtold): decimal, hex floats, inf, nan, 'c. */
export function parseFloatArg(arg: string): { value: number; error?: string } {
  if (arg.length === 0) return { value: 0 };
  const c0 = arg.charCodeAt(0);
  if (c0 === 39 || c0 === 34) return { value: Number(parseIntArg(arg).value) };
  const m = FLOAT_PREFIX.exec(arg);
  if (!m) return { value: 0, error: `${arg}: invalid number` };
  const t = m[0].trim();
  let value: number;
  const body = t.replace(/^[-+]/, "");
  const neg = t.startsWith("-");
  if (/^0x/i.test(body)) value = parseHexFloat(body);
  else if (/^inf/i.test(body)) value = Infinity;
  else if (/^nan/i.test(body)) value = NaN;
  else value = Number(body);
  if (neg) value = -value;
  return m[0].length < arg.length ? { value, error: `${arg}: invalid number` } : { value };
}

function parseHexFloat(s: string): number {
  const m = /^0x([0-9a-f]*)\.?([0-9a-f]*)(?:p([-+]?[0-9]+))?$/i.exec(s)!;
  const int = m[1] || "0";
  const frac = m[2] ?? "";
  const mant = parseInt(int + frac || "0", 16);
  return mant * Math.pow(2, Number(m[3] ?? 0) - 4 * frac.length);
}

// --- %q ------------------------------------------------------------------------------------------

/** Characters bash's printf %q protects with a backslash (anywhere in the word). */
const Q_SPECIAL = new Set(" \t\n'\"\\|&;()<>!{}*[]?^$`,".split(""));

function isPrintableCp(cp: number): boolean {
  if (cp < 0x20 || cp === 0x7f) return false;
  if (cp >= 0x80 && cp < 0xa0) return false;
  return true;
}

/**
 * Quote a byte string so the shell reads it back as the same word, exactly as bash's %q:
 * '' for empty, $'...' when it holds unprintable bytes, backslashes otherwise.
 */
export function shellQuote(b: string): string {
  if (b.length === 0) return "''";
  const text = Buffer.from(b, "latin1").toString("utf8");
  // A byte string that is not valid UTF-8 decodes with U+FFFD: treat those bytes as unprintable.
  let needAnsi = text.includes("\ufffd") && !b.includes("\xef\xbf\xbd");
  if (!needAnsi) {
    for (const ch of text) {
      if (!isPrintableCp(ch.codePointAt(0)!)) {
        needAnsi = true;
        break;
      }
    }
  }
  if (needAnsi) return ansiQuote(b);
  let out = "";
  let prev = "";
  let first = true;
  for (const ch of text) {
    if (Q_SPECIAL.has(ch) || (ch === "~" && (first || prev === ":" || prev === "=")) || (ch === "#" && first))
      out += "\\" + ch;
    else out += ch;
    prev = ch;
    first = false;
  }
  return Buffer.from(out, "utf8").toString("latin1");
}

const ANSI_NAMED: Record<number, string> = {
  7: "\\a",
  8: "\\b",
  9: "\\t",
  10: "\\n",
  11: "\\v",
  12: "\\f",
  13: "\\r",
  27: "\\E",
  39: "\\'",
  92: "\\\\",
};

/** $'...' quoting of a byte string: printable UTF-8 kept, other bytes as \NNN octal. */
export function ansiQuote(b: string): string {
  let out = "$'";
  const n = b.length;
  for (let i = 0; i < n; ) {
    const c = b.charCodeAt(i);
    const named = ANSI_NAMED[c];
    if (named !== undefined) {
      out += named;
      i++;
    } else if (c >= 0x20 && c < 0x7f) {
      out += b[i++];
    } else if (c >= 0x80) {
      const len = utf8SeqLen(b, i);
      if (len > 0) {
        const cp = Buffer.from(b.slice(i, i + len), "latin1").toString("utf8").codePointAt(0)!;
        if (isPrintableCp(cp)) {
          out += b.slice(i, i + len);
          i += len;
          continue;
        }
      }
      out += "\\" + c.toString(8).padStart(3, "0");
      i++;
    } else {
      out += "\\" + c.toString(8).padStart(3, "0");
      i++;
    }
  }
  return out + "'";
}

/** Length of a valid UTF-8 sequence starting at b[i], or 0 if invalid. */
export function utf8SeqLen(b: string, i: number): number {
  const c = b.charCodeAt(i);
  const len = c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
  if (len === 0) return 0;
  if (i + len > b.length) return 0;
  for (let k = 1; k < len; k++) if ((b.charCodeAt(i + k) & 0xc0) !== 0x80) return 0;
  return len;
}

// --- %(fmt)T: strftime ---------------------------------------------------------------------------

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December"];

function pad(n: number, w: number, c = "0"): string {
  return String(n).padStart(w, c);
}

function dayOfYear(d: Date): number {
  const start = new Date(d.getFullYear(), 0, 1);
  return Math.round((new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() - start.getTime()) / 864e5);
}

/** ISO 8601 week number and week-based year. */
function isoWeek(d: Date): [number, number] {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow);
  const y = t.getUTCFullYear();
  const w = Math.ceil(((t.getTime() - Date.UTC(y, 0, 1)) / 864e5 + 1) / 7);
  return [w, y];
}

function tzName(d: Date): string {
  const tz = process.env.TZ;
  if (tz === "UTC" || tz === "UTC0" || tz === "") return "UTC";
  try {
    const p = new Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(d);
    return p.find((x) => x.type === "timeZoneName")?.value ?? "";
  } catch {
    return "";
  }
}

function tzOffset(d: Date): string {
  const off = -d.getTimezoneOffset();
  const a = Math.abs(off);
  return (off < 0 ? "-" : "+") + pad(Math.floor(a / 60), 2) + pad(a % 60, 2);
}

/** The time zone of the shell's environment: the exported TZ (bash calls tzset when an exported
 *  TZ changes; an unexported assignment does not count), undefined when TZ is not exported. */
export function shellTimeZone(vars: { environ(): string[] }): string | undefined {
  for (const e of vars.environ()) if (e.startsWith("TZ=")) return e.slice(3);
  return undefined;
}

function setProcessTz(tz: string | undefined): void {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
}

/** strftime on the local time of time zone `tz` (a TZ value; undefined: the system's). */
export function strftimeIn(fmt: string, d: Date, tz: string | undefined): string {
  const saved = process.env.TZ;
  if (tz === saved) return strftime(fmt, d);
  setProcessTz(tz);
  try {
    return strftime(fmt, d);
  } finally {
    setProcessTz(saved);
  }
}

/** C strftime in the C/POSIX locale, on local time (the process's TZ environment variable). */
export function strftime(fmt: string, d: Date): string {
  let out = "";
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== "%" || i + 1 >= fmt.length) {
      out += c;
      continue;
    }
    let f = fmt[++i]!;
    if (f === "E" || f === "O") f = fmt[++i] ?? "";
    const h = d.getHours();
    switch (f) {
      case "a": out += DAYS[d.getDay()]!.slice(0, 3); break;
      case "A": out += DAYS[d.getDay()]; break;
      case "b": case "h": out += MONTHS[d.getMonth()]!.slice(0, 3); break;
      case "B": out += MONTHS[d.getMonth()]; break;
      case "c": out += strftime("%a %b %e %H:%M:%S %Y", d); break;
      case "C": out += pad(Math.floor(d.getFullYear() / 100), 2); break;
      case "d": out += pad(d.getDate(), 2); break;
      case "D": out += strftime("%m/%d/%y", d); break;
      case "e": out += pad(d.getDate(), 2, " "); break;
      case "F": out += strftime("%Y-%m-%d", d); break;
      case "g": out += pad(isoWeek(d)[1] % 100, 2); break;
      case "G": out += isoWeek(d)[1]; break;
      case "H": out += pad(h, 2); break;
      case "I": out += pad(h % 12 || 12, 2); break;
      case "j": out += pad(dayOfYear(d) + 1, 3); break;
      case "k": out += pad(h, 2, " "); break;
      case "l": out += pad(h % 12 || 12, 2, " "); break;
      case "m": out += pad(d.getMonth() + 1, 2); break;
      case "M": out += pad(d.getMinutes(), 2); break;
      case "n": out += "\n"; break;
      case "p": out += h < 12 ? "AM" : "PM"; break;
      case "P": out += h < 12 ? "am" : "pm"; break;
      case "r": out += strftime("%I:%M:%S %p", d); break;
      case "R": out += strftime("%H:%M", d); break;
      case "s": out += Math.floor(d.getTime() / 1000); break;
      case "S": out += pad(d.getSeconds(), 2); break;
      case "t": out += "\t"; break;
      case "T": out += strftime("%H:%M:%S", d); break;
      case "u": out += d.getDay() || 7; break;
      case "U": out += pad(Math.floor((dayOfYear(d) + 7 - d.getDay()) / 7), 2); break;
      case "V": out += pad(isoWeek(d)[0], 2); break;
      case "w": out += d.getDay(); break;
      case "W": out += pad(Math.floor((dayOfYear(d) + 7 - ((d.getDay() + 6) % 7)) / 7), 2); break;
      case "x": out += strftime("%m/%d/%y", d); break;
      case "X": out += strftime("%H:%M:%S", d); break;
      case "y": out += pad(d.getFullYear() % 100, 2); break;
      case "Y": out += d.getFullYear(); break;
      case "z": out += tzOffset(d); break;
      case "Z": out += tzName(d); break;
      case "%": out += "%"; break;
      default: out += "%" + f;
    }
  }
  return out;
}
