// The seam between the shell and its builtins. A builtin sees only its context: it reads its
// arguments, writes through the context's fds (never to process.stdout), may look at and change
// the shell state it was run in (ctx.sh, which is a cloned state inside subshells and in-process
// pipeline stages), and returns an exit status. It never calls process.exit: `exit` throws
// ExitSignal (src/exec/control.ts).
import type { Gen } from "../src/exec/gen.ts";
import type { Shell } from "../src/shell.ts";

export interface BuiltinContext {
  /** The name the builtin was invoked by (argv[0]). */
  readonly name: string;
  /** The arguments after the name. */
  readonly args: string[];
  /** The shell state this builtin runs in. */
  readonly sh: Shell;
  /** Write text to the shell's fd 1 / fd 2 (as mapped by the current redirections). */
  out(text: string): void;
  err(text: string): void;
  /** Write to any shell fd; returns false and sets ctx.lastErrno when the fd is bad or the write fails. */
  write(fd: number, data: string | Uint8Array): boolean;
  /** Print "ipsh: [location: ]name: message" to fd 2, as bash does for builtin errors. */
  error(message: string): void;
  /** Run through `command`: a special builtin's errors do not end a POSIX-mode shell. */
  readonly viaCommand?: boolean;
}

export interface BuiltinDef {
  name: string;
  /** POSIX special builtin (XCU 2.14): assignments before it persist, errors exit a
   *  non-interactive shell, and it is found before functions. */
  special: boolean;
  /** Sync builtins return the status; builtins that run shell code or wait return a Gen. */
  run(ctx: BuiltinContext): number | Gen<number>;
  /** For `help`: the synopsis line as bash prints it, and a short description. */
  synopsis: string;
  description: string;
}
