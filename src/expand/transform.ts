// Value transformations of parameter expansion: case modification (${x^p} ${x^^p} ${x,p}
// ${x,,p}), the ${x@op} operators, and the ANSI-C escape decoding behind ${x@E}.
import { decodeUtf8 } from "../sys/utf8.ts";
import type { ExpandHost } from "./host.ts";
import { VarAttr } from "../state/var-store.ts";
import { matchPattern } from "./pattern.ts";
import { quoteDouble, quoteForReuse } from "./quote.ts";
import { decodePrompt } from "../interactive/prompt.ts";
import { hostname } from "node:os";
import { currentUser } from "./tilde.ts";

/** ${x^p} (first only) ${x^^p} ${x,p} ${x,,p}: change the case of characters matching `pattern`
 *  (a pattern for one character; absent means every character). `asciiOnly`: the C locale,
 *  where only ASCII letters have case (src/state/locale.ts). */
export function caseModify(
  s: string,
  op: "^" | "^^" | "," | ",," | "~" | "~~",
  pattern: string | undefined,
  nocase: boolean,
  asciiOnly = false,
): string {
  if (s === "") return s;
  const upper = op === "^" || op === "^^";
  const all = op === "^^" || op === ",," || op === "~~";
  // bash's undocumented ~ / ~~ toggle the case of the first / every matching character
  const toggle = op === "~" || op === "~~";
  const change = toggle
    ? (ch: string) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())
    : (ch: string) => (upper ? ch.toUpperCase() : ch.toLowerCase());
  const conv = asciiOnly ? (ch: string) => (ch.charCodeAt(0) < 128 ? change(ch) : ch) : change;
  const matches = (ch: string) => pattern === undefined || pattern === "" || matchPattern(pattern, ch, { nocase });
  if (!all) {
    const first = String.fromCodePoint(s.codePointAt(0)!);
    return matches(first) ? conv(first) + s.slice(first.length) : s;
  }
  if ((pattern === undefined || pattern === "") && !toggle && !asciiOnly) return upper ? s.toUpperCase() : s.toLowerCase();
  let out = "";
  for (const ch of s) out += matches(ch) ? conv(ch) : ch;
  return out;
}

/** Decode backslash escapes as $'...' does (\n \t \xHH \uHHHH \UHHHHHHHH \NNN \cX \e ...). */
export function decodeAnsiC(s: string): string {
  if (s.indexOf("\\") < 0) return s;
  let out = "";
  // \xHH and \NNN give bytes: a run of them is UTF-8 text where it decodes as such
  // ($'\xce\xbc' is μ); other bytes stay the characters U+0080..U+00FF
  let bytes: number[] | null = null;
  const flush = (): void => {
    if (bytes !== null) {
      out += bytesToText(bytes);
      bytes = null;
    }
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (bytes !== null && !(c === "\\" && i + 1 < s.length && (s[i + 1] === "x" || (s[i + 1]! >= "0" && s[i + 1]! <= "7")))) flush();
    if (c !== "\\" || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const e = s[++i]!;
    switch (e) {
      case "a": out += "\x07"; break;
      case "b": out += "\b"; break;
      case "e":
      case "E": out += "\x1b"; break;
      case "f": out += "\f"; break;
      case "n": out += "\n"; break;
      case "r": out += "\r"; break;
      case "t": out += "\t"; break;
      case "v": out += "\v"; break;
      case "\\": out += "\\"; break;
      case "'": out += "'"; break;
      case '"': out += '"'; break;
      case "?": out += "?"; break;
      case "c": {
        const x = s[i + 1];
        if (x === undefined) {
          out += "\\c";
          break;
        }
        i++;
        out += String.fromCharCode(x.toUpperCase().charCodeAt(0) & 0x1f);
        break;
      }
      case "x":
      case "u":
      case "U": {
        const max = e === "x" ? 2 : e === "u" ? 4 : 8;
        let j = i + 1;
        while (j < s.length && j - i - 1 < max && /[0-9a-fA-F]/.test(s[j]!)) j++;
        if (j === i + 1) {
          flush();
          out += "\\" + e;
          break;
        }
        const code = parseInt(s.slice(i + 1, j), 16);
        if (e === "x") (bytes ??= []).push(code);
        else out += String.fromCodePoint(Math.min(code, 0x10ffff));
        i = j - 1;
        break;
      }
      default:
        if (e >= "0" && e <= "7") {
          let j = i;
          while (j < s.length && j - i < 3 && s[j]! >= "0" && s[j]! <= "7") j++;
          (bytes ??= []).push(parseInt(s.slice(i, j), 8) & 0xff);
          i = j - 1;
        } else {
          out += "\\" + e;
        }
    }
  }
  flush();
  return out;
}

/** Bytes as text: valid UTF-8 sequences decoded, any other byte kept as an escaped byte
 *  (src/sys/utf8.ts), so that output writes it back unchanged. */
export function bytesToText(bytes: number[]): string {
  let ascii = true;
  for (const b of bytes) if (b >= 0x80) ascii = false;
  if (ascii) return String.fromCharCode(...bytes);
  return decodeUtf8(new Uint8Array(bytes));
}

/** Attribute letters in bash's order (declare -p, ${x@a}). */
const ATTR_LETTERS: [VarAttr, string][] = [
  [VarAttr.Array, "a"],
  [VarAttr.Assoc, "A"],
  [VarAttr.Integer, "i"],
  [VarAttr.Nameref, "n"],
  [VarAttr.Readonly, "r"],
  [VarAttr.Export, "x"],
  [VarAttr.Lower, "l"],
  [VarAttr.Upper, "u"],
];

export function attrLetters(a: VarAttr): string {
  let s = "";
  for (const [bit, letter] of ATTR_LETTERS) if (a & bit) s += letter;
  return s;
}

/** An array subscript as declare -p prints it: quoted when it holds special characters. */
function quoteKey(k: string): string {
  return /^[A-Za-z0-9_.,:+\-@%/]+$/.test(k) ? k : quoteDouble(k);
}

/** ${name[@]@A} / ${name@A}: the declare command (or assignment) that recreates the variable. */
export function assignmentText(h: ExpandHost, name: string, whole: boolean, value: string | undefined): string {
  const a = h.vars.attrs(name);
  const letters = attrLetters(a);
  const arr = h.vars.isArray(name);
  if (arr && whole) {
    const assoc = h.vars.isAssoc(name);
    const keys = h.vars.getKeys(name);
    let body = "";
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const v = h.vars.getElement(name, assoc ? k : Number(k)) ?? "";
      body += (i > 0 ? " " : "") + `[${assoc ? quoteKey(k) : k}]=${quoteDouble(v)}`;
    }
    if (assoc && keys.length > 0) body += " ";
    return `declare -${letters || "-"} ${name}=(${body})`;
  }
  if (value === undefined) return "";
  const assign = `${name}=${quoteForReuse(value)}`;
  return letters ? `declare -${letters} ${assign}` : assign;
}

/** ${name[@]@K}: key "value" pairs. */
export function keyValueText(h: ExpandHost, name: string): string {
  const assoc = h.vars.isAssoc(name);
  const out: string[] = [];
  for (const k of h.vars.getKeys(name)) {
    out.push(assoc ? quoteKey(k) : k, quoteDouble(h.vars.getElement(name, assoc ? k : Number(k)) ?? ""));
  }
  return out.join(" ");
}

/** ${x@P}: prompt expansion with the shell's prompt decoder (src/interactive/prompt.ts).
 *  Job and command counts are not visible through ExpandHost: \j and \# show 0 and \! 1.
 *  bash drops the \[ \] markers here. */
export function promptExpand(h: ExpandHost, s: string): string {
  if (s.indexOf("\\") < 0) return s;
  const arg0 = h.arg0();
  const out = decodePrompt(s, {
    user: currentUser().name,
    host: hostname(),
    cwd: h.vars.get("PWD") ?? h.cwd(),
    home: h.vars.get("HOME"),
    jobs: 0,
    historyNumber: 1,
    commandNumber: 0,
    euid: process.geteuid?.() ?? 1000,
    shellName: arg0.slice(arg0.lastIndexOf("/") + 1).replace(/^-/, ""),
    version: "5.2",
    release: "5.2.15",
  });
  return out.indexOf("\x01") < 0 && out.indexOf("\x02") < 0 ? out : out.replace(/[\x01\x02]/g, "");
}
