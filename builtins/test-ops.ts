// The primitives of `test`, `[` and `[[ ]]`: unary file/string/variable tests and binary
// string/integer/file comparisons. The [[ ]] evaluator shares them (it evaluates integer
// operands arithmetically and handles == =~ itself, then calls binaryTest for the rest).
//
// Relative paths resolve against the shell's logical cwd (env.cwd), which inside in-process
// subshells differs from the process cwd. /dev/fd/N and /dev/std{in,out,err} name the shell's
// own fds, as in bash.
import { fsPath } from "../src/sys/utf8.ts";
import { accessSync, constants, lstatSync, statSync, type Stats } from "node:fs";
import { isatty } from "./io.ts";

/** What the tests need from the shell. */
export interface TestEnv {
  /** logical working directory (absolute) */
  cwd: string;
  /** -v: is the variable (or name[subscript] element) set? */
  isVarSet(ref: string): boolean;
  /** -R: is the variable a nameref? */
  isNameref(name: string): boolean;
  /** -o: the option's state, undefined for an unknown option name */
  option(name: string): boolean | undefined;
  /** -t and /dev/fd/N: the OS fd behind a shell fd */
  osFd(fd: number): number | undefined;
}

/** A syntax error in a test expression: `test` prints "test: <message>" and returns 2. */
export class TestError extends Error {}

/** Unary operators of test (the [[ ]] set is the same). */
export const UNARY_OPS = new Set([
  "-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-p", "-r", "-s", "-t", "-u", "-w", "-x",
  "-G", "-L", "-N", "-O", "-S", "-z", "-n", "-o", "-v", "-R",
]);

/** Binary operators of test (-a and -o are connectives, handled by the parser). */
export const BINARY_OPS = new Set([
  "=", "==", "!=", "<", ">", "-nt", "-ot", "-ef", "-eq", "-ne", "-lt", "-le", "-gt", "-ge",
]);

const DEV_FD = /^\/dev\/(?:fd\/(\d+)|(stdin|stdout|stderr))$/;
const STD_FD: Record<string, number> = { stdin: 0, stdout: 1, stderr: 2 };

/** Map a test operand to a path the OS understands. */
export function resolvePath(env: TestEnv, p: string): string {
  const m = DEV_FD.exec(p);
  if (m) {
    const fd = m[1] !== undefined ? Number(m[1]) : STD_FD[m[2]!]!;
    const os = env.osFd(fd);
    return os === undefined ? "/nonexistent/\0" : `/proc/self/fd/${os}`;
  }
  if (p.charCodeAt(0) === 47) return p;
  return env.cwd.endsWith("/") ? env.cwd + p : env.cwd + "/" + p;
}

function stat(env: TestEnv, p: string): Stats | undefined {
  if (p === "") return undefined;
  try {
    return statSync(fsPath(resolvePath(env, p)), { throwIfNoEntry: false }) ?? undefined;
  } catch {
    return undefined;
  }
}

function lstat(env: TestEnv, p: string): Stats | undefined {
  if (p === "") return undefined;
  try {
    return lstatSync(fsPath(resolvePath(env, p)), { throwIfNoEntry: false }) ?? undefined;
  } catch {
    return undefined;
  }
}

function access(env: TestEnv, p: string, mode: number): boolean {
  if (p === "") return false;
  try {
    accessSync(fsPath(resolvePath(env, p)), mode);
    return true;
  } catch {
    return false;
  }
}

const SMALL_INT = /^-?[0-9]{1,15}$/;
const INT_TEXT = /^[ \t\n]*([-+]?[0-9]+)[ \t\n]*$/;

/** bash's legal_number for test: blanks, sign, decimal digits, blanks; within 64 bits.
 *  Small values (the usual case) come back as numbers, others as bigints. */
export function parseTestInt(s: string): number | bigint | undefined {
  // the usual case, up to 15 digits with an optional '-', read without a regular expression
  // (`[ $i -lt $n ]` in a loop: the regex test was ~8% of loop-arith)
  const n = s.length;
  if (n > 0 && n <= 16) {
    let i = s.charCodeAt(0) === 45 /* - */ && n > 1 ? 1 : 0;
    let v = 0;
    for (; i < n; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === n && n - (s.charCodeAt(0) === 45 ? 1 : 0) <= 15) return s.charCodeAt(0) === 45 ? -v : v;
  }
  if (SMALL_INT.test(s)) return Number(s);
  const m = INT_TEXT.exec(s);
  if (!m) return undefined;
  const v = BigInt(m[1]!);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return v;
}

function int(s: string): number | bigint {
  const v = parseTestInt(s);
  if (v === undefined) throw new TestError(`${s}: integer expression expected`);
  return v;
}

/** Compare two integers of either representation: <0, 0, >0. */
function cmpInt(a: number | bigint, b: number | bigint): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A unary test. The operator must be in UNARY_OPS. */
export function unaryTest(op: string, a: string, env: TestEnv): boolean {
  switch (op) {
    case "-z":
      return a.length === 0;
    case "-n":
      return a.length !== 0;
    case "-a":
    case "-e":
      return stat(env, a) !== undefined;
    case "-f":
      return stat(env, a)?.isFile() ?? false;
    case "-d":
      return stat(env, a)?.isDirectory() ?? false;
    case "-b":
      return stat(env, a)?.isBlockDevice() ?? false;
    case "-c":
      return stat(env, a)?.isCharacterDevice() ?? false;
    case "-p":
      return stat(env, a)?.isFIFO() ?? false;
    case "-S":
      return stat(env, a)?.isSocket() ?? false;
    case "-h":
    case "-L":
      return lstat(env, a)?.isSymbolicLink() ?? false;
    case "-s":
      return (stat(env, a)?.size ?? 0) > 0;
    case "-g":
      return ((stat(env, a)?.mode ?? 0) & 0o2000) !== 0;
    case "-u":
      return ((stat(env, a)?.mode ?? 0) & 0o4000) !== 0;
    case "-k":
      return ((stat(env, a)?.mode ?? 0) & 0o1000) !== 0;
    case "-r":
      return access(env, a, constants.R_OK);
    case "-w":
      return access(env, a, constants.W_OK);
    case "-x":
      return access(env, a, constants.X_OK);
    case "-O": {
      const st = stat(env, a);
      return st !== undefined && st.uid === process.geteuid!();
    }
    case "-G": {
      const st = stat(env, a);
      return st !== undefined && st.gid === process.getegid!();
    }
    case "-N": {
      const st = stat(env, a);
      return st !== undefined && st.mtimeMs > st.atimeMs;
    }
    case "-t": {
      const fd = parseTestInt(a);
      if (fd === undefined || fd < 0 || fd > 1023) return false;
      const os = env.osFd(Number(fd));
      return os !== undefined && isatty(os);
    }
    case "-v":
      return env.isVarSet(a);
    case "-R":
      return env.isNameref(a);
    case "-o":
      return env.option(a) === true;
  }
  throw new TestError(`${op}: unary operator expected`);
}

/** String comparison in code-point order (the C.UTF-8 collation). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A binary test. The operator must be in BINARY_OPS. Integer operands use test's rules. */
export function binaryTest(op: string, a: string, b: string, env: TestEnv): boolean {
  switch (op) {
    case "=":
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return compareStrings(a, b) < 0;
    case ">":
      return compareStrings(a, b) > 0;
    case "-eq":
      return cmpInt(int(a), int(b)) === 0;
    case "-ne":
      return cmpInt(int(a), int(b)) !== 0;
    case "-lt":
      return cmpInt(int(a), int(b)) < 0;
    case "-le":
      return cmpInt(int(a), int(b)) <= 0;
    case "-gt":
      return cmpInt(int(a), int(b)) > 0;
    case "-ge":
      return cmpInt(int(a), int(b)) >= 0;
    case "-nt":
    case "-ot": {
      const sa = stat(env, a);
      const sb = stat(env, b);
      const [x, y] = op === "-nt" ? [sa, sb] : [sb, sa];
      if (x === undefined) return false;
      if (y === undefined) return true;
      return x.mtimeMs > y.mtimeMs;
    }
    case "-ef": {
      const sa = stat(env, a);
      const sb = stat(env, b);
      return sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino;
    }
  }
  throw new TestError(`${op}: binary operator expected`);
}

/** Integer comparison for callers that evaluated the operands themselves ([[ ]] arithmetic). */
export function compareInts(op: string, a: bigint | number, b: bigint | number): boolean {
  switch (op) {
    case "-eq":
      return a === b;
    case "-ne":
      return a !== b;
    case "-lt":
      return a < b;
    case "-le":
      return a <= b;
    case "-gt":
      return a > b;
    case "-ge":
      return a >= b;
  }
  throw new TestError(`${op}: binary operator expected`);
}
