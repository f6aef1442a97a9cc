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
  const saved: Saved = { positional: sh.positional, loopDepth: sh.loopDepth, lineBase: sh.lineBase, lineno: sh.lineno, traps };
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
    if (!(e instanceof ReturnSignal)) {
      leave(sh, saved);
      throw e;
    }
    status = e.status;
  }
  return finish(sh, status, saved);
}

function* callAfter(sh: Shell, body: Gen<number>, saved: Saved): Gen<number> {
  let status: number;
  try {
    status = yield* body;
  } catch (e) {
    if (!(e instanceof ReturnSignal)) {
      leave(sh, saved);
      throw e;
    }
    status = e.status;
  }
  const r = finish(sh, status, saved);
  return typeof r === "number" ? r : yield* r;
}

/** The end of a call: the RETURN trap (visible here only with functrace or declare -ft) runs in
 *  the function's context, as bash runs it: FUNCNAME, locals and $1... are still the function's
 *  and $? is its last command's (not `return N`'s). Then the caller's state comes back and $? is
 *  the call's status. */
function finish(sh: Shell, status: number, saved: Saved): number | Gen<number> {
  if (!sh.inTrap && sh.traps.get("RETURN") !== undefined) return trapThenLeave(sh, status, saved);
  leave(sh, saved);
  sh.lastStatus = status;
  return status;
}

function* trapThenLeave(sh: Shell, status: number, saved: Saved): Gen<number> {
  try {
    yield* runReturnTrap(sh);
  } finally {
    leave(sh, saved);
  }
  sh.lastStatus = status;
  return status;
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
  if (saved.traps !== null) sh.traps.leaveFunction(saved.traps);
}
