// The interactive shell's side of key bindings: reading readline's init file when the line
// editor starts, and running the shell commands bound with `bind -x`.
import type { Shell } from "./shell.ts";
import { shellBindings } from "./interactive/shell-bindings.ts";
import { initFilePath, readInitFile } from "./interactive/inputrc.ts";
import { runGen } from "./exec/gen.ts";
import { finish, ShellExit } from "./run.ts";
import { terminal } from "./jobs/terminal.ts";

/** readline's init file: $INPUTRC, else ~/.inputrc, else /etc/inputrc (before the start-up
 *  files run, as bash's readline is set up before .bashrc's `bind` commands). */
export function loadInitFile(sh: Shell): void {
  const b = shellBindings(sh);
  const path = initFilePath(sh.vars.get("INPUTRC"), sh.vars.get("HOME"));
  if (path === undefined) return;
  readInitFile(b, path, {
    term: sh.vars.get("TERM"),
    home: sh.vars.get("HOME"),
    error: (m) => sh.writeErr(m + "\n"),
  });
}

/** `bind -x`: READLINE_LINE and READLINE_POINT hold the line and the cursor while the command
 *  runs (bash 5.2 also READLINE_MARK); what it leaves in them becomes the line. */
export async function runBoundCommand(sh: Shell, command: string, line: string, point: number): Promise<{ line: string; point: number }> {
  sh.vars.set("READLINE_LINE", line);
  sh.vars.set("READLINE_POINT", String(point));
  sh.vars.set("READLINE_MARK", "0");
  try {
    const r = runGen(sh.runString(command, "bash_execute_unix_command"));
    if (r instanceof Promise) await r;
  } catch (e) {
    if (e instanceof ShellExit) await finish(sh, e.status);
    throw e;
  }
  terminal.reclaim(sh);
  const newLine = sh.vars.get("READLINE_LINE") ?? "";
  const p = Number(sh.vars.get("READLINE_POINT") ?? "");
  return { line: newLine, point: Number.isInteger(p) ? p : newLine.length };
}
