// The shell's variables: bash's dynamic scoping, attributes, sparse and associative arrays,
// namerefs, special (dynamic) variables, the exported environment, and cheap subshell copies.
//
// Representation (the invariants everything below relies on):
//  - `table` maps a name to its *visible* binding. Dynamic scoping means the visible binding is
//    always the most recently created one still alive, so a lookup is one Map get, whatever the
//    function depth. Each binding points (`prev`) to the binding it shadows in an outer scope.
//  - `scopes[d - 1]` lists the names given a binding at function depth d (by `local`/`declare`);
//    popScope restores each one's `prev`. A binding's `depth` is the depth it was created at.
//  - Copy-on-write: every binding carries the generation (`gen`) of the store allowed to mutate it
//    in place. clone() copies the table (not the bindings) and gives both stores fresh
//    generations, so whichever writes first copies that one binding. Only the visible binding is
//    ever mutated (plus the global one, through ownChain), so a copy replaces it in `table`.
//  - A scalar lives in `value` (undefined = declared but unset). An indexed array lives in `arr`,
//    an associative one in `map` (iterated in bash's hash order, see assoc-array.ts); the
//    Array/Assoc attribute says which field is live.
//  - VarAttr.Unset marks a variable that was declared (`declare x`, `local x`, `declare -a a`)
//    but never assigned: `declare -p` prints it without a value, `set` does not list it.
import { IndexedArray } from "./indexed-array.ts";
import { AssocArray } from "./assoc-array.ts";
import { isValidName, splitSubscript } from "./names.ts";
import { VarAttr, VarError, type VarStore } from "./var-store.ts";

/** Internal attribute bit (never reported by attrs()): the binding is a special variable. */
const DYNAMIC = 1 << 16;
const PUBLIC_ATTRS = 0xffff;

const A_EXPORT = VarAttr.Export as number;
const A_READONLY = VarAttr.Readonly as number;
const A_INTEGER = VarAttr.Integer as number;
const A_LOWER = VarAttr.Lower as number;
const A_UPPER = VarAttr.Upper as number;
const A_NAMEREF = VarAttr.Nameref as number;
const A_ARRAY = VarAttr.Array as number;
const A_ASSOC = VarAttr.Assoc as number;
const A_UNSET = VarAttr.Unset as number;

/** Bindings whose read needs more than returning `value`. */
const GET_SLOW = A_NAMEREF | A_ARRAY | A_ASSOC | DYNAMIC;
/** Bindings whose scalar assignment needs more than storing `value`. */
const SET_SLOW =
  A_NAMEREF | A_ARRAY | A_ASSOC | A_READONLY | A_INTEGER | A_LOWER | A_UPPER | A_EXPORT | A_UNSET | DYNAMIC;
const VALUE_TRANSFORM = A_INTEGER | A_LOWER | A_UPPER;

/** bash gives up following a nameref chain after this many links ("circular name reference"). */
const NAMEREF_MAX = 8;

export interface DynamicVar {
  get(): string | undefined;
  /** For a special array (FUNCNAME, BASH_SOURCE...): its elements, index 0 first. */
  array?: () => string[];
  set?(value: string): void;
  /** Computed for listings too (`set`, `declare -p`): bash shows SHELLOPTS there, not RANDOM. */
  listed?: boolean;
}

class Binding {
  constructor(
    public readonly name: string,
    public value: string | undefined,
    public arr: IndexedArray | null,
    public map: AssocArray | null,
    public attrs: number,
    public readonly depth: number,
    public prev: Binding | undefined,
    public gen: number,
    public dyn: DynamicVar | null,
  ) {}
}

/** A read-only snapshot of one variable, for `declare -p`, `set`, `local`, `export -p`. */
export interface VarView {
  name: string;
  attrs: VarAttr;
  /** Scalar value (undefined when unset or an array). */
  value?: string;
  /** Indexed array entries in index order. */
  indexed?: [number, string][];
  /** Associative entries in insertion order. */
  assoc?: [string, string][];
}

let nextGen = 1;

/** Internal attribute bit of NO_VAR. */
const HIDDEN = 1 << 17;
/** Internal attribute bit: a prefix binding given -x or -r by a declaration (`x=1 export x`):
 *  when its scope goes, its value and attributes pass to the binding beneath (bash's att_propagate). */
const PROPAGATE = 1 << 18;
/** Internal attribute bit: a function call's prefix binding that the function declared local
 *  (`f() { local x; }; x=1 f`): it counts as the function's local (local -p, unset). */
const LOCALIZED = 1 << 19;

/**
 * What a scope of prefix assignments (`x=1 cmd`) does with assignments that reach its bindings
 * (bash's execute_builtin and bind_variable).
 */
export const enum TempKind {
  /** A function's, or source/eval/unset/mapfile/read/fc's: a variable scope like any other; what
   *  is assigned to its bindings goes with it (`x=1 read x`, `x=1 eval x=3` leave x as it was). */
  Scope = 1,
  /** Any other builtin's (bash's temporary_env): a scalar assignment to a prefix binding also
   *  assigns the variable beneath it (`x=1 let x=5` and `x=1 printf -v x 7` keep the value). */
  Through = 2,
  /** declare/typeset/local/export/readonly's: they work on the prefix binding (so `x=1 declare
   *  x=4` changes nothing after the command), except that `local x` in a function makes the
   *  local from it, and -x/-r make it propagate to the binding beneath. */
  Declaration = 3,
  /** A function call's (`x=1 f`): a scope like Scope, but `local x` in the function takes the
   *  prefix binding as its local, and `export x`/`readonly x` there make it propagate when the
   *  call returns (bash 5.2: `f() { export x=4; }; x=1 f` leaves x=4). */
  Function = 4,
}
/**
 * "No variable": left in the table when a function's local goes and nothing was under it, so
 * the Map keeps the key. Every lookup treats it as absent (lookup()); the get/set fast paths
 * see it as an unset value with the Unset bit, which sends set() to the creation path.
 * Its generation (-1) is never a store's, so it is never mutated in place.
 */
const NO_VAR = new Binding("", undefined, null, null, A_UNSET | HIDDEN, 0, undefined, -1, null);

export class Variables implements VarStore {
  /** name -> visible binding; NO_VAR marks a name whose last binding went (see popScope). */
  private table = new Map<string, Binding>();
  private scopes: string[][] = [];
  /** tempScope[d - 1]: 0 for a function's locals; for a command's prefix assignments, its TempKind */
  private tempScope: number[] = [];
  private gen = nextGen++;
  /** Environment entries whose names are not identifiers: passed to children untouched (bash). */
  private passthrough: string[] = [];
  private envCache: string[] | null = null;
  private envVer = 0;
  /** The last environ() held an exported special variable: its value can change at any time,
   *  so environ() is rebuilt and envVersion changes on every call (rare: export SHELLOPTS). */
  private envVolatile = false;
  /** set -a: every assignment also exports. The executor mirrors opts.allexport here. */
  autoExport = false;
  private arith: ((text: string) => number) | null = null;
  private expandSub: ((text: string, assoc: boolean) => string) | null = null;
  private diag: ((message: string) => void) | null = null;
  /** exitActions[d - 1]: what to run when function scope d is popped (atScopeExit). */
  private exitActions: ((() => void)[] | undefined)[] | null = null;

  /** Import the process environment: every valid name becomes an exported global. */
  static fromEnviron(env: Record<string, string | undefined>): Variables {
    const v = new Variables();
    for (const k in env) {
      const val = env[k];
      if (val === undefined) continue;
      if (isValidName(k)) {
        v.table.set(k, new Binding(k, val, null, null, A_EXPORT, 0, undefined, v.gen, null));
      } else {
        v.passthrough.push(`${k}=${val}`);
      }
    }
    return v;
  }

  /** Stop passing these environment entries (by name) through to children untouched: the shell
   *  took them over (imported functions, src/state/function-env.ts). */
  dropPassthrough(names: readonly string[]): void {
    if (names.length === 0) return;
    const drop = new Set(names);
    this.passthrough = this.passthrough.filter((p) => !drop.has(p.slice(0, p.indexOf("="))));
    this.touchEnv();
  }

  /** The arithmetic evaluator used for integer (-i) variables and indexed-array subscripts. */
  setArithEvaluator(fn: (text: string) => number): void {
    this.arith = fn;
  }

  /** The expansion a nameref's subscript gets each time the nameref is used (ref='a[$i]' names
   *  the element of i's value at that moment): bash's one round of word expansion. */
  setSubscriptExpander(fn: (text: string, assoc: boolean) => string): void {
    this.expandSub = fn;
  }

  /** Where non-fatal diagnostics go ("warning: r: circular name reference", "a: bad array
   *  subscript"): the shell prints them with its error prefix. Without a sink they are dropped. */
  setDiagnosticSink(fn: (message: string) => void): void {
    this.diag = fn;
  }

  /** Print a non-fatal diagnostic through the sink (builtins that only hold the store). */
  report(message: string): void {
    this.diag?.(message);
  }

  /** Register a special variable (RANDOM, SECONDS, LINENO, ...). Replaces any binding of that
   *  name; `unset` removes it and the name becomes an ordinary variable again (as in bash).
   *  attrs: shown by declare -p (bash marks RANDOM, SECONDS, SRANDOM, BASHPID as -i); Integer
   *  also makes assignments arithmetic before they reach the setter. */
  defineDynamic(
    name: string,
    get: () => string,
    set?: (value: string) => void,
    attrs: VarAttr = VarAttr.None,
    listed = false,
  ): void {
    const old = this.lookup(name);
    attrs = (DYNAMIC | attrs | (old ? old.attrs & A_EXPORT : 0)) as VarAttr;
    const dyn: DynamicVar = set ? { get, set, listed } : { get, listed };
    this.table.set(name, new Binding(name, undefined, null, null, attrs, 0, old?.prev, this.gen, dyn));
  }

  /**
   * Register a special indexed array whose elements are computed on each read (FUNCNAME,
   * BASH_SOURCE, BASH_LINENO, GROUPS...). Assignments to it are ignored, as bash ignores them
   * for these; `unset` makes the name ordinary again.
   */
  defineDynamicArray(name: string, elements: () => string[], attrs: VarAttr = VarAttr.None): void {
    const old = this.lookup(name);
    const a = (DYNAMIC | A_ARRAY | attrs | (old ? old.attrs & A_EXPORT : 0)) as number;
    const dyn: DynamicVar = { get: () => elements()[0], array: elements, listed: true };
    this.table.set(name, new Binding(name, undefined, null, null, a, 0, old?.prev, this.gen, dyn));
  }

  /** The elements of an indexed-array binding (computed for a special array). */
  private arrOf(b: Binding): IndexedArray {
    return b.dyn !== null && b.dyn.array !== undefined ? IndexedArray.of(b.dyn.array()) : b.arr!;
  }

  /** The visible binding of name, or undefined (also for NO_VAR). */
  private lookup(name: string): Binding | undefined {
    const b = this.table.get(name);
    return b === NO_VAR ? undefined : b;
  }

  /** True while name is a special variable (unset makes it ordinary). */
  isDynamic(name: string): boolean {
    const b = this.table.get(name);
    return b !== undefined && b.dyn !== null;
  }

  // ---- scalars ---------------------------------------------------------------------------

  get(name: string): string | undefined {
    // NO_VAR needs no test here: its value is undefined and it has no slow-path bit.
    const b = this.table.get(name);
    if (b === undefined) return undefined;
    if ((b.attrs & GET_SLOW) === 0) return b.value;
    return this.getSlow(b);
  }

  private getSlow(b: Binding): string | undefined {
    if (b.attrs & A_NAMEREF) {
      const t = this.follow(b.name);
      if (t === null || t === b.name) return b.attrs & A_NAMEREF ? undefined : b.value;
      return this.getTarget(t);
    }
    if (b.dyn !== null) return b.dyn.get();
    if (b.attrs & A_ASSOC) return b.map!.get("0");
    return b.arr!.get(0);
  }

  /** Reads a nameref target: a plain name or name[subscript]. */
  private getTarget(t: string): string | undefined {
    const s = this.splitTarget(t);
    if (s === undefined) return this.get(t);
    if (s.sub === "@" || s.sub === "*") return this.getValues(s.name).join(" ");
    return this.getElement(s.name, s.sub);
  }

  set(name: string, value: string): void {
    const b = this.table.get(name);
    if (b !== undefined && (b.attrs & SET_SLOW) === 0 && b.gen === this.gen && !this.autoExport) {
      b.value = value;
      return;
    }
    this.setSlow(name, value, b);
  }

  private setSlow(name: string, value: string, b: Binding | undefined): void {
    if (b === NO_VAR) b = undefined;
    if (b === undefined) {
      const attrs = this.autoExport ? A_EXPORT : 0;
      this.table.set(name, new Binding(name, value, null, null, attrs, 0, undefined, this.gen, null));
      if (attrs) this.touchEnv();
      return;
    }
    if (b.attrs & A_NAMEREF) {
      const t = this.follow(name);
      if (t === null) throw new VarError(`${name}: circular name reference`);
      if (t === name) {
        // A nameref without a target: the first assignment names the target (bash).
        this.setNamerefTarget(name, value);
        return;
      }
      const tb = this.lookup(t);
      if (tb !== undefined && tb.attrs & A_NAMEREF) {
        this.setNamerefTarget(t, value);
        return;
      }
      const s = this.splitTarget(t);
      if (s !== undefined) this.setElement(s.name, s.sub, value);
      else this.set(t, value);
      return;
    }
    if (b.attrs & A_READONLY) throw new VarError(`${name}: readonly variable`);
    if (b.dyn !== null) {
      // Assigning a special variable runs its hook (RANDOM seeds, SECONDS resets); special
      // variables without a setter ignore assignments (bash: BASHPID, EPOCHSECONDS, ...).
      // With -i (RANDOM, SECONDS) the hook gets the evaluated value, as in bash.
      if (b.dyn.set !== undefined) b.dyn.set(b.attrs & VALUE_TRANSFORM ? this.transform(b.attrs, value) : value);
      return;
    }
    b = this.own(b);
    const given = value;
    if (b.attrs & VALUE_TRANSFORM) value = this.transform(b.attrs, value);
    if (b.attrs & A_ASSOC) b.map!.set("0", value);
    else if (b.attrs & A_ARRAY) b.arr!.set(0, value);
    else b.value = value;
    b.attrs &= ~A_UNSET;
    if (this.autoExport) b.attrs |= A_EXPORT;
    if (b.attrs & A_EXPORT) this.touchEnv();
    // a prefix binding of the running builtin (x=1 let x=5): bash's bind_variable assigns its
    // temporary environment and then the variable as the shell sees it without that
    if (b.depth > 0 && b.depth === this.scopes.length && this.tempScope[b.depth - 1] === TempKind.Through) {
      this.beneath(b, () => this.set(name, given));
    }
  }

  /** Run fn with the visible binding `top` set aside, so that fn sees (and may assign, create or
   *  remove) what is beneath it; then put `top` back above whatever fn left. */
  private beneath<T>(top: Binding, fn: () => T): T {
    const name = top.name;
    this.table.set(name, top.prev !== undefined ? top.prev : NO_VAR);
    try {
      return fn();
    } finally {
      let below = this.table.get(name);
      if (below === NO_VAR) below = undefined;
      if (top.prev !== below) {
        if (top.gen !== this.gen) top = this.copy(top);
        top.prev = below;
      }
      this.table.set(name, top);
    }
  }

  /** A prefix binding marked PROPAGATE has just gone: what is now visible under its name (a new
   *  global when nothing is) takes its value and attributes, and propagates in turn when it is
   *  itself a prefix binding (x=1 eval 'x=2 export x'). */
  private propagate(b: Binding): void {
    const name = b.name;
    try {
      if ((b.attrs & (A_ARRAY | A_ASSOC)) === 0 && b.value !== undefined) this.set(name, b.value);
      const attrs = b.attrs & PUBLIC_ATTRS & ~(A_UNSET | A_ARRAY | A_ASSOC | A_NAMEREF);
      if (attrs !== 0) this.setAttrs(name, attrs);
    } catch (e) {
      if (!(e instanceof VarError)) throw e;
      return; // a readonly variable beneath keeps its value
    }
    // bash passes it one level only: `x=1 eval 'x=2 export x=4'` leaves x as it was
  }

  /** True when name's visible binding is a command's prefix assignment (x=1 cmd), not a
   *  function's local or a global. */
  isTempBinding(name: string): boolean {
    const b = this.lookup(name);
    return b !== undefined && b.depth > this.funcDepth();
  }

  /** `x=1 export x`, `x=1 readonly x=2`, `f() { export x; }; x=1 f`: a prefix binding of the
   *  declaration itself, or of the function call, passes its value and attributes to the binding
   *  beneath when its scope goes (bash's att_propagate). Other names: nothing to do. */
  markPropagate(name: string): void {
    const b = this.lookup(name);
    if (b === undefined || b.depth === 0) return;
    const kind = this.tempScope[b.depth - 1];
    if ((kind === TempKind.Declaration && b.depth === this.scopes.length) || kind === TempKind.Function) {
      this.own(b).attrs |= PROPAGATE;
    }
  }

  append(name: string, value: string): void {
    const b = this.lookup(name);
    if (b === undefined) {
      this.set(name, value);
      return;
    }
    if (b.attrs & A_NAMEREF) {
      const t = this.follow(name);
      if (t === null) throw new VarError(`${name}: circular name reference`);
      if (t !== name) {
        const s = this.splitTarget(t);
        if (s !== undefined) this.appendElement(s.name, s.sub, value);
        else this.append(t, value);
        return;
      }
    }
    const old = this.get(name);
    if (b.attrs & A_INTEGER) {
      const sum = this.toInt(old ?? "0") + this.toInt(value);
      // set() re-evaluates an integer variable's value: a plain decimal evaluates to itself.
      this.set(name, String(sum));
    } else {
      this.set(name, old === undefined ? value : old + value);
    }
  }

  isSet(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** keepLocal (shopt localvar_unset): a local of a calling function stays, unset, instead of
   *  revealing the variable it shadows. */
  unset(name: string, keepLocal = false): void {
    let b = this.lookup(name);
    if (b === undefined) return;
    if (b.attrs & A_NAMEREF) {
      // `unset ref` unsets what ref names; `unset -n ref` (unsetNameref) unsets ref itself.
      const t = this.follow(name);
      if (t !== null && t !== name) {
        const s = this.splitTarget(t);
        if (s !== undefined) this.unsetElement(s.name, s.sub);
        else this.unset(t, keepLocal);
        return;
      }
    }
    this.removeBinding(b, keepLocal);
  }

  /** `unset -n ref`: unset the nameref itself, not its target. */
  unsetNameref(name: string): void {
    const b = this.lookup(name);
    if (b !== undefined) this.removeBinding(b);
  }

  private removeBinding(b: Binding, keepLocal = false): void {
    if (b.attrs & A_READONLY) throw new VarError(`${b.name}: cannot unset: readonly variable`);
    const wasExported = (b.attrs & A_EXPORT) !== 0;
    if (b.depth > 0 && (this.isFuncLocal(b) || keepLocal)) {
      // A local of the running function stays local, just unset: a later assignment in the
      // same function still does not touch the global (bash's behaviour with localvar_unset off
      // for the current scope).
      b = this.own(b);
      b.value = undefined;
      b.arr = null;
      b.map = null;
      b.dyn = null;
      b.attrs = A_UNSET | (b.attrs & LOCALIZED);
    } else {
      // A global, or a local of a calling function: the binding goes and the shadowed one
      // becomes visible again.
      this.table.set(b.name, b.prev !== undefined ? b.prev : NO_VAR);
      if (b.prev !== undefined && b.prev.attrs & A_EXPORT) this.touchEnv();
    }
    if (wasExported) this.touchEnv();
  }

  // ---- arrays ----------------------------------------------------------------------------

  isArray(name: string): boolean {
    const b = this.resolveBinding(name);
    return b !== undefined && (b.attrs & (A_ARRAY | A_ASSOC)) !== 0;
  }

  isAssoc(name: string): boolean {
    const b = this.resolveBinding(name);
    return b !== undefined && (b.attrs & A_ASSOC) !== 0;
  }

  getElement(name: string, index: number | string): string | undefined {
    const b = this.resolveBinding(name);
    if (b === undefined) return undefined;
    if (b.attrs & A_ASSOC) return b.map!.get(String(index));
    let i = this.toIndex(index);
    if (b.attrs & A_ARRAY) {
      const arr = this.arrOf(b);
      if (i < 0) {
        i += arr.maxIndex + 1;
        if (i < 0) {
          this.diag?.(`${b.name}: bad array subscript`);
          return undefined;
        }
      }
      return arr.get(i);
    }
    const v = b.dyn !== null ? b.dyn.get() : b.value;
    if (i < 0) {
      if (v !== undefined && i === -1) return v;
      this.diag?.(`${b.name}: bad array subscript`);
      return undefined;
    }
    return i === 0 ? v : undefined;
  }

  setElement(name: string, index: number | string, value: string): void {
    const b = this.writableArray(name, false);
    if (b === null) return;
    if (b.attrs & VALUE_TRANSFORM) value = this.transform(b.attrs, value);
    if (b.attrs & A_ASSOC) {
      b.map!.set(String(index), value);
    } else {
      const arr = b.arr!;
      let i = this.toIndex(index);
      if (i < 0) {
        i += arr.maxIndex + 1;
        if (i < 0) throw new VarError(`${b.name}[${index}]: bad array subscript`);
      }
      arr.set(i, value);
    }
    b.attrs &= ~A_UNSET;
    if (b.attrs & A_EXPORT) this.touchEnv();
  }

  /** a[i]+=value: string append (or arithmetic add for -i) on one element. */
  appendElement(name: string, index: number | string, value: string): void {
    const b = this.resolveBinding(name);
    const assoc = b !== undefined && (b.attrs & A_ASSOC) !== 0;
    const key = assoc ? String(index) : this.toIndex(index);
    const old = this.getElement(name, key);
    if (b !== undefined && b.attrs & A_INTEGER) {
      this.setElement(name, key, String(this.toInt(old ?? "0") + this.toInt(value)));
    } else {
      this.setElement(name, key, old === undefined ? value : old + value);
    }
  }

  unsetElement(name: string, index: number | string): void {
    let b = this.resolveBinding(name);
    if (b === undefined) return;
    if (b.attrs & A_READONLY) throw new VarError(`${b.name}: cannot unset: readonly variable`);
    if (b.attrs & A_ASSOC) {
      b = this.ownVisible(b);
      b.map!.delete(String(index));
    } else if (b.attrs & A_ARRAY) {
      if (b.dyn !== null) return; // special arrays ignore writes
      b = this.ownVisible(b);
      let i = this.toIndex(index);
      if (i < 0) {
        i += b.arr!.maxIndex + 1;
        // (bash's unset names only the subscript here)
        if (i < 0) throw new VarError(`[${index}]: bad array subscript`);
      }
      b.arr!.delete(i);
    } else {
      // x[0] of a scalar is the scalar itself; any other element is an error (bash)
      const i = this.toIndex(index);
      if (i === 0 || i === -1) this.removeBinding(b);
      else throw new VarError(`${b.name}: not an array variable`);
      return;
    }
    if (b.attrs & A_EXPORT) this.touchEnv();
  }

  getValues(name: string): string[] {
    const b = this.resolveBinding(name);
    if (b === undefined) return [];
    if (b.attrs & A_ASSOC) return b.map!.values();
    if (b.attrs & A_ARRAY) return this.arrOf(b).values();
    const v = b.dyn !== null ? b.dyn.get() : b.value;
    return v === undefined ? [] : [v];
  }

  getKeys(name: string): string[] {
    const b = this.resolveBinding(name);
    if (b === undefined) return [];
    if (b.attrs & A_ASSOC) return b.map!.keys();
    if (b.attrs & A_ARRAY) return this.arrOf(b).keys().map(String);
    const v = b.dyn !== null ? b.dyn.get() : b.value;
    return v === undefined ? [] : ["0"];
  }

  /** Number of elements (${#a[@]}). */
  count(name: string): number {
    const b = this.resolveBinding(name);
    if (b === undefined) return 0;
    if (b.attrs & A_ASSOC) return b.map!.size;
    if (b.attrs & A_ARRAY) return this.arrOf(b).size;
    return (b.dyn !== null ? b.dyn.get() : b.value) === undefined ? 0 : 1;
  }

  setArray(name: string, values: string[]): void {
    const b = this.writableArray(name, true);
    if (b === null) return;
    if (b.attrs & A_ASSOC) {
      // bash 5.1+: h=(k1 v1 k2 v2) on an associative array takes key/value pairs.
      const m = new AssocArray();
      for (let i = 0; i < values.length; i += 2) {
        m.set(values[i], this.transform(b.attrs, values[i + 1] ?? ""));
      }
      b.map = m;
    } else {
      const vs = b.attrs & VALUE_TRANSFORM ? values.map((v) => this.transform(b.attrs, v)) : values.slice();
      b.arr = IndexedArray.of(vs);
    }
    b.attrs &= ~A_UNSET;
    if (b.attrs & A_EXPORT) this.touchEnv();
  }

  /** a+=(v ...): append after the largest index (or key/value pairs for an assoc array). */
  appendArray(name: string, values: string[]): void {
    const b = this.writableArray(name, false);
    if (b === null) return;
    if (b.attrs & A_ASSOC) {
      for (let i = 0; i < values.length; i += 2) {
        b.map!.set(values[i], this.transform(b.attrs, values[i + 1] ?? ""));
      }
    } else {
      for (const v of values) b.arr!.push(this.transform(b.attrs, v));
    }
    b.attrs &= ~A_UNSET;
    if (b.attrs & A_EXPORT) this.touchEnv();
  }

  /** a=([k]=v ...). For an indexed array each key is an arithmetic subscript; an empty key
   *  means "the index after the previous element", so a=([3]=x y) arrives as [["3","x"],["","y"]]. */
  setArrayFromPairs(name: string, pairs: [string, string][], assoc: boolean): void {
    this.assignPairs(name, pairs, assoc, true);
  }

  /** a+=([k]=v ...): like setArrayFromPairs without clearing the old elements. */
  appendPairs(name: string, pairs: [string, string][], assoc: boolean): void {
    this.assignPairs(name, pairs, assoc, false);
  }

  private assignPairs(name: string, pairs: [string, string][], assoc: boolean, replace: boolean): void {
    if (assoc) {
      const cur = this.resolveBinding(name);
      if (cur === undefined || (cur.attrs & A_ASSOC) === 0) this.setAttrs(name, VarAttr.Assoc);
    }
    const b = this.writableArray(name, replace);
    if (b === null) return;
    if (b.attrs & A_ASSOC) {
      const m = replace ? new AssocArray() : b.map!;
      for (const [k, v] of pairs) m.set(k, this.transform(b.attrs, v));
      b.map = m;
    } else {
      const arr = replace ? new IndexedArray() : b.arr!;
      let next = arr.maxIndex + 1;
      for (const [k, v] of pairs) {
        let i = k === "" ? next : this.toIndex(k);
        if (i < 0) {
          i += arr.maxIndex + 1;
          if (i < 0) throw new VarError(`${b.name}[${k}]: bad array subscript`);
        }
        arr.set(i, this.transform(b.attrs, v));
        next = i + 1;
      }
      b.arr = arr;
    }
    b.attrs &= ~A_UNSET;
    if (b.attrs & A_EXPORT) this.touchEnv();
  }

  /** The visible binding behind name (following namerefs), made writable and converted to an
   *  array if it was a scalar; created as a global indexed array if it did not exist. */
  private writableArray(name: string, replacing: boolean): Binding | null {
    let t = name;
    let b = this.lookup(name);
    if (b !== undefined && b.attrs & A_NAMEREF) {
      const f = this.follow(name);
      if (f === null) throw new VarError(`${name}: circular name reference`);
      if (splitSubscript(f) !== undefined) throw new VarError(`${f}: bad array subscript`);
      t = f;
      b = this.lookup(t);
      if (b !== undefined && b.attrs & A_NAMEREF) throw new VarError(`${name}: not an array`);
    }
    if (b === undefined) {
      const attrs = A_ARRAY | (this.autoExport ? A_EXPORT : 0);
      b = new Binding(t, undefined, new IndexedArray(), null, attrs, 0, undefined, this.gen, null);
      this.table.set(t, b);
      return b;
    }
    if (b.attrs & A_READONLY) throw new VarError(`${t}: readonly variable`);
    if (b.dyn !== null && b.dyn.array !== undefined) return null; // special arrays ignore writes
    b = this.own(b);
    if ((b.attrs & (A_ARRAY | A_ASSOC)) === 0) {
      const v = b.dyn !== null ? b.dyn.get() : b.value;
      b.arr = new IndexedArray();
      if (v !== undefined && !replacing) b.arr.set(0, v);
      b.value = undefined;
      b.dyn = null;
      b.attrs = (b.attrs & ~DYNAMIC) | A_ARRAY;
    }
    if (this.autoExport) b.attrs |= A_EXPORT;
    return b;
  }

  // ---- attributes ------------------------------------------------------------------------

  attrs(name: string): VarAttr {
    const b = this.lookup(name);
    return b === undefined ? VarAttr.None : ((b.attrs & PUBLIC_ATTRS) as VarAttr);
  }

  /** True when a binding exists at all (set, or declared with attributes only). */
  exists(name: string): boolean {
    return this.lookup(name) !== undefined;
  }

  /**
   * Add and remove attributes, as `declare`, `export`, `readonly` do. Follows namerefs unless the
   * change is about the nameref attribute itself (bash: `declare -x ref` exports the target).
   * Creates a declared-but-unset global when the variable does not exist.
   * Adding -i/-l/-u does not convert the current value (bash converts on the next assignment).
   */
  setAttrs(name: string, add: VarAttr, remove: VarAttr = VarAttr.None): void {
    let t = name;
    if (((add | remove) & A_NAMEREF) === 0) {
      const f = this.follow(name);
      if (f !== null && f !== name && splitSubscript(f) === undefined) t = f;
    }
    let b = this.lookup(t);
    if (b === undefined) {
      b = new Binding(t, undefined, null, null, A_UNSET, 0, undefined, this.gen, null);
      this.table.set(t, b);
    }
    this.changeAttrs(b, add, remove);
  }

  private changeAttrs(b: Binding, add: number, remove: number): void {
    const name = b.name;
    if (remove & A_READONLY && b.attrs & A_READONLY) throw new VarError(`${name}: readonly variable`);
    if (remove & (A_ARRAY | A_ASSOC) && b.attrs & (A_ARRAY | A_ASSOC)) {
      throw new VarError(`${name}: cannot destroy array variables in this way`);
    }
    if (add & A_ASSOC && b.attrs & A_ARRAY) throw new VarError(`${name}: cannot convert indexed to associative array`);
    if (add & A_ARRAY && b.attrs & A_ASSOC) throw new VarError(`${name}: cannot convert associative to indexed array`);
    if (b.attrs & A_READONLY && add & (A_ARRAY | A_ASSOC | A_NAMEREF) && (b.attrs & add) !== add) {
      throw new VarError(`${name}: readonly variable`);
    }
    b = this.ownChained(b);
    const wasExported = (b.attrs & A_EXPORT) !== 0;
    // -l and -u exclude each other: the one given last wins (bash).
    if (add & A_LOWER) remove |= A_UPPER;
    if (add & A_UPPER) remove |= A_LOWER;
    if (add & (A_ARRAY | A_ASSOC) && (b.attrs & (A_ARRAY | A_ASSOC)) === 0) {
      const v = b.dyn !== null ? b.dyn.get() : b.value;
      if (add & A_ASSOC) {
        b.map = new AssocArray();
        if (v !== undefined) b.map.set("0", v);
      } else {
        b.arr = new IndexedArray();
        if (v !== undefined) b.arr.set(0, v);
      }
      b.value = undefined;
      b.dyn = null;
      b.attrs &= ~DYNAMIC;
    }
    b.attrs = (b.attrs | add) & ~remove;
    if (wasExported || b.attrs & A_EXPORT) this.touchEnv();
  }

  /** Set the value of a nameref itself (declare -n ref=target), validating it as bash does. */
  setNamerefTarget(name: string, target: string): void {
    let b = this.lookup(name);
    if (b !== undefined && b.attrs & A_READONLY) throw new VarError(`${name}: readonly variable`);
    if (target === name && (b === undefined || b.depth === 0)) {
      throw new VarError(`${name}: nameref variable self references not allowed`);
    }
    if (!isValidName(target) && splitSubscript(target) === undefined) {
      throw new VarError(`\`${target}': invalid variable name for name reference`);
    }
    if (b === undefined) {
      b = new Binding(name, target, null, null, A_NAMEREF, 0, undefined, this.gen, null);
      this.table.set(name, b);
      return;
    }
    b = this.own(b);
    b.value = target;
    b.arr = null;
    b.map = null;
    b.dyn = null;
    b.attrs = (b.attrs & ~(A_UNSET | A_ARRAY | A_ASSOC | DYNAMIC)) | A_NAMEREF;
  }

  /** The raw value of a nameref (the name it refers to), for ${!ref} and declare -p. */
  namerefTarget(name: string): string | undefined {
    const b = this.lookup(name);
    return b !== undefined && b.attrs & A_NAMEREF ? b.value : undefined;
  }

  /**
   * Follow a nameref chain from name: the final name (possibly "a[2]"), name itself when it is not
   * a nameref or names nothing yet, or null on a loop (after reporting bash's warning).
   */
  follow(name: string): string | null {
    let n = name;
    for (let i = 0; i <= NAMEREF_MAX; i++) {
      const b = this.lookup(n);
      if (b === undefined || (b.attrs & A_NAMEREF) === 0 || b.value === undefined || b.value === "") return n;
      if (b.value === n) break;
      n = b.value;
      if (splitSubscript(n) !== undefined) return n;
    }
    this.diag?.(`warning: ${name}: circular name reference`);
    return null;
  }

  /** A followed nameref's target split into name and subscript (undefined for a plain name), the
   *  subscript expanded as bash does on every use of the nameref (`a[$i]`, `A["$k"]`,
   *  `a[$(f) + 1]`); `@` and `*` stay as they are. */
  private splitTarget(t: string): { name: string; sub: string } | undefined {
    const s = splitSubscript(t);
    if (s !== undefined && this.expandSub !== null && s.sub !== "@" && s.sub !== "*") s.sub = this.expandSub(s.sub, this.isAssoc(s.name));
    return s;
  }

  /** The binding a name denotes after namerefs (element targets resolve to their array). */
  private resolveBinding(name: string): Binding | undefined {
    const b = this.lookup(name);
    if (b === undefined || (b.attrs & A_NAMEREF) === 0) return b;
    const t = this.follow(name);
    if (t === null || t === name) return undefined;
    const s = splitSubscript(t);
    const tb = this.lookup(s === undefined ? t : s.name);
    return tb !== undefined && tb.attrs & A_NAMEREF ? undefined : tb;
  }

  // ---- scopes ----------------------------------------------------------------------------

  /** A function scope, or (temp) a scope for a command's prefix assignments (true: TempKind.Scope). */
  pushScope(temp: boolean | TempKind = false): void {
    this.scopes.push([]);
    this.tempScope.push(temp === true ? TempKind.Scope : temp === false ? 0 : temp);
  }

  /** The kind of the innermost scope, a scope of prefix assignments, once they are made (while
   *  they are made it is TempKind.Scope: the assignments themselves go nowhere else). */
  setTempKind(kind: TempKind): void {
    this.tempScope[this.tempScope.length - 1] = kind;
  }

  /** Depth of the innermost function scope: `local` in `x=1 eval 'local y'` declares y in the
   *  function around the command, not among its prefix assignments (bash). */
  private funcDepth(): number {
    let d = this.scopes.length;
    while (d > 0 && this.tempScope[d - 1]) d--;
    return d;
  }

  popScope(): void {
    const d = this.scopes.length;
    this.tempScope.pop();
    const names = this.scopes.pop();
    if (names === undefined) return;
    for (const n of names) {
      const b = this.table.get(n);
      // A local unset from a called function was already removed: its name may now show an
      // outer binding, which this scope must not pop.
      if (b === undefined || b.depth !== d) continue;
      if (b.attrs & A_EXPORT || (b.prev !== undefined && b.prev.attrs & A_EXPORT)) this.touchEnv();
      // NO_VAR instead of delete: the next call's `local n` re-inserts the same key, and a Map
      // delete followed by an insert costs several times an overwrite in JSC.
      this.table.set(n, b.prev !== undefined ? b.prev : NO_VAR);
      if (b.attrs & PROPAGATE) this.propagate(b);
    }
    if (this.exitActions !== null && this.exitActions.length >= d) {
      const acts = this.exitActions[d - 1];
      this.exitActions.length = d - 1;
      if (acts !== undefined) for (let i = acts.length - 1; i >= 0; i--) acts[i]();
    }
  }

  /**
   * Run fn when the innermost function scope is left (`local -` restores the shell options this
   * way). Actions belong to this store only: a subshell's copy does not inherit them, so a
   * subshell can never undo its parent's state. Outside functions this does nothing (bash).
   */
  atScopeExit(fn: () => void): void {
    const d = this.scopes.length;
    if (d === 0) return;
    if (this.exitActions === null) this.exitActions = [];
    while (this.exitActions.length < d) this.exitActions.push(undefined);
    (this.exitActions[d - 1] ??= []).push(fn);
  }

  /**
   * `local name`: give name a binding in the innermost function scope (no-op if it has one).
   * The new local is unset and inherits only the export attribute (bash with localvar_inherit
   * off). Outside functions this only ensures a global binding exists (declare at top level).
   */
  declareLocal(name: string): void {
    const top = this.scopes.length;
    const d = top > 0 && this.tempScope[top - 1] ? this.funcDepth() : top;
    if (d !== top) {
      // under prefix-assignment scopes: a binding at function depth d goes below them, unless
      // the name is itself one of those assignments (then it stays at the top, as before)
      const b = this.table.get(name);
      if (b === undefined || b.depth <= d) return this.declareAt(name, d, b);
      // `x=1 local x` in a function: the local is made from the command's own prefix binding
      if (d > 0 && b.depth === top && this.tempScope[top - 1] === TempKind.Declaration) return this.localFromPrefix(b, d);
    }
    this.declareTemp(name);
  }

  /** bash's make_local_variable for a name in the declaration's temporary environment: the
   *  function's local (the existing one, or a new one) takes the prefix value, and of the
   *  attributes only export (`f() { x=1 local x; }` gives an exported local x=1). The prefix
   *  binding is dropped: the local is what the name shows from now on. */
  private localFromPrefix(t: Binding, d: number): void {
    const name = t.name;
    const under = t.prev;
    let local: Binding;
    if (under !== undefined && under.depth === d) {
      // an array, a special or a readonly local stays as it is, only made visible again
      local = under;
      if ((under.attrs & (A_ARRAY | A_ASSOC | A_READONLY | DYNAMIC)) === 0) {
        local = under.gen === this.gen ? under : this.copy(under);
        local.value = t.value;
        local.attrs = A_EXPORT | (t.value === undefined ? A_UNSET : 0);
      }
    } else {
      local = new Binding(name, t.value, null, null, A_EXPORT | (t.value === undefined ? A_UNSET : 0), d, under, this.gen, null);
      this.scopes[d - 1].push(name);
    }
    this.table.set(name, local);
    this.touchEnv();
  }

  /** A binding for name at depth d (d = 0: make sure a global binding exists). */
  private declareAt(name: string, d: number, b: Binding | undefined): void {
    if (d === 0) {
      if (b === undefined || b === NO_VAR) this.table.set(name, new Binding(name, undefined, null, null, A_UNSET, 0, undefined, this.gen, null));
      return;
    }
    if (b !== undefined && b.depth === d) return;
    // `x=1 f` where f says `local x`: the call's prefix binding serves as the local (bash)
    if (b !== undefined && b.depth === d - 1 && this.tempScope[d - 1] === 0 && this.tempScope[d - 2] === TempKind.Function) {
      this.own(b).attrs |= LOCALIZED;
      return;
    }
    if (b !== undefined && b.attrs & A_READONLY) throw new VarError(`${name}: readonly variable`);
    const attrs = A_UNSET | (b !== undefined ? b.attrs & A_EXPORT : 0);
    this.table.set(name, new Binding(name, undefined, null, null, attrs, d, b, this.gen, null));
    this.scopes[d - 1].push(name);
    if (attrs & A_EXPORT) this.touchEnv();
  }

  /** Give name a binding in the innermost scope, function or temporary. */
  declareTemp(name: string): void {
    this.declareAt(name, this.scopes.length, this.table.get(name));
  }

  /** True when name has a binding created in the innermost function scope. */
  isLocal(name: string): boolean {
    const b = this.table.get(name);
    return b !== undefined && this.isFuncLocal(b);
  }

  /** b belongs to the innermost function: made there, or its call's prefix binding declared local. */
  private isFuncLocal(b: Binding): boolean {
    const d = this.funcDepth();
    return b.depth > 0 && (b.depth === d || ((b.attrs & LOCALIZED) !== 0 && b.depth === d - 1));
  }

  /** Names local to the innermost function scope, sorted as bash lists them (`local -p`). */
  localNames(): string[] {
    const d = this.funcDepth();
    if (d === 0) return [];
    const names = this.scopes[d - 1].filter((n) => this.table.get(n)?.depth === d);
    if (d >= 2 && this.tempScope[d - 2] === TempKind.Function) {
      for (const n of this.scopes[d - 2]) {
        const b = this.table.get(n);
        if (b !== undefined && b.depth === d - 1 && b.attrs & LOCALIZED) names.push(n);
      }
    }
    return names.sort(byteOrder);
  }

  scopeDepth(): number {
    return this.scopes.length;
  }

  /**
   * declare -g / assignments that must reach the global scope from inside a function: run fn with
   * the global binding of name made visible, then restore the local bindings above it.
   */
  withGlobal<T>(name: string, fn: () => T): T {
    const top = this.table.get(name);
    if (top === undefined || top.depth === 0) return fn();
    // Detach the locals, let fn work on the global, then put the locals back on top of whatever
    // global fn left (possibly a new one, or none).
    const locals: Binding[] = [];
    let b: Binding | undefined = top;
    while (b !== undefined && b.depth > 0) {
      locals.push(b);
      b = b.prev;
    }
    if (b !== undefined) this.table.set(name, b);
    else this.table.delete(name);
    try {
      return fn();
    } finally {
      let below = this.table.get(name);
      if (below !== undefined && below.depth > 0) below = undefined; // cannot happen: fn runs at global
      for (let i = locals.length - 1; i >= 0; i--) {
        let l = locals[i];
        if (l.prev !== below) {
          if (l.gen !== this.gen) l = this.copy(l);
          l.prev = below;
        }
        below = l;
      }
      this.table.set(name, below!);
    }
  }

  // ---- listing and environment -----------------------------------------------------------

  names(): string[] {
    const out: string[] = [];
    for (const b of this.table.values()) {
      if ((b.attrs & A_UNSET) === 0 && (b.value !== undefined || b.attrs & (A_ARRAY | A_ASSOC) || b.dyn !== null)) {
        out.push(b.name);
      }
    }
    return out.sort(byteOrder);
  }

  /** Every visible variable, including declared-but-unset ones, sorted (declare -p). */
  allNames(): string[] {
    const out: string[] = [];
    for (const [n, b] of this.table) if (b !== NO_VAR) out.push(n);
    return out.sort(byteOrder);
  }

  /** A snapshot of a variable's visible binding (no nameref following). Special variables are
   *  computed unless computeDynamic is false (bash's attribute listings such as `declare -i`
   *  show them without a value). */
  view(name: string, computeDynamic = true): VarView | undefined {
    const b = this.lookup(name);
    if (b === undefined) return undefined;
    const v: VarView = { name, attrs: (b.attrs & PUBLIC_ATTRS) as VarAttr };
    if (b.attrs & A_ASSOC) v.assoc = b.map!.entries();
    else if (b.attrs & A_ARRAY) {
      v.indexed = this.arrOf(b).entries();
      // an empty special array (FUNCNAME outside functions) lists as declared-but-unset
      if (b.dyn !== null && v.indexed.length === 0) v.attrs |= VarAttr.Unset;
    }
    else if (b.dyn === null) v.value = b.value;
    else if (computeDynamic || b.dyn.listed === true) v.value = b.dyn.get();
    return v;
  }

  environ(): string[] {
    if (this.envCache !== null && !this.envVolatile) return this.envCache;
    const env: string[] = [];
    let volatile = false;
    for (const b of this.table.values()) {
      // arrays are never exported; an exported nameref (declare -nx) exports the name it holds
      if ((b.attrs & (A_EXPORT | A_ARRAY | A_ASSOC)) !== A_EXPORT) continue;
      if (b.dyn !== null) volatile = true;
      const v = b.dyn !== null ? b.dyn.get() : b.value;
      if (v !== undefined) env.push(`${b.name}=${v}`);
    }
    for (const p of this.passthrough) {
      const name = p.slice(0, p.indexOf("="));
      if (this.lookup(name) === undefined) env.push(p);
    }
    this.envCache = env;
    this.envVolatile = volatile;
    return env;
  }

  /** A counter that changes whenever an exported variable changes (to cache envp arrays). */
  get envVersion(): number {
    return this.envVolatile ? ++this.envVer : this.envVer;
  }

  private touchEnv(): void {
    this.envCache = null;
    this.envVer++;
  }

  clone(): Variables {
    const c = new Variables();
    c.table = new Map(this.table);
    c.scopes = this.scopes.map((s) => s.slice());
    c.tempScope = this.tempScope.slice();
    c.passthrough = this.passthrough;
    c.envCache = this.envCache;
    c.envVer = this.envVer;
    c.envVolatile = this.envVolatile;
    c.autoExport = this.autoExport;
    c.arith = this.arith;
    c.expandSub = this.expandSub;
    c.diag = this.diag;
    // Both stores lose the right to mutate the shared bindings in place.
    this.gen = nextGen++;
    return c;
  }

  // ---- helpers ---------------------------------------------------------------------------

  private copy(b: Binding): Binding {
    return new Binding(
      b.name,
      b.value,
      b.arr !== null ? b.arr.clone() : null,
      b.map !== null ? b.map.clone() : null,
      b.attrs,
      b.depth,
      b.prev,
      this.gen,
      b.dyn,
    );
  }

  /** Make the visible binding b writable by this store (copying it if shared). */
  private own(b: Binding): Binding {
    if (b.gen === this.gen) return b;
    const c = this.copy(b);
    this.table.set(b.name, c);
    return c;
  }

  private ownVisible(b: Binding): Binding {
    return this.table.get(b.name) === b ? this.own(b) : this.ownChained(b);
  }

  /** Make b writable even when it is shadowed (b is somewhere on its name's chain). */
  private ownChained(b: Binding): Binding {
    if (b.gen === this.gen) return b;
    const top = this.table.get(b.name);
    if (top === b) return this.own(b);
    // Copy every binding from the top down to b so the relinked chain is private.
    let cur = this.own(top!);
    while (cur.prev !== undefined && cur.prev !== b) {
      const p = cur.prev.gen === this.gen ? cur.prev : this.copy(cur.prev);
      cur.prev = p;
      cur = p;
    }
    const c = this.copy(b);
    cur.prev = c;
    return c;
  }

  private toIndex(index: number | string): number {
    if (typeof index === "number") return index;
    const n = Number(index);
    if (index !== "" && Number.isInteger(n) && /^\s*-?\d+\s*$/.test(index)) return n;
    return this.toInt(index);
  }

  private toInt(text: string): number {
    if (this.arith !== null) return this.arith(text);
    const t = text.trim();
    if (t === "") return 0;
    if (/^[-+]?\d+$/.test(t)) return Number(t);
    throw new VarError(`${text}: arithmetic evaluation unavailable`);
  }

  private transform(attrs: number, v: string): string {
    if (attrs & A_INTEGER) return String(this.toInt(v));
    if (attrs & A_LOWER) return v.toLowerCase();
    if (attrs & A_UPPER) return v.toUpperCase();
    return v;
  }
}

/** Byte (code unit) order, as bash's sort of variable names in the C and C.UTF-8 locales. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
