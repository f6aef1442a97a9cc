// pushd, popd, dirs -- bash's directory stack (pushd.def).
//
// sh.dirStack holds the saved directories, NOT the current one: the displayed stack is
// [cwd, ...sh.dirStack], so entry N of `dirs` is dirStack[N-1]. +N counts from the left of the
// display (0 = the current directory), -N from the right (-0 = the last entry).
//
// Arguments are read as bash reads them, word by word rather than with getopt: only the exact
// words -n (pushd, popd), -c -l -p -v (dirs) and -- are options; any other word starting with
// + or - must be a number after its sign (bash's legal_number: blanks allowed around it), else
// "invalid number" and the usage line (status 2). An index outside the stack is status 1. After
// `--` popd and dirs ignore the remaining words; pushd takes the rest as its directory.
// Changing directory goes through `cd` itself (CDPATH, `-` for $OLDPWD, `set -P`, its messages).
import { parseTestInt } from "./test-ops.ts";
import { cdWithArgs } from "./cd.ts";
import type { BuiltinContext, BuiltinDef } from "./context.ts";

type Sh = BuiltinContext["sh"];

/** The displayed stack: the current directory, then the saved ones. */
function fullStack(sh: Sh): string[] {
  return [sh.cwd, ...sh.dirStack];
}

/** bash's polite_directory_format: $HOME (longer than "/") at the start becomes ~. */
function tildeShort(sh: Sh, d: string): string {
  const home = sh.vars.get("HOME");
  if (home && home.length > 1 && (d === home || d.startsWith(home + "/"))) return "~" + d.slice(home.length);
  return d;
}

function printStack(ctx: BuiltinContext): void {
  ctx.out(fullStack(ctx.sh).map((d) => tildeShort(ctx.sh, d)).join(" ") + "\n");
}

/** The number after the sign of a +N/-N word (bash's legal_number), or undefined. */
function signedNumber(word: string): number | undefined {
  const v = parseTestInt(word.slice(1));
  return v === undefined ? undefined : Number(v);
}

function usageError(ctx: BuiltinContext, message: string): number {
  ctx.error(message);
  ctx.err(`${ctx.name}: usage: ${SYNOPSIS[ctx.name as keyof typeof SYNOPSIS]}\n`);
  return 2;
}

/** bash's pushd_error: an empty stack, or `word` out of range. */
function rangeError(ctx: BuiltinContext, word: string): number {
  ctx.error(ctx.sh.dirStack.length === 0 ? "directory stack empty" : `${word}: directory stack index out of range`);
  return 1;
}

/** bash's cd_to_string: `cd -- dir`, then the stack is printed if that worked. */
function changeTo(ctx: BuiltinContext, dir: string, print: boolean): number {
  const st = cdWithArgs(ctx, ["--", dir]);
  if (st === 0 && print) printStack(ctx);
  return st;
}

const SYNOPSIS = {
  dirs: "dirs [-clpv] [+N] [-N]",
  pushd: "pushd [-n] [+N | -N | dir]",
  popd: "popd [-n] [+N | -N]",
} as const;

function dirs(ctx: BuiltinContext): number {
  const sh = ctx.sh;
  let clear = false;
  let long = false;
  let perLine = false;
  let verbose = false;
  let index: number | undefined;
  let indexWord = "";
  for (const a of ctx.args) {
    if (a === "-c") clear = true;
    else if (a === "-l") long = true;
    else if (a === "-p") perLine = true;
    else if (a === "-v") verbose = true;
    else if (a === "--") break;
    else if (a[0] === "+" || a[0] === "-") {
      const n = signedNumber(a);
      if (n === undefined) return usageError(ctx, `${a}: invalid number`);
      const size = sh.dirStack.length;
      indexWord = a.slice(1);
      index = n < 0 || n > size ? -1 : a[0] === "+" ? n : size - n;
    } else return usageError(ctx, `${a}: invalid option`);
  }
  if (clear) {
    sh.dirStack.length = 0;
    return 0;
  }
  const stack = fullStack(sh);
  const show = (d: string) => (long ? d : tildeShort(sh, d));
  const line = (k: number) => (verbose ? `${String(k).padStart(2)}  ` : "") + show(stack[k]!);
  if (index !== undefined) {
    if (index < 0) return rangeError(ctx, indexWord);
    ctx.out(line(index) + "\n");
  } else if (verbose || perLine) ctx.out(stack.map((_, k) => line(k) + "\n").join(""));
  else ctx.out(stack.map(show).join(" ") + "\n");
  return 0;
}

function pushd(ctx: BuiltinContext): number {
  const sh = ctx.sh;
  const args = ctx.args;
  // `pushd -- dir`: no options at all; cd gets the `--` too
  const skipOpts = args[0] === "--";
  let i = skipOpts ? 1 : 0;
  if (i === args.length) {
    // no directory: exchange the top two entries
    if (sh.dirStack.length === 0) {
      ctx.error("no other directory");
      return 1;
    }
    const top = sh.dirStack[0]!;
    sh.dirStack[0] = sh.cwd; // before the cd, as bash does (a failed cd loses `top`)
    return changeTo(ctx, top, true);
  }
  let noCd = false;
  let rotate: number | undefined;
  for (; !skipOpts && i < args.length; i++) {
    const a = args[i]!;
    if (a === "-n") noCd = true;
    else if (a === "--") {
      i++;
      break;
    } else if (a === "-") break; // `pushd -` is `cd -`
    else if (a[0] === "+" || a[0] === "-") {
      const n = signedNumber(a);
      if (n === undefined) return usageError(ctx, `${a}: invalid number`);
      const size = sh.dirStack.length;
      const k = a[0] === "+" ? n : size - n;
      if (k < 0 || k > size) return rangeError(ctx, a);
      rotate = k;
    } else break;
  }
  if (rotate !== undefined) {
    // bring entry `rotate` of the display to the top; with -n the stack turns without a cd
    // (and the entry that would have become the current directory is dropped, as in bash)
    const stack = fullStack(sh);
    if (rotate === 0) return noCd ? 0 : changeTo(ctx, sh.cwd, true);
    const turned = [...stack.slice(rotate), ...stack.slice(0, rotate)];
    if (noCd) {
      sh.dirStack.splice(0, sh.dirStack.length, ...turned.slice(1));
      return 0;
    }
    const st = changeTo(ctx, turned[0]!, false);
    if (st !== 0) return st;
    sh.dirStack.splice(0, sh.dirStack.length, ...turned.slice(1));
    printStack(ctx);
    return 0;
  }
  if (i === args.length) return 0; // only -n
  const old = sh.cwd;
  if (noCd) {
    sh.dirStack.unshift(args[i]!); // kept as written, as bash does
  } else {
    const st = cdWithArgs(ctx, skipOpts ? args : args.slice(i));
    if (st !== 0) return st;
    sh.dirStack.unshift(old);
  }
  printStack(ctx);
  return 0;
}

function popd(ctx: BuiltinContext): number {
  const sh = ctx.sh;
  let noCd = false;
  let plus = true;
  let which = 0;
  let word = "";
  for (const a of ctx.args) {
    if (a === "-n") noCd = true;
    else if (a === "--") break;
    else if (a[0] === "+" || a[0] === "-") {
      const n = signedNumber(a);
      if (n === undefined) return usageError(ctx, `${a}: invalid number`);
      plus = a[0] === "+";
      which = n;
      word = a;
    } else return usageError(ctx, `${a}: invalid argument`);
  }
  const size = sh.dirStack.length;
  // the entry of the display to remove: +N counts from the left, -N from the right
  const k = plus ? which : size - which;
  if (size === 0 || k < 0 || k > size) return rangeError(ctx, word);
  if (k === 0) {
    // the current directory goes: change to the next entry (-n: drop that entry instead)
    if (!noCd) {
      const st = changeTo(ctx, sh.dirStack[0]!, false);
      if (st !== 0) return st;
    }
    sh.dirStack.shift();
  } else sh.dirStack.splice(k - 1, 1);
  printStack(ctx);
  return 0;
}

export const dirsBuiltin: BuiltinDef = {
  name: "dirs",
  special: false,
  run: dirs,
  synopsis: SYNOPSIS.dirs,
  description:
    "Display directory stack. -c clears it, -l shows full paths (no ~), -p one per line, -v one per " +
    "line with its index; +N/-N show the Nth entry from the left/right.",
};

export const pushdBuiltin: BuiltinDef = {
  name: "pushd",
  special: false,
  run: pushd,
  synopsis: SYNOPSIS.pushd,
  description:
    "Add directories to stack. Puts DIR on top of the directory stack and changes to it, or rotates the stack (+N/-N); " +
    "with no argument, exchange the top two directories. -n changes the stack only.",
};

export const popdBuiltin: BuiltinDef = {
  name: "popd",
  special: false,
  run: popd,
  synopsis: SYNOPSIS.popd,
  description:
    "Remove directories from stack. Removes the top directory and changes to the new top, or removes entry +N/-N. " +
    "-n changes the stack only.",
};
