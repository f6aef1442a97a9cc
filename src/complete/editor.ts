// Programmable completion in the line editor (bash's attempt_shell_completion and
// programmable_completions): when a spec applies to the word at the cursor, its matches are the
// candidates; otherwise the editor's default completion (src/interactive/completion.ts) runs.
//
// Which spec: on a blank line the -E spec; for the first word of a command the -I spec; for an
// argument the command name's spec, then its basename's (for /usr/bin/foo), then -D.
// The command is the simple command around the cursor (after the last ; | & ( ) before it).
// COMP_WORDS is that command split as readline splits it: blanks separate words, a run of the
// other COMP_WORDBREAKS characters (= : > and so on) is a word by itself, quotes protect; the
// word being completed is the text after the last break character before the cursor.
// A -F function that returns 124 asks for the spec to be looked up again (bash-completion
// loads specs lazily this way). The spec's options decide how matches are inserted: filenames
// (quote them, '/' after directories, no space after those), noquote, nospace, and the
// fall-backs bashdefault (the default completion) and default (file names).
import type { Shell } from "../shell.ts";
import type { Gen } from "../exec/gen.ts";
import { copySpec, DEFAULT_CMD, EMPTY_CMD, INITIAL_WORD, type CompSpec } from "./spec.ts";
import { generate } from "./generate.ts";
import { fileWords, isDirectory } from "./sources.ts";
import { quoteName, type CompletionResult } from "../interactive/completion.ts";
import { scanUnquoted } from "../interactive/quote-scan.ts";

const DEFAULT_WORDBREAKS = " \t\n\"'><=;|&(:";
const COMMAND_SEPARATORS = ";|&()\n";
const BLANKS = " \t\n";

/** The start of the simple command containing `cursor`: after the last unquoted separator. */
function commandStart(line: string, cursor: number): number {
  let start = 0;
  scanUnquoted(line, 0, cursor, (i, c) => {
    if (COMMAND_SEPARATORS.includes(c)) start = i + 1;
    return false;
  });
  return start;
}

/** The end of that command: the next unquoted separator at or after the cursor. */
function commandEnd(line: string, from: number): number {
  const i = scanUnquoted(line, from, line.length, (_i, c) => COMMAND_SEPARATORS.includes(c));
  return i < 0 ? line.length : i;
}

/** split_at_delims(SD_NOQUOTEDELIM|SD_COMPLETE) with the word-break characters: the words, and
 *  the index of the word the cursor (offset `point` in `text`) is in or after. */
export function splitCompWords(text: string, point: number, breaks: string): { words: string[]; cword: number } {
  const words: string[] = [];
  let cword = -1;
  let i = 0;
  const isBreak = (c: string) => breaks.includes(c);
  for (;;) {
    while (i < text.length && BLANKS.includes(text[i]!) && isBreak(text[i]!)) i++;
    if (cword < 0 && i >= point) {
      // the cursor is in the blanks before this word (or at the end): a new, empty word
      if (i > point || i >= text.length) {
        cword = words.length;
        words.push("");
        if (i >= text.length) break;
        // the empty word sits before the next word
      }
    }
    if (i >= text.length) break;
    const start = i;
    if (isBreak(text[i]!)) {
      while (i < text.length && isBreak(text[i]!) && !BLANKS.includes(text[i]!)) i++;
    } else {
      let quote = "";
      while (i < text.length) {
        const c = text[i]!;
        if (quote) {
          if (c === quote) quote = "";
          else if (c === "\\" && quote === '"') i++;
        } else if (c === "\\") i++;
        else if (c === "'" || c === '"') quote = c;
        else if (isBreak(c)) break;
        i++;
      }
      i = Math.min(i, text.length);
    }
    if (cword < 0 && point >= start && point <= i) cword = words.length;
    words.push(text.slice(start, i));
  }
  if (cword < 0) {
    cword = words.length;
    words.push("");
  }
  return { words, cword };
}

/** The readline word before the cursor: after the last unquoted word-break character, or after
 *  the quote that opened an unfinished quoted string. */
function wordStart(line: string, from: number, cursor: number, breaks: string): { start: number; quote: string } {
  let start = from;
  let quote = "";
  let quoteAt = -1;
  for (let i = from; i < cursor; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = "";
      else if (c === "\\" && quote === '"') i++;
    } else if (c === "\\") i++;
    else if (c === "'" || c === '"') {
      quote = c;
      quoteAt = i;
    } else if (breaks.includes(c)) start = i + 1;
  }
  if (quote) return { start: quoteAt + 1, quote };
  return { start, quote: "" };
}

function findSpec(sh: Shell, cmd: string): { name: string; spec: CompSpec } | undefined {
  const t = sh.compSpecs;
  let s = t.get(cmd);
  if (s) return { name: cmd, spec: s };
  const slash = cmd.lastIndexOf("/");
  if (slash >= 0) {
    const base = cmd.slice(slash + 1);
    s = t.get(base);
    if (s) return { name: base, spec: s };
  }
  s = t.get(DEFAULT_CMD);
  return s ? { name: DEFAULT_CMD, spec: s } : undefined;
}

/** Tab at `cursor`: the programmable completion, "default" when no spec applies (the editor
 *  then does its own completion). */
export function* programmableCompletion(
  sh: Shell,
  line: string,
  cursor: number,
  fallback: () => CompletionResult,
): Gen<CompletionResult | "default"> {
  if (sh.compSpecs.size === 0) return "default";
  const breaks = sh.vars.get("COMP_WORDBREAKS") ?? DEFAULT_WORDBREAKS;
  const cstart = commandStart(line, cursor);
  const cend = commandEnd(line, cursor);
  const ctext = line.slice(cstart, cend);
  const { words, cword } = splitCompWords(ctext, cursor - cstart, breaks);
  const w = wordStart(line, cstart, cursor, breaks);
  const word = line.slice(w.start, cursor);
  let found: { name: string; spec: CompSpec } | undefined;
  const blank = line.slice(0, cursor).trim() === "";
  const cmdName = words.find((x, k) => k !== cword || x !== "") ?? "";
  if (blank) {
    const s = sh.compSpecs.get(EMPTY_CMD);
    if (s) found = { name: EMPTY_CMD, spec: s };
  } else if (cword === 0) {
    const s = sh.compSpecs.get(INITIAL_WORD);
    if (s) found = { name: INITIAL_WORD, spec: s };
  } else found = findSpec(sh, words[0] ?? cmdName);
  if (!found) return "default";

  let spec = copySpec(found.spec);
  let matches: string[] = [];
  const saved = sh.compCurrent;
  sh.vars.set("COMP_TYPE", "9");
  sh.vars.set("COMP_KEY", "9");
  try {
    for (let attempt = 0; ; attempt++) {
      sh.compCurrent = { name: found.name, spec };
      const r = yield* generate(sh, spec, {
        cmd: found.name === DEFAULT_CMD || found.name === EMPTY_CMD || found.name === INITIAL_WORD ? (words[0] ?? "") : words[0]!,
        word,
        line: ctext,
        point: cursor - cstart,
        words,
        cword,
      });
      matches = r.matches;
      if (!r.retry || attempt >= 2) break;
      const again = cword === 0 || blank ? undefined : findSpec(sh, words[0] ?? "");
      if (!again) break;
      found = again;
      spec = copySpec(again.spec);
    }
  } finally {
    sh.compCurrent = saved;
  }
  const o = spec.options;
  if (matches.length === 0 && o.has("bashdefault")) return fallback();
  let filenames = o.has("filenames");
  if (matches.length === 0 && o.has("default")) {
    matches = fileWords(sh, word);
    filenames = true;
  }
  if (!o.has("nosort")) matches = [...new Set(matches)].sort();
  else matches = [...new Set(matches)];
  const quote = filenames && !o.has("noquote");
  const display: string[] = [];
  const candidates: string[] = [];
  let dirs = 0;
  for (const m of matches) {
    const isDir = filenames && isDirectory(sh, m);
    if (isDir) dirs++;
    const slash = m.lastIndexOf("/");
    display.push(filenames ? m.slice(slash < 0 || slash === m.length - 1 ? 0 : slash + 1) + (isDir && !m.endsWith("/") ? "/" : "") : m);
    let text = quote ? quoteName(m, w.quote) : w.quote + m;
    if (isDir && !m.endsWith("/")) text += "/";
    else if (matches.length === 1 && w.quote && !isDir) text += w.quote;
    candidates.push(text);
  }
  const start = w.quote ? w.start - 1 : w.start;
  const suffix = o.has("nospace") || (matches.length === 1 && dirs === 1) ? "" : " ";
  return { start, end: cursor, candidates, display, suffix };
}
