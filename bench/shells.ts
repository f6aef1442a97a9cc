// The shells a benchmark run compares. A shell is given as "NAME=COMMAND WORDS" or "COMMAND WORDS"
// (then NAME is the basename of COMMAND), the same notation as /work/shared/bench. ipsh is
// bin/ipsh of this repository; bash and dash are the behavioural and performance references.
import { existsSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runOnce, benchEnv } from "./timer.ts";

/** This directory (import.meta.dir is Bun-only; vitest transforms modules). */
const benchDir = dirname(fileURLToPath(import.meta.url));

export interface ShellSpec {
  name: string;
  /** The command prefix: workloads append their own words (e.g. ["-c", "true"]). */
  argv: string[];
}

/** The repository root (bench/..). */
export const repoRoot = resolve(benchDir, "..");

/**
 * The default comparison: ipsh (the bin/ipsh launcher running the bundle) against bash and dash,
 * plus ipsh-bin, the standalone `bun build --compile` executable, when `npm run build` made it.
 */
export function defaultShells(): ShellSpec[] {
  const shells: ShellSpec[] = [{ name: "ipsh", argv: [join(repoRoot, "bin", "ipsh")] }];
  const compiled = join(repoRoot, "dist", "ipsh");
  if (existsSync(compiled)) shells.push({ name: "ipsh-bin", argv: [compiled] });
  shells.push({ name: "bash", argv: ["/usr/bin/bash"] }, { name: "dash", argv: ["/usr/bin/dash"] });
  return shells;
}

/** Parse "NAME=COMMAND WORDS" / "COMMAND WORDS". Words split on blanks (no quoting). */
export function parseShellSpec(spec: string): ShellSpec {
  const eq = spec.indexOf("=");
  const space = spec.search(/\s/);
  let name: string | undefined;
  let command = spec;
  if (eq > 0 && (space < 0 || eq < space)) {
    name = spec.slice(0, eq);
    command = spec.slice(eq + 1);
  }
  const argv = command.trim().split(/\s+/).filter((w) => w !== "");
  if (argv.length === 0) throw new Error(`empty shell command in '${spec}'`);
  argv[0] = resolveCommand(argv[0]!);
  return { name: name ?? basename(argv[0]!), argv };
}

/** Resolve a command word on PATH (as the workloads run with a fixed PATH, resolve up front). */
export function resolveCommand(word: string): string {
  if (word.includes("/")) return isAbsolute(word) ? word : resolve(word);
  for (const dir of (process.env.PATH ?? "/usr/bin:/bin").split(":")) {
    const p = join(dir || ".", word);
    if (existsSync(p)) return p;
  }
  return word;
}

/**
 * Whether a shell can take part: it must exist and answer `-c 'echo ok'` with "ok". Returns the
 * reason when it cannot (a missing bin/ipsh is expected early in the project: the run goes on
 * with the others).
 */
export function probeShell(sh: ShellSpec): string | undefined {
  if (!existsSync(sh.argv[0]!)) return `${sh.argv[0]} does not exist`;
  const r = runOnce([...sh.argv, "-c", "echo ok"], benchEnv(), 20_000);
  if (r.timedOut) return "timed out answering -c 'echo ok'";
  if (r.status !== 0 || r.stdout.trim() !== "ok") {
    const why = r.stderr.trim().split("\n")[0] ?? "";
    return `-c 'echo ok' gave status ${r.status}${why ? `: ${why}` : ""}`;
  }
  return undefined;
}

/** `SHELL --version` first line, or "" (dash has no version option: its package version is used). */
export function shellVersion(sh: ShellSpec): string {
  if (basename(sh.argv[0]!) === "dash") {
    const r = runOnce(["/usr/bin/dpkg-query", "-W", "-f", "${Version}", "dash"], benchEnv(), 5000);
    return r.status === 0 ? `dash ${r.stdout.trim()}` : "dash";
  }
  const r = runOnce([...sh.argv, "--version"], benchEnv(), 5000);
  return r.status === 0 ? (r.stdout.split("\n")[0] ?? "").trim() : "";
}
