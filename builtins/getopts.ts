// getopts optstring name [arg ...] -- POSIX getopts as bash implements it.
//
// OPTIND is the 1-based index of the next argument; inside a cluster such as -abc OPTIND stays
// on that argument while an internal character position advances (kept per shell state, reset
// whenever OPTIND no longer holds the value getopts itself last stored, e.g. `OPTIND=1`).
// A leading ':' in optstring selects silent error reporting: OPTARG gets the option character
// and name gets '?' (unknown option) or ':' (missing argument) with no message. Otherwise the
// message goes to stderr unless OPTERR=0. The end of options (a non-option, "-", "--", or no
// more arguments) returns 1 with name set to '?'.
import { noOptions } from "./options.ts";
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { isValidName } from "./io.ts";

interface State {
  /** position inside the current argument (1 = just after the '-') */
  sp: number;
  /** the OPTIND value getopts last stored */
  lastOptind: number;
  /** the argument the character position refers to (a different one means a new parse) */
  lastArg: string | undefined;
}

const USAGE = "getopts: usage: getopts optstring name [arg ...]";

const states = new WeakMap<object, State>();

function getopts(ctx: BuiltinContext): number {
  const operands = noOptions(ctx, USAGE);
  if (typeof operands === "number") return operands;
  const [optstring, name, ...rest] = operands;
  if (optstring === undefined || name === undefined) {
    ctx.err(USAGE + "\n");
    return 2;
  }
  if (!isValidName(name)) {
    ctx.error(`\`${name}': not a valid identifier`);
    return 1;
  }
  const sh = ctx.sh;
  const vars = sh.vars;
  const args = operands.length > 2 ? rest : sh.positional;
  let st = states.get(sh);
  if (!st) states.set(sh, (st = { sp: 1, lastOptind: 1, lastArg: undefined }));
  const optindText = vars.get("OPTIND") ?? "1";
  let optind = /^\s*[0-9]+\s*$/.test(optindText) ? Number(optindText) : 1;
  if (optind < 1) optind = 1;
  // bash resets the position when OPTIND is assigned; we see that as OPTIND or the argument
  // under it no longer being what getopts left there
  const cur = args[optind - 1];
  if (optind !== st.lastOptind || cur !== st.lastArg || st.sp >= (cur?.length ?? 0)) st.sp = 1;
  const silent = optstring[0] === ":";
  const report = !silent && vars.get("OPTERR") !== "0";

  const store = (val: string, arg?: string): number => {
    vars.set(name, val);
    if (arg === undefined) vars.unset("OPTARG");
    else vars.set("OPTARG", arg);
    vars.set("OPTIND", String(optind));
    st!.lastOptind = optind;
    st!.lastArg = args[optind - 1];
    return 0;
  };
  const finish = (): number => {
    st!.sp = 1;
    vars.set(name, "?");
    vars.unset("OPTARG");
    vars.set("OPTIND", String(optind));
    st!.lastOptind = optind;
    st!.lastArg = args[optind - 1];
    return 1;
  };

  if (st.sp === 1) {
    const a = args[optind - 1];
    if (a === undefined || a.length < 2 || a[0] !== "-") return finish();
    if (a === "--") {
      optind++;
      return finish();
    }
  }
  const arg = args[optind - 1]!;
  const c = arg[st.sp]!;
  const at = c === ":" ? -1 : optstring.indexOf(c, silent ? 1 : 0);
  const advance = () => {
    if (++st!.sp >= arg.length) {
      st!.sp = 1;
      optind++;
    }
  };
  if (at < 0) {
    advance();
    if (silent) return store("?", c);
    if (report) ctx.err(`${sh.arg0}: illegal option -- ${c}\n`);
    return store("?");
  }
  if (optstring[at + 1] === ":") {
    let val: string | undefined;
    if (st.sp + 1 < arg.length) {
      val = arg.slice(st.sp + 1);
      optind++;
    } else if (optind < args.length) {
      val = args[optind]!;
      optind += 2;
    } else {
      optind++;
      st.sp = 1;
      if (silent) return store(":", c);
      if (report) ctx.err(`${sh.arg0}: option requires an argument -- ${c}\n`);
      return store("?");
    }
    st.sp = 1;
    return store(c, val);
  }
  advance();
  return store(c);
}

export const getoptsBuiltin: BuiltinDef = {
  name: "getopts",
  special: false,
  run: getopts,
  synopsis: "getopts optstring name [arg ...]",
  description:
    "Parse option arguments. OPTSTRING lists the option letters; a letter followed by a colon takes " +
    "an argument (in OPTARG). Each call puts the next option in NAME and the index of the next " +
    "argument in OPTIND. A leading colon selects silent error reporting. Parses the positional " +
    "parameters unless ARGs are given. Returns 1 at the end of the options.",
};
