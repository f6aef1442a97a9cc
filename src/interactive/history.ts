// The command history list and its file, as bash keeps them (HISTFILE, HISTSIZE, HISTFILESIZE,
// HISTCONTROL, HISTIGNORE, HISTTIMEFORMAT), with two deliberate differences: every accepted line is
// appended to HISTFILE at once instead of at exit, so several shells sharing one file lose nothing;
// and every entry is written with its `#<seconds>` line (bash does that only with HISTTIMEFORMAT),
// so multi-line commands survive a reload. Files without stamps (bash's plain format) load too.
//
// Invariants:
//  - History numbers are `base + index`; trimming to HISTSIZE drops the oldest entries and raises
//    `base`, so numbers of surviving entries never change (as bash's history_base). `history -d`
//    renumbers the entries after the deleted one, as bash does.
//  - An append is one write(2) of whole lines on a descriptor opened with O_APPEND (mode 0600 when
//    it creates the file): concurrent appenders never interleave within an entry.
//  - The file is only ever rewritten through a temporary file renamed over it; lines another shell
//    appended while we were rewriting are carried over (see rewriteFile).
//  - The variables are read through `lookup` on every operation, so assignments take effect at once.
import * as fs from "node:fs";

export interface HistoryEntry {
  line: string;
  /** Seconds since the epoch when the entry was added (or read from a `#123` timestamp line). */
  time: number;
}

export interface HistoryOptions {
  /** Reads a shell variable (HISTFILE, HISTSIZE, HISTFILESIZE, HISTCONTROL, HISTIGNORE, HISTTIMEFORMAT). */
  lookup: (name: string) => string | undefined;
}

/** HISTSIZE / HISTFILESIZE: unset, empty, non-numeric or negative mean "no limit" (bash). */
function limitOf(value: string | undefined): number {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return Infinity;
  return Number(value);
}

const TIMESTAMP_LINE = /^#\d+$/;

/** Parses history file text into entries. A line `#<digits>` is the time of the entry after it;
 *  the lines from there to the next stamp form that one entry (how bash reassembles multi-line
 *  commands). Lines not preceded by a stamp (bash's plain format) are one entry each. */
export function parseHistoryText(text: string): HistoryEntry[] {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const out: HistoryEntry[] = [];
  let time = 0;
  let stampedEntry: HistoryEntry | undefined;
  let afterStamp = false;
  for (const l of lines) {
    if (l.charCodeAt(0) === 0x23 && TIMESTAMP_LINE.test(l)) {
      time = Number(l.slice(1));
      afterStamp = true;
      stampedEntry = undefined;
      continue;
    }
    if (stampedEntry) {
      stampedEntry.line += "\n" + l;
      continue;
    }
    const e = { line: l, time: afterStamp ? time : 0 };
    out.push(e);
    if (afterStamp) stampedEntry = e;
    afterStamp = false;
  }
  return out;
}

/** The text one entry occupies in the file: always with its `#<seconds>` line (bash's format with
 *  HISTTIMEFORMAT set, which bash also reads without it). The stamps are what delimit entries, so
 *  a multi-line command comes back as one entry, whichever shell appended what in between. */
function formatEntry(e: HistoryEntry): string {
  return `#${e.time}\n${e.line}\n`;
}

// HISTIGNORE patterns are shell patterns matched against the whole line; `&` is the previous entry.
const patternCache = new Map<string, RegExp>();
function patternRegExp(pat: string): RegExp {
  let re = patternCache.get(pat);
  if (re) return re;
  let src = "^";
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!;
    if (c === "*") src += "[\\s\\S]*";
    else if (c === "?") src += "[\\s\\S]";
    else if (c === "\\" && i + 1 < pat.length) src += escapeRe(pat[++i]!);
    else if (c === "[") {
      const close = pat.indexOf("]", i + 2);
      if (close < 0) src += "\\[";
      else {
        let body = pat.slice(i + 1, close);
        if (body[0] === "!") body = "^" + body.slice(1);
        src += "[" + body.replace(/\\/g, "\\\\") + "]";
        i = close;
      }
    } else src += escapeRe(c);
  }
  re = new RegExp(src + "$");
  patternCache.set(pat, re);
  return re;
}
function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? "\\" + c : c;
}

export class History {
  entries: HistoryEntry[] = [];
  /** History number of entries[0]. */
  base = 1;
  /** Entries with numbers below this are in the history file (for `history -a`). */
  private savedUpTo = 1;
  /** How many entries of the file this shell has read (for `history -n`). */
  private fileEntriesRead = 0;
  /** Our estimate of the number of entries in the file, to decide when to trim it. */
  private fileEntries = 0;
  private readonly lookup: (name: string) => string | undefined;

  constructor(opts: HistoryOptions) {
    this.lookup = opts.lookup;
  }

  get length(): number {
    return this.entries.length;
  }
  /** The number the next entry will get (the prompt's \!). */
  get nextNumber(): number {
    return this.base + this.entries.length;
  }
  /** The entry with history number n. */
  get(n: number): HistoryEntry | undefined {
    return this.entries[n - this.base];
  }
  /** The line with history number n. */
  line(n: number): string | undefined {
    return this.entries[n - this.base]?.line;
  }

  file(): string | undefined {
    const f = this.lookup("HISTFILE");
    return f ? f : undefined;
  }

  /** Reads HISTFILE at start-up (bash's load_history), then trims the file to HISTFILESIZE. */
  load(): void {
    const path = this.file();
    if (!path) return;
    const text = readText(path);
    if (text === undefined) return;
    const all = parseHistoryText(text);
    this.fileEntriesRead = all.length;
    this.fileEntries = all.length;
    this.pushAll(all);
    this.savedUpTo = this.nextNumber;
    this.trimFile(path);
  }

  /** Adds a line accepted by the editor, applying HISTCONTROL and HISTIGNORE, and appends it to
   *  HISTFILE. Returns false when the line was not saved. */
  add(line: string, time: number = Math.floor(Date.now() / 1000)): boolean {
    if (line.trim() === "") return false;
    const control = this.lookup("HISTCONTROL") ?? "";
    const ctl = control.split(":");
    const both = ctl.includes("ignoreboth");
    const prev = this.entries.length ? this.entries[this.entries.length - 1]!.line : undefined;
    if ((both || ctl.includes("ignorespace")) && /^[ \t]/.test(line)) return false;
    if ((both || ctl.includes("ignoredups")) && prev === line) return false;
    const ignore = this.lookup("HISTIGNORE");
    if (ignore) {
      for (const pat of ignore.split(":")) {
        if (pat === "") continue;
        if (pat === "&" ? prev === line : patternRegExp(pat).test(line)) return false;
      }
    }
    if (ctl.includes("erasedups")) {
      for (let i = this.entries.length - 1; i >= 0; i--) {
        if (this.entries[i]!.line === line) this.removeAt(i);
      }
    }
    if (limitOf(this.lookup("HISTSIZE")) === 0) return false;
    this.push({ line, time });
    this.appendNew();
    return true;
  }

  /** Adds an entry without HISTCONTROL/HISTIGNORE (history -s, history -r) and trims to HISTSIZE. */
  push(e: HistoryEntry): void {
    this.entries.push(e);
    this.trimList();
  }

  /** Adds many entries (a history file) and trims once: numbering as if pushed one by one. */
  pushAll(list: HistoryEntry[]): void {
    for (const e of list) this.entries.push(e);
    this.trimList();
  }

  private trimList(): void {
    const max = limitOf(this.lookup("HISTSIZE"));
    if (this.entries.length > max) {
      const drop = this.entries.length - max;
      this.entries.splice(0, drop);
      this.base += drop;
    }
  }

  /** history -c: numbering starts again at 1, as in bash. */
  clear(): void {
    this.base = 1;
    this.entries = [];
    this.savedUpTo = 1;
  }

  /** history -d: deletes entry number n; later entries are renumbered. */
  delete(n: number): boolean {
    const i = n - this.base;
    if (i < 0 || i >= this.entries.length) return false;
    this.removeAt(i);
    return true;
  }

  private removeAt(i: number): void {
    this.entries.splice(i, 1);
    if (i + this.base < this.savedUpTo) this.savedUpTo--;
  }

  /** Appends entries not yet in the file (history -a; also called after every add). */
  appendNew(path: string | undefined = this.file()): boolean {
    if (!path) return true;
    const from = Math.max(this.savedUpTo, this.base) - this.base;
    if (from >= this.entries.length) return true;
    let text = "";
    for (let i = from; i < this.entries.length; i++) text += formatEntry(this.entries[i]!);
    if (!appendText(path, text)) return false;
    const n = this.entries.length - from;
    this.fileEntries += n;
    this.fileEntriesRead += n;
    this.savedUpTo = this.nextNumber;
    // Rewriting the whole file for every line once it is full would cost O(file) per command:
    // let it grow by a tenth (at least 16 entries) past HISTFILESIZE, then cut it back.
    const max = limitOf(this.lookup("HISTFILESIZE"));
    if (this.fileEntries > max + Math.max(16, Math.floor(max / 10))) this.trimFile(path);
    return true;
  }

  /** history -w: replaces the file with the whole list (trimmed to HISTFILESIZE). */
  writeFile(path: string | undefined = this.file()): boolean {
    if (!path) return true;
    const max = limitOf(this.lookup("HISTFILESIZE"));
    const from = Math.max(0, this.entries.length - max);
    let text = "";
    for (let i = from; i < this.entries.length; i++) text += formatEntry(this.entries[i]!);
    if (!replaceFile(path, text, undefined)) return false;
    this.fileEntries = this.entries.length - from;
    this.fileEntriesRead = this.fileEntries;
    this.savedUpTo = this.nextNumber;
    return true;
  }

  /** history -r: appends the file's contents to the list. */
  readFile(path: string | undefined = this.file()): boolean {
    if (!path) return true;
    const text = readText(path);
    if (text === undefined) return false;
    const all = parseHistoryText(text);
    this.pushAll(all);
    this.fileEntriesRead = all.length;
    this.savedUpTo = this.nextNumber;
    return true;
  }

  /** history -n: appends the entries added to the file since this shell last read or wrote it. */
  readNew(path: string | undefined = this.file()): boolean {
    if (!path) return true;
    const text = readText(path);
    if (text === undefined) return false;
    const all = parseHistoryText(text);
    this.pushAll(all.slice(this.fileEntriesRead));
    this.fileEntriesRead = all.length;
    this.fileEntries = all.length;
    this.savedUpTo = this.nextNumber;
    return true;
  }

  /** Cuts the file down to its last HISTFILESIZE entries. */
  private trimFile(path: string): void {
    const max = limitOf(this.lookup("HISTFILESIZE"));
    if (max === Infinity) return;
    replaceFile(path, undefined, max);
    this.fileEntries = Math.min(this.fileEntries, max);
    this.fileEntriesRead = Math.min(this.fileEntriesRead, max);
  }
}

function readText(path: string): string | undefined {
  try {
    return fs.readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** One write of whole lines through O_APPEND; creates the file with mode 0600. */
function appendText(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o600);
  } catch {
    return false;
  }
  try {
    const buf = Buffer.from(text);
    let off = 0;
    while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
    return true;
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces the file atomically: either with `text`, or (text undefined) with its own last `keep`
 *  entries. Whatever other shells append to the old file while we work is copied to the new one:
 *  we hold the old file open, and after the rename append any bytes that arrived past what we read. */
function replaceFile(path: string, text: string | undefined, keep: number | undefined): boolean {
  let oldFd: number | undefined;
  try {
    oldFd = fs.openSync(path, fs.constants.O_RDONLY);
  } catch {
    oldFd = undefined;
  }
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    let readBytes = 0;
    if (text === undefined) {
      if (oldFd === undefined) return true;
      const old = fs.readFileSync(oldFd);
      readBytes = old.length;
      const entries = parseHistoryText(old.toString("utf8"));
      if (keep === undefined || entries.length <= keep) return true;
      text = "";
      for (let i = entries.length - keep; i < entries.length; i++) text += formatEntry(entries[i]!);
    } else if (oldFd !== undefined) {
      readBytes = fs.fstatSync(oldFd).size;
    }
    const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
    try {
      fs.writeSync(fd, text);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path);
    if (oldFd !== undefined) {
      // Lines appended to the old file after we read it (by another shell) go to the new file.
      const size = fs.fstatSync(oldFd).size;
      if (size > readBytes) {
        const extra = Buffer.alloc(size - readBytes);
        fs.readSync(oldFd, extra, 0, extra.length, readBytes);
        appendText(path, extra.toString("utf8"));
      }
    }
    return true;
  } catch {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* the temporary file was never created or is already renamed */
    }
    return false;
  } finally {
    if (oldFd !== undefined) fs.closeSync(oldFd);
  }
}
