// The executor's walker: lists, and-or lists, compound commands.
// Simple commands are in simple.ts, pipelines in pipeline.ts, subshells in subshell.ts.
//
// Every function here is a generator (see gen.ts): it runs synchronously unless something must
// wait for the event loop. Status conventions: each function returns the exit status of what it
// ran and leaves it in sh.lastStatus ($?).
//
// set -e (errexit) follows POSIX and bash: a failing and-or list exits the shell unless the
// failure is "tested": in an if/while/until condition, any pipeline of && / || but the last, a
// pipeline negated with !, or anything run while such a test is in progress (bash ignores set -e
// inside functions and compound commands called from a condition). sh.errexitSuppressed counts
// the tests in progress.

import { FuncAttr, functionAttrs, inheritFunctionAttrs } from "../state/function-attrs.ts";
import { arithWord } from "../expand/arith-word.ts";
import type { AndOr, Case, Command, For, If, List, Pipeline, Select, While, ArithFor, Redirect, Word } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { ExitSignal, loopControl } from "./control.ts";
import { execSimpleSync } from "./simple.ts";
import { drive, resume } from "./resume.ts";
import { runPipeline } from "./pipeline.ts";
import { leaveRedirectFrame, openRedirects, openRedirectsSync } from "./redirect.ts";
import { FdTable } from "./fd-table.ts";
import { runSubshell } from "./subshell.ts";
import { runBackground } from "./background.ts";
import { expandWord, expandWords, expandPattern, matchPattern, evalArithCommand } from "../expand/index.ts";
import { evalCond } from "./cond.ts";
import { selectLoop } from "./select.ts";
import { interruptPending, checkInterrupt } from "./interrupt.ts";
import { safePoint, runErrTrap, pendingTraps, runDebugTrap } from "./safe-point.ts";
import { xtraceWords, xtraceRaw } from "./xtrace.ts";
import { noteDefinition } from "../state/call-frames.ts";
import { VarError } from "../state/var-store.ts";
import { isValidName } from "../state/names.ts";
import { coprocCheck, execCoproc } from "./coproc.ts";

export function* execList(sh: Shell, list: List): Gen<number> {
  const r = execListSync(sh, list, 0, sh.lastStatus);
  return typeof r === "number" ? r : yield* r;
}

/**
 * execList as a plain function (see resume.ts), from item `from` on with `status` so far: lone
 * commands run through the synchronous fast paths; the first item that has to wait continues
 * the list as a generator (listAfter), which goes back to this function for the next item.
 */
export function execListSync(sh: Shell, list: List, from: number, status: number): number | Gen<number> {
  const items = list.items;
  for (let i = from; i < items.length; i++) {
    const item = items[i];
    const ao = item.andOr;
    if (sh.coproc !== undefined) coprocCheck(sh);
    if (item.background) return listAfter(sh, list, i, runBackground(sh, ao), undefined);
    if (ao.rest.length === 0 && ao.first.commands.length === 1 && !ao.first.bang && ao.first.time === undefined) {
      // the common case, a lone command: execAndOr and execPipeline inlined
      const cmd = ao.first.commands[0];
      const r = cmd.kind === "SimpleCommand" ? execSimpleSync(sh, cmd) : execCommandSync(sh, cmd);
      if (typeof r !== "number") return listAfter(sh, list, i, r, cmd);
      status = loneDone(sh, cmd, r);
    } else {
      return listAfter(sh, list, i, execAndOr(sh, ao), undefined);
    }
    if (pendingTraps()) return listAfterSafePoint(sh, list, i, status);
    if (interruptPending()) checkInterrupt();
  }
  return status;
}

/** After a lone command of a list: PIPESTATUS, $?, ERR trap and set -e. */
function loneDone(sh: Shell, cmd: Command, status: number): number {
  if (cmd.kind === "SimpleCommand" || cmd.kind === "Subshell") sh.setPipeStatus1(status);
  sh.lastStatus = status;
  if (status !== 0 && failsOnItsOwn(cmd)) checkErrexit(sh, status);
  return status;
}

/** The rest of a list once item i has to wait (lone: the item was a lone command). */
function* listAfter(sh: Shell, list: List, i: number, g: Gen<number>, lone: Command | undefined): Gen<number> {
  let status = yield* g;
  if (lone) status = loneDone(sh, lone, status);
  if (pendingTraps()) yield* safePoint(sh);
  if (interruptPending()) checkInterrupt();
  const r = execListSync(sh, list, i + 1, status);
  return typeof r === "number" ? r : yield* r;
}

function* listAfterSafePoint(sh: Shell, list: List, i: number, status: number): Gen<number> {
  yield* safePoint(sh);
  if (interruptPending()) checkInterrupt();
  const r = execListSync(sh, list, i + 1, status);
  return typeof r === "number" ? r : yield* r;
}

export function* execAndOr(sh: Shell, ao: AndOr): Gen<number> {
  const rest = ao.rest;
  if (rest.length === 0) {
    const status = yield* execPipeline(sh, ao.first);
    if (status !== 0 && !ao.first.bang && pipelineFailsOnItsOwn(ao.first)) checkErrexit(sh, status);
    return status;
  }
  // every pipeline but the last is tested
  sh.errexitSuppressed++;
  let status: number;
  try {
    status = yield* execPipeline(sh, ao.first);
  } finally {
    sh.errexitSuppressed--;
  }
  let lastRan = -1; // index in rest of the last pipeline that ran (-1: the first)
  for (let i = 0; i < rest.length; i++) {
    // a signal that arrived (`kill -USR1 $$ && echo after`) has its trap run before the next
    // pipeline, as in bash
    if (pendingTraps()) {
      sh.lastStatus = status;
      yield* safePoint(sh);
    }
    const { op, pipeline } = rest[i];
    if ((op === "&&") !== (status === 0)) continue;
    const isLast = i === rest.length - 1;
    if (!isLast) sh.errexitSuppressed++;
    try {
      status = yield* execPipeline(sh, pipeline);
    } finally {
      if (!isLast) sh.errexitSuppressed--;
    }
    lastRan = i;
  }
  if (status !== 0 && lastRan === rest.length - 1 && !rest[lastRan].pipeline.bang && pipelineFailsOnItsOwn(rest[lastRan].pipeline)) {
    checkErrexit(sh, status);
  }
  return status;
}

/** The redirections of the compound command whose own redirections failed last (consumed by
 *  failsOnItsOwn for that same command only: a failure inside a tested list, `{ ...; } <x || :`,
 *  must not make an enclosing compound fail on its own). */
let compoundRedirectFailed: Redirect[] | undefined;

/**
 * Whether a failed command is a failure of its own for the ERR trap and set -e. A compound
 * command other than a subshell, (( )) or [[ ]] fails only through a command inside it, which
 * already had its ERR trap and set -e check (or was tested, so it must not): bash runs neither
 * again for the compound, except when the compound's own redirections failed.
 */
function failsOnItsOwn(cmd: Command): boolean {
  switch (cmd.kind) {
    case "BraceGroup":
    case "If":
    case "While":
    case "For":
    case "ArithFor":
    case "Case":
    case "Select": {
      const own = compoundRedirectFailed === cmd.redirects;
      if (own) compoundRedirectFailed = undefined;
      return own;
    }
    default:
      return true;
  }
}

function pipelineFailsOnItsOwn(p: Pipeline): boolean {
  return p.commands.length !== 1 || failsOnItsOwn(p.commands[0]!);
}

/** After a failed, untested and-or list: the ERR trap, then set -e. */
export function checkErrexit(sh: Shell, status: number): void {
  if (sh.errexitSuppressed > 0) return;
  runErrTrap(sh, status);
  if (sh.opts.errexit) throw new ExitSignal(status);
}

export function* execPipeline(sh: Shell, p: Pipeline): Gen<number> {
  let status: number;
  const start = p.time ? timeStart() : undefined;
  if (p.bang) sh.errexitSuppressed++;
  try {
    if (p.commands.length === 1) {
      status = yield* execCommand(sh, p.commands[0]);
      // bash: a compound command leaves the PIPESTATUS of its last pipeline
      if (p.commands[0].kind === "SimpleCommand" || p.commands[0].kind === "Subshell") sh.setPipeStatus1(status);
    } else {
      status = yield* runPipeline(sh, p);
    }
  } finally {
    if (p.bang) sh.errexitSuppressed--;
  }
  if (p.bang) status = status === 0 ? 1 : 0;
  sh.lastStatus = status;
  if (start) timeReport(sh, start, p.time!.posix);
  return status;
}

/** execCommand as a plain function (see resume.ts) for the commands that have a fast path. */
export function execCommandSync(sh: Shell, cmd: Command): number | Gen<number> {
  switch (cmd.kind) {
    case "SimpleCommand":
      return execSimpleSync(sh, cmd);
    case "BraceGroup":
    case "If":
    case "Case":
      if (cmd.redirects.length === 0) return compoundSync(sh, cmd);
      return compoundInFrame(sh, cmd);
  }
  return drive(execCommand(sh, cmd));
}

type SyncCompound = Extract<Command, { kind: "BraceGroup" | "If" | "Case" }>;

function compoundSync(sh: Shell, cmd: SyncCompound): number | Gen<number> {
  switch (cmd.kind) {
    case "BraceGroup":
      return execListSync(sh, cmd.body, 0, sh.lastStatus);
    case "If":
      return execIfSync(sh, cmd, 0);
    case "Case":
      return execCaseSync(sh, cmd);
  }
}

/**
 * withRedirects as a plain function for the compound commands that have a synchronous path
 * (`{ ...; } >/dev/null 2>&1`): the same steps, with generators only for what has to wait.
 */
function compoundInFrame(sh: Shell, cmd: SyncCompound): number | Gen<number> {
  const saved = sh.fds;
  const lineno = sh.lineno;
  sh.lineno = cmd.redirects[0]!.span.line + sh.lineBase;
  const opened = openRedirectsSync(sh, saved, cmd.redirects);
  if (opened !== undefined && !(opened instanceof FdTable)) return compoundAfterOpen(sh, cmd, saved, lineno, opened);
  if (!enterFrame(sh, cmd, lineno, opened)) return 1;
  let r: number | Gen<number>;
  try {
    r = compoundSync(sh, cmd);
  } catch (e) {
    leaveRedirectFrame(sh, saved, opened, cmd.redirects);
    throw e;
  }
  if (typeof r !== "number") return compoundFrameAfter(sh, r, saved, opened, cmd.redirects);
  leaveRedirectFrame(sh, saved, opened, cmd.redirects);
  return r;
}

/** Once a compound command's redirections are open (or failed): LINENO back to the last
 *  command's, the failure recorded for failsOnItsOwn, and the frame made the shell's table.
 *  False (status 1) when the redirections failed. */
function enterFrame(sh: Shell, cmd: SyncCompound, lineno: number, frame: FdTable | undefined): frame is FdTable {
  sh.lineno = lineno;
  if (!frame) {
    compoundRedirectFailed = cmd.redirects;
    sh.lastStatus = 1;
    return false;
  }
  compoundRedirectFailed = undefined;
  sh.fds = frame;
  return true;
}

function* compoundAfterOpen(sh: Shell, cmd: SyncCompound, saved: FdTable, lineno: number, opening: Gen<FdTable | undefined>): Gen<number> {
  const frame = yield* opening;
  if (!enterFrame(sh, cmd, lineno, frame)) return 1;
  try {
    const r = compoundSync(sh, cmd);
    return typeof r === "number" ? r : yield* r;
  } finally {
    leaveRedirectFrame(sh, saved, frame, cmd.redirects);
  }
}

function* compoundFrameAfter(sh: Shell, r: number | Gen<number>, saved: FdTable, frame: FdTable, redirects: Redirect[]): Gen<number> {
  try {
    return typeof r === "number" ? r : yield* r;
  } finally {
    leaveRedirectFrame(sh, saved, frame, redirects);
  }
}

export function* execCommand(sh: Shell, cmd: Command): Gen<number> {
  switch (cmd.kind) {
    case "SimpleCommand": {
      const r = execSimpleSync(sh, cmd);
      return typeof r === "number" ? r : yield* r;
    }
    case "FunctionDef": {
      // a redefinition keeps the attributes (an exported function stays exported); a readonly
      // function cannot be redefined (bash: "f: readonly function", status 1, not fatal)
      const old = sh.functions.get(cmd.name);
      if (old !== undefined && old !== cmd) {
        if (functionAttrs(old) & FuncAttr.Readonly) {
          sh.lineno = cmd.span.line + sh.lineBase;
          sh.diag(`${cmd.name}: readonly function`);
          return (sh.lastStatus = 1);
        }
        inheritFunctionAttrs(old, cmd);
      }
      sh.functions.set(cmd.name, cmd);
      noteDefinition(sh, cmd); // BASH_SOURCE of its calls
      sh.lastStatus = 0;
      return 0;
    }
    case "Coproc":
      return yield* execCoproc(sh, cmd);
    case "Subshell":
      sh.lineno = cmd.span.line + sh.lineBase; // ( ) has a LINENO of its own (its ERR trap shows it)
      return yield* withRedirects(sh, cmd.redirects, () => runSubshell(sh, cmd.body, cmd.span.line), false);
    default:
      if (cmd.redirects.length === 0) return yield* execCompound(sh, cmd);
      return yield* withRedirects(sh, cmd.redirects, () => execCompound(sh, cmd));
  }
}

/** Run body with redirections applied to a new descriptor frame; the shell's own table is restored after. */
export function* withRedirects(sh: Shell, redirects: Redirect[], body: () => Gen<number>, inShell = true): Gen<number> {
  if (redirects.length === 0) return yield* body();
  const saved = sh.fds;
  // bash reports a compound command's redirection error at the redirection's line, but LINENO
  // (and so an ERR trap) keeps the last command's
  const lineno = sh.lineno;
  sh.lineno = redirects[0]!.span.line + sh.lineBase;
  const frame = yield* openRedirects(sh, saved, redirects);
  sh.lineno = lineno;
  if (!frame) {
    compoundRedirectFailed = redirects;
    return (sh.lastStatus = 1);
  }
  compoundRedirectFailed = undefined;
  sh.fds = frame;
  try {
    return yield* body();
  } finally {
    leaveRedirectFrame(sh, saved, frame, redirects, inShell);
  }
}

function* execCompound(sh: Shell, cmd: Exclude<Command, { kind: "SimpleCommand" | "FunctionDef" | "Subshell" | "Coproc" }>): Gen<number> {
  switch (cmd.kind) {
    case "BraceGroup":
      return yield* execList(sh, cmd.body);
    case "If":
      return yield* execIf(sh, cmd);
    case "While":
      return yield* execWhile(sh, cmd);
    case "For":
      return yield* execFor(sh, cmd);
    case "ArithFor":
      return yield* execArithFor(sh, cmd);
    case "Case":
      return yield* execCase(sh, cmd);
    case "Select":
      return yield* execSelect(sh, cmd);
    case "ArithCmd": {
      sh.lineno = cmd.span.line + sh.lineBase;
      if (sh.commandFrozen === 0) sh.currentCommand = cmd;
      if (debugDue(sh)) yield* runDebugTrap(sh);
      const text = yield* expandWord(sh.host, arithWord(cmd.expr));
      if (sh.opts.xtrace) xtraceRaw(sh, `(( ${text} ))`);
      // an error in the expression fails the command (status 1); the shell goes on
      const v = evalArithCommand(sh.host, text, "((");
      const status = v !== undefined && v !== 0 && v !== 0n ? 0 : 1;
      sh.lastStatus = status;
      return status;
    }
    case "CondCmd": {
      sh.lineno = cmd.span.line + sh.lineBase;
      if (sh.commandFrozen === 0) sh.currentCommand = cmd;
      if (debugDue(sh)) yield* runDebugTrap(sh);
      const status = yield* evalCond(sh, cmd.expr);
      sh.lastStatus = status;
      return status;
    }
  }
}

/** The DEBUG trap runs before each simple command and, in bash, before (( )), [[ ]], case,
 *  select, each iteration of for, and each expression of an arithmetic for. */
function debugDue(sh: Shell): boolean {
  return !sh.inTrap && sh.traps.get("DEBUG") !== undefined;
}

/** Run a condition list with set -e suspended. */
export function* runCondition(sh: Shell, list: List): Gen<number> {
  sh.errexitSuppressed++;
  try {
    return yield* execList(sh, list);
  } finally {
    sh.errexitSuppressed--;
  }
}

function* execIf(sh: Shell, cmd: If): Gen<number> {
  const r = execIfSync(sh, cmd, 0);
  return typeof r === "number" ? r : yield* r;
}

/** if/elif from clause k on, as a plain function (see resume.ts); conditions run with set -e suspended. */
function execIfSync(sh: Shell, cmd: If, k: number): number | Gen<number> {
  const clauses = cmd.clauses;
  for (; k < clauses.length; k++) {
    sh.errexitSuppressed++;
    let c: number | Gen<number>;
    try {
      c = execListSync(sh, clauses[k].cond, 0, sh.lastStatus);
    } catch (e) {
      sh.errexitSuppressed--;
      throw e;
    }
    if (typeof c !== "number") return ifAfter(sh, cmd, k, c);
    sh.errexitSuppressed--;
    if (c === 0) return execListSync(sh, clauses[k].body, 0, sh.lastStatus);
  }
  if (cmd.elseBody) return execListSync(sh, cmd.elseBody, 0, sh.lastStatus);
  sh.lastStatus = 0;
  return 0;
}

function* ifAfter(sh: Shell, cmd: If, k: number, cond: Gen<number>): Gen<number> {
  let c: number;
  try {
    c = yield* cond;
  } finally {
    sh.errexitSuppressed--;
  }
  const r = c === 0 ? execListSync(sh, cmd.clauses[k].body, 0, sh.lastStatus) : execIfSync(sh, cmd, k + 1);
  return typeof r === "number" ? r : yield* r;
}

/** One run of a loop's condition or body list. A `break` or `continue` aimed at this loop (one
 *  level; loopControl rethrows deeper ones) comes back as LOOP_BREAK / LOOP_CONTINUE. */
const LOOP_BREAK = -1;
const LOOP_CONTINUE = -2;
/** One run of a loop's condition or body as a plain function (see resume.ts): its status,
 *  LOOP_BREAK or LOOP_CONTINUE, or a generator when something in it has to wait. */
function iteration(sh: Shell, list: List): number | Gen<number> {
  let r: number | Gen<number>;
  try {
    r = execListSync(sh, list, 0, sh.lastStatus);
  } catch (e) {
    return loopControl(e) === "break" ? LOOP_BREAK : LOOP_CONTINUE;
  }
  return typeof r === "number" ? r : iterationAfter(r);
}

function* iterationAfter(g: Gen<number>): Gen<number> {
  try {
    return yield* g;
  } catch (e) {
    return loopControl(e) === "break" ? LOOP_BREAK : LOOP_CONTINUE;
  }
}

/**
 * Loop bodies: break/continue are thrown as BreakSignal/ContinueSignal with a count; each loop
 * level consumes one and rethrows the rest.
 */
function* execWhile(sh: Shell, cmd: While): Gen<number> {
  let status = 0;
  sh.loopDepth++;
  try {
    for (;;) {
      // set -e is suspended in the condition; `while break; do` belongs to this loop too
      sh.errexitSuppressed++;
      let c: number | Gen<number>;
      try {
        c = iteration(sh, cmd.cond);
        if (typeof c !== "number") c = yield* c;
      } finally {
        sh.errexitSuppressed--;
      }
      if (c === LOOP_BREAK) {
        status = 0;
        break;
      }
      if (c === LOOP_CONTINUE) continue;
      if ((c === 0) === cmd.until) break;
      let b = iteration(sh, cmd.body);
      if (typeof b !== "number") b = yield* b;
      if (b === LOOP_BREAK) {
        status = 0;
        break;
      }
      if (b === LOOP_CONTINUE) continue;
      status = b;
      if (sh.yieldDue()) yield* safePoint(sh, true);
    }
  } finally {
    sh.loopDepth--;
  }
  sh.lastStatus = status;
  return status;
}

/**
 * A for/select variable that cannot be assigned: a name that is not an identifier
 * ("`i.j': not a valid identifier", checked before the words are expanded) or a readonly one.
 * bash ends the loop with status 1 and goes on; in POSIX mode a non-interactive shell exits
 * (with 2 for the name; for readonly as after a fatal expansion error).
 */
export function loopVarFailed(sh: Shell, e: VarError | string): number {
  if (typeof e === "string") {
    sh.diag(`\`${e}': not a valid identifier`);
    if (sh.opts.posix && !sh.interactive) throw new ExitSignal(2);
  } else if (sh.opts.posix && !sh.interactive) sh.fail(e.message);
  else sh.diag(e.message);
  sh.lastStatus = 1;
  return 1;
}

function* execFor(sh: Shell, cmd: For): Gen<number> {
  sh.lineno = cmd.span.line + sh.lineBase;
  if (sh.commandFrozen === 0) sh.currentCommand = cmd;
  if (!isValidName(cmd.name)) return loopVarFailed(sh, cmd.name);
  const items = cmd.items ? yield* expandWords(sh.host, cmd.items) : sh.positional.slice();
  let status = 0;
  sh.loopDepth++;
  try {
    for (const item of items) {
      if (debugDue(sh)) {
        sh.lineno = cmd.span.line + sh.lineBase;
        if (sh.commandFrozen === 0) sh.currentCommand = cmd;
        yield* runDebugTrap(sh);
      }
      try {
        sh.vars.set(cmd.name, item);
      } catch (e) {
        if (!(e instanceof VarError)) throw e;
        return loopVarFailed(sh, e);
      }
      if (sh.opts.xtrace) xtraceWords(sh, ["for", cmd.name, "in", item]);
      let b = iteration(sh, cmd.body);
      if (typeof b !== "number") b = yield* b;
      if (b === LOOP_BREAK) {
        status = 0;
        break;
      }
      if (b === LOOP_CONTINUE) continue;
      status = b;
      if (sh.yieldDue()) yield* safePoint(sh, true);
    }
  } finally {
    sh.loopDepth--;
  }
  sh.lastStatus = status;
  return status;
}

/** One of the three expressions of for ((...)): its value (dflt when empty), or undefined after
 *  an error in it, which ends the loop with status 1. */
function* arith(sh: Shell, w: { kind: "Word" } | undefined, dflt: number, line: number): Gen<number | undefined> {
  sh.lineno = line;
  if (debugDue(sh)) yield* runDebugTrap(sh);
  if (!w) return dflt;
  const text = yield* expandWord(sh.host, arithWord(w as Word));
  if (text.trim() === "") return dflt;
  const v = evalArithCommand(sh.host, text, "((");
  return v === undefined ? undefined : Number(v);
}

function* execArithFor(sh: Shell, cmd: ArithFor): Gen<number> {
  let status = 0;
  sh.loopDepth++;
  try {
    const line = cmd.span.line + sh.lineBase;
    if ((yield* arith(sh, cmd.init, 0, line)) === undefined) return (sh.lastStatus = 1);
    for (;;) {
      const c = yield* arith(sh, cmd.cond, 1, line);
      if (c === undefined) {
        status = 1;
        break;
      }
      if (c === 0) break;
      let b = iteration(sh, cmd.body);
      if (typeof b !== "number") b = yield* b;
      if (b === LOOP_BREAK) {
        status = 0;
        break;
      }
      // continue goes on to the step expression
      if (b !== LOOP_CONTINUE) status = b;
      if ((yield* arith(sh, cmd.step, 0, line)) === undefined) {
        status = 1;
        break;
      }
      if (sh.yieldDue()) yield* safePoint(sh, true);
    }
  } finally {
    sh.loopDepth--;
  }
  sh.lastStatus = status;
  return status;
}

function* execCase(sh: Shell, cmd: Case): Gen<number> {
  const r = execCaseSync(sh, cmd);
  return typeof r === "number" ? r : yield* r;
}

/** case as a plain function (see resume.ts): the subject, then each pattern in order. */
function execCaseSync(sh: Shell, cmd: Case): number | Gen<number> {
  sh.lineno = cmd.span.line + sh.lineBase;
  if (sh.commandFrozen === 0) sh.currentCommand = cmd;
  if (debugDue(sh)) return caseAfterDebug(sh, cmd);
  const g = expandWord(sh.host, cmd.word);
  const r = g.next();
  if (!r.done) return caseAfterSubject(sh, cmd, resume(g, r));
  return caseMatch(sh, cmd, r.value, 0, 0);
}

function* caseAfterDebug(sh: Shell, cmd: Case): Gen<number> {
  yield* runDebugTrap(sh);
  const r = caseAfterSubject(sh, cmd, expandWord(sh.host, cmd.word));
  return yield* r;
}

function* caseAfterSubject(sh: Shell, cmd: Case, subject: Gen<string>): Gen<number> {
  const r = caseMatch(sh, cmd, yield* subject, 0, 0);
  return typeof r === "number" ? r : yield* r;
}

/** Try the patterns from item i, pattern j on; run the first item that matches. */
function caseMatch(sh: Shell, cmd: Case, subject: string, i: number, j: number): number | Gen<number> {
  const items = cmd.items;
  for (; i < items.length; i++, j = 0) {
    const patterns = items[i].patterns;
    for (; j < patterns.length; j++) {
      const g = expandPattern(sh.host, patterns[j]);
      const r = g.next();
      if (!r.done) return caseAfterPattern(sh, cmd, subject, i, j, resume(g, r));
      if (caseMatches(sh, r.value, subject)) return caseRun(sh, cmd, subject, i);
    }
  }
  sh.lastStatus = 0;
  return 0;
}

function caseMatches(sh: Shell, pattern: string, subject: string): boolean {
  return matchPattern(pattern, subject, { extglob: sh.opts.extglob, nocase: sh.opts.nocasematch, localeVars: sh.vars });
}

function* caseAfterPattern(sh: Shell, cmd: Case, subject: string, i: number, j: number, pattern: Gen<string>): Gen<number> {
  const r = caseMatches(sh, yield* pattern, subject) ? caseRun(sh, cmd, subject, i) : caseMatch(sh, cmd, subject, i, j + 1);
  return typeof r === "number" ? r : yield* r;
}

/** Item i matched: run its body; ;& falls through to the next body, ;;& tests the next patterns. */
function caseRun(sh: Shell, cmd: Case, subject: string, i: number): number | Gen<number> {
  const item = cmd.items[i];
  if (item.terminator === ";&" || item.terminator === ";;&") return caseRest(sh, cmd, subject, i);
  const r = execListSync(sh, item.body, 0, sh.lastStatus);
  if (typeof r !== "number") return caseStatus(sh, r);
  sh.lastStatus = r;
  return r;
}

function* caseStatus(sh: Shell, body: Gen<number>): Gen<number> {
  const status = yield* body;
  sh.lastStatus = status;
  return status;
}

/** The general loop from matched item i on (for ;& and ;;&). */
function* caseRest(sh: Shell, cmd: Case, subject: string, i: number): Gen<number> {
  let status = 0;
  const items = cmd.items;
  let fallthrough = true;
  while (i < items.length) {
    const item = items[i];
    let matched = fallthrough;
    if (!matched) {
      for (const p of item.patterns) {
        if (caseMatches(sh, yield* expandPattern(sh.host, p), subject)) {
          matched = true;
          break;
        }
      }
    }
    if (!matched) {
      i++;
      continue;
    }
    status = yield* execList(sh, item.body);
    if (item.terminator === ";&") {
      fallthrough = true;
      i++;
      continue;
    }
    if (item.terminator === ";;&") {
      fallthrough = false;
      i++;
      continue;
    }
    break;
  }
  sh.lastStatus = status;
  return status;
}

function* execSelect(sh: Shell, cmd: Select): Gen<number> {
  sh.lineno = cmd.span.line + sh.lineBase;
  if (sh.commandFrozen === 0) sh.currentCommand = cmd;
  if (debugDue(sh)) yield* runDebugTrap(sh);
  if (!isValidName(cmd.name)) return loopVarFailed(sh, cmd.name);
  const items = cmd.items ? yield* expandWords(sh.host, cmd.items) : sh.positional.slice();
  let status = 0;
  if (items.length === 0) return (sh.lastStatus = 0);
  sh.loopDepth++;
  try {
    status = yield* selectLoop(sh, cmd, items);
  } finally {
    sh.loopDepth--;
  }
  sh.lastStatus = status;
  return status;
}

// --- time keyword ------------------------------------------------------------------------------
interface TimeStart {
  wall: number;
  cpu: NodeJS.CpuUsage;
  children: { user: number; sys: number };
}
function timeStart(): TimeStart {
  return { wall: performance.now(), cpu: process.cpuUsage(), children: childTimes() };
}
function childTimes(): { user: number; sys: number } {
  try {
    const r = process.resourceUsage();
    return { user: r.userCPUTime, sys: r.systemCPUTime };
  } catch {
    return { user: 0, sys: 0 };
  }
}
function timeReport(sh: Shell, t: TimeStart, posix: boolean): void {
  const real = (performance.now() - t.wall) / 1000;
  const cpu = process.cpuUsage(t.cpu);
  const user = cpu.user / 1e6;
  const sys = cpu.system / 1e6;
  const fmt = (s: number) => `${Math.floor(s / 60)}m${(s % 60).toFixed(3)}s`;
  if (posix) sh.writeErr(`real ${real.toFixed(2)}\nuser ${user.toFixed(2)}\nsys ${sys.toFixed(2)}\n`);
  else sh.writeErr(`\nreal\t${fmt(real)}\nuser\t${fmt(user)}\nsys\t${fmt(sys)}\n`);
}
