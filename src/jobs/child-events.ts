// A promise that resolves when a child changes state (SIGCHLD), for waits that must not block
// the event loop (`wait`, the interactive foreground wait, concurrent stages). SIGCHLD is caught
// through the one owner of dispositions; a timeout covers a notification lost to coalescing
// (standard signals coalesce, so every waiter rescans with WNOHANG when woken).
import { processDispositions } from "../signals/process-dispositions.ts";

const SIGCHLD = 17;
let waiters: (() => void)[] = [];
let subscribed = false;

export function childEvent(timeoutMs = 200): Promise<void> {
  if (!subscribed) {
    subscribed = true;
    processDispositions().onSignal(SIGCHLD, () => {
      const w = waiters;
      waiters = [];
      for (const f of w) f();
    });
  }
  return new Promise<void>((resolve) => {
    const t = setTimeout(resolve, timeoutMs);
    waiters.push(() => {
      clearTimeout(t);
      resolve();
    });
  });
}
