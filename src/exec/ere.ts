// POSIX extended regular expressions (for [[ =~ ]]) translated to JavaScript RegExp.
// Differences handled: bracket expressions with [:class:] names and a leading ] literal,
// backslash before an ordinary character is that character, and JS-only syntax is escaped.
import { posixClass } from "../expand/pattern.ts";
const cache = new Map<string, RegExp | undefined>();
/** An ERE interval at the start of the text: {n} {n,} {n,m} {,m} */
const INTERVAL = /^\{(\d*)(?:,(\d*))?\}/;


export function regexFromEre(src: string, nocase: boolean): RegExp | undefined {
  const key = (nocase ? "i:" : "c:") + src;
  if (cache.has(key)) return cache.get(key);
  let re: RegExp | undefined;
  try {
    re = new RegExp(translate(src), nocase ? "ium" : "um");
  } catch {
    re = undefined;
  }
  cache.set(key, re);
  return re;
}

function translate(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\" && i + 1 < s.length) {
      const n = s[++i];
      out += /[A-Za-z0-9]/.test(n) ? (/[wWsSbB]/.test(n) ? "\\" + n : n) : "\\" + n;
    } else if (c === "[") {
      let j = i + 1;
      let cls = "[";
      if (s[j] === "^") {
        cls += "^";
        j++;
      }
      if (s[j] === "]") {
        cls += "\\]";
        j++;
      }
      while (j < s.length && s[j] !== "]") {
        if (s[j] === "[" && s[j + 1] === ":") {
          const end = s.indexOf(":]", j + 2);
          if (end > 0) {
            // the classes of a UTF-8 locale (src/expand/pattern.ts): [[:alpha:]] matches é
            cls += posixClass(s.slice(j + 2, end), false) ?? "";
            j = end + 2;
            continue;
          }
        }
        if (s[j] === "\\" || s[j] === "[") cls += "\\";
        cls += s[j++];
      }
      if (j >= s.length) throw new Error("unterminated bracket");
      out += cls + "]";
      i = j;
    } else if (c === "{") {
      // glibc's regcomp: `{` must start an interval {n} {n,} {n,m} {,m} after something it can
      // repeat; anything else is a compile error (bash's status 2)
      const m = INTERVAL.exec(s.slice(i));
      const prev = i > 0 ? s[i - 1] : undefined;
      if (m === null || (m[1] === "" && m[2] === undefined) || prev === undefined || prev === "(" || prev === "|" || (prev === "^" && i === 1)) {
        throw new Error("invalid interval");
      }
      out += m[1] === "" ? `{0${m[0].slice(1)}` : m[0];
      i += m[0].length - 1;
    } else if (c === "}") {
      out += "\\}";
    } else out += c;
  }
  return out;
}
