// What the teaching trace costs: bun bench/explain-overhead.ts [--reps N] [--iterations N]
//
// The executor tests `tracing` (one boolean) at every emit point; when nothing listens that is
// all it does. To show that this costs nothing, the same loop workload runs in three builds:
//   stripped  a bundle whose src/explain/trace.ts is replaced by constants (tracing is the
//             literal false, emit does nothing): the emit points compile away entirely;
//   off       the real bundle, option off (what everyone runs);
//   on        the real bundle with `set -o explain`, the trace appended to /dev/null
//             (IPSH_EXPLAIN_FILE=/dev/null): every event rendered and written.
// "off" should be within noise of "stripped"; "on" shows the price of rendering the trace.
//
// The workload mixes pure interpretation (arithmetic, tests) with the operations that emit
// events: a redirection (open + close), a command substitution (memfd, in-process subshell) and
// a builtin pipeline stage (pipe2, in-process stage, close), so both the quiet paths and the
// emitting paths are exercised. Runs alternate between the builds (A B C A B C ...) so drift in
// the machine's load is shared; the table reports the median and min of each.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dir, "..");

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}
const reps = arg("--reps", 7);
const iterations = arg("--iterations", 20000);

const STUB = `export let tracing = false;
export function setTraceListener(_l) {}
export function emit(_e) {}
`;

async function bundle(outdir: string, stripped: boolean): Promise<string> {
  const plugins = stripped
    ? [
        {
          name: "strip-trace",
          setup(b: { onLoad: (o: { filter: RegExp }, f: () => { contents: string; loader: "js" }) => void }) {
            b.onLoad({ filter: /src\/explain\/trace\.ts$/ }, () => ({ contents: STUB, loader: "js" }));
          },
        },
      ]
    : [];
  const r = await Bun.build({
    entrypoints: [join(root, "src/main.ts")],
    target: "bun",
    outdir,
    naming: "ipsh.js",
    minify: { syntax: true, whitespace: true, identifiers: false },
    format: "cjs",
    plugins: plugins as never,
  });
  if (!r.success) throw new Error(r.logs.map(String).join("\n"));
  return join(outdir, "ipsh.js");
}

function workload(n: number, explain: boolean): string {
  return `${explain ? "IPSH_EXPLAIN_FILE=/dev/null; set -o explain\n" : ""}i=0; s=0
while [ $i -lt ${n} ]; do
  i=$((i + 1))
  s=$((s + i % 7))
  if [ $((i % 10)) -eq 0 ]; then
    : >/dev/null
    x=$(echo $i)
    echo $x | read y
  fi
done
echo $s
`;
}

/** One run: wall ms, and CPU ms (user + system of the shell and the children it waited for,
 *  from wait4's rusage), which a loaded machine disturbs much less than wall time. */
let expected = 0;
for (let i = 1; i <= iterations; i++) expected += i % 7;

function timeOnce(bunPath: string, script: string, file: string): { wall: number; cpu: number } {
  const t0 = performance.now();
  const r = Bun.spawnSync([bunPath, script, file], { stdin: "ignore", stdout: "pipe", stderr: "pipe", env: { PATH: "/usr/bin:/bin", HOME: "/tmp" } });
  const wall = performance.now() - t0;
  if (r.exitCode !== 0 || r.stdout.toString() !== `${expected}\n`) throw new Error(`run failed (${r.exitCode}): ${r.stdout.toString()} ${r.stderr.toString()}`);
  return { wall, cpu: Number(r.resourceUsage.cpuTime.total) / 1000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), "ipsh-explain-bench-"));
const real = await bundle(join(dir, "real"), false);
const stripped = await bundle(join(dir, "stripped"), true);
const quiet = join(dir, "quiet.sh");
const traced = join(dir, "traced.sh");
writeFileSync(quiet, workload(iterations, false));
writeFileSync(traced, workload(iterations, true));

const variants = [
  { name: "stripped (no emit points)", script: stripped, file: quiet },
  { name: "off (set +o explain)", script: real, file: quiet },
  { name: "on (trace to /dev/null)", script: real, file: traced },
];
const bun = process.execPath;
const wall = variants.map(() => [] as number[]);
const cpu = variants.map(() => [] as number[]);
for (const v of variants) timeOnce(bun, v.script, v.file); // warm-up; also validates each variant
for (let r = 0; r < reps; r++) {
  for (const [k, v] of variants.entries()) {
    const t = timeOnce(bun, v.script, v.file);
    wall[k]!.push(t.wall);
    cpu[k]!.push(t.cpu);
  }
}

const baseWall = median(wall[0]!);
const baseCpu = median(cpu[0]!);
const pct = (x: number, b: number): string => `${x >= b ? "+" : ""}${((x / b - 1) * 100).toFixed(1)}%`;
console.log(`explain overhead: ${iterations} loop iterations (${iterations / 10} with a redirection, $(...) and a pipeline), ${reps} runs each`);
console.log(`${"build".padEnd(28)}${"wall med".padStart(10)}${"wall min".padStart(10)}${"cpu med".padStart(10)}${"cpu min".padStart(10)}${"cpu vs stripped".padStart(17)}`);
for (const [k, v] of variants.entries()) {
  const cm = median(cpu[k]!);
  console.log(
    `${v.name.padEnd(28)}${median(wall[k]!).toFixed(0).padStart(10)}${Math.min(...wall[k]!).toFixed(0).padStart(10)}${cm.toFixed(0).padStart(10)}${Math.min(...cpu[k]!).toFixed(0).padStart(10)}${pct(cm, baseCpu).padStart(17)}`,
  );
}
console.log(`(wall vs stripped: off ${pct(median(wall[1]!), baseWall)}, on ${pct(median(wall[2]!), baseWall)}; load average now ${require("node:os").loadavg()[0].toFixed(1)})`);
