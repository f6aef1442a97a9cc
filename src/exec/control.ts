// Control flow that unwinds the interpreter: exit, return, break, continue.
// These are not errors: they are plain objects (no stack capture, cheap to throw) caught at the
// boundary that owns them (the shell or subshell for Exit, the function call or `source` for
// Return, loops for Break/Continue).

export class ExitSignal {
  constructor(public status: number) {}
}
export class ReturnSignal {
  constructor(public status: number) {}
}
export class BreakSignal {
  /** n > 1 unwinds enclosing loops too */
  constructor(public n: number) {}
}
export class ContinueSignal {
  constructor(public n: number) {}
}

/** A variable assignment error (readonly variable) abandons the rest of the current top-level
 *  command line, as bash does outside POSIX mode: the shell goes on with the next line.
 *  `eval` and `source` stop there and return the status, unless `throughEval` (bash's
 *  jump_to_top_level, e.g. `exit 1 2`: "too many arguments" abandons the caller's line too). */
export class LineAbort {
  constructor(
    public status: number,
    public throughEval = false,
  ) {}
}

/**
 * What a break or continue thrown inside a loop's condition or body means for this loop: it
 * consumes one level and rethrows the rest (`break 2` leaves the enclosing loop too); anything
 * else propagates.
 */
export function loopControl(e: unknown): "break" | "continue" {
  if (e instanceof BreakSignal) {
    if (e.n > 1) throw new BreakSignal(e.n - 1);
    return "break";
  }
  if (e instanceof ContinueSignal) {
    if (e.n > 1) throw new ContinueSignal(e.n - 1);
    return "continue";
  }
  throw e;
}
