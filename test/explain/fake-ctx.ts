// A BuiltinContext for the teaching-view builtins: collects fd 1 and fd 2, and drives builtins
// that return a generator (ipc mq send/recv wait by yielding promises).
import type { BuiltinContext, BuiltinDef } from "../../builtins/context.ts";
import { readFileSync } from "node:fs";
import { runGen } from "../../src/exec/gen.ts";

export interface Ran {
  status: number;
  out: string;
  err: string;
}

export async function runBuiltin(def: BuiltinDef, args: string[], sh: object = {}): Promise<Ran> {
  const r: Ran = { status: -1, out: "", err: "" };
  const ctx: BuiltinContext = {
    name: def.name,
    args,
    sh: sh as BuiltinContext["sh"],
    out: (t) => void (r.out += t),
    err: (t) => void (r.err += t),
    write: () => true,
    error: (m) => void (r.err += `ipsh: ${def.name}: ${m}\n`),
  };
  const v = def.run(ctx);
  r.status = typeof v === "number" ? v : await runGen(v);
  return r;
}

/**
 * Spawn a process in its own session that stays alive until killed, and wait until `ready`
 * holds for it (e.g. its children exist, its traps are set). kill() ends the whole session,
 * so no grandchild outlives the test.
 */
export async function spawnAlive(argv: string[], ready: (pid: number) => boolean = () => true): Promise<{ pid: number; kill(): void }> {
  const p = Bun.spawn(argv, { stdin: "ignore", stdout: "ignore", stderr: "ignore", detached: true });
  const kill = (): void => {
    try {
      process.kill(-p.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 10_000;
  while (!safe(() => ready(p.pid))) {
    if (Date.now() > deadline) {
      kill();
      throw new Error(`spawnAlive: ${argv.join(" ")} never became ready`);
    }
    await Bun.sleep(10);
  }
  return { pid: p.pid, kill };
}

function safe(f: () => boolean): boolean {
  try {
    return f();
  } catch {
    return false;
  }
}

/** The children of a process (from /proc/PID/task/PID/children). */
export function childrenOf(pid: number): number[] {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8");
  } catch {
    return [];
  }
  return text.trim().split(/\s+/).filter((s) => s !== "").map(Number);
}

/** A readiness test: the process has at least n children. */
export function hasChildren(n: number): (pid: number) => boolean {
  return (pid) => childrenOf(pid).length >= n;
}
