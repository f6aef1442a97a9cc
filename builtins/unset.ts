// unset [-fvn] name ... -- bash's unset.
//
//  -v (default): variables; `unset 'a[i]'` one element (`a[@]`/`a[*]` empties an indexed array). With no
//      option, a name that is not a variable falls back to the function of that name.
//  -f: functions.   -n: a nameref itself, not the variable it refers to.
// Errors (status 1, processing continues): readonly variables ("cannot unset: readonly
// variable"), invalid identifiers with -v, readonly functions.
import { parseOptions } from "./options.ts";
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { VarAttr, VarError } from "../src/state/var-store.ts";
import { isValidName, splitSubscript } from "../src/state/names.ts";
import { FuncAttr, functionAttrs } from "../src/state/function-attrs.ts";
import { expandSubscript, subscriptNeedsExpansion } from "../src/expand/subscript.ts";
import type { Gen } from "../src/exec/gen.ts";

const USAGE = "unset [-f] [-v] [-n] [name ...]";

function unset(ctx: BuiltinContext): number | Gen<number> {
  let funcs = false;
  let vars = false;
  let nameref = false;
  const parsed = parseOptions(ctx, "fvn", `unset: usage: ${USAGE}`);
  if (typeof parsed === "number") return parsed;
  for (const o of parsed.opts) {
    if (o.letter === "f") funcs = true;
    else if (o.letter === "v") vars = true;
    else nameref = true;
  }
  const args = parsed.rest;
  if (funcs && vars) {
    ctx.error("cannot simultaneously unset a function and a variable");
    return 1;
  }
  // `unset 'a[$k]'`: the subscript gets one round of word expansion (bash without
  // assoc_expand_once), which may run commands: only then is this a generator.
  if (!funcs) {
    for (let j = 0; j < args.length; j++) {
      const s = splitSubscript(args[j]);
      if (s !== undefined && subscriptNeedsExpansion(s.sub)) return unsetExpanding(ctx, args, vars, nameref);
    }
  }
  return unsetNames(ctx, args, 0, funcs, vars, nameref, undefined);
}

function* unsetExpanding(ctx: BuiltinContext, args: string[], vars: boolean, nameref: boolean): Gen<number> {
  const subs: (string | undefined)[] = [];
  for (const a of args) {
    const s = splitSubscript(a);
    subs.push(s === undefined ? undefined : yield* expandSubscript(ctx.sh.host, s.sub, !ctx.sh.vars.isAssoc(s.name)));
  }
  return unsetNames(ctx, args, 0, false, vars, nameref, subs);
}

/** Unset args[i..]; subs[k] (when given) is the expanded subscript of args[i + k]. */
function unsetNames(
  ctx: BuiltinContext,
  args: string[],
  i: number,
  funcs: boolean,
  vars: boolean,
  nameref: boolean,
  subs: (string | undefined)[] | undefined,
): number {
  const sh = ctx.sh;
  const v = sh.vars;
  let status = 0;
  for (const first = i; i < args.length; i++) {
    const arg = args[i];
    if (funcs) {
      const fn = sh.functions.get(arg);
      if (fn !== undefined && functionAttrs(fn) & FuncAttr.Readonly) {
        ctx.error(`${arg}: cannot unset: readonly function`);
        status = 1;
        continue;
      }
      sh.functions.delete(arg);
      continue;
    }
    const s = splitSubscript(arg);
    if (s !== undefined && subs !== undefined) s.sub = subs[i - first]!;
    const name = s === undefined ? arg : s.name;
    if (!isValidName(name)) {
      if (vars || nameref) {
        ctx.error(`\`${arg}': not a valid identifier`);
        status = 1;
      } else if (sh.functions.has(arg)) {
        sh.functions.delete(arg);
      }
      continue;
    }
    try {
      if (s !== undefined) {
        if ((s.sub === "@" || s.sub === "*") && !v.isAssoc(name)) {
          // a[@] empties an indexed array (it stays declared); for an associative array "@"
          // is just a key (bash 5.2)
          if (!v.exists(name)) continue;
          if (!v.isArray(name)) {
            ctx.error(`${name}: not an array variable`);
            status = 1;
          } else if (v.attrs(name) & VarAttr.Readonly) {
            ctx.error(`${name}: cannot unset: readonly variable`);
            status = 1;
          } else {
            v.setArray(name, []);
          }
        } else if (v.exists(name)) v.unsetElement(name, s.sub);
      } else if (nameref) {
        v.unsetNameref(name);
      } else if (!vars && !v.exists(name) && sh.functions.has(name)) {
        // no variable of that name: unset the function (bash)
        const fn = sh.functions.get(name)!;
        if (functionAttrs(fn) & FuncAttr.Readonly) {
          ctx.error(`${name}: cannot unset: readonly function`);
          status = 1;
        } else {
          sh.functions.delete(name);
        }
      } else {
        v.unset(name, sh.opts.localvar_unset);
      }
    } catch (e) {
      if (e instanceof VarError) {
        ctx.error(e.message);
        status = 1;
        continue;
      }
      throw e;
    }
  }
  return status;
}

export const unsetBuiltin: BuiltinDef = {
  name: "unset",
  special: true,
  run: unset,
  synopsis: USAGE,
  description: "Unset values and attributes of shell variables and functions.",
};
