// Calling a shell function: a new scope for `local`, new positional parameters, FUNCNAME,
// `return` caught here, the RETURN trap, and the body's own redirections on every call.
import type { FunctionDef } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { ReturnSignal } from "./control.ts";
import { execCommand } from "./execute.ts";
import { runReturnTrap } from "./safe-point.ts";

const MAX_DEPTH = 5000;

export function* callFunction(sh: Shell, fn: FunctionDef, argv: string[]): Gen<number> {
  if (sh.funcStack.length >= MAX_DEPTH) {
    sh.diag(`${fn.name}: maximum function nesting level exceeded (${MAX_DEPTH})`);
    return (sh.lastStatus = 1);
  }
  const savedPositional = sh.positional;
  const savedLoop = sh.loopDepth;
  const savedLineBase = sh.lineBase;
  sh.positional = argv.slice(1);
  sh.funcStack.unshift(fn.name);
  sh.vars.pushScope();
  sh.loopDepth = 0;
  let status: number;
  try {
    status = yield* execCommand(sh, fn.body);
  } catch (e) {
    if (e instanceof ReturnSignal) status = e.status;
    else throw e;
  } finally {
    sh.vars.popScope();
    sh.funcStack.shift();
    sh.positional = savedPositional;
    sh.loopDepth = savedLoop;
    sh.lineBase = savedLineBase;
  }
  sh.lastStatus = status;
  if (!sh.inTrap && sh.traps.get("RETURN") !== undefined) yield* runReturnTrap(sh);
  return status;
}
