// type [-afptP] name [name ...] -- how each NAME would be interpreted as a command, in bash's
// order: alias (only while expand_aliases is on, as bash), keyword, function, builtin, then
// the hash table and $PATH. -t prints one word (alias keyword function builtin file), -p the
// file that would run (nothing if NAME is not a file), -P searches PATH regardless, -a lists
// every interpretation (all PATH matches, ignoring the hash table), -f skips functions.
import { statSync } from "node:fs";
import type { BuiltinContext, BuiltinDef } from "./context.ts";

/** The reserved words (bash's list, in the order `compgen -k` prints them). */
export const KEYWORDS = new Set([
  "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do", "done",
  "in", "function", "time", "{", "}", "!", "[[", "]]", "coproc",
]);

function isExecutableFile(p: string): boolean {
  try {
    const st = statSync(p);
    return st.isFile() && (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** Every executable NAME in $PATH, in order (empty entries mean the current directory). */
export function pathMatches(sh: BuiltinContext["sh"], name: string, all: boolean): string[] {
  const out: string[] = [];
  if (name.includes("/")) {
    const p = name[0] === "/" ? name : `${sh.cwd}/${name}`;
    return isExecutableFile(p) ? [name] : [];
  }
  for (const dir of (sh.vars.get("PATH") ?? "").split(":")) {
    const d = dir === "" ? "." : dir;
    const abs = d[0] === "/" ? d : `${sh.cwd}/${d}`;
    if (isExecutableFile(`${abs}/${name}`)) {
      out.push(`${d}/${name}`);
      if (!all) break;
    }
  }
  return out;
}

function type(ctx: BuiltinContext): number {
  const sh = ctx.sh;
  let all = false;
  let noFuncs = false;
  let pathOnly = false;
  let forcePath = false;
  let terse = false;
  const args = ctx.args;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (a.length < 2 || a[0] !== "-") break;
    for (const c of a.slice(1)) {
      if (c === "a") all = true;
      else if (c === "f") noFuncs = true;
      else if (c === "p") pathOnly = true;
      else if (c === "P") forcePath = true;
      else if (c === "t") terse = true;
      else {
        ctx.error(`-${c}: invalid option`);
        ctx.err("type: usage: type [-afptP] name [name ...]\n");
        return 2;
      }
    }
  }
  const names = args.slice(i);
  if (names.length === 0) return 0;
  let status = 0;
  let out = "";
  for (const name of names) {
    let found = false;
    if (!forcePath) {
      const alias = sh.opts.expand_aliases ? sh.aliases.get(name) : undefined;
      if (alias !== undefined) {
        found = true;
        if (terse) out += "alias\n";
        else if (!pathOnly) out += `${name} is aliased to \`${alias}'\n`;
      }
      if ((!found || all) && KEYWORDS.has(name)) {
        found = true;
        if (terse) out += "keyword\n";
        else if (!pathOnly) out += `${name} is a shell keyword\n`;
      }
      const fn = noFuncs ? undefined : sh.functions.get(name);
      if ((!found || all) && fn) {
        found = true;
        if (terse) out += "function\n";
        else if (!pathOnly) out += `${name} is a function\n${fn.source ?? `${name} () \n{ \n}`}\n`;
      }
      if ((!found || all) && sh.builtins.has(name)) {
        found = true;
        if (terse) out += "builtin\n";
        else if (!pathOnly) {
          const special = sh.builtins.get(name)!.special && sh.opts.posix;
          out += `${name} is a ${special ? "special " : ""}shell builtin\n`;
        }
      }
      if (found && !all) {
        if (pathOnly && !terse) found = true;
        continue;
      }
    }
    const hashed = !all && !name.includes("/") ? sh.hash.get(name) : undefined;
    if (hashed !== undefined && !forcePath) {
      found = true;
      out += terse ? "file\n" : pathOnly ? `${hashed}\n` : `${name} is hashed (${hashed})\n`;
      continue;
    }
    const paths = hashed !== undefined ? [hashed] : pathMatches(sh, name, all);
    for (const p of paths) {
      found = true;
      out += terse ? "file\n" : pathOnly || forcePath ? `${p}\n` : `${name} is ${p}\n`;
    }
    if (!found) {
      status = 1;
      if (!terse && !pathOnly && !forcePath) {
        if (out) ctx.out(out), (out = "");
        ctx.error(`${name}: not found`);
      }
    }
  }
  if (out) ctx.out(out);
  return status;
}

export const typeBuiltin: BuiltinDef = {
  name: "type",
  special: false,
  run: type,
  synopsis: "type [-afptP] name [name ...]",
  description:
    "Display information about command type: for each NAME, how it would be interpreted if used as " +
    "a command name. -a shows all locations, -f skips functions, -P searches $PATH only, -p prints " +
    "the file that would be executed, -t prints a single word: alias, keyword, function, builtin or file.",
};
