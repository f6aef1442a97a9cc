// Simple commands (XCU 2.9.1): expand, look up, redirect, run.
//
// Order, as POSIX and bash do it: the words (not assignments or redirections) are expanded
// first, then redirections are opened, then assignment values are expanded and assigned.
// Command search: a name with a slash runs that file; otherwise special builtins, functions,
// regular builtins, then $PATH (with a hash table).
// Prefix assignments: persist for special builtins (and when there is no command), are local to
// the call for functions and regular builtins, and go only into the environment of an external
// command.

import type { Assignment, SimpleCommand, Word } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import type { BuiltinDef } from "../../builtins/context.ts";
import { expandWords, expandWord, expandAssignValue } from "../expand/index.ts";
import { allSync } from "../expand/word.ts";
import { VarError } from "../state/var-store.ts";
import { TempKind } from "../state/variables.ts";
import { dropMovedSources, leaveRedirectFrame, openRedirects, openRedirectsSync } from "./redirect.ts";
import { runBuiltin, Ctx, specialFailed, writeFailure } from "./builtin-run.ts";
import { flushBuiltinOutput } from "./async-io.ts";
import { compoundElements, type CompoundElem } from "../../builtins/declare.ts";
import { callFunction, callFunctionSync } from "./function-call.ts";
import { drive, resume } from "./resume.ts";
import { runExternal } from "./external.ts";
import { assign, assignSync, assignmentsToEnv } from "./assign.ts";
import { xtraceAssign, xtraceAssigned, xtraceCompoundArgs, xtraceWords } from "./xtrace.ts";
import { FdTable } from "./fd-table.ts";
import { runDebugTrap } from "./safe-point.ts";
import { ExitSignal, LineAbort } from "./control.ts";

/** Builtins whose name=value arguments are expanded like assignments (no splitting, no globbing). */
const DECLARATION_BUILTINS = new Set(["declare", "typeset", "local", "export", "readonly"]);
/** Builtins whose prefix assignments are a variable scope of their own (bash's execute_builtin:
 *  they run commands, or bind variables there): what they assign to those names is lost. */
const SCOPE_BUILTINS = new Set(["source", ".", "eval", "unset", "mapfile", "readarray", "read", "fc"]);

/** How a builtin's prefix assignments take the builtin's own assignments (TempKind); `builtin`
 *  and `command` in front are looked through. */
function builtinTempKind(argv: string[]): TempKind {
  let i = 0;
  while ((argv[i] === "builtin" || argv[i] === "command") && i + 1 < argv.length) i++;
  const name = argv[i]!;
  if (SCOPE_BUILTINS.has(name)) return TempKind.Scope;
  if (DECLARATION_BUILTINS.has(name)) return TempKind.Declaration;
  return TempKind.Through;
}


export function* execSimple(sh: Shell, cmd: SimpleCommand): Gen<number> {
  sh.lineno = cmd.span.line + sh.lineBase;
  if (sh.commandFrozen === 0) sh.currentCommand = cmd;
  if (!sh.inTrap && sh.traps.get("DEBUG") !== undefined) yield* runDebugTrap(sh);
  sh.cmdSubStatus = 0;
  const argv = yield* expandArgs(sh, cmd.words);
  if (argv.length === 0) {
    const st = yield* assignOnly(sh, cmd);
    sh.lastArg = "";
    return st;
  }
  const status = yield* runExpanded(sh, cmd, argv);
  // $_ is bound after the command ran (bash: bind_lastarg); for `declare a=(...)` it is the name
  const lastWord = cmd.words[cmd.words.length - 1] as Word & { assignment?: Assignment };
  sh.lastArg = lastWord.assignment?.array ? lastWord.assignment.name : argv[argv.length - 1]!;
  return status;
}

/**
 * execSimple as a plain function (see resume.ts): the common command (no redirections, no
 * xtrace, no DEBUG trap, not a declaration builtin) whose words expand without waiting and
 * whose command is a synchronous builtin or an assignment finishes here with no generator
 * frame; a function call, an external command or anything that waits continues as a generator.
 * Measured: loop-arith's two commands ran ~11 generator frames per iteration on the general path.
 */
export function execSimpleSync(sh: Shell, cmd: SimpleCommand): number | Gen<number> {
  const words = cmd.words;
  if (sh.opts.xtrace || (!sh.inTrap && sh.traps.get("DEBUG") !== undefined)) return drive(execSimple(sh, cmd));
  const first = words.length > 0 ? words[0].literal : undefined;
  if (first !== undefined && DECLARATION_BUILTINS.has(first)) return drive(execSimple(sh, cmd));
  sh.lineno = cmd.span.line + sh.lineBase;
  if (sh.commandFrozen === 0) sh.currentCommand = cmd;
  sh.cmdSubStatus = 0;
  let argv: string[];
  if (words.length === 0) {
    return cmd.redirects.length === 0 ? assignOnlySync(sh, cmd, 0) : execSimple(sh, cmd);
  } else if (first !== undefined && words.length === 1) {
    argv = [first];
  } else {
    const g = expandWords(sh.host, words);
    const r = g.next();
    if (!r.done) return afterExpansion(sh, cmd, resume(g, r));
    argv = r.value;
    if (argv.length === 0) return cmd.redirects.length === 0 ? assignOnlySync(sh, cmd, 0) : afterExpansion(sh, cmd, argvGen(argv));
  }
  const name = argv[0];
  if (name.includes("/")) return drive(finishSimple(sh, cmd, argv));
  let builtin = sh.builtins.get(name);
  if (!builtin || !builtin.special) {
    const fn = sh.functions.size > 0 ? sh.functions.get(name) : undefined;
    if (fn) {
      if (cmd.assigns.length !== 0 || cmd.redirects.length !== 0) return drive(finishSimple(sh, cmd, argv));
      const r = callFunctionSync(sh, fn, argv);
      if (typeof r !== "number") return withLastArg(sh, r, argv[argv.length - 1]!);
      sh.lastArg = argv[argv.length - 1]!;
      return r;
    }
  }
  if (builtin && sh.disabledBuiltins.size > 0 && sh.disabledBuiltins.has(name)) builtin = undefined;
  if (!builtin) return drive(finishSimple(sh, cmd, argv));
  if (cmd.assigns.length !== 0 || cmd.redirects.length !== 0) {
    if (cmd.assigns.length !== 0 && (builtin.special || !tempAssignsSync(cmd.assigns))) return drive(finishSimple(sh, cmd, argv));
    return builtinInFrame(sh, cmd, builtin, argv);
  }
  // runBuiltin, synchronously while the builtin is synchronous
  const ctx = new Ctx(name, argv.slice(1), sh);
  let r: number | Gen<number>;
  try {
    r = builtin.run(ctx);
  } catch (e) {
    afterCommand(sh);
    throw e;
  }
  if (typeof r !== "number") return builtinAfter(sh, builtin, r, argv);
  afterCommand(sh);
  if (sh.async && sh.outQueue.length > 0) return flushAfter(sh, builtin, r, argv);
  return builtinDone(sh, builtin, r, argv);
}

/** An already expanded argv as a generator, for the general path's afterExpansion. */
function* argvGen(argv: string[]): Gen<string[]> {
  return argv;
}

/**
 * Make `name` a temporary variable of the command's scope. A readonly name cannot be: bash
 * reports it and runs the command without that assignment (a POSIX-mode script exits, as for
 * any variable assignment error).
 */
function declareTemp(sh: Shell, name: string, append = false): boolean {
  // `x+=v cmd` appends to the value x has outside the command (bash)
  const outer = append ? sh.vars.get(name) : undefined;
  try {
    sh.vars.declareTemp(name);
    if (outer !== undefined) sh.vars.set(name, outer);
    return true;
  } catch (e) {
    if (!(e instanceof VarError)) throw e;
    sh.diag(e.message);
    if (sh.opts.posix && !sh.interactive) throw new ExitSignal(1);
    return false;
  }
}

/** Prefix assignments that builtinInFrame can make without waiting: scalars whose values expand
 *  without running anything (no command substitution). */
function tempAssignsSync(assigns: Assignment[]): boolean {
  for (let i = 0; i < assigns.length; i++) {
    const a = assigns[i]!;
    if (a.array || a.index) return false;
    if (a.value && a.value.literal === undefined && !allSync(a.value.parts)) return false;
  }
  return true;
}

/**
 * A builtin with redirections and/or prefix assignments, as a plain function: runExpanded,
 * dispatch and withTempAssigns in one frame for the common case (`echo x >>log`,
 * `IFS= read -r line`, `read a <<EOF`). The order is the general path's: the words are expanded
 * (by the caller), then the redirections are opened, then the assignments are made in a
 * temporary scope; everything is undone in the reverse order. Whatever has to wait continues
 * as a generator: opening the redirections (a FIFO, a command substitution in a target) goes
 * back to the general path with the frame, the builtin itself to builtinFrameAfter.
 * Callers ensure: no xtrace, no DEBUG trap, the assignments pass tempAssignsSync, and a special
 * builtin has no assignments.
 */
function builtinInFrame(sh: Shell, cmd: SimpleCommand, builtin: BuiltinDef, argv: string[]): number | Gen<number> {
  const saved = sh.fds;
  let frame = saved;
  if (cmd.redirects.length !== 0) {
    const opened = openRedirectsSync(sh, saved, cmd.redirects);
    if (opened === undefined) return redirectFailed(sh, argv);
    if (!(opened instanceof FdTable)) return finishAfterOpen(sh, cmd, argv, opened);
    frame = opened;
  }
  sh.fds = frame;
  const scoped = cmd.assigns.length !== 0;
  let ctx: Ctx | undefined;
  let r: number | Gen<number>;
  try {
    if (scoped) {
      sh.vars.pushScope(true);
      for (const a of cmd.assigns) {
        if (!declareTemp(sh, a.name, a.append && !a.array)) continue;
        const ok = assignSync(sh, a, "temp");
        // tempAssignsSync promised no waiting; a failed assignment fails the command
        if (ok !== true) {
          leaveFrame(sh, cmd, saved, frame, scoped);
          sh.lastArg = argv[argv.length - 1]!;
          return (sh.lastStatus = 1);
        }
      }
      sh.vars.setTempKind(builtinTempKind(argv));
    }
    ctx = new Ctx(argv[0]!, argv.slice(1), sh);
    r = builtin.run(ctx);
  } catch (e) {
    leaveFrame(sh, cmd, saved, frame, scoped);
    throw e;
  }
  if (typeof r !== "number" || (sh.async && sh.outQueue.length > 0)) return builtinFrameAfter(sh, cmd, builtin, r, ctx, argv, saved, frame, scoped);
  leaveFrame(sh, cmd, saved, frame, scoped);
  if (ctx.outErrno !== 0) r = writeFailure(ctx, r);
  return builtinDone(sh, builtin, r, argv);
}

/** builtinInFrame once its builtin has to wait (or its queued output must be flushed while its
 *  descriptors are still open). */
function* builtinFrameAfter(
  sh: Shell,
  cmd: SimpleCommand,
  builtin: BuiltinDef,
  r: number | Gen<number>,
  ctx: Ctx,
  argv: string[],
  saved: FdTable,
  frame: FdTable,
  scoped: boolean,
): Gen<number> {
  let status: number;
  try {
    status = typeof r === "number" ? r : yield* r;
    if (sh.async && sh.outQueue.length > 0) status = yield* flushBuiltinOutput(sh, argv[0]!, status);
  } finally {
    leaveFrame(sh, cmd, saved, frame, scoped);
  }
  if (ctx.outErrno !== 0) status = writeFailure(ctx, status);
  return builtinDone(sh, builtin, status, argv);
}

/** Undo builtinInFrame: the temporary scope, then the descriptor frame (kept as the shell's
 *  table after `exec >file`), then the command's process substitutions. */
function leaveFrame(sh: Shell, cmd: SimpleCommand, saved: FdTable, frame: FdTable, scoped: boolean): void {
  if (scoped) sh.vars.popScope();
  if (sh.keepRedirections) {
    sh.keepRedirections = false;
    if (frame !== saved) saved.dispose();
  } else if (frame !== saved) leaveRedirectFrame(sh, saved, frame, cmd.redirects);
  if (sh.procSubFds.length > 0) closeProcSubFds(sh);
}

/** A redirection failed (the error is printed): the command does not run and fails. */
function redirectFailed(sh: Shell, argv: string[]): number {
  if (sh.procSubFds.length > 0) closeProcSubFds(sh);
  sh.lastArg = argv[argv.length - 1]!;
  return (sh.lastStatus = 1);
}

/** The general path once the redirections, which had to wait, are open. */
function* finishAfterOpen(sh: Shell, cmd: SimpleCommand, argv: string[], opening: Gen<FdTable | undefined>): Gen<number> {
  const frame = yield* opening;
  if (!frame) return redirectFailed(sh, argv);
  const status = yield* runInFrame(sh, cmd, argv, sh.fds, frame);
  sh.lastArg = argv[argv.length - 1]!;
  return status;
}

/** What runExpanded's finally does for a command without redirections. */
function afterCommand(sh: Shell): void {
  if (sh.keepRedirections) sh.keepRedirections = false;
  if (sh.procSubFds.length > 0) closeProcSubFds(sh);
}

function builtinDone(sh: Shell, b: BuiltinDef, status: number, argv: string[]): number {
  if (status !== 0 && b.special) specialFailed(sh, b, status);
  sh.lastStatus = status;
  sh.lastArg = argv[argv.length - 1]!;
  return status;
}

function* builtinAfter(sh: Shell, b: BuiltinDef, g: Gen<number>, argv: string[]): Gen<number> {
  let status: number;
  try {
    status = yield* g;
  } finally {
    afterCommand(sh);
  }
  if (sh.async && sh.outQueue.length > 0) status = yield* flushBuiltinOutput(sh, argv[0]!, status);
  return builtinDone(sh, b, status, argv);
}

function* flushAfter(sh: Shell, b: BuiltinDef, status: number, argv: string[]): Gen<number> {
  status = yield* flushBuiltinOutput(sh, argv[0]!, status);
  return builtinDone(sh, b, status, argv);
}

function* withLastArg(sh: Shell, g: Gen<number>, last: string): Gen<number> {
  const status = yield* g;
  sh.lastArg = last;
  return status;
}

/** The rest of execSimple once the words are expanded (the general path). */
function* afterExpansion(sh: Shell, cmd: SimpleCommand, expansion: Gen<string[]>): Gen<number> {
  const argv = yield* expansion;
  if (argv.length === 0) {
    const st = yield* assignOnly(sh, cmd);
    sh.lastArg = "";
    return st;
  }
  return yield* finishSimple(sh, cmd, argv);
}

function* finishSimple(sh: Shell, cmd: SimpleCommand, argv: string[]): Gen<number> {
  const status = yield* runExpanded(sh, cmd, argv);
  sh.lastArg = argv[argv.length - 1]!;
  return status;
}

/** assignOnly without redirections or xtrace, from assignment `from` on (see execSimpleSync). */
function assignOnlySync(sh: Shell, cmd: SimpleCommand, from: number): number | Gen<number> {
  const assigns = cmd.assigns;
  for (let i = from; i < assigns.length; i++) {
    const r = assignSync(sh, assigns[i], "shell");
    if (r === true) continue;
    if (r === false) assignFailed(sh);
    return assignOnlyAfter(sh, cmd, i, r);
  }
  const status = sh.cmdSubStatus;
  sh.lastStatus = status;
  sh.lastArg = "";
  return status;
}

function* assignOnlyAfter(sh: Shell, cmd: SimpleCommand, i: number, g: Gen<boolean>): Gen<number> {
  if (!(yield* g)) assignFailed(sh);
  const r = assignOnlySync(sh, cmd, i + 1);
  return typeof r === "number" ? r : yield* r;
}

/** A variable assignment error: POSIX 2.8.1 exits a non-interactive shell; bash (outside posix
 *  mode) abandons the current command line. */
function assignFailed(sh: Shell): never {
  if (sh.opts.posix && !sh.interactive) throw new ExitSignal(1);
  throw new LineAbort(1);
}

/** Run a simple command whose words are already expanded: redirections, then dispatch. */
export function* runExpanded(sh: Shell, cmd: SimpleCommand, argv: string[]): Gen<number> {
  // no command name (a pipeline stage `< file | cmd`): only assignments and redirections
  if (argv.length === 0) return yield* assignOnly(sh, cmd);
  // bash traces the command before its redirections are applied
  if (sh.opts.xtrace) {
    const words = sh.pendingCompound ? xtraceCompoundArgs(sh, argv, sh.pendingCompound) : argv;
    for (const a of cmd.assigns) yield* xtraceAssign(sh, a);
    xtraceWords(sh, words);
  }
  const saved = sh.fds;
  let frame: FdTable | undefined = saved;
  if (cmd.redirects.length > 0) {
    frame = yield* openRedirects(sh, saved, cmd.redirects);
    if (!frame) {
      if (sh.procSubFds.length > 0) closeProcSubFds(sh);
      return (sh.lastStatus = 1);
    }
  }
  return yield* runInFrame(sh, cmd, argv, saved, frame);
}

/** Dispatch with the descriptor table `frame` (saved's redirection frame, or saved itself). */
function* runInFrame(sh: Shell, cmd: SimpleCommand, argv: string[], saved: FdTable, frame: FdTable): Gen<number> {
  sh.fds = frame;
  const deferred = frame !== saved;
  if (deferred) sh.deferDeathReports++;
  try {
    return yield* dispatch(sh, cmd, argv);
  } finally {
    if (deferred) sh.deferDeathReports--;
    if (sh.keepRedirections) {
      // `exec >file`: this frame is the shell's descriptor table from now on
      sh.keepRedirections = false;
      if (frame !== saved) saved.dispose();
    } else if (frame !== saved) leaveRedirectFrame(sh, saved, frame, cmd.redirects, runsInShell(sh, argv[0]));
    if (sh.procSubFds.length > 0) closeProcSubFds(sh);
    if (sh.deathReport !== undefined && sh.deferDeathReports === 0) {
      sh.writeErr(sh.deathReport);
      sh.deathReport = undefined;
    }
  }
}

/** Whether dispatch runs `name` in the shell itself (a function or a builtin), where bash would
 *  not fork: its redirections then act on the shell's own descriptors. (Without a command name
 *  the redirections do not affect the shell either.) */
function runsInShell(sh: Shell, name: string | undefined): boolean {
  if (name === undefined || name.includes("/")) return false;
  return sh.functions.has(name) || (sh.builtins.has(name) && !sh.disabledBuiltins.has(name));
}

/** Process substitution descriptors live until the command that used them ends. */
function closeProcSubFds(sh: Shell): void {
  for (const fd of sh.procSubFds) sh.fds.set(fd, undefined);
  sh.procSubFds = [];
}

/** Whether `name` would run an external program (not a function or builtin). */
export function isExternalName(sh: Shell, name: string): boolean {
  if (name.includes("/")) return true;
  if (sh.functions.has(name)) return false;
  return !sh.builtins.has(name) || sh.disabledBuiltins.has(name);
}

/** Expand a command's words; declaration builtins get assignment-style expansion for name=value. */
export function* expandArgs(sh: Shell, words: Word[]): Gen<string[]> {
  const first = words[0]?.literal;
  if (first !== undefined && DECLARATION_BUILTINS.has(first)) return yield* expandDeclarationArgs(sh, words, first);
  let allLiteral = true;
  for (let i = 0; i < words.length; i++) {
    if (words[i].literal === undefined) {
      allLiteral = false;
      break;
    }
  }
  if (allLiteral) {
    const out = new Array<string>(words.length);
    for (let i = 0; i < words.length; i++) out[i] = words[i].literal!;
    return out;
  }
  return yield* expandWords(sh.host, words);
}

/** declare/local/export/readonly/typeset: name=value arguments are expanded like assignments. */
function* expandDeclarationArgs(sh: Shell, words: Word[], first: string): Gen<string[]> {
  {
    const out: string[] = [first];
    let compound: Map<number, CompoundElem[]> | undefined;
    for (let i = 1; i < words.length; i++) {
      const w = words[i] as Word & { assignment?: Assignment };
      if (w.assignment?.array) {
        // declare a=(x "y z"): the elements are expanded like an array assignment's, and the
        // builtin gets them beside the argument (builtins/declare.ts DeclarationContext)
        compound ??= new Map();
        compound.set(out.length - 1, yield* compoundElements(sh.host, w.assignment.array));
        out.push(`${w.assignment.name}${w.assignment.append ? "+=" : "="}()`);
      } else if (w.assignment?.index !== undefined) {
        // declare a[$i]=v, A['k']=v: the subscript is expanded too, quotes removed (the word's
        // text holds it raw); declare then evaluates it as it evaluates a[1+1]=v
        const a = w.assignment;
        const key = yield* expandWord(sh.host, a.index!);
        const value = a.value ? yield* expandAssignValue(sh.host, a.value) : "";
        out.push(`${a.name}[${key}]${a.append ? "+=" : "="}${value}`);
      } else if (isAssignmentWord(w)) out.push(yield* expandAssignValue(sh.host, w));
      else for (const f of yield* expandWords(sh.host, [w])) out.push(f);
    }
    sh.pendingCompound = compound;
    return out;
  }
}

/** name=..., name+=..., name[sub]=... as the word's leading unquoted text. */
function isAssignmentWord(w: Word): boolean {
  const p = w.parts[0];
  return p !== undefined && p.kind === "Lit" && /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(p.value);
}

/** Only assignments (and redirections): assign in the shell itself. */
function* assignOnly(sh: Shell, cmd: SimpleCommand): Gen<number> {
  // $? of a command with no command name is that of its last command substitution, in its
  // words (`$(exit 3)`) or its assignments (execSimple reset cmdSubStatus before expanding)
  let status = 0;
  if (cmd.redirects.length > 0) {
    const frame = yield* openRedirects(sh, sh.fds, cmd.redirects);
    if (!frame) status = 1;
    else {
      dropMovedSources(sh.fds, frame);
      frame.dispose();
    }
  }
  for (const a of cmd.assigns) {
    if (!(yield* assign(sh, a, "shell"))) {
      // a variable assignment error: POSIX 2.8.1 exits a non-interactive shell; bash (outside
      // posix mode) abandons the current command line
      if (sh.opts.posix && !sh.interactive) throw new ExitSignal(1);
      throw new LineAbort(1);
    }
    if (sh.opts.xtrace) xtraceAssigned(sh, a);
  }
  if (status === 0) status = sh.cmdSubStatus;
  sh.lastStatus = status;
  return status;
}

function* dispatch(sh: Shell, cmd: SimpleCommand, argv: string[]): Gen<number> {
  const name = argv[0];
  let builtin: BuiltinDef | undefined;
  if (!name.includes("/")) {
    builtin = sh.builtins.get(name);
    if (!builtin || !builtin.special) {
      const fn = sh.functions.size > 0 ? sh.functions.get(name) : undefined;
      if (fn) {
        if (cmd.assigns.length === 0) return yield* callFunction(sh, fn, argv);
        return yield* withTempAssigns(sh, cmd.assigns, () => callFunction(sh, fn, argv), TempKind.Function);
      }
    }
    if (builtin && sh.disabledBuiltins.has(name)) builtin = undefined;
  }
  if (builtin) {
    // Prefix assignments persist after a special builtin only in POSIX mode (XCU 2.14); bash
    // otherwise makes them temporary like any other command's (`x=1 eval ...; echo $x` is empty)
    if (builtin.special && (sh.opts.posix || cmd.assigns.length === 0)) {
      for (const a of cmd.assigns) {
        if (!(yield* assign(sh, a, "shell"))) {
          if (!sh.interactive) throw new ExitSignal(1);
          return (sh.lastStatus = 1);
        }
      }
      return yield* runBuiltin(sh, builtin, argv);
    }
    if (cmd.assigns.length === 0) {
      // runBuiltin inlined for the common sync builtin
      const ctx = new Ctx(name, argv.slice(1), sh);
      if (sh.pendingCompound) {
        ctx.compoundArgs = sh.pendingCompound;
        sh.pendingCompound = undefined;
      }
      const r = builtin.run(ctx);
      let status = typeof r === "number" ? r : yield* r;
      if (ctx.outErrno !== 0) status = writeFailure(ctx, status);
      if (sh.async && sh.outQueue.length > 0) status = yield* flushBuiltinOutput(sh, name, status);
      sh.lastStatus = status;
      return status;
    }
    return yield* withTempAssigns(sh, cmd.assigns, () => runBuiltin(sh, builtin!, argv), builtinTempKind(argv));
  }
  const env = cmd.assigns.length > 0 ? yield* assignmentsToEnv(sh, cmd.assigns) : undefined;
  // a PATH among the prefix assignments is the one the command is searched in; like any
  // assignment to PATH it empties the hash table (bash)
  let tempPath: string | undefined;
  if (env !== undefined && cmd.assigns.some((a) => a.name === "PATH")) {
    tempPath = env.findLast((e) => e.startsWith("PATH="))?.slice(5);
    sh.hash.clear();
  }
  return yield* runExternal(sh, argv, env, tempPath);
}

/** Prefix assignments for functions and regular builtins: visible (and exported) during the call only. */
function* withTempAssigns(sh: Shell, assigns: Assignment[], body: () => Gen<number>, kind = TempKind.Scope): Gen<number> {
  if (assigns.length === 0) return yield* body();
  sh.vars.pushScope(true);
  try {
    for (const a of assigns) {
      if (!declareTemp(sh, a.name, a.append && !a.array)) continue;
      if (!(yield* assign(sh, a, "temp"))) return (sh.lastStatus = 1);
    }
    sh.vars.setTempKind(kind);
    return yield* body();
  } finally {
    sh.vars.popScope();
  }
}
