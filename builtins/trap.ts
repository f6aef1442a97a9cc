// trap [-lp] [[action] condition ...]   (POSIX special builtin; bash's operand rules)
//
// Operand rules, as bash's trap_builtin decides them:
// - no operands, or -p: list traps in re-readable form (`trap -- 'cmd' SIGINT`); -p with
//   conditions lists those, in the order given. In POSIX mode `trap -p` lists every condition,
//   the defaults as `trap -- - NAME`, and signal names lose their SIG prefix.
// - -l: the signal table in `kill -l` layout (operands are ignored, as in bash).
// - first operand all digits and a valid condition: every operand is a condition to reset
//   (POSIX: "trap 2 15" resets INT and TERM).
// - outside POSIX mode, a single operand that is a condition resets it (`trap INT`).
// - otherwise the first operand is the action: '-' resets, '' ignores, anything else is shell
//   code to run; it needs at least one condition after it (else usage, status 2).
// - an invalid condition prints "trap: FOO: invalid signal specification", the others are still
//   applied, status 1.
// Deliberate difference from bash: bash silently accepts `trap cmd KILL` (the kernel refuses
// the handler, so the trap never runs). ipsh says "trap: KILL: cannot be trapped" and returns
// 1; likewise for what this runtime cannot honour (real-time signals with an action, glibc's 32
// and 33, SIGPWR which Bun uses internally).
// In a non-interactive shell, signals ignored at entry cannot be changed; the attempt is silently
// ignored (POSIX), as bash does.
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { parseOptions } from "./options.ts";
import type { TrapTable } from "../src/signals/traps.ts";
import { parseTrapCondition, trapSlotName, TRAP_SLOTS } from "../src/signals/traps.ts";
import { formatSignalTable, NSIG } from "../src/signals/table.ts";
import { trapRefusal } from "../src/signals/dispositions.ts";

/** What `trap` needs from the shell state it runs in. */
export interface TrapShell {
  traps: TrapTable;
  opts: { posix: boolean };
}

const USAGE = "trap: usage: trap [-lp] [[arg] signal_spec ...]\n";

function usage(ctx: BuiltinContext): number {
  ctx.err(USAGE);
  return 2;
}

function allDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function run(ctx: BuiltinContext): number {
  const sh = ctx.sh as unknown as TrapShell;
  const args = ctx.args;
  const parsed = parseOptions(ctx, "lp", USAGE.replace(/\n$/, ""), args);
  if (typeof parsed === "number") return parsed;
  const list = parsed.opts.some((o) => o.letter === "l");
  const display = parsed.opts.some((o) => o.letter === "p");
  const operands = parsed.rest;
  const posix = sh.opts.posix;

  if (list) {
    ctx.out(formatSignalTable());
    return 0;
  }
  if (display || operands.length === 0) return show(ctx, sh, operands, posix, display && posix);

  const first = operands[0]!;
  let action: string | undefined; // undefined = reset
  let conditions: string[];
  if (allDigits(first) && parseTrapCondition(first) !== undefined) {
    action = undefined;
    conditions = operands;
  } else if (
    !posix &&
    first !== "" &&
    first !== "-" &&
    operands.length === 1 &&
    parseTrapCondition(first) !== undefined
  ) {
    action = undefined;
    conditions = operands;
  } else {
    conditions = operands.slice(1);
    if (conditions.length === 0) return usage(ctx);
    action = first === "-" ? undefined : first;
  }

  const kind = action === undefined ? "none" : action === "" ? "ignore" : "action";
  let status = 0;
  for (const spec of conditions) {
    const slot = parseTrapCondition(spec);
    if (slot === undefined) {
      ctx.error(`${spec}: invalid signal specification`);
      status = 1;
      continue;
    }
    if (slot >= 1 && slot < NSIG) {
      const refusal = trapRefusal(slot, kind);
      if (refusal !== undefined) {
        ctx.error(`${trapSlotName(slot, true)}: ${refusal}`);
        status = 1;
        continue;
      }
    }
    sh.traps.set(slot, action);
  }
  return status;
}

function show(
  ctx: BuiltinContext,
  sh: TrapShell,
  operands: string[],
  posix: boolean,
  showAll: boolean,
): number {
  if (operands.length === 0) {
    ctx.out(sh.traps.format(undefined, posix, showAll));
    return 0;
  }
  let status = 0;
  for (const spec of operands) {
    const slot = parseTrapCondition(spec);
    if (slot === undefined || slot >= TRAP_SLOTS) {
      ctx.error(`${spec}: invalid signal specification`);
      status = 1;
    } else {
      ctx.out(sh.traps.format([slot], posix, showAll));
    }
  }
  return status;
}

export const trapBuiltin: BuiltinDef = {
  name: "trap",
  special: true,
  run,
  synopsis: "trap [-lp] [[arg] signal_spec ...]",
  description:
    "Run ARG when the shell receives a signal or on EXIT, ERR, DEBUG, RETURN. ARG '' ignores " +
    "the signal, '-' resets it. -p lists traps, -l lists signal names and numbers.",
};
