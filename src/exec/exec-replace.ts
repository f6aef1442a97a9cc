// The exec builtin with a command: replace the shell process with it (execve), as bash does.
// Before execve the shell's virtual descriptor table is made real: each entry is dup2'd onto its
// number without close-on-exec (sources first moved above every target so none is clobbered).
// Signal dispositions are reset by spawn.ts's execReplace. Returns the error text if execve fails.
import type { Shell } from "../shell.ts";
import { libc } from "../sys/libc.ts";
import { strerror } from "../sys/errno.ts";
import { dup2, dupCloexec, setCloexec } from "../sys/fd.ts";
import { processDispositions } from "../signals/process-dispositions.ts";
import { terminal } from "../jobs/terminal.ts";
import { execReplace as execve } from "./spawn.ts";

export function execReplace(sh: Shell, path: string, argv: string[], env: string[]): string {
  const fds = sh.fds.inheritableFds(); // close-on-exec slots (a coprocess's ends) are not passed
  const tmp = new Map<number, number>();
  for (const fd of fds) tmp.set(fd, dupCloexec(sh.fds.os(fd)!, 100));
  for (const fd of fds) {
    dup2(tmp.get(fd)!, fd);
    setCloexec(fd, false);
  }
  for (let fd = 0; fd <= 2; fd++) if (!fds.includes(fd)) libc().close(fd);
  terminal.release();
  const err = execve(path, argv, env, processDispositions().childSigDefault());
  for (const t of tmp.values()) libc().close(t);
  return strerror(err);
}
