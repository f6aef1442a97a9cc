// The builtins that steer the interpreter itself: exit, return, break, continue, eval, source
// and ., exec, command, builtin, enable, caller. They throw the control-flow signals of
// src/exec/control.ts or run shell code through the Shell.
import { decodeUtf8, fsPath } from "../src/sys/utf8.ts";
import { callerText } from "../src/state/call-frames.ts";
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import type { Gen } from "../src/exec/gen.ts";
import { BreakSignal, ContinueSignal, ExitSignal, LineAbort, ReturnSignal } from "../src/exec/control.ts";
import { numericArg, statusByte } from "./numeric-arg.ts";
import { noOptions, parseOptions } from "./options.ts";
import { readFileSync, statSync } from "node:fs";
import { absPath } from "../src/exec/redirect.ts";
import { execReplace } from "../src/exec/exec-replace.ts";
import { runExternal } from "../src/exec/external.ts";
import { resolveCommand } from "../src/exec/spawn.ts";
import { runBuiltin } from "../src/exec/builtin-run.ts";
import { callFunction } from "../src/exec/function-call.ts";
import { KEYWORDS } from "../src/exec/shell-exec.ts";
import { exitTrapSavedStatus } from "../src/signals/run-traps.ts";
import { runReturnTrap } from "../src/exec/safe-point.ts";
import { IoError, decodeUtf8, readFd } from "./io.ts";

const exitBuiltin: BuiltinDef = {
  name: "exit",
  special: true,
  synopsis: "exit [n]",
  description: "Exit the shell with a status of N. If N is omitted, the exit status is that of the last command executed.",
  run(ctx) {
    const sh = ctx.sh;
    const arg = numericArg(ctx);
    // inside the EXIT trap, a bare `exit` keeps the status the shell was exiting with
    let status = exitTrapSavedStatus(sh) ?? sh.lastStatus;
    if (arg === "bad") status = 2;
    else if (arg.value !== undefined) status = statusByte(arg.value);
    if (sh.interactive && !sh.isSubshell && !sh.exitWarned) {
      const stopped = sh.jobs.jobs.some((j) => j.state === "Stopped");
      if (stopped) {
        sh.exitWarned = true;
        // bash says "exit" first, then refuses
        ctx.err("exit\nThere are stopped jobs.\n");
        return 1;
      }
    }
    if (sh.interactive && !sh.isSubshell) ctx.err("exit\n");
    throw new ExitSignal(status);
  },
};

const returnBuiltin: BuiltinDef = {
  name: "return",
  special: true,
  synopsis: "return [n]",
  description: "Return from a shell function or sourced script with status N (default: the last command's).",
  run(ctx) {
    const sh = ctx.sh;
    if (sh.funcStack.length === 0 && sh.sourceDepth === 0) {
      ctx.error("can only `return' from a function or sourced script");
      return 2;
    }
    const arg = numericArg(ctx);
    if (arg === "bad") return 2;
    throw new ReturnSignal(arg.value === undefined ? sh.lastStatus : statusByte(arg.value));
  },
};

function loopControl(name: "break" | "continue"): BuiltinDef {
  return {
    name,
    special: true,
    synopsis: `${name} [n]`,
    description: name === "break" ? "Exit from within a for, while, until or select loop (N levels)." : "Resume the next iteration of the enclosing loop (N levels up).",
    run(ctx) {
      const depth = ctx.sh.loopDepth;
      if (depth === 0) {
        // outside a loop bash says so, ignores the arguments and goes on
        ctx.error("only meaningful in a `for', `while', or `until' loop");
        return 0;
      }
      const arg = numericArg(ctx);
      // not a number: bash throws to the top level, which ends a non-interactive shell with 128
      if (arg === "bad") throw ctx.sh.interactive ? new LineAbort(128) : new ExitSignal(128);
      let n = 1;
      if (arg.value !== undefined) {
        if (arg.value < 1) {
          ctx.error(`${arg.word}: loop count out of range`);
          return 1;
        }
        n = Number(arg.value);
      }
      n = Math.min(n, depth);
      throw name === "break" ? new BreakSignal(n) : new ContinueSignal(n);
    },
  };
}

const evalBuiltin: BuiltinDef = {
  name: "eval",
  special: true,
  synopsis: "eval [arg ...]",
  description: "Concatenate the arguments and execute them as a shell command.",
  run(ctx) {
    const args = noOptions(ctx, "eval: usage: eval [arg ...]");
    if (typeof args === "number") return args;
    const text = args.join(" ");
    if (text.trim() === "") return 0;
    return ctx.sh.runString(text, "eval");
  },
};

const sourceDef = (name: "." | "source"): BuiltinDef => ({
  name,
  special: name === ".",
  synopsis: `${name} filename [arguments]`,
  description: "Read and execute commands from FILENAME in the current shell ($PATH is searched when it has no slash).",
  run(ctx): Gen<number> | number {
    const sh = ctx.sh;
    const args = noOptions(ctx, `${name}: usage: ${name} filename [arguments]`);
    if (typeof args === "number") return sourceFailed(ctx, args);
    if (args.length === 0) {
      ctx.error("filename argument required");
      ctx.err(`${name}: usage: ${name} filename [arguments]\n`);
      return sourceFailed(ctx, 2);
    }
    const file = args[0];
    // /dev/stdin and /dev/fd/N name the shell's own descriptors (`. <(cmd)`, `. /dev/stdin <<EOF`),
    // which need not exist in the process (the shell's fds are virtual): read them from its table
    const vfd = shellFdPath(file);
    if (vfd !== undefined) {
      if (sh.fds.entry(vfd) !== undefined) return sourceFd(ctx, vfd, file, args.slice(1), name);
      ctx.err(`${sh.errorPrefix()}${file}: No such file or directory\n`); // bash names the file, not the builtin
      return sourceFailed(ctx);
    }
    let path: string | undefined;
    if (file.includes("/")) path = absPath(sh, file);
    else {
      // shopt sourcepath: $PATH is searched (for a regular file); then the current directory,
      // except in POSIX mode, where a name not found in $PATH is an error of its own
      if (sh.opts.sourcepath) path = searchPathForFile(sh, file);
      if (path === undefined && sh.opts.posix) {
        ctx.error(`${file}: file not found`);
        return sourceFailed(ctx);
      }
      if (path === undefined && isFile(absPath(sh, file))) path = absPath(sh, file);
    }
    let text: string;
    try {
      if (!path) throw Object.assign(new Error(), { code: "ENOENT" });
      text = decodeUtf8(readFileSync(fsPath(path)));
    } catch (e) {
      const code = (e as { code?: string }).code;
      // bash names the builtin for a directory (and goes on even in POSIX mode), only the file
      // when there is none
      if (code === "EISDIR") {
        ctx.error(`${file}: is a directory`);
        return 1;
      }
      ctx.err(`${sh.errorPrefix()}${file}: No such file or directory\n`);
      return sourceFailed(ctx);
    }
    return runSourced(ctx, text, file, args.slice(1));
  },
});

/** A usage error or a file that cannot be sourced: in POSIX mode this ends a non-interactive
 *  shell (for `source` as for `.`), unless run through `command`. (The status of the sourced
 *  commands, and a directory given as the file, are not such errors.) */
function sourceFailed(ctx: BuiltinContext, status = 1): number {
  const sh = ctx.sh;
  if (!sh.interactive && sh.opts.posix && !ctx.viaCommand) throw new ExitSignal(status);
  return status;
}

function isFile(p: string): boolean {
  try {
    return statSync(fsPath(p)).isFile();
  } catch {
    return false;
  }
}

/** The first regular file named `file` in a directory of $PATH. */
function searchPathForFile(sh: BuiltinContext["sh"], file: string): string | undefined {
  for (const dir of (sh.vars.get("PATH") ?? "").split(":")) {
    const p = absPath(sh, `${dir || "."}/${file}`);
    if (isFile(p)) return p;
  }
  return undefined;
}

/** The shell fd a path names in bash's special-cased forms, or undefined for any other path. */
function shellFdPath(file: string): number | undefined {
  if (file === "/dev/stdin") return 0;
  const m = /^\/dev\/fd\/(\d+)$/.exec(file);
  return m ? Number(m[1]) : undefined;
}

/** Source what shell fd `fd` gives until its end (a pipe from a process substitution, a
 *  here-document, a file). */
function* sourceFd(ctx: BuiltinContext, fd: number, file: string, args: string[], name: string): Gen<number> {
  const chunks: Uint8Array[] = [];
  try {
    for (;;) {
      const c = yield* readFd(ctx.sh as never, fd, 65536);
      if (c === null) break;
      chunks.push(c);
    }
  } catch (e) {
    if (!(e instanceof IoError)) throw e;
    ctx.err(`${ctx.sh.errorPrefix()}${file}: ${e.message}\n`);
    return sourceFailed(ctx);
  }
  return yield* runSourced(ctx, decodeUtf8(Buffer.concat(chunks)), file, args);
}

function* runSourced(ctx: BuiltinContext, text: string, file: string, args: string[]): Gen<number> {
  const sh = ctx.sh;
  const savedPos = sh.positional;
  const savedLine = sh.lineno;
  if (args.length > 0) sh.positional = args;
  sh.sourceDepth++;
  sh.sourceStack.unshift(file);
  sh.frames.push({ name: "source", source: file, line: sh.lineno });
  const savedName = sh.scriptName;
  // errors in the sourced file name it, as bash does ("./lib.sh: line 2: ...")
  sh.scriptName = file;
  let status: number;
  try {
    sh.lineno = 1;
    status = yield* sh.runString(text, file);
  } catch (e) {
    if (!(e instanceof ReturnSignal)) throw e;
    status = e.status;
  } finally {
    sh.sourceDepth--;
    sh.sourceStack.shift();
    sh.frames.pop();
    sh.scriptName = savedName;
    sh.lineno = savedLine;
    if (args.length > 0) sh.positional = savedPos;
  }
  // the RETURN trap runs when a sourced file ends too (FUNCNAME no longer shows "source"; $? is
  // the file's last command's); the status of `.` stays the file's
  if (!sh.inTrap && sh.traps.get("RETURN") !== undefined) yield* runReturnTrap(sh);
  return status;
}


/** exec's command search, with bash's messages: a name not found in PATH is "exec: NAME: not
 *  found"; a directory is reported twice ("X: Is a directory", "exec: X: cannot execute: Is a
 *  directory"); other failures as for any command. Returns the path or the status. */
function execSearch(ctx: BuiltinContext, name: string): string | number {
  const sh = ctx.sh;
  const hashed = name.includes("/") ? undefined : sh.hash.get(name);
  if (hashed !== undefined) return hashed;
  const r = resolveCommand(name, sh.vars.get("PATH"), sh.cwd);
  if (typeof r === "string") return r;
  if (r.status === 127 && !name.includes("/") && sh.vars.get("PATH") !== undefined) ctx.error(`${name}: not found`);
  else {
    sh.diag(`${r.subject}: ${r.message}`);
    if (r.message === "Is a directory") ctx.error(`${name}: cannot execute: Is a directory`);
  }
  return r.status;
}

const execBuiltin: BuiltinDef = {
  name: "exec",
  special: true,
  synopsis: "exec [-cl] [-a name] [command [argument ...]] [redirection ...]",
  description: "Replace the shell with COMMAND. With only redirections, apply them to the shell itself.",
  run(ctx) {
    const sh = ctx.sh;
    let args = ctx.args;
    let argv0: string | undefined;
    let clearEnv = false;
    let login = false;
    while (args.length > 0 && args[0].startsWith("-") && args[0] !== "-") {
      const a = args[0];
      args = args.slice(1);
      if (a === "--") break;
      for (let i = 1; i < a.length; i++) {
        const c = a[i];
        if (c === "c") clearEnv = true;
        else if (c === "l") login = true;
        else if (c === "a") {
          argv0 = args[0];
          args = args.slice(1);
        } else {
          ctx.error(`-${c}: invalid option`);
          ctx.err("exec: usage: exec [-cl] [-a name] [command [argument ...]] [redirection ...]\n");
          return 2;
        }
      }
    }
    if (args.length === 0) {
      // only redirections: they stay in effect (the executor keeps this command's fd frame)
      sh.keepRedirections = true;
      return 0;
    }
    const path = execSearch(ctx, args[0]);
    if (typeof path === "number") {
      // shopt execfail: a failed exec does not end a non-interactive shell
      if (!sh.interactive && !sh.opts.execfail) throw new ExitSignal(path);
      return path;
    }
    const argv = [argv0 ?? (login ? `-${args[0]}` : args[0]), ...args.slice(1)];
    const env = clearEnv ? [] : sh.environ();
    if (sh.isSubshell) {
      // a subshell clone is not a process of its own: run the command and end the subshell
      return (function* () {
        const status = yield* runExternal(sh, [args[0], ...args.slice(1)], env);
        throw new ExitSignal(status);
      })();
    }
    const err = execReplace(sh, path, argv, env);
    ctx.error(`${args[0]}: ${err}`);
    if (!sh.interactive && !sh.opts.execfail) throw new ExitSignal(126);
    return 126;
  },
};

const commandBuiltin: BuiltinDef = {
  name: "command",
  special: false,
  synopsis: "command [-pVv] command [arg ...]",
  description: "Run COMMAND with ARGS suppressing shell function lookup, or display information about COMMANDs.",
  run(ctx): number | Gen<number> {
    const sh = ctx.sh;
    let args = ctx.args;
    let mode: "run" | "v" | "V" = "run";
    let usePath = false;
    while (args.length > 0 && args[0].startsWith("-") && args[0].length > 1) {
      const a = args[0];
      args = args.slice(1);
      if (a === "--") break;
      for (const c of a.slice(1)) {
        if (c === "v") mode = "v";
        else if (c === "V") mode = "V";
        else if (c === "p") usePath = true;
        else {
          ctx.error(`-${c}: invalid option`);
          ctx.err("command: usage: command [-pVv] command [arg ...]\n");
          return 2;
        }
      }
    }
    if (args.length === 0) return 0;
    if (mode !== "run") {
      // bash: success when any of the names was found (unlike `type`)
      let anyFound = false;
      for (const name of args) {
        const found = sh.lookupCommand(name);
        if (!found) {
          if (mode === "V") ctx.error(`${name}: not found`);
          continue;
        }
        anyFound = true;
        if (mode === "v") {
          if (found.kind === "alias") ctx.out(`alias ${name}=${quote(sh.aliases.get(name)!)}\n`);
          else if (found.kind === "file") ctx.out(`${found.path}\n`);
          else ctx.out(`${name}\n`);
        } else {
          switch (found.kind) {
            case "alias":
              ctx.out(`${name} is aliased to \`${sh.aliases.get(name)}'\n`);
              break;
            case "keyword":
              ctx.out(`${name} is a shell keyword\n`);
              break;
            case "function":
              ctx.out(`${name} is a function\n`);
              break;
            case "builtin":
              ctx.out(`${name} is a shell builtin\n`);
              break;
            default:
              ctx.out(sh.hash.has(name) ? `${name} is hashed (${found.path})\n` : `${name} is ${found.path}\n`);
          }
        }
      }
      return anyFound ? 0 : 1;
    }
    const name = args[0];
    const b = sh.builtins.get(name);
    if (b && !sh.disabledBuiltins.has(name)) return runBuiltin(sh, b, args, true);
    if (usePath) {
      const saved = sh.vars.get("PATH");
      return (function* () {
        sh.vars.set("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        try {
          return yield* runExternal(sh, args);
        } finally {
          if (saved === undefined) sh.vars.unset("PATH");
          else sh.vars.set("PATH", saved);
        }
      })();
    }
    return runExternal(sh, args);
  },
};

function quote(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

const builtinBuiltin: BuiltinDef = {
  name: "builtin",
  special: false,
  synopsis: "builtin [shell-builtin [arg ...]]",
  description: "Execute a shell builtin, bypassing functions of the same name.",
  run(ctx) {
    const args = noOptions(ctx, "builtin: usage: builtin [shell-builtin [arg ...]]");
    if (typeof args === "number") return args;
    if (args.length === 0) return 0;
    const b = ctx.sh.builtins.get(args[0]!);
    if (!b || ctx.sh.disabledBuiltins.has(args[0]!)) {
      ctx.error(`${args[0]}: not a shell builtin`);
      return 1;
    }
    return runBuiltin(ctx.sh, b, args);
  },
};

const enableBuiltin: BuiltinDef = {
  name: "enable",
  special: false,
  synopsis: "enable [-a] [-dnps] [-f filename] [name ...]",
  description: "Enable and disable shell builtins.",
  run(ctx) {
    const sh = ctx.sh;
    const parsed = parseOptions(ctx, "adnpsf:", "enable: usage: enable [-a] [-dnps] [-f filename] [name ...]");
    if (typeof parsed === "number") return parsed;
    const has = (c: string) => parsed.opts.some((o) => o.letter === c);
    const disable = has("n");
    const file = parsed.opts.find((o) => o.letter === "f")?.arg;
    const args = parsed.rest;
    if (file !== undefined) {
      // ipsh has no loadable builtins
      ctx.error(`cannot open shared object ${file}: loadable builtins are not supported`);
      return 1;
    }
    if (args.length === 0 || has("p")) {
      // list: enabled ones, disabled ones with -n, all with -a; -s only the POSIX special ones
      // (bash counts source among them)
      for (const name of [...sh.builtins.keys()].sort()) {
        const off = sh.disabledBuiltins.has(name);
        if (!has("a") && off !== disable) continue;
        if (has("s") && !(sh.builtins.get(name)!.special || name === "source")) continue;
        ctx.out(`enable ${off ? "-n " : ""}${name}\n`);
      }
      return 0;
    }
    let status = 0;
    for (const name of args) {
      if (!sh.builtins.has(name)) {
        ctx.error(`${name}: not a shell builtin`);
        status = 1;
      } else if (has("d")) {
        ctx.error(`${name}: not dynamically loaded`);
        status = 1;
      } else if (disable) sh.disabledBuiltins.add(name);
      else sh.disabledBuiltins.delete(name);
    }
    return status;
  },
};

const callerBuiltin: BuiltinDef = {
  name: "caller",
  special: false,
  synopsis: "caller [expr]",
  description: "Return the context of the current subroutine call.",
  run(ctx) {
    if (callerText(ctx.sh, undefined) === undefined) return 1; // not in a function or sourced file
    const args = noOptions(ctx, "caller: usage: caller [expr]");
    if (typeof args === "number") return args;
    const arg = args[0];
    const n = arg === undefined ? undefined : /^\s*[+-]?\d+\s*$/.test(arg) ? Number(arg) : NaN;
    if (Number.isNaN(n)) {
      ctx.error(`${arg}: invalid number`);
      ctx.err("caller: usage: caller [expr]\n");
      return 2;
    }
    if (n !== undefined && n < 0) return 1;
    const text = callerText(ctx.sh, n);
    if (text === undefined) return 1;
    ctx.out(text + "\n");
    return 0;
  },
};

/** Reserved words cannot be builtins; this guards the registry. */
export function isKeyword(name: string): boolean {
  return KEYWORDS.has(name);
}

export { callFunction };

export const coreBuiltins: BuiltinDef[] = [
  exitBuiltin,
  returnBuiltin,
  loopControl("break"),
  loopControl("continue"),
  evalBuiltin,
  sourceDef("."),
  sourceDef("source"),
  execBuiltin,
  commandBuiltin,
  builtinBuiltin,
  enableBuiltin,
  callerBuiltin,
];
