// Arithmetic text is expanded as if it were inside double quotes (bash's expand_arith_string
// with Q_DOUBLE_QUOTES): $name, ${...}, $(...) and $((...)) expand and double quotes are removed,
// but single quotes, $'...' and a backslash before anything other than $ ` " \ stay in the text,
// where the arithmetic grammar then rejects them:
//   $(( '1' + 1 ))   (( '1' ))   for (( i='0'; ...))   a['2']=3 (indexed a)   ${a['1']}
//   -> '1' + 1 : syntax error: operand expected (error token is "'1' + 1 ")
// This applies to $((...)), ((...)), for ((...)) and the subscripts of indexed arrays; an
// associative array's key is an ordinary word (A['k'] is A[k]).
import type { Word, WordPart } from "../../grammar/ast.ts";

/** Characters a backslash escapes inside double quotes (bash: $ ` " \ and newline). */
const DQ_ESCAPABLE = "$`\"\\\n";

const cache = new WeakMap<Word, Word>();

/** `w` as arithmetic text: the same word with its single-quoted, $'...' and backslash-escaped
 *  parts turned into the literal text double quotes would leave (cached per word). */
export function arithWord(w: Word): Word {
  let a = cache.get(w);
  if (a !== undefined) return a;
  a = convert(w);
  cache.set(w, a);
  return a;
}

function convert(w: Word): Word {
  let changed = false;
  const parts: WordPart[] = [];
  for (const p of w.parts) {
    let text: string | undefined;
    if (p.kind === "SglQuoted" || p.kind === "AnsiCQuoted") text = `'${p.value}'`;
    else if (p.kind === "Escaped" && !DQ_ESCAPABLE.includes(p.value)) text = "\\" + p.value;
    if (text === undefined) {
      parts.push(p);
      continue;
    }
    changed = true;
    const last = parts[parts.length - 1];
    if (last !== undefined && last.kind === "Lit") parts[parts.length - 1] = { kind: "Lit", value: last.value + text };
    else parts.push({ kind: "Lit", value: text });
  }
  if (!changed) return w;
  let literal: string | undefined = "";
  for (const p of parts) {
    if (p.kind === "Lit") literal += p.value;
    else if (p.kind === "Escaped") literal += p.value;
    else {
      literal = undefined;
      break;
    }
  }
  return literal === undefined ? { kind: "Word", parts, span: w.span } : { kind: "Word", parts, span: w.span, literal };
}
