// Run the same snippet in ipsh and in bash (or dash) and compare what a user sees.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
export const IPSH = join(ROOT, "bin", "ipsh");

export interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
  signal: string | null;
}

const BASE_ENV = { PATH: "/usr/local/bin:/usr/bin:/bin", LC_ALL: "C.UTF-8", HOME: "/tmp", TERM: "dumb" };

/** Run `argv` with `input` on stdin in `cwd` (a fresh temp dir when omitted). */
export function run(argv: string[], opts: { input?: string; cwd?: string; env?: Record<string, string>; timeout?: number } = {}): Run {
  const cwd = opts.cwd ?? mkdtempSync(join(tmpdir(), "ipsh-t-"));
  try {
    const r = spawnSync(argv[0], argv.slice(1), {
      cwd,
      input: opts.input ?? "",
      env: { ...BASE_ENV, ...opts.env },
      timeout: opts.timeout ?? 10000,
      encoding: "utf8",
    });
    return { stdout: r.stdout ?? "", stderr: r.stderr ?? "", status: r.status, signal: r.signal };
  } finally {
    if (!opts.cwd) rmSync(cwd, { recursive: true, force: true });
  }
}

/** Run `-c script` in ipsh and in the reference shell, each in its own fresh directory. */
export function both(script: string, ref = "bash", opts: { input?: string; env?: Record<string, string> } = {}): { ipsh: Run; ref: Run } {
  return {
    ipsh: run([IPSH, "-c", script], opts),
    ref: run([ref, "-c", script], opts),
  };
}

/** Normalise the shell's name in error messages so "ipsh: ..." and "bash: ..." compare equal. */
export function normErr(s: string): string {
  return s.replace(/^(ipsh|bash|dash|sh): /gm, "SHELL: ").replace(/^(ipsh|bash|dash|sh): line \d+: /gm, "SHELL: ");
}

/** One vitest case per [name, snippet]: ipsh's stdout, normalised stderr and status equal bash's.
 *  (Call inside a describe; `it` and `expect` are passed in so this file needs no vitest import.) */
export function sameAsBash(
  cases: readonly (readonly [string, string])[],
  it: (name: string, fn: () => void) => void,
  expect: (v: unknown) => { toBe(x: unknown): void },
): void {
  for (const [name, script] of cases) {
    it(name, () => {
      const r = both(script);
      expect(r.ipsh.stdout).toBe(r.ref.stdout);
      expect(normErr(r.ipsh.stderr)).toBe(normErr(r.ref.stderr));
      expect(r.ipsh.status).toBe(r.ref.status);
    });
  }
}
