// The signals part's builtins, for the builtin registry: trap (POSIX special), kill, and the
// coreutils-compatible mkfifo and mknod.
import type { BuiltinDef } from "./context.ts";
import { trapBuiltin } from "./trap.ts";
import { killBuiltin } from "./kill.ts";
import { mkfifoBuiltin, mknodBuiltin } from "./mkfifo.ts";

export const signalBuiltins: BuiltinDef[] = [trapBuiltin, killBuiltin, mkfifoBuiltin, mknodBuiltin];
