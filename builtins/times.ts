// times -- the user and system CPU time of the shell, then of its waited-for children, in
// bash's format ("0m0.010s 0m0.002s", two lines). Times come from getrusage (src/sys).
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { noOptions } from "./options.ts";
import { RUSAGE_CHILDREN, RUSAGE_SELF, cpuTimes } from "../src/sys/resources.ts";

/** bash's "%dm%.3fs" with truncation to milliseconds. */
export function formatTime(seconds: number): string {
  const ms = Math.floor(seconds * 1000 + 1e-6);
  const m = Math.floor(ms / 60000);
  const rest = (ms - m * 60000) / 1000;
  return `${m}m${rest.toFixed(3)}s`;
}

function times(ctx: BuiltinContext): number {
  // operands are ignored, as in bash
  const args = noOptions(ctx, "times: usage: times");
  if (typeof args === "number") return args;
  let out = "";
  for (const who of [RUSAGE_SELF, RUSAGE_CHILDREN]) {
    const t = cpuTimes(who);
    const { user, system } = typeof t === "number" ? { user: 0, system: 0 } : t;
    out += `${formatTime(user)} ${formatTime(system)}\n`;
  }
  ctx.out(out);
  return 0;
}

export const timesBuiltin: BuiltinDef = {
  name: "times",
  special: true,
  run: times,
  synopsis: "times",
  description:
    "Display process times. Prints the accumulated user and system times for the shell and for all " +
    "of its child processes. Exit Status: always succeeds.",
};
