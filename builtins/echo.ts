// echo [-neE] [arg ...] -- bash's echo.
//
// Options are recognised only while each leading argument consists solely of the letters n, e
// and E after a '-' (so "-nx" and "--" are printed as text). -e interprets backslash escapes
// (echo dialect: \0NNN octal, \c stops all output including the newline); the xpg_echo shopt
// makes -e the default (and in POSIX mode also turns option parsing off). Output goes out in a
// single write.
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { expandEscapes } from "./printf-format.ts";
import { fromBytes, toBytes, writeBytes, writeErrorMessage } from "./io.ts";

function isEchoFlags(a: string): boolean {
  if (a.length < 2 || a.charCodeAt(0) !== 45) return false;
  for (let i = 1; i < a.length; i++) {
    const c = a[i];
    if (c !== "n" && c !== "e" && c !== "E") return false;
  }
  return true;
}

function echo(ctx: BuiltinContext): number {
  const args = ctx.args;
  let newline = true;
  let escapes = ctx.sh.opts.xpg_echo === true;
  let i = 0;
  // POSIX mode with xpg_echo: no options at all, escapes always (bash)
  const noOptions = escapes && ctx.sh.opts.posix === true;
  for (; !noOptions && i < args.length && isEchoFlags(args[i]!); i++) {
    const a = args[i]!;
    for (let k = 1; k < a.length; k++) {
      const c = a[k];
      if (c === "n") newline = false;
      else if (c === "e") escapes = true;
      else escapes = false;
    }
  }
  let out: string;
  if (!escapes) {
    out = i === 0 ? args.join(" ") : args.slice(i).join(" ");
    if (newline) out += "\n";
    if (!ctx.write(1, out)) return writeError(ctx);
    return 0;
  }
  out = "";
  for (let k = i; k < args.length; k++) {
    const r = expandEscapes(toBytes(args[k]!), "echo");
    out += r.text;
    if (r.stop) return writeBytes(ctx, 1, out) ? 0 : writeError(ctx);
    if (k + 1 < args.length) out += " ";
  }
  if (newline) out += "\n";
  void fromBytes;
  return writeBytes(ctx, 1, out) ? 0 : writeError(ctx);
}

function writeError(ctx: BuiltinContext): number {
  ctx.error(writeErrorMessage(ctx));
  return 1;
}

export const echoBuiltin: BuiltinDef = {
  name: "echo",
  special: false,
  run: echo,
  synopsis: "echo [-neE] [arg ...]",
  description:
    "Write arguments to the standard output. The arguments are separated by spaces and followed by a newline. " +
    "-n omits the newline, -e enables interpretation of backslash escapes (\\a \\b \\c \\e \\f \\n \\r " +
    "\\t \\v \\\\ \\0nnn \\xHH \\uHHHH \\UHHHHHHHH), -E disables it.",
};
