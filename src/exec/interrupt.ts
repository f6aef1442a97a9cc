// Ctrl-C in an interactive shell while the shell itself runs (a loop of builtins, a function):
// the SIGINT listener sets the flag, and the next safe point unwinds the command line with
// InterruptSignal (status 130), as bash abandons the line. A foreground job killed by SIGINT
// requests the same, so `sleep 9; echo after` stops after ^C.
export class InterruptSignal {
  readonly status = 130;
}

let pending = false;

export function requestInterrupt(): void {
  pending = true;
}

export function interruptPending(): boolean {
  return pending;
}

export function clearInterrupt(): void {
  pending = false;
}

/** Throw InterruptSignal if an interrupt is pending (called at safe points). */
export function checkInterrupt(): void {
  if (pending) {
    pending = false;
    throw new InterruptSignal();
  }
}
