// Calling a shell function: a new scope for `local`, new positional parameters, FUNCNAME,
// `return` caught here, the RETURN trap, and the body's own redirections on every call.
import type { FunctionDef } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { ReturnSignal } from "./control.ts";
import { execCommandSync } from "./execute.ts";
import { runReturnTrap } from "./safe-point.ts";
import type { FunctionTraps } from "../signals/traps.ts";
import { FuncAttr, functionAttrs } from "../state/function-attrs.ts";
import { countFunctionCall } from "../sys/jit-policy.ts";

const MAX_DEPTH = 5000;

export function* callFunction(sh: Shell, fn: FunctionDef, argv: string[]): Gen<number> {
  const r = callFunctionSync(sh, fn, argv);
  return typeof r === "number" ? r : yield* r;
}

/** What a call replaces and restores. */
interface Saved {
  positional: string[];
  loopDepth: number;
  lineBase: number;
  /** LINENO of the call: bash shows it again once the function returns (an ERR trap after a
   *  failing call reports the call's line) */
  lineno: number;
  /** ERR/DEBUG/RETURN traps hidden during the call (see TrapTable.enterFunction) */
  traps: FunctionTraps | null;
  /** the RETURN trap in effect when the body ended (it runs after the caller's state is back) */
  returnTrap: boolean;
}

/**
 * callFunction as a plain function (see resume.ts): a body that runs without waiting returns
 * its status here; otherwise the rest of the call (and its clean-up) continues as a generator.
 */
export function callFunctionSync(sh: Shell, fn: FunctionDef, argv: string[]): number | Gen<number> {
  if (sh.funcStack.length >= MAX_DEPTH) {
    sh.diag(`${fn.name}: maximum function nesting level exceeded (${MAX_DEPTH})`);
    return (sh.lastStatus = 1);
  }
  countFunctionCall();
  const t = sh.traps;
  const traps = t.hasFunctionTraps()
    ? t.enterFunction(sh.opts.errtrace, sh.opts.functrace || (functionAttrs(fn) & FuncAttr.Trace) !== 0)
    : null;
  const saved: Saved = { positional: sh.positional, loopDepth: sh.loopDepth, lineBase: sh.lineBase, lineno: sh.lineno, traps, returnTrap: false };
  sh.positional = argv.slice(1);
  sh.funcStack.unshift(fn.name);
  sh.frames.push({ name: fn.name, fn, line: sh.lineno });
  sh.vars.pushScope();
  sh.loopDepth = 0;
  let status: number;
  try {
    const r = execCommandSync(sh, fn.body);
    if (typeof r !== "number") return callAfter(sh, r, saved);
    status = r;
  } catch (e) {
    leave(sh, saved);
    if (e instanceof ReturnSignal) return returned(sh, e.status, saved);
    throw e;
  }
  leave(sh, saved);
  return returned(sh, status, saved);
}

function* callAfter(sh: Shell, body: Gen<number>, saved: Saved): Gen<number> {
  let status: number;
  try {
    status = yield* body;
  } catch (e) {
    if (e instanceof ReturnSignal) status = e.status;
    else throw e;
  } finally {
    leave(sh, saved);
  }
  const r = returned(sh, status, saved);
  return typeof r === "number" ? r : yield* r;
}

/** The caller's scope, positional parameters and loop depth come back. */
function leave(sh: Shell, saved: Saved): void {
  sh.vars.popScope();
  sh.funcStack.shift();
  sh.frames.pop();
  sh.positional = saved.positional;
  sh.loopDepth = saved.loopDepth;
  sh.lineBase = saved.lineBase;
  sh.lineno = saved.lineno;
  saved.returnTrap = !sh.inTrap && sh.traps.get("RETURN") !== undefined;
  if (saved.traps !== null) sh.traps.leaveFunction(saved.traps);
}

/** $? of the call, then the RETURN trap (which keeps it). */
function returned(sh: Shell, status: number, saved: Saved): number | Gen<number> {
  sh.lastStatus = status;
  if (saved.returnTrap) return returnTrap(sh, status);
  return status;
}

function* returnTrap(sh: Shell, status: number): Gen<number> {
  yield* runReturnTrap(sh);
  return status;
}
