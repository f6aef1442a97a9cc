// Variable assignments: name=value, name+=value, name[sub]=value, name=(...), name+=(...).
import type { Assignment } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { expandAssignValue, expandWord, expandWords, evalArith } from "../expand/index.ts";
import { VarAttr, VarError } from "../state/var-store.ts";

/**
 * Perform one assignment in the shell's variables. `mode` "temp" marks it exported (prefix
 * assignments to functions and builtins are in their environment). Returns false after printing
 * the error (readonly variable, bad subscript).
 */
export function* assign(sh: Shell, a: Assignment, mode: "shell" | "temp"): Gen<boolean> {
  const name = a.name;
  try {
    if (a.array) {
      yield* assignArray(sh, a);
    } else if (a.index) {
      const value = a.value ? yield* expandAssignValue(sh.host, a.value) : "";
      const key = yield* subscript(sh, name, a.index);
      if (a.append) sh.vars.setElement(name, key, (sh.vars.getElement(name, key) ?? "") + value);
      else sh.vars.setElement(name, key, value);
    } else {
      const value = a.value ? (a.value.literal ?? (yield* expandAssignValue(sh.host, a.value))) : "";
      if (a.append) sh.vars.append(name, value);
      else sh.vars.set(name, value);
    }
    if (mode === "temp" || sh.opts.allexport) sh.vars.setAttrs(name, VarAttr.Export);
    // bash forgets hashed command locations when PATH changes
    if (name === "PATH" && sh.hash.size > 0) sh.hash.clear();
    return true;
  } catch (e) {
    if (e instanceof VarError) {
      sh.diag(e.message);
      return false;
    }
    throw e;
  }
}

/** The subscript of name[sub]: an arithmetic index for indexed arrays, a string key for associative ones. */
export function* subscript(sh: Shell, name: string, sub: import("../../grammar/ast.ts").Word): Gen<number | string> {
  const text = yield* expandWord(sh.host, sub);
  if (sh.vars.isAssoc(name)) return text;
  return evalArith(sh.host, text);
}

function* assignArray(sh: Shell, a: Assignment): Gen<void> {
  const name = a.name;
  const assoc = sh.vars.isAssoc(name);
  const elems = a.array!;
  const keyed = elems.some((e) => e.key !== undefined);
  if (!keyed && !assoc) {
    const values: string[] = [];
    for (const e of elems) for (const f of yield* expandWords(sh.host, [e.value])) values.push(f);
    if (a.append) {
      sh.vars.appendArray(name, values);
    } else {
      sh.vars.setArray(name, values);
    }
    return;
  }
  const pairs: [string, string][] = [];
  let next = 0;
  if (a.append && !assoc) {
    const keys = sh.vars.getKeys(name);
    if (keys.length) next = Number(keys[keys.length - 1]) + 1;
  }
  for (const e of elems) {
    if (e.key !== undefined) {
      const keyText = yield* expandWord(sh.host, e.key);
      const key = assoc ? keyText : String(evalArith(sh.host, keyText));
      let value = yield* expandAssignValue(sh.host, e.value);
      if (e.append) value = (sh.vars.getElement(name, assoc ? key : Number(key)) ?? "") + value;
      pairs.push([key, value]);
      if (!assoc) next = Number(key) + 1;
    } else if (assoc) {
      // bash 5.2: a plain word in an associative compound assignment is a key, the next its value
      pairs.push([yield* expandAssignValue(sh.host, e.value), ""]);
    } else {
      for (const f of yield* expandWords(sh.host, [e.value])) pairs.push([String(next++), f]);
    }
  }
  if (a.append) sh.vars.appendPairs(name, pairs, assoc);
  else sh.vars.setArrayFromPairs(name, pairs, assoc);
}

/** Prefix assignments of an external command: only its environment changes. */
export function* assignmentsToEnv(sh: Shell, assigns: Assignment[]): Gen<string[]> {
  const overrides = new Map<string, string>();
  for (const a of assigns) {
    const v = a.value ? yield* expandAssignValue(sh.host, a.value) : "";
    overrides.set(a.name, a.append ? (sh.vars.get(a.name) ?? "") + v : v);
  }
  const env: string[] = [];
  for (const e of sh.vars.environ()) {
    const eq = e.indexOf("=");
    if (!overrides.has(e.slice(0, eq))) env.push(e);
  }
  for (const [k, v] of overrides) env.push(`${k}=${v}`);
  return env;
}
