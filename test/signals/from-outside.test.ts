// Signals sent to the shell by another process, compared with bash on the same script: during a
// foreground command (the trap runs when the command ends), during `wait` (interrupted at once
// with 128+N, then the trap runs), during a loop of builtins (the trap runs promptly), and SIGINT
// or SIGQUIT to a non-interactive script (SIGINT kills it, 130 to its parent, unless trapped;
// bash ignores SIGQUIT itself, so Ctrl-\ ends only the foreground command). Each script prints
// "start" once it is where the signal should find it; the test then signals it (and, to model a
// terminal's Ctrl-C, its foreground children too) and compares stdout, exit status and
// terminating signal. Every run has a deadline.
import { afterAll, describe, expect, test } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ipsh = join(process.cwd(), "bin/ipsh");
const bash = "/usr/bin/bash";
const dir = mkdtempSync(join(tmpdir(), "ipsh-sig-outside-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  out: string;
  code: number | null;
  signal: string | null;
  /** ms from the signal to the shell's end */
  after: number;
}

/** The direct children of `pid` (the shell's foreground command). */
function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Run `src` in `shell`, wait for "start" on its stdout, wait `settle` ms more, then send `sig`
 * to the shell (and to its children too when `group`, as a terminal sends Ctrl-C to the whole
 * foreground process group).
 */
async function signalled(shell: string, src: string, sig: NodeJS.Signals, opts: { group?: boolean; settle?: number } = {}): Promise<Outcome> {
  // no core files from SIGQUIT in the test directory
  const p = Bun.spawn(["/usr/bin/bash", "-c", 'ulimit -c 0; exec "$@"', "wrap", shell, "-c", src], { cwd: dir, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const killer = setTimeout(() => p.kill("SIGKILL"), 10_000);
  let out = "";
  const dec = new TextDecoder();
  const reading = (async () => {
    for await (const chunk of p.stdout as ReadableStream<Uint8Array>) out += dec.decode(chunk, { stream: true });
  })();
  const end = Date.now() + 5000;
  while (!out.includes("start\n")) {
    if (Date.now() > end || p.exitCode !== null) throw new Error(`${shell}: no start; stdout ${JSON.stringify(out)}`);
    await Bun.sleep(5);
  }
  await Bun.sleep(opts.settle ?? 200);
  const targets = opts.group ? [p.pid, ...children(p.pid)] : [p.pid];
  const t0 = Date.now();
  for (const pid of targets) {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
  await p.exited;
  // (a background child of the script may hold stdout open longer than the script lives)
  const after = Date.now() - t0;
  await reading;
  clearTimeout(killer);
  return { out, code: p.exitCode, signal: p.signalCode == null ? null : String(p.signalCode), after };
}

async function same(src: string, sig: NodeJS.Signals, opts: { group?: boolean; settle?: number } = {}): Promise<Outcome> {
  const [mine, theirs] = await Promise.all([signalled(ipsh, src, sig, opts), signalled(bash, src, sig, opts)]);
  expect({ out: mine.out, code: mine.code, signal: mine.signal }, `${src} <- ${sig}`).toEqual({ out: theirs.out, code: theirs.code, signal: theirs.signal });
  return mine;
}

describe("signals sent to ipsh from another process, as bash", () => {
  test("during a foreground command: the trap runs after the command ends", async () => {
    const r = await same(`trap 'echo got USR1' USR1; echo start; sleep 1; echo "after $?"`, "SIGUSR1");
    expect(r.out).toBe("start\ngot USR1\nafter 0\n");
  });

  test("during a foreground command: an untrapped TERM to the shell alone ends it after the command", async () => {
    await same(`echo start; sleep 0.6; echo after`, "SIGTERM");
  });

  test("during wait: interrupted at once with 128+N, then the trap runs", async () => {
    const r = await same(`trap 'echo got USR1' USR1; sleep 3 & echo start; wait $!; echo "wait $?"; kill $!`, "SIGUSR1");
    expect(r.out).toBe("start\ngot USR1\nwait 138\n");
    expect(r.after).toBeLessThan(1500);
  });

  test("during wait with no operands, for TERM with a trap", async () => {
    const r = await same(`trap 'echo got TERM' TERM; sleep 3 & echo start; wait; echo "wait $?"; kill $!`, "SIGTERM");
    expect(r.after).toBeLessThan(1500);
  });

  test("during a loop of builtins: the trap runs promptly", async () => {
    const r = await same(`trap 'echo got TERM; exit' TERM; echo start; while :; do :; done`, "SIGTERM");
    expect(r.out).toBe("start\ngot TERM\n");
    expect(r.after).toBeLessThan(1500);
  });

  test("during a loop of builtins: USR1 trap runs and the loop goes on", async () => {
    const r = await same(`trap 'echo got USR1; n=1' USR1; n=0; echo start; while [ $n = 0 ]; do :; done; echo "left $n"`, "SIGUSR1");
    expect(r.out).toBe("start\ngot USR1\nleft 1\n");
  });

  test("SIGINT to a non-interactive script running a builtin loop kills it (130 to its parent)", async () => {
    const r = await same(`echo start; while :; do :; done`, "SIGINT");
    expect(r.signal).toBe("SIGINT");
  });

  // bash ignores SIGQUIT in all cases (its children get it at its default): Ctrl-\ kills a
  // script's foreground command, and the script goes on
  test("SIGQUIT to a non-interactive script alone is ignored, during a builtin loop", async () => {
    const r = await same(`echo start; while [ $SECONDS -lt 2 ]; do :; done; echo after`, "SIGQUIT");
    expect(r.out).toBe("start\nafter\n");
  });

  test("Ctrl-C to the group of a script running a foreground command: the script dies of SIGINT", async () => {
    const r = await same(`echo start; sleep 3; echo after`, "SIGINT", { group: true });
    expect(r.signal).toBe("SIGINT");
  });

  test("Ctrl-\\ to the group of a script running a foreground command: the command dies (131), the script goes on", async () => {
    const r = await same(`echo start; sleep 3; echo "after $?"`, "SIGQUIT", { group: true });
    expect(r.out).toBe("start\nafter 131\n");
  });

  test("a trapped SIGQUIT runs its trap", async () => {
    await same(`trap 'echo got QUIT' QUIT; echo start; while [ $SECONDS -lt 2 ]; do :; done; echo after`, "SIGQUIT");
  });

  test("a trapped SIGINT: the foreground command dies, the trap runs, the script goes on", async () => {
    const r = await same(`trap 'echo got INT' INT; echo start; sleep 3; echo "after $?"`, "SIGINT", { group: true });
    expect(r.code).toBe(0);
  });

  test("a trapped SIGINT in a builtin loop", async () => {
    await same(`trap 'echo got INT; exit 4' INT; echo start; while :; do :; done`, "SIGINT");
  });

  test.each(["SIGTERM", "SIGHUP", "SIGUSR1", "SIGINT"] as const)("an untrapped deadly %s with an EXIT trap: the trap runs, then the shell dies of it", async (sig) => {
    const r = await same(`trap 'echo bye $?' EXIT; echo start; while :; do :; done`, sig);
    expect(r.out).toBe("start\nbye 0\n");
    expect(r.signal).toBe(sig);
  });

  test("a deadly signal during a foreground command with an EXIT trap: after the command", async () => {
    const r = await same(`trap 'echo bye $?' EXIT; echo start; sleep 0.6; echo after`, "SIGTERM");
    expect(r.out).toBe("start\nbye 0\n");
  });

  test("a deadly signal during wait with an EXIT trap: at once", async () => {
    // ($? inside the trap differs: bash keeps the status from before `wait`, ipsh has 143)
    const r = await same(`trap 'echo bye' EXIT; sleep 3 & echo start; wait; echo after`, "SIGTERM");
    expect(r.out).toBe("start\nbye\n");
    expect(r.after).toBeLessThan(1500);
  });

  test("trap - EXIT: the deadly signal kills at once again", async () => {
    await same(`trap 'echo bye' EXIT; trap - EXIT; echo start; while :; do :; done`, "SIGTERM");
  });

  // The foreground wait of a non-interactive shell catches SIGINT and acts on it only if the
  // command died of it (src/jobs/foreground.ts waitProcesses).
  test("a child that catches SIGINT itself: the script goes on (bash's wait_sigint_cleanup)", async () => {
    await same(`echo start; sh -c 'trap "exit 7" INT; sleep 3 & wait'; echo "after $?"`, "SIGINT", { group: true });
  });
});
