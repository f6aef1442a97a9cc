// `ipsh -i` from the sources (no build step) in a real terminal, for the REPL, binding and
// completion tests: a private temporary HOME as the working directory, PS1 "[\W]\$ ", a history
// file in it, and the session closed and the directory removed after each test
// (`useInteractiveShell` registers the hooks).
import { afterEach, beforeEach } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startPty, type PtySession } from "../pty/harness.ts";

const MAIN = path.resolve(__dirname, "../../src/main.ts");

export interface InteractiveShells {
  /** The current test's directory (HOME and cwd of the shell). */
  dir(): string;
  /** Start `ipsh -i` and wait for its first prompt. */
  start(env?: Record<string, string>): Promise<PtySession>;
}

/** Per-test set-up and tear-down for `ipsh -i` sessions. */
export function useInteractiveShell(prefix: string): InteractiveShells {
  let dir = "";
  let t: PtySession | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    async start(env = {}) {
      t = await startPty([process.execPath, MAIN, "-i"], {
        cols: 80,
        rows: 24,
        cwd: dir,
        env: { PATH: process.env.PATH!, HOME: dir, TERM: "xterm", PS1: "[\\W]\\$ ", HISTFILE: path.join(dir, "hist"), ...env },
        timeout: 15000,
      });
      await t.waitFor(/\][$#] $/);
      return t;
    },
  };
}

/** Types keys ending a line and waits for the next prompt; returns what was printed in between
 *  (CR removed, bracketed-paste mode switches removed). */
export async function runLine(s: PtySession, keys: string): Promise<string> {
  s.write(keys + "\r");
  const m = await s.waitFor(/\r\n([\s\S]*?)(?:\x1b\[\?2004h)?\r?\x1b\[J\[[^\]]*\][$#] $/);
  return m[1]!.replace(/\x1b\[\?2004[hl]/g, "").replace(/\r/g, "");
}
