// cd, pwd, pushd, popd, dirs -- the working directory and bash's directory stack.
//
// The shell's working directory is logical (sh.cwd, absolute, may contain symlinks); `cd -P`
// and `pwd -P` resolve it physically. cd follows bash: no argument means $HOME, "-" means
// $OLDPWD (and prints the new directory), a relative name not starting with ./ or ../ is
// searched in $CDPATH (printing the result when a non-empty CDPATH entry matched); OLDPWD and
// PWD are updated. The directory stack is sh.dirStack, NOT including the current directory:
// `dirs` shows [cwd, ...sh.dirStack], so entry N of the displayed stack is dirStack[N-1].
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
    if (!statSync(path).isDirectory()) return ERRNO_TEXT.ENOTDIR;
    accessSync(path, constants.X_OK);
    return undefined;
  } catch (e) {
    const code = (e as { code?: string }).code ?? "";
    return ERRNO_TEXT[code] ?? code;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
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
      const cand = absolute(sh.cwd, (entry === "" ? "." : entry) + "/" + dir);
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
      next = realpathSync(next);
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
  const sh = ctx.sh;
  let physical = sh.opts.physical === true;
  const parsed = parseOptions(ctx, "LPe@", "cd: usage: cd [-L|[-P [-e]] [-@]] [dir]");
  if (typeof parsed === "number") return parsed;
  for (const o of parsed.opts) if (o.letter === "L" || o.letter === "P") physical = o.letter === "P";
  const rest = parsed.rest;
  if (rest.length > 1) {
    ctx.error("too many arguments");
    return 1;
  }
  let dir = rest[0];
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
      dir = realpathSync(dir);
    } catch (e) {
      ctx.error(`error retrieving current directory: ${(e as Error).message}`);
      return 1;
    }
  }
  ctx.out(dir + "\n");
  return 0;
}

// --- the directory stack ---------------------------------------------------------------------

/** The displayed stack: the current directory, then the saved ones. */
function fullStack(sh: BuiltinContext["sh"]): string[] {
  return [sh.cwd, ...sh.dirStack];
}

/** +N / -N: index into the displayed stack, or undefined when not of that form. */
function stackIndex(arg: string, size: number): number | "range" | undefined {
  const m = /^([+-])([0-9]+)$/.exec(arg);
  if (!m) return undefined;
  const n = Number(m[2]);
  if (n >= size) return "range";
  return m[1] === "+" ? n : size - 1 - n;
}

function tildeShort(sh: BuiltinContext["sh"], d: string): string {
  const home = sh.vars.get("HOME");
  if (home && home !== "/" && (d === home || d.startsWith(home + "/"))) return "~" + d.slice(home.length);
  return d;
}

function dirs(ctx: BuiltinContext): number {
  const sh = ctx.sh;
  let long = false;
  let perLine = false;
  let verbose = false;
  let index: string | undefined;
  for (const a of ctx.args) {
    if (/^[+-][0-9]+$/.test(a)) {
      index = a;
      continue;
    }
    if (a.length >= 2 && a[0] === "-") {
      for (const c of a.slice(1)) {
        if (c === "c") sh.dirStack.length = 0;
        else if (c === "l") long = true;
        else if (c === "p") perLine = true;
        else if (c === "v") verbose = perLine = true;
        else {
          ctx.error(`-${c}: invalid option`);
          ctx.err("dirs: usage: dirs [-clpv] [+N] [-N]\n");
          return 2;
        }
      }
      if (a.includes("c")) return 0;
      continue;
    }
    ctx.error(`${a}: invalid argument`);
    ctx.err("dirs: usage: dirs [-clpv] [+N] [-N]\n");
    return 2;
  }
  const stack = fullStack(sh);
  const show = (d: string) => (long ? d : tildeShort(sh, d));
  if (index !== undefined) {
    const k = stackIndex(index, stack.length);
    if (k === "range" || k === undefined) {
      ctx.error(stack.length === 1 ? "directory stack empty" : `${index.slice(1)}: directory stack index out of range`);
      return 1;
    }
    ctx.out((verbose ? ` ${k}  ` : "") + show(stack[k]!) + "\n");
    return 0;
  }
  if (verbose) ctx.out(stack.map((d, k) => ` ${k}  ${show(d)}\n`).join(""));
  else if (perLine) ctx.out(stack.map((d) => show(d) + "\n").join(""));
  else ctx.out(stack.map(show).join(" ") + "\n");
  return 0;
}

function printStack(ctx: BuiltinContext): void {
  ctx.out(fullStack(ctx.sh).map((d) => tildeShort(ctx.sh, d)).join(" ") + "\n");
}

function pushd(ctx: BuiltinContext): number {
  const sh = ctx.sh;
  let noCd = false;
  let arg: string | undefined;
  for (const a of ctx.args) {
    if (a === "-n") noCd = true;
    else if (arg === undefined) arg = a;
    else {
      ctx.error("too many arguments");
      return 1;
    }
  }
  const stack = fullStack(sh);
  let target: string;
  let rotated: string[] | undefined;
  if (arg === undefined) {
    if (stack.length < 2) {
      ctx.error("no other directory");
      return 1;
    }
    rotated = [stack[1]!, stack[0]!, ...stack.slice(2)];
  } else {
    const k = stackIndex(arg, stack.length);
    if (k === "range") {
      ctx.error(`${arg.slice(1)}: directory stack index out of range`);
      return 1;
    }
    if (k !== undefined) rotated = [...stack.slice(k), ...stack.slice(0, k)];
  }
  if (rotated) {
    target = rotated[0]!;
    if (noCd) {
      sh.dirStack.splice(0, sh.dirStack.length, ...rotated.slice(1));
    } else {
      const r = changeDir(sh, target, false);
      if (r.error !== undefined) {
        ctx.error(r.error);
        return 1;
      }
      setCwd(sh, r.cwd!);
      sh.dirStack.splice(0, sh.dirStack.length, ...rotated.slice(1));
    }
  } else {
    target = arg!;
    if (noCd) {
      sh.dirStack.unshift(absolute(sh.cwd, target));
    } else {
      const r = changeDir(sh, target, sh.opts.physical === true);
      if (r.error !== undefined) {
        ctx.error(r.error);
        return 1;
      }
      const old = sh.cwd;
      setCwd(sh, r.cwd!);
      sh.dirStack.unshift(old);
    }
  }
  printStack(ctx);
  return 0;
}

function popd(ctx: BuiltinContext): number {
  const sh = ctx.sh;
  let noCd = false;
  let arg: string | undefined;
  for (const a of ctx.args) {
    if (a === "-n") noCd = true;
    else if (/^[+-][0-9]+$/.test(a)) arg = a;
    else {
      ctx.error(`${a}: invalid argument`);
      ctx.err("popd: usage: popd [-n] [+N | -N]\n");
      return 2;
    }
  }
  const stack = fullStack(sh);
  if (stack.length < 2) {
    ctx.error("directory stack empty");
    return 1;
  }
  let k = 0;
  if (arg !== undefined) {
    const r = stackIndex(arg, stack.length);
    if (r === "range" || r === undefined) {
      ctx.error(`${arg.slice(1)}: directory stack index out of range`);
      return 1;
    }
    k = r;
  } else if (noCd) k = 1;
  if (k === 0) {
    const next = stack[1]!;
    const r = changeDir(sh, next, false);
    if (r.error !== undefined) {
      ctx.error(r.error);
      return 1;
    }
    setCwd(sh, r.cwd!);
    sh.dirStack.shift();
  } else sh.dirStack.splice(k - 1, 1);
  printStack(ctx);
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

export const dirsBuiltin: BuiltinDef = {
  name: "dirs",
  special: false,
  run: dirs,
  synopsis: "dirs [-clpv] [+N] [-N]",
  description:
    "Display directory stack. -c clears it, -l shows full paths (no ~), -p one per line, -v one per " +
    "line with its index; +N/-N show the Nth entry from the left/right.",
};

export const pushdBuiltin: BuiltinDef = {
  name: "pushd",
  special: false,
  run: pushd,
  synopsis: "pushd [-n] [+N | -N | dir]",
  description:
    "Add directories to stack. Puts DIR on top of the directory stack and changes to it, or rotates the stack (+N/-N); " +
    "with no argument, exchange the top two directories. -n changes the stack only.",
};

export const popdBuiltin: BuiltinDef = {
  name: "popd",
  special: false,
  run: popd,
  synopsis: "popd [-n] [+N | -N]",
  description:
    "Remove directories from stack. Removes the top directory and changes to the new top, or removes entry +N/-N. " +
    "-n changes the stack only.",
};
