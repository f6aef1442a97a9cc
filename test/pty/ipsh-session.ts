// Interactive ipsh (or bash, for comparison) in a real pseudo-terminal, for the job-control and
// session tests: builds the current sources into a temporary bundle once per test file, gives
// each shell a private HOME, a fixed prompt and no start-up files unless asked, and cleans up
// every process of the terminal's session at the end (jobs live in process groups of their own,
// which the harness's kill of the shell's group would miss).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PtySession, startPty } from "./harness.ts";

const root = new URL("../../", import.meta.url).pathname;
export const bun = process.execPath.includes("bun") ? process.execPath : join(root, "node_modules/.bin/bun");

let bundle: string | undefined;

/** dist-like bundle of src/main.ts in a temporary directory (built once per test file). */
export async function ipshBundle(): Promise<string> {
  if (bundle) return bundle;
  const out = mkdtempSync(join(tmpdir(), "ipsh-pty-build-"));
  const r = await Bun.build({ entrypoints: [join(root, "src/main.ts")], target: "bun", outdir: out, naming: "ipsh.js" });
  if (!r.success) throw new Error(r.logs.map(String).join("\n"));
  bundle = join(out, "ipsh.js");
  return bundle;
}

export const PROMPT = "$ ";

export interface ShellOptions {
  /** extra argv after the bundle (default -i) */
  args?: string[];
  /** the HOME directory (default: a fresh temporary one) */
  home?: string;
  env?: Record<string, string>;
  cols?: number;
  rows?: number;
  timeout?: number;
  /** run bash --norc --noprofile -i instead, for comparison */
  bash?: boolean;
  /** argv[0] for the shell (through bash's exec -a) */
  argv0?: string;
}

export class ShellSession {
  constructor(
    readonly t: PtySession,
    readonly home: string,
    private readonly ownHome: boolean,
  ) {}

  /** Type a command line and wait for the next prompt; returns what was printed in between
   *  (CR LF turned into LF, the echoed command line and the terminal modes' escapes removed). */
  async run(line: string, timeout?: number): Promise<string> {
    this.t.write(line + "\r");
    await this.t.waitFor(line.length > 40 ? line.slice(-40) : line, timeout);
    const m = await this.t.waitFor(/\r?\n([\s\S]*?)(?:\x1b\[\?2004h)?\r?(?:\x1b\[J)?\$ $/, timeout);
    return clean(m[1] ?? "");
  }

  /** Start a command that takes the terminal; resolves when its group owns it. */
  async startForeground(line: string, program: string): Promise<number> {
    this.t.write(line + "\r");
    await this.t.waitFor(new RegExp(escapeRegExp(line) + "\\r*\\n"));
    const pg = await this.t.waitForForegroundJob(program);
    // the job runs; the shell is ready for signals sent to it once it sleeps in its wait (on a
    // loaded machine it can still be setting the wait up, which a real user cannot race)
    await until(() => procState(this.pid) === "S", "the shell to wait for its foreground job");
    return pg;
  }

  /** Wait for the prompt (after a key or a signal ended a foreground job); returns the output. */
  async prompt(timeout?: number): Promise<string> {
    const m = await this.t.waitFor(/([\s\S]*?)(?:\x1b\[\?2004h)?\r?(?:\x1b\[J)?\$ $/, timeout);
    return clean(m[1] ?? "");
  }

  get pid(): number {
    return this.t.proc.pid;
  }

  async close(): Promise<void> {
    killSession(this.t.proc.pid);
    await this.t.close();
    if (this.ownHome) rmSync(this.home, { recursive: true, force: true });
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function clean(s: string): string {
  return s.replace(/\x1b\[\?2004[hl]/g, "").replace(/\r\n/g, "\n").replace(/\r/g, "");
}

/** SIGKILL every process whose session is `sid` (the shell and all its jobs). */
export function killSession(sid: number): void {
  for (const ent of readdirSync("/proc")) {
    if (!/^\d+$/.test(ent)) continue;
    try {
      const stat = readFileSync(`/proc/${ent}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[3]) === sid) process.kill(Number(ent), "SIGKILL");
    } catch {
      /* gone */
    }
  }
}

/** The state letter of a process (R, S, T stopped, Z...), or "" when it is gone. */
export function procState(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] ?? "";
  } catch {
    return "";
  }
}

/** Pids of the processes in process group `pgid`. */
export function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const ent of readdirSync("/proc")) {
    if (!/^\d+$/.test(ent)) continue;
    try {
      const stat = readFileSync(`/proc/${ent}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) === pgid) out.push(Number(ent));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** Wait (with a deadline) until `check` holds. */
export async function until(check: () => boolean, what: string, timeout = 5000): Promise<void> {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(10);
  }
}

export async function startShell(opts: ShellOptions = {}): Promise<ShellSession> {
  const ownHome = opts.home === undefined;
  const home = opts.home ?? mkdtempSync(join(tmpdir(), "ipsh-pty-home-"));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    TERM: "xterm",
    HOME: home,
    PS1: PROMPT,
    LANG: "C.UTF-8",
    ...opts.env,
  };
  let argv: string[];
  if (opts.bash) argv = ["bash", "--norc", "--noprofile", ...(opts.args ?? ["-i"])];
  else argv = [bun, await ipshBundle(), ...(opts.args ?? ["-i"])];
  if (opts.argv0) argv = ["bash", "-c", 'exec -a "$0" "$@"', opts.argv0, ...argv];
  const t = await startPty(argv, { env, cols: opts.cols ?? 100, rows: opts.rows ?? 30, timeout: opts.timeout ?? 8000, cwd: home });
  return new ShellSession(t, home, ownHome);
}
