// let expr ... -- evaluate each argument as an arithmetic expression (bash).
// Status: 0 when the last expression is non-zero, 1 when it is zero or an expression fails
// (the error, prefixed "let: ", is reported and the remaining arguments are not evaluated).
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import type { ExpandHost } from "../src/expand/host.ts";
import { ExpansionError } from "../src/expand/host.ts";
import { evalArithNum } from "../src/expand/arith-eval.ts";

function letBuiltin(ctx: BuiltinContext): number {
  const args = ctx.args;
  if (args.length === 0) {
    ctx.error("expression expected");
    return 1;
  }
  const base = ctx.sh.host;
  // The same host, except that errors read "let: <expression>: <message>" as in bash.
  const host: ExpandHost = Object.create(base, {
    fail: { value: (message: string): never => base.fail(`${ctx.name}: ${message}`) },
  });
  let last: number | bigint = 0;
  try {
    for (const a of args) last = evalArithNum(host, a);
  } catch (e) {
    if (e instanceof ExpansionError) return 1;
    throw e;
  }
  return last === 0 || last === 0n ? 1 : 0;
}

export const letDef: BuiltinDef = {
  name: "let",
  special: false,
  run: letBuiltin,
  synopsis: "let arg [arg ...]",
  description: "Evaluate arithmetic expressions; status 1 if the last one evaluates to 0.",
};
