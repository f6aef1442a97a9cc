// test and [ -- bash's test(1), following its posixtest algorithm:
//  0 args: false; 1: non-empty; 2: "!" x | unary x; 3: binary | x -a/-o y | "!" two | ( x );
//  4: "!" three | ( two ); otherwise (and when 4 falls through) the recursive grammar
//    or := and [-o or]; and := term [-a and];
//    term := "!" term | "(" or ")" | x BINOP y | UNOP x (when x exists) | x
// Leftover arguments are "too many arguments" (or "syntax error: `-x' unexpected").
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import { BINARY_OPS, TestError, UNARY_OPS, binaryTest, parseTestInt, unaryTest, type TestEnv } from "./test-ops.ts";
import { VarAttr } from "../src/state/var-store.ts";
import { subscriptIndex } from "./io.ts";
import { setOption } from "../src/state/options.ts";

class Parser {
  pos = 0;
  constructor(
    private argv: string[],
    private env: TestEnv,
  ) {}

  private get argc(): number {
    return this.argv.length;
  }

  oneArg(a: string): boolean {
    return a.length !== 0;
  }

  isUnary(a: string | undefined): boolean {
    return a !== undefined && UNARY_OPS.has(a);
  }

  twoArgs(): boolean {
    const a = this.argv[this.pos]!;
    const b = this.argv[this.pos + 1]!;
    if (a === "!") return b.length === 0;
    if (a.length === 2 && a[0] === "-") {
      if (this.isUnary(a)) return unaryTest(a, b, this.env);
    }
    throw new TestError(`${a}: unary operator expected`);
  }

  threeArgs(): boolean {
    const p = this.pos;
    const a = this.argv[p]!;
    const op = this.argv[p + 1]!;
    const b = this.argv[p + 2]!;
    this.pos = this.argc;
    if (BINARY_OPS.has(op)) return binaryTest(op, a, b, this.env);
    if (op === "-a") return this.oneArg(a) && this.oneArg(b);
    if (op === "-o") return this.oneArg(a) || this.oneArg(b);
    if (a === "!") {
      this.pos = p + 1;
      const v = !this.twoArgs();
      this.pos = this.argc;
      return v;
    }
    if (a === "(" && b === ")") return this.oneArg(op);
    throw new TestError(`${op}: binary operator expected`);
  }

  posix(): boolean {
    const n = this.argc - this.pos;
    switch (n) {
      case 0:
        return false;
      case 1:
        this.pos = this.argc;
        return this.oneArg(this.argv[0]!);
      case 2: {
        const v = this.twoArgs();
        this.pos = this.argc;
        return v;
      }
      case 3:
        return this.threeArgs();
      case 4:
        if (this.argv[0] === "!") {
          this.pos = 1;
          return !this.threeArgs();
        }
        if (this.argv[0] === "(" && this.argv[3] === ")") {
          this.pos = 1;
          const v = this.twoArgs();
          this.pos = this.argc;
          return v;
        }
    }
    return this.or();
  }

  or(): boolean {
    const v = this.and();
    if (this.pos < this.argc && this.argv[this.pos] === "-o") {
      this.pos++;
      const w = this.or();
      return v || w;
    }
    return v;
  }

  and(): boolean {
    const v = this.term();
    if (this.pos < this.argc && this.argv[this.pos] === "-a") {
      this.pos++;
      const w = this.and();
      return v && w;
    }
    return v;
  }

  term(): boolean {
    if (this.pos >= this.argc) throw new TestError("argument expected");
    const a = this.argv[this.pos]!;
    if (a === "!") {
      this.pos++;
      return !this.term();
    }
    if (a === "(") {
      this.pos++;
      if (this.pos >= this.argc) throw new TestError("argument expected");
      const v = this.or();
      if (this.argv[this.pos] !== ")") {
        if (this.pos < this.argc) throw new TestError(`\`)' expected, found ${this.argv[this.pos]}`);
        throw new TestError("`)' expected");
      }
      this.pos++;
      return v;
    }
    if (this.pos + 3 <= this.argc && BINARY_OPS.has(this.argv[this.pos + 1]!)) {
      const v = binaryTest(this.argv[this.pos + 1]!, a, this.argv[this.pos + 2]!, this.env);
      this.pos += 3;
      return v;
    }
    // bash 5.1+: a unary operator only when an argument follows it; otherwise (the last
    // argument, or a word like `-q` that is no operator) it is a string, true when non-empty
    // (`[ -n x -a -n ]` is true, `[ -a -a -a -a ]` is "-a" exists AND "-a" non-empty)
    if (this.pos + 2 <= this.argc && this.isUnary(a)) {
      if (a === "-t") {
        // -t takes its argument only when that is a number: `[ -t -a x ]` is (-t) -a (x),
        // false without consuming the `-a`
        if (parseTestInt(this.argv[this.pos + 1]!) === undefined) {
          this.pos++;
          return false;
        }
      }
      const v = unaryTest(a, this.argv[this.pos + 1]!, this.env);
      this.pos += 2;
      return v;
    }
    this.pos++;
    return a.length !== 0;
  }
}

/** Evaluate test's arguments (without the closing `]`). Throws TestError on a syntax error. */
export function evalTest(args: string[], env: TestEnv): boolean {
  const p = new Parser(args, env);
  const v = p.posix();
  if (p.pos < args.length) {
    const a = args[p.pos]!;
    if (a[0] === "-") throw new TestError(`syntax error: \`${a}' unexpected`);
    throw new TestError("too many arguments");
  }
  return v;
}

const SUBSCRIPTED = /^([A-Za-z_][A-Za-z0-9_]*)\[(.*)\]$/s;

/** The TestEnv of a shell state: one per state (cached), reading the state live (its cwd,
 *  variables, options and fds), so `[` in a loop allocates nothing. */
class ShellTestEnv implements TestEnv {
  constructor(private sh: BuiltinContext["sh"]) {}
  get cwd(): string {
    return this.sh.cwd;
  }
  isVarSet(ref: string): boolean {
    const vars = this.sh.vars;
    const m = SUBSCRIPTED.exec(ref);
    if (!m) return vars.isSet(ref) && (vars.attrs(ref) & VarAttr.Unset) === 0;
    const [, name, sub] = m;
    if (sub === "@" || sub === "*") return vars.getValues(name!).length > 0;
    if (vars.isAssoc(name!)) return vars.getElement(name!, sub!) !== undefined;
    const idx = subscriptIndex(this.sh, sub!);
    return Number.isInteger(idx) && vars.getElement(name!, idx) !== undefined;
  }
  isNameref(name: string): boolean {
    return (this.sh.vars.attrs(name) & VarAttr.Nameref) !== 0;
  }
  option(name: string): boolean | undefined {
    // only `set -o` options count (test -o nullglob is false in bash)
    const info = setOption(name);
    if (!info) return undefined;
    return (this.sh.opts as unknown as Record<string, boolean>)[info.prop] === true;
  }
  osFd(fd: number): number | undefined {
    return this.sh.fds.os(fd);
  }
}

const envs = new WeakMap<object, ShellTestEnv>();

/** The TestEnv of a builtin context's shell. */
export function shellTestEnv(sh: BuiltinContext["sh"]): TestEnv {
  let env = envs.get(sh);
  if (!env) envs.set(sh, (env = new ShellTestEnv(sh)));
  return env;
}

function runTest(ctx: BuiltinContext): number {
  let args = ctx.args;
  let n = args.length;
  if (ctx.name === "[") {
    if (args[n - 1] !== "]") {
      ctx.error("missing `]'");
      return 2;
    }
    n--;
  }
  try {
    // the usual `[ a OP b ]`: what posix() does with three arguments whose middle one is a
    // binary operator, without copying the arguments or building a parser
    if (n === 3 && BINARY_OPS.has(args[1]!)) return binaryTest(args[1]!, args[0]!, args[2]!, shellTestEnv(ctx.sh)) ? 0 : 1;
    if (n !== args.length) args = args.slice(0, n);
    return evalTest(args, shellTestEnv(ctx.sh)) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      ctx.error(e.message);
      return 2;
    }
    throw e;
  }
}

export const testBuiltin: BuiltinDef = {
  name: "test",
  special: false,
  run: runTest,
  synopsis: "test [expr]",
  description:
    "Evaluate conditional expression. Exits with a status of 0 (true) or 1 (false) depending on " +
    "the evaluation of EXPR: file tests (-e -f -d -r -w -x -s -L -h -p -S -b -c -g -u -k -t -O -G -N, " +
    "-nt -ot -ef), string tests (-z -n = != < >), integer comparisons (-eq -ne -lt -le -gt -ge), " +
    "-v VAR, -o OPTION, combined with ! ( ) -a -o. Status 2 on a syntax error.",
};

export const bracketBuiltin: BuiltinDef = {
  name: "[",
  special: false,
  run: runTest,
  synopsis: "[ arg... ]",
  description: 'Evaluate conditional expression. This is a synonym for the "test" builtin, but the last argument must be a literal `]\', to match the opening `[\'.',
};
