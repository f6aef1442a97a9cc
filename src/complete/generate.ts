// Generating the matches of a completion specification (bash's gen_compspec_completions,
// pcomplete.c), for `compgen` and for the line editor:
//
//   1. the actions (-a -b -c ... -A name), each list filtered to the words starting with WORD;
//   2. -G globpat: the pathname expansion of the pattern, unsorted (not filtered by WORD);
//   3. -W wordlist: split at $IFS (quotes protect), each word expanded like a command's words
//      but without pathname expansion, then those starting with WORD (dequoted);
//   4. -F function: run with COMP_LINE, COMP_POINT, COMP_WORDS, COMP_CWORD set and arguments
//      (command, word, previous word); COMPREPLY's elements are the matches, unfiltered;
//   5. -C command: run as `command cmd word prev` in a command substitution with the COMP_*
//      variables exported; each output line is a match;
//   6. -X filterpat removes the matches the pattern matches (`&` stands for WORD, `\&` for &;
//      a leading ! keeps only those it matches), then -P and -S are added to each;
//   7. -o dirnames: directory names when nothing matched; -o plusdirs: directory names added.
import * as fs from "node:fs";
import type { Shell } from "../shell.ts";
import type { Gen } from "../exec/gen.ts";
import type { Word } from "../../grammar/ast.ts";
import { parse } from "../../grammar/index.ts";
import { expandWords, glob, matchPattern } from "../expand/index.ts";
import { callFunction } from "../exec/function-call.ts";
import { VarAttr } from "../state/var-store.ts";
import { dequote } from "../interactive/completion.ts";
import type { CompSpec } from "./spec.ts";
import { actionWords, fileWords, isDirectory } from "./sources.ts";

/** Where completion happens: the command being completed and the line around the word. */
export interface CompRequest {
  /** The command name ($1 of a -F function; "compgen" for compgen). */
  cmd: string;
  /** The word being completed, as typed. */
  word: string;
  /** COMP_LINE, COMP_POINT, COMP_WORDS, COMP_CWORD. */
  line: string;
  point: number;
  words: string[];
  cword: number;
}

export interface CompResult {
  matches: string[];
  /** A -F function returned 124: the caller may look the spec up again and retry. */
  retry: boolean;
}

/** bash's order of the actions in gen_action_completions. */
const ACTION_ORDER = [
  "alias", "arrayvar", "binding", "builtin", "disabled", "enabled", "export", "function", "helptopic",
  "hostname", "job", "keyword", "running", "setopt", "shopt", "signal", "stopped", "variable",
  "command", "file", "user", "group", "service", "directory",
];

export function* generate(sh: Shell, spec: CompSpec, req: CompRequest): Gen<CompResult> {
  let matches: string[] = [];
  let retry = false;
  const word = req.word;
  for (const a of ACTION_ORDER) if (spec.actions.has(a)) matches.push(...actionWords(sh, a, word));
  if (spec.globpat !== undefined) matches.push(...globMatches(sh, spec.globpat));
  if (spec.words !== undefined) {
    const text = dequote(word);
    for (const w of yield* expandWordList(sh, spec.words)) if (w.startsWith(text)) matches.push(w);
  }
  if (spec.funcname !== undefined) {
    const r = yield* runFunction(sh, spec.funcname, req);
    if (r === "retry") retry = true;
    else matches.push(...r);
  }
  if (spec.command !== undefined) matches.push(...(yield* runCommand(sh, spec.command, req)));
  if (spec.filterpat !== undefined) matches = filter(sh, matches, spec.filterpat, word);
  if (spec.prefix !== undefined || spec.suffix !== undefined) {
    const p = spec.prefix ?? "";
    const s = spec.suffix ?? "";
    matches = matches.map((m) => p + m + s);
  }
  if (matches.length === 0 && spec.options.has("dirnames")) matches = dirNames(sh, word);
  else if (spec.options.has("plusdirs")) matches.push(...dirNames(sh, word));
  return { matches, retry };
}

/** -G: bash's glob_filename without sorting. For a pattern in one directory that is the
 *  directory's entries in reverse order (glob_vector prepends each match to its list); deeper
 *  patterns are given sorted. */
function globMatches(sh: Shell, pat: string): string[] {
  const o = sh.opts;
  if (pat.includes("/")) return glob(pat, sh.cwd, { dotglob: o.dotglob, extglob: o.extglob, nocaseglob: o.nocaseglob, localeVars: sh.vars });
  let names: string[];
  try {
    names = fs.readdirSync(sh.cwd);
  } catch {
    return [];
  }
  const dotOk = o.dotglob || pat[0] === "." || pat.startsWith("\\.");
  const mo = { extglob: o.extglob, nocase: o.nocaseglob, localeVars: sh.vars };
  return names.filter((n) => (dotOk || n[0] !== ".") && matchPattern(pat, n, mo)).reverse();
}

function dirNames(sh: Shell, word: string): string[] {
  return fileWords(sh, word).filter((f) => isDirectory(sh, f));
}

/** bash's filter_stringlist with preprocess_filterpat. */
function filter(sh: Shell, list: string[], pat: string, word: string): string[] {
  const not = pat[0] === "!";
  let p = not ? pat.slice(1) : pat;
  if (p.includes("&")) {
    let out = "";
    for (let i = 0; i < p.length; i++) {
      if (p[i] === "\\" && p[i + 1] === "&") out += p[++i];
      else if (p[i] === "&") out += word.replace(/[\\*?[\]()|@+!]/g, "\\$&");
      else out += p[i];
    }
    p = out;
  }
  const opts = { extglob: sh.opts.extglob, localeVars: sh.vars };
  return list.filter((m) => matchPattern(p, m, opts) === not);
}

/** split_at_delims with $IFS: words end at an unquoted IFS character; quotes, backslashes and
 *  $( ) ${ } ` ` keep theirs. */
export function splitWordList(text: string, ifs: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inWord = false;
  const ws = (c: string) => c === " " || c === "\t" || c === "\n";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (ifs.includes(c)) {
      if (inWord || !ws(c)) out.push(cur);
      cur = "";
      inWord = false;
      // IFS white space around a non-white delimiter is part of it
      if (ws(c)) {
        while (i + 1 < text.length && ifs.includes(text[i + 1]!) && ws(text[i + 1]!)) i++;
      }
      continue;
    }
    inWord = true;
    const end = skipQuoted(text, i);
    cur += text.slice(i, end);
    i = end - 1;
  }
  if (inWord) out.push(cur);
  return out;
}

/** The end of the quoted construct starting at i (or i + 1 for an ordinary character). */
function skipQuoted(s: string, i: number): number {
  const c = s[i]!;
  if (c === "\\") return Math.min(i + 2, s.length);
  if (c === "'") {
    const e = s.indexOf("'", i + 1);
    return e < 0 ? s.length : e + 1;
  }
  if (c === '"' || c === "`") {
    for (let k = i + 1; k < s.length; k++) {
      if (s[k] === "\\") k++;
      else if (s[k] === c) return k + 1;
    }
    return s.length;
  }
  if (c === "$" && (s[i + 1] === "(" || s[i + 1] === "{")) {
    const open = s[i + 1]!;
    const close = open === "(" ? ")" : "}";
    let depth = 0;
    for (let k = i + 1; k < s.length; k++) {
      if (s[k] === "\\") k++;
      else if (s[k] === "'" || s[k] === '"' || s[k] === "`") k = skipQuoted(s, k) - 1;
      else if (s[k] === open) depth++;
      else if (s[k] === close && --depth === 0) return k + 1;
    }
    return s.length;
  }
  return i + 1;
}

/** One -W word as the parser sees it, or undefined when it is not a single plain word. */
function parseWord(sh: Shell, text: string): Word | undefined {
  const r = parse(": " + text, { extglob: sh.opts.extglob });
  if (r.kind !== "ok" || r.list.items.length !== 1) return undefined;
  const it = r.list.items[0]!;
  if (it.background || it.andOr.rest.length > 0 || it.andOr.first.commands.length !== 1) return undefined;
  const c = it.andOr.first.commands[0]!;
  if (c.kind !== "SimpleCommand" || c.words.length !== 2 || c.redirects.length > 0 || c.assigns.length > 0) return undefined;
  return c.words[1];
}

/** The -W list: split at IFS, then each word expanded as a command's words are, but without
 *  pathname expansion (expand_words_shellexp). */
export function* expandWordList(sh: Shell, text: string): Gen<string[]> {
  const out: string[] = [];
  const noglob = sh.opts.noglob;
  sh.opts.noglob = true;
  try {
    for (const piece of splitWordList(text, sh.vars.get("IFS") ?? " \t\n")) {
      const w = parseWord(sh, piece);
      if (w) out.push(...(yield* expandWords(sh.host, [w])));
      else out.push(piece);
    }
  } finally {
    sh.opts.noglob = noglob;
  }
  return out;
}

function setCompVars(sh: Shell, req: CompRequest, exported: boolean): void {
  const v = sh.vars;
  v.set("COMP_LINE", req.line);
  v.set("COMP_POINT", String(req.point));
  v.setArray("COMP_WORDS", req.words);
  v.set("COMP_CWORD", String(req.cword));
  if (exported) for (const n of ["COMP_LINE", "COMP_POINT", "COMP_WORDS", "COMP_CWORD"]) v.setAttrs(n, VarAttr.Export);
}

function unsetCompVars(sh: Shell): void {
  for (const n of ["COMP_LINE", "COMP_POINT", "COMP_WORDS", "COMP_CWORD"]) sh.vars.unset(n);
}

function prevWord(req: CompRequest): string {
  return req.cword > 0 ? (req.words[req.cword - 1] ?? "") : "";
}

/** gen_shell_function_matches: the function's COMPREPLY, or "retry" when it returned 124. */
function* runFunction(sh: Shell, name: string, req: CompRequest): Gen<string[] | "retry"> {
  const fn = sh.functions.get(name);
  if (!fn) {
    sh.diag(`completion: function \`${name}' not found`);
    return [];
  }
  setCompVars(sh, req, false);
  let status: number;
  try {
    status = yield* callFunction(sh, fn, [name, req.cmd, req.word, prevWord(req)]);
  } finally {
    unsetCompVars(sh);
  }
  let reply: string[] = [];
  if (sh.vars.isSet("COMPREPLY") || sh.vars.isArray("COMPREPLY") || sh.vars.isAssoc("COMPREPLY")) {
    reply = sh.vars.isArray("COMPREPLY") || sh.vars.isAssoc("COMPREPLY") ? sh.vars.getValues("COMPREPLY") : [sh.vars.get("COMPREPLY") ?? ""];
    sh.vars.unset("COMPREPLY");
  }
  if (status === 124) return "retry";
  return reply;
}

function singleQuote(s: string): string {
  return "'" + s.replaceAll("'", "'\\''") + "'";
}

/** gen_command_matches: the output lines of `command cmd word prev`. */
function* runCommand(sh: Shell, command: string, req: CompRequest): Gen<string[]> {
  const text = `${command} ${singleQuote(req.cmd)} ${singleQuote(req.word)} ${singleQuote(prevWord(req))}`;
  const r = parse(text, { extglob: sh.opts.extglob });
  if (r.kind !== "ok") return [];
  setCompVars(sh, req, true);
  let out: string;
  try {
    out = yield* sh.commandSubst(r.list);
  } finally {
    unsetCompVars(sh);
  }
  return out.split("\n").filter((l) => l !== "");
}
