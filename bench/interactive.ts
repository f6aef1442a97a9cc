// bun bench/interactive.ts [--rounds N] [--starts N] [--shell NAME=CMD]...
// Interactive latencies in a pseudo-terminal, ipsh side by side with bash (and dash):
//   first prompt  spawn -> the first prompt is on the screen (interactive start-up)
//   keystroke     a typed character -> its echo (line editor or tty driver)
//   enter         Enter on a null command (`:`) -> the next prompt
// Each shell runs in its own PTY (Bun.spawn with `terminal`), so it is a session leader with a
// controlling terminal exactly as under a terminal emulator. Rounds are interleaved across the
// shells in a shuffled order, like bench/run.ts. The prompt is set by a first command whose echo
// cannot be mistaken for the prompt itself (PS1='ipsh''-bench> ' echoes with the quotes).
import { renderTable, type Align } from "../src/explain/format.ts";
import { formatMs, formatRatio, median, seededRandom, shuffle } from "./stats.ts";
import { defaultShells, parseShellSpec, type ShellSpec } from "./shells.ts";

const PROMPT = "ipsh-bench> ";
const SET_PROMPT = "PS1='ipsh''-bench> '\r";
const TIMEOUT_MS = 10_000;

/** Extra words per shell so that no start-up file changes what is measured. */
function interactiveArgv(sh: ShellSpec): string[] {
  const base = sh.argv[0]!.split("/").pop();
  if (base === "bash") return [...sh.argv, "--norc", "--noprofile", "-i"];
  return [...sh.argv, "-i"];
}

/** One shell in its own PTY, with a way to wait for text on its screen. */
class PtySession {
  private screen = "";
  private waiters: (() => void)[] = [];
  private readonly decoder = new TextDecoder();
  readonly proc: ReturnType<typeof Bun.spawn>;

  constructor(readonly shell: ShellSpec) {
    this.proc = Bun.spawn(interactiveArgv(shell), {
      env: { PATH: "/usr/local/bin:/usr/bin:/bin", TERM: "xterm", HOME: "/nonexistent", PS1: PROMPT, LC_ALL: "C.UTF-8" },
      terminal: {
        cols: 120,
        rows: 40,
        data: (_t: unknown, d: Uint8Array) => {
          this.screen += this.decoder.decode(d, { stream: true });
          for (const w of this.waiters.splice(0)) w();
        },
      },
    } as Parameters<typeof Bun.spawn>[1]) as ReturnType<typeof Bun.spawn>;
  }

  private get terminal(): { write(s: string): void; close(): void } {
    return (this.proc as unknown as { terminal: { write(s: string): void; close(): void } }).terminal;
  }

  clear(): void {
    this.screen = "";
  }

  write(s: string): void {
    this.terminal.write(s);
  }

  /** Wait until the screen output since the last clear() contains `text`. */
  async until(text: string): Promise<void> {
    const deadline = performance.now() + TIMEOUT_MS;
    while (!this.screen.includes(text)) {
      const left = deadline - performance.now();
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
        const last = this.screen.trim().split("\n").pop()?.trim() ?? "";
        throw new Error(`${this.shell.name}: exited (${this.proc.exitCode ?? this.proc.signalCode}) before '${text.trim()}' appeared${last ? `: ${last}` : ""}`);
      }
      if (left <= 0) throw new Error(`${this.shell.name}: no '${text.trim()}' on the terminal within ${TIMEOUT_MS} ms (saw ${JSON.stringify(this.screen.slice(-80))})`);
      await Promise.race([new Promise<void>((r) => this.waiters.push(r)), Bun.sleep(Math.min(left, 200))]);
    }
  }

  async close(): Promise<void> {
    try {
      this.write("exit\r");
      await Promise.race([this.proc.exited, Bun.sleep(1000)]);
    } finally {
      this.proc.kill(9);
      this.terminal.close();
    }
  }
}

interface Samples {
  firstPrompt: number[];
  keystroke: number[];
  enter: number[];
  error?: string;
}

/** Start a session and wait for its first prompt; returns the session and the time it took. */
async function start(sh: ShellSpec): Promise<[PtySession, number]> {
  const t0 = performance.now();
  const s = new PtySession(sh);
  try {
    await s.until(PROMPT.trimEnd());
  } catch (e) {
    await s.close();
    throw e;
  }
  return [s, performance.now() - t0];
}

async function measureRound(s: PtySession, out: Samples): Promise<void> {
  s.clear();
  const t0 = performance.now();
  s.write(":");
  await s.until(":");
  out.keystroke.push(performance.now() - t0);
  s.clear();
  const t1 = performance.now();
  s.write("\r");
  await s.until(PROMPT.trimEnd());
  out.enter.push(performance.now() - t1);
}

export async function runInteractive(shells: ShellSpec[], rounds: number, starts: number, seed: number): Promise<Map<string, Samples>> {
  const rand = seededRandom(seed);
  const res = new Map<string, Samples>(shells.map((s) => [s.name, { firstPrompt: [], keystroke: [], enter: [] }]));
  // Interactive start-up: fresh sessions, interleaved.
  for (let i = 0; i < starts; i++) {
    for (const sh of shuffle(shells, rand)) {
      const r = res.get(sh.name)!;
      if (r.error) continue;
      try {
        const [s, ms] = await start(sh);
        r.firstPrompt.push(ms);
        await s.close();
      } catch (e) {
        r.error = (e as Error).message;
      }
    }
  }
  // Latencies: one long-lived session per shell, rounds interleaved.
  const sessions = new Map<string, PtySession>();
  for (const sh of shells) {
    const r = res.get(sh.name)!;
    if (r.error) continue;
    try {
      const [s] = await start(sh);
      s.clear();
      s.write(SET_PROMPT);
      await s.until(PROMPT.trimEnd());
      sessions.set(sh.name, s);
    } catch (e) {
      r.error = (e as Error).message;
    }
  }
  for (let i = 0; i < rounds; i++) {
    for (const sh of shuffle(shells, rand)) {
      const s = sessions.get(sh.name);
      const r = res.get(sh.name)!;
      if (!s || r.error) continue;
      try {
        await measureRound(s, r);
      } catch (e) {
        r.error = (e as Error).message;
      }
    }
  }
  for (const s of sessions.values()) await s.close();
  return res;
}

export function renderInteractive(res: Map<string, Samples>, subject = "ipsh", refs = ["bash", "dash"]): string {
  const names = [...res.keys()];
  const refsHere = refs.filter((r) => r !== subject && res.has(r) && !res.get(r)!.error);
  const header = ["latency", ...names];
  const hasSubject = res.has(subject) && !res.get(subject)!.error;
  if (hasSubject) for (const r of refsHere) header.push(`${subject}/${r}`);
  const rows: string[][] = [];
  for (const [label, key] of [["first prompt", "firstPrompt"], ["keystroke -> echo", "keystroke"], ["Enter -> prompt", "enter"]] as const) {
    const row = [label];
    for (const n of names) {
      const r = res.get(n)!;
      row.push(r.error && r[key].length === 0 ? "FAIL" : formatMs(median(r[key])));
    }
    if (hasSubject) for (const ref of refsHere) row.push(formatRatio(median(res.get(subject)![key]) / median(res.get(ref)![key])));
    rows.push(row);
  }
  const align: Align[] = header.map((_, i) => (i === 0 ? "left" : "right"));
  let out = renderTable(header, rows, align);
  for (const [n, r] of res) if (r.error) out += `${n}: ${r.error}\n`;
  return out;
}

async function main(argv: string[]): Promise<number> {
  let rounds = 50;
  let starts = 10;
  const specs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--rounds") rounds = Number(argv[++i]);
    else if (a === "--starts") starts = Number(argv[++i]);
    else if (a === "--shell") specs.push(argv[++i] ?? "");
    else {
      process.stderr.write(`usage: bun bench/interactive.ts [--rounds N] [--starts N] [--shell NAME=CMD]...\n`);
      return 2;
    }
  }
  if (!(rounds > 0) || !(starts >= 0)) {
    process.stderr.write("bench: --rounds and --starts take positive numbers\n");
    return 2;
  }
  const shells = specs.length > 0 ? specs.map(parseShellSpec) : defaultShells();
  const res = await runInteractive(shells, rounds, starts, 12345);
  process.stdout.write(renderInteractive(res));
  return [...res.values()].some((r) => r.error) ? 1 : 0;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
