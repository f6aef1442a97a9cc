// The leading options of a builtin, read the way bash's internal_getopt reads them: words that
// start with "-" (and are not just "-") up to the first operand or "--"; letters may be grouped
// (-ab); a letter followed by ":" in the spec takes an argument, the rest of its word or the next
// word (-p/bin or -p /bin). An unknown letter or a missing argument prints bash's message and the
// usage line, and the builtin fails with status 2.
import type { BuiltinContext } from "./context.ts";

export interface Opt {
  readonly letter: string;
  readonly arg?: string;
}

/** The options in the order given, and the operands after them; or 2 after the error. */
export function parseOptions(
  ctx: BuiltinContext,
  spec: string,
  usage: string,
  args: readonly string[] = ctx.args,
): { opts: Opt[]; rest: string[] } | number {
  const opts: Opt[] = [];
  const fail = (message: string): number => {
    ctx.error(message);
    ctx.err(`${usage}\n`);
    return 2;
  };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (a.length < 2 || a[0] !== "-") break;
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      const at = c === ":" ? -1 : spec.indexOf(c);
      if (at < 0) return fail(`-${c}: invalid option`);
      if (spec[at + 1] !== ":") {
        opts.push({ letter: c });
        continue;
      }
      const arg = a.slice(k + 1) || args[++i];
      if (arg === undefined) return fail(`-${c}: option requires an argument`);
      opts.push({ letter: c, arg });
      break;
    }
  }
  return { opts, rest: args.slice(i) };
}

/** bash's no_options, for builtins without options (eval, source, times, builtin, caller): a
 *  leading "--" is skipped, any other word of the form -x is an invalid option (message, usage
 *  line, status 2); "-" alone is an operand. Returns the operands, or 2 after the error. */
export function noOptions(ctx: BuiltinContext, usage: string): string[] | number {
  const r = parseOptions(ctx, "", usage);
  return typeof r === "number" ? r : r.rest;
}
