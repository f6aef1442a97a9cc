// declare / typeset, local, export, readonly: bash's declaration builtins.
//
// One engine (declare_internal in bash) serves all five; they differ in which options they take,
// where a new variable lives (declare/typeset/local inside a function make it local unless -g;
// export and readonly act on the visible variable) and what they list with no names.
// Arguments arrive expanded; name=value, name+=value, name[sub]=value and name=(...) are parsed
// here (compound values as text, see src/state/compound-text.ts).
// Order for each name, as in bash: create the local, apply the value-shaping attributes
// (-a -A -i -l -u -x, and removals), assign, then -r (so `declare -r x=1` can assign).
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import type { ArrayElem, FunctionDef } from "../grammar/ast.ts";
import type { Gen } from "../src/exec/gen.ts";
import type { ExpandHost } from "../src/expand/host.ts";
import { expandAssignValue, expandWord, expandWords } from "../src/expand/index.ts";
import type { Variables, VarView } from "../src/state/variables.ts";
import { VarAttr, VarError } from "../src/state/var-store.ts";
import { isValidName, splitSubscript } from "../src/state/names.ts";
import { declareLine, setLine } from "../src/state/var-format.ts";
import { isCompoundText, parseCompound, type CompoundElem } from "../src/state/compound-text.ts";
import { FuncAttr, functionAttrs, functionFlags, setFunctionAttrs } from "../src/state/function-attrs.ts";
import { functionText as functionSource } from "../src/state/function-attrs.ts";
import { functionText as bashLayout } from "./type.ts";
import { SET_OPTIONS } from "../src/state/options.ts";

type Kind = "declare" | "typeset" | "local" | "export" | "readonly";

/**
 * What the executor may add to the context of a declaration builtin: for each argument (by its
 * index in ctx.args) that was an unquoted compound assignment `name=(...)` / `name+=(...)` in the
 * source, its elements already expanded (one plain element per field after splitting and
 * globbing; keys expanded, not yet evaluated). Such an argument is always an array assignment;
 * the argument text itself is then only used for its name.
 * With the map present, any other value of the form "(...)" is an array assignment only when the
 * variable is an array or is being declared as one (-a/-A), as bash treats quoted text. Without
 * the map (an executor that does not provide it), every "(...)" value is taken as compound text,
 * since the unquoted form is what scripts write.
 */
export interface DeclarationContext extends BuiltinContext {
  readonly compoundArgs?: ReadonlyMap<number, CompoundElem[]>;
}

/** Option letters each builtin accepts. */
const ACCEPTS: Record<Kind, string> = {
  declare: "aAfFgiIlnprtux",
  typeset: "aAfFgiIlnprtux",
  local: "aAfFgiIlnprtux",
  export: "fnp",
  readonly: "aAfp",
};

const USAGE: Record<Kind, string> = {
  declare: "declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]",
  typeset: "typeset [-aAfFgiIlnrtux] name[=value] ... or typeset -p [-aAfFilnrtux] [name ...]",
  local: "local [option] name[=value] ...",
  export: "export [-fn] [name[=value] ...] or export -p",
  readonly: "readonly [-aAf] [name[=value] ...] or readonly -p",
};

/** Variable attribute letters (the table `declare` flags map through). */
const LETTER_ATTR: Record<string, VarAttr> = {
  a: VarAttr.Array,
  A: VarAttr.Assoc,
  i: VarAttr.Integer,
  l: VarAttr.Lower,
  n: VarAttr.Nameref,
  r: VarAttr.Readonly,
  u: VarAttr.Upper,
  x: VarAttr.Export,
};

interface Flags {
  add: number;
  remove: number;
  funcs: boolean; // -f
  funcNames: boolean; // -F
  global: boolean; // -g
  print: boolean; // -p
  /** -t / +t: function trace attribute (no effect on variables, as in bash) */
  trace: 0 | 1 | -1;
  /** -I: a new local starts with the value and attributes of the variable it shadows */
  inherit: boolean;
}

/**
 * For the executor: expand the elements of an unquoted compound assignment argument
 * (`declare a=(x "$y" [k]=v)`, the DeclWord's assignment.array) into what compoundArgs holds.
 * Plain elements are split and globbed like words ("$@" gives one element per parameter);
 * keys and keyed values are expanded like assignment values (no splitting).
 */
export function* compoundElements(host: ExpandHost, elems: ArrayElem[]): Gen<CompoundElem[]> {
  const out: CompoundElem[] = [];
  for (const e of elems) {
    if (e.key !== undefined) {
      const key = yield* expandWord(host, e.key);
      out.push({ key, append: e.append === true, value: yield* expandAssignValue(host, e.value) });
    } else {
      for (const f of yield* expandWords(host, [e.value])) out.push({ append: false, value: f });
    }
  }
  return out;
}

function parseFlags(ctx: BuiltinContext, kind: Kind): { flags: Flags; rest: string[] } | number {
  const flags: Flags = {
    add: 0,
    remove: 0,
    funcs: false,
    funcNames: false,
    global: false,
    print: false,
    trace: 0,
    inherit: false,
  };
  const args = ctx.args;
  const accepts = ACCEPTS[kind];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      i++;
      break;
    }
    if (a.length < 2 || (a[0] !== "-" && a[0] !== "+")) break;
    const on = a[0] === "-";
    for (let k = 1; k < a.length; k++) {
      const c = a[k];
      if (!accepts.includes(c)) {
        ctx.error(`${a[0]}${c}: invalid option`);
        ctx.err(`${kind}: usage: ${USAGE[kind]}\n`);
        return 2;
      }
      switch (c) {
        case "f":
          flags.funcs = true;
          break;
        case "F":
          flags.funcNames = true;
          break;
        case "g":
          flags.global = on;
          break;
        case "p":
          flags.print = true;
          break;
        case "t":
          flags.trace = on ? 1 : -1;
          break;
        case "I":
          flags.inherit = on;
          break;
        case "n":
          if (kind === "export") {
            flags.remove |= on ? VarAttr.Export : 0;
            break;
          }
        // falls through: -n is the nameref attribute for declare/local
        default: {
          const attr = LETTER_ATTR[c];
          if (on) {
            flags.add |= attr;
            flags.remove &= ~attr;
          } else {
            flags.remove |= attr;
            flags.add &= ~attr;
          }
        }
      }
    }
  }
  if (kind === "export") {
    if ((flags.remove & VarAttr.Export) === 0) flags.add |= VarAttr.Export;
  } else if (kind === "readonly") {
    flags.add |= VarAttr.Readonly;
  }
  return { flags, rest: args.slice(i) };
}

function declaration(kind: Kind) {
  return (ctx: BuiltinContext): number => {
    const sh = ctx.sh;
    const inFunction = sh.funcStack.length > 0;
    if (kind === "local" && !inFunction) {
      ctx.error("can only be used in a function");
      return 1;
    }
    const parsed = parseFlags(ctx, kind);
    if (typeof parsed === "number") return parsed;
    const { flags, rest } = parsed;
    if (flags.funcs || flags.funcNames) return functionsMode(ctx, kind, flags, rest);
    if (rest.length === 0) return listVariables(ctx, kind, flags);
    // export -p / readonly -p with names ignore -p: the names are exported / made readonly (bash)
    if (flags.print && kind !== "export" && kind !== "readonly") return printVariables(ctx, rest, kind === "local");
    let status = 0;
    const makeLocal = (kind === "declare" || kind === "typeset" || kind === "local") && inFunction && !flags.global;
    const compound = (ctx as DeclarationContext).compoundArgs;
    const offset = ctx.args.length - rest.length;
    for (let k = 0; k < rest.length; k++) {
      if (rest[k] === "-" && kind === "local") {
        localOptions(ctx);
        continue;
      }
      const elems = compound?.get(offset + k);
      if (declareOne(ctx, sh.vars, kind, rest[k], flags, makeLocal, elems) !== 0) status = 1;
    }
    return status;
  };
}

/** `local -`: the set -o options changed in this function are restored when it returns. */
function localOptions(ctx: BuiltinContext): void {
  const sh = ctx.sh;
  const opts = sh.opts as unknown as Record<string, boolean>;
  const saved = SET_OPTIONS.map((o) => opts[o.prop]);
  sh.vars.atScopeExit(() => {
    SET_OPTIONS.forEach((o, i) => sh.opts.set(o.name, saved[i]));
    sh.vars.autoExport = sh.opts.allexport;
  });
}

/** One name[=value] argument. Returns the status for it. */
function declareOne(
  ctx: BuiltinContext,
  v: Variables,
  kind: Kind,
  arg: string,
  flags: Flags,
  makeLocal: boolean,
  elems: CompoundElem[] | undefined,
): number {
  let left = arg;
  let value: string | undefined;
  let append = false;
  const eq = arg.indexOf("=");
  if (eq > 0) {
    left = arg.slice(0, eq);
    value = arg.slice(eq + 1);
    if (left.endsWith("+")) {
      append = true;
      left = left.slice(0, -1);
    }
  }
  let name = left;
  let sub: string | undefined;
  const s = splitSubscript(left);
  if (s !== undefined) {
    name = s.name;
    sub = s.sub;
  }
  // export and readonly take names only (bash: `a[7]': not a valid identifier)
  if (!isValidName(name) || (sub !== undefined && (flags.add & VarAttr.Nameref || kind === "export" || kind === "readonly"))) {
    ctx.error(`\`${kind === "declare" || kind === "typeset" || kind === "local" ? arg : left}': not a valid identifier`);
    return 1;
  }
  if (sub === "") {
    // bash: `declare a[]=x` is a bad subscript (reported without the builtin's name), `declare
    // a[]` an invalid identifier
    if (value !== undefined) ctx.sh.diag(`${left}: bad array subscript`);
    else ctx.error(`\`${arg}': not a valid identifier`);
    return 1;
  }
  try {
    if (makeLocal) {
      const inherit = flags.inherit || ctx.sh.opts.localvar_inherit;
      const outer = inherit && !v.isLocal(name) ? v.view(name) : undefined;
      v.declareLocal(name);
      if (outer !== undefined) inheritLocal(v, outer);
      else if (flags.add & (VarAttr.Array | VarAttr.Assoc) && !v.isArray(name) && !(v.attrs(name) & VarAttr.Nameref) && v.get(name) !== undefined) {
        // `local -a x` on a local that holds a string (or a prefix value, x=1 local -a x): bash's
        // make_local_array_variable drops the value and starts an empty array
        v.setArrayFromPairs(name, [], (flags.add & VarAttr.Assoc) !== 0);
      }
    }
    // -g inside a function, or a scope pushed for prefix assignments at top level: work on the
    // global binding underneath -- unless the name is itself one of those prefix assignments
    // (`x=1 declare x=4`, `x=1 eval 'declare x=4'`): bash works on that one, which goes with the
    // command, except that -x and -r make it pass to the variable beneath (`x=1 export x`)
    if (v.scopeDepth() > 0 && (flags.global || (!makeLocal && ctx.sh.funcStack.length === 0 && !v.isTempBinding(name)))) {
      v.withGlobal(name, () => applyOne(v, name, sub, value, append, flags, elems));
    } else {
      applyOne(v, name, sub, value, append, flags, elems);
      if (!makeLocal && flags.add & (VarAttr.Export | VarAttr.Readonly)) v.markPropagate(name);
    }
    return 0;
  } catch (e) {
    if (e instanceof VarError) {
      // export and readonly assign as a plain assignment does: bash names no builtin there
      if ((kind === "export" || kind === "readonly") && e.message.endsWith(": readonly variable")) {
        ctx.err(`${ctx.sh.errorPrefix()}${e.message}\n`);
      } else ctx.error(e.message);
      return 1;
    }
    throw e;
  }
}

/** local -I / shopt localvar_inherit: copy the shadowed variable's value and attributes into the
 *  new local, except readonly and nameref (a nameref's target name becomes a plain value). */
function inheritLocal(v: Variables, outer: VarView): void {
  const name = outer.name;
  const attrs = outer.attrs & ~(VarAttr.Unset | VarAttr.Readonly | VarAttr.Nameref);
  if (outer.assoc !== undefined) {
    v.setArrayFromPairs(name, outer.assoc, true);
  } else if (outer.indexed !== undefined) {
    v.setArrayFromPairs(name, outer.indexed.map(([i, x]) => [String(i), x]), false);
  } else if (outer.value !== undefined) {
    v.set(name, outer.value);
  }
  if (attrs !== 0) v.setAttrs(name, attrs);
}

function applyOne(
  v: Variables,
  name: string,
  sub: string | undefined,
  value: string | undefined,
  append: boolean,
  flags: Flags,
  elems: CompoundElem[] | undefined,
): void {
  const { add, remove } = flags;
  if (add & VarAttr.Nameref) {
    if (value !== undefined) v.setNamerefTarget(name, value);
    else {
      // `declare -n ref` makes ref's current value its target: it must name a variable
      const cur = v.attrs(name) & VarAttr.Nameref ? undefined : v.get(name);
      if (cur !== undefined && !isValidName(cur) && splitSubscript(cur) === undefined) {
        throw new VarError(`\`${cur}': invalid variable name for name reference`);
      }
    }
    v.setAttrs(name, add, remove);
    return;
  }
  // Attributes that shape the value come first; -r comes last so the value can be assigned.
  // (`local x=1` has none: the assignment alone creates or sets the variable.)
  if ((add & ~VarAttr.Readonly) !== 0 || remove !== 0 || value === undefined) {
    v.setAttrs(name, add & ~VarAttr.Readonly, remove);
  }
  if (elems !== undefined && sub === undefined) {
    assignElements(v, name, elems, append);
  } else if (value !== undefined) {
    // 'x=(a b)' as text is a compound assignment only for an array: declare -a/-A, or a
    // variable that is one and stays one (bash 5.2: declare 'x=(a b)' and +a assign a string)
    const arrayTarget = (add & (VarAttr.Array | VarAttr.Assoc)) !== 0 || (v.isArray(name) && !(remove & VarAttr.Array));
    if (sub === undefined && isCompoundText(value) && arrayTarget) {
      const parsed = parseCompound(value);
      if (parsed !== undefined) assignElements(v, name, parsed, append);
      else if (append) v.append(name, value);
      else v.set(name, value);
    } else if (sub !== undefined) {
      if (append) v.appendElement(name, sub, value);
      else v.setElement(name, sub, value);
    } else if (append) v.append(name, value);
    else v.set(name, value);
  } else if (sub !== undefined && !v.isArray(name)) {
    // declare 'a[3]' declares a as an indexed array.
    v.setAttrs(name, VarAttr.Array);
  }
  if (add & VarAttr.Readonly) v.setAttrs(name, VarAttr.Readonly);
}

/** name=(...) / name+=(...): replace (or extend) the array with the elements. */
function assignElements(v: Variables, name: string, elems: CompoundElem[], append: boolean): void {
  const assoc = v.isAssoc(name);
  if (assoc && elems.length > 0 && elems[0]!.key === undefined) {
    // bash 5.2: A=(k1 v1 k2 v2) takes key/value pairs; a later [k]=v is then just a word
    const words = elems.map((e) => (e.key === undefined ? e.value : `[${e.key}]=${e.value}`));
    if (append) v.appendArray(name, words);
    else v.setArray(name, words);
    return;
  }
  const keyed = elems.some((e) => e.key !== undefined);
  if (!keyed) {
    const values = elems.map((e) => e.value);
    if (append) v.appendArray(name, values);
    else v.setArray(name, values);
    return;
  }
  const pairs: [string, string][] = [];
  for (const e of elems) {
    if (e.key === undefined) {
      // indexed: the next index; assoc (after a [k]=v): an error that skips only this word
      if (assoc) v.report(`${name}: '${e.value}': must use subscript when assigning associative array`);
      else pairs.push(["", e.value]);
      continue;
    }
    let val = e.value;
    if (e.append) val = (v.getElement(name, e.key) ?? "") + val;
    pairs.push([e.key, val]);
  }
  if (append) v.appendPairs(name, pairs, assoc);
  else v.setArrayFromPairs(name, pairs, assoc);
}

// ---- listing -------------------------------------------------------------------------------
// Listings never compute special variables (bash shows `declare -i RANDOM` without a value, and
// `set` leaves them out); `declare -p RANDOM` by name does.

/** Does a variable have every attribute the listing asks for (declare -i, export -p, ...)? */
function hasAll(attrs: VarAttr, want: number): boolean {
  return (attrs & want) === want;
}

function listVariables(ctx: BuiltinContext, kind: Kind, flags: Flags): number {
  const sh = ctx.sh;
  const v = sh.vars;
  const posix = sh.opts.posix;
  let out = "";
  if (kind === "local") {
    for (const n of v.localNames()) {
      const view = v.view(n);
      if (view !== undefined && hasAll(view.attrs, flags.add)) out += declareLine(view) + "\n";
    }
  } else if (kind === "export" || kind === "readonly") {
    const want = kind === "export" ? VarAttr.Export : VarAttr.Readonly;
    const prefix = posix ? kind : "declare";
    for (const n of v.allNames()) {
      const view = v.view(n, false);
      if (view !== undefined && hasAll(view.attrs, want | flags.add)) out += declareLine(view, prefix) + "\n";
    }
  } else if (flags.print || flags.add !== 0) {
    for (const n of v.allNames()) {
      const view = v.view(n, false);
      if (view !== undefined && hasAll(view.attrs, flags.add)) out += declareLine(view) + "\n";
    }
  } else {
    // plain `declare`: what `set` prints (variables, then functions)
    for (const n of v.names()) {
      const line = setLine(v.view(n, false)!);
      if (line !== undefined) out += line + "\n";
    }
    for (const fn of sortedFunctions(sh.functions)) out += functionText(fn);
  }
  ctx.out(out);
  return 0;
}

/** declare -p names; localOnly (`local -p names`): a variable not local to the current
 *  function is "not found", as in bash. */
function printVariables(ctx: BuiltinContext, names: string[], localOnly = false): number {
  const v = ctx.sh.vars;
  let status = 0;
  let out = "";
  for (const n of names) {
    const view = localOnly && !v.isLocal(n) ? undefined : v.view(n);
    if (view === undefined) {
      ctx.out(out);
      out = "";
      ctx.error(`${n}: not found`);
      status = 1;
    } else {
      out += declareLine(view) + "\n";
    }
  }
  ctx.out(out);
  return status;
}

// ---- functions -----------------------------------------------------------------------------

function sortedFunctions(fns: Map<string, FunctionDef>): FunctionDef[] {
  return Array.from(fns.keys())
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((n) => fns.get(n)!);
}

/** A function's definition in bash's layout (the printer `type` uses), or the text it was
 *  defined with if the AST cannot be printed. Shared by declare -f and set. */
export function definitionText(fn: FunctionDef): string {
  try {
    return bashLayout(fn);
  } catch {
    return functionSource(fn);
  }
}

/** A function as `declare -f` prints it: its definition, then (when listing, or with -p) a
 *  `declare -f<attrs> name` line if it has attributes, as bash does. */
function functionText(fn: FunctionDef, withAttrs = true): string {
  let s = definitionText(fn) + "\n";
  const f = functionFlags(fn);
  if (withAttrs && f !== "-f") s += `declare ${f} ${fn.name}\n`;
  return s;
}

function functionsMode(ctx: BuiltinContext, kind: Kind, flags: Flags, names: string[]): number {
  const fns = ctx.sh.functions;
  let add = FuncAttr.None;
  let remove = FuncAttr.None;
  if (flags.add & VarAttr.Export) add |= FuncAttr.Export;
  if (flags.add & VarAttr.Readonly) add |= FuncAttr.Readonly;
  if (flags.remove & VarAttr.Export) remove |= FuncAttr.Export;
  if (flags.trace === 1) add |= FuncAttr.Trace;
  if (flags.trace === -1) remove |= FuncAttr.Trace;
  const changing = add !== FuncAttr.None || remove !== FuncAttr.None;
  if (names.length === 0) {
    // list: declare -f / -F, export -f (exported ones), readonly -f (readonly ones)
    const need = kind === "export" ? FuncAttr.Export : kind === "readonly" ? FuncAttr.Readonly : add;
    let out = "";
    for (const fn of sortedFunctions(fns)) {
      if ((functionAttrs(fn) & need) !== need) continue;
      out += flags.funcNames ? `declare ${functionFlags(fn)} ${fn.name}\n` : functionText(fn);
    }
    ctx.out(out);
    return 0;
  }
  let status = 0;
  let out = "";
  for (const n of names) {
    const fn = fns.get(n);
    if (fn === undefined) {
      if (kind === "export" || kind === "readonly") {
        ctx.out(out);
        out = "";
        ctx.error(`${n}: not a function`);
      }
      status = 1;
      continue;
    }
    if (changing && !flags.print) {
      if (remove & FuncAttr.Readonly || (functionAttrs(fn) & FuncAttr.Readonly && remove !== FuncAttr.None)) {
        ctx.error(`${n}: readonly function`);
        status = 1;
        continue;
      }
      setFunctionAttrs(fn, add, remove);
    } else {
      if (flags.funcNames) out += flags.print ? `declare ${functionFlags(fn)} ${fn.name}\n` : `${fn.name}\n`;
      else out += functionText(fn, flags.print);
    }
  }
  ctx.out(out);
  return status;
}

function def(kind: Kind, special: boolean, description: string): BuiltinDef {
  return { name: kind, special, run: declaration(kind), synopsis: USAGE[kind], description };
}

export const declareBuiltin = def(
  "declare",
  false,
  "Set variable values and attributes; with -p display them, with -f/-F display functions.",
);
export const typesetBuiltin = def("typeset", false, "Set variable values and attributes. A synonym for `declare'.");
export const localBuiltin = def(
  "local",
  false,
  "Define local variables, visible to the function and the functions it calls.",
);
export const exportBuiltin = def("export", true, "Set export attribute for shell variables (-f: functions, -n: remove).");
export const readonlyBuiltin = def("readonly", true, "Mark shell variables (or -f functions) as unchangeable.");
