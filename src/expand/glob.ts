// Pathname expansion (XCU 2.13.3 with bash's options): a pattern is split at "/" and matched one
// directory level at a time.
//  - Components without special characters are taken literally (and must exist at the end).
//  - A name starting with "." is matched only by a component that starts with a literal "."
//    (or with dotglob); "." and ".." are never produced by readdir, so never matched
//    (bash 5.2's globskipdots), unless globskipdots is off and the component starts with a
//    literal ".".
//  - globstar: a component that is exactly "**" matches any number of directory levels,
//    including none; symbolic links to directories are not followed, as in bash >= 4.3.
//    A path reached through several "**" is listed once; a final "**" lists the directory
//    itself too ("c/" for c/**).
//  - A trailing "/" keeps only directories.
//  - Results are sorted in byte order (bash in the C locale); relative patterns are resolved
//    against `cwd` but produce relative names.
import { encodeUtf8, fsPath, toByteString } from "../sys/utf8.ts";
import { charsAreBytes, type LocaleVars } from "../state/locale.ts";
import { lstatSync } from "node:fs";
import { fileMode, S_IFDIR, S_IFMT } from "../sys/fs.ts";
import { readDirectory, DT_DIR, DT_LNK, DT_UNKNOWN } from "../sys/dir.ts";
import type { DirEntries } from "../sys/dir.ts";
import { hasPatternChars, patternToRegExp, unescapePattern, withByteClasses } from "./pattern.ts";
import type { MatchOptions } from "./pattern.ts";
import { Kind, shapeMatches, shapeOf } from "./pattern-shape.ts";

export interface GlobOptions {
  dotglob?: boolean;
  nocaseglob?: boolean;
  extglob?: boolean;
  globstar?: boolean;
  /** shopt globskipdots (default on): "." and ".." never match */
  globskipdots?: boolean;
  /** the variables that choose the locale: in the C locale names are matched byte by byte */
  localeVars?: LocaleVars;
}

/** Split at unescaped "/" (escapes are kept in the pieces). */
function splitComponents(p: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 47) {
      out.push(p.slice(start, i));
      start = i + 1;
    }
  }
  out.push(p.slice(start));
  return out;
}

/** The text to put before a name read from directory `dir` ("" for the current directory). */
function prefixOf(dir: string): string {
  return dir === "" || dir.endsWith("/") ? dir : dir + "/";
}

function absolute(cwd: string, path: string): string {
  return path.startsWith("/") ? path : cwd + "/" + path;
}

const NO_ENTRIES: DirEntries = { names: [], types: [], surrogates: false };
/** Set when a listing of the current expansion had a name above U+FFFF (see sortPaths). */
let sawSurrogates = false;

/** The entries of `dir` (relative to cwd); none when it cannot be read (bash skips it). */
function listDir(cwd: string, dir: string): DirEntries {
  const r = readDirectory(dir === "" ? cwd : absolute(cwd, dir));
  if (typeof r === "number") return NO_ENTRIES;
  if (r.surrogates) sawSurrogates = true;
  return r;
}

function exists(cwd: string, path: string): boolean {
  try {
    // a missing name is the common answer: no exception for it (about 5x cheaper)
    return lstatSync(fsPath(absolute(cwd, path)), { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false; // ENOTDIR, EACCES, ELOOP...
  }
}

/** A directory, following symbolic links (the test of a trailing "/"). */
function isDir(cwd: string, path: string): boolean {
  const m = fileMode(absolute(cwd, path));
  return m >= 0 && (m & S_IFMT) === S_IFDIR;
}

/** Whether a directory entry of type `type` at `path` is a directory: d_type answers without
 *  a system call except for a symbolic link (followed only when `follow`) and DT_UNKNOWN. */
function entryIsDir(cwd: string, path: string, type: number, follow: boolean): boolean {
  if (type === DT_DIR) return true;
  if (type === DT_LNK) return follow && isDir(cwd, path);
  if (type !== DT_UNKNOWN) return false;
  if (follow) return isDir(cwd, path);
  try {
    return lstatSync(fsPath(absolute(cwd, path))).isDirectory();
  } catch {
    return false;
  }
}

/** All directories below `dir`, depth-first, for `**`. Symbolic links to directories are not
 *  descended into; with `links` (a final `**` followed by a slash) they are listed themselves, as bash does. */
function subdirs(cwd: string, dir: string, dotglob: boolean, links: boolean, out: string[]): void {
  const { names, types } = listDir(cwd, dir);
  const pre = prefixOf(dir);
  for (let k = 0; k < names.length; k++) {
    const name = names[k]!;
    if (!dotglob && name.charCodeAt(0) === 46) continue;
    const p = pre + name;
    if (entryIsDir(cwd, p, types[k]!, false)) {
      out.push(p);
      subdirs(cwd, p, dotglob, links, out);
    } else if (links && (types[k] === DT_LNK || types[k] === DT_UNKNOWN) && isDir(cwd, p)) {
      out.push(p);
    }
  }
}

/** Every file and directory below `dir` (for a final `**`). */
function allEntries(cwd: string, dir: string, dotglob: boolean, out: string[]): void {
  const { names, types } = listDir(cwd, dir);
  const pre = prefixOf(dir);
  for (let k = 0; k < names.length; k++) {
    const name = names[k]!;
    if (!dotglob && name.charCodeAt(0) === 46) continue;
    const p = pre + name;
    out.push(p);
    if (entryIsDir(cwd, p, types[k]!, false)) allEntries(cwd, p, dotglob, out);
  }
}

const DOT_NAMES = [".", ".."];
const NO_NAMES: string[] = [];
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Byte order of the UTF-8 encodings (the C locale's strcmp; C.UTF-8 collates the same way),
 * which is code point order. JavaScript's `<` compares UTF-16 code units, which agrees except
 * that a surrogate (D800-DFFF, half of a character above U+FFFF) must sort after E000-FFFF:
 * the two ranges are swapped before comparing.
 */
export function compareBytes(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // an escaped byte (src/sys/utf8.ts) sorts by the byte it stands for: compare the encodings
    if ((x >= 0xdc80 && x <= 0xdcff) || (y >= 0xdc80 && y <= 0xdcff)) return compareEncoded(a, b);
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

function compareEncoded(a: string, b: string): number {
  const x = encodeUtf8(a);
  const y = encodeUtf8(b);
  const n = x.length < y.length ? x.length : y.length;
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Sort in byte order. The built-in sort (no comparator: UTF-16 order, several times faster
 *  than any comparator function) is exact unless some string holds a surrogate. */
function sortPaths(paths: string[], pattern: string): void {
  if (sawSurrogates || SURROGATE.test(pattern)) paths.sort(compareBytes);
  else paths.sort();
}

/**
 * The paths `dir/name` for each directory in `dirs` and each of its entries that the pattern
 * component `c` matches. Hidden names need a leading "." in `c` (or dotglob); "." and ".."
 * only come from globskipdots being off. `dirsOnly`: a "/" follows `c`, so only directories
 * (through symbolic links too) are kept, told by d_type where the kernel gives it.
 * `sortNames`: sort each directory's names before prefixing them (the caller's final sort is
 * then unnecessary when there is one directory: a common prefix does not change the order, and
 * sorting the short names is cheaper than sorting the joined paths).
 */
function matchComponent(
  cwd: string,
  dirs: string[],
  c: string,
  dotglob: boolean,
  opts: GlobOptions,
  matchOpts: MatchOptions,
  dirsOnly: boolean,
  sortNames: boolean,
): string[] {
  // in the C locale, names and patterns are matched byte by byte (src/state/locale.ts)
  const bytes = matchOpts.localeVars !== undefined && charsAreBytes(matchOpts.localeVars);
  if (bytes) {
    c = toByteString(c);
    matchOpts = { ...matchOpts, localeVars: undefined };
  }
  // `*`, `*.c`, `lib*`... are tested with string methods, the rest with a regular expression
  const sh = matchOpts.nocase ? undefined : shapeOf(c, !!matchOpts.extglob);
  const re = sh === undefined || sh.kind === Kind.None ? (bytes ? withByteClasses(() => patternToRegExp(c, matchOpts)) : patternToRegExp(c, matchOpts)) : undefined;
  const any = sh !== undefined && sh.kind === Kind.Any;
  const test = (name: string): boolean => {
    const n = bytes ? toByteString(name) : name;
    return re !== undefined ? re.test(n) : shapeMatches(sh!, n);
  };
  const leadingDot = c.charCodeAt(0) === 46 || (c.charCodeAt(0) === 92 && c.charCodeAt(1) === 46);
  const dotOk = dotglob || leadingDot;
  const dots = opts.globskipdots === false && leadingDot ? DOT_NAMES : NO_NAMES;
  const next: string[] = [];
  for (const dir of dirs) {
    const pre = prefixOf(dir);
    const matched: string[] = [];
    for (const name of dots) if (test(name)) matched.push(name);
    const { names, types, surrogates } = listDir(cwd, dir);
    for (let k = 0; k < names.length; k++) {
      const name = names[k]!;
      if (!dotOk && name.charCodeAt(0) === 46) continue;
      if (!any && !test(name)) continue;
      if (dirsOnly && !entryIsDir(cwd, pre + name, types[k]!, true)) continue;
      matched.push(name);
    }
    if (sortNames) {
      if (surrogates) matched.sort(compareBytes);
      else matched.sort();
    }
    for (let k = 0; k < matched.length; k++) next.push(pre + matched[k]!);
  }
  return next;
}

/** Expand a pattern (quoted characters backslash-escaped) into the sorted list of matching
 *  paths; [] when nothing matches. */
export function glob(pattern: string, cwd: string, opts: GlobOptions = {}): string[] {
  const comps = splitComponents(pattern);
  let paths: string[] = [""];
  let i = 0;
  if (comps[0] === "") {
    // Absolute: keep the leading slashes as written.
    let lead = "/";
    i = 1;
    while (i < comps.length - 1 && comps[i] === "") {
      lead += "/";
      i++;
    }
    paths = [lead];
  }
  const dotglob = !!opts.dotglob;
  const matchOpts = { extglob: opts.extglob, nocase: opts.nocaseglob, localeVars: opts.localeVars };
  let lastLiteral = false;
  let dirsOnly = false;
  /** the trailing "/" was already applied with the entries' types (no stat per match) */
  let dirsChecked = false;
  /** the paths are already in order (see matchComponent) */
  let sorted = false;
  sawSurrogates = false;

  for (; i < comps.length; i++) {
    const c = comps[i]!;
    const last = i === comps.length - 1;
    if (c === "") {
      // A trailing slash: directories only. A doubled slash inside is kept as written.
      if (last) dirsOnly = true;
      else for (let k = 0; k < paths.length; k++) paths[k] = paths[k]!.endsWith("/") ? paths[k] + "/" : paths[k] + "//";
      continue;
    }
    if (opts.globstar && c === "**") {
      // a final "**/": every directory below, symbolic links to directories included
      const slashNext = i === comps.length - 2 && comps[i + 1] === "";
      const next: string[] = [];
      for (const p of paths) {
        if (last) {
          // a final ** also gives the directory itself: "c/" after a literal c, as bash
          if (p !== "" && !p.endsWith("/")) next.push(lastLiteral ? p + "/" : p);
          allEntries(cwd, p, dotglob, next);
        } else {
          // the directory itself (none for the current directory before a final "/")
          if (!(slashNext && p === "")) next.push(p);
          subdirs(cwd, p, dotglob, slashNext, next);
        }
      }
      paths = next;
      lastLiteral = false;
      dirsChecked = false;
      continue;
    }
    if (!hasPatternChars(c, opts.extglob)) {
      const name = unescapePattern(c);
      for (let k = 0; k < paths.length; k++) paths[k] = prefixOf(paths[k]!) + name;
      lastLiteral = true;
      dirsChecked = false;
      continue;
    }
    const slashNext = i === comps.length - 2 && comps[i + 1] === "";
    // the last component, read from one directory: the names sorted are the paths sorted
    // (not before a "/": "a/" sorts after "a.b/" although "a" sorts before "a.b")
    sorted = last && paths.length === 1;
    paths = matchComponent(cwd, paths, c, dotglob, opts, matchOpts, slashNext, sorted);
    lastLiteral = false;
    dirsChecked = slashNext;
    if (paths.length === 0) return paths;
  }
  if (lastLiteral) paths = paths.filter((p) => exists(cwd, p));
  if (dirsOnly) {
    if (!dirsChecked) paths = paths.filter((p) => isDir(cwd, p));
    paths = paths.map((p) => (p.endsWith("/") ? p : p + "/"));
  }
  if (paths.length === 1 && paths[0] === "") return [];
  if (!sorted) sortPaths(paths, pattern);
  if (opts.globstar) {
    // several ** reach the same path by different routes: each is listed once
    let n = 0;
    for (let k = 0; k < paths.length; k++) if (k === 0 || paths[k] !== paths[k - 1]) paths[n++] = paths[k]!;
    paths.length = n;
  }
  return paths;
}
