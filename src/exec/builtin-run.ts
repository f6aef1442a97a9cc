// Running a builtin in the current shell state, and the BuiltinContext it sees.
import type { BuiltinContext, BuiltinDef } from "../../builtins/context.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { writeShellFd } from "./io.ts";
import { ExitSignal } from "./control.ts";
import { flushOutput } from "./async-io.ts";

export class Ctx implements BuiltinContext {
  lastErrno = 0;
  /** declare a=(...): the expanded elements of compound arguments, by argument index */
  compoundArgs: ReadonlyMap<number, import("../../builtins/declare.ts").CompoundElem[]> | undefined = undefined;
  constructor(
    readonly name: string,
    readonly args: string[],
    readonly sh: Shell,
  ) {}
  out(text: string): void {
    this.write(1, text);
  }
  err(text: string): void {
    this.write(2, text);
  }
  write(fd: number, data: string | Uint8Array): boolean {
    const errno = writeShellFd(this.sh, fd, data);
    this.lastErrno = errno;
    return errno === 0;
  }
  error(message: string): void {
    this.sh.writeErr(`${this.sh.errorPrefix()}${this.name}: ${message}\n`);
  }
}

export function* runBuiltin(sh: Shell, b: BuiltinDef, argv: string[]): Gen<number> {
  const ctx = new Ctx(argv[0], argv.slice(1), sh);
  if (sh.pendingCompound) {
    ctx.compoundArgs = sh.pendingCompound;
    sh.pendingCompound = undefined;
  }
  const r = b.run(ctx);
  let status: number;
  if (typeof r === "number") status = r;
  else status = yield* r;
  if (sh.async && sh.outQueue.length > 0) yield* flushOutput(sh);
  // POSIX 2.8.1: an error in a special builtin exits a non-interactive shell (bash only in posix mode)
  if (status !== 0 && b.special && sh.opts.posix && !sh.interactive && SPECIAL_FATAL.has(b.name)) throw new ExitSignal(status);
  sh.lastStatus = status;
  return status;
}

/** Special builtins whose usage errors are fatal in POSIX mode. */
const SPECIAL_FATAL = new Set(["set", "shift", "readonly", "export", ".", "source", "unset"]);
