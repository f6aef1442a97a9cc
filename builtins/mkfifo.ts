// mkfifo [-m MODE] NAME...        mknod [-m MODE] NAME TYPE [MAJOR MINOR]
//
// Builtin versions of the coreutils commands, with their messages and statuses, so that named
// pipes can be made (and explained) without a spawn. Through libc mkfifo(3) / mknod(2).
// - Relative names resolve against the shell's logical cwd (an in-process subshell may have
//   its own), and the shell's umask is put in force around the call.
// - Without -m the new file gets a=rw minus the umask (the kernel applies it). With -m MODE
//   (octal, or symbolic like chmod: u+rw,go-w, relative to a=rw) the mode is set exactly with
//   chmod afterwards, as coreutils does; a mode with bits beyond rwx is refused.
// - Options may follow operands (GNU getopt permutes) until `--`.
// - mknod TYPE: p (fifo; no numbers allowed), c or u (character device), b (block device);
//   MAJOR and MINOR in C notation (decimal, 0octal, 0xhex). Device nodes need CAP_MKNOD: the
//   EPERM message says so.
import { chmodSync } from "node:fs";
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import {
  errno,
  mkfifo as sysMkfifo,
  mknod as sysMknod,
  strerror,
  umask as sysUmask,
  S_IFBLK,
  S_IFCHR,
  S_IFIFO,
} from "../src/sys/signal-ffi.ts";

/** What these builtins need from the shell. */
export interface FileShell {
  cwd: string;
  umask: number;
  /** The shell's variables: LC_ALL / LC_MESSAGES / LANG choose the quote marks. */
  vars?: { get(name: string): string | undefined };
}

// ---- chmod-style modes (coreutils modechange.c semantics) ----

const S_ISUID = 0o4000;
const S_ISGID = 0o2000;
const S_ISVTX = 0o1000;
const S_IRWXU = 0o700;
const S_IRWXG = 0o070;
const S_IRWXO = 0o007;
const ALL_R = 0o444;
const ALL_W = 0o222;
const ALL_X = 0o111;
const MODE_BITS = 0o7777;

interface ModeChange {
  op: "=" | "+" | "-";
  /** "who" bits, 0 when no who letter was given (then the umask limits the change). */
  affected: number;
  value: number;
  /** ordinary bits, copy from an existing class (u/g/o), or x if any x is set. */
  flag: "ordinary" | "copy" | "x-if-any-x";
}

/** Parse a mode as chmod does: octal (at most 4 digits' worth, up to 07777) or symbolic
 *  clauses [ugoa]*([-+=]([rwxXst]*|[ugo]))+ separated by commas. undefined when invalid. */
export function parseMode(text: string): ModeChange[] | undefined {
  if (/^[0-7]+$/.test(text)) {
    const v = parseInt(text, 8);
    if (v > MODE_BITS) return undefined;
    return [{ op: "=", affected: MODE_BITS, value: v, flag: "ordinary" }];
  }
  const changes: ModeChange[] = [];
  for (const clause of text.split(",")) {
    let i = 0;
    let who = 0;
    for (; i < clause.length; i++) {
      const c = clause[i];
      if (c === "u") who |= S_ISUID | S_IRWXU;
      else if (c === "g") who |= S_ISGID | S_IRWXG;
      else if (c === "o") who |= S_ISVTX | S_IRWXO;
      else if (c === "a") who |= MODE_BITS;
      else break;
    }
    if (i >= clause.length) return undefined; // needs at least one operator
    while (i < clause.length) {
      const op = clause[i];
      if (op !== "=" && op !== "+" && op !== "-") return undefined;
      i++;
      const c = clause[i];
      if (c === "u" || c === "g" || c === "o") {
        const value = c === "u" ? S_IRWXU : c === "g" ? S_IRWXG : S_IRWXO;
        changes.push({ op, affected: who, value, flag: "copy" });
        i++;
        continue;
      }
      let value = 0;
      let flag: ModeChange["flag"] = "ordinary";
      for (; i < clause.length; i++) {
        const p = clause[i];
        if (p === "r") value |= ALL_R;
        else if (p === "w") value |= ALL_W;
        else if (p === "x") value |= ALL_X;
        else if (p === "X") flag = "x-if-any-x";
        else if (p === "s") value |= S_ISUID | S_ISGID;
        else if (p === "t") value |= S_ISVTX;
        else break;
      }
      changes.push({ op, affected: who, value, flag });
    }
  }
  return changes;
}

/** Apply parsed changes to `mode` (coreutils mode_adjust, for a non-directory). */
export function applyMode(mode: number, changes: readonly ModeChange[], umask: number): number {
  let m = mode & MODE_BITS;
  for (const ch of changes) {
    let value = ch.value;
    if (ch.flag === "copy") {
      value &= m;
      value |=
        (value & ALL_R ? ALL_R : 0) | (value & ALL_W ? ALL_W : 0) | (value & ALL_X ? ALL_X : 0);
    } else if (ch.flag === "x-if-any-x" && (m & ALL_X) !== 0) {
      value |= ALL_X;
    }
    value &= ch.affected !== 0 ? ch.affected : ~umask & MODE_BITS;
    switch (ch.op) {
      case "=": {
        const preserved = ch.affected !== 0 ? ~ch.affected & MODE_BITS : 0;
        m = (m & preserved) | value;
        break;
      }
      case "+":
        m |= value;
        break;
      case "-":
        m &= ~value;
        break;
    }
  }
  return m;
}

// ---- GNU-style option parsing shared by both commands ----

interface Parsed {
  mode?: string;
  operands: string[];
  exit?: number;
}

function utf8Locale(sh: FileShell): boolean {
  const get = (n: string) => (sh.vars !== undefined ? sh.vars.get(n) : process.env[n]);
  const loc = get("LC_ALL") || get("LC_MESSAGES") || get("LANG") || "";
  return /utf-?8/i.test(loc);
}

/** coreutils quote(): locale quotes ‘x’ in UTF-8 locales, 'x' otherwise. */
function quoteFor(sh: FileShell): (s: string) => string {
  return utf8Locale(sh) ? (s) => `\u2018${s}\u2019` : (s) => `'${s}'`;
}

/** coreutils quoteaf(): shell-quoted, always; a name with a single quote and nothing special
 *  inside double quotes is double-quoted ("it's"), as gnulib's quotearg does. */
function quoteAlways(s: string): string {
  if (s.includes("'") && !/[\\"$`]/.test(s)) return `"${s}"`;
  return `'${s.replaceAll("'", "'\\''")}'`;
}

/** coreutils quotef(): shell-quoted only when needed. */
function quoteIfNeeded(s: string): string {
  return /^[A-Za-z0-9_.\/@%+,:=-]+$/.test(s) ? s : quoteAlways(s);
}

function tryHelp(ctx: BuiltinContext): void {
  ctx.err(`Try '${ctx.name} --help' for more information.\n`);
}

const HELP: Record<string, string> = {
  mkfifo:
    "Usage: mkfifo [OPTION]... NAME...\n" +
    "Create named pipes (FIFOs) with the given NAMEs.\n\n" +
    "  -m, --mode=MODE    set file permission bits to MODE, not a=rw - umask\n" +
    "      --help        display this help and exit\n",
  mknod:
    "Usage: mknod [OPTION]... NAME TYPE [MAJOR MINOR]\n" +
    "Create the special file NAME of the given TYPE.\n\n" +
    "  -m, --mode=MODE    set file permission bits to MODE, not a=rw - umask\n" +
    "      --help     display this help and exit\n\n" +
    "Both MAJOR and MINOR must be specified when TYPE is b, c, or u, and they\n" +
    "must be omitted when TYPE is p.  If MAJOR or MINOR begins with 0x or 0X,\n" +
    "it is interpreted as hexadecimal; otherwise, if it begins with 0, as octal;\n" +
    "otherwise, as decimal.  TYPE may be:\n\n" +
    "  b      create a block (buffered) special file\n" +
    "  c, u   create a character (unbuffered) special file\n" +
    "  p      create a FIFO\n",
};

function parseArgs(ctx: BuiltinContext): Parsed {
  const out: Parsed = { operands: [] };
  const args = ctx.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      out.operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (name.length > 0 && "mode".startsWith(name)) {
        if (eq >= 0) out.mode = a.slice(eq + 1);
        else if (i + 1 < args.length) out.mode = args[++i];
        else {
          ctx.err(`${ctx.name}: option '--mode' requires an argument\n`);
          tryHelp(ctx);
          return { ...out, exit: 1 };
        }
      } else if (name.length > 0 && "help".startsWith(name) && eq < 0) {
        ctx.out(HELP[ctx.name] ?? HELP.mkfifo!);
        return { ...out, exit: 0 };
      } else {
        ctx.err(`${ctx.name}: unrecognized option '${a}'\n`);
        tryHelp(ctx);
        return { ...out, exit: 1 };
      }
      continue;
    }
    if (a.length > 1 && a[0] === "-") {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === "m") {
          if (j + 1 < a.length) out.mode = a.slice(j + 1);
          else if (i + 1 < args.length) out.mode = args[++i];
          else {
            ctx.err(`${ctx.name}: option requires an argument -- 'm'\n`);
            tryHelp(ctx);
            return { ...out, exit: 1 };
          }
          break;
        }
        ctx.err(`${ctx.name}: invalid option -- '${c}'\n`);
        tryHelp(ctx);
        return { ...out, exit: 1 };
      }
      continue;
    }
    out.operands.push(a);
  }
  return out;
}

/** The exact mode requested with -m (relative to a=rw), undefined without -m, or an error
 *  already reported (null). */
function requestedMode(ctx: BuiltinContext, sh: FileShell, mode: string | undefined): number | undefined | null {
  if (mode === undefined) return undefined;
  const changes = parseMode(mode);
  if (changes === undefined) {
    ctx.err(`${ctx.name}: invalid mode\n`);
    return null;
  }
  const m = applyMode(0o666, changes, sh.umask);
  if ((m & ~0o777) !== 0) {
    ctx.err(`${ctx.name}: mode must specify only file permission bits\n`);
    return null;
  }
  return m;
}

function resolve(sh: FileShell, name: string): string {
  if (name.startsWith("/")) return name;
  const cwd = typeof sh.cwd === "string" ? sh.cwd : process.cwd();
  return `${cwd.replace(/\/$/, "")}/${name}`;
}

/** Run `make` with the shell's umask in force for the process; returns 0 or the errno. */
function withUmask(sh: FileShell, make: () => number): number {
  if (typeof sh.umask !== "number") return make() === 0 ? 0 : errno();
  const old = sysUmask(sh.umask & 0o777);
  try {
    return make() === 0 ? 0 : errno();
  } finally {
    sysUmask(old);
  }
}

/** chmod after creation when -m was given; returns 0 or an errno. */
function setExactMode(path: string, mode: number | undefined): number {
  if (mode === undefined) return 0;
  try {
    chmodSync(path, mode);
    return 0;
  } catch (e) {
    return (e as { errno?: number }).errno !== undefined ? Math.abs((e as { errno: number }).errno) : 1;
  }
}

function runMkfifo(ctx: BuiltinContext): number {
  const sh = ctx.sh as unknown as FileShell;
  const p = parseArgs(ctx);
  if (p.exit !== undefined) return p.exit;
  if (p.operands.length === 0) {
    ctx.err("mkfifo: missing operand\n");
    tryHelp(ctx);
    return 1;
  }
  const mode = requestedMode(ctx, sh, p.mode);
  if (mode === null) return 1;
  let status = 0;
  for (const name of p.operands) {
    const path = resolve(sh, name);
    let e = withUmask(sh, () => sysMkfifo(path, 0o666));
    if (e === 0) e = setExactMode(path, mode);
    if (e !== 0) {
      ctx.err(`mkfifo: cannot create fifo ${quoteAlways(name)}: ${strerror(e)}\n`);
      status = 1;
    }
  }
  return status;
}

/** Device numbers as strtoumax(base 0) reads them: 0x hex, 0 octal, else decimal. */
function parseDeviceNumber(s: string): number | undefined {
  let v: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) v = parseInt(s.slice(2), 16);
  else if (/^0[0-7]*$/.test(s)) v = parseInt(s, 8);
  else if (/^[1-9][0-9]*$/.test(s)) v = Number(s);
  else return undefined;
  return v <= 0xffffffff ? v : undefined;
}

function runMknod(ctx: BuiltinContext): number {
  const sh = ctx.sh as unknown as FileShell;
  const p = parseArgs(ctx);
  if (p.exit !== undefined) return p.exit;
  const ops = p.operands;
  const quote = quoteFor(sh);
  if (ops.length === 0) {
    ctx.err("mknod: missing operand\n");
    tryHelp(ctx);
    return 1;
  }
  // coreutils: a fifo takes 2 operands, devices 4; complain about the first missing or extra.
  const expected = ops.length >= 2 && ops[1] === "p" ? 2 : 4;
  if (ops.length < expected) {
    ctx.err(`mknod: missing operand after ${quote(ops[ops.length - 1]!)}\n`);
    if (ops.length === 2) ctx.err("Special files require major and minor device numbers.\n");
    tryHelp(ctx);
    return 1;
  }
  if (ops.length > expected) {
    ctx.err(`mknod: extra operand ${quote(ops[expected]!)}\n`);
    if (expected === 2) ctx.err("Fifos do not have major and minor device numbers.\n");
    tryHelp(ctx);
    return 1;
  }
  const mode = requestedMode(ctx, sh, p.mode);
  if (mode === null) return 1;
  const [name, type] = [ops[0]!, ops[1]!];
  let fileType: number;
  let major = 0;
  let minor = 0;
  if (type === "p") {
    fileType = S_IFIFO;
  } else if (type === "b" || type === "c" || type === "u") {
    fileType = type === "b" ? S_IFBLK : S_IFCHR;
    const ma = parseDeviceNumber(ops[2]!);
    if (ma === undefined) {
      ctx.err(`mknod: invalid major device number ${quote(ops[2]!)}\n`);
      return 1;
    }
    const mi = parseDeviceNumber(ops[3]!);
    if (mi === undefined) {
      ctx.err(`mknod: invalid minor device number ${quote(ops[3]!)}\n`);
      return 1;
    }
    major = ma;
    minor = mi;
  } else {
    ctx.err(`mknod: invalid device type ${quote(type)}\n`);
    tryHelp(ctx);
    return 1;
  }
  const path = resolve(sh, name);
  let e = withUmask(sh, () => sysMknod(path, fileType | 0o666, major, minor));
  if (e === 0) e = setExactMode(path, mode);
  if (e !== 0) {
    let msg = `mknod: ${quoteIfNeeded(name)}: ${strerror(e)}`;
    // EPERM for a device node means missing privilege, not a permission bit on a directory.
    if (e === 1 && fileType !== S_IFIFO) msg += " (creating device nodes needs CAP_MKNOD)";
    ctx.err(msg + "\n");
    return 1;
  }
  return 0;
}

export const mkfifoBuiltin: BuiltinDef = {
  name: "mkfifo",
  special: false,
  run: runMkfifo,
  synopsis: "mkfifo [-m MODE] NAME...",
  description: "Create named pipes (FIFOs) with the given NAMEs (mode a=rw minus umask unless -m).",
};

export const mknodBuiltin: BuiltinDef = {
  name: "mknod",
  special: false,
  run: runMknod,
  synopsis: "mknod [-m MODE] NAME TYPE [MAJOR MINOR]",
  description: "Create the special file NAME of TYPE p (fifo), c or u (character device) or b (block device).",
};
