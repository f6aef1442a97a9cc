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
import { readdirSync, lstatSync, statSync } from "node:fs";
import type { Dirent } from "node:fs";
import { hasPatternChars, patternToRegExp, unescapePattern } from "./pattern.ts";

export interface GlobOptions {
  dotglob?: boolean;
  nocaseglob?: boolean;
  extglob?: boolean;
  globstar?: boolean;
  /** shopt globskipdots (default on): "." and ".." never match */
  globskipdots?: boolean;
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

function join(dir: string, name: string): string {
  return dir === "" ? name : dir.endsWith("/") ? dir + name : dir + "/" + name;
}

function readDir(cwd: string, dir: string): Dirent[] {
  const abs = dir === "" ? cwd : dir.startsWith("/") ? dir : cwd + "/" + dir;
  try {
    return readdirSync(abs, { withFileTypes: true });
  } catch {
    return [];
  }
}

function absolute(cwd: string, path: string): string {
  return path.startsWith("/") ? path : cwd + "/" + path;
}

function exists(cwd: string, path: string): boolean {
  try {
    lstatSync(absolute(cwd, path));
    return true;
  } catch {
    return false;
  }
}

function isDir(cwd: string, path: string): boolean {
  try {
    return statSync(absolute(cwd, path)).isDirectory();
  } catch {
    return false;
  }
}

/** All directories below `dir` (not following symlinks), depth-first, for `**`. */
function subdirs(cwd: string, dir: string, dotglob: boolean, out: string[]): void {
  for (const e of readDir(cwd, dir)) {
    if (!dotglob && e.name.charCodeAt(0) === 46) continue;
    if (e.isDirectory()) {
      const p = join(dir, e.name);
      out.push(p);
      subdirs(cwd, p, dotglob, out);
    }
  }
}

/** Every file and directory below `dir` (for a final `**`). */
function allEntries(cwd: string, dir: string, dotglob: boolean, out: string[]): void {
  for (const e of readDir(cwd, dir)) {
    if (!dotglob && e.name.charCodeAt(0) === 46) continue;
    const p = join(dir, e.name);
    out.push(p);
    if (e.isDirectory()) allEntries(cwd, p, dotglob, out);
  }
}

const DOT_NAMES = [".", ".."];
const NO_NAMES: string[] = [];

/** Byte-order comparison (C locale strcmp on UTF-8 agrees with code point order). */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
  const matchOpts = { extglob: opts.extglob, nocase: opts.nocaseglob };
  let lastLiteral = false;
  let dirsOnly = false;

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
      const next: string[] = [];
      for (const p of paths) {
        if (last) {
          // a final ** also gives the directory itself: "c/" after a literal c, as bash
          if (p !== "" && !p.endsWith("/")) next.push(lastLiteral ? p + "/" : p);
          allEntries(cwd, p, dotglob, next);
        } else {
          next.push(p);
          subdirs(cwd, p, dotglob, next);
        }
      }
      paths = next;
      lastLiteral = false;
      continue;
    }
    if (!hasPatternChars(c, opts.extglob)) {
      const name = unescapePattern(c);
      for (let k = 0; k < paths.length; k++) paths[k] = join(paths[k]!, name);
      lastLiteral = true;
      continue;
    }
    const re = patternToRegExp(c, matchOpts);
    const dotOk = dotglob || c.charCodeAt(0) === 46 || (c.charCodeAt(0) === 92 && c.charCodeAt(1) === 46);
    const next: string[] = [];
    const leadingDot = c.charCodeAt(0) === 46 || (c.charCodeAt(0) === 92 && c.charCodeAt(1) === 46);
    const dots = opts.globskipdots === false && leadingDot ? DOT_NAMES : NO_NAMES;
    for (const p of paths) {
      for (const name of dots) if (re.test(name)) next.push(join(p, name));
      for (const e of readDir(cwd, p)) {
        const name = e.name;
        if (!dotOk && name.charCodeAt(0) === 46) continue;
        if (re.test(name)) next.push(join(p, name));
      }
    }
    paths = next;
    lastLiteral = false;
    if (paths.length === 0) return paths;
  }
  if (lastLiteral) paths = paths.filter((p) => exists(cwd, p));
  if (dirsOnly) paths = paths.filter((p) => isDir(cwd, p)).map((p) => (p.endsWith("/") ? p : p + "/"));
  if (paths.length === 1 && paths[0] === "") return [];
  paths.sort(compareBytes);
  if (opts.globstar) {
    // several ** reach the same path by different routes: each is listed once
    let n = 0;
    for (let k = 0; k < paths.length; k++) if (k === 0 || paths[k] !== paths[k - 1]) paths[n++] = paths[k]!;
    paths.length = n;
  }
  return paths;
}
