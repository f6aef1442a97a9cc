// let expr ... -- evaluate each argument as an arithmetic expression (bash).
// Status: 0 when the last expression is non-zero, 1 when it is zero or an expression fails
// (the error, prefixed "let: ", is reported and the remaining arguments are not evaluated).
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { evalArithCommand } from "../src/expand/arith-eval.ts";

function letBuiltin(ctx: BuiltinContext): number {
  const args = ctx.args;
  if (args.length === 0) {
    ctx.error("expression expected");
    return 1;
  }
  // errors in an expression read "let: <expression>: <message>" and fail let; an error in an
  // array subscript abandons the command line (evalArithCommand)
  let last: number | bigint = 0;
  for (const a of args) {
    const v = evalArithCommand(ctx.sh.host, a, ctx.name);
    if (v === undefined) return 1;
    last = v;
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
