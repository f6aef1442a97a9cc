// A minimal BuiltinContext for the signals builtins: collects fd 1 / fd 2 text and formats
// errors as bash does for builtins ("ipsh: name: message").
import type { BuiltinContext, BuiltinDef } from "../../builtins/context.ts";
import { runGen } from "../../src/exec/gen.ts";

export interface RunResult {
  status: number;
  out: string;
  err: string;
}

export function makeCtx(name: string, args: string[], sh: object): BuiltinContext & { o: string; e: string } {
  const ctx = {
    name,
    args,
    sh: sh as BuiltinContext["sh"],
    o: "",
    e: "",
    out(t: string) {
      ctx.o += t;
    },
    err(t: string) {
      ctx.e += t;
    },
    write(fd: number, data: string | Uint8Array) {
      const t = typeof data === "string" ? data : new TextDecoder().decode(data);
      if (fd === 1) ctx.o += t;
      else if (fd === 2) ctx.e += t;
      else return false;
      return true;
    },
    error(message: string) {
      ctx.e += `ipsh: ${name}: ${message}\n`;
    },
  };
  return ctx;
}

export function runBuiltin(def: BuiltinDef, args: string[], sh: object): RunResult {
  const ctx = makeCtx(def.name, args, sh);
  const r = def.run(ctx);
  const status = typeof r === "number" ? r : (runGen(r) as number);
  return { status, out: ctx.o, err: ctx.e };
}

/** Run a snippet in bash and return its stdout, stderr and status. */
export function bash(script: string, args: string[] = []): RunResult {
  const p = Bun.spawnSync(["/usr/bin/bash", "-c", script, "bash", ...args], { stdout: "pipe", stderr: "pipe" });
  return { status: p.exitCode ?? -1, out: p.stdout.toString(), err: p.stderr.toString() };
}

/** bash's stderr with its "bash: line 1: " prefix replaced by ipsh's "ipsh: ". */
export function bashErrAsIpsh(err: string): string {
  return err.replace(/^(?:\S*\/)?bash: line \d+: /gm, "ipsh: ");
}
