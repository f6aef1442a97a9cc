// complete, compgen, compopt -- bash's programmable completion builtins (complete.def).
//
//  complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G globpat] [-W wordlist]
//           [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [name ...]
//      registers one spec for every NAME (or -D default, -E empty line, -I initial word);
//      with no arguments or -p prints the specs re-readably; -r removes them (all without names).
//  compgen [options as complete, without -p -r -D -E -I] [word]
//      prints the matches of such a spec for WORD, one per line; status 1 when there are none.
//  compopt [-o|+o option] [-DEI] [name ...]
//      turns spec options on or off for each NAME, or, without names, for the completion whose
//      function is running; without options prints them.
// The spec table is src/complete/spec.ts, the generation src/complete/generate.ts.
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import type { Gen } from "../src/exec/gen.ts";
import { parseOptions } from "./options.ts";
import {
  ACTIONS,
  COMP_OPTIONS,
  DEFAULT_CMD,
  EMPTY_CMD,
  INITIAL_WORD,
  printCompopt,
  printSpec,
  type CompOption,
  type CompSpec,
} from "../src/complete/spec.ts";
import { generate } from "../src/complete/generate.ts";
import { fileWords } from "../src/complete/sources.ts";

const COMPLETE_USAGE =
  "complete: usage: complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [name ...]";
const COMPGEN_USAGE =
  "compgen: usage: compgen [-abcdefgjksuv] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [word]";
const COMPOPT_USAGE = "compopt: usage: compopt [-o|+o option] [-DEI] [name ...]";

/** Characters that end a word in the shell (bash's shell_break_chars): not in a -F name. */
const BREAK_CHARS = /[()<>;&| \t\n]/;

interface Built {
  spec: CompSpec;
  p: boolean;
  r: boolean;
  /** -D, -E or -I, as the reserved key (the first of them in that order). */
  special?: string;
  optGiven: boolean;
  rest: string[];
}

/** bash's build_actions: the options common to complete and compgen. */
function buildActions(ctx: BuiltinContext, usage: string, full: boolean): Built | number {
  const parsed = parseOptions(ctx, "abcdefgjko:prsuvA:G:W:P:S:X:F:C:DEI", usage);
  if (typeof parsed === "number") return parsed;
  const spec: CompSpec = { actions: new Set(), options: new Set() };
  const b: Built = { spec, p: false, r: false, optGiven: parsed.opts.length > 0, rest: parsed.rest };
  let D = false;
  let E = false;
  let I = false;
  for (const o of parsed.opts) {
    const c = o.letter;
    if ("prDEI".includes(c) && !full) {
      ctx.error(`-${c}: invalid option`);
      ctx.err(usage + "\n");
      return 2;
    }
    const act = ACTIONS.find((a) => a.letter === c);
    if (act) {
      spec.actions.add(act.name);
      continue;
    }
    switch (c) {
      case "p":
        b.p = true;
        break;
      case "r":
        b.r = true;
        break;
      case "D":
        D = true;
        break;
      case "E":
        E = true;
        break;
      case "I":
        I = true;
        break;
      case "o":
        if (!(COMP_OPTIONS as readonly string[]).includes(o.arg!)) {
          ctx.error(`${o.arg}: invalid option name`);
          return 2;
        }
        spec.options.add(o.arg as CompOption);
        break;
      case "A": {
        const a = ACTIONS.find((x) => x.name === o.arg);
        if (!a) {
          ctx.error(`${o.arg}: invalid action name`);
          return 2;
        }
        spec.actions.add(a.name);
        break;
      }
      case "F":
        if (BREAK_CHARS.test(o.arg!)) {
          ctx.error(`\`${o.arg}': not a valid identifier`);
          return 2;
        }
        spec.funcname = o.arg;
        break;
      case "G":
        spec.globpat = o.arg;
        break;
      case "W":
        spec.words = o.arg;
        break;
      case "P":
        spec.prefix = o.arg;
        break;
      case "S":
        spec.suffix = o.arg;
        break;
      case "X":
        spec.filterpat = o.arg;
        break;
      case "C":
        spec.command = o.arg;
        break;
    }
  }
  b.special = D ? DEFAULT_CMD : E ? EMPTY_CMD : I ? INITIAL_WORD : undefined;
  return b;
}

function complete(ctx: BuiltinContext): number {
  const table = ctx.sh.compSpecs;
  const printAll = () => ctx.out(table.entries().map(([n, s]) => printSpec(n, s)).join(""));
  if (ctx.args.length === 0) {
    printAll();
    return 0;
  }
  const b = buildActions(ctx, COMPLETE_USAGE, true);
  if (typeof b === "number") return b;
  const names = b.special !== undefined ? [b.special] : b.rest;
  if (b.p || (b.rest.length === 0 && !b.optGiven)) {
    if (b.special === undefined && b.rest.length === 0) {
      printAll();
      return 0;
    }
    let status = 0;
    for (const n of names) {
      const s = table.get(n);
      if (s) ctx.out(printSpec(n, s));
      else {
        ctx.error(`${n}: no completion specification`);
        status = 1;
      }
    }
    return status;
  }
  if (b.r) {
    if (b.special === undefined && b.rest.length === 0) {
      table.clear();
      return 0;
    }
    // bash 5.2: before any spec was ever registered, removing one is silently fine; afterwards a
    // name without a spec is an error
    if (!table.everUsed) return 0;
    let status = 0;
    for (const n of names) {
      if (!table.delete(n)) {
        ctx.error(`${n}: no completion specification`);
        status = 1;
      }
    }
    return status;
  }
  if (names.length === 0) {
    ctx.err(COMPLETE_USAGE + "\n");
    return 2;
  }
  for (const n of names) table.set(n, b.spec);
  return 0;
}

function* compgen(ctx: BuiltinContext): Gen<number> {
  if (ctx.args.length === 0) return 0;
  const b = buildActions(ctx, COMPGEN_USAGE, false);
  if (typeof b === "number") return b;
  if (!b.optGiven) return 0;
  const word = b.rest[0] ?? "";
  const spec = b.spec;
  if (spec.funcname !== undefined) ctx.error("warning: -F option may not work as you expect");
  if (spec.command !== undefined) ctx.error("warning: -C option may not work as you expect");
  const sh = ctx.sh;
  const r = yield* generate(sh, spec, { cmd: "compgen", word, line: "", point: 0, words: [], cword: -1 });
  let matches = r.matches;
  // -o bashdefault: bash's own completion of WORD finds nothing here (compgen runs outside
  // readline), so only -o default adds anything: file names.
  if (matches.length === 0 && spec.options.has("default")) matches = fileWords(sh, word);
  if (matches.length === 0) return 1;
  ctx.out(matches.map((m) => m + "\n").join(""));
  return 0;
}

function compopt(ctx: BuiltinContext): number {
  const on = new Set<CompOption>();
  const off = new Set<CompOption>();
  let special: string | undefined;
  let D = false;
  let E = false;
  let I = false;
  const args = ctx.args;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (a.length < 2 || (a[0] !== "-" && a[0] !== "+")) break;
    const plus = a[0] === "+";
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      if (c === "o") {
        const name = a.slice(k + 1) || args[++i];
        if (name === undefined) {
          ctx.error(`${a[0]}o: option requires an argument`);
          ctx.err(COMPOPT_USAGE + "\n");
          return 2;
        }
        if (!(COMP_OPTIONS as readonly string[]).includes(name)) {
          ctx.error(`${name}: invalid option name`);
          return 2;
        }
        (plus ? off : on).add(name as CompOption);
        break;
      }
      if (c === "D") D = true;
      else if (c === "E") E = true;
      else if (c === "I") I = true;
      else {
        ctx.error(`${a[0]}${c}: invalid option`);
        ctx.err(COMPOPT_USAGE + "\n");
        return 2;
      }
    }
  }
  special = D ? DEFAULT_CMD : E ? EMPTY_CMD : I ? INITIAL_WORD : undefined;
  const names = special !== undefined ? [special] : args.slice(i);
  const change = (s: CompSpec) => {
    for (const o of on) s.options.add(o);
    for (const o of off) s.options.delete(o);
  };
  if (names.length === 0) {
    const cur = ctx.sh.compCurrent;
    if (!cur) {
      ctx.error("not currently executing completion function");
      return 1;
    }
    if (on.size === 0 && off.size === 0) ctx.out(printCompopt(cur.name, cur.spec));
    else change(cur.spec);
    return 0;
  }
  let status = 0;
  for (const n of names) {
    const s = ctx.sh.compSpecs.forWrite(n);
    if (!s) {
      ctx.error(`${n}: no completion specification`);
      status = 1;
      continue;
    }
    if (on.size === 0 && off.size === 0) ctx.out(printCompopt(n, s));
    else change(s);
  }
  return status;
}

export const completeBuiltins: BuiltinDef[] = [
  {
    name: "complete",
    special: false,
    run: complete,
    synopsis:
      "complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [name ...]",
    description:
      "Specify how arguments are to be completed by Readline. For each NAME, specify how arguments " +
      "are to be completed. If no options are supplied, existing completion specifications are " +
      "printed in a way that allows them to be reused as input. -p prints existing completion " +
      "specifications in a reusable format; -r removes a completion specification for each NAME, or, " +
      "if no NAMEs are supplied, all completion specifications; -D applies the completions and actions " +
      "as the default for commands without any specific completion defined; -E applies them to " +
      '"empty" commands -- completion attempted on a blank line; -I applies them to the initial ' +
      "(usually the command) word. When completion is attempted, the actions are applied in the order " +
      "the uppercase-letter options are listed above. If multiple options are supplied, the -D option " +
      "takes precedence over -E, and both take precedence over -I. Exit Status: Returns success " +
      "unless an invalid option is supplied or an error occurs.",
  },
  {
    name: "compgen",
    special: false,
    run: compgen,
    synopsis:
      "compgen [-abcdefgjksuv] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [word]",
    description:
      "Display possible completions depending on the options. Intended to be used from within a " +
      "shell function generating possible completions. If the optional WORD argument is supplied, " +
      "matches against WORD are generated. Exit Status: Returns success unless an invalid option is " +
      "supplied or an error occurs.",
  },
  {
    name: "compopt",
    special: false,
    run: compopt,
    synopsis: "compopt [-o|+o option] [-DEI] [name ...]",
    description:
      "Modify or display completion options. Modify the completion options for each NAME, or, if no " +
      "NAMEs are supplied, the completion currently being executed. If no OPTIONs are given, print " +
      "the completion options for each NAME or the current completion specification. -o option sets " +
      'completion option OPTION for each NAME; -D changes options for the "default" command ' +
      'completion; -E changes options for the "empty" command completion; -I changes options for ' +
      "completion on the initial word. Using `+o' instead of `-o' turns off the specified option. " +
      "Each NAME refers to a command for which a completion specification must have previously been " +
      "defined using the `complete' builtin. If no NAMEs are supplied, compopt must be called by a " +
      "function currently generating completions, and the options for that currently-executing " +
      "completion generator are modified. Exit Status: Returns success unless an invalid option is " +
      "supplied or NAME does not have a completion specification defined.",
  },
];
