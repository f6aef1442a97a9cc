// The contract between the variable store (src/state/variables.ts) and its users (expansion,
// the executor, builtins). One shell state owns one VarStore; subshells get a deep clone.
//
// Semantics follow bash:
//  - Scalars and indexed arrays are interchangeable: $a is ${a[0]}, a=x sets a[0].
//  - Indexed arrays are sparse (ordered by index); associative arrays iterate in bash 5.2's hash
//    order (src/state/assoc-array.ts), so scripts print them as bash does.
//  - Scopes are dynamic: `local` creates the variable in the innermost function scope; lookups
//    walk from the innermost scope outwards to the global scope.
//  - Readonly violations throw VarError (message like bash: "x: readonly variable").
//  - Attributes: export, readonly, integer (-i: values are evaluated arithmetically on assignment),
//    lower (-l), upper (-u), nameref (-n: the value names another variable; get/set follow it),
//    array (-a), assoc (-A).
//  - Dynamic variables (RANDOM, SECONDS, LINENO, BASHPID, EPOCHSECONDS, ...) are computed on read
//    through hooks registered by the shell.

export const enum VarAttr {
  None = 0,
  Export = 1,
  Readonly = 2,
  Integer = 4,
  Lower = 8,
  Upper = 16,
  Nameref = 32,
  Array = 64,
  Assoc = 128,
  /** declared (`declare x`, `local x`) but never given a value: set -u treats it as unset */
  Unset = 256,
}

export class VarError extends Error {}

export interface VarStore {
  /** Scalar value (element 0 / key "0" of an array), or undefined when unset. Follows namerefs. */
  get(name: string): string | undefined;
  /** Assign a scalar (or element 0 of an array). Applies integer/lower/upper attributes. Throws VarError. */
  set(name: string, value: string): void;
  /** name+=value for scalars (string append, or arithmetic add for -i). */
  append(name: string, value: string): void;
  isSet(name: string): boolean;
  /** Remove from the innermost scope that has it. Throws VarError for readonly. */
  unset(name: string): void;

  isArray(name: string): boolean; // indexed or associative
  isAssoc(name: string): boolean;
  /** ${a[i]}: i is a number for indexed arrays (negative counts from the end), a key for assoc. */
  getElement(name: string, index: number | string): string | undefined;
  setElement(name: string, index: number | string, value: string): void;
  unsetElement(name: string, index: number | string): void;
  /** ${a[@]}: the values in index order (a scalar gives [value]; unset gives []). */
  getValues(name: string): string[];
  /** ${#a[@]}: the number of elements, without building the list (optional: getValues().length). */
  count?(name: string): number;
  /** ${!a[@]}: the indices/keys in order. */
  getKeys(name: string): string[];
  /** a=(...) with plain values (indexed) — replaces the whole variable. */
  setArray(name: string, values: string[]): void;
  /** declare -A a=([k]=v ...) or a=([3]=x [7]=y): replaces the whole variable. */
  setArrayFromPairs(name: string, pairs: [string, string][], assoc: boolean): void;

  attrs(name: string): VarAttr;
  /** Add and remove attributes (declare -x / +x, readonly, ...). Creating the variable if needed. */
  setAttrs(name: string, add: VarAttr, remove?: VarAttr): void;

  /** Enter/leave a function scope (for `local`); temp: a scope for the prefix assignments of
   *  one command (x=1 cmd), which `local` inside that command looks through. */
  pushScope(temp?: boolean): void;
  popScope(): void;
  /** Declare name in the innermost function scope (local/declare inside a function). */
  declareLocal(name: string): void;
  /** Declare name in the innermost scope, whatever its kind (a prefix assignment's binding). */
  declareTemp?(name: string): void;
  /** Depth of function scopes (0 = global). */
  scopeDepth(): number;

  /** Names of all set variables, sorted (for `set`, `declare -p`, ${!prefix*}, completion). */
  names(): string[];
  /** "NAME=value" strings of exported variables (cached; rebuilt only after a change). */
  environ(): string[];
  /** A counter that changes whenever an exported variable changes (to cache envp arrays). */
  readonly envVersion: number;

  /** A deep copy for a subshell. */
  clone(): VarStore;
}
