// Compound array assignments that reach a declaration builtin as text: `declare a=(1 'b c')`,
// `declare -A h=([k]=v)`. The executor has already expanded the word, so nothing here expands:
// the text is split into elements at unquoted blanks and its quotes are removed, and an element
// of the form [key]=value or [key]+=value carries its key.

export interface CompoundElem {
  /** [key]=value: the key text (quotes removed); undefined for a plain element. */
  key?: string;
  /** [key]+=value */
  append: boolean;
  value: string;
}

/** Is this assignment value compound text "( ... )"? */
export function isCompoundText(value: string): boolean {
  return value.length >= 2 && value.charCodeAt(0) === 40 && value.charCodeAt(value.length - 1) === 41;
}

const BLANK = new Set([" ", "\t", "\n"]);

/** Split "( ... )" into its elements. Returns undefined for an unterminated quote. */
export function parseCompound(text: string): CompoundElem[] | undefined {
  const s = text.slice(1, -1);
  const out: CompoundElem[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && BLANK.has(s[i])) i++;
    if (i >= n) break;
    let key: string | undefined;
    let append = false;
    // [key]= only when the element starts with an unquoted '['.
    if (s[i] === "[") {
      const k = readWord(s, i + 1, "]");
      if (k !== undefined && s[k.end] === "]") {
        let j = k.end + 1;
        if (s[j] === "+" && s[j + 1] === "=") {
          append = true;
          j += 2;
        } else if (s[j] === "=") {
          j += 1;
        } else {
          j = -1;
        }
        if (j >= 0) {
          key = k.text;
          i = j;
        }
      }
    }
    const w = readWord(s, i, "");
    if (w === undefined) return undefined;
    out.push(key === undefined ? { append: false, value: w.text } : { key, append, value: w.text });
    i = w.end;
  }
  return out;
}

/** Read one word from s at i up to an unquoted blank (or `stop`), removing quotes. */
function readWord(s: string, i: number, stop: string): { text: string; end: number } | undefined {
  let text = "";
  const n = s.length;
  while (i < n) {
    const c = s[i];
    if (BLANK.has(c) || (stop !== "" && c === stop)) break;
    if (c === "\\") {
      if (i + 1 < n) text += s[i + 1];
      i += 2;
    } else if (c === "'") {
      const e = s.indexOf("'", i + 1);
      if (e < 0) return undefined;
      text += s.slice(i + 1, e);
      i = e + 1;
    } else if (c === '"') {
      i++;
      while (i < n && s[i] !== '"') {
        if (s[i] === "\\" && i + 1 < n && '$`"\\\n'.includes(s[i + 1])) {
          if (s[i + 1] !== "\n") text += s[i + 1];
          i += 2;
        } else {
          text += s[i++];
        }
      }
      if (i >= n) return undefined;
      i++;
    } else {
      text += c;
      i++;
    }
  }
  return { text, end: i };
}
