// The interactive line editor: emacs-style editing of one input line in raw terminal mode, with
// history navigation, incremental reverse search, a kill ring, Tab completion and bracketed paste.
// With `set -o vi` the keys are vi's instead (vi-mode.ts), on the same line, kill ring, undo list
// and history walk.
// It reads keys, shows the line, and hands the accepted text back; it never runs anything and
// never adds to the history itself (the shell does that after history expansion).
//
// Terminal invariants:
//  - Raw mode (and bracketed-paste mode, \e[?2004h) only while readLine is pending; the saved
//    cooked settings are restored, and stdin is paused with no listener left, before the promise
//    resolves, so a foreground command gets a sane terminal and all of its keystrokes.
//  - Input read past the end of an accepted line (type-ahead, a pasted "a\rb\r") is kept and used
//    by the next readLine.
//  - The editor knows the screen row of the cursor relative to the first row of the prompt; every
//    redraw goes back there, clears to the end of the screen and writes prompt + buffer again
//    (see render.ts for the wrapping model).
import * as fs from "node:fs";
import * as tty from "node:tty";
import type { History } from "./history.ts";
import { tokenize } from "./history-expand.ts";
import { EMACS_KEYMAP, keyEnd, PASTE_END } from "./keymap.ts";
import type { Binding, Bindings, KeymapName } from "./bindings.ts";
import { formatColumns, layout, moveCursor } from "./render.ts";
import { IncrementalSearch } from "./isearch.ts";
import { KillRing } from "./kill-ring.ts";
import { isWordChar, nextPos, prevPos, wordEnd, wordStart } from "./text-motion.ts";
import { VI_INSERT_KEYMAP } from "./vi-keymap.ts";
import { ViMode, type ViEditor } from "./vi-mode.ts";

/** Commands whose kills accumulate into one kill-ring entry when they follow each other. */
const KILL_COMMANDS = new Set(["kill-line", "unix-line-discard", "unix-word-rubout", "backward-kill-word", "kill-word"]);

export interface Completions {
  start: number;
  end: number;
  candidates: string[];
  suffix?: string;
  display?: string[];
}

export interface EditorHost {
  /** completion candidates for the word under the cursor; a promise when finding them waits
   *  (a completion function that runs commands): keys typed meanwhile wait for it */
  complete(line: string, cursor: number): Completions | Promise<Completions>;
  /** `bind -x`: runs a shell command with READLINE_LINE and READLINE_POINT set to the line and
   *  the cursor (in characters) and returns them as the command left them. The terminal is in
   *  its cooked mode meanwhile. */
  runBoundCommand?(command: string, line: string, point: number): Promise<{ line: string; point: number }>;
  /** called when a full line is accepted; the editor does not run anything */
}

export interface LineEditorOptions {
  inFd: number;
  outFd: number;
  history: History;
  host: EditorHost;
  /** Above this many completions, ask before listing them (readline's completion-query-items). */
  completionQueryItems?: number;
  /** Subscribes to SIGWINCH and returns the unsubscribe function. The shell passes its signal
   *  owner's (processDispositions().onSignal(SIGWINCH, fn)) so that one module keeps every
   *  disposition; without it the editor listens with process.on("SIGWINCH") while editing. */
  onResize?: (fn: () => void) => () => void;
  /** Keys come from this stream instead of inFd (tests drive the editor with a PassThrough). */
  input?: NodeJS.ReadableStream;
  /** The editing mode, asked at the start of every line (`set -o vi` / `set -o emacs`). */
  editingMode?: () => "emacs" | "vi";
  /** The shell's key bindings and readline variables (`bind`, inputrc); without them the
   *  default keymaps. */
  bindings?: Bindings;
}



export class LineEditor {
  /** Set when the last readLine was cancelled with Ctrl-C. */
  interrupted = false;

  private readonly inFd: number;
  private readonly outFd: number;
  private readonly history: History;
  private readonly host: EditorHost;
  private readonly queryItems: number;
  private readonly subscribeResize: (fn: () => void) => () => void;
  private unsubscribeResize: (() => void) | undefined;
  private input: NodeJS.ReadStream | undefined;
  private decoder = new TextDecoder("utf-8");
  /** Undecoded or unconsumed input, kept across keys and across lines. */
  private pending = "";
  /** a completion is being computed asynchronously: input waits in `pending` */
  private busy = false;
  private escTimer: ReturnType<typeof setTimeout> | undefined;

  // Per-line state.
  private prompt = "";
  private buf = "";
  private pos = 0;
  private rowsAbove = 0;
  private endRow = 0;
  private endCol = 0;
  private cols = 80;
  private rows = 24;
  private histNum = 0;
  private edits = new Map<number, string>();
  private lastCommand = "";
  /** The prefix of a run of history-search-backward/-forward commands. */
  private searchPrefix = "";
  private metaPending = false;
  private quotedInsert = false;
  private pasting = false;
  private pasteBuf = "";
  private search: IncrementalSearch | undefined;
  private searchSaved: { buf: string; pos: number; histNum: number } | undefined;
  private queryCandidates: string[] | undefined;
  private yankRange: { start: number; end: number } | undefined;
  private lastArgIndex = 0;
  private readonly killRing = new KillRing();
  /** Lines before each change; `vpos` is where vi's undo puts the cursor (readline: after the
   *  text put back when the change began by deleting, else where its text was inserted). */
  private undoStack: { buf: string; pos: number; vpos?: number }[] = [];
  /** vi: the first edit of the change being made, for its undo entry's `vpos`. */
  private firstEdit: { at: number; deleted: number } | undefined;
  private resolve: ((line: string | null) => void) | undefined;
  // vi mode: the mode's state, whether this line uses it, the `/` shown after the prompt, the
  // insert begun by a command (one undo step), the cursor of the live line for the history walk.
  private readonly editingMode: () => "emacs" | "vi";
  private readonly vi: ViMode;
  private viActive = false;
  private promptSuffix = "";
  private insertSession: { buf: string; pos: number; depth: number } | undefined;
  private commandModeSeen = false;
  private livePos = 0;
  private undid = false;
  private lineSwitched = false;
  /** Key bindings (`bind`), and the keys read so far of a longer bound sequence ("\C-x" of "\C-xq"). */
  private readonly bindings: Bindings | undefined;
  private seqPrefix = "";
  /** Macros being read back as input: a bound macro that types its own key would never end. */
  private macroDepth = 0;

  constructor(opts: LineEditorOptions) {
    this.inFd = opts.inFd;
    this.outFd = opts.outFd;
    this.history = opts.history;
    this.host = opts.host;
    this.queryItems = opts.completionQueryItems ?? 100;
    this.editingMode = opts.editingMode ?? (() => "emacs");
    this.bindings = opts.bindings;
    if (opts.input) this.input = opts.input as NodeJS.ReadStream;
    this.vi = new ViMode(this.viEditor());
    this.subscribeResize =
      opts.onResize ??
      ((fn) => {
        process.on("SIGWINCH", fn);
        return () => process.off("SIGWINCH", fn);
      });
  }

  /** Show prompt (which may contain \x01..\x02 non-printing markers from PS1's \[ \]) and read one
   *  line. Resolves to the line (without newline), or null on Ctrl-D at an empty line (EOF).
   *  Ctrl-C cancels the line: prints ^C and a newline and resolves to "" with `interrupted` set.
   *  `initial` is text to start with, cursor at its end (bash's `read -e -i text`). */
  readLine(prompt: string, initial = ""): Promise<string | null> {
    if (this.resolve) return Promise.reject(new Error("readLine is already pending"));
    this.interrupted = false;
    this.prompt = prompt;
    this.buf = initial;
    this.pos = initial.length;
    this.rowsAbove = 0;
    this.histNum = this.history.nextNumber;
    this.edits.clear();
    this.undoStack.length = 0;
    this.lastCommand = "";
    this.metaPending = false;
    this.quotedInsert = false;
    this.seqPrefix = "";
    this.macroDepth = 0;
    this.search = undefined;
    this.queryCandidates = undefined;
    this.viActive = this.editingMode() === "vi";
    if (this.viActive) this.vi.startLine();
    this.promptSuffix = "";
    this.insertSession = undefined;
    this.commandModeSeen = false;
    this.cols = this.columns();
    return new Promise<string | null>((resolve) => {
      this.resolve = resolve;
      this.enterRaw();
      this.write("\x1b[?2004h");
      this.render();
      this.consume();
    });
  }

  /** Print whole lines of `text` above the line being edited (the job notices of `set -b` that
   *  arrive while the shell waits for input): the prompt and the buffer are drawn again below
   *  them, as they were. Outside a pending readLine the text is simply written. */
  printAbove(text: string): void {
    if (!this.resolve) {
      this.write(text);
      return;
    }
    const up = Math.min(this.rowsAbove, this.rows - 1);
    this.write((up > 0 ? `\x1b[${up}A` : "") + "\r\x1b[J" + text.replace(/\r?\n/g, "\r\n"));
    this.rowsAbove = 0;
    this.render();
  }

  // ---------------------------------------------------------------- terminal

  private stream(): NodeJS.ReadStream {
    if (!this.input) this.input = this.inFd === 0 ? process.stdin : (new tty.ReadStream(this.inFd) as NodeJS.ReadStream);
    return this.input;
  }

  private readonly onData = (chunk: Buffer | string) => {
    this.pending += typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    this.consume();
  };

  /** The terminal is gone (hang-up): treat it as EOF. */
  private readonly onEnd = () => {
    if (this.resolve) this.finish(null);
  };

  private readonly onWinch = () => {
    const cols = this.columns();
    if (cols === this.cols) return;
    this.cols = cols;
    this.render();
  };

  private enterRaw(): void {
    const s = this.stream();
    if (s.isTTY) s.setRawMode(true);
    s.on("data", this.onData);
    s.on("end", this.onEnd);
    s.resume();
    this.unsubscribeResize = this.subscribeResize(this.onWinch);
  }

  private leaveRaw(): void {
    const s = this.stream();
    s.off("data", this.onData);
    s.off("end", this.onEnd);
    s.pause();
    if (s.isTTY) s.setRawMode(false);
    this.unsubscribeResize?.();
    this.unsubscribeResize = undefined;
    if (this.escTimer) clearTimeout(this.escTimer);
    this.escTimer = undefined;
  }

  /** The terminal size, read again on every line and on SIGWINCH: [columns, rows]. */
  private windowSize(): [number, number] {
    const out = this.outFd === 1 ? process.stdout : this.outFd === 2 ? process.stderr : undefined;
    const ws = out as tty.WriteStream | undefined;
    if (ws && ws.isTTY) {
      try {
        const [c, r] = ws.getWindowSize();
        if (c && c > 0) return [c, r && r > 0 ? r : 24];
      } catch {
        /* fall through */
      }
      if (ws.columns > 0) return [ws.columns, ws.rows > 0 ? ws.rows : 24];
    }
    const env = Number(process.env.COLUMNS);
    const lines = Number(process.env.LINES);
    return [env > 0 ? env : 80, lines > 0 ? lines : 24];
  }

  private columns(): number {
    const [c, r] = this.windowSize();
    this.rows = r;
    return c;
  }

  private write(s: string): void {
    if (s === "") return;
    try {
      fs.writeSync(this.outFd, s);
    } catch {
      /* the terminal went away: nothing sensible to do while editing */
    }
  }

  private finish(line: string | null): void {
    this.write("\x1b[?2004l");
    this.leaveRaw();
    const r = this.resolve!;
    this.resolve = undefined;
    r(line);
  }

  // ---------------------------------------------------------------- input

  /** Cuts pending input into keys and dispatches them until a line is done or input runs out. */
  private consume(): void {
    if (this.escTimer) {
      clearTimeout(this.escTimer);
      this.escTimer = undefined;
    }
    while (this.resolve && !this.busy && this.pending.length > 0) {
      if (this.pasting) {
        const end = this.pending.indexOf(PASTE_END);
        if (end < 0) {
          // Keep a possible partial terminator for the next chunk.
          let keep = 0;
          for (let k = Math.min(PASTE_END.length - 1, this.pending.length); k > 0; k--) {
            if (PASTE_END.startsWith(this.pending.slice(-k))) {
              keep = k;
              break;
            }
          }
          this.pasteBuf += this.pending.slice(0, this.pending.length - keep);
          this.pending = this.pending.slice(this.pending.length - keep);
          return;
        }
        this.pasteBuf += this.pending.slice(0, end);
        this.pending = this.pending.slice(end + PASTE_END.length);
        this.pasting = false;
        const before = this.buf;
        const beforePos = this.pos;
        const text = this.pasteBuf.replace(/\r\n?/g, "\n");
        this.insert(text);
        if (this.viActive && this.vi.insert) this.vi.noteInserted(text);
        this.noteUndo("paste", before, beforePos);
        this.pasteBuf = "";
        this.lastCommand = "paste";
        continue;
      }
      let end = keyEnd(this.pending, 0);
      // vi mode binds no ESC-letter: ESC read together with the next key (typed quickly, or ESC
      // then an arrow key) is a key of its own, as readline splits them.
      if (this.viActive && end > 1 && this.pending[0] === "\x1b" && this.pending[1] !== "[" && this.pending[1] !== "O") end = 1;
      if (end < 0) {
        // An escape sequence cut short, or a lone ESC: wait a little for the rest.
        this.escTimer = setTimeout(() => {
          this.escTimer = undefined;
          const key = this.pending;
          this.pending = "";
          this.dispatch(key);
          this.consume();
        }, 50);
        return;
      }
      const key = this.pending.slice(0, end);
      this.pending = this.pending.slice(end);
      this.dispatch(key);
    }
  }

  private dispatch(key: string): void {
    if (this.quotedInsert) {
      this.quotedInsert = false;
      this.insert(key);
      return;
    }
    if (this.metaPending) {
      this.metaPending = false;
      if (key !== "\x1b") key = "\x1b" + key;
    }
    if (this.queryCandidates) {
      const items = this.queryCandidates;
      this.queryCandidates = undefined;
      this.lastCommand = "";
      if (key === "y" || key === "Y" || key === " ") this.listCandidates(items, true);
      else {
        this.write("\r\n");
        this.rowsAbove = 0;
        this.render();
      }
      return;
    }
    if (this.search) {
      if (this.searchKey(key, this.functionOf(this.lookup("emacs", key)))) return;
    }
    if (this.viActive) return this.viDispatch(key);
    if (key === "\x1b" && !this.seqPrefix) {
      this.metaPending = true;
      return;
    }
    const b = this.boundTo("emacs", key);
    if (b === "prefix") return;
    if (b && b.kind !== "function") return this.runBinding(b);
    const cmd = this.functionOf(b);
    const before = this.buf;
    const beforePos = this.pos;
    if (cmd === undefined) {
      const c = key.codePointAt(0)!;
      if (key.length <= 2 && c >= 0x20 && c !== 0x7f && key[0] !== "\x1b") {
        this.selfInsert(key);
        this.noteUndo("self-insert", before, beforePos);
        this.lastCommand = "self-insert";
      } else this.bell();
      return;
    }
    this.run(cmd);
    this.noteUndo(cmd, before, beforePos);
    this.lastCommand = cmd;
  }

  /** A key in vi mode. Undo steps: in insert mode as in emacs mode; in command mode one per
   *  command, and one for a command together with the insert it begins (cw...ESC). The first ESC
   *  of a line forgets what was typed before it (readline: the initial insert cannot be undone). */
  private viDispatch(key: string): void {
    const vi = this.vi;
    const before = this.buf;
    const beforePos = this.pos;
    const wasInsert = vi.insert;
    const wasSearching = vi.searching;
    this.undid = false;
    this.lineSwitched = false;
    if (!wasInsert) this.firstEdit = undefined;
    if (wasInsert) {
      const b = this.boundTo("vi-insert", key);
      if (b === "prefix") return;
      if (b && b.kind !== "function") return this.runBinding(b);
      const cmd = this.functionOf(b);
      if (cmd === "vi-movement-mode") vi.enterCommandMode();
      else if (cmd === "vi-unix-word-rubout") vi.unixWordRubout();
      else if (cmd === "vi-eof-maybe") this.run(this.buf === "" ? "delete-char" : "accept-line");
      else if (cmd === undefined) {
        const c = key.codePointAt(0)!;
        if (key.length <= 2 && c >= 0x20 && c !== 0x7f && key[0] !== "\x1b") {
          this.selfInsert(key);
          vi.noteInserted(key);
          this.noteUndo("self-insert", before, beforePos);
          this.lastCommand = "self-insert";
        } else this.bell();
        vi.endCommand();
        return;
      } else {
        this.run(cmd);
        if (cmd === "backward-delete-char") vi.noteRubout();
        else if (cmd !== "bracketed-paste-begin") vi.noteOtherCommand();
      }
      if (cmd !== "vi-movement-mode") {
        this.noteUndo(cmd, before, beforePos);
        this.lastCommand = cmd;
      }
    } else {
      // a macro or shell command bound in vi-command mode; the rest is vi-mode.ts's grammar
      const b = this.bindings?.lookup("vi-command", key);
      if (b && b !== "prefix" && b.kind !== "function" && !vi.searching) return this.runBinding(b);
      vi.commandKey(key);
    }
    vi.endCommand();
    if (!this.resolve) return;
    if (wasInsert && !vi.insert) {
      // ESC: the insert begun by a command becomes one undo step.
      const s = this.insertSession;
      this.insertSession = undefined;
      if (s) {
        this.undoStack.length = Math.min(this.undoStack.length, s.depth);
        if (this.buf !== s.buf) this.undoStack.push({ buf: s.buf, pos: s.pos, vpos: this.undoPos() });
      } else if (!this.commandModeSeen) this.undoStack.length = 0;
      this.commandModeSeen = true;
      this.lastCommand = "vi-movement-mode";
    } else if (!wasInsert) {
      this.lastCommand = "vi-command";
      if (this.undid || this.lineSwitched || wasSearching || vi.searching) return;
      if (vi.insert) this.insertSession = { buf: before, pos: beforePos, depth: this.undoStack.length };
      else if (this.buf !== before) this.undoStack.push({ buf: before, pos: beforePos, vpos: this.undoPos() });
    }
  }

  /** A key's binding in a keymap: the user's (`bind`) or the default table. */
  private lookup(map: KeymapName, seq: string): Binding | "prefix" | undefined {
    if (this.bindings) return this.bindings.lookup(map, seq);
    const t = map === "emacs" ? EMACS_KEYMAP : VI_INSERT_KEYMAP;
    const name = t.get(seq);
    return name === undefined ? undefined : { kind: "function", name };
  }

  /** The binding of the key sequence ending with `key`; "prefix" while it may go on (the keys
   *  are kept in seqPrefix). A sequence that turns out to be bound to nothing rings the bell. */
  private boundTo(map: KeymapName, key: string): Binding | "prefix" | undefined {
    const seq = this.seqPrefix + key;
    const b = this.lookup(map, seq);
    if (b === "prefix") {
      this.seqPrefix = seq;
      return "prefix";
    }
    const hadPrefix = this.seqPrefix !== "";
    this.seqPrefix = "";
    if (b === undefined && hadPrefix) {
      this.bell();
      return "prefix";
    }
    return b;
  }

  private functionOf(b: Binding | "prefix" | undefined): string | undefined {
    return b && b !== "prefix" && b.kind === "function" ? b.name : undefined;
  }

  /** A macro is read again as input; a shell command (`bind -x`) runs through the host. */
  private runBinding(b: Binding): void {
    if (b.kind === "macro") {
      if (++this.macroDepth > 100) return this.bell();
      this.pending = b.text + this.pending;
      return;
    }
    if (b.kind !== "shell") return;
    const host = this.host;
    if (!host.runBoundCommand) return this.bell();
    // bash: the line is cleared, the command's output goes where it was, and the prompt and
    // the line are drawn again below it
    const up = Math.min(this.rowsAbove, this.rows - 1);
    this.write((up > 0 ? `\x1b[${up}A` : "") + "\r\x1b[J");
    this.rowsAbove = 0;
    this.write("\x1b[?2004l");
    this.leaveRaw();
    this.busy = true;
    const before = this.buf;
    const beforePos = this.pos;
    host.runBoundCommand(b.command, this.buf, this.pos).then(
      (r) => this.afterBoundCommand(r, before, beforePos),
      () => this.afterBoundCommand(undefined, before, beforePos),
    );
  }

  private afterBoundCommand(r: { line: string; point: number } | undefined, before: string, beforePos: number): void {
    this.busy = false;
    if (!this.resolve) return;
    this.enterRaw();
    this.write("\x1b[?2004h");
    if (r) {
      this.buf = r.line;
      this.pos = Math.max(0, Math.min(r.point, r.line.length));
      this.noteUndo("shell-command", before, beforePos);
      this.lastCommand = "shell-command";
    }
    this.cols = this.columns();
    this.render();
    this.consume();
  }

  private undoPos(): number | undefined {
    const e = this.firstEdit;
    return e && e.at + e.deleted;
  }

  /** vi: notes the first edit of a change (see undoStack). */
  private noteEdit(at: number, deleted: number): void {
    if (this.viActive && !this.firstEdit) this.firstEdit = { at, deleted };
  }

  /** Records the line as it was before a change, for undo. A run of typed characters is one step,
   *  as in readline; moving to another history line starts a new undo list. */
  private noteUndo(cmd: string, before: string, beforePos: number): void {
    if (cmd === "undo" || !this.resolve) return;
    if (cmd.endsWith("-history")) {
      this.undoStack.length = 0;
      return;
    }
    if (this.buf === before) return;
    if (cmd === "self-insert" && this.lastCommand === "self-insert") return;
    this.undoStack.push({ buf: before, pos: beforePos });
    if (this.undoStack.length > 200) this.undoStack.shift();
  }

  // ---------------------------------------------------------------- commands

  private run(cmd: string): void {
    switch (cmd) {
      case "accept-line":
        this.accept(this.buf);
        return;
      case "beginning-of-line":
        this.moveTo(0);
        return;
      case "end-of-line":
        this.moveTo(this.buf.length);
        return;
      case "backward-char":
        this.moveTo(prevPos(this.buf, this.pos));
        return;
      case "forward-char":
        this.moveTo(nextPos(this.buf, this.pos));
        return;
      case "backward-word":
        this.moveTo(wordStart(this.buf, this.pos));
        return;
      case "forward-word":
        this.moveTo(wordEnd(this.buf, this.pos));
        return;
      case "kill-line":
        this.kill(this.pos, this.buf.length, false);
        return;
      case "unix-line-discard":
        this.kill(0, this.pos, true);
        return;
      case "unix-word-rubout": {
        let i = this.pos;
        while (i > 0 && /\s/.test(this.buf[i - 1]!)) i--;
        while (i > 0 && !/\s/.test(this.buf[i - 1]!)) i--;
        this.kill(i, this.pos, true);
        return;
      }
      case "backward-kill-word":
        this.kill(wordStart(this.buf, this.pos), this.pos, true);
        return;
      case "kill-word":
        this.kill(this.pos, wordEnd(this.buf, this.pos), false);
        return;
      case "yank": {
        const text = this.killRing.yank();
        if (text === undefined) return this.bell();
        const start = this.pos;
        this.insert(text);
        this.yankRange = { start, end: this.pos };
        return;
      }
      case "yank-pop": {
        if ((this.lastCommand !== "yank" && this.lastCommand !== "yank-pop") || !this.yankRange) return this.bell();
        const text = this.killRing.pop();
        if (text === undefined) return this.bell();
        const { start, end } = this.yankRange;
        this.buf = this.buf.slice(0, start) + text + this.buf.slice(end);
        this.pos = start + text.length;
        this.yankRange = { start, end: this.pos };
        this.render();
        return;
      }
      case "yank-last-arg": {
        this.lastArgIndex = this.lastCommand === "yank-last-arg" ? this.lastArgIndex + 1 : 1;
        const line = this.history.line(this.history.nextNumber - this.lastArgIndex);
        if (line === undefined) return this.bell();
        const words = tokenize(line);
        const arg = words[words.length - 1] ?? "";
        if (this.lastCommand === "yank-last-arg" && this.yankRange) {
          const { start, end } = this.yankRange;
          this.buf = this.buf.slice(0, start) + arg + this.buf.slice(end);
          this.pos = start + arg.length;
          this.yankRange = { start, end: this.pos };
          this.render();
        } else {
          const start = this.pos;
          this.insert(arg);
          this.yankRange = { start, end: this.pos };
        }
        return;
      }
      case "clear-screen":
        this.write("\x1b[H\x1b[2J");
        this.rowsAbove = 0;
        this.render();
        return;
      case "transpose-chars": {
        if (this.pos === 0 || this.buf.length < 2) return this.bell();
        let at = this.pos;
        if (at === this.buf.length) at = prevPos(this.buf, at);
        const a = prevPos(this.buf, at);
        const b = nextPos(this.buf, at);
        this.buf = this.buf.slice(0, a) + this.buf.slice(at, b) + this.buf.slice(a, at) + this.buf.slice(b);
        this.pos = b;
        this.render();
        return;
      }
      case "delete-char":
        if (this.buf.length === 0) {
          this.finish(null);
          return;
        }
        if (this.pos >= this.buf.length) return this.bell();
        this.deleteRange(this.pos, nextPos(this.buf, this.pos));
        return;
      case "backward-delete-char":
        if (this.pos === 0) return this.bell();
        this.deleteRange(prevPos(this.buf, this.pos), this.pos);
        return;
      case "previous-history":
        this.gotoHistory(this.histNum - 1);
        return;
      case "next-history":
        this.gotoHistory(this.histNum + 1);
        return;
      case "history-search-backward":
        this.historySearch(-1);
        return;
      case "history-search-forward":
        this.historySearch(1);
        return;
      case "beginning-of-history":
        this.gotoHistory(this.history.base);
        return;
      case "end-of-history":
        this.gotoHistory(this.history.nextNumber);
        return;
      case "reverse-search-history":
        this.startSearch();
        return;
      case "complete":
        this.complete(this.lastCommand === "complete" || this.bindings?.on("show-all-if-ambiguous") === true);
        return;
      case "possible-completions":
        this.complete(true);
        return;
      case "interrupt":
        if (this.pos !== this.buf.length) this.moveTo(this.buf.length);
        this.write("^C\r\n");
        this.interrupted = true;
        this.finish("");
        return;
      case "abort":
        this.bell();
        return;
      case "quoted-insert":
        this.quotedInsert = true;
        return;
      case "upcase-word":
      case "downcase-word":
      case "capitalize-word": {
        const end = wordEnd(this.buf, this.pos);
        let start = this.pos;
        while (start < end && !isWordChar(this.buf[start])) start++;
        const w = this.buf.slice(start, end);
        const t =
          cmd === "upcase-word" ? w.toUpperCase() : cmd === "downcase-word" ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
        this.buf = this.buf.slice(0, start) + t + this.buf.slice(end);
        this.pos = start + t.length;
        this.render();
        return;
      }
      case "undo": {
        const u = this.undoStack.pop();
        if (!u) return this.bell();
        this.undid = true;
        const pos = this.viActive ? (u.vpos ?? u.pos) : u.pos;
        this.buf = u.buf;
        this.pos = Math.min(pos, u.buf.length);
        this.render();
        return;
      }
      case "bracketed-paste-begin":
        this.pasting = true;
        this.pasteBuf = "";
        return;
      default:
        // a readline function this editor does not have
        this.bell();
    }
  }

  private accept(line: string): void {
    if (this.pos !== this.buf.length) this.moveTo(this.buf.length);
    this.write("\r\n");
    this.finish(line);
  }

  private bell(): void {
    // readline's bell-style: none and visible (no flash here) are silent
    const style = this.bindings?.vars.get("bell-style");
    if (style === "none" || style === "visible") return;
    this.write("\x07");
  }

  // ---------------------------------------------------------------- editing primitives

  private selfInsert(text: string): void {
    this.noteEdit(this.pos, 0);
    // Fast path: typing at the end of a line that does not reach the right margin.
    if (this.pos === this.buf.length && !this.search && this.rowsAbove === this.endRow) {
      const cp = text.codePointAt(0)!;
      if (cp < 0x7f && cp >= 0x20 && this.endCol + 1 < this.cols) {
        this.buf += text;
        this.pos = this.buf.length;
        this.endCol++;
        this.write(text);
        return;
      }
    }
    this.insert(text);
  }

  private insert(text: string): void {
    this.noteEdit(this.pos, 0);
    this.buf = this.buf.slice(0, this.pos) + text + this.buf.slice(this.pos);
    this.pos += text.length;
    this.render();
  }

  private deleteRange(a: number, b: number): void {
    this.noteEdit(a, b - a);
    this.buf = this.buf.slice(0, a) + this.buf.slice(b);
    this.pos = a;
    this.render();
  }

  /** Kills text into the kill ring; consecutive kills accumulate into one entry, as readline's
   *  (in vi mode a kill after a kill replaces the newest entry). */
  private kill(a: number, b: number, backward: boolean): void {
    if (b <= a) return;
    if (this.viActive) this.killRing.kill(this.buf.slice(a, b), backward, false, this.vi.killReplaces());
    else this.killRing.kill(this.buf.slice(a, b), backward, KILL_COMMANDS.has(this.lastCommand));
    this.deleteRange(a, b);
  }

  private moveTo(p: number, draw = true): void {
    this.pos = Math.max(0, Math.min(p, this.buf.length));
    if (draw) this.placeCursor();
  }

  // ---------------------------------------------------------------- history

  /** Shows history line n, keeping the edits of the current one. The cursor goes to the end, in
   *  vi command mode to the start (to where it was on the live line). */
  private gotoHistory(n: number): boolean {
    const h = this.history;
    if (n < h.base || n > h.nextNumber || n === this.histNum) {
      this.bell();
      return false;
    }
    const line = this.edits.get(n) ?? (n === h.nextNumber ? "" : h.line(n));
    if (line === undefined) {
      this.bell();
      return false;
    }
    this.edits.set(this.histNum, this.buf);
    if (this.histNum === h.nextNumber) this.livePos = this.pos;
    this.histNum = n;
    this.buf = line;
    this.pos = line.length;
    if (this.viActive && !this.vi.insert) this.pos = n === h.nextNumber ? Math.min(this.livePos, line.length) : 0;
    this.lineSwitched = true;
    this.render();
    return true;
  }

  /** readline's history-search-backward/-forward (often bound to Up/Down in ~/.inputrc): the
   *  nearest history line, in direction `dir`, that starts with the text before the cursor
   *  (taken when a run of these commands begins, so repeating them keeps the same prefix) and
   *  differs from the line shown; the cursor stays after the prefix. None: the bell. */
  private historySearch(dir: -1 | 1): void {
    if (this.lastCommand !== "history-search-backward" && this.lastCommand !== "history-search-forward") {
      this.searchPrefix = this.buf.slice(0, this.pos);
    }
    const prefix = this.searchPrefix;
    const h = this.history;
    for (let n = this.histNum + dir; n >= h.base && n <= h.nextNumber; n += dir) {
      const line = this.lineOf(n);
      if (line === undefined || !line.startsWith(prefix) || line === this.buf) continue;
      if (this.gotoHistory(n)) {
        this.pos = prefix.length;
        this.placeCursor();
      }
      return;
    }
    this.bell();
  }

  private lineOf(n: number): string | undefined {
    if (n === this.history.nextNumber) return this.edits.get(n) ?? (n === this.histNum ? this.buf : "");
    return this.edits.get(n) ?? this.history.line(n);
  }

  private startSearch(): void {
    this.searchSaved = { buf: this.buf, pos: this.pos, histNum: this.histNum };
    this.edits.set(this.histNum, this.buf);
    const editor = this;
    this.search = new IncrementalSearch(
      { get base() { return editor.history.base; }, lineOf: (n) => editor.lineOf(n) },
      this.histNum,
      this.pos,
    );
    this.render();
  }

  /** Handles a key during incremental search; returns false when the key ends the search and
   *  should then run as a normal command. */
  private searchKey(key: string, cmd: string | undefined): boolean {
    const s = this.search!;
    const c = key.codePointAt(0)!;
    if (cmd === "reverse-search-history") {
      if (!s.again(this.lastSearchQuery)) this.bell();
      this.showSearch();
      return true;
    }
    if (cmd === "backward-delete-char") {
      if (!s.back()) this.bell();
      this.showSearch();
      return true;
    }
    if (cmd === "abort") {
      const saved = this.searchSaved!;
      this.search = undefined;
      this.buf = saved.buf;
      this.pos = saved.pos;
      this.histNum = saved.histNum;
      this.render();
      return true;
    }
    if (cmd === undefined && key[0] !== "\x1b" && c >= 0x20 && c !== 0x7f) {
      if (!s.extend(key)) this.bell();
      this.showSearch();
      return true;
    }
    // Any other key ends the search with the match in the buffer; ESC alone only ends it.
    this.lastSearchQuery = s.query;
    this.search = undefined;
    this.render();
    if (key === "\x1b") return true;
    return false;
  }

  private lastSearchQuery: string | undefined;

  /** Shows the current match (the last successful one while the search fails). */
  private showSearch(): void {
    const s = this.search!;
    if (!s.failed) {
      this.histNum = s.num;
      this.buf = this.lineOf(s.num) ?? "";
      this.pos = Math.min(s.idx, this.buf.length);
    }
    this.render();
  }

  // ---------------------------------------------------------------- completion

  private complete(list: boolean): void {
    let got: ReturnType<EditorHost["complete"]>;
    try {
      got = this.host.complete(this.buf, this.pos);
    } catch {
      return this.bell();
    }
    if (got instanceof Promise) {
      this.busy = true;
      got.then(
        (r) => {
          this.busy = false;
          if (this.resolve) this.applyCompletion(r, list);
          this.consume();
        },
        () => {
          this.busy = false;
          this.bell();
          this.consume();
        },
      );
      return;
    }
    this.applyCompletion(got, list);
  }

  private applyCompletion(r: Completions, list: boolean): void {
    const cands = r.candidates;
    if (cands.length === 0) return this.bell();
    const current = this.buf.slice(r.start, r.end);
    if (cands.length === 1) {
      const text = cands[0]! + (r.suffix ?? "");
      this.buf = this.buf.slice(0, r.start) + text + this.buf.slice(r.end);
      this.pos = r.start + text.length;
      this.render();
      return;
    }
    let prefix = commonPrefix(cands);
    // Never leave half of a backslash escape.
    let bs = 0;
    for (let k = prefix.length - 1; k >= 0 && prefix[k] === "\\"; k--) bs++;
    if (bs % 2 === 1) prefix = prefix.slice(0, -1);
    if (prefix !== current && prefix.length >= current.length) {
      this.buf = this.buf.slice(0, r.start) + prefix + this.buf.slice(r.end);
      this.pos = r.start + prefix.length;
      this.render();
      return;
    }
    if (!list) return this.bell();
    const shown = [...(r.display ?? cands)];
    const limit = this.bindings ? Number(this.bindings.vars.get("completion-query-items")) : this.queryItems;
    if (limit > 0 && shown.length > limit) {
      this.moveTo(this.buf.length);
      this.write(`\r\nDisplay all ${shown.length} possibilities? (y or n)`);
      this.rowsAbove = 0;
      this.queryCandidates = shown;
      return;
    }
    this.listCandidates(shown, false);
  }

  private listCandidates(items: string[], afterQuery: boolean): void {
    if (!afterQuery) {
      const saved = this.pos;
      this.pos = this.buf.length;
      const l = layout(this.prompt, this.buf, this.pos, this.cols);
      this.write(moveCursor(this.rowsAbove, 0, l.endRow, 0));
      this.pos = saved;
    }
    this.write("\r\n" + formatColumns(items, this.cols));
    this.rowsAbove = 0;
    this.render();
  }

  // ---------------------------------------------------------------- display

  private currentPrompt(): string {
    return this.search ? this.search.prompt() : this.prompt + this.promptSuffix;
  }

  /** The editor as vi mode sees it. */
  private viEditor(): ViEditor {
    const ed = this;
    return {
      get active() {
        return ed.resolve !== undefined;
      },
      get buf() {
        return ed.buf;
      },
      get pos() {
        return ed.pos;
      },
      setLine(buf, pos) {
        ed.buf = buf;
        ed.pos = Math.max(0, Math.min(pos, buf.length));
        ed.render();
      },
      moveTo: (p) => ed.moveTo(p),
      insertAt(at, text) {
        ed.pos = at;
        ed.insert(text);
      },
      run: (cmd) => ed.run(cmd),
      kill(a, b, replace) {
        if (b <= a) return;
        ed.killRing.kill(ed.buf.slice(a, b), false, false, replace);
        ed.deleteRange(a, b);
      },
      copy(a, b, replace) {
        if (b > a) ed.killRing.kill(ed.buf.slice(a, b), false, false, replace);
      },
      yanked: () => ed.killRing.newest(),
      bell: () => ed.bell(),
      setPromptSuffix(s) {
        ed.promptSuffix = s;
      },
      get histNum() {
        return ed.histNum;
      },
      get historyBase() {
        return ed.history.base;
      },
      get historyNext() {
        return ed.history.nextNumber;
      },
      lineOf: (n) => ed.lineOf(n),
      showHistory(n, pos) {
        if (!ed.gotoHistory(n)) return false;
        if (n !== ed.history.nextNumber) ed.moveTo(pos);
        return true;
      },
    };
  }

  /** Redraws prompt and buffer from the first row of the edit area. */
  private render(): void {
    const l = layout(this.currentPrompt(), this.buf, this.pos, this.cols);
    let s = "";
    // Rows that scrolled off the top cannot be reached: redraw from the top row instead.
    const up = Math.min(this.rowsAbove, this.rows - 1);
    if (up > 0) s += `\x1b[${up}A`;
    s += "\r\x1b[J" + l.out + moveCursor(l.endRow, l.endCol, l.cursorRow, l.cursorCol);
    this.write(s);
    this.rowsAbove = l.cursorRow;
    this.endRow = l.endRow;
    this.endCol = l.endCol;
  }

  /** Moves the cursor to this.pos without rewriting the text. */
  private placeCursor(): void {
    const l = layout(this.currentPrompt(), this.buf, this.pos, this.cols);
    // We are at (rowsAbove, ?): go to the row first, then the column.
    let s = "";
    if (l.cursorRow < this.rowsAbove) s += `\x1b[${this.rowsAbove - l.cursorRow}A`;
    else if (l.cursorRow > this.rowsAbove) s += `\x1b[${l.cursorRow - this.rowsAbove}B`;
    s += "\r" + (l.cursorCol > 0 ? `\x1b[${l.cursorCol}C` : "");
    this.write(s);
    this.rowsAbove = l.cursorRow;
    this.endRow = l.endRow;
    this.endCol = l.endCol;
  }
}

function commonPrefix(items: string[]): string {
  let p = items[0]!;
  for (const it of items) {
    let k = 0;
    while (k < p.length && k < it.length && p[k] === it[k]) k++;
    p = p.slice(0, k);
  }
  return p;
}
