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
 *  command line, as bash does outside POSIX mode: the shell goes on with the next line. */
export class LineAbort {
  constructor(public status: number) {}
}
