// Completion specifications (bash's COMPSPEC and the progcomp table, pcomplib.c), registered by
// `complete` and read by `compgen`, `compopt` and the line editor.
//
// One spec object may serve several names (`complete -W x a b` registers the same object under
// a and b, so `compopt -o nospace a` changes b too, as in bash). The -D, -E and -I specs live
// under bash's reserved keys. `complete -p` lists the table in bash's hash-table order: 512
// buckets chosen by FNV-1 of the name, each bucket newest first; a replaced spec keeps its place.

/** The actions, by bash's names (`-A name`); those with a letter have a short option. */
export const ACTIONS: readonly { name: string; letter: string }[] = [
  { name: "alias", letter: "a" },
  { name: "arrayvar", letter: "" },
  { name: "binding", letter: "" },
  { name: "builtin", letter: "b" },
  { name: "command", letter: "c" },
  { name: "directory", letter: "d" },
  { name: "disabled", letter: "" },
  { name: "enabled", letter: "" },
  { name: "export", letter: "e" },
  { name: "file", letter: "f" },
  { name: "function", letter: "" },
  { name: "helptopic", letter: "" },
  { name: "hostname", letter: "" },
  { name: "group", letter: "g" },
  { name: "job", letter: "j" },
  { name: "keyword", letter: "k" },
  { name: "running", letter: "" },
  { name: "service", letter: "s" },
  { name: "setopt", letter: "" },
  { name: "shopt", letter: "" },
  { name: "signal", letter: "" },
  { name: "stopped", letter: "" },
  { name: "user", letter: "u" },
  { name: "variable", letter: "v" },
];

/** The -o options, in bash's order. */
export const COMP_OPTIONS = ["bashdefault", "default", "dirnames", "filenames", "noquote", "nosort", "nospace", "plusdirs"] as const;
export type CompOption = (typeof COMP_OPTIONS)[number];

export interface CompSpec {
  actions: Set<string>;
  options: Set<CompOption>;
  globpat?: string;
  words?: string;
  prefix?: string;
  suffix?: string;
  filterpat?: string;
  funcname?: string;
  command?: string;
}

/** bash's keys for the -D, -E and -I specs. */
export const DEFAULT_CMD = "_DefaultCmD_";
export const EMPTY_CMD = "_EmptycmD_";
export const INITIAL_WORD = "_InitialWorD_";

/** bash's hash_string (FNV-1, over the bytes as signed chars) masked to 512 buckets. */
function bucketOf(name: string): number {
  let h = 2166136261;
  for (const b of Buffer.from(name, "utf8")) {
    h = Math.imul(h, 16777619) >>> 0;
    h = (h ^ (b > 127 ? b - 256 : b)) >>> 0;
  }
  return h & 511;
}

let insertions = 0;

/** The table of a shell state. A subshell's clone shares the parent's entries until either side
 *  changes something (copy on write: command substitutions clone the state constantly). */
export class CompSpecTable {
  private table = new Map<string, { spec: CompSpec; seq: number; bucket: number }>();
  private shared = false;

  get(name: string): CompSpec | undefined {
    return this.table.get(name)?.spec;
  }

  /** The spec of a name, to be changed in place (compopt); shared names see the change. */
  forWrite(name: string): CompSpec | undefined {
    this.own();
    return this.table.get(name)?.spec;
  }

  /** Whether a spec was ever registered (bash creates its table then; before, `complete -r name`
   *  finds nothing to complain about). Subshell copies inherit it. */
  everUsed = false;

  set(name: string, spec: CompSpec): void {
    this.everUsed = true;
    this.own();
    const old = this.table.get(name);
    if (old) old.spec = spec;
    else this.table.set(name, { spec, seq: ++insertions, bucket: bucketOf(name) });
  }

  delete(name: string): boolean {
    if (!this.table.has(name)) return false;
    this.own();
    return this.table.delete(name);
  }

  clear(): void {
    this.table = new Map();
    this.shared = false;
  }

  get size(): number {
    return this.table.size;
  }

  /** Names and specs in bash's listing order. */
  entries(): [string, CompSpec][] {
    return [...this.table]
      .sort((a, b) => a[1].bucket - b[1].bucket || b[1].seq - a[1].seq)
      .map(([n, e]) => [n, e.spec]);
  }

  clone(): CompSpecTable {
    const c = new CompSpecTable();
    c.everUsed = this.everUsed;
    if (this.table.size === 0) return c;
    c.table = this.table;
    c.shared = this.shared = true;
    return c;
  }

  /** Makes the entries this table's own: a deep copy, specs shared between names stay shared. */
  private own(): void {
    if (!this.shared) return;
    const copies = new Map<CompSpec, CompSpec>();
    const t = new Map<string, { spec: CompSpec; seq: number; bucket: number }>();
    for (const [n, e] of this.table) {
      let s = copies.get(e.spec);
      if (!s) copies.set(e.spec, (s = copySpec(e.spec)));
      t.set(n, { spec: s, seq: e.seq, bucket: e.bucket });
    }
    this.table = t;
    this.shared = false;
  }
}

export function copySpec(s: CompSpec): CompSpec {
  return { ...s, actions: new Set(s.actions), options: new Set(s.options) };
}

/** sh_single_quote. */
function singleQuote(s: string): string {
  return "'" + s.replaceAll("'", "'\\''") + "'";
}

/** bash's sh_contains_shell_metas: characters that need quoting in a command name. */
function hasShellMetas(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (" \t\n'\"\\|&;()<>!{}*[?]^$`".includes(c)) return true;
    if (c === "~" && (i === 0 || s[i - 1] === "=" || s[i - 1] === ":")) return true;
    if (c === "#" && i === 0) return true;
  }
  return false;
}

export function printName(name: string): string {
  if (name === DEFAULT_CMD) return "-D";
  if (name === EMPTY_CMD) return "-E";
  if (name === INITIAL_WORD) return "-I";
  if (name === "") return "''";
  return hasShellMetas(name) ? singleQuote(name) : name;
}

/** One line of `complete -p`, as bash's print_one_completion writes it. */
export function printSpec(name: string, s: CompSpec): string {
  let out = "complete ";
  for (const o of COMP_OPTIONS) if (s.options.has(o)) out += `-o ${o} `;
  for (const a of ACTIONS) if (a.letter && s.actions.has(a.name)) out += `-${a.letter} `;
  for (const a of ACTIONS) if (!a.letter && s.actions.has(a.name)) out += `-A ${a.name} `;
  const arg = (v: string | undefined, flag: string, quote: boolean) => {
    if (v !== undefined) out += `${flag} ${quote ? singleQuote(v) : v} `;
  };
  arg(s.globpat, "-G", true);
  arg(s.words, "-W", true);
  arg(s.prefix, "-P", true);
  arg(s.suffix, "-S", true);
  arg(s.filterpat, "-X", true);
  arg(s.command, "-C", true);
  arg(s.funcname, "-F", s.funcname !== undefined && hasShellMetas(s.funcname));
  return out + printName(name) + "\n";
}

/** `compopt` without options: every option, -o when on and +o when off. */
export function printCompopt(name: string, s: CompSpec): string {
  let out = "compopt ";
  for (const o of COMP_OPTIONS) out += `${s.options.has(o) ? "-" : "+"}o ${o} `;
  return out + printName(name) + "\n";
}
