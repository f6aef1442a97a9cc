// Exported functions (export -f, declare -fx) travel in the environment in bash's form:
//
//     BASH_FUNC_name%%=() { body }
//
// so that a child bash or ipsh defines them again. On the way out, every function with the
// export attribute adds one such entry to the environment of the commands the shell starts
// (`Shell.environ()`). On the way in, at start-up, each such entry is parsed as the definition
// `name () { body }`; it must be exactly one function definition of that name and nothing else
// (bash's post-Shellshock rule): anything more is refused with bash's warning, a syntax error
// with bash's error, and a refused entry stays in the environment as it was. An imported
// function is exported, so it reaches the shell's own children rebuilt from its definition.
import type { FunctionDef } from "../../grammar/ast.ts";
import { parse } from "../../grammar/index.ts";
import { functionText as bashLayout } from "../../builtins/type.ts";
import { FuncAttr, functionAttrs, functionText as sourceText, setFunctionAttrs, someFunctionExported } from "./function-attrs.ts";

const PREFIX = "BASH_FUNC_";
const SUFFIX = "%%";

/** The function name an environment variable's name carries (`BASH_FUNC_f%%` -> `f`), or
 *  undefined if it is not one. */
export function functionEnvName(varName: string): string | undefined {
  if (!varName.startsWith(PREFIX) || !varName.endsWith(SUFFIX)) return undefined;
  const name = varName.slice(PREFIX.length, varName.length - SUFFIX.length);
  return name === "" ? undefined : name;
}

/** The entry text per definition: a definition object never changes (redefining makes a new one). */
const entryText = new WeakMap<FunctionDef, string>();

function entryOf(fn: FunctionDef): string {
  let e = entryText.get(fn);
  if (e === undefined) {
    e = `${PREFIX}${fn.name}${SUFFIX}=() ${definitionBody(fn)}`;
    entryText.set(fn, e);
  }
  return e;
}

/** A definition's text without its head (`name ()`, `function name`, `function name ()`), in
 *  bash's layout (`{ \n    body\n}`), or as written when it cannot be laid out. */
function definitionBody(fn: FunctionDef): string {
  let t: string;
  try {
    t = bashLayout(fn);
  } catch {
    t = sourceText(fn);
  }
  t = t.trimStart();
  if (t.startsWith("function") && /\s/.test(t[8] ?? "")) t = t.slice(8).trimStart();
  if (t.startsWith(fn.name)) t = t.slice(fn.name.length).trimStart();
  if (t.startsWith("(")) t = t.slice(t.indexOf(")") + 1);
  return t.trimStart();
}

/** The environment entries of the exported functions, in the table's order. */
export function exportedFunctionEnv(functions: ReadonlyMap<string, FunctionDef>): string[] {
  const out: string[] = [];
  if (!someFunctionExported) return out;
  for (const fn of functions.values()) if ((functionAttrs(fn) & FuncAttr.Export) !== 0) out.push(entryOf(fn));
  return out;
}

// The last combined environment: the same array while neither part changed, so that the
// spawn's cache of C string vectors (keyed by the array) keeps working.
let lastBase: readonly string[] | null = null;
let lastFns: string[] = [];
let lastOut: string[] = [];

/** `base` (the exported variables) followed by the exported functions' entries. */
export function withExportedFunctions(base: string[], functions: ReadonlyMap<string, FunctionDef>): string[] {
  if (!someFunctionExported) return base;
  const fns = exportedFunctionEnv(functions);
  if (fns.length === 0) return base;
  if (base === lastBase && fns.length === lastFns.length && fns.every((e, i) => e === lastFns[i])) return lastOut;
  lastBase = base;
  lastFns = fns;
  lastOut = base.concat(fns);
  return lastOut;
}

export interface FunctionImport {
  /** the functions defined, in environment order */
  defined: FunctionDef[];
  /** the environment variable names consumed (no longer passed through as they were) */
  consumed: string[];
  /** bash's messages for the entries refused, without the "ipsh: " prefix */
  messages: string[];
}

/** Parse the exported functions of an environment (start-up). */
export function importFunctions(env: Record<string, string | undefined>): FunctionImport {
  const r: FunctionImport = { defined: [], consumed: [], messages: [] };
  for (const k in env) {
    const name = functionEnvName(k);
    const value = env[k];
    if (name === undefined || value === undefined || !value.startsWith("() {")) continue;
    if (name.includes("/")) {
      // bash refuses a function name with a slash (it could shadow a command path)
      r.messages.push(`error importing function definition for \`${name}'`);
      continue;
    }
    const fn = parseDefinition(name, value);
    if (fn === "syntax") {
      r.messages.push(`error importing function definition for \`${name}'`);
      continue;
    }
    if (fn === undefined) {
      r.messages.push(`warning: ${name}: ignoring function definition attempt`, `error importing function definition for \`${name}'`);
      continue;
    }
    setFunctionAttrs(fn, FuncAttr.Export);
    r.defined.push(fn);
    r.consumed.push(k);
  }
  return r;
}

/** `name value` parsed: the one function definition it must be, undefined if it is more or
 *  something else, "syntax" if it does not parse. */
function parseDefinition(name: string, value: string): FunctionDef | undefined | "syntax" {
  const p = parse(`${name} ${value}`, { file: name });
  if (p.kind !== "ok") return "syntax";
  const items = p.list.items;
  if (items.length !== 1 || items[0]!.background) return undefined;
  const andOr = items[0]!.andOr;
  if (andOr.rest.length !== 0 || andOr.first.bang || andOr.first.commands.length !== 1) return undefined;
  const cmd = andOr.first.commands[0]!;
  if (cmd.kind !== "FunctionDef" || cmd.name !== name) return undefined;
  return cmd;
}
