// Subscripts that arrive as text at run time: `unset 'a[$k]'`, ${!ref} with ref='A["K"]'.
//
// bash (5.2, assoc_expand_once off) gives such a subscript one round of word expansion, without
// splitting or globbing: quotes are removed and $var, ${...}, $(...), $((...)) expand. An
// associative array uses the result as its key; an indexed array evaluates it arithmetically.
// The text is parsed exactly as the subscript of `${_[text]}` would be in a script, so the
// quoting rules are the parser's; parsed words are cached by text.
import { arithWord } from "./arith-word.ts";
import type { Word } from "../../grammar/ast.ts";
import { parse } from "../../grammar/index.ts";
import type { Gen } from "../exec/gen.ts";
import type { ExpandHost } from "./host.ts";
import { expandWord } from "./word.ts";

const CACHE_LIMIT = 512;
/** text -> its parsed subscript word (null: the text does not parse as a subscript) */
const cache = new Map<string, Word | null>();

/** True when the text holds something word expansion would change: $ ` \ ' ". */
export function subscriptNeedsExpansion(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 36 || c === 96 || c === 92 || c === 39 || c === 34) return true;
  }
  return false;
}

function subscriptWord(text: string): Word | null {
  let w = cache.get(text);
  if (w !== undefined) return w;
  w = null;
  const r = parse(": ${_[" + text + "]}");
  if (r.kind === "ok") {
    const cmd = r.list.items[0]?.andOr.first.commands[0];
    const p = cmd?.kind === "SimpleCommand" && cmd.words.length === 2 ? cmd.words[1]!.parts : undefined;
    if (p !== undefined && p.length === 1 && p[0]!.kind === "ParamExp" && typeof p[0]!.index === "object") w = p[0]!.index;
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, w);
  return w;
}

/** The subscript text after bash's one round of expansion (unchanged when nothing expands or the
 *  text does not parse as a subscript: the caller then reports it as it would any bad key). */
export function* expandSubscript(h: ExpandHost, text: string, arith = false): Gen<string> {
  if (!subscriptNeedsExpansion(text)) return text;
  const w = subscriptWord(text);
  if (w === null) return text;
  // an indexed array's subscript is arithmetic text: its single quotes stay (arith-word.ts)
  return yield* expandWord(h, arith ? arithWord(w) : w);
}

/** expandSubscript where the caller cannot wait (a nameref's subscript, expanded inside the
 *  variable store): a command substitution in it that would have to wait for the event loop
 *  (only in a concurrent in-process pipeline stage) is an error instead. */
export function expandSubscriptNow(h: ExpandHost, text: string, arith = false): string {
  if (!subscriptNeedsExpansion(text)) return text;
  const g = expandSubscript(h, text, arith);
  const r = g.next();
  if (r.done) return r.value;
  g.return("");
  return h.fail(`${text}: cannot expand this subscript here`, false);
}
