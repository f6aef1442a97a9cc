// `signals [pid|%job]`: the signal table, with dispositions.
//
// Without an operand: every signal (number, name, default action, whether it can be caught,
// its meaning) with the shell's own disposition as `trap` sees it (default, ignored, trapped
// with the action) next to what the kernel has for this process (from /proc/self/status).
// The two differ on purpose: Bun ignores PIPE and XFSZ and catches a few signals for itself,
// while the shell resets every signal it did not ignore by `trap ''` to the default in the
// children it spawns (posix_spawn SETSIGDEF), so a command sees the SHELL column, not KERNEL.
//
// With a pid or %job: the kernel's view of that process: ignored, caught, blocked and pending
// sets from /proc/PID/status (SigIgn, SigCgt, SigBlk, SigPnd + ShdPnd).
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { SIGNALS, type SignalInfo } from "../src/signals/table.ts";
import { renderTable } from "../src/explain/format.ts";
import { processName, readStatus, signalSets, type SignalSets } from "../src/explain/proc.ts";
import { shellDisposition, targetPids, type ExplainShell, type ShellDisposition } from "../src/explain/shell-view.ts";
import { processDispositions } from "../src/signals/process-dispositions.ts";

/**
 * Why the kernel disposition of each signal is not the default, from the dispositions owner's
 * description ("SIGINT: caught (trap, listener)"): signal name -> "trap, listener". Signals the
 * kernel shows as caught or ignored that the shell never touched belong to the runtime (Bun
 * ignores PIPE and XFSZ, and catches SEGV, ILL, BUS, ... for its crash handler).
 */
function shellReasons(): Map<string, string> {
  const out = new Map<string, string>();
  let lines: string[];
  try {
    lines = processDispositions().describe();
  } catch {
    return out;
  }
  for (const line of lines) {
    const m = /^SIG(\S+): (?:caught|ignored) \((.*)\)$/.exec(line);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

function shellColumn(d: ShellDisposition): string {
  switch (d.kind) {
    case "default":
      return "default";
    case "ignored":
      return "ignored";
    case "trapped":
      return `trap ${quote(d.action)}`;
    case "unknown":
      return "?";
  }
}

/** Single-quote a trap action as `trap -p` does ('it'\''s'), on one line. */
function quote(s: string): string {
  const one = s.length > 40 ? `${s.slice(0, 37)}...` : s;
  return `'${one.replace(/\n/g, "; ").replace(/'/g, "'\\''")}'`;
}

/** The kernel's disposition of one signal, plus blocked/pending marks. */
function kernelColumn(s: SignalInfo, sets: SignalSets): string {
  let k = sets.ignored.has(s.number) ? "ignored" : sets.caught.has(s.number) ? "caught" : "default";
  if (sets.blocked.has(s.number)) k += ",blocked";
  if (sets.pending.has(s.number)) k += ",pending";
  return k;
}

function selfView(ctx: BuiltinContext): number {
  const sh = ctx.sh as unknown as ExplainShell;
  const status = readStatus(process.pid);
  const sets = status ? signalSets(status) : undefined;
  const reasons = shellReasons();
  const rows = SIGNALS.map((s) => {
    const kernel = sets ? kernelColumn(s, sets) : "?";
    const by = kernel.startsWith("default") || kernel === "?" ? "" : (reasons.get(s.name) ?? "runtime");
    return [String(s.number), s.name, s.action, s.catchable ? "yes" : "no", shellColumn(shellDisposition(sh, s.number)), kernel, by, s.description];
  });
  ctx.out(`Signals of this shell (pid ${process.pid}): SHELL is the disposition commands inherit (trap), KERNEL what the process itself has and BY whom\n`);
  ctx.out(renderTable(["NUM", "NAME", "DEFAULT", "CATCH", "SHELL", "KERNEL", "BY", "MEANING"], rows, ["right"]));
  return 0;
}

function processView(ctx: BuiltinContext, pid: number): boolean {
  const status = readStatus(pid);
  if (!status) {
    ctx.error(`${pid}: no such process`);
    return false;
  }
  const sets = signalSets(status);
  const rows = SIGNALS.map((s) => [
    String(s.number),
    s.name,
    s.action,
    s.catchable ? "yes" : "no",
    sets.ignored.has(s.number) ? "ignored" : sets.caught.has(s.number) ? "caught" : "default",
    sets.blocked.has(s.number) ? "yes" : "",
    sets.pending.has(s.number) ? "yes" : "",
    s.description,
  ]);
  ctx.out(`Signals of process ${pid} (${processName(pid)}), from /proc/${pid}/status (queued: ${sets.queued})\n`);
  ctx.out(renderTable(["NUM", "NAME", "DEFAULT", "CATCH", "DISPOSITION", "BLOCKED", "PENDING", "MEANING"], rows, ["right"]));
  return true;
}

function run(ctx: BuiltinContext): number {
  const args = ctx.args[0] === "--" ? ctx.args.slice(1) : ctx.args;
  if (args.length > 1) {
    ctx.error("too many arguments");
    ctx.err(`${ctx.name}: usage: ${def.synopsis}\n`);
    return 2;
  }
  if (args[0] !== undefined && args[0].startsWith("-") && args[0] !== "-") {
    ctx.error(`${args[0]}: invalid option`);
    ctx.err(`${ctx.name}: usage: ${def.synopsis}\n`);
    return 2;
  }
  const target = targetPids(ctx.sh as unknown as ExplainShell, args[0]);
  if (typeof target === "string") {
    ctx.error(target);
    return 1;
  }
  if (target.self && args[0] === undefined) return selfView(ctx);
  let status = 0;
  target.pids.forEach((pid, i) => {
    if (i > 0) ctx.out("\n");
    if (!processView(ctx, pid)) status = 1;
  });
  return status;
}

export const def: BuiltinDef = {
  name: "signals",
  special: false,
  run,
  synopsis: "signals [pid | %job]",
  description:
    "Show every signal with its default action, whether it can be caught, and its meaning.\n" +
    "Without an operand, also the shell's disposition of each (as trap set it) and the kernel's\n" +
    "view of the shell process; with a process or job ID, that process's ignored, caught,\n" +
    "blocked and pending signals from /proc/PID/status.",
};
