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
import { PipeSignal } from "./io.ts";

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

/** Write all of `data` without ever blocking the process. Throws PipeSignal on EPIPE. */
export function* writeNonBlocking(osfd: number, data: Uint8Array): Gen<void> {
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
    if (r & (POLLERR | POLLHUP) && !(r & POLLOUT)) throw new PipeSignal();
    // a page fits whenever poll reports a pipe writable; regular files take everything
    const n = Math.min(PAGE, data.length - off);
    const w = libc().write(osfd, data.subarray(off, off + n), n) as number;
    if (w < 0) {
      const e = errno();
      if (e === EINTR || e === EAGAIN) continue;
      if (e === EPIPE) throw new PipeSignal();
      return;
    }
    off += w;
  }
}


/** Queue output of a builtin running in an async state. */
export function queueOutput(sh: Shell, osfd: number, data: string | Uint8Array): void {
  sh.outQueue.push([osfd, typeof data === "string" ? encodeUtf8(data) : data.slice()]);
}

/** Flush the queued output in order. */
export function* flushOutput(sh: Shell): Gen<void> {
  while (sh.outQueue.length > 0) {
    const [fd, bytes] = sh.outQueue.shift()!;
    yield* writeNonBlocking(fd, bytes);
  }
}

