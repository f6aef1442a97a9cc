// Opening redirection targets that may block: FIFOs.
//
// open(2) of a FIFO blocks until the other end is opened too (O_WRONLY waits for a reader,
// O_RDONLY for a writer; O_RDWR never waits on Linux). bash opens the target in the forked child
// for external commands and in the shell itself for builtins, and in both cases the shell stays
// interruptible: Ctrl-C kills the child, or interrupts the shell's own open (EINTR), and pending
// traps run while a builtin's open waits. ipsh opens every target in the shell process (children
// get descriptors through dup2 file actions), so a blocking FFI open() would freeze the event loop:
// no SIGINT callback, no trap, and a restarted syscall that never returns. Instead:
//
//  - writing (O_WRONLY): open with O_NONBLOCK, which fails with ENXIO while no reader exists;
//    retry with a short back-off (1 ms .. 16 ms) that yields to the event loop, and clear
//    O_NONBLOCK once it succeeds (the command must see an ordinary blocking descriptor);
//  - reading (O_RDONLY): a non-blocking open would succeed at once, but the command would then
//    read end-of-file immediately because no writer is there yet, where bash's child would have
//    waited in open() for the writer and then blocked in read(). Polling cannot tell "a writer has
//    opened" from "no writer" (Linux signals neither until data or a hang-up arrives), and waiting
//    for data would deadlock two processes that open a pair of FIFOs in opposite orders. So the
//    blocking open runs on the runtime's thread pool (node:fs open), and the shell waits for it
//    yielding. To abandon it (Ctrl-C, `exit` in a trap), the shell opens the FIFO for writing
//    itself, non-blocking: a reader blocked in open() is already counted, so that open succeeds
//    and wakes the thread, whose descriptor is then closed.
//
// While waiting, pending traps run and an interactive Ctrl-C (interrupt.ts) abandons the command
// line with status 130, as bash does for a builtin's redirection.
//
// Invariant: every descriptor returned is O_CLOEXEC and blocking; the caller owns it.
import { open as fsOpen } from "node:fs";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { fileMode, S_IFMT, S_IFIFO } from "../sys/fs.ts";
import { openFile, closeFd, setNonblock, O_ACCMODE, O_RDWR, O_WRONLY, O_NONBLOCK, O_CLOEXEC } from "../sys/fd.ts";
import { ENXIO } from "../sys/errno.ts";
import { ensureUmask } from "./os.ts";
import { interruptPending, checkInterrupt } from "./interrupt.ts";
import { processDispositions } from "../signals/process-dispositions.ts";
import { runPendingTraps } from "../signals/run-traps.ts";

/** Whether `path` names an existing FIFO (following symlinks). */
export function isFifo(path: string): boolean {
  const m = fileMode(path);
  return m >= 0 && (m & S_IFMT) === S_IFIFO;
}

/** Whether opening `path` with `flags` could block the process: a FIFO opened read-only or
 *  write-only. */
export function openMayBlock(path: string, flags: number): boolean {
  return (flags & O_ACCMODE) !== O_RDWR && isFifo(path);
}

/**
 * open(2) a redirection target (an absolute path) with the shell state's umask: the descriptor
 * or -errno. A FIFO is opened without ever blocking the process (see the header); anything else
 * is a plain synchronous open.
 */
export function* openTarget(sh: Shell, path: string, flags: number, mode: number): Gen<number> {
  ensureUmask(sh.umask);
  if (!openMayBlock(path, flags)) return openFile(path, flags | O_CLOEXEC, mode);
  return (flags & O_ACCMODE) === O_WRONLY ? yield* openFifoWriter(sh, path, flags) : yield* openFifoReader(sh, path, flags);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One turn of waiting: traps that became pending run, an interactive ^C throws InterruptSignal. */
function* betweenTries(sh: Shell): Gen<void> {
  if (!sh.inTrap && processDispositions().hasPending()) yield* runPendingTraps(sh);
  if (interruptPending()) checkInterrupt();
}

function* openFifoWriter(sh: Shell, path: string, flags: number): Gen<number> {
  let delay = 1;
  for (;;) {
    const fd = openFile(path, flags | O_NONBLOCK | O_CLOEXEC, 0o666);
    if (fd >= 0) {
      setNonblock(fd, false);
      return fd;
    }
    // ENXIO: no reader yet (any other error, or a target that stopped being a FIFO, is final)
    if (fd !== -ENXIO || !isFifo(path)) return fd;
    yield sleep(delay);
    delay = Math.min(delay * 2, 16);
    yield* betweenTries(sh);
  }
}

/** How often a waiting reader looks at pending traps and ^C (the open itself wakes it at once). */
const READER_TICK_MS = 20;

function* openFifoReader(sh: Shell, path: string, flags: number): Gen<number> {
  let result: number | undefined;
  const done = new Promise<void>((resolve) => {
    fsOpen(path, (flags & ~O_NONBLOCK) | O_CLOEXEC, (err, fd) => {
      result = err ? -Math.abs(err.errno ?? 5) : fd;
      resolve();
    });
  });
  let finished = false;
  try {
    for (;;) {
      if (result !== undefined) break;
      yield Promise.race([done, sleep(READER_TICK_MS)]);
      if (result !== undefined) break;
      yield* betweenTries(sh);
    }
    finished = true;
    return result;
  } finally {
    if (!finished) abandonReader(path, done, () => result);
  }
}

/**
 * Wake a thread blocked opening `path` for reading and close what it gets. The thread may not
 * have reached open() yet (the waking open then fails with ENXIO), so the poke is retried for a
 * while until the open has returned.
 */
function abandonReader(path: string, done: Promise<void>, result: () => number | undefined): void {
  let writer = -1;
  let settled = false;
  let tries = 0;
  const poke = (): void => {
    if (writer < 0 && !settled) writer = openFile(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
  };
  poke();
  const timer = setInterval(() => {
    poke();
    if (settled || ++tries > 200) clearInterval(timer);
  }, 10);
  timer.unref?.();
  void done.then(() => {
    settled = true;
    clearInterval(timer);
    if (writer >= 0) closeFd(writer);
    const fd = result();
    if (fd !== undefined && fd >= 0) closeFd(fd);
  });
}
