// A minimal shell state for testing the state builtins without the executor: real Variables and
// Options, a function table, positional parameters, and a context that collects output.
// Commands are argv arrays (already "expanded"); function calls are simulated with a scope.
import { LineAbort } from "../../src/exec/control.ts";
import type { BuiltinContext, BuiltinDef } from "../../builtins/context.ts";
import type { FunctionDef } from "../../grammar/ast.ts";
import type { Shell } from "../../src/shell.ts";
import { Variables } from "../../src/state/variables.ts";
import { Options } from "../../src/state/options.ts";
import { ExpansionError } from "../../src/expand/host.ts";
import { ShellExpandHost } from "../../src/expand/shell-host.ts";
import { evalArith } from "../../src/expand/arith-eval.ts";
import { stateBuiltins } from "../../builtins/registry-part-state.ts";
import { VarError } from "../../src/state/var-store.ts";

/** The prefix bash -c puts before builtin errors, so stderr compares byte for byte. */
export const PREFIX = "bash: line 1: ";

export class FakeShell {
  vars: Variables;
  opts = new Options();
  positional: string[] = [];
  functions = new Map<string, FunctionDef>();
  funcStack: string[] = [];
  stdout = "";
  stderr = "";
  status = 0;
  host: ShellExpandHost;

  constructor(env: Record<string, string> = {}) {
    this.vars = Variables.fromEnviron(env);
    this.host = new ShellExpandHost(this as unknown as Shell);
    this.vars.setArithEvaluator((t) => evalArith(this.host, t));
    this.vars.setDiagnosticSink((m) => (this.stderr += PREFIX + m + "\n"));
  }

  fail(message: string): never {
    this.stderr += PREFIX + message + "\n";
    throw new ExpansionError(message);
  }

  /** Define a function whose printed form is `source`. */
  defineFunction(name: string, source: string): void {
    this.functions.set(name, { kind: "FunctionDef", name, source, body: undefined as never, span: undefined as never });
  }

  /** Run one builtin command line. */
  run(argv: string[], extra: Record<string, unknown> = {}): number {
    const def = stateBuiltins.find((b) => b.name === argv[0]) as BuiltinDef;
    if (def === undefined) throw new Error(`not a state builtin: ${argv[0]}`);
    const sh = this;
    const ctx: BuiltinContext = {
      name: argv[0],
      args: argv.slice(1),
      sh: this as unknown as Shell,
      out(t: string) {
        sh.stdout += t;
      },
      err(t: string) {
        sh.stderr += t;
      },
      write(fd: number, data: string | Uint8Array) {
        const t = typeof data === "string" ? data : new TextDecoder().decode(data);
        if (fd === 1) sh.stdout += t;
        else sh.stderr += t;
        return true;
      },
      error(message: string) {
        sh.stderr += `${PREFIX}${argv[0]}: ${message}\n`;
      },
      ...extra,
    };
    let r: ReturnType<BuiltinDef["run"]>;
    try {
      r = def.run(ctx);
    } catch (e) {
      // "too many arguments" abandons the command line: the status is what the line returns
      if (!(e instanceof LineAbort)) throw e;
      r = e.status;
    }
    if (typeof r !== "number") throw new Error("state builtins are synchronous");
    this.status = r;
    return r;
  }

  /** Run several command lines; returns the last status. */
  runAll(lines: string[][]): number {
    for (const l of lines) this.run(l);
    return this.status;
  }

  /** Simulate calling a function: a scope, FUNCNAME, and the body's command lines. */
  call(name: string, body: () => void): void {
    this.funcStack.unshift(name);
    this.vars.pushScope();
    try {
      body();
    } finally {
      this.vars.popScope();
      this.funcStack.shift();
    }
  }

  /** A plain assignment statement name=value, as the executor performs it. */
  assign(name: string, value: string): void {
    try {
      this.vars.set(name, value);
    } catch (e) {
      if (!(e instanceof VarError)) throw e;
      this.stderr += PREFIX + e.message + "\n";
    }
  }

  /** echo: for showing values in comparisons. */
  echo(...words: (string | undefined)[]): void {
    this.stdout += words.map((w) => w ?? "").join(" ") + "\n";
    this.status = 0;
  }
}

/** Run a script in bash 5.2 with an empty environment; returns stdout, stderr and status. */
export function bash(script: string, env: Record<string, string> = {}): { stdout: string; stderr: string; status: number } {
  const r = Bun.spawnSync(["/usr/bin/bash", "-c", script], { env });
  // bash names itself by its path in messages ("/usr/bin/bash: line 1: ..."): keep just "bash".
  // Errors inside functions defined by -c read "environment: line 1:" in bash 5.2: same prefix.
  const stderr = r.stderr.toString().replaceAll("/usr/bin/bash: ", "bash: ").replaceAll("environment: line ", "bash: line ");
  return { stdout: r.stdout.toString(), stderr, status: r.exitCode ?? -1 };
}

/** Drop the lines of option listings that name ipsh's own options (absent from bash). */
export function withoutIpshOptions(text: string): string {
  return text
    .split("\n")
    .filter((l) => !/^(explain\s|set [-+]o explain$)/.test(l))
    .join("\n");
}
