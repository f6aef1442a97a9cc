// The exec builtin with a command: replace the shell process with it (execve), as bash does.
// Before execve the shell's virtual descriptor table is made real (dup2 each entry onto its
// number, without close-on-exec) and signal dispositions the shell changed are reset.
// Returns the error text if execve fails (the shell then continues or exits, per bash).
import type { Shell } from "../shell.ts";
import { libc } from "../sys/libc.ts";
import { cstr, cstrArray } from "../sys/cstring.ts";
import { errno, strerror } from "../sys/errno.ts";
import { dup2, dupCloexec, setCloexec } from "../sys/fd.ts";
import { processDispositions } from "../signals/process-dispositions.ts";
import { terminal } from "../jobs/terminal.ts";

export function execReplace(sh: Shell, path: string, argv: string[], env: string[]): string {
  const fds = sh.fds.openFds();
  // move sources out of the way first so dup2 cannot clobber one we still need
  const tmp = new Map<number, number>();
  for (const fd of fds) {
    const os = sh.fds.os(fd)!;
    tmp.set(fd, dupCloexec(os, 100));
  }
  for (const fd of fds) {
    dup2(tmp.get(fd)!, fd);
    setCloexec(fd, false);
  }
  for (let fd = 0; fd <= 2; fd++) if (!fds.includes(fd)) libc().close(fd);
  terminal.release();
  const undo = processDispositions().prepareExec();
  const a = cstrArray(argv);
  const e = cstrArray(env);
  const p = cstr(path);
  libc().execve(p, a.arr, e.arr);
  const err = errno();
  undo();
  void a.keep.length;
  void e.keep.length;
  return strerror(err);
}
