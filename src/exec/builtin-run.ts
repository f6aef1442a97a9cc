// Running a builtin in the current shell state, and the BuiltinContext it sees.
import type { BuiltinContext, BuiltinDef } from "../../builtins/context.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { writeShellFd } from "./io.ts";
import { ExitSignal } from "./control.ts";
import { strerror } from "../sys/errno.ts";
import { flushBuiltinOutput } from "./async-io.ts";

export class Ctx implements BuiltinContext {
  lastErrno = 0;
  viaCommand = false;
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
  /** The first failed write to fd 1 (bash reports "write error" and fails the builtin). */
  outErrno = 0;
  write(fd: number, data: string | Uint8Array): boolean {
    const errno = writeShellFd(this.sh, fd, data);
    this.lastErrno = errno;
    if (errno !== 0 && fd === 1 && this.outErrno === 0) this.outErrno = errno;
    return errno === 0;
  }
  error(message: string): void {
    this.sh.writeErr(`${this.sh.errorPrefix()}${this.name}: ${message}\n`);
  }
}

/** After a builtin: a failed write to its stdout makes it fail as bash's do (`type x >/dev/full`). */
export function writeFailure(ctx: Ctx, status: number): number {
  if (ctx.outErrno === 0 || status !== 0) return status;
  ctx.error(`write error: ${strerror(ctx.outErrno)}`);
  return 1;
}

export function* runBuiltin(sh: Shell, b: BuiltinDef, argv: string[], viaCommand = false): Gen<number> {
  const ctx = new Ctx(argv[0], argv.slice(1), sh);
  ctx.viaCommand = viaCommand;
  if (sh.pendingCompound) {
    ctx.compoundArgs = sh.pendingCompound;
    sh.pendingCompound = undefined;
  }
  const r = b.run(ctx);
  let status: number;
  if (typeof r === "number") status = r;
  else status = yield* r;
  status = writeFailure(ctx, status);
  if (sh.async && sh.outQueue.length > 0) status = yield* flushBuiltinOutput(sh, argv[0]!, status);
  if (status !== 0 && b.special && !viaCommand) specialFailed(sh, b, status);
  sh.lastStatus = status;
  return status;
}

/** POSIX 2.8.1: an error in a special builtin exits a non-interactive shell (bash only in posix mode). */
export function specialFailed(sh: Shell, b: BuiltinDef, status: number): void {
  if (sh.opts.posix && !sh.interactive && SPECIAL_FATAL.has(b.name)) throw new ExitSignal(status);
}

/** Special builtins whose usage errors are fatal in POSIX mode (`.` and `source` decide for
 *  themselves: a failing sourced file is not an error of theirs). */
const SPECIAL_FATAL = new Set(["set", "readonly", "export", "unset"]);
