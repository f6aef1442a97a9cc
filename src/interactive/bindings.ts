// The key bindings and readline variables of one shell: what `bind` and the inputrc file change
// and what the line editor looks keys up in. Three keymaps as readline's: emacs, vi-insert and
// vi-command, each a map from a key sequence (a string of characters; ESC-prefixed for Meta) to
// a readline function, a macro (text read again as input) or a shell command (`bind -x`).
// Changes apply from the next key the editor reads.
import { EMACS_KEYMAP } from "./keymap.ts";
import { VI_COMMAND_KEYMAP, VI_INSERT_KEYMAP } from "./vi-keymap.ts";
import { READLINE_FUNCTIONS, READLINE_VARIABLE_DEFAULTS } from "./readline-names.ts";
import { formatKeyseq, parseBindingLine } from "./keyseq.ts";

export type Binding =
  | { kind: "function"; name: string }
  | { kind: "macro"; text: string }
  | { kind: "shell"; command: string };

export type KeymapName = "emacs" | "vi-insert" | "vi-command";

/** bash's keymap names (-m) and the keymap and prefix each stands for. */
const KEYMAP_ALIASES: Record<string, [KeymapName, string]> = {
  emacs: ["emacs", ""],
  "emacs-standard": ["emacs", ""],
  "emacs-meta": ["emacs", "\x1b"],
  "emacs-ctlx": ["emacs", "\x18"],
  vi: ["vi-command", ""],
  "vi-move": ["vi-command", ""],
  "vi-command": ["vi-command", ""],
  "vi-insert": ["vi-insert", ""],
};

/** A keymap name as `bind -m` and `set keymap` take it; undefined when there is none such. */
export function keymapNamed(name: string): [KeymapName, string] | undefined {
  return Object.hasOwn(KEYMAP_ALIASES, name) ? KEYMAP_ALIASES[name] : undefined;
}

const FUNCTION_SET = new Set(READLINE_FUNCTIONS);

export function isReadlineFunction(name: string): boolean {
  return FUNCTION_SET.has(name);
}

/** What a key sequence read so far means in a keymap. */
export type Lookup = Binding | "prefix" | undefined;

const BOOLEAN_VARS = new Set(READLINE_VARIABLE_DEFAULTS.filter(([, v]) => v === "on" || v === "off").map(([n]) => n));

export class Bindings {
  maps: Record<KeymapName, Map<string, Binding>>;
  /** readline variables (`set name value`), with readline's defaults. */
  readonly vars = new Map<string, string>(READLINE_VARIABLE_DEFAULTS.map(([n, v]) => [n, v]));
  /** The keymap `bind` and key bindings in an inputrc change (`set keymap`, `-m`). */
  current: KeymapName = "emacs";
  /** Called when `set editing-mode` changes the mode (the shell's `set -o vi`/`emacs`). */
  onEditingMode: ((mode: "emacs" | "vi") => void) | undefined;
  /** The editing mode in use (the shell's `set -o vi`), for `editing-mode` and `$if mode=`. */
  editingMode: (() => "emacs" | "vi") | undefined;
  /** Every key sequence bound, per keymap, with its proper prefixes: prefix lookups. */
  private prefixes = new Map<KeymapName, Set<string>>();

  constructor() {
    const fromTable = (t: ReadonlyMap<string, string>) =>
      new Map<string, Binding>([...t].map(([k, name]) => [k, { kind: "function", name } as Binding]));
    this.maps = {
      emacs: fromTable(EMACS_KEYMAP),
      "vi-insert": fromTable(VI_INSERT_KEYMAP),
      "vi-command": fromTable(VI_COMMAND_KEYMAP),
    };
  }

  /** An independent copy (a subshell's `bind` must not change its parent's keys). */
  clone(): Bindings {
    const c = new Bindings();
    for (const m of Object.keys(this.maps) as KeymapName[]) c.maps[m] = new Map(this.maps[m]);
    c.vars.clear();
    for (const [k, v] of this.vars) c.vars.set(k, v);
    c.current = this.current;
    return c;
  }

  bind(map: KeymapName, keys: string, b: Binding | undefined): void {
    if (keys === "") return;
    if (b) this.maps[map].set(keys, b);
    else this.maps[map].delete(keys);
    this.prefixes.delete(map);
  }

  /** The binding of a key sequence, "prefix" when it begins a longer bound sequence (the
   *  editor waits for the next key), undefined when it means nothing. */
  lookup(map: KeymapName, seq: string): Lookup {
    const b = this.maps[map].get(seq);
    if (b) return b;
    return this.prefixSet(map).has(seq) ? "prefix" : undefined;
  }

  private prefixSet(map: KeymapName): Set<string> {
    let s = this.prefixes.get(map);
    if (!s) {
      s = new Set();
      // ESC-prefixed sequences are cut by the terminal decoder, which already waits for them;
      // only other multi-key sequences ("\C-xq") need the editor to wait.
      for (const k of this.maps[map].keys()) for (let i = 1; i < k.length; i++) s.add(k.slice(0, i));
      this.prefixes.set(map, s);
    }
    return s;
  }

  /** The key sequences bound to a function, in readline's order (by character code). */
  keysFor(map: KeymapName, fn: string, prefix = ""): string[] {
    const out: string[] = [];
    for (const [k, b] of this.maps[map]) {
      if (b.kind === "function" && b.name === fn && k.startsWith(prefix) && k.length > prefix.length) out.push(k.slice(prefix.length));
    }
    return out.sort(byCode);
  }

  /** Unbinds every key of a function (`bind -u`). */
  unbindFunction(map: KeymapName, fn: string): void {
    for (const [k, b] of [...this.maps[map]]) if (b.kind === "function" && b.name === fn) this.bind(map, k, undefined);
  }

  entries(map: KeymapName, prefix = ""): [string, Binding][] {
    return [...this.maps[map]]
      .filter(([k]) => k.startsWith(prefix) && k.length > prefix.length)
      .map(([k, b]) => [k.slice(prefix.length), b] as [string, Binding])
      .sort((a, b) => byCode(a[0], b[0]));
  }

  // ------------------------------------------------------------------ listings (bind -p -P -s ...)

  /** `bind -p` (readable) or `bind -P`. */
  listFunctions(map: KeymapName, prefix: string, readable: boolean): string {
    let out = readable ? "\n" : "";
    for (const fn of READLINE_FUNCTIONS) {
      const keys = this.keysFor(map, fn, prefix);
      if (readable) {
        if (keys.length === 0) out += `# ${fn} (not bound)\n`;
        else for (const k of keys) out += `"${formatKeyseq(k)}": ${fn}\n`;
      } else if (keys.length === 0) out += `${fn} is not bound to any keys\n`;
      else {
        const list = quoteList(keys);
        out += `${fn} can be found on ${list}${list.endsWith("...") ? "" : "."}\n`;
      }
    }
    return out;
  }

  /** `bind -s`/`-S` (macros) and `bind -X` (shell commands). */
  listOf(kind: "macro" | "shell", map: KeymapName, prefix: string, readable: boolean): string {
    let out = "";
    for (const [k, b] of this.entries(map, prefix)) {
      if (b.kind !== kind) continue;
      const v = formatKeyseq(b.kind === "macro" ? b.text : b.kind === "shell" ? b.command : "");
      out += readable ? `"${formatKeyseq(k)}": "${v}"\n` : `${formatKeyseq(k)} outputs ${v}\n`;
    }
    return out;
  }

  /** `bind -v` (readable) or `bind -V`. */
  listVariables(readable: boolean): string {
    let out = "";
    for (const [n] of READLINE_VARIABLE_DEFAULTS) {
      const v = n === "keymap" ? this.current : this.getVariable(n);
      out += readable ? `set ${n} ${v}\n` : `${n} is set to \`${v}'\n`;
    }
    return out;
  }

  /** `bind -q`: the sentence, or undefined when the function is unbound. */
  queryText(map: KeymapName, prefix: string, fn: string): string {
    const keys = this.keysFor(map, fn, prefix);
    if (keys.length === 0) return `${fn} is not bound to any keys.\n`;
    const list = quoteList(keys);
    return `${fn} can be invoked via ${list}${list.endsWith("...") ? "" : "."}\n`;
  }

  // ------------------------------------------------------------------ variables

  /** `set name value`: returns an error message for an unknown variable (readline goes on). */
  setVariable(name: string, value: string): string | undefined {
    const known = READLINE_VARIABLE_DEFAULTS.find(([n]) => n.toLowerCase() === name.toLowerCase());
    if (!known) return `${name}: unknown variable name`;
    const n = known[0];
    if (BOOLEAN_VARS.has(n)) {
      // readline: "on" (any case), "1" or an empty value is on, anything else off
      const v = value.split(/[ \t]/)[0]!;
      this.vars.set(n, v === "" || v.toLowerCase() === "on" || v === "1" ? "on" : "off");
      return undefined;
    }
    switch (n) {
      case "editing-mode":
        if (value === "vi" || value === "emacs") {
          this.vars.set(n, value);
          this.current = value === "vi" ? "vi-insert" : "emacs";
          this.onEditingMode?.(value);
        }
        return undefined;
      case "keymap": {
        const km = keymapNamed(value);
        if (km) this.current = km[0];
        return undefined;
      }
      case "bell-style":
        if (["none", "off", "visible", "audible", "on"].includes(value))
          this.vars.set(n, value === "off" ? "none" : value === "on" ? "audible" : value);
        return undefined;
      case "completion-query-items":
      case "history-size":
      case "keyseq-timeout":
      case "completion-display-width":
      case "completion-prefix-display-length": {
        const num = parseInt(value, 10);
        this.vars.set(n, String(Number.isNaN(num) ? 0 : num));
        return undefined;
      }
      default:
        this.vars.set(n, value);
        return undefined;
    }
  }

  getVariable(name: string): string {
    if (name === "editing-mode" && this.editingMode) return this.editingMode();
    return this.vars.get(name) ?? "";
  }

  on(name: string): boolean {
    return this.vars.get(name) === "on";
  }

  // ------------------------------------------------------------------ binding lines

  /** One `bind` argument or inputrc line that is not a directive (rl_parse_and_bind); returns
   *  readline's error message, if any (it is printed as "readline: message" and ignored). */
  parseAndBind(text: string, map: KeymapName = this.current, prefix = ""): string | undefined {
    const p = parseBindingLine(text);
    switch (p.kind) {
      case "empty":
        return undefined;
      case "error":
        return p.message;
      case "directive":
        return `${text.trim()}: directives are read from init files`;
      case "set":
        return this.setVariable(p.name, p.value);
      case "macro":
        this.bind(map, prefix + p.keys, { kind: "macro", text: p.text });
        return undefined;
      case "function":
        // an unknown name unbinds the key, silently (readline 8.2)
        this.bind(map, prefix + p.keys, FUNCTION_SET.has(p.name) ? { kind: "function", name: p.name } : undefined);
        return undefined;
    }
  }
}

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `"a", "b", "c"`: at most five, then `...` (bash's rl_invoking_keyseqs listing). */
function quoteList(keys: string[]): string {
  const shown = keys.slice(0, 5).map((k) => `"${formatKeyseq(k)}"`);
  if (keys.length > 5) shown.push("...");
  return shown.join(", ");
}
