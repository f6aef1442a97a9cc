// SHELLOPTS and BASHOPTS: read-only, colon-separated lists of the `set -o` options and the
// `shopt` options that are on, in the option table's order (bash keeps them up to date on every
// change; here they are computed when read). They show in `set` and `declare -p` listings.
// A SHELLOPTS (or BASHOPTS) in the environment at start-up turns those options on and keeps the
// variable exported (see applyOptionsFromEnviron).
import type { Options } from "./options.ts";
import { SET_OPTIONS, SHOPT_OPTIONS, setOption, shoptOption, type OptionInfo } from "./options.ts";
import type { Variables } from "./variables.ts";
import { VarAttr } from "./var-store.ts";

function onList(opts: Options, table: readonly OptionInfo[]): string {
  const o = opts as unknown as Record<string, boolean>;
  let s = "";
  for (const info of table) {
    if (!o[info.prop]) continue;
    s += s === "" ? info.name : ":" + info.name;
  }
  return s;
}

export function shellOptsValue(opts: Options): string {
  return onList(opts, SET_OPTIONS);
}

export function bashOptsValue(opts: Options): string {
  return onList(opts, SHOPT_OPTIONS);
}

/** Register SHELLOPTS and BASHOPTS on vars; `opts` returns the Options of the state that owns
 *  vars (a subshell registers its own). */
export function installOptionVars(vars: Variables, opts: () => Options): void {
  vars.defineDynamic("SHELLOPTS", () => shellOptsValue(opts()), undefined, VarAttr.Readonly, true);
  vars.defineDynamic("BASHOPTS", () => bashOptsValue(opts()), undefined, VarAttr.Readonly, true);
}

/** bash at start-up: every option named in $SHELLOPTS / $BASHOPTS from the environment is turned
 *  on (unknown names are ignored). Call before installOptionVars. */
export function applyOptionsFromEnviron(env: Record<string, string | undefined>, opts: Options): void {
  for (const [name, lookup] of [
    ["SHELLOPTS", setOption],
    ["BASHOPTS", shoptOption],
  ] as const) {
    const v = env[name];
    if (v === undefined) continue;
    for (const n of v.split(":")) {
      const info = lookup(n);
      if (info !== undefined) opts.set(info.name, true);
    }
  }
}
