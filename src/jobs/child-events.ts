// SIGCHLD, the one source of news about children, caught through the one owner of
// dispositions:
//  - childEvent(): a promise for the next SIGCHLD, for waits that must not block the event
//    loop (`wait`, the interactive foreground wait, concurrent stages); a timeout covers a
//    notification lost to coalescing;
//  - childGeneration(): a counter bumped by every SIGCHLD (and by every blocking wait, during
//    which the runtime holds deliveries back), so the interactive shell scans its job table
//    before a prompt only when some child changed state, never on a timer.
import { processDispositions } from "../signals/process-dispositions.ts";

const SIGCHLD = 17;
let waiters: (() => void)[] = [];
let subscribed = false;
let generation = 0;

function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  processDispositions().onSignal(SIGCHLD, () => {
    generation++;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  });
}

export function childEvent(timeoutMs = 200): Promise<void> {
  subscribe();
  return new Promise<void>((resolve) => {
    const t = setTimeout(resolve, timeoutMs);
    waiters.push(() => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** Start counting SIGCHLDs (the interactive shell, before its first prompt). */
export function watchChildren(): void {
  subscribe();
}

/** Changes whenever a child may have changed state since the last look. */
export function childGeneration(): number {
  return generation;
}

/** A blocking waitpid ran: SIGCHLDs that arrived meanwhile are delivered to JavaScript only
 *  later, so count the wait itself as news. */
export function noteBlockingWait(): void {
  generation++;
}
