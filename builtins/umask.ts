// umask [-p] [-S] [mode] -- the file-creation mask of the shell state (sh.umask; children get
// it at spawn). MODE is octal (at most 0777) or symbolic like chmod's, applied to the
// permissions the mask allows: [ugoa]*[+-=][rwx]* clauses separated by commas (an empty "who"
// means all). -S prints the allowed permissions symbolically; -p prints a reusable command.
import { parseOptions } from "./options.ts";
import type { BuiltinContext, BuiltinDef } from "./context.ts";

const WHO_BITS: Record<string, number> = { u: 0o700, g: 0o070, o: 0o007, a: 0o777 };
const PERM_BITS: Record<string, number> = { r: 0o444, w: 0o222, x: 0o111 };

function symbolic(mask: number): string {
  const perms = ~mask & 0o777;
  const part = (shift: number) =>
    ((perms >> shift) & 4 ? "r" : "") + ((perms >> shift) & 2 ? "w" : "") + ((perms >> shift) & 1 ? "x" : "");
  return `u=${part(6)},g=${part(3)},o=${part(0)}`;
}

/** Apply a symbolic mode to the current mask; returns the new mask or an error message. */
export function applySymbolic(mask: number, mode: string): number | string {
  let perms = ~mask & 0o777;
  for (const clause of mode.split(",")) {
    let i = 0;
    let who = 0;
    while (i < clause.length && WHO_BITS[clause[i]!] !== undefined) who |= WHO_BITS[clause[i++]!]!;
    if (who === 0) who = 0o777;
    if (i >= clause.length) return `\`${clause[i - 1] ?? mode}': invalid symbolic mode operator`;
    while (i < clause.length) {
      const op = clause[i++]!;
      if (op !== "+" && op !== "-" && op !== "=") return `\`${op}': invalid symbolic mode operator`;
      let bits = 0;
      while (i < clause.length && "+-=".indexOf(clause[i]!) < 0) {
        const b = PERM_BITS[clause[i]!];
        if (b === undefined) return `\`${clause[i]}': invalid symbolic mode character`;
        bits |= b;
        i++;
      }
      bits &= who;
      if (op === "+") perms |= bits;
      else if (op === "-") perms &= ~bits;
      else perms = (perms & ~who) | bits;
    }
  }
  return ~perms & 0o777;
}

function umask(ctx: BuiltinContext): number {
  const sh = ctx.sh;
  const parsed = parseOptions(ctx, "Sp", "umask: usage: umask [-p] [-S] [mode]");
  if (typeof parsed === "number") return parsed;
  const printSym = parsed.opts.some((o) => o.letter === "S");
  const reusable = parsed.opts.some((o) => o.letter === "p");
  const mode = parsed.rest[0];
  if (mode === undefined) {
    const text = printSym ? symbolic(sh.umask) : sh.umask.toString(8).padStart(4, "0");
    ctx.out((reusable ? (printSym ? "umask -S " : "umask ") : "") + text + "\n");
    return 0;
  }
  if (/^[0-9]/.test(mode)) {
    if (!/^[0-7]+$/.test(mode) || parseInt(mode, 8) > 0o777) {
      ctx.error(`${mode}: octal number out of range`);
      return 1;
    }
    sh.umask = parseInt(mode, 8);
  } else {
    const r = applySymbolic(sh.umask, mode);
    if (typeof r === "string") {
      ctx.error(r);
      return 1;
    }
    sh.umask = r;
  }
  if (printSym) ctx.out(symbolic(sh.umask) + "\n");
  return 0;
}

export const umaskBuiltin: BuiltinDef = {
  name: "umask",
  special: false,
  run: umask,
  synopsis: "umask [-p] [-S] [mode]",
  description:
    "Display or set file mode mask. MODE is an octal number or a symbolic mode like chmod(1) accepts. " +
    "-S prints the mask symbolically, -p in a form reusable as input.",
};
