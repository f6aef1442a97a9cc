// bind -- bash's interface to the line editor's key bindings and readline variables (bind.def).
//
//  bind [-lpsvPSVX] [-m keymap] [-f file] [-q name] [-u name] [-r keyseq] [-x keyseq:shell-command]
//       [keyseq:function-name | keyseq:"macro" | "set variable value" ...]
//
// The work is done in bash's order: -l, -p/-P, -s/-S, -v/-V, -f, -q, -u, -r, -x, -X, then each
// argument as an inputrc line. -m chooses the keymap for all of them. The bindings live on the
// shell state (src/interactive/bindings.ts); the editor uses them from the next key it reads.
// A shell without line editing (not interactive) warns, and does it all the same, as bash.
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { parseOptions } from "./options.ts";
import { isReadlineFunction, keymapNamed, type KeymapName } from "../src/interactive/bindings.ts";
import { shellBindings } from "../src/interactive/shell-bindings.ts";
import { readInitFile } from "../src/interactive/inputrc.ts";
import { READLINE_FUNCTIONS } from "../src/interactive/readline-names.ts";
import { translateKeyseq } from "../src/interactive/keyseq.ts";

const USAGE =
  "bind: usage: bind [-lpsvPSVX] [-m keymap] [-f filename] [-q name] [-u name] [-r keyseq] [-x keyseq:shell-command] [keyseq:readline-function or readline-command]";

function runBind(ctx: BuiltinContext): number {
  const sh = ctx.sh;
  if (!sh.interactive) ctx.error("warning: line editing not enabled");
  const parsed = parseOptions(ctx, "lvpVPsSXf:q:u:m:r:x:", USAGE);
  if (typeof parsed === "number") return parsed;
  const b = shellBindings(sh, true);
  const flags = new Set<string>();
  const arg: Record<string, string> = {};
  for (const o of parsed.opts) {
    flags.add(o.letter);
    if (o.arg !== undefined) arg[o.letter] = o.arg;
  }
  let map: KeymapName = b.current;
  let prefix = "";
  if (arg.m !== undefined) {
    const km = keymapNamed(arg.m);
    if (!km) {
      ctx.error(`\`${arg.m}': invalid keymap name`);
      return 1;
    }
    [map, prefix] = km;
  }
  let status = 0;
  if (flags.has("l")) ctx.out(READLINE_FUNCTIONS.map((f) => f + "\n").join(""));
  if (flags.has("p")) ctx.out(b.listFunctions(map, prefix, true));
  if (flags.has("P")) ctx.out(b.listFunctions(map, prefix, false));
  if (flags.has("s")) ctx.out(b.listOf("macro", map, prefix, true));
  if (flags.has("S")) ctx.out(b.listOf("macro", map, prefix, false));
  if (flags.has("v")) ctx.out(b.listVariables(true));
  if (flags.has("V")) ctx.out(b.listVariables(false));
  if (arg.f !== undefined) {
    const saved = b.current;
    b.current = map;
    const e = readInitFile(b, arg.f, initContext(ctx));
    b.current = saved;
    if (e) {
      ctx.error(`${arg.f}: cannot read: ${e}`);
      return 1;
    }
  }
  if (arg.q !== undefined) {
    if (!isReadlineFunction(arg.q)) {
      ctx.error(`\`${arg.q}': unknown function name`);
      return 1;
    }
    const text = b.queryText(map, prefix, arg.q);
    ctx.out(text);
    // bash: status 1 when the function is not bound
    if (b.keysFor(map, arg.q, prefix).length === 0) status = 1;
  }
  if (arg.u !== undefined) {
    if (!isReadlineFunction(arg.u)) {
      ctx.error(`\`${arg.u}': unknown function name`);
      return 1;
    }
    b.unbindFunction(map, arg.u);
  }
  if (arg.r !== undefined) b.bind(map, prefix + translateKeyseq(arg.r), undefined);
  if (arg.x !== undefined) {
    const r = parseShellBinding(arg.x);
    if (typeof r === "string") {
      ctx.error(r);
      return 1;
    }
    b.bind(map, prefix + r.keys, { kind: "shell", command: r.command });
  }
  if (flags.has("X")) ctx.out(b.listOf("shell", map, prefix, true));
  for (const line of parsed.rest) {
    const e = b.parseAndBind(line, map, prefix);
    if (e) ctx.err(`readline: ${e}\n`);
  }
  return status;
}

/** The `"keyseq": command` of `bind -x` (bash's bind_keyseq_to_unix_command): the key sequence
 *  must be quoted; the command may be, and its quotes are removed. */
export function parseShellBinding(line: string): { keys: string; command: string } | string {
  const seq = isolate(line, 0, true);
  if (typeof seq === "string") return seq;
  let i = seq.end;
  while (i < line.length && line[i] !== ":") i++;
  if (line[i] !== ":") return `${line}: missing colon separator`;
  const cmd = isolate(line, i + 1, false);
  if (typeof cmd === "string") return cmd;
  return { keys: translateKeyseq(seq.text), command: cmd.text };
}

/** bash's isolate_sequence: the text from `start` (after blanks), inside its quotes when quoted. */
function isolate(line: string, start: number, requireQuote: boolean): { text: string; end: number } | string {
  let i = start;
  while (line[i] === " " || line[i] === "\t") i++;
  const q = line[i];
  if (requireQuote && q !== '"') return `${line}: first non-whitespace character is not \`"'`;
  if (q !== '"' && q !== "'") return { text: line.slice(i), end: line.length };
  const from = ++i;
  while (i < line.length && line[i] !== q) i += line[i] === "\\" ? 2 : 1;
  if (i >= line.length) return `no closing \`${q}' in ${line}`;
  return { text: line.slice(from, i), end: i + 1 };
}

function initContext(ctx: BuiltinContext) {
  return {
    term: ctx.sh.vars.get("TERM"),
    home: ctx.sh.vars.get("HOME"),
    error: (m: string) => ctx.err(m + "\n"),
  };
}

export const bindBuiltin: BuiltinDef = {
  name: "bind",
  special: false,
  run: runBind,
  synopsis:
    "bind [-lpsvPSVX] [-m keymap] [-f filename] [-q name] [-u name] [-r keyseq] [-x keyseq:shell-command] [keyseq:readline-function or readline-command]",
  description: "Set Readline key bindings and variables.",
};
