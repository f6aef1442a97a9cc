// Attributes of shell functions: export (-fx / export -f), readonly (-fr / readonly -f) and
// trace (-ft: DEBUG and RETURN traps are inherited). They are kept beside the function table,
// keyed by the definition object, so a subshell's copy of the table shares them; `unset -f`
// drops them, and a redefinition keeps them through inheritFunctionAttrs (bash: "f: readonly
// function" refuses the redefinition, an exported function stays exported).
import type { FunctionDef, List } from "../../grammar/ast.ts";
import { printList } from "../../grammar/printer.ts";

export const enum FuncAttr {
  None = 0,
  Export = 1,
  Readonly = 2,
  Trace = 4,
}

const attrs = new WeakMap<FunctionDef, number>();

export function functionAttrs(fn: FunctionDef): FuncAttr {
  return (attrs.get(fn) ?? 0) as FuncAttr;
}

/** Whether any function ever had the export attribute in this process: until then the
 *  environment of a command need not be scanned for exported functions (function-env.ts). */
export let someFunctionExported = false;

export function setFunctionAttrs(fn: FunctionDef, add: FuncAttr, remove: FuncAttr = FuncAttr.None): void {
  if (add & FuncAttr.Export) someFunctionExported = true;
  const v = ((attrs.get(fn) ?? 0) | add) & ~remove;
  if (v === 0) attrs.delete(fn);
  else attrs.set(fn, v);
}

/** Redefining a function keeps its attributes (bash): the executor calls this with the old and
 *  the new definition. */
export function inheritFunctionAttrs(old: FunctionDef, fresh: FunctionDef): void {
  const a = attrs.get(old);
  if (a !== undefined) attrs.set(fresh, a);
}

/** The flags declare -F/-p prints for a function (always f, then t and x as bash orders them:
 *  "declare -ft f", "declare -fx f", "declare -frx f"). */
export function functionFlags(fn: FunctionDef): string {
  const a = functionAttrs(fn);
  let f = "-f";
  if (a & FuncAttr.Readonly) f += "r";
  if (a & FuncAttr.Trace) f += "t";
  if (a & FuncAttr.Export) f += "x";
  return f;
}

/**
 * A function's definition as `declare -f`, `set` and `type` print it: the text it was defined
 * with (functions parsed from source always carry it), else the AST printed back.
 * (bash re-formats definitions with its own layout; ipsh shows them as written.)
 */
export function functionText(fn: FunctionDef): string {
  if (fn.source !== undefined) return fn.source;
  const span = fn.span;
  const list: List = {
    kind: "List",
    items: [
      {
        andOr: { kind: "AndOr", first: { kind: "Pipeline", bang: false, commands: [fn], pipeStderr: [], span }, rest: [], span },
        background: false,
      },
    ],
    span,
  };
  return printList(list).replace(/\n$/, "");
}
