// The start-up cost of constructing the parser (issue 3): `ipsh -c true` never builds the
// Chevrotain parser (a lone simple command is wrapped without a grammar decision, see
// grammar/index.ts), while `ipsh -c 'if true; then :; fi'` must build it and compute the lookahead
// of the decisions it reaches. The difference between the two, measured on the built executable
// (dist/ipsh) and the bundle (bin/ipsh), interleaved, is what the parser adds to start-up.
// Compared with a compiled Bun hello world and bash on the same two command lines.
//
//   bun bench/parser-startup.ts [--runs N]
import { existsSync } from "node:fs";
import { join } from "node:path";
import { benchEnv, runOnce } from "./timer.ts";
import { median, formatMs } from "./stats.ts";
import { helloBinary } from "./baseline.ts";

const root = join(import.meta.dirname, "..");
const runsArg = process.argv.indexOf("--runs");
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 40;
const env = benchEnv();

const hello = helloBinary();
const shells: [string, string[]][] = [["bash", ["bash"]], ["ipsh (bin/ipsh)", [join(root, "bin/ipsh")]]];
if (existsSync(join(root, "dist/ipsh"))) shells.push(["ipsh (dist/ipsh)", [join(root, "dist/ipsh")]]);
const lines: [string, string][] = [
  ["simple", "true"],
  ["compound", "if true; then :; fi"],
];

const samples = new Map<string, number[]>();
const helloSamples: number[] = [];
for (let r = 0; r < runs; r++) {
  helloSamples.push(runOnce([hello], env, 10000).wallMs);
  for (const [name, argv] of shells) {
    for (const [kind, line] of lines) {
      const key = `${name} ${kind}`;
      const res = runOnce([...argv, "-c", line], env, 10000);
      if (res.status !== 0) throw new Error(`${key}: status ${res.status}: ${res.stderr}`);
      (samples.get(key) ?? samples.set(key, []).get(key)!).push(res.wallMs);
    }
  }
}

const h = median(helloSamples);
console.log(`Bun hello world (compiled): ${formatMs(h)}  (median of ${runs})`);
console.log(`${"shell".padEnd(18)} ${"-c true".padStart(10)} ${"-c 'if ...'".padStart(12)} ${"parser cost".padStart(12)} ${"x hello".padStart(8)}`);
for (const [name] of shells) {
  const s = median(samples.get(`${name} simple`)!);
  const c = median(samples.get(`${name} compound`)!);
  console.log(`${name.padEnd(18)} ${formatMs(s).padStart(10)} ${formatMs(c).padStart(12)} ${formatMs(c - s).padStart(12)} ${(c / h).toFixed(2).padStart(7)}x`);
}
