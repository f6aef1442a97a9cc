// Writing and reading through a shell state's descriptor table.
//
// EPIPE: the reader of a pipe has gone. A forked shell (or stage) would be killed by SIGPIPE
// there, so an in-process writer unwinds with PipeSignal: a pipeline stage ends with status 141,
// and the main shell dies of SIGPIPE itself (src/main.ts), exactly as bash would -- unless
// SIGPIPE is trapped or ignored there.

import type { Shell } from "../shell.ts";
import { writeAll } from "../sys/fd.ts";
import { EBADF, EPIPE } from "../sys/errno.ts";
import { queueOutput } from "./async-io.ts";
import { processDispositions } from "../signals/process-dispositions.ts";

const SIGPIPE = 13;

export class PipeSignal {
  readonly status = 141;
}

/** Write to shell fd `fd`. Returns 0 or an errno (EBADF when the fd is closed); throws PipeSignal on EPIPE. */
export function writeShellFd(sh: Shell, fd: number, data: string | Uint8Array): number {
  const os = sh.fds.os(fd);
  if (os === undefined) return EBADF;
  if (sh.async) {
    queueOutput(sh, os, data);
    return 0;
  }
  const r = writeAll(os, data);
  if (r === 0) return 0;
  if (r === -EPIPE && !survivesSigpipe(sh)) throw new PipeSignal();
  return -r;
}

/** A shell with a trap on SIGPIPE (`trap '' PIPE`, or ignored on entry) is not killed by it:
 *  the write fails with EPIPE and the builtin reports "write error: Broken pipe" (bash). A
 *  trap with an action runs at the next safe point, as the delivered signal would have. */
export function survivesSigpipe(sh: Shell): boolean {
  const action = sh.traps.get(SIGPIPE);
  if (action === undefined) return false;
  if (action !== "") processDispositions().deliver(SIGPIPE);
  return true;
}
