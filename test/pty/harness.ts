// PTY test harness: runs a program as the session leader of a real pseudo-terminal (Bun.spawn with
// `terminal`), sends keys, and waits for output with deadlines, never for fixed delays.
//
//   const t = await startPty(["bin/ipsh", "-i"], { env, cols: 80, rows: 24 });
//   await t.waitFor(/\$ $/);            // raw output since the last match
//   t.write("ls\r");
//   await t.waitForScreen(/README/);   // the emulated screen
//   expect(t.cursor()).toEqual({ row: 3, col: 2 });
//   t.write("sleep 10\r"); await t.waitForForegroundJob("sleep"); t.write("\x1a");  // ^Z reaches it
//   await t.close();
//
// Output is kept twice: as the raw text the program wrote (`output`), and as a screen, through a
// small VT100/xterm emulator (cursor motion, erase, scrolling, auto-wrap with the pending-wrap
// state, wide and combining characters by wcwidth, DSR cursor-position replies), so tests can check
// where things are drawn and where the cursor is, not only which bytes were sent.
//
// Every wait has a deadline; on timeout the process group is killed and the error shows the
// expected pattern and the end of the output and the screen.
import { readdirSync, readFileSync } from "node:fs";
import { wcwidth } from "../../src/interactive/wcwidth.ts";

export interface PtyOptions {
  env?: Record<string, string | undefined>;
  cols?: number;
  rows?: number;
  cwd?: string;
  /** Default deadline for waits (ms). */
  timeout?: number;
}

export class Screen {
  cells: string[][] = [];
  row = 0;
  /** Column of the cursor; equal to `cols` in the pending-wrap state. */
  col = 0;
  /** Lines scrolled off the top. */
  scrolledOff: string[] = [];
  private saved = { row: 0, col: 0 };
  private pendingEsc = "";

  constructor(
    public cols: number,
    public rows: number,
    private reply: (s: string) => void = () => {},
  ) {
    for (let r = 0; r < rows; r++) this.cells.push(this.blankRow());
  }

  private blankRow(): string[] {
    return new Array<string>(this.cols).fill(" ");
  }

  resize(cols: number, rows: number): void {
    for (const line of this.cells) {
      while (line.length < cols) line.push(" ");
      line.length = cols;
    }
    while (this.cells.length < rows) this.cells.push(new Array<string>(cols).fill(" "));
    while (this.cells.length > rows) this.scrolledOff.push(this.cells.shift()!.join("").trimEnd());
    this.cols = cols;
    this.rows = rows;
    this.row = Math.min(this.row, rows - 1);
    this.col = Math.min(this.col, cols - 1);
  }

  /** The screen as text lines, trailing blanks removed. */
  lines(): string[] {
    return this.cells.map((l) => l.join("").trimEnd());
  }

  text(): string {
    return this.lines().join("\n").replace(/\n+$/, "");
  }

  private lineFeed(): void {
    if (this.row === this.rows - 1) {
      this.scrolledOff.push(this.cells.shift()!.join("").trimEnd());
      this.cells.push(this.blankRow());
    } else this.row++;
  }

  private put(ch: string, w: number): void {
    if (w === 0) {
      // Combine with the previous cell.
      let c = Math.min(this.col, this.cols) - 1;
      if (c < 0) return;
      if (this.cells[this.row]![c] === "" && c > 0) c--;
      this.cells[this.row]![c] += ch;
      return;
    }
    if (this.col + w > this.cols) {
      if (this.col < this.cols) for (let c = this.col; c < this.cols; c++) this.cells[this.row]![c] = " ";
      this.col = 0;
      this.lineFeed();
    }
    const line = this.cells[this.row]!;
    line[this.col] = ch;
    if (w === 2) line[this.col + 1] = "";
    this.col += w;
  }

  feed(s: string): void {
    s = this.pendingEsc + s;
    this.pendingEsc = "";
    for (let i = 0; i < s.length; i++) {
      const ch = s[i]!;
      const code = ch.charCodeAt(0);
      if (code === 0x1b) {
        const end = this.escape(s, i);
        if (end < 0) {
          this.pendingEsc = s.slice(i);
          return;
        }
        i = end - 1;
        continue;
      }
      if (code < 0x20 || code === 0x7f) {
        switch (code) {
          case 0x0d:
            this.col = 0;
            break;
          case 0x0a:
          case 0x0b:
          case 0x0c:
            if (this.col >= this.cols) this.col = this.cols - 1;
            this.lineFeed();
            break;
          case 0x08:
            if (this.col >= this.cols) this.col = this.cols - 1;
            if (this.col > 0) this.col--;
            break;
          case 0x09:
            this.col = Math.min(this.cols - 1, (Math.floor(this.col / 8) + 1) * 8);
            break;
        }
        continue;
      }
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) i++;
      const w = wcwidth(cp);
      if (w < 0) continue;
      this.put(String.fromCodePoint(cp), w);
    }
  }

  /** Interprets the escape sequence at s[i]; returns the index after it, or -1 if incomplete. */
  private escape(s: string, i: number): number {
    if (i + 1 >= s.length) return -1;
    const t = s[i + 1]!;
    if (t === "[") {
      let j = i + 2;
      while (j < s.length && !(s.charCodeAt(j) >= 0x40 && s.charCodeAt(j) <= 0x7e)) j++;
      if (j >= s.length) return -1;
      this.csi(s.slice(i + 2, j), s[j]!);
      return j + 1;
    }
    if (t === "]") {
      // OSC: up to BEL or ST.
      for (let j = i + 2; j < s.length; j++) {
        if (s[j] === "\x07") return j + 1;
        if (s[j] === "\x1b" && s[j + 1] === "\\") return j + 2;
      }
      return -1;
    }
    if (t === "(" || t === ")") return i + 3 <= s.length ? i + 3 : -1;
    if (t === "7") this.saved = { row: this.row, col: this.col };
    else if (t === "8") ({ row: this.row, col: this.col } = this.saved);
    else if (t === "c") {
      this.cells = [];
      for (let r = 0; r < this.rows; r++) this.cells.push(this.blankRow());
      this.row = this.col = 0;
    } else if (t === "M") {
      if (this.row > 0) this.row--;
    }
    return i + 2;
  }

  private csi(params: string, final: string): void {
    const priv = params.startsWith("?");
    const nums = (priv ? params.slice(1) : params).split(";").map((p) => (p === "" ? NaN : Number(p)));
    const n = (k: number, d: number) => (Number.isNaN(nums[k] ?? NaN) || nums[k] === 0 ? d : nums[k]!);
    if (this.col >= this.cols && "ABCDGHfJKPX@d".includes(final)) this.col = this.cols - 1;
    const line = this.cells[this.row]!;
    switch (final) {
      case "A":
        this.row = Math.max(0, this.row - n(0, 1));
        break;
      case "B":
        this.row = Math.min(this.rows - 1, this.row + n(0, 1));
        break;
      case "C":
        this.col = Math.min(this.cols - 1, this.col + n(0, 1));
        break;
      case "D":
        this.col = Math.max(0, this.col - n(0, 1));
        break;
      case "G":
        this.col = Math.min(this.cols - 1, n(0, 1) - 1);
        break;
      case "d":
        this.row = Math.min(this.rows - 1, n(0, 1) - 1);
        break;
      case "H":
      case "f":
        this.row = Math.min(this.rows - 1, n(0, 1) - 1);
        this.col = Math.min(this.cols - 1, n(1, 1) - 1);
        break;
      case "J": {
        const mode = Number.isNaN(nums[0]!) ? 0 : nums[0]!;
        if (mode === 0) {
          for (let c = this.col; c < this.cols; c++) line[c] = " ";
          for (let r = this.row + 1; r < this.rows; r++) this.cells[r] = this.blankRow();
        } else if (mode === 1) {
          for (let c = 0; c <= this.col; c++) line[c] = " ";
          for (let r = 0; r < this.row; r++) this.cells[r] = this.blankRow();
        } else for (let r = 0; r < this.rows; r++) this.cells[r] = this.blankRow();
        break;
      }
      case "K": {
        const mode = Number.isNaN(nums[0]!) ? 0 : nums[0]!;
        const [a, b] = mode === 0 ? [this.col, this.cols] : mode === 1 ? [0, this.col + 1] : [0, this.cols];
        for (let c = a; c < b; c++) line[c] = " ";
        break;
      }
      case "P": {
        const k = n(0, 1);
        line.splice(this.col, k);
        while (line.length < this.cols) line.push(" ");
        break;
      }
      case "@": {
        const k = n(0, 1);
        line.splice(this.col, 0, ...new Array<string>(k).fill(" "));
        line.length = this.cols;
        break;
      }
      case "X":
        for (let c = this.col; c < Math.min(this.cols, this.col + n(0, 1)); c++) line[c] = " ";
        break;
      case "n":
        if (nums[0] === 6) this.reply(`\x1b[${this.row + 1};${Math.min(this.col, this.cols - 1) + 1}R`);
        break;
      default:
        // m (colours), h/l (modes), r (scroll region), t, q...: no effect on the text.
        break;
    }
  }
}

export class PtySession {
  /** Everything the program wrote, decoded as UTF-8. */
  output = "";
  readonly screen: Screen;
  readonly proc: ReturnType<typeof Bun.spawn>;
  /** Offset in `output` where the next waitFor starts looking. */
  private mark = 0;
  private decoder = new TextDecoder();
  private waiters = new Set<() => void>();
  private readonly timeout: number;
  readonly exited: Promise<number>;

  constructor(argv: string[], opts: PtyOptions = {}) {
    const cols = opts.cols ?? 80;
    const rows = opts.rows ?? 24;
    this.timeout = opts.timeout ?? 10000;
    this.screen = new Screen(cols, rows, (s) => this.write(s));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.env ?? { ...process.env, TERM: "xterm-256color" })) if (v !== undefined) env[k] = v;
    this.proc = Bun.spawn(argv, {
      cwd: opts.cwd,
      env,
      terminal: {
        cols,
        rows,
        data: (_t, data) => {
          const text = this.decoder.decode(data, { stream: true });
          this.output += text;
          this.screen.feed(text);
          for (const w of this.waiters) w();
        },
      },
    });
    this.exited = this.proc.exited.then((code) => {
      for (const w of this.waiters) w();
      return code;
    });
  }

  /** Sends keys (a string is sent as UTF-8). */
  write(data: string | Uint8Array): void {
    this.proc.terminal!.write(data);
  }

  resize(cols: number, rows: number): void {
    this.screen.resize(cols, rows);
    this.proc.terminal!.resize(cols, rows);
  }

  /** Cursor position on the emulated screen (0-based). */
  cursor(): { row: number; col: number } {
    return { row: this.screen.row, col: Math.min(this.screen.col, this.screen.cols - 1) };
  }

  /** Screen lines (trailing blanks removed). */
  lines(): string[] {
    return this.screen.lines();
  }

  /** Output written since the last successful waitFor. */
  recent(): string {
    return this.output.slice(this.mark);
  }

  /** Waits until the output written since the previous match contains `pattern`; the next wait
   *  starts after this match. Kills the program and throws on timeout. */
  async waitFor(pattern: RegExp | string, timeout = this.timeout): Promise<RegExpExecArray> {
    const re = typeof pattern === "string" ? new RegExp(escapeRegExp(pattern)) : pattern;
    const m = await this.until(() => {
      const r = re.exec(this.output.slice(this.mark));
      return r ?? undefined;
    }, `output ${re}`, timeout);
    this.mark += m.index + m[0].length;
    return m;
  }

  /** Waits until the emulated screen text matches `pattern` (or the predicate holds). */
  async waitForScreen(pattern: RegExp | ((s: PtySession) => boolean), timeout = this.timeout): Promise<void> {
    const test = typeof pattern === "function" ? () => pattern(this) : () => pattern.test(this.screen.text());
    await this.until(() => (test() ? true : undefined), `screen ${pattern}`, timeout);
  }

  /** Waits for the program to exit; returns its exit code. */
  async waitExit(timeout = this.timeout): Promise<number> {
    let code: number | undefined;
    void this.exited.then((c) => (code = c));
    await this.until(() => (code !== undefined ? true : undefined), "exit", timeout);
    return code!;
  }

  private until<T>(check: () => T | undefined, what: string, timeout: number): Promise<T> {
    const first = check();
    if (first !== undefined) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const stop = () => {
        this.waiters.delete(waiter);
        clearInterval(poll);
        clearTimeout(timer);
      };
      const waiter = () => {
        const r = check();
        if (r === undefined) return;
        stop();
        resolve(r);
      };
      this.waiters.add(waiter);
      // Data callbacks wake the waiter; the poll also catches an exit that brought no data.
      const poll = setInterval(waiter, 25);
      const timer = setTimeout(() => {
        stop();
        this.kill();
        reject(
          new Error(
            `timed out after ${timeout} ms waiting for ${what}\n--- output since last match:\n` +
              JSON.stringify(this.output.slice(this.mark).slice(-2000)) +
              `\n--- screen:\n${this.screen.text()}`,
          ),
        );
      }, timeout);
    });
  }

  /** The terminal's foreground process group, from /proc/<pid>/stat of the program (the session
   *  leader): its tpgid field. 0 when the program is gone. */
  foregroundPgid(): number {
    try {
      const stat = readFileSync(`/proc/${this.proc.pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(f[5]);
    } catch {
      return 0;
    }
  }

  /** Waits until a foreground job (a process group other than the program's) owns the terminal,
   *  and, given `command`, until its group leader runs that program (/proc/<pgid>/comm): only then
   *  does a ^Z or ^C typed by the test reach the job. (Between fork and exec a shell's child may
   *  still ignore SIGTSTP, so the program name is the safe signal.) Returns the pgid. */
  async waitForForegroundJob(command?: string, timeout = this.timeout): Promise<number> {
    return this.until(() => {
      const pg = this.foregroundPgid();
      if (pg <= 0 || pg === this.proc.pid) return undefined;
      if (command !== undefined) {
        try {
          if (readFileSync(`/proc/${pg}/comm`, "utf8").trim() !== command.slice(0, 15)) return undefined;
        } catch {
          return undefined;
        }
      }
      return pg;
    }, `a foreground job${command ? " running " + command : ""} to own the terminal`, timeout);
  }

  /** Waits until the program (the shell) owns the terminal again. */
  async waitForShellForeground(timeout = this.timeout): Promise<void> {
    await this.until(() => (this.foregroundPgid() === this.proc.pid ? true : undefined), "the shell to own the terminal", timeout);
  }

  /** Kills the program's process group (it is a session leader), then the program itself. */
  kill(signal: NodeJS.Signals | number = "SIGKILL"): void {
    const pid = this.proc.pid;
    try {
      process.kill(-pid, signal);
    } catch {
      /* already gone */
    }
    try {
      this.proc.kill(signal);
    } catch {
      /* already gone */
    }
  }

  /** Pids of every process in the terminal's session (the program is its leader): jobs the shell
   *  started live in process groups of their own, which kill() of the shell's group misses. */
  sessionPids(): number[] {
    const sid = this.proc.pid;
    const pids: number[] = [];
    let names: string[];
    try {
      names = readdirSync("/proc");
    } catch {
      return pids;
    }
    for (const name of names) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(f[3]) === sid) pids.push(Number(name));
      } catch {
        /* exited meanwhile */
      }
    }
    return pids;
  }

  /** Ends the session: kills the program and every process left in its session (background and
   *  stopped jobs included), then closes the terminal. */
  async close(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.kill();
    const pids = this.sessionPids();
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
    // Wait (briefly) until they are dead: gone, or zombies waiting for their parent.
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline && pids.some(isLive)) await Bun.sleep(10);
    await Promise.race([this.exited, Bun.sleep(2000)]);
    try {
      this.proc.terminal?.close();
    } catch {
      /* closed */
    }
  }
}

/** The process exists and is not a zombie. */
function isLive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat[stat.lastIndexOf(")") + 2] !== "Z";
  } catch {
    return false;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Starts `argv` in a new pseudo-terminal. */
export async function startPty(argv: string[], opts: PtyOptions = {}): Promise<PtySession> {
  return new PtySession(argv, opts);
}
