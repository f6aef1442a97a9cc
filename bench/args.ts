// Command line of bench/run.ts:
//   bun bench/run.ts [--only a,b] [--skip a,b] [--reps N] [--scale X] [--timeout SEC] [--seed N]
//                    [--shell SPEC]... [--json PATH] [--list] [--shared-args 'ARGS']
// --only names workloads of the table, or `shared` (the project-agnostic suite of
// /work/shared/bench, which takes minutes and so only runs when asked for) or `all`.
// A --shell SPEC ("NAME=COMMAND WORDS") replaces the default ipsh/bash/dash set.

export interface BenchArgs {
  only: string[];
  skip: string[];
  reps: number;
  scale: number;
  timeoutSec: number;
  seed: number;
  shells: string[];
  json?: string;
  list: boolean;
  help: boolean;
  /** Extra words for /work/shared/bench/run.sh (split on blanks). */
  sharedArgs: string[];
}

export class ArgError extends Error {}

function number(opt: string, v: string | undefined, integer: boolean): number {
  if (v === undefined) throw new ArgError(`${opt}: missing value`);
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new ArgError(`${opt}: invalid value '${v}'`);
  }
  return n;
}

function list(v: string | undefined, opt: string): string[] {
  if (v === undefined) throw new ArgError(`${opt}: missing value`);
  return v.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const a: BenchArgs = { only: [], skip: [], reps: 5, scale: 1, timeoutSec: 60, seed: 12345, shells: [], list: false, help: false, sharedArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    let opt = argv[i]!;
    let val: string | undefined;
    const eq = opt.indexOf("=");
    if (opt.startsWith("--") && eq > 0) {
      val = opt.slice(eq + 1);
      opt = opt.slice(0, eq);
    }
    const next = (): string | undefined => (val !== undefined ? val : argv[++i]);
    switch (opt) {
      case "--only": a.only.push(...list(next(), opt)); break;
      case "--skip": a.skip.push(...list(next(), opt)); break;
      case "--reps": a.reps = number(opt, next(), true); break;
      case "--scale": a.scale = number(opt, next(), false); break;
      case "--timeout": a.timeoutSec = number(opt, next(), false); break;
      case "--seed": a.seed = number(opt, next(), true); break;
      case "--shell": {
        const v = next();
        if (v === undefined) throw new ArgError(`${opt}: missing value`);
        a.shells.push(v);
        break;
      }
      case "--json": a.json = next(); if (a.json === undefined) throw new ArgError(`${opt}: missing value`); break;
      case "--shared-args": {
        const v = next();
        if (v === undefined) throw new ArgError(`${opt}: missing value`);
        a.sharedArgs.push(...v.split(/\s+/).filter((w) => w !== ""));
        break;
      }
      case "--list": a.list = true; break;
      case "-h":
      case "--help": a.help = true; break;
      default: throw new ArgError(`unknown option '${argv[i]}'`);
    }
  }
  return a;
}

/** Which local workloads to run and whether to run the shared suite, from --only/--skip. */
export function selectWorkloads(a: BenchArgs, known: readonly string[]): { local: string[]; shared: boolean } {
  for (const n of [...a.only, ...a.skip]) {
    if (n !== "shared" && n !== "all" && !known.includes(n)) throw new ArgError(`unknown workload '${n}' (known: ${known.join(", ")}, shared, all)`);
  }
  const all = a.only.includes("all");
  let local = a.only.length === 0 || all ? known.slice() : known.filter((n) => a.only.includes(n));
  local = local.filter((n) => !a.skip.includes(n));
  const shared = (all || a.only.includes("shared")) && !a.skip.includes("shared");
  return { local, shared };
}

export const usage = `usage: bun bench/run.ts [--only a,b] [--skip a,b] [--reps N] [--scale X] [--timeout SEC]
                        [--seed N] [--shell NAME=CMD]... [--json PATH] [--shared-args 'ARGS'] [--list]
`;
