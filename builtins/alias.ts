// alias [-p] [name[=value] ...] and unalias [-a] name [name ...] -- the alias table
// (sh.aliases). Listing prints `alias name='value'` sorted by name, the value single-quoted
// with ' written as '\''. A name without '=' prints that alias or fails with "not found";
// names containing blanks, quotes, '/', '$', '`', '=' or shell metacharacters are invalid.
import type { BuiltinContext, BuiltinDef } from "./context.ts";

const BAD_ALIAS_CHARS = /[\s/$`=&;|<>()'"\\]/;

export function singleQuote(s: string): string {
  return "'" + s.replaceAll("'", "'\\''") + "'";
}

function show(name: string, value: string): string {
  return `alias ${name}=${singleQuote(value)}\n`;
}

function alias(ctx: BuiltinContext): number {
  const aliases = ctx.sh.aliases;
  const args = ctx.args;
  let i = 0;
  let printAll = false;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (a.length < 2 || a[0] !== "-") break;
    if (a === "-p") {
      printAll = true;
      continue;
    }
    ctx.error(`${a.slice(0, 2)}: invalid option`);
    ctx.err("alias: usage: alias [-p] [name[=value] ... ]\n");
    return 2;
  }
  if (i >= args.length || printAll) {
    const names = [...aliases.keys()].sort();
    ctx.out(names.map((n) => show(n, aliases.get(n)!)).join(""));
    if (i >= args.length) return 0;
  }
  let status = 0;
  let out = "";
  for (; i < args.length; i++) {
    const a = args[i]!;
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
  const args = ctx.args;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (a.length < 2 || a[0] !== "-") break;
    if (a === "-a") {
      aliases.clear();
      return 0;
    }
    ctx.error(`${a.slice(0, 2)}: invalid option`);
    ctx.err("unalias: usage: unalias [-a] name [name ...]\n");
    return 2;
  }
  if (i >= args.length) {
    ctx.err("unalias: usage: unalias [-a] name [name ...]\n");
    return 2;
  }
  let status = 0;
  for (; i < args.length; i++) {
    if (!aliases.delete(args[i]!)) {
      ctx.error(`${args[i]}: not found`);
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
