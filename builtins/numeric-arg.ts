// The one numeric argument of exit, return, break, continue and shift, read as bash's
// get_exitstat and get_numeric_arg read it: an optional leading `--`, then a number in
// legal_number's form (blanks, sign, decimal digits, blanks; 64 bits). A word that is not a
// number prints "N: numeric argument required" (what follows is the caller's: exit and return
// give status 2, shift 1, break and continue end the shell). More than one argument prints
// "too many arguments" and abandons the rest of the command line with status 1 (bash's no_args,
// which jumps to the top level: a script goes on with its next line; in POSIX mode it exits).
import { ExitSignal, LineAbort } from "../src/exec/control.ts";
import type { BuiltinContext } from "./context.ts";
import { parseTestInt } from "./test-ops.ts";

/** The argument: absent, a number (a bigint beyond 2^53), or "bad" after the message. */
export function numericArg(ctx: BuiltinContext, args: readonly string[] = ctx.args): { word?: string; value?: number | bigint } | "bad" {
  if (args[0] === "--") args = args.slice(1);
  if (args.length === 0) return {};
  const word = args[0]!;
  const value = parseTestInt(word);
  if (value === undefined) {
    ctx.error(`${word}: numeric argument required`);
    return "bad";
  }
  if (args.length > 1) {
    ctx.error("too many arguments");
    // all these builtins are special: in POSIX mode the error ends a non-interactive shell
    if (ctx.sh.opts.posix && !ctx.sh.interactive) throw new ExitSignal(1);
    throw new LineAbort(1, true);
  }
  return { word, value };
}

/** An exit status from a number: its low 8 bits (exit -1 is 255). */
export function statusByte(v: number | bigint): number {
  return typeof v === "number" ? v & 255 : Number(BigInt.asUintN(8, v));
}
