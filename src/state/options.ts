// The one table of shell options: `set -o` options (with their single letters) and `shopt`
// options, with bash 5.2's defaults for a non-interactive shell. `set`, `shopt`, `$-`, `set -o`
// listings and the executor all read this table.
//
// Options is a plain object with one boolean property per option (name with '-' turned into
// '_': opts.errexit, opts.nullglob, opts.interactive_comments) so hot paths read a field.
// `set -o interactive-comments` and `shopt interactive_comments` are the same option in bash and
// share one property here.

export type OptionKind = "set" | "shopt";

/** [name, letter ("" if none), kind, default] in bash's listing order for each kind. */
export const OPTION_TABLE = [
  // set -o options (bash lists them alphabetically)
  ["allexport", "a", "set", false],
  ["braceexpand", "B", "set", true],
  ["emacs", "", "set", false],
  ["errexit", "e", "set", false],
  ["errtrace", "E", "set", false],
  ["explain", "", "set", false], // ipsh: the teaching trace (src/explain/live.ts); no letter
  ["functrace", "T", "set", false],
  ["hashall", "h", "set", true],
  ["histexpand", "H", "set", false],
  ["history", "", "set", false],
  ["ignoreeof", "", "set", false],
  ["interactive-comments", "", "set", true],
  ["keyword", "k", "set", false],
  ["monitor", "m", "set", false],
  ["noclobber", "C", "set", false],
  ["noexec", "n", "set", false],
  ["noglob", "f", "set", false],
  ["nolog", "", "set", false],
  ["notify", "b", "set", false],
  ["nounset", "u", "set", false],
  ["onecmd", "t", "set", false],
  ["physical", "P", "set", false],
  ["pipefail", "", "set", false],
  ["posix", "", "set", false],
  ["privileged", "p", "set", false],
  ["verbose", "v", "set", false],
  ["vi", "", "set", false],
  ["xtrace", "x", "set", false],
  // shopt options, in bash 5.2's `shopt` listing order
  ["autocd", "", "shopt", false],
  ["assoc_expand_once", "", "shopt", false],
  ["cdable_vars", "", "shopt", false],
  ["cdspell", "", "shopt", false],
  ["checkhash", "", "shopt", false],
  ["checkjobs", "", "shopt", false],
  ["checkwinsize", "", "shopt", true],
  ["cmdhist", "", "shopt", true],
  ["compat31", "", "shopt", false],
  ["compat32", "", "shopt", false],
  ["compat40", "", "shopt", false],
  ["compat41", "", "shopt", false],
  ["compat42", "", "shopt", false],
  ["compat43", "", "shopt", false],
  ["compat44", "", "shopt", false],
  ["complete_fullquote", "", "shopt", true],
  ["direxpand", "", "shopt", false],
  ["dirspell", "", "shopt", false],
  ["dotglob", "", "shopt", false],
  ["execfail", "", "shopt", false],
  ["expand_aliases", "", "shopt", false],
  ["extdebug", "", "shopt", false],
  ["extglob", "", "shopt", false],
  ["extquote", "", "shopt", true],
  ["failglob", "", "shopt", false],
  ["force_fignore", "", "shopt", true],
  ["globasciiranges", "", "shopt", true],
  ["globskipdots", "", "shopt", true],
  ["globstar", "", "shopt", false],
  ["gnu_errfmt", "", "shopt", false],
  ["histappend", "", "shopt", false],
  ["histreedit", "", "shopt", false],
  ["histverify", "", "shopt", false],
  ["hostcomplete", "", "shopt", true],
  ["huponexit", "", "shopt", false],
  ["inherit_errexit", "", "shopt", false],
  ["interactive_comments", "", "shopt", true],
  ["lastpipe", "", "shopt", false],
  ["lithist", "", "shopt", false],
  ["localvar_inherit", "", "shopt", false],
  ["localvar_unset", "", "shopt", false],
  ["login_shell", "", "shopt", false],
  ["mailwarn", "", "shopt", false],
  ["no_empty_cmd_completion", "", "shopt", false],
  ["nocaseglob", "", "shopt", false],
  ["nocasematch", "", "shopt", false],
  ["noexpand_translation", "", "shopt", false],
  ["nullglob", "", "shopt", false],
  ["patsub_replacement", "", "shopt", true],
  ["progcomp", "", "shopt", true],
  ["progcomp_alias", "", "shopt", false],
  ["promptvars", "", "shopt", true],
  ["restricted_shell", "", "shopt", false],
  ["shift_verbose", "", "shopt", false],
  ["sourcepath", "", "shopt", true],
  ["varredir_close", "", "shopt", false],
  ["xpg_echo", "", "shopt", false],
] as const;

type Underscored<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Underscored<B>}` : S;
export type OptionName = (typeof OPTION_TABLE)[number][0];
export type OptionProp = Underscored<OptionName>;

export interface OptionInfo {
  /** The name as `set -o` or `shopt` spells it. */
  name: string;
  /** The property on Options. */
  prop: OptionProp;
  /** The `set` letter, or "" when the option has none. */
  letter: string;
  kind: OptionKind;
  default: boolean;
}

export const OPTIONS: readonly OptionInfo[] = OPTION_TABLE.map(([name, letter, kind, def]) => ({
  name,
  prop: name.replace(/-/g, "_") as OptionProp,
  letter,
  kind,
  default: def,
}));

/** Options ipsh adds to bash's (shown by `set -o`, absent from bash's listing). */
export const IPSH_OPTIONS: ReadonlySet<string> = new Set(["explain"]);

export const SET_OPTIONS: readonly OptionInfo[] = OPTIONS.filter((o) => o.kind === "set");
export const SHOPT_OPTIONS: readonly OptionInfo[] = OPTIONS.filter((o) => o.kind === "shopt");

const BY_NAME = new Map<string, OptionInfo>();
for (const o of OPTIONS) {
  BY_NAME.set(o.name, o);
  BY_NAME.set(o.prop, o);
}
const SET_BY_NAME = new Map<string, OptionInfo>(SET_OPTIONS.map((o) => [o.name, o]));
const SHOPT_BY_NAME = new Map<string, OptionInfo>(SHOPT_OPTIONS.map((o) => [o.name, o]));
const BY_LETTER = new Map<string, OptionInfo>(SET_OPTIONS.filter((o) => o.letter !== "").map((o) => [o.letter, o]));

/** `set -o name` lookup (exact long name as set spells it). */
export function setOption(name: string): OptionInfo | undefined {
  return SET_BY_NAME.get(name);
}
/** `shopt name` lookup. */
export function shoptOption(name: string): OptionInfo | undefined {
  return SHOPT_BY_NAME.get(name);
}
/** `set -e` style lookup by letter. */
export function optionByLetter(letter: string): OptionInfo | undefined {
  return BY_LETTER.get(letter);
}

/**
 * The letters of $- in bash's order (flags.c): the set letters a b e f h i k m n p t u v x B C E
 * H P T, where i is the interactive flag (not a `set -o` option), then c (-c) or s (stdin).
 */
const FLAG_ORDER = "abefhikmnptuvxBCEHPT";

export interface Options extends Record<OptionProp, boolean> {}

export class Options {
  /** -i: the shell is interactive (shown as i in $-; not settable with `set`). */
  interactive = false;
  /** -s: commands are read from standard input (s in $-). */
  readingStdin = false;
  /** -c: commands come from a string argument (c in $-). */
  commandString = false;

  constructor() {
    // Every instance gets the properties in the same order: one hidden class for all of them.
    const self = this as unknown as Record<string, boolean>;
    for (const o of OPTIONS) self[o.prop] = o.default;
  }

  /** Value of an option by set -o name, shopt name or property name; undefined if unknown. */
  get(name: string): boolean | undefined {
    const o = BY_NAME.get(name);
    return o === undefined ? undefined : (this as unknown as Record<string, boolean>)[o.prop];
  }

  /** Set an option by name; false when there is no such option. emacs and vi exclude each other. */
  set(name: string, value: boolean): boolean {
    const o = BY_NAME.get(name);
    if (o === undefined) return false;
    (this as unknown as Record<string, boolean>)[o.prop] = value;
    if (value && o.prop === "emacs") this.vi = false;
    else if (value && o.prop === "vi") this.emacs = false;
    else if (o.prop === "posix") this.posixChanged(value);
    return true;
  }

  /** bash's posix_initialize: POSIX mode turns on alias expansion, inherit_errexit and
   *  shift_verbose; leaving it turns alias expansion back to the interactive default and
   *  shift_verbose off (inherit_errexit stays). */
  private posixChanged(on: boolean): void {
    if (on) {
      this.expand_aliases = true;
      this.inherit_errexit = true;
      this.shift_verbose = true;
    } else {
      this.expand_aliases = this.interactive;
      this.shift_verbose = false;
    }
  }

  /** `set -x` / `set +x` by letter; false when the letter is not a settable option. */
  setLetter(letter: string, value: boolean): boolean {
    const o = BY_LETTER.get(letter);
    if (o === undefined) return false;
    return this.set(o.name, value);
  }

  /** $- : the flags that are on, in bash's order. */
  flags(): string {
    let s = "";
    for (let i = 0; i < FLAG_ORDER.length; i++) {
      const c = FLAG_ORDER[i];
      if (c === "i") {
        if (this.interactive) s += c;
        continue;
      }
      const o = BY_LETTER.get(c)!;
      if ((this as unknown as Record<string, boolean>)[o.prop]) s += c;
    }
    if (this.commandString) s += "c";
    if (this.readingStdin) s += "s";
    return s;
  }

  /** bash's defaults for an interactive shell: history, !-expansion, job control, line editing
   *  and aliases are on (the caller decides whether a terminal makes monitor/emacs apply). */
  applyInteractiveDefaults(): void {
    this.interactive = true;
    this.history = true;
    this.histexpand = true;
    this.monitor = true;
    this.emacs = true;
    this.expand_aliases = true;
  }

  clone(): Options {
    // every own property copied in the source's order, so the copy has the same hidden class
    // (the constructor's defaults loop and a keyed copy per option were ~5% of a $(...))
    return Object.assign(Object.create(Options.prototype) as Options, this);
  }
}
