// alias [-p] [name[=value] ...] and unalias [-a] name [name ...] -- the alias table
// (sh.aliases). Listing prints `alias name='value'` sorted by name, the value single-quoted
// with ' written as '\''. A name without '=' prints that alias or fails with "not found";
// names containing blanks, quotes, '/', '$', '`', '=' or shell metacharacters are invalid.
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { parseOptions } from "./options.ts";

const BAD_ALIAS_CHARS = /[\s/$`=&;|<>()'"\\]/;

export function singleQuote(s: string): string {
  return "'" + s.replaceAll("'", "'\\''") + "'";
}

/** bash's print_alias: a name starting with '-' is written after `--` so that the line reads back. */
function show(name: string, value: string): string {
  return `alias ${name[0] === "-" ? "-- " : ""}${name}=${singleQuote(value)}\n`;
}

const ALIAS_USAGE = "alias: usage: alias [-p] [name[=value] ... ]";
const UNALIAS_USAGE = "unalias: usage: unalias [-a] name [name ...]";

function alias(ctx: BuiltinContext): number {
  const aliases = ctx.sh.aliases;
  const parsed = parseOptions(ctx, "p", ALIAS_USAGE);
  if (typeof parsed === "number") return parsed;
  const args = parsed.rest;
  if (args.length === 0 || parsed.opts.length > 0) {
    // bash: with -p and no alias defined it returns at once, defining nothing
    if (aliases.size === 0) return 0;
    const names = [...aliases.keys()].sort();
    ctx.out(names.map((n) => show(n, aliases.get(n)!)).join(""));
    if (args.length === 0) return 0;
  }
  let status = 0;
  let out = "";
  for (const a of args) {
    const eq = a.indexOf("=");
    if (eq > 0) {
      const name = a.slice(0, eq);
      if (BAD_ALIAS_CHARS.test(name)) {
        ctx.error(`\`${name}': invalid alias name`);
        status = 1;
        continue;
      }
      aliases.set(name, a.slice(eq + 1));
      continue;
    }
    const v = aliases.get(a);
    if (v === undefined) {
      if (out) ctx.out(out), (out = "");
      ctx.error(`${a}: not found`);
      status = 1;
    } else out += show(a, v);
  }
  if (out) ctx.out(out);
  return status;
}

function unalias(ctx: BuiltinContext): number {
  const aliases = ctx.sh.aliases;
  const parsed = parseOptions(ctx, "a", UNALIAS_USAGE);
  if (typeof parsed === "number") return parsed;
  if (parsed.opts.length > 0) {
    aliases.clear(); // -a: the names after it are not looked at
    return 0;
  }
  const args = parsed.rest;
  if (args.length === 0) {
    ctx.err(UNALIAS_USAGE + "\n");
    return 2;
  }
  let status = 0;
  for (const name of args) {
    if (!aliases.delete(name)) {
      ctx.error(`${name}: not found`);
      status = 1;
    }
  }
  return status;
}

export const aliasBuiltin: BuiltinDef = {
  name: "alias",
  special: false,
  run: alias,
  synopsis: "alias [-p] [name[=value] ... ]",
  description:
    "Define or display aliases. Without arguments (or with -p) prints the list of aliases in the " +
    "reusable form `alias NAME=VALUE'. Otherwise defines an alias for each NAME whose VALUE is given, " +
    "or prints the alias NAME. A trailing space in VALUE makes the next word subject to alias expansion.",
};

export const unaliasBuiltin: BuiltinDef = {
  name: "unalias",
  special: false,
  run: unalias,
  synopsis: "unalias [-a] name [name ...]",
  description: "Remove each NAME from the list of defined aliases. -a removes all alias definitions.",
};
