// The benchmark report: a readable table for stdout and the JSON document for bench/results/.
// Ratios are subject/reference (ipsh/bash, ipsh/dash): below 1 means ipsh is faster.
import { renderTable, type Align } from "../src/explain/format.ts";
import { formatMs, formatRatio, geomean } from "./stats.ts";
import { seriesMedian, seriesSpread, type Series, type WorkloadResult } from "./runner.ts";

/** Issue 3: ipsh's start-up (`-c true`) must be within this factor of the compiled Bun hello world. */
export const STARTUP_TARGET = 4;

export interface ReportOptions {
  /** The shell whose ratios are reported (ipsh). */
  subject: string;
  /** The reference shells of the ratio columns (bash, dash). */
  refs: string[];
}

function byName(res: WorkloadResult, name: string): Series | undefined {
  return res.series.find((s) => s.name === name);
}

/** subject median / reference median for one workload; NaN when either is missing or failed. */
export function ratio(res: WorkloadResult, subject: string, ref: string): number {
  const a = byName(res, subject);
  const b = byName(res, ref);
  return a && b ? seriesMedian(a) / seriesMedian(b) : NaN;
}

function cell(s: Series | undefined): string {
  if (!s) return "";
  return s.status === "ok" ? formatMs(seriesMedian(s)) : s.status;
}

export function renderReport(results: WorkloadResult[], opts: ReportOptions): string {
  const names: string[] = [];
  for (const r of results) for (const s of r.series) if (!names.includes(s.name)) names.push(s.name);
  const refs = opts.refs.filter((r) => r !== opts.subject && names.includes(r));
  const hasSubject = names.includes(opts.subject);
  const header = ["workload", ...names];
  if (hasSubject) for (const r of refs) header.push(`${opts.subject}/${r}`);
  header.push("spread");
  const align: Align[] = header.map((_, i) => (i === 0 ? "left" : "right"));
  const rows: string[][] = [];
  for (const res of results) {
    const row = [res.mode === "invocation" ? `${res.name} (each)` : res.name];
    for (const n of names) row.push(cell(byName(res, n)));
    if (hasSubject) for (const r of refs) row.push(formatRatio(ratio(res, opts.subject, r)));
    let worst = 0;
    for (const s of res.series) if (s.status === "ok") worst = Math.max(worst, seriesSpread(s));
    row.push(`${Math.round(worst * 100)}%`);
    rows.push(row);
  }
  let out = renderTable(header, rows, align);
  if (hasSubject && results.length > 1) {
    for (const r of refs) {
      const g = geomean(results.map((res) => ratio(res, opts.subject, r)).filter(Number.isFinite));
      out += `geometric mean ${opts.subject}/${r}: ${formatRatio(g)}\n`;
    }
  }
  out += notes(results, opts);
  return out;
}

/** Failures and the issue-3 start-up verdict, one line each. */
function notes(results: WorkloadResult[], opts: ReportOptions): string {
  let out = "";
  for (const res of results) {
    for (const s of res.series) if (s.status !== "ok") out += `${res.name}: ${s.name} ${s.status}: ${s.error ?? ""}\n`;
  }
  const startup = results.find((r) => r.name === "startup");
  const floor = startup?.series.find((s) => s.name === "/bin/true");
  if (startup && floor && floor.status === "ok") {
    // Every sample includes the harness's own spawn+wait cost; /bin/true measures it.
    const f = seriesMedian(floor);
    const net = startup.series
      .filter((s) => s.role === "shell" && s.status === "ok")
      .map((s) => `${s.name} ${formatMs(Math.max(0, seriesMedian(s) - f))}`);
    out += `start-up net of the spawn floor (/bin/true ${formatMs(f)}): ${net.join(", ")}\n`;
  }
  if (startup) {
    // every form of the subject (ipsh, ipsh-bin) gets a verdict
    for (const s of startup.series) {
      if (s.role !== "shell" || (s.name !== opts.subject && !s.name.startsWith(`${opts.subject}-`))) continue;
      const r = ratio(startup, s.name, "bun-hello");
      if (!Number.isFinite(r)) continue;
      const verdict = r <= STARTUP_TARGET ? "meets" : "MISSES";
      out += `start-up: ${s.name} is ${formatRatio(r)} the compiled Bun hello world: ${verdict} the ${STARTUP_TARGET}x target (issue 3)\n`;
    }
  }
  return out;
}

/** The JSON document: every sample, so later runs can be compared or pooled. */
export function reportJson(results: WorkloadResult[], opts: ReportOptions, meta: Record<string, unknown>): unknown {
  return {
    ...meta,
    subject: opts.subject,
    refs: opts.refs,
    workloads: results.map((res) => ({
      name: res.name,
      what: res.what,
      mode: res.mode,
      perRep: res.perRep,
      series: res.series.map((s) => ({
        name: s.name,
        role: s.role,
        argv: s.argv,
        status: s.status,
        error: s.error,
        medianMs: seriesMedian(s),
        spread: seriesSpread(s),
        wallMs: s.wallMs,
        cpuMs: s.cpuMs,
      })),
      // to the reference shells, and to this workload's baselines (issue 3: ipsh/bun-hello)
      ratios: Object.fromEntries(
        [...opts.refs, ...res.series.filter((s) => s.role === "baseline").map((s) => s.name)].map((r) => [`${opts.subject}/${r}`, ratio(res, opts.subject, r)]),
      ),
    })),
  };
}
