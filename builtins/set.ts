// set and shift: the shell's options and positional parameters.
//
// set [-abefhkmnptuvxBCEHPT] [-o name] [--] [-] [arg ...]
//  - no arguments: every variable in a form the shell can read back (sorted), then the functions
//    (not in posix mode), like bash;
//  - -o / +o without a name: the option table ("errexit        \toff" / "set +o errexit");
//  - options end at the first argument that is not one, at `--` (which then sets the positional
//    parameters even when none follow) or at `-` (which also turns off -x and -v);
//  - any remaining arguments replace the positional parameters.
// shift [n]: n defaults to 1; out of range is status 1, with a message only under shift_verbose.
import { numericArg } from "./numeric-arg.ts";
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { SET_OPTIONS, optionByLetter, setOption } from "../src/state/options.ts";
import { setLine } from "../src/state/var-format.ts";
import { functionFlags } from "../src/state/function-attrs.ts";
import { definitionText } from "./declare.ts";
import { syncExplain } from "../src/explain/live.ts";

const SET_USAGE = "set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]";

/** Turn one option on or off, keeping the variable store's allexport mirror in step. */
function applyOption(ctx: BuiltinContext, name: string, on: boolean): void {
  const sh = ctx.sh;
  sh.opts.set(name, on);
  if (name === "allexport") sh.vars.autoExport = on;
  else if (name === "explain") syncExplain(sh);
}

/** `set -o`: the table of set options and their states. */
export function formatSetO(ctx: BuiltinContext): string {
  const o = ctx.sh.opts as unknown as Record<string, boolean>;
  let s = "";
  for (const info of SET_OPTIONS) s += `${info.name.padEnd(15)}\t${o[info.prop] ? "on" : "off"}\n`;
  return s;
}

/** `set +o`: commands that recreate the current option settings. */
export function formatSetPlusO(ctx: BuiltinContext): string {
  const o = ctx.sh.opts as unknown as Record<string, boolean>;
  let s = "";
  for (const info of SET_OPTIONS) s += `set ${o[info.prop] ? "-" : "+"}o ${info.name}\n`;
  return s;
}

function listAll(ctx: BuiltinContext): number {
  const sh = ctx.sh;
  const v = sh.vars;
  let out = "";
  for (const n of v.names()) {
    // special variables (RANDOM, SECONDS...) are not computed for the listing, so not shown (bash)
    const view = v.view(n, false);
    if (view === undefined) continue;
    const line = setLine(view);
    if (line !== undefined) out += line + "\n";
  }
  if (!sh.opts.posix) {
    const names = Array.from(sh.functions.keys()).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const n of names) {
      const fn = sh.functions.get(n)!;
      out += definitionText(fn) + "\n";
      const f = functionFlags(fn);
      if (f !== "-f") out += `declare ${f} ${n}\n`;
    }
  }
  ctx.out(out);
  return 0;
}

function set(ctx: BuiltinContext): number {
  const args = ctx.args;
  if (args.length === 0) return listAll(ctx);
  let i = 0;
  let setPositional = false;
  for (; i < args.length; i++) {
    const a = args[i];
    const c0 = a[0];
    if (c0 !== "-" && c0 !== "+") break;
    if (a === "--") {
      i++;
      setPositional = true;
      break;
    }
    // a lone `+` is ignored: option parsing goes on (bash)
    if (a === "+") continue;
    if (a === "-") {
      // `set -`: end of options, and -x -v are turned off (historical behaviour kept by bash)
      applyOption(ctx, "xtrace", false);
      applyOption(ctx, "verbose", false);
      i++;
      break;
    }
    const on = c0 === "-";
    for (let k = 1; k < a.length; k++) {
      const c = a[k];
      if (c === "o") {
        // -o name (the name is the next argument); without one (or when an option follows),
        // list the options
        const name = args[i + 1];
        if (name === undefined || name[0] === "-" || name[0] === "+") {
          ctx.out(on ? formatSetO(ctx) : formatSetPlusO(ctx));
          continue;
        }
        const info = setOption(name);
        if (info === undefined) {
          ctx.error(`${name}: invalid option name`);
          return 2;
        }
        applyOption(ctx, info.name, on);
        i++;
        continue;
      }
      const info = optionByLetter(c);
      if (info === undefined) {
        ctx.error(`${c0}${c}: invalid option`);
        ctx.err(`set: usage: ${SET_USAGE}\n`);
        return 2;
      }
      applyOption(ctx, info.name, on);
    }
  }
  if (setPositional || i < args.length) ctx.sh.positional = args.slice(i);
  return 0;
}

function shift(ctx: BuiltinContext): number {
  const sh = ctx.sh;
  const arg = numericArg(ctx);
  if (arg === "bad") return 1;
  let n = 1;
  if (arg.value !== undefined) {
    if (arg.value < 0) {
      ctx.error(`${arg.word}: shift count out of range`);
      return 1;
    }
    n = Number(arg.value);
  }
  if (n > sh.positional.length) {
    // bash reports it with shopt shift_verbose (on in POSIX mode, where it is not fatal)
    if (sh.opts.shift_verbose) ctx.error(`${arg.word ?? n}: shift count out of range`);
    return 1;
  }
  if (n > 0) sh.positional = sh.positional.slice(n);
  return 0;
}

export const setBuiltin: BuiltinDef = {
  name: "set",
  special: true,
  run: set,
  synopsis: SET_USAGE,
  description: "Set or unset values of shell options and positional parameters.",
};

export const shiftBuiltin: BuiltinDef = {
  name: "shift",
  special: true,
  run: shift,
  synopsis: "shift [n]",
  description: "Shift positional parameters: $n+1 ... become $1 ... (n defaults to 1).",
};
