// true, false and : -- the constant-status builtins. ':' is a POSIX special builtin (its
// prefix assignments persist); true and false are regular builtins. All ignore their arguments.
import type { BuiltinDef } from "./context.ts";

export const colonBuiltin: BuiltinDef = {
  name: ":",
  special: true,
  run: () => 0,
  synopsis: ": [arguments]",
  description: "Null command. No effect; the command does nothing. Exit Status: always succeeds.",
};

export const trueBuiltin: BuiltinDef = {
  name: "true",
  special: false,
  run: () => 0,
  synopsis: "true",
  description: "Return a successful result. Exit Status: always succeeds.",
};

export const falseBuiltin: BuiltinDef = {
  name: "false",
  special: false,
  run: () => 1,
  synopsis: "false",
  description: "Return an unsuccessful result. Exit Status: always fails.",
};
