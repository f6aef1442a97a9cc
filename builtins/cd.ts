// cd, pwd -- the working directory (pushd, popd and dirs, bash's directory stack, are in dirstack.ts).
//
// The shell's working directory is logical (sh.cwd, absolute, may contain symlinks); `cd -P`
// and `pwd -P` resolve it physically. cd follows bash: no argument means $HOME, "-" means
// $OLDPWD (and prints the new directory), a relative name not starting with ./ or ../ is
// searched in $CDPATH (printing the result when a non-empty CDPATH entry matched); OLDPWD and
// PWD are updated.
import { fsPath, pathText } from "../src/sys/utf8.ts";
import { accessSync, constants, realpathSync, statSync } from "node:fs";
import { parseOptions } from "./options.ts";
import type { BuiltinContext, BuiltinDef } from "./context.ts";

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: "No such file or directory",
  ENOTDIR: "Not a directory",
  EACCES: "Permission denied",
  ELOOP: "Too many levels of symbolic links",
  ENAMETOOLONG: "File name too long",
};

/** Lexically canonical absolute path: resolves ".", ".." and repeated slashes. A leading "//"
 *  (exactly two) is kept, as bash does: POSIX leaves its meaning to the implementation. */
export function canonicalize(abs: string): string {
  const root = abs.startsWith("//") && abs[2] !== "/" ? "//" : "/";
  const out: string[] = [];
  for (const part of abs.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return root + out.join("/");
}

function absolute(cwd: string, p: string): string {
  return p[0] === "/" ? p : (cwd === "/" ? "" : cwd) + "/" + p;
}

/** Why the directory cannot be entered (bash's strerror text), or undefined if it can. */
function enterError(path: string): string | undefined {
  try {
    if (!statSync(fsPath(path)).isDirectory()) return ERRNO_TEXT.ENOTDIR;
    accessSync(fsPath(path), constants.X_OK);
    return undefined;
  } catch (e) {
    const code = (e as { code?: string }).code ?? "";
    return ERRNO_TEXT[code] ?? code;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(fsPath(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Change directory to `dir` (already chosen: $HOME, $OLDPWD or the argument). Returns an error
 * message, or the new logical cwd. `physical` resolves symlinks (-P).
 */
function changeDir(sh: BuiltinContext["sh"], dir: string, physical: boolean): { cwd?: string; error?: string; print: boolean } {
  let print = false;
  let target: string | undefined;
  const relative = dir[0] !== "/" && !/^\.\.?(\/|$)/.test(dir);
  const cdpath = sh.vars.get("CDPATH");
  if (relative && cdpath) {
    for (const entry of cdpath.split(":")) {
      const base = entry === "" ? "." : entry;
      const cand = absolute(sh.cwd, base + (base.endsWith("/") ? "" : "/") + dir);
      if (isDir(cand)) {
        target = cand;
        print = entry !== "";
        break;
      }
    }
  }
  if (target === undefined) target = absolute(sh.cwd, dir);
  let next = physical ? target : canonicalize(target);
  if (!physical && !isDir(next) && isDir(target)) next = target; // x/.. through a non-directory
  const err = enterError(next);
  if (err) return { error: `${dir}: ${err}`, print: false };
  if (physical) {
    try {
      next = pathText(realpathSync(fsPath(next), { encoding: "buffer" }));
    } catch (e) {
      return { error: `${dir}: ${(e as Error).message}`, print: false };
    }
  }
  return { cwd: next, print };
}

function setCwd(sh: BuiltinContext["sh"], dir: string): void {
  const old = sh.cwd;
  sh.setCwd(dir);
  sh.vars.set("OLDPWD", old);
  sh.vars.set("PWD", dir);
}

function cd(ctx: BuiltinContext): number {
  return cdWithArgs(ctx, ctx.args);
}

/** cd with these arguments instead of the context's (pushd and popd change directory through it). */
export function cdWithArgs(ctx: BuiltinContext, args: string[]): number {
  const sh = ctx.sh;
  let physical = sh.opts.physical === true;
  const parsed = parseOptions(ctx, "LPe@", "cd: usage: cd [-L|[-P [-e]] [-@]] [dir]", args);
  if (typeof parsed === "number") return parsed;
  for (const o of parsed.opts) if (o.letter === "L" || o.letter === "P") physical = o.letter === "P";
  const rest = parsed.rest;
  if (rest.length > 1) {
    ctx.error("too many arguments");
    return 1;
  }
  let dir: string | undefined = rest[0];
  let printDir = false;
  if (dir === undefined) {
    dir = sh.vars.get("HOME");
    if (dir === undefined) {
      ctx.error("HOME not set");
      return 1;
    }
  } else if (dir === "-") {
    dir = sh.vars.get("OLDPWD");
    if (dir === undefined) {
      ctx.error("OLDPWD not set");
      return 1;
    }
    printDir = true;
  }
  // `cd ""` stays where it is but still updates OLDPWD and PWD, as bash does.
  const empty = dir === "";
  const r = changeDir(sh, empty ? "." : dir, physical);
  if (r.error !== undefined) {
    ctx.error(r.error);
    return 1;
  }
  setCwd(sh, r.cwd!);
  if (printDir || r.print) ctx.out((empty ? "" : r.cwd) + "\n");
  return 0;
}

function pwd(ctx: BuiltinContext): number {
  let physical = ctx.sh.opts.physical === true;
  const parsed = parseOptions(ctx, "LP", "pwd: usage: pwd [-LP]");
  if (typeof parsed === "number") return parsed;
  for (const o of parsed.opts) physical = o.letter === "P";
  let dir = ctx.sh.cwd;
  if (physical) {
    try {
      dir = pathText(realpathSync(fsPath(dir), { encoding: "buffer" }));
    } catch (e) {
      ctx.error(`error retrieving current directory: ${(e as Error).message}`);
      return 1;
    }
  }
  ctx.out(dir + "\n");
  return 0;
}

export const cdBuiltin: BuiltinDef = {
  name: "cd",
  special: false,
  run: cd,
  synopsis: "cd [-L|[-P [-e]] [-@]] [dir]",
  description:
    "Change the shell working directory. DIR defaults to $HOME; - means $OLDPWD. Relative names are " +
    "searched in $CDPATH. -L follows symbolic links logically (default), -P uses the physical structure.",
};

export const pwdBuiltin: BuiltinDef = {
  name: "pwd",
  special: false,
  run: pwd,
  synopsis: "pwd [-LP]",
  description: "Print the name of the current working directory. -L prints $PWD as is (default), -P resolves symbolic links.",
};
