// printf [-v var] format [arguments] -- bash 5.2's printf.
//
// The format is parsed once into segments (cached per format string) and then applied to the
// arguments; while arguments remain and the format consumed at least one, the format is reused.
// Missing arguments are "" or 0. Invalid numbers print "printf: x: invalid number", use the
// value parsed so far, and make the status 1 while output continues. Everything is done on byte
// strings (see printf-format.ts) because bash's widths and precisions count bytes.
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import {
  expandEscapes,
  parseFloatArg,
  parseIntArg,
  setPrintfLocale,
  shellQuote,
  strftimeIn,
  shellTimeZone,
  type NumResult,
} from "./printf-format.ts";
import { assignVar, fromBytes, isValidRef, toBytes, writeBytes, writeErrorMessage } from "./io.ts";

interface Spec {
  /** literal text before this conversion (escapes already expanded) */
  lit: string;
  conv: string; // "" for a trailing literal-only segment
  left: boolean;
  zero: boolean;
  plus: boolean;
  space: boolean;
  alt: boolean;
  width: number; // -1 none, -2 from argument (*)
  prec: number; // -1 none, -2 from argument (*)
  /** %(fmt)T */
  time: string;
}

interface Parsed {
  specs: Spec[];
  /** a format error at the end of specs ("`%': missing format character") */
  error?: string;
  warnings: string[];
  /** the format consumes arguments (otherwise it is printed once) */
  usesArgs: boolean;
}

const cache = new Map<string, Parsed>();
/** Widths and precisions are clamped here (bash clamps to INT_MAX; JS strings cannot hold that). */
const MAX_FIELD = 1 << 24;
const CONVS = "diouxXeEfFgGaAcsbqQT";
const LENMODS = "hjlLtz";

function parseFormat(fmt: string): Parsed {
  const hit = cache.get(fmt);
  if (hit) return hit;
  const warnings: string[] = [];
  const specs: Spec[] = [];
  let lit = "";
  let error: string | undefined;
  let usesArgs = false;
  const n = fmt.length;
  let i = 0;
  while (i < n) {
    const c = fmt[i]!;
    if (c === "\\") {
      // one escape at a time so \c stays literal and octal stops where bash stops
      let j = i + 1;
      const d = fmt[j];
      if (d === "x") {
        j++;
        for (let k = 0; k < 2 && /[0-9a-fA-F]/.test(fmt[j] ?? ""); k++) j++;
      } else if (d === "u" || d === "U") {
        j++;
        for (let k = 0; k < (d === "u" ? 4 : 8) && /[0-9a-fA-F]/.test(fmt[j] ?? ""); k++) j++;
      } else if (d !== undefined && d >= "0" && d <= "7") {
        j++;
        for (let k = 0; k < 2 && fmt[j]! >= "0" && fmt[j]! <= "7"; k++) j++;
      } else if (d !== undefined) j++;
      lit += expandEscapes(fmt.slice(i, j), "format", (m) => warnings.push(m)).text;
      i = j;
      continue;
    }
    if (c !== "%") {
      lit += c;
      i++;
      continue;
    }
    if (fmt[i + 1] === "%") {
      lit += "%";
      i += 2;
      continue;
    }
    i++;
    let hasTime = false;
    const s: Spec = { lit, conv: "", left: false, zero: false, plus: false, space: false, alt: false, width: -1, prec: -1, time: "" };
    for (;;) {
      const f = fmt[i];
      if (f === "-") s.left = true;
      else if (f === "0") s.zero = true;
      else if (f === "+") s.plus = true;
      else if (f === " ") s.space = true;
      else if (f === "#") s.alt = true;
      else break;
      i++;
    }
    if (fmt[i] === "*") {
      s.width = -2;
      i++;
    } else {
      let w = "";
      while (fmt[i]! >= "0" && fmt[i]! <= "9") w += fmt[i++];
      if (w) s.width = Number(w);
    }
    if (fmt[i] === ".") {
      i++;
      if (fmt[i] === "*") {
        s.prec = -2;
        i++;
      } else {
        let p = "";
        while (fmt[i]! >= "0" && fmt[i]! <= "9") p += fmt[i++];
        s.prec = p ? Number(p) : 0;
      }
    }
    if (fmt[i] === "(") {
      const close = fmt.indexOf(")", i);
      if (close < 0 || fmt[close + 1] !== "T") {
        error = "`(': invalid format character";
        specs.push({ ...s, conv: "" });
        lit = "";
        break;
      }
      s.time = fmt.slice(i + 1, close);
      hasTime = true;
      i = close + 1;
    }
    while (i < n && LENMODS.includes(fmt[i]!)) i++;
    const conv = fmt[i];
    if (conv === undefined) {
      error = "`%': missing format character";
      specs.push({ ...s, conv: "" });
      lit = "";
      break;
    }
    if (!CONVS.includes(conv) || (conv === "T") !== hasTime) {
      error = `\`${conv}': invalid format character`;
      specs.push({ ...s, conv: "" });
      lit = "";
      break;
    }
    s.conv = conv;
    i++;
    specs.push(s);
    usesArgs = true;
    lit = "";
  }
  if (lit || specs.length === 0) specs.push({ lit, conv: "", left: false, zero: false, plus: false, space: false, alt: false, width: -1, prec: -1, time: "" });
  const p: Parsed = { specs, error, warnings, usesArgs };
  if (cache.size > 256) cache.clear();
  cache.set(fmt, p);
  return p;
}

/** Pad a byte string to width with spaces (left- or right-justified). */
function padStr(s: string, width: number, left: boolean): string {
  if (width <= s.length) return s;
  return left ? s + " ".repeat(width - s.length) : " ".repeat(width - s.length) + s;
}

/** Apply width with the sign/prefix kept in front of zero padding. */
function padNum(prefix: string, digits: string, s: Spec, width: number, zeroOk: boolean): string {
  const len = prefix.length + digits.length;
  if (width <= len) return prefix + digits;
  if (s.left) return prefix + digits + " ".repeat(width - len);
  if (s.zero && zeroOk) return prefix + "0".repeat(width - len) + digits;
  return " ".repeat(width - len) + prefix + digits;
}

export function formatInt(v: bigint, s: Spec, width: number, prec: number): string {
  const conv = s.conv;
  let neg = false;
  let digits: string;
  let prefix = "";
  if (conv === "d" || conv === "i") {
    neg = v < 0n;
    digits = (neg ? -v : v).toString();
  } else {
    const u = v < 0n ? BigInt.asUintN(64, v) : v;
    digits = u.toString(conv === "o" ? 8 : conv === "u" ? 10 : 16);
    if (conv === "X") digits = digits.toUpperCase();
    if (s.alt && u !== 0n && (conv === "x" || conv === "X")) prefix = conv === "x" ? "0x" : "0X";
  }
  if (prec >= 0) {
    if (prec === 0 && v === 0n) digits = "";
    if (digits.length < prec) digits = "0".repeat(prec - digits.length) + digits;
  }
  if (s.alt && conv === "o" && digits[0] !== "0") digits = "0" + digits;
  if (conv === "d" || conv === "i") prefix = neg ? "-" : s.plus ? "+" : s.space ? " " : "";
  return padNum(prefix, digits, s, width, prec < 0);
}

/** Round-half-even fixed notation (C's printf), falling back to toFixed off the tie cases. */
function toFixedC(x: number, p: number): string {
  if (p > 100) return toFixedC(x, 100) + "0".repeat(p - 100);
  if (x >= 1e21) return BigInt(x).toString() + (p > 0 ? "." + "0".repeat(p) : "");
  if (p <= 20) {
    const scale = 10 ** p;
    const t = x * scale;
    if (t < 2 ** 52 && !Number.isInteger(t) && Number.isInteger(t * 2) && t / scale === x) {
      const fl = Math.floor(t);
      const r = fl % 2 === 0 ? fl : fl + 1;
      const str = String(r).padStart(p + 1, "0");
      return p === 0 ? str : str.slice(0, str.length - p) + "." + str.slice(str.length - p);
    }
  }
  return x.toFixed(p);
}

function toExpC(x: number, p: number, upper: boolean): string {
  let s = x.toExponential(Math.min(p, 100));
  if (p > 100) s = s.replace("e", "0".repeat(p - 100) + "e");
  s = s.replace(/e([-+])(\d)$/, "e$10$2");
  return upper ? s.toUpperCase() : s;
}

function toHexFloat(x: number, p: number, upper: boolean, alt: boolean): string {
  // glibc's long double layout: leading hex digit 8-f, then the fraction, binary exponent.
  let body: string;
  if (x === 0) body = "0x0" + (p > 0 ? "." + "0".repeat(p) : "") + "p+0";
  else {
    let e = Math.floor(Math.log2(x));
    if (2 ** e > x) e--;
    if (2 ** (e + 1) <= x) e++;
    let f = x / 2 ** (e - 3); // in [8, 16)
    let lead = Math.floor(f);
    f -= lead;
    let frac = "";
    while (f > 0 && frac.length < 16) {
      f *= 16;
      const d = Math.floor(f);
      frac += d.toString(16);
      f -= d;
    }
    if (p >= 0 && frac.length > p) {
      // round to p hex digits (half up on the exact remainder)
      const keep = frac.slice(0, p);
      const next = parseInt(frac[p]!, 16);
      let big = BigInt("0x" + lead.toString(16) + keep);
      if (next > 8 || (next === 8 && (/[1-9a-f]/.test(frac.slice(p + 1)) || (big & 1n) === 1n))) big++;
      let hex = big.toString(16);
      if (hex.length > p + 1) {
        // carried into a new leading digit: renormalise
        e += 4;
        hex = hex.slice(0, p + 1);
      }
      lead = parseInt(hex[0]!, 16);
      frac = hex.slice(1);
    } else if (p >= 0) frac = frac.padEnd(p, "0");
    body = "0x" + lead.toString(16) + (frac ? "." + frac : alt ? "." : "") + "p" + (e - 3 < 0 ? "-" : "+") + Math.abs(e - 3);
  }
  return upper ? body.toUpperCase() : body;
}

export function formatFloat(x: number, s: Spec, width: number, prec: number): string {
  const conv = s.conv;
  const upper = conv === "E" || conv === "F" || conv === "G" || conv === "A";
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  const sign = neg ? "-" : s.plus ? "+" : s.space ? " " : "";
  if (!Number.isFinite(a)) {
    const t = Number.isNaN(a) ? "nan" : "inf";
    return padNum(Number.isNaN(x) ? (s.plus ? "+" : s.space ? " " : "") : sign, upper ? t.toUpperCase() : t, s, width, false);
  }
  const p = prec < 0 ? 6 : prec;
  let body: string;
  switch (conv) {
    case "f":
    case "F":
      body = toFixedC(a, p);
      if (s.alt && p === 0) body += ".";
      break;
    case "e":
    case "E":
      body = toExpC(a, p, upper);
      if (s.alt && p === 0) body = body.replace(/e/i, (m) => "." + m);
      break;
    case "g":
    case "G": {
      const P = p === 0 ? 1 : p;
      const exp = a === 0 ? 0 : Number(toExpC(a, P - 1, false).split("e")[1]);
      if (exp < P && exp >= -4) body = toFixedC(a, P - 1 - exp);
      else body = toExpC(a, P - 1, upper);
      if (!s.alt) {
        const ei = body.search(/[eE]/);
        let mant = ei < 0 ? body : body.slice(0, ei);
        if (mant.includes(".")) mant = mant.replace(/0+$/, "").replace(/\.$/, "");
        body = mant + (ei < 0 ? "" : body.slice(ei));
      } else if (!body.includes(".")) body = body.replace(/(?=[eE])|$/, ".");
      break;
    }
    default:
      body = toHexFloat(a, prec, upper, s.alt);
  }
  return padNum(sign, body, s, width, true);
}

/** One run of printf: returns the status. */
function printf(ctx: BuiltinContext): number {
  setPrintfLocale(ctx.sh.vars);
  const args = ctx.args;
  let i = 0;
  let varRef: string | undefined;
  while (i < args.length) {
    const a = args[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (a.length < 2 || a[0] !== "-") break;
    if (a === "-v" || a.startsWith("-v")) {
      varRef = a.length > 2 ? a.slice(2) : args[++i];
      if (varRef === undefined) {
        ctx.error("-v: option requires an argument");
        ctx.err("printf: usage: printf [-v var] format [arguments]\n");
        return 2;
      }
      i++;
      continue;
    }
    ctx.error(`${a.slice(0, 2)}: invalid option`);
    ctx.err("printf: usage: printf [-v var] format [arguments]\n");
    return 2;
  }
  if (varRef !== undefined && !isValidRef(varRef)) {
    ctx.error(`\`${varRef}': not a valid identifier`);
    return 2;
  }
  if (i >= args.length) {
    ctx.err("printf: usage: printf [-v var] format [arguments]\n");
    return 2;
  }
  const parsed = parseFormat(toBytes(args[i]!));
  const argv = args.length > i + 1 ? args.slice(i + 1).map(toBytes) : [];
  let status = 0;
  let out = "";
  let ai = 0;
  const report = (r: { error?: string; warning?: string }) => {
    if (r.error) {
      ctx.error(fromBytes(r.error));
      status = 1;
    }
    if ((r as NumResult).warning) ctx.error(fromBytes((r as NumResult).warning!));
  };
  // %o %u %x %X read their argument as strtoumax does, %d %i (and * widths) as strtoimax
  const intArg = (unsigned = false): bigint => {
    if (ai >= argv.length) return 0n;
    const r = parseIntArg(argv[ai++]!, unsigned);
    report(r);
    return r.value;
  };
  for (const w of parsed.warnings) ctx.error(w);
  outer: do {
    for (const s of parsed.specs) {
      out += s.lit;
      if (s.conv === "") continue;
      let width = s.width > MAX_FIELD ? MAX_FIELD : s.width;
      let prec = s.prec > MAX_FIELD ? MAX_FIELD : s.prec;
      let spec = s;
      if (width === -2) {
        const w = Number(intArg());
        if (w < 0) {
          spec = { ...s, left: true };
          width = Math.min(-w, MAX_FIELD);
        } else width = Math.min(w, MAX_FIELD);
      }
      if (prec === -2) {
        const pv = Number(intArg());
        prec = pv < 0 ? -1 : Math.min(pv, MAX_FIELD);
      }
      const have = ai < argv.length;
      switch (s.conv) {
        case "s":
        case "b":
        case "q":
        case "Q": {
          let v = have ? argv[ai++]! : "";
          if (s.conv === "b") {
            const r = expandEscapes(v, "b", (m) => ctx.error(m));
            v = r.text;
            if (r.stop) {
              out += padStr(prec >= 0 ? v.slice(0, prec) : v, width, spec.left);
              break outer;
            }
          } else if (s.conv === "q") v = shellQuote(v);
          else if (s.conv === "Q") v = shellQuote(prec >= 0 ? v.slice(0, prec) : v);
          if (prec >= 0 && s.conv !== "Q") v = v.slice(0, prec);
          out += padStr(v, width, spec.left);
          break;
        }
        case "c": {
          const v = have ? argv[ai++]! : "";
          out += padStr(v.length ? v[0]! : "\0", width, spec.left);
          break;
        }
        case "T": {
          let t = -1n;
          if (have) {
            const r = parseIntArg(argv[ai++]!);
            report(r);
            t = r.value;
          }
          let ms: number;
          if (t === -1n) ms = Date.now();
          else if (t === -2n) ms = shellStart(ctx);
          else ms = Number(t) * 1000;
          // an empty format means the locale's time representation (%X), as in bash; bash
          // formats into a 128-byte buffer and prints nothing when the result does not fit
          const text = strftimeIn(s.time === "" ? "%X" : fromBytes(s.time), new Date(ms), shellTimeZone(ctx.sh.vars));
          let v = toBytes(text);
          if (v.length >= 128) v = toBytes("");
          if (prec >= 0) v = v.slice(0, prec);
          out += padStr(v, width, spec.left);
          break;
        }
        case "d":
        case "i":
        case "o":
        case "u":
        case "x":
        case "X":
          out += formatInt(intArg(s.conv !== "d" && s.conv !== "i"), spec, width, prec);
          break;
        default: {
          let x = 0;
          if (have) {
            const r = parseFloatArg(argv[ai++]!);
            report(r);
            x = r.value;
          }
          out += formatFloat(x, spec, width, prec);
        }
      }
    }
    if (parsed.error) {
      ctx.error(parsed.error);
      status = 1;
      break;
    }
  } while (parsed.usesArgs && ai > 0 && ai < argv.length);
  if (varRef !== undefined) {
    const err = assignVar(ctx.sh, varRef, fromBytes(out));
    if (err) {
      // variable errors are the shell's ("x: readonly variable"), not printf's
      ctx.err(`${ctx.sh.errorPrefix()}${err}\n`);
      return 1;
    }
    return status;
  }
  if (!writeBytes(ctx, 1, out)) {
    ctx.error(writeErrorMessage(ctx));
    return 1;
  }
  return status;
}

/** -2 in %(fmt)T: the time the shell started (sh.startTime in ms, else this process's start). */
function shellStart(ctx: BuiltinContext): number {
  const st = (ctx.sh as unknown as { startTime?: number }).startTime;
  return st ?? Math.round(performance.timeOrigin);
}

export const printfBuiltin: BuiltinDef = {
  name: "printf",
  special: false,
  run: printf,
  synopsis: "printf [-v var] format [arguments]",
  description:
    "Formats and prints ARGUMENTS under control of the FORMAT. With -v, assigns the output to shell " +
    "variable VAR rather than printing it. FORMAT holds plain characters, backslash escapes and " +
    "conversions (%s %b %q %d %i %o %u %x %X %e %E %f %F %g %G %a %A %c %(fmt)T %%); it is reused " +
    "as needed to consume all of the arguments.",
};
