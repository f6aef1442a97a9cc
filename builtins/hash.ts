// hash [-lr] [-p pathname] [-dt] [name ...] -- bash's remembered command locations
// (sh.hash: name -> path, sh.hashHits: name -> times used). The executor fills the table on
// PATH lookups (set -h); `hash name` looks the name up now (hits 0). Listing prints bash's
// "hits\tcommand" table, -l prints reusable `builtin hash -p path name` lines, -t prints paths.
import { parseOptions } from "./options.ts";
import type { BuiltinContext, BuiltinDef } from "./context.ts";

const USAGE = "hash: usage: hash [-lr] [-p pathname] [-dt] [name ...]";

interface HashShell {
  hashHits?: Map<string, number>;
}

function hash(ctx: BuiltinContext): number {
  const sh = ctx.sh;
  const table = sh.hash;
  const hits = ((sh as unknown as HashShell).hashHits ??= new Map());
  const parsed = parseOptions(ctx, "lrdtp:", USAGE);
  if (typeof parsed === "number") return parsed;
  const has = (c: string) => parsed.opts.some((o) => o.letter === c);
  const list = has("l");
  const reset = has("r");
  const del = has("d");
  const print = has("t");
  const path = parsed.opts.findLast((o) => o.letter === "p")?.arg;
  const names = parsed.rest;
  if (reset) {
    table.clear();
    hits.clear();
  }
  if ((del || print) && names.length === 0) {
    ctx.error(`-${del ? "d" : "t"}: option requires an argument`);
    return 1;
  }
  if (names.length === 0) {
    if (reset && !list) return 0;
    if (table.size === 0) {
      ctx.out("hash: hash table empty\n");
      return 0;
    }
    let out = list ? "" : "hits\tcommand\n";
    for (const [name, p] of table) {
      out += list ? `builtin hash -p ${p} ${name}\n` : `${String(hits.get(name) ?? 0).padStart(4)}\t${p}\n`;
    }
    ctx.out(out);
    return 0;
  }
  let status = 0;
  let out = "";
  for (const name of names) {
    if (path !== undefined) {
      table.set(name, path);
      hits.set(name, 0);
    } else if (del) {
      if (!table.delete(name)) {
        ctx.error(`${name}: not found`);
        status = 1;
      }
      hits.delete(name);
    } else if (print || list) {
      const p = table.get(name);
      if (p === undefined) {
        ctx.error(`${name}: not found`);
        status = 1;
      } else if (list) out += `builtin hash -p ${p} ${name}\n`;
      else out += names.length > 1 ? `${name}\t${p}\n` : `${p}\n`;
    } else {
      if (name.includes("/")) continue;
      if (sh.builtins.has(name) || sh.functions.has(name)) continue;
      const p = sh.findInPath(name);
      if (p === undefined) {
        ctx.error(`${name}: not found`);
        status = 1;
      } else {
        table.set(name, p);
        hits.set(name, 0);
      }
    }
  }
  if (out) ctx.out(out);
  return status;
}

export const hashBuiltin: BuiltinDef = {
  name: "hash",
  special: false,
  run: hash,
  synopsis: "hash [-lr] [-p pathname] [-dt] [name ...]",
  description:
    "Remember or display program locations. Without arguments lists the remembered commands with " +
    "their hit counts. NAMEs are searched in $PATH and remembered. -d forgets NAMEs, -l prints a " +
    "reusable list, -p uses PATHNAME as the location of NAME, -r forgets all, -t prints locations.",
};
