// The accumulator of word expansion. Parts of a word are appended in order, each marked as
// quoted text, unquoted literal text, or the unquoted result of an expansion; the builder applies
// the rest of the POSIX order as it goes:
//  - Split mode (command arguments, for lists): results of unquoted expansions are split by IFS
//    (ifs.ts has the rules), quoted text is never split, and each finished field that holds an
//    unquoted glob character goes through pathname expansion (quoted characters are escaped in
//    the pattern kept alongside). A field exists if it has any character or any quoted part
//    ("" and '' make an empty field; an unquoted empty expansion makes none).
//  - Join mode (assignments, case subjects, redirection targets, here-documents): no splitting,
//    no globbing; "$@" joins with spaces and "$*" with the first IFS character.
//  - Pattern mode (case patterns, [[ == ]], ${x#pat}): like join, but quoted characters are
//    backslash-escaped so that they match literally.
import type { ExpandHost } from "./host.ts";
import { glob } from "./glob.ts";
import { matchPattern } from "./pattern.ts";
import { IfsTable, ifsTable } from "./ifs.ts";
import { escapeGlob } from "./quote.ts";

export const enum Mode {
  Split = 0,
  Join = 1,
  Pattern = 2,
}

/** Glob scan results: a pattern character was seen / a "[" is open (a later "]" completes it). */
const GLOB_CHAR = 1;
const OPEN_BRACKET = 2;

/**
 * Scan unquoted text for pattern characters: * ? (and "(" with extglob) make a field a pattern,
 * "[" only together with a later "]" (as bash's unquoted_glob_pattern_p), so that the word
 * `[` of the test command never costs a directory lookup.
 */
function globScan(s: string, extglob: boolean, state: number): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) {
      // A backslash (from an unquoted expansion) escapes the next character: `\*` alone does
      // not make a pattern, and the word keeps its backslash (bash 5.2).
      i++;
      continue;
    }
    if (c === 42 || c === 63 || (extglob && c === 40)) return GLOB_CHAR;
    if (c === 91) state |= OPEN_BRACKET;
    else if (c === 93 && state & OPEN_BRACKET) return GLOB_CHAR;
  }
  return state;
}

/**
 * bash's GLOBIGNORE: matches that match one of its colon-separated patterns are dropped, and
 * (as if dotglob were on) names starting with "." are matched too, except "." and "..".
 */
function applyGlobIgnore(matches: string[], ignore: string, pat: string, cwd: string, o: ExpandHost["opts"], vars: ExpandHost["vars"]): string[] {
  if (!o.dotglob) matches = glob(pat, cwd, { ...o, dotglob: true, localeVars: vars });
  const pats = ignore.split(":").filter((p) => p !== "");
  const mo = { extglob: o.extglob, localeVars: vars };
  return matches.filter((m) => !pats.some((p) => matchPattern(p, m, mo)));
}

export class FieldBuilder {
  /** finished fields (Split mode) */
  readonly out: string[] = [];
  /** the current field's value after quote removal */
  cur = "";
  /**
   * The current field as a pattern (Split mode): quoted characters escaped. Built only when the
   * field is globbed, since most fields are not: until then (patLive false) `cur` and
   * `quotedRanges` describe it, and `pat` is empty. An extglob group (patternText), whose
   * pattern differs from its text, makes it live at once.
   */
  private pat = "";
  private patLive = false;
  /** while !patLive: [start, end) offsets in `cur` of quoted text, in pairs (made on first use:
   *  most builders, e.g. those of assignments, never need it) */
  private quotedRanges: number[] | undefined = undefined;
  /** the current field exists (has a character or a quoted part) */
  private started = false;
  /** the current field holds an unquoted glob character */
  private globbing = false;
  /** an unquoted "[" is waiting for its "]" */
  private bracket = 0;
  /** the last field was ended by IFS white space (a following non-white delimiter joins it) */
  private wsEnded = false;
  private ifsT: IfsTable | undefined;
  /** here-document bodies: bash joins "$*" with spaces there, whatever IFS is */
  heredoc = false;

  constructor(
    readonly h: ExpandHost,
    readonly mode: Mode,
  ) {}

  /** The IFS table, read once per builder. */
  ifs(): IfsTable {
    return (this.ifsT ??= ifsTable(this.h.vars.get("IFS")));
  }

  /** True if an unquoted expansion result s would be exactly one field, unchanged:
   *  non-empty, no IFS character, no glob character (the expandWords fast path). */
  isPlainField(s: string): boolean {
    const n = s.length;
    if (n === 0) return false;
    const t = this.ifs();
    const globs = !this.h.opts.noglob;
    const extglob = this.h.opts.extglob;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (globs && (c === 42 || c === 63 || c === 91 || (extglob && c === 40))) return false;
      if (!t.empty && t.classOf(s, i) !== 0) return false;
    }
    return true;
  }

  private scanGlob(s: string, extglob: boolean): void {
    const r = globScan(s, extglob, this.bracket);
    if (r === GLOB_CHAR) this.globbing = true;
    else this.bracket = r;
  }

  /** Quoted text: literal, never split or globbed. */
  quoted(s: string): void {
    if (this.mode === Mode.Split) {
      if (this.patLive) this.pat += escapeGlob(s);
      else if (s.length > 0) (this.quotedRanges ??= []).push(this.cur.length, this.cur.length + s.length);
      this.cur += s;
      this.started = true;
      this.wsEnded = false;
    } else if (this.mode === Mode.Pattern) {
      this.cur += escapeGlob(s);
    } else {
      this.cur += s;
    }
  }

  /** Unquoted literal text from the source: not split, but its glob characters are active. */
  literal(s: string): void {
    this.cur += s;
    if (this.mode !== Mode.Split || s.length === 0) return;
    if (this.patLive) this.pat += s;
    this.started = true;
    this.wsEnded = false;
    if (!this.globbing) this.scanGlob(s, this.h.opts.extglob);
  }

  /** The result of an expansion: split and globbed when unquoted (Split mode). */
  expanded(s: string, quoted: boolean): void {
    if (quoted) this.quoted(s);
    else if (this.mode === Mode.Split) this.split(s);
    else this.cur += s;
  }

  /** A list expansion ("$@", "$*", ${a[@]}, ${a[*]}). star: the * form (joined by IFS[0]). */
  list(values: string[], star: boolean, quoted: boolean): void {
    const n = values.length;
    if (this.mode !== Mode.Split) {
      if (n === 0) return;
      const sep = star && !this.heredoc ? this.ifs().first : " ";
      this.expanded(n === 1 ? values[0]! : values.join(sep), quoted);
      return;
    }
    if (quoted) {
      if (star) {
        this.quoted(n === 1 ? values[0]! : values.join(this.ifs().first));
        return;
      }
      // "$@": one field per element; the first joins the text before, the last the text after.
      for (let i = 0; i < n; i++) {
        if (i > 0) this.endField();
        this.quoted(values[i]!);
      }
      return;
    }
    const t = this.ifs();
    if (!t.empty) {
      // Unquoted: as if joined by the first IFS character and then split (bash 5.2).
      this.split(n === 1 ? values[0]! : values.join(t.first));
      return;
    }
    // IFS empty: each element starts its own field (the first joins the text before); an
    // empty element makes no field unless quoted text follows it.
    for (let i = 0; i < n; i++) {
      if (i > 0) this.endField();
      this.split(values[i]!);
    }
  }

  /** Split s by IFS into the current field and new ones. */
  private split(s: string): void {
    const n = s.length;
    if (n === 0) return;
    const t = this.ifs();
    const extglob = this.h.opts.extglob;
    if (t.empty) {
      this.appendRun(s, extglob);
      return;
    }
    let run = 0;
    for (let i = 0; i < n; i++) {
      const k = t.classOf(s, i);
      if (k === 0) continue;
      if (i > run) this.appendRun(s.slice(run, i), extglob);
      run = i + 1;
      if (k === 1) {
        if (this.started) {
          this.endField();
          this.wsEnded = true;
        }
      } else if (this.wsEnded) {
        this.wsEnded = false;
      } else {
        this.started = true;
        this.endField();
      }
    }
    if (run < n) this.appendRun(run === 0 ? s : s.slice(run), extglob);
  }

  private appendRun(s: string, extglob: boolean): void {
    this.cur += s;
    if (this.patLive) this.pat += s;
    this.started = true;
    this.wsEnded = false;
    if (!this.globbing) this.scanGlob(s, extglob);
  }

  /** Add pattern text (an extglob group) whose value when unmatched is `text`. */
  patternText(pattern: string, text: string): void {
    if (this.mode === Mode.Split) {
      this.livePattern();
      this.cur += text;
      this.pat += pattern;
      this.started = true;
      this.wsEnded = false;
      this.globbing = true;
    } else if (this.mode === Mode.Pattern) {
      this.cur += pattern;
    } else {
      this.cur += text;
    }
  }

  /** Build the pattern of the current field so far from `cur`, escaping its quoted ranges. */
  private livePattern(): void {
    if (this.patLive) return;
    const r = this.quotedRanges;
    const cur = this.cur;
    let pat = "";
    let at = 0;
    if (r !== undefined) {
      for (let k = 0; k < r.length; k += 2) {
        pat += cur.slice(at, r[k]) + escapeGlob(cur.slice(r[k]!, r[k + 1]));
        at = r[k + 1]!;
      }
    }
    this.pat = at === 0 ? cur : pat + cur.slice(at);
    this.patLive = true;
  }

  /** End the current field (if it exists): pathname expansion happens here. */
  endField(): void {
    if (this.started) {
      const o = this.h.opts;
      if (this.globbing && !o.noglob) {
        this.livePattern();
        let matches = glob(this.pat, this.h.cwd(), { ...o, localeVars: this.h.vars });
        const ignore = this.h.vars.get("GLOBIGNORE");
        if (ignore) matches = applyGlobIgnore(matches, ignore, this.pat, this.h.cwd(), o, this.h.vars);
        if (matches.length > 0) {
          for (const m of matches) this.out.push(m);
        } else if (o.failglob) {
          this.h.fail(`no match: ${this.cur}`, false);
        } else if (!o.nullglob) {
          this.out.push(this.cur);
        }
      } else {
        this.out.push(this.cur);
      }
    }
    this.cur = "";
    this.pat = "";
    this.patLive = false;
    if (this.quotedRanges !== undefined && this.quotedRanges.length > 0) this.quotedRanges.length = 0;
    this.started = false;
    this.globbing = false;
    this.bracket = 0;
  }

  /** Finish a word in Split mode (the builder can go on with the next word). */
  endWord(): void {
    this.endField();
    this.wsEnded = false;
  }
}
