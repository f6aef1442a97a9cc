// vi editing mode (`set -o vi`): readline's vi command mode on top of the line editor. The editor
// (line-editor.ts) owns the line, the display, the kill ring, the undo list and the history walk;
// this module owns what is vi's own: insert vs command mode, the command grammar
// ([count] command, [count] operator [count] motion, r/f/t with their character), `.` (repeat the
// last change), `;` and `,`, and the non-incremental history search of `/` and `?`.
//
// Readline's rules kept here:
//  - Each line starts in insert mode. ESC enters command mode and moves the cursor back one.
//  - In command mode the cursor sits on a character: after each command it moves back from the
//    end of the line (rl_vi_check).
//  - Operators (d c y) find their range by running the motion on the line with one blank added, so
//    that motions work at the end; e E $ f t % (and w for d) take the character they stop on too.
//    `cw` changes to the end of the word (as `ce`). A motion that does not move cancels d and y
//    (bell), but c still enters insert mode.
//  - Kills go to the kill ring; a kill right after a kill replaces the newest entry (vi mode does
//    not join kills as emacs mode does). y, r and ~ count as kills, as in readline.
//  - `.` repeats the last change with its count (or a new count), including the text typed in the
//    insert mode it started; the text typed at the start of a line counts as an `i` change.
//  - `/` and `?` search the history (vi-search.ts).
import { nextPos, prevPos } from "./text-motion.ts";
import { ViHistorySearch } from "./vi-search.ts";
import { PRINTABLE, VI_CHANGE_KEYS, VI_COMMAND_KEYMAP, VI_MOTION_KEYS } from "./vi-keymap.ts";
import {
  charSearch,
  column,
  firstNonBlank,
  isBlank,
  matchBracket,
  nextWord,
  prevWord,
  reverseSearch,
  unixWordStart,
  wordEnd,
  type CharSearch,
} from "./vi-motion.ts";

/** What vi mode needs from the editor. */
export interface ViEditor {
  /** False once the line is accepted (or given up). */
  readonly active: boolean;
  readonly buf: string;
  readonly pos: number;
  /** Replaces the line and the cursor and redraws (no edit: the search text, `#`). */
  setLine(buf: string, pos: number): void;
  /** Inserts text at `at`; the cursor goes after it. */
  insertAt(at: number, text: string): void;
  moveTo(pos: number): void;
  /** Runs one of the editor's own commands (emacs names: accept-line, undo, yank, ...). */
  run(cmd: string): void;
  /** Removes [a, b) into the kill ring (replacing the newest entry when `replace`). */
  kill(a: number, b: number, replace: boolean): void;
  /** Copies [a, b) into the kill ring. */
  copy(a: number, b: number, replace: boolean): void;
  /** The newest kill-ring entry. */
  yanked(): string | undefined;
  bell(): void;
  /** Text shown after the prompt: the `/` or `?` of a history search, else "". */
  setPromptSuffix(s: string): void;
  /** The history number of the line being edited, the oldest one, and the live line's. */
  readonly histNum: number;
  readonly historyBase: number;
  readonly historyNext: number;
  lineOf(n: number): string | undefined;
  /** Shows history line n (saving the edits of the current one) with the cursor at `pos`. */
  showHistory(n: number, pos: number): boolean;
}

/** A command as typed: [count] key [arg] or [count] operator [count] motion [arg]. */
interface Command {
  count?: number;
  key: string;
  motionCount?: number;
  motion?: string;
  /** The character of r, f, F, t, T (of the motion when there is an operator). */
  arg?: string;
}

/** A change `.` can repeat: the keys of the command and the text typed in the insert it began. */
interface Change {
  keys: string[];
  count?: number;
  text: string;
  /** False for the insert a line starts with: kept only when something was typed. */
  explicit: boolean;
}

const DIGIT = /^[0-9]$/;
/** Motions an operator takes without the character it stops on (readline's lists). */
const EXCLUSIVE: Record<string, string> = { d: " l|h^0bBFT", c: " l|hwW^0bBFT", y: " l|h^0%bBFT" };
/** Editor commands a count repeats in command mode. */
const REPEATABLE = new Set(["backward-char", "forward-char", "backward-word", "forward-word", "previous-history", "next-history"]);

export class ViMode {
  /** Insert mode (each line starts there) or command mode. */
  insert = true;
  private keys: string[] = [];
  private lastChange: Change | undefined;
  /** The change whose insert mode is in progress, finished at ESC. */
  private recording: Change | undefined;
  private inserted = "";
  private lastFind: { kind: CharSearch; ch: string } | undefined;
  private readonly search: ViHistorySearch;
  /** The last command killed text: a kill now replaces the newest kill-ring entry. */
  private killed = false;
  /** The command running now killed text. */
  private killing = false;
  private redoing = false;

  constructor(private readonly ed: ViEditor) {
    this.search = new ViHistorySearch(ed);
  }

  /** A new line: insert mode, nothing pending. The last change and searches are kept. */
  startLine(): void {
    this.insert = true;
    this.keys = [];
    this.search.cancel();
    this.inserted = "";
    this.killed = false;
    this.killing = false;
    this.recording = { keys: ["i"], text: "", explicit: false };
  }

  /** Whether a kill now should replace the newest kill-ring entry; the caller is about to kill. */
  killReplaces(): boolean {
    this.killing = true;
    return this.killed;
  }

  /** A command is done (in either mode): whether it killed decides what the next kill does. */
  endCommand(): void {
    this.killed = this.killing;
    this.killing = false;
  }

  get searching(): boolean {
    return this.search.active;
  }

  /** Insert mode: text typed (or pasted) at the cursor. */
  noteInserted(text: string): void {
    this.inserted += text;
  }

  /** Insert mode: a character rubbed out; any other command starts the recorded text again. */
  noteRubout(): void {
    this.inserted = this.inserted.slice(0, prevPos(this.inserted, this.inserted.length));
  }

  noteOtherCommand(): void {
    this.inserted = "";
  }

  /** ESC in insert mode: command mode, the cursor back one, the insert recorded for `.`. */
  enterCommandMode(): void {
    const r = this.recording;
    if (r) {
      r.text = this.inserted;
      // The insert a line starts with is no change of its own, but its text is what the last
      // change inserts again (readline keeps one insert buffer), or an `i` when there is none.
      if (r.explicit) this.lastChange = r;
      else if (this.lastChange) this.lastChange.text = r.text;
      else if (r.text !== "") this.lastChange = r;
      this.recording = undefined;
    }
    this.inserted = "";
    this.insert = false;
    this.keys = [];
    if (this.ed.pos > 0) this.ed.moveTo(prevPos(this.ed.buf, this.ed.pos));
  }

  /** ^W in either mode: rubs out the word before the cursor, words ending at blanks and punctuation. */
  unixWordRubout(): void {
    const p = this.ed.pos;
    if (p === 0) return this.ed.bell();
    this.ed.kill(unixWordStart(this.ed.buf, p), p, this.killReplaces());
  }

  /** One key in command mode. */
  commandKey(key: string): void {
    if (this.search.active) return this.search.key(key);
    this.keys.push(key);
    const c = parse(this.keys);
    if (c === "more") return;
    const keys = this.keys;
    this.keys = [];
    if (c === "cancel") return;
    if (c === "bad") return this.ed.bell();
    if (VI_CHANGE_KEYS.has(c.key) && !this.redoing) {
      const change: Change = { keys: keys.slice(c.count === undefined ? 0 : countLength(keys)), text: "", explicit: true };
      if (c.count !== undefined) change.count = c.count;
      this.lastChange = change;
      this.recording = change;
    }
    this.execute(c);
    if (!this.insert) this.recording = undefined;
    this.fixPoint();
  }

  /** In command mode the cursor stays on a character. */
  private fixPoint(): void {
    if (this.insert || this.search.active || !this.ed.active) return;
    const { buf, pos } = this.ed;
    if (pos > 0 && pos >= buf.length) this.ed.moveTo(prevPos(buf, buf.length));
  }

  private execute(c: Command): void {
    const count = c.count ?? 1;
    const ed = this.ed;
    const cmd = VI_COMMAND_KEYMAP.get(c.key);
    if (c.key === "d" || c.key === "c" || c.key === "y") return this.operate(c.key, c, count * (c.motionCount ?? 1));
    if (cmd === undefined) return ed.bell();
    if (VI_MOTION_KEYS.has(c.key)) {
      const before = ed.pos;
      const to = this.motion(ed.buf, before, c.key, count, c.arg, false);
      if (to === undefined || to === before) return ed.bell();
      return ed.moveTo(to);
    }
    switch (c.key) {
      case "D":
      case "C":
      case "Y":
        return this.operate(c.key.toLowerCase(), { ...c, motion: "$" }, 1);
      case "s":
        return this.operate("c", { ...c, motion: "l" }, count);
      case "S":
        return this.operate("c", { ...c, motion: "c" }, 1);
      case "i":
        return this.startInsert();
      case "a":
        if (ed.pos < ed.buf.length) ed.moveTo(nextPos(ed.buf, ed.pos));
        return this.startInsert();
      case "I":
        ed.moveTo(0);
        return this.startInsert();
      case "A":
        ed.moveTo(ed.buf.length);
        return this.startInsert();
      case "x":
        return this.deleteChars(count);
      case "X": {
        if (ed.pos === 0) return ed.bell();
        ed.kill(back(ed.buf, ed.pos, count), ed.pos, this.killReplaces());
        return;
      }
      case "r":
        return this.replaceChars(count, c.arg!);
      case "~":
        return this.changeCase(count);
      case "p":
      case "P":
        return this.put(c.key, count);
      case ".":
        return this.redo(c.count);
      case "#":
        ed.setLine("#" + ed.buf, 0);
        return ed.run("accept-line");
      case "G":
        return this.fetchHistory(c.count);
      case "/":
      case "?":
        return this.search.start(c.key);
      case "n":
      case "N":
        return this.search.again(c.key === "n" ? "/" : "?");
    }
    switch (cmd) {
      case "vi-eof-maybe":
        return ed.run(ed.buf === "" ? "delete-char" : "accept-line");
      case "vi-unix-word-rubout":
        return this.unixWordRubout();
      case "undo":
        return ed.run("undo");
      case "previous-history":
      case "next-history":
        return this.walkHistory(cmd === "previous-history" ? -count : count);
    }
    const n = REPEATABLE.has(cmd) ? count : 1;
    for (let i = 0; i < n; i++) ed.run(cmd);
  }

  // ---------------------------------------------------------------- motions and operators

  /** Where motion `key` goes from p in b; undefined when it cannot (no match, nothing to repeat).
   *  `ext`: b has the blank operators add, and `l` may reach it. */
  private motion(b: string, p: number, key: string, count: number, arg: string | undefined, ext: boolean): number | undefined {
    const last = b.length === 0 ? 0 : prevPos(b, b.length);
    switch (key) {
      case "h":
        return back(b, p, count);
      case "l":
      case " ": {
        let q = p;
        for (let i = 0; i < count && q < last; i++) q = nextPos(b, q);
        return q;
      }
      case "0":
        return 0;
      case "$":
        return b.length;
      case "^":
        return firstNonBlank(b);
      case "|":
        return column(b, count);
      case "%":
        return matchBracket(b, p);
      case "w":
      case "W":
        if (!ext && p >= last) return undefined;
        return nextWord(b, p, count, key === "W");
      case "b":
      case "B":
        return prevWord(b, p, count, key === "B");
      case "e":
      case "E":
        return wordEnd(b, p, count, key === "E");
      case "f":
      case "F":
      case "t":
      case "T":
        this.lastFind = { kind: key, ch: arg! };
        return charSearch(b, p, count, key, arg!);
      case ";":
      case ",": {
        const f = this.lastFind;
        if (!f) return undefined;
        return charSearch(b, p, count, key === ";" ? f.kind : reverseSearch(f.kind), f.ch);
      }
    }
    return undefined;
  }

  /** d, c and y over a motion (or the whole line for dd, cc, yy). */
  private operate(op: string, c: Command, count: number): void {
    const ed = this.ed;
    const buf = ed.buf;
    const start = ed.pos;
    const motion = c.motion!;
    let point: number;
    let mark: number;
    if (motion === op) {
      point = 0;
      mark = buf.length;
    } else {
      let p = this.motion(buf + " ", start, motion, count, c.arg, true);
      if (p !== undefined) p = Math.min(p, buf.length);
      // A motion that does not move cancels d and y; c goes on (and takes the character under
      // the cursor when the motion would have included the one it stops on: `ct` before a `t`).
      if (p === undefined || (p === start && op !== "c")) return ed.bell();
      const word = (motion === "w" || motion === "W") && p !== start;
      // w stops on the first character of the next word: step back onto the blank before it.
      if (word && p < buf.length && p > start && !isBlank(buf[p])) p = prevPos(buf, p);
      if (op === "c" && word && p >= start) {
        // cw is ce: back over the blanks, keep the last character of the word.
        while (p > start && isBlank(buf[p])) p = prevPos(buf, p);
        if (p === start) p = nextPos(buf, p);
        else if (p < buf.length - 1 && !isBlank(buf[p])) p = nextPos(buf, p);
      }
      point = Math.min(p, start);
      mark = Math.max(p, start);
      if (!EXCLUSIVE[op]!.includes(motion) && point >= start && mark < buf.length) mark = nextPos(buf, mark);
    }
    if (op === "y") {
      ed.copy(point, mark, this.killReplaces());
      ed.moveTo(start);
      return;
    }
    ed.kill(point, mark, this.killReplaces());
    ed.moveTo(point);
    if (op === "c") this.startInsert();
  }

  private startInsert(): void {
    this.insert = true;
    this.inserted = "";
  }

  // ---------------------------------------------------------------- simple changes

  private deleteChars(count: number): void {
    const ed = this.ed;
    if (ed.buf.length === 0) return ed.bell();
    let end = ed.pos;
    for (let i = 0; i < count && end < ed.buf.length; i++) end = nextPos(ed.buf, end);
    ed.kill(ed.pos, end, this.killReplaces());
  }

  /** r: replaces count characters (as many as there are), leaving the cursor on the last one. */
  private replaceChars(count: number, ch: string): void {
    const ed = this.ed;
    let p = ed.pos;
    if (p >= ed.buf.length) return;
    for (let i = 0; i < count && p < ed.buf.length; i++) {
      ed.kill(p, nextPos(ed.buf, p), this.killReplaces());
      ed.insertAt(p, ch);
      p += ch.length;
    }
    ed.moveTo(prevPos(ed.buf, p));
  }

  /** ~: toggles the case of count characters moving right; at the last character it stays there,
   *  so a count past the end toggles that one again (readline). */
  private changeCase(count: number): void {
    const ed = this.ed;
    let p = ed.pos;
    for (let i = 0; i < count && p < ed.buf.length; i++) {
      const e = nextPos(ed.buf, p);
      const ch = ed.buf.slice(p, e);
      const up = ch.toUpperCase();
      const t = up !== ch ? up : ch.toLowerCase();
      if (t === ch || t.length !== ch.length) {
        p = Math.min(e, prevPos(ed.buf, ed.buf.length));
        continue;
      }
      ed.kill(p, e, this.killReplaces());
      ed.insertAt(p, t);
      p += t.length;
      if (p >= ed.buf.length) p = prevPos(ed.buf, p);
    }
    ed.moveTo(p);
  }

  /** p puts the newest kill after the cursor, P before it; the cursor ends on its last character. */
  private put(key: string, count: number): void {
    const ed = this.ed;
    const text = ed.yanked();
    if (text === undefined) return ed.bell();
    const at = key === "p" && ed.pos < ed.buf.length ? nextPos(ed.buf, ed.pos) : ed.pos;
    const all = text.repeat(count);
    ed.insertAt(at, all);
    ed.moveTo(prevPos(ed.buf, ed.pos));
  }

  /** `.`: the last change again, with its count unless a new one is given. */
  private redo(count: number | undefined): void {
    const ch = this.lastChange;
    if (!ch) return this.ed.bell();
    const keys = [...(count !== undefined ? String(count).split("") : ch.count !== undefined ? String(ch.count).split("") : []), ...ch.keys];
    const c = parse(keys);
    if (typeof c === "string") return;
    this.redoing = true;
    try {
      this.execute(c);
      if (this.insert) {
        // The command began an insert: put the text typed then, and come back to command mode.
        const inserts = "aAiI".includes(c.key);
        const times = inserts ? (c.count ?? 1) : 1;
        const text = ch.text.repeat(times);
        const ed = this.ed;
        ed.insertAt(ed.pos, text);
        this.insert = false;
        if (inserts && ed.pos > 0) ed.moveTo(prevPos(ed.buf, ed.pos));
      }
    } finally {
      this.redoing = false;
    }
  }

  // ---------------------------------------------------------------- history

  /** j k + - and the arrows: count lines newer (n > 0) or older; the cursor goes to the start. */
  private walkHistory(n: number): void {
    const ed = this.ed;
    let to = ed.histNum;
    const step = n > 0 ? 1 : -1;
    for (let i = 0; i !== n; i += step) {
      const next = to + step;
      if (next < ed.historyBase || next > ed.historyNext || ed.lineOf(next) === undefined) break;
      to = next;
    }
    if (to === ed.histNum) ed.bell();
    else ed.showHistory(to, 0);
  }

  /** G: history line `count`, or the oldest line without a count. */
  private fetchHistory(count: number | undefined): void {
    const ed = this.ed;
    const n = count === undefined ? ed.historyBase : count;
    if (n < ed.historyBase || n >= ed.histNum) ed.bell();
    else ed.showHistory(n, 0);
  }
}

/** Parses the keys typed so far in command mode: a whole command, "more" when it needs more
 *  keys, "cancel" (an operator followed by something that is no motion: readline drops it
 *  quietly) or "bad" (an unbound key: bell). */
function parse(keys: string[]): Command | "more" | "cancel" | "bad" {
  let i = 0;
  const readCount = (): number | undefined => {
    let s = "";
    while (i < keys.length && DIGIT.test(keys[i]!) && (s !== "" || keys[i] !== "0")) s += keys[i++];
    return s === "" ? undefined : Number(s);
  };
  const count = readCount();
  if (i >= keys.length) return "more";
  const key = keys[i++]!;
  const c: Command = { key };
  if (count !== undefined) c.count = count;
  if (key === "d" || key === "c" || key === "y") {
    const mc = readCount();
    if (mc !== undefined) c.motionCount = mc;
    if (i >= keys.length) return "more";
    const m = keys[i++]!;
    if (m !== key && !VI_MOTION_KEYS.has(m)) return "cancel";
    c.motion = m;
    if ("fFtT".includes(m)) {
      if (i >= keys.length) return "more";
      return argument(keys[i]!, c);
    }
    return c;
  }
  if ("fFtTr".includes(key) && key.length === 1) {
    if (i >= keys.length) return "more";
    return argument(keys[i]!, c);
  }
  return VI_COMMAND_KEYMAP.has(key) ? c : "bad";
}

/** The character r, f, F, t or T takes: a printable one; ESC and the like cancel. */
function argument(k: string, c: Command): Command | "cancel" {
  if (!PRINTABLE.test(k) || k[0] === "\x1b") return "cancel";
  c.arg = k;
  return c;
}

function countLength(keys: string[]): number {
  let i = 0;
  while (i < keys.length && DIGIT.test(keys[i]!) && (i > 0 || keys[i] !== "0")) i++;
  return i;
}

/** count characters back from p (not before 0). */
function back(b: string, p: number, count: number): number {
  for (let i = 0; i < count && p > 0; i++) p = prevPos(b, p);
  return p;
}
