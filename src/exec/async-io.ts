// I/O for in-process stages that run concurrently ("async" shell states, see pipeline.ts).
//
// Two in-process stages of one pipeline run as coroutines in one thread, so neither may block
// the process on a pipe: the other one is what would unblock it. In an async state:
//  - builtin output is queued (writeShellFd) and flushed after the builtin returns, a page at a
//    time while poll() says the pipe has room, yielding to the event loop when it has none;
//  - reads wait with poll() and yield until the descriptor is readable.
// Yielding uses short timers with exponential back-off (1 ms .. 16 ms): there is no way to have
// Bun's event loop watch an arbitrary pipe descriptor that external children share without
// making it non-blocking for them too.

import { encodeUtf8 } from "../sys/utf8.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { pollOne, POLLIN, POLLOUT, POLLHUP, POLLERR } from "../sys/fd.ts";
import { libc } from "../sys/libc.ts";
import { errno, EPIPE, EAGAIN, EINTR } from "../sys/errno.ts";
import { PipeSignal, survivesSigpipe } from "./io.ts";
import { strerror } from "../sys/errno.ts";

const PAGE = 4096;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Wait (yielding) until `osfd` is readable or at end of file. */
export function* waitReadable(osfd: number): Gen<void> {
  let delay = 1;
  for (;;) {
    const r = pollOne(osfd, POLLIN, 0);
    if (r !== 0) return;
    yield sleep(delay);
    delay = Math.min(delay * 2, 16);
  }
}

/** Write all of `data` without ever blocking the process. Throws PipeSignal on EPIPE, or
 *  returns EPIPE when SIGPIPE is trapped in `sh`; 0 otherwise. */
export function* writeNonBlocking(sh: Shell, osfd: number, data: Uint8Array): Gen<number> {
  let off = 0;
  let delay = 1;
  while (off < data.length) {
    const r = pollOne(osfd, POLLOUT, 0);
    if (r === 0) {
      yield sleep(delay);
      delay = Math.min(delay * 2, 16);
      continue;
    }
    delay = 1;
    if (r & (POLLERR | POLLHUP) && !(r & POLLOUT)) {
      if (survivesSigpipe(sh)) return EPIPE;
      throw new PipeSignal();
    }
    // a page fits whenever poll reports a pipe writable; regular files take everything
    const n = Math.min(PAGE, data.length - off);
    const w = libc().write(osfd, data.subarray(off, off + n), n) as number;
    if (w < 0) {
      const e = errno();
      if (e === EINTR || e === EAGAIN) continue;
      if (e === EPIPE) {
        if (survivesSigpipe(sh)) return EPIPE;
        throw new PipeSignal();
      }
      return e;
    }
    off += w;
  }
  return 0;
}


/** Queue output of a builtin running in an async state. */
export function queueOutput(sh: Shell, osfd: number, data: string | Uint8Array): void {
  sh.outQueue.push([osfd, typeof data === "string" ? encodeUtf8(data) : data.slice()]);
}

/** Flush the queued output in order; returns the errno of the first write that failed (the
 *  rest of the queue is dropped), or 0. */
export function* flushOutput(sh: Shell): Gen<number> {
  while (sh.outQueue.length > 0) {
    const [fd, bytes] = sh.outQueue.shift()!;
    const e = yield* writeNonBlocking(sh, fd, bytes);
    if (e !== 0) {
      sh.outQueue.length = 0;
      return e;
    }
  }
  return 0;
}

/** Flush what builtin `name` queued: a write that failed without ending the shell makes the
 *  builtin fail as a direct write would ("name: write error: Broken pipe", status 1). */
export function* flushBuiltinOutput(sh: Shell, name: string, status: number): Gen<number> {
  const e = yield* flushOutput(sh);
  if (e === 0) return status;
  sh.writeErr(`${sh.errorPrefix()}${name}: write error: ${strerror(e)}\n`);
  return status === 0 ? 1 : status;
}

