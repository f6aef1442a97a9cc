// history [-c] [-d offset] [n]   history -anrw [filename]   history -ps arg [arg ...]
//
// bash 5.2's history_builtin, over the shell's History (src/interactive/history.ts) at
// ctx.sh.history (created on first use, so `set -o history` works in scripts too):
// - listing: `history` shows every entry, `history n` the last n, as "%5d  %s" (with
//   HISTTIMEFORMAT: the entry's time through strftime between the two); a non-number is
//   "history: abc: numeric argument required" (status 1), two operands "too many arguments".
// - -c clears the list. -d offset deletes one entry, -d start-end a range; a negative offset
//   counts back from the end, -1 being the `history -d` command itself; out of range is
//   "history: 99: history position out of range" (status 1).
// - -a appends the entries not yet saved to the file (ours are saved as they are added, so this
//   only matters after -s or when HISTFILE was set late), -n reads entries other shells appended,
//   -r reads the file into the list, -w writes the list over the file; a filename operand stands
//   for $HISTFILE.
// - -s stores its arguments, joined by spaces, as one entry; -p prints each argument history-
//   expanded and stores nothing ("history: !x: history expansion failed", status 1). With the
//   history option on, both first remove the last entry (the history command line itself), as
//   bash does.
// - An unknown option: "history: -z: invalid option" and the usage line, status 2.
import { parseOptions } from "./options.ts";
import { numericArg } from "./numeric-arg.ts";
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { History } from "../src/interactive/history.ts";
import { expandStateFor, historyExpand } from "../src/interactive/history-expand.ts";
import { shellTimeZone, strftimeIn } from "./printf-format.ts";
import type { Gen } from "../src/exec/gen.ts";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const USAGE = "history: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n";

/** What the history builtin needs from the shell. */
export interface HistoryShell {
  history: unknown;
  vars: { get(name: string): string | undefined; environ?(): string[] };
  opts: { history: boolean; extglob: boolean };
}

/** The shell's History, created on first use (an interactive shell creates and loads it at
 *  start-up through src/interactive/session.ts; a script gets an empty one). */
export function shellHistory(sh: HistoryShell): History {
  if (!(sh.history instanceof History)) sh.history = new History({ lookup: (n) => sh.vars.get(n) });
  return sh.history as History;
}

const INTEGER = /^[-+]?\d+$/;

function pad5(n: number): string {
  const s = String(n);
  return s.length >= 5 ? s : "     ".slice(s.length) + s;
}

function run(ctx: BuiltinContext): number {
  const sh = ctx.sh as unknown as HistoryShell;
  const h = shellHistory(sh);
  const parsed = parseOptions(ctx, "acd:npsrw", USAGE.trimEnd());
  if (typeof parsed === "number") return parsed;
  let flags = "";
  let deleteSpec: string | undefined;
  for (const o of parsed.opts) {
    if (o.letter === "d") deleteSpec = o.arg;
    else flags += o.letter;
  }
  const operands = parsed.rest;
  const fileFlags = [..."anrw"].filter((f) => flags.includes(f));
  if (fileFlags.length > 1) {
    ctx.error("cannot use more than one of -anrw");
    return 1;
  }

  if (flags.includes("c")) {
    h.clear();
    if (deleteSpec === undefined && fileFlags.length === 0) return 0;
  }
  if (deleteSpec !== undefined) return deleteEntries(ctx, h, deleteSpec);

  if (flags.includes("s")) {
    if (sh.opts.history && h.length > 0) h.delete(h.nextNumber - 1);
    if (operands.length > 0) h.push({ line: operands.join(" "), time: Math.floor(Date.now() / 1000) });
    return 0;
  }
  if (flags.includes("p")) {
    if (sh.opts.history && h.length > 0) h.delete(h.nextNumber - 1);
    const st = expandStateFor(h);
    let status = 0;
    for (const a of operands) {
      const r = historyExpand(a, h, st, { extglob: sh.opts.extglob });
      if (r.ok) ctx.out(r.line + "\n");
      else {
        ctx.error(`${a}: history expansion failed`);
        status = 1;
      }
    }
    return status;
  }
  if (fileFlags.length === 1) {
    const file = operands[0] ?? h.file();
    const f = fileFlags[0]!;
    const ok = f === "a" ? h.appendNew(file) : f === "n" ? h.readNew(file) : f === "r" ? h.readFile(file) : h.writeFile(file);
    if (!ok) {
      ctx.error(`${file}: cannot ${f === "r" || f === "n" ? "read" : "write"} history file`);
      return 1;
    }
    return 0;
  }

  // Listing: the last N entries (bash's get_numeric_arg: one number, else the line is abandoned)
  let count = h.length;
  const n = numericArg(ctx, operands);
  if (n === "bad") return 1;
  if (n.value !== undefined) count = Math.min(Math.max(0, Number(n.value)), h.length);
  const fmt = sh.vars.get("HISTTIMEFORMAT");
  const tz = sh.vars.environ ? shellTimeZone(sh.vars as { environ(): string[] }) : process.env.TZ;
  let out = "";
  for (let n = h.nextNumber - count; n < h.nextNumber; n++) {
    const e = h.get(n)!;
    const when = fmt === undefined ? "" : e.time > 0 ? strftimeIn(fmt, new Date(e.time * 1000), tz) : "??";
    out += `${pad5(n)}  ${when}${e.line}\n`;
  }
  ctx.out(out);
  return 0;
}

/** -d offset | -d start-end */
function deleteEntries(ctx: BuiltinContext, h: History, spec: string): number {
  const toNumber = (s: string): number | undefined => {
    if (!INTEGER.test(s)) return undefined;
    const v = Number(s);
    const n = v < 0 ? h.nextNumber + v : v;
    return n >= h.base && n < h.nextNumber ? n : undefined;
  };
  const range = /^(-?\d+)-(-?\d+)$/.exec(spec);
  if (range) {
    const a = toNumber(range[1]!);
    const b = toNumber(range[2]!);
    if (a === undefined || b === undefined || b < a) {
      ctx.error(`${spec}: history position out of range`);
      return 1;
    }
    for (let n = b; n >= a; n--) h.delete(n);
    return 0;
  }
  const n = toNumber(spec);
  if (n === undefined) {
    ctx.error(`${spec}: history position out of range`);
    return 1;
  }
  h.delete(n);
  return 0;
}

// ------------------------------------------------------------------------------------------------
// fc [-e ename] [-lnr] [first [last]]     fc -s [pat=rep] [command]
//
// bash 5.2's fc_builtin. The current command (the fc line itself, already in the history) is never
// selected. first/last are history numbers, negative offsets from the current command (-1 is the
// previous one; 0 means -1), or a string: the most recent command starting with it. Numbers out of
// range are clamped; a string that matches nothing is "fc: no command found" (status 1).
// - -l lists (default range -16..-1) as "%d\t %s", -n without numbers, -r (or first > last)
//   in reverse.
// - -s (or -e -) re-runs one command (default -1) after replacing every `pat` by `rep`.
// - otherwise the range (default -1, last defaulting to first) is written to a temporary file,
//   edited with $FCEDIT, $EDITOR or vi; if the editor succeeds the file is run.
// Commands that are run are printed to stderr first and replace the fc line in the history.

const FC_USAGE = "fc: usage: fc [-e ename] [-lnr] [first] [last] or fc -s [pat=rep] [command]\n";

/** What fc needs beyond the history builtin. */
export interface FcShell extends HistoryShell {
  runString(source: string, name: string): Gen<number>;
}

function shellQuote(s: string): string {
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

function fcRun(ctx: BuiltinContext): number | Gen<number> {
  const sh = ctx.sh as unknown as FcShell;
  const h = shellHistory(sh);
  const args = ctx.args;
  let list = false;
  let numbers = true;
  let reverse = false;
  let reexec = false;
  let editor: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (a[0] !== "-" || a.length === 1 || /^-\d+$/.test(a)) break;
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      if (c === "l") list = true;
      else if (c === "n") numbers = false;
      else if (c === "r") reverse = true;
      else if (c === "s") reexec = true;
      else if (c === "e") {
        const rest = a.slice(k + 1);
        editor = rest !== "" ? rest : args[++i];
        if (editor === undefined) {
          ctx.error("-e: option requires an argument");
          ctx.err(FC_USAGE);
          return 2;
        }
        break;
      } else {
        ctx.error(`-${c}: invalid option`);
        ctx.err(FC_USAGE);
        return 2;
      }
    }
  }
  if (editor === "-") reexec = true;
  const operands = args.slice(i);
  // The newest selectable entry: the one before the fc command itself.
  const current = h.nextNumber - 1;
  const newest = sh.opts.history ? current - 1 : current;
  const oldest = h.base;

  /** A history spec to a number; undefined when a string matches nothing. */
  const resolve = (spec: string): number | undefined => {
    if (/^[-+]?\d+$/.test(spec)) {
      let n = Number(spec);
      if (n <= 0) n = (sh.opts.history ? current : current + 1) + (n === 0 ? -1 : n);
      return Math.max(oldest, Math.min(newest, n));
    }
    for (let n = newest; n >= oldest; n--) if (h.line(n)!.startsWith(spec)) return n;
    return undefined;
  };

  if (reexec) {
    let pat: string | undefined;
    let rep = "";
    let k = 0;
    if (operands[k] !== undefined && operands[k]!.includes("=")) {
      const eq = operands[k]!.indexOf("=");
      pat = operands[k]!.slice(0, eq);
      rep = operands[k]!.slice(eq + 1);
      k++;
    }
    if (newest < oldest) {
      ctx.error("no command found");
      return 1;
    }
    const n = operands[k] !== undefined ? resolve(operands[k]!) : newest;
    if (n === undefined) {
      ctx.error("no command found");
      return 1;
    }
    let command = h.line(n)!;
    if (pat) command = command.split(pat).join(rep);
    return runCommands(ctx, sh, h, command);
  }

  if (newest < oldest) {
    if (list) return 0;
    ctx.error("no command found");
    return 1;
  }
  let first: number | undefined;
  let last: number | undefined;
  if (operands.length > 2) {
    ctx.err(FC_USAGE);
    return 2;
  }
  if (operands.length >= 1) {
    first = resolve(operands[0]!);
    last = operands.length === 2 ? resolve(operands[1]!) : list ? newest : first;
  } else {
    first = list ? resolve("-16") : newest;
    last = newest;
  }
  if (first === undefined || last === undefined) {
    ctx.error("no command found");
    return 1;
  }
  if (first > last) {
    [first, last] = [last, first];
    reverse = !reverse;
  }

  if (list) {
    let out = "";
    for (let k = 0; k <= last - first; k++) {
      const n = reverse ? last - k : first + k;
      out += (numbers ? String(n) : "") + "\t " + h.line(n)! + "\n";
    }
    ctx.out(out);
    return 0;
  }

  // Edit, then run.
  let text = "";
  for (let k = 0; k <= last - first; k++) text += h.line(reverse ? last - k : first + k)! + "\n";
  const ed = editor ?? sh.vars.get("FCEDIT") ?? sh.vars.get("EDITOR") ?? "vi";
  return (function* (): Gen<number> {
    const dir = fs.mkdtempSync(path.join(sh.vars.get("TMPDIR") || os.tmpdir(), "ipsh-fc-"));
    const file = path.join(dir, "fc.sh");
    try {
      fs.writeFileSync(file, text, { mode: 0o600 });
      const st = yield* sh.runString(`${ed} ${shellQuote(file)}`, "fc");
      if (st !== 0) return st;
      const edited = fs.readFileSync(file, "utf8");
      if (edited.trim() === "") return 0;
      return yield* runCommands(ctx, sh, h, edited.replace(/\n$/, ""));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  })();
}

/** Prints the commands, puts them in the history instead of the fc line, and runs them. */
function runCommands(ctx: BuiltinContext, sh: FcShell, h: History, command: string): Gen<number> {
  ctx.err(command + "\n");
  if (sh.opts.history) {
    if (h.length > 0) h.delete(h.nextNumber - 1);
    for (const l of command.split("\n")) if (l.trim() !== "") h.push({ line: l, time: Math.floor(Date.now() / 1000) });
  }
  return sh.runString(command, "fc");
}

export const fcBuiltin: BuiltinDef = {
  name: "fc",
  special: false,
  run: fcRun,
  synopsis: "fc [-e ename] [-lnr] [first] [last] or fc -s [pat=rep] [command]",
  description:
    "Display or execute commands from the history list. -l lists (-n without numbers, -r reversed); " +
    "-s re-executes a command after replacing pat with rep; otherwise the commands from first to last " +
    "are edited with $FCEDIT (or $EDITOR, or vi) and run.",
};

export const historyBuiltin: BuiltinDef = {
  name: "history",
  special: false,
  run,
  synopsis: "history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]",
  description:
    "Display or manipulate the history list. With no options, list the history with line numbers; " +
    "n lists the last n entries. -c clears the list, -d deletes an entry (or a start-end range), " +
    "-a appends new entries to the history file, -n reads entries not yet read from it, -r reads it, " +
    "-w writes the list to it, -p performs history expansion on each arg and prints the result, " +
    "-s stores the args as one entry. HISTTIMEFORMAT adds a time stamp to each listed entry.",
};
