// What the teaching views (signals, fds) need from the shell, as narrow interfaces. The Shell
// object is being written in parallel; these adapters read it through the shapes below and
// degrade to "not available" instead of failing when a piece is missing, so the views work in
// subshell clones, in tests with a fake shell, and before every module has landed.
//
// Needed from the shell (see the report of the explain engineer):
//   sh.fds:   os(fd) -> OS fd; openFds() -> open shell fds; entry(fd)?.label (what it is)
//   sh.traps: get(signo) -> the trap action string, "" when ignored (trap '' SIG), undefined
//             when the disposition is the default
//   sh.jobs:  resolve(spec) -> { pgid, pids } of the job named by a job spec (%1 %+ %- %?str
//             %name), or { error } ("%3: no such job") — src/jobs/job-table.ts has it; a
//             pidsOf(spec) -> number[] | string method is accepted too

export interface FdEntryView {
  label?: string;
  inherited?: boolean;
}

export interface FdTableView {
  os(fd: number): number | undefined;
  openFds?(): number[];
  entry?(fd: number): FdEntryView | undefined;
}

export interface TrapView {
  get(sig: number): string | undefined;
}

export interface JobPidView {
  resolve(spec: string): { pgid: number; pids: number[] } | { error: string };
}

export interface JobPidListView {
  pidsOf(spec: string): number[] | string;
}

/** The shell as the views see it. Every member is optional: the views show what they can. */
export interface ExplainShell {
  pid?: number;
  fds?: FdTableView;
  traps?: unknown;
  jobs?: unknown;
}

/** Highest shell fd probed when the fd table cannot list its entries. */
const PROBE_LIMIT = 256;

/** Open shell fds with their OS fds, ascending. */
export function shellFds(sh: ExplainShell): { fd: number; os: number; label?: string }[] {
  const t = sh.fds;
  if (!t || typeof t.os !== "function") return [];
  const fds = typeof t.openFds === "function" ? t.openFds() : range(PROBE_LIMIT).filter((fd) => t.os(fd) !== undefined);
  const out: { fd: number; os: number; label?: string }[] = [];
  for (const fd of fds) {
    const os = t.os(fd);
    if (os === undefined) continue;
    const label = typeof t.entry === "function" ? t.entry(fd)?.label : undefined;
    out.push(label ? { fd, os, label } : { fd, os });
  }
  return out;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

export type ShellDisposition = { kind: "default" } | { kind: "ignored" } | { kind: "trapped"; action: string } | { kind: "unknown" };

/** The shell-level disposition of a signal: from its trap table (`trap` semantics). */
export function shellDisposition(sh: ExplainShell, sig: number): ShellDisposition {
  const traps = sh.traps as Partial<TrapView> | undefined;
  if (!traps || typeof traps.get !== "function") return { kind: "unknown" };
  const action = traps.get(sig);
  if (action === undefined) return { kind: "default" };
  if (action === "") return { kind: "ignored" };
  return { kind: "trapped", action };
}

/** Pids of a job spec (%1, %+, ...), or an error message. */
export function jobPids(sh: ExplainShell, spec: string): number[] | string {
  const jobs = sh.jobs as Partial<JobPidView & JobPidListView> | undefined;
  if (jobs && typeof jobs.resolve === "function") {
    const r = jobs.resolve(spec);
    if ("error" in r) return r.error;
    return r.pids.length > 0 ? r.pids : `${spec}: job has terminated`;
  }
  if (jobs && typeof jobs.pidsOf === "function") return jobs.pidsOf(spec);
  return `${spec}: no job control in this shell`;
}

/**
 * The processes a view is about: no operand = the shell itself; a number = that pid; %spec = the
 * processes of that job. Returns an error message for a bad operand.
 */
export function targetPids(sh: ExplainShell, operand: string | undefined): { self: boolean; pids: number[] } | string {
  if (operand === undefined) return { self: true, pids: [process.pid] };
  if (operand.startsWith("%")) {
    const r = jobPids(sh, operand);
    return typeof r === "string" ? r : { self: false, pids: r };
  }
  if (!/^[0-9]+$/.test(operand)) return `${operand}: arguments must be process or job IDs`;
  const pid = Number(operand);
  return { self: pid === process.pid, pids: [pid] };
}
