// help [-dms] [pattern ...] -- documentation of the builtins, read from the one registry
// (ctx.sh.builtins: each BuiltinDef carries its synopsis and description). With no pattern it
// lists every synopsis in two columns; a pattern is a glob, or a prefix when it has no glob
// characters (as in bash). -d prints short descriptions, -s synopses, -m a man-page layout.
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { parseOptions } from "./options.ts";

const globCache = new Map<string, RegExp>();

function globToRegExp(p: string): RegExp {
  let re = globCache.get(p);
  if (re) return re;
  let s = "^";
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === "*") s += ".*";
    else if (c === "?") s += ".";
    else if (c === "[") {
      const end = p.indexOf("]", i + 2);
      if (end < 0) s += "\\[";
      else {
        let body = p.slice(i + 1, end);
        if (body[0] === "!") body = "^" + body.slice(1);
        s += "[" + body.replace(/\\/g, "\\\\") + "]";
        i = end;
      }
    } else s += c.replace(/[.+^${}()|\\/]/g, "\\$&");
  }
  try {
    re = new RegExp(s + "$");
  } catch {
    re = /(?!)/; // an invalid bracket expression (such as [z-a]) matches nothing
  }
  globCache.set(p, re);
  return re;
}

/** Word-wrap text at width, each line indented. */
/** A glob pattern (bash's glob_pattern_p): * or ?, or a bracket expression that is closed. */
function isGlob(p: string): boolean {
  return /[*?]|\[.+\]/.test(p);
}

function wrap(text: string, indent: string, width = 76): string {
  let out = "";
  let line = "";
  for (const w of text.split(/\s+/)) {
    if (!w) continue;
    if (line && line.length + 1 + w.length > width - indent.length) {
      out += indent + line + "\n";
      line = w;
    } else line = line ? line + " " + w : w;
  }
  if (line) out += indent + line + "\n";
  return out;
}

function shortDesc(b: BuiltinDef): string {
  const m = /^.*?\.(?=\s|$)/.exec(b.description);
  return m ? m[0] : b.description;
}

function listAll(ctx: BuiltinContext, defs: BuiltinDef[]): void {
  let out =
    "ipsh, a Unix shell in TypeScript on Bun\n" +
    "These shell commands are defined internally.  Type `help' to see this list.\n" +
    "Type `help name' to find out more about the function `name'.\n" +
    "Use `man -k' or `info' to find out more about commands not in this list.\n\n";
  const cells = defs.map((b) => {
    const s = " " + b.synopsis;
    return s.length > 39 ? s.slice(0, 38) + ">" : s;
  });
  const half = Math.ceil(cells.length / 2);
  for (let i = 0; i < half; i++) {
    const right = cells[i + half];
    out += right === undefined ? cells[i] + "\n" : cells[i]!.padEnd(40) + right + "\n";
  }
  ctx.out(out);
}

function help(ctx: BuiltinContext): number {
  const parsed = parseOptions(ctx, "dms", "help: usage: help [-dms] [pattern ...]");
  if (typeof parsed === "number") return parsed;
  // bash: -d wins over -m, and -m over -s, whatever their order
  const given = new Set(parsed.opts.map((o) => o.letter));
  const mode = given.has("d") ? "d" : given.has("m") ? "m" : given.has("s") ? "s" : "";
  const defs = [...ctx.sh.builtins.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const patterns = parsed.rest;
  if (patterns.length === 0) {
    listAll(ctx, defs);
    return 0;
  }
  let out = "";
  let any = false;
  if (patterns.some(isGlob))
    out += `Shell commands matching keyword${patterns.length > 1 ? "s" : ""} \`${patterns.join(", ")}'\n\n`;
  for (const p of patterns) {
    // bash: exact names and glob matches first; prefixes only when those found nothing
    let hits = defs.filter((b) => b.name === p || (isGlob(p) && globToRegExp(p).test(b.name)));
    if (hits.length === 0) hits = defs.filter((b) => b.name.startsWith(p));
    for (const b of hits) {
      any = true;
      if (mode === "d") out += `${b.name} - ${shortDesc(b)}\n`;
      else if (mode === "s") out += `${b.name}: ${b.synopsis}\n`;
      else if (mode === "m")
        out +=
          `NAME\n    ${b.name} - ${shortDesc(b)}\n\nSYNOPSIS\n    ${b.synopsis}\n\nDESCRIPTION\n` +
          wrap(b.description, "    ") +
          "\n";
      else out += longHelp(b);
    }
  }
  if (!any) {
    const p = patterns[patterns.length - 1]!;
    ctx.error(`no help topics match \`${p}'.  Try \`help help' or \`man -k ${p}' or \`info ${p}'.`);
    return 1;
  }
  ctx.out(out);
  return 0;
}

/** `help name`'s text for one builtin (also what `name --help` prints). */
export function longHelp(b: BuiltinDef): string {
  return `${b.name}: ${b.synopsis}\n` + wrap(b.description, "    ");
}

export const helpBuiltin: BuiltinDef = {
  name: "help",
  special: false,
  run: help,
  synopsis: "help [-dms] [pattern ...]",
  description:
    "Display information about builtin commands. Displays brief summaries of builtin commands. If " +
    "PATTERN is specified, gives detailed help on all commands matching PATTERN, otherwise the list of " +
    "help topics is printed. -d outputs a short description for each topic, -m displays usage in " +
    "pseudo-manpage format, -s outputs only a short usage synopsis for each topic matching PATTERN.",
};
