// The interactive read-eval loop (filled in by the job-control work): prompt, read a line with
// the line editor, accumulate until the parser has a complete command, run it, report jobs.
import type { Shell } from "./shell.ts";
import type { ShellConfig } from "./startup.ts";

export async function runInteractive(sh: Shell, _cfg: ShellConfig): Promise<number> {
  const { runStdin } = await import("./run.ts");
  return runStdin(sh);
}
