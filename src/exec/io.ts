// Writing and reading through a shell state's descriptor table.
//
// EPIPE: the reader of a pipe has gone. A forked shell (or stage) would be killed by SIGPIPE
// there, so an in-process writer unwinds with PipeSignal: a pipeline stage ends with status 141,
// and the main shell dies of SIGPIPE itself (src/main.ts), exactly as bash would.

import type { Shell } from "../shell.ts";
import { writeAll } from "../sys/fd.ts";
import { EBADF, EPIPE } from "../sys/errno.ts";
import { queueOutput } from "./async-io.ts";

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
  if (r === -EPIPE) throw new PipeSignal();
  return -r;
}
