// Variable assignments: name=value, name+=value, name[sub]=value, name=(...), name+=(...).
import { arithWord } from "../expand/arith-word.ts";
import type { Assignment } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { expandAssignValue, expandWord, expandWords, evalArith } from "../expand/index.ts";
import { VarAttr, VarError } from "../state/var-store.ts";
import { drive, resume } from "./resume.ts";
import { printWord } from "../../grammar/printer.ts";

/**
 * Perform one assignment in the shell's variables. `mode` "temp" marks it exported (prefix
 * assignments to functions and builtins are in their environment). Returns false after printing
 * the error (readonly variable, bad subscript).
 */
export function* assign(sh: Shell, a: Assignment, mode: "shell" | "temp"): Gen<boolean> {
  if (!a.array && !a.index) {
    const r = assignSync(sh, a, mode);
    return typeof r === "boolean" ? r : yield* r;
  }
  const name = a.name;
  try {
    if (a.array && a.index) throw new VarError(`${name}[${printWord(a.index)}]: cannot assign list to array member`);
    if (a.array) {
      yield* assignArray(sh, a);
    } else {
      const value = a.value ? yield* expandAssignValue(sh.host, a.value) : "";
      const key = yield* subscript(sh, name, a.index!);
      if (a.append) sh.vars.setElement(name, key, (sh.vars.getElement(name, key) ?? "") + value);
      else sh.vars.setElement(name, key, value);
    }
    return assigned(sh, a, mode);
  } catch (e) {
    if (e instanceof VarError) {
      sh.diag(e.message);
      return false;
    }
    throw e;
  }
}

/**
 * assign() as a plain function (see resume.ts): a scalar assignment whose value expands without
 * waiting finishes here without a generator frame; otherwise the rest is a generator.
 */
export function assignSync(sh: Shell, a: Assignment, mode: "shell" | "temp"): boolean | Gen<boolean> {
  if (a.array || a.index) return drive(assign(sh, a, mode));
  let value = "";
  const w = a.value;
  if (w) {
    if (w.literal !== undefined) value = w.literal;
    else {
      const g = expandAssignValue(sh.host, w);
      let r: IteratorResult<Promise<unknown>, string>;
      try {
        r = g.next();
      } catch (e) {
        if (e instanceof VarError) {
          sh.diag(e.message);
          return false;
        }
        throw e;
      }
      if (!r.done) return storeAfter(sh, a, mode, g, r);
      value = r.value;
    }
  }
  return storeScalar(sh, a, mode, value);
}

function* storeAfter(
  sh: Shell,
  a: Assignment,
  mode: "shell" | "temp",
  g: Gen<string>,
  r: IteratorResult<Promise<unknown>, string>,
): Gen<boolean> {
  let value: string;
  try {
    value = yield* resume(g, r);
  } catch (e) {
    if (e instanceof VarError) {
      sh.diag(e.message);
      return false;
    }
    throw e;
  }
  return storeScalar(sh, a, mode, value);
}

function storeScalar(sh: Shell, a: Assignment, mode: "shell" | "temp", value: string): boolean {
  try {
    if (a.append) sh.vars.append(a.name, value);
    else sh.vars.set(a.name, value);
    return assigned(sh, a, mode);
  } catch (e) {
    if (e instanceof VarError) {
      sh.diag(e.message);
      return false;
    }
    throw e;
  }
}

/** After the value is stored: the export attribute, and PATH's hash table. */
function assigned(sh: Shell, a: Assignment, mode: "shell" | "temp"): true {
  if (mode === "temp" || sh.opts.allexport) sh.vars.setAttrs(a.name, VarAttr.Export);
  // bash forgets hashed command locations when PATH changes
  if (a.name === "PATH" && sh.hash.size > 0) sh.hash.clear();
  return true;
}

/** The subscript of name[sub]: an arithmetic index for indexed arrays, a string key for associative ones. */
export function* subscript(sh: Shell, name: string, sub: import("../../grammar/ast.ts").Word): Gen<number | string> {
  if (sub.parts.length === 0) throw new VarError(`${name}[]: bad array subscript`);
  // an associative array's key is a word; an indexed array's subscript is arithmetic text
  if (sh.vars.isAssoc(name)) return yield* expandWord(sh.host, sub);
  return evalArith(sh.host, yield* expandWord(sh.host, arithWord(sub)));
}

function* assignArray(sh: Shell, a: Assignment): Gen<void> {
  const name = a.name;
  const assoc = sh.vars.isAssoc(name);
  const elems = a.array!;
  if (assoc && elems.length > 0 && elems[0]!.key === undefined) {
    // bash 5.2: h=(k1 v1 k2 v2) takes key/value pairs, each word expanded like an assignment
    // value (not split or globbed); a later [k]=v is then just a word
    const words: string[] = [];
    for (const e of elems) {
      const value = yield* expandAssignValue(sh.host, e.value);
      words.push(e.key === undefined ? value : `[${yield* expandWord(sh.host, e.key)}]=${value}`);
    }
    if (a.append) sh.vars.appendArray(name, words);
    else sh.vars.setArray(name, words);
    return;
  }
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
  if (assoc) return yield* assignAssocPairs(sh, a);
  // bash expands every word first (values see the old array), then empties the array and
  // assigns element by element: a subscript's arithmetic sees the elements assigned before it
  // (a=([0]=1+2+3 [a[0]]=10) sets a[6]) and [k]+=v appends to what k holds so far
  const keys: (string | undefined)[] = [];
  const values: string[] = [];
  const appends: boolean[] = [];
  for (const e of elems) {
    if (e.key !== undefined) {
      keys.push(yield* expandWord(sh.host, e.key));
      values.push(yield* expandAssignValue(sh.host, e.value));
      appends.push(e.append === true);
    } else {
      for (const f of yield* expandWords(sh.host, [e.value])) {
        keys.push(undefined);
        values.push(f);
        appends.push(false);
      }
    }
  }
  let next = 0;
  if (!a.append) sh.vars.setArrayFromPairs(name, [], false);
  else {
    const old = sh.vars.getKeys(name);
    if (old.length) next = Number(old[old.length - 1]) + 1;
  }
  for (let i = 0; i < values.length; i++) {
    const keyText = keys[i];
    if (keyText === undefined) {
      sh.vars.setElement(name, next++, values[i]!);
      continue;
    }
    const key = evalArith(sh.host, keyText);
    const value = appends[i] ? (sh.vars.getElement(name, key) ?? "") + values[i]! : values[i]!;
    if (key < 0) {
      // counts from the end of what is assigned so far; out of range only skips this element
      try {
        sh.vars.setElement(name, key, value);
      } catch (e) {
        if (!(e instanceof VarError)) throw e;
        sh.diag(`[${keyText}]=${values[i]}: bad array subscript`);
      }
      continue;
    }
    sh.vars.setElement(name, key, value);
    next = key + 1;
  }
}

/** An associative compound assignment: [k]+=v appends to k's value before the assignment
 *  (bash: h=([k]+=2 [k]+=3) with k=1 gives 13), and the array is replaced at the end. */
function* assignAssocPairs(sh: Shell, a: Assignment): Gen<void> {
  const name = a.name;
  const pairs: [string, string][] = [];
  for (const e of a.array!) {
    if (e.key === undefined) {
      // after a [k]=v, a plain word is an error that skips only that word (bash 5.2)
      sh.diag(`${name}: ${yield* expandAssignValue(sh.host, e.value)}: must use subscript when assigning associative array`);
      continue;
    }
    const key = yield* expandWord(sh.host, e.key);
    let value = yield* expandAssignValue(sh.host, e.value);
    if (e.append) value = (sh.vars.getElement(name, key) ?? "") + value;
    pairs.push([key, value]);
  }
  if (a.append) sh.vars.appendPairs(name, pairs, true);
  else sh.vars.setArrayFromPairs(name, pairs, true);
}

/** An array prefix binding as the environment gets it: the elements expanded like values
 *  ([k]= kept as text), joined with spaces, in parentheses. */
function* arrayText(sh: Shell, a: Assignment): Gen<string> {
  const elems: string[] = [];
  for (const e of a.array!) elems.push((e.key ? `[${printWord(e.key)}]=` : "") + (yield* expandAssignValue(sh.host, e.value)));
  return `(${elems.join(" ")})`;
}

/** Prefix assignments of an external command: only its environment changes. */
export function* assignmentsToEnv(sh: Shell, assigns: Assignment[]): Gen<string[]> {
  const overrides = new Map<string, string>();
  // each binding is visible to the values after it (A=1 B=$A cmd), not to the shell afterwards
  const scoped = assigns.length > 1;
  if (scoped) sh.vars.pushScope(true);
  try {
    for (const a of assigns) {
      // an array binding reaches the environment as its text (bash: B=(b c) cmd gets "(b c)")
      const v = a.array ? yield* arrayText(sh, a) : a.value ? yield* expandAssignValue(sh.host, a.value) : "";
      const value = a.append ? (sh.vars.get(a.name) ?? "") + v : v;
      if (sh.vars.attrs(a.name) & VarAttr.Readonly) {
        sh.diag(`${a.name}: readonly variable`); // the command still runs, without it (bash)
        continue;
      }
      overrides.set(a.name, value);
      if (scoped) {
        try {
          sh.vars.declareTemp(a.name);
          sh.vars.set(a.name, value);
        } catch (e) {
          if (!(e instanceof VarError)) throw e;
        }
      }
    }
  } finally {
    if (scoped) sh.vars.popScope();
  }
  const env: string[] = [];
  for (const e of sh.environ()) {
    const eq = e.indexOf("=");
    if (!overrides.has(e.slice(0, eq))) env.push(e);
  }
  for (const [k, v] of overrides) env.push(`${k}=${v}`);
  return env;
}
