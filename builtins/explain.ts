// `explain 'command line'`: shows, without running anything, what the shell would do for the
// command line: the plan (pipe2, open, posix_spawn with its ordered file actions, execve,
// in-process stages, close, waitpid, in order) and a diagram of the descriptor wiring of each
// pipeline (src/explain/plan.ts derives both with the executor's own rules).
//
// explain [-p | -d] command-line...   (the arguments are joined with spaces, like eval)
//   -p  only the plan;  -d  only the diagrams.
// Status 0, 2 for a usage or syntax error.
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { planSource } from "../src/explain/plan.ts";
import { renderDiagram } from "../src/explain/diagram.ts";

const USAGE = "explain [-p | -d] command-line";

function explain(ctx: BuiltinContext): number {
  let showPlan = true;
  let showDiagram = true;
  let i = 0;
  for (; i < ctx.args.length; i++) {
    const a = ctx.args[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (a === "-p") showDiagram = false;
    else if (a === "-d") showPlan = false;
    else if (a.startsWith("-") && a.length > 1) {
      ctx.error(`${a}: invalid option`);
      ctx.err(`explain: usage: ${USAGE}\n`);
      return 2;
    } else break;
  }
  const source = ctx.args.slice(i).join(" ");
  if (source.trim() === "") {
    ctx.err(`explain: usage: ${USAGE}\n`);
    return 2;
  }
  const plan = planSource(ctx.sh, source);
  if ("error" in plan) {
    ctx.error(plan.error);
    return 2;
  }
  let out = "";
  if (showPlan) {
    out += `Plan for: ${source}\n(nothing is run; pids are letters, new OS fd numbers are what the kernel would give now)\n`;
    plan.steps.forEach((s, k) => {
      out += `${String(k + 1).padStart(3)}. ${s}\n`;
    });
  }
  if (showDiagram) {
    if (out !== "") out += "\n";
    out += "Descriptor wiring (redirections applied left to right):\n";
    for (const d of plan.diagrams) out += renderDiagram(d);
  }
  for (const n of plan.notes) out += `note: ${n}\n`;
  ctx.out(out);
  return 0;
}

export const def: BuiltinDef = {
  name: "explain",
  special: false,
  run: explain,
  synopsis: USAGE,
  description: "Show the plan (pipes, spawns, file actions, waits) and the descriptor wiring of a command line without running it.",
};
