// bun bench/compare.ts BEFORE.json AFTER.json: what a change did, from two bench/run.ts results.
// Compares the subject's ratios to the reference shells (ratios, not raw times: two runs see
// different machine load, and a ratio from one interleaved run cancels most of it).
import { readFileSync } from "node:fs";
import { renderTable, type Align } from "../src/explain/format.ts";
import { formatRatio } from "./stats.ts";

interface RunJson {
  subject: string;
  workloads: { name: string; ratios: Record<string, number> }[];
}

/** One row per workload and ratio present in both runs: before, after, and the change. */
export function compareRuns(before: RunJson, after: RunJson): string[][] {
  const rows: string[][] = [];
  for (const w of after.workloads) {
    const old = before.workloads.find((x) => x.name === w.name);
    if (!old) continue;
    for (const [key, now] of Object.entries(w.ratios)) {
      const was = old.ratios[key];
      if (was === undefined || was === null || now === null || !Number.isFinite(was) || !Number.isFinite(now)) continue;
      const change = (now / was - 1) * 100;
      rows.push([w.name, key, formatRatio(was), formatRatio(now), `${change >= 0 ? "+" : ""}${change.toFixed(0)}%`]);
    }
  }
  return rows;
}

function main(argv: string[]): number {
  if (argv.length !== 2) {
    process.stderr.write("usage: bun bench/compare.ts BEFORE.json AFTER.json\n");
    return 2;
  }
  let runs: RunJson[];
  try {
    runs = argv.map((p) => JSON.parse(readFileSync(p, "utf8")) as RunJson);
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    return 1;
  }
  const header = ["workload", "ratio", "before", "after", "change"];
  const align: Align[] = ["left", "left", "right", "right", "right"];
  process.stdout.write(renderTable(header, compareRuns(runs[0]!, runs[1]!), align));
  return 0;
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
