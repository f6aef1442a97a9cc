// External commands: command search, the child's descriptor set-up from the shell state's fd
// table, posix_spawn, and waiting in the foreground (with job control: its own process group,
// the terminal handed over and taken back, Ctrl-Z turning it into a stopped job).

import { commandText as printedCommand } from "../../builtins/type.ts";
import { OsFd } from "./fd-table.ts";
import { getProcessCwd, noteProcessCwd } from "./process-cwd.ts";
import { tracing, emit } from "../explain/trace.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { spawn, resolveCommand, spawnFailure, noExecKind, type FileAction, type SpawnResult } from "./spawn.ts";
import { shellStatus, type WaitStatus } from "./wait-status.ts";
import { ENOEXEC } from "../sys/errno.ts";
import { processDispositions } from "../signals/process-dispositions.ts";
import { ensureUmask } from "./os.ts";
import { terminal } from "../jobs/terminal.ts";
import { selfCommand } from "./self.ts";
import { armStopForwarding, disarmStopForwarding, noteForegroundGroup, commandText, inProcessChildStopped, inProcessGroup, leaveLoopsAfterStop, noteStopped, reportDeath, waitAsync, waitProcesses } from "../jobs/foreground.ts";

export { noteProcessCwd };

/** Command search with bash's hash table: a path, or prints the error and returns the status. */
export function findCommand(sh: Shell, name: string, tempPath?: string): string | number {
  if (tempPath !== undefined) {
    // `PATH=... cmd`: searched in that PATH, and neither taken from nor put in the hash table (bash)
    const r = resolveCommand(name, tempPath, sh.cwd);
    if (typeof r === "string") return r;
    sh.diag(`${r.subject}: ${r.message}`);
    return r.status;
  }
  if (!name.includes("/")) {
    const hashed = sh.hash.get(name);
    if (hashed !== undefined) {
      sh.hashHits.set(name, (sh.hashHits.get(name) ?? 0) + 1);
      return hashed;
    }
  }
  const r = resolveCommand(name, sh.vars.get("PATH"), sh.cwd);
  if (typeof r === "string") {
    if (!name.includes("/") && sh.opts.hashall) {
      sh.hash.set(name, r);
      sh.hashHits.set(name, 1);
    }
    return r;
  }
  sh.diag(`${r.subject}: ${r.message}`);
  return r.status;
}

/** The ordered file actions that give a child exactly the shell fds of `sh`. */
export function childActions(sh: Shell): { actions: FileAction[]; closeFrom: number } {
  // (an entry without a usable descriptor, a here-document whose memfd failed, stays closed)
  // (close-on-exec slots, the shell's ends of a coprocess's pipes, are not given)
  const fds = sh.fds.inheritableFds().filter((fd) => sh.fds.os(fd) !== undefined);
  const actions: FileAction[] = [];
  let max = 2;
  // A source descriptor that is also a target of an earlier dup2 would be clobbered: move
  // such sources out of the way first, to fds above every target AND every source (a spare
  // that is another entry's source would clobber that one), then dup2 into place.
  const targets = new Set(fds);
  let spare = 0;
  for (const fd of fds) {
    if (fd > spare) spare = fd;
    const os = sh.fds.os(fd)!;
    if (os > spare) spare = os;
  }
  spare = Math.max(spare + 1, 3);
  const moved = new Map<number, number>();
  for (const fd of fds) {
    const os = sh.fds.os(fd)!;
    if (os !== fd && targets.has(os) && !moved.has(os)) {
      moved.set(os, spare);
      actions.push({ op: "dup2", from: os, to: spare++ });
    }
  }
  for (const fd of fds) {
    const os = sh.fds.os(fd)!;
    actions.push({ op: "dup2", from: moved.get(os) ?? os, to: fd });
    if (fd > max) max = fd;
    // from now on a child shares the offset: `read` must give back what it reads ahead at once
    const e = sh.fds.entry(fd);
    if (e instanceof OsFd) e.givenToChild = true; // (explain's simulated tables have no offsets)
  }
  for (let fd = 0; fd <= 2; fd++) if (!targets.has(fd)) actions.push({ op: "close", fd });
  if (sh.cwd !== getProcessCwd()) actions.push({ op: "chdir", path: sh.cwd });
  return { actions, closeFrom: max + 1 };
}

export interface StartOptions {
  /** undefined: the shell's group; 0: a new group; N: join group N */
  pgroup?: number;
  /** hand the terminal to the new group */
  foreground?: boolean;
  /** background job without job control: SIGINT and SIGQUIT ignored (POSIX 2.11) */
  ignoreInt?: boolean;
}

/** Spawn argv with the shell state's descriptors. Returns the pid, or the shell status after
 *  printing the error. ENOEXEC (a script without #!) is run by ipsh itself, as bash does. */
export function startProcess(sh: Shell, path: string, argv: string[], envp: string[], opt: StartOptions): number | { status: number } {
  // a non-interactive shell forgets its finished jobs when it starts a process (bash)
  if (!sh.interactive && sh.jobs.jobs.length > 0) sh.jobs.cleanupDone();
  const { actions, closeFrom } = childActions(sh);
  ensureUmask(sh.umask);
  const d = processDispositions();
  let sigDefault = d.childSigDefault();
  if (opt.ignoreInt) sigDefault = sigDefault.filter((s) => s !== 2 && s !== 3);
  const tty = opt.foreground ? terminal.fd : -1;
  const req = {
    path,
    argv,
    envp,
    actions,
    closeFrom,
    pgroup: opt.pgroup,
    foreground: opt.foreground && tty >= 0 ? { ttyFd: tty } : undefined,
    sigDefault,
    // the dispositions owner's list is complete: it leaves PIPE/XFSZ out only for trap ''
    sigDefaultComplete: true,
  };
  // a new foreground job of an interactive shell: SIGTSTP sent to the shell from now on stops it
  const armed = opt.foreground && tty >= 0 && sh.interactive;
  if (armed) armStopForwarding();
  let r: SpawnResult;
  if (opt.ignoreInt) r = withIgnoredInt(() => spawn(req));
  else r = spawn(req);
  if (tracing) traceSpawn(req, r);
  if ("errno" in r && r.errno === ENOEXEC && noExecKind(path) === "script") {
    const self = selfCommand();
    // $0 of the script is the name as typed when it has a slash, else the path found (bash)
    const script = argv[0].includes("/") ? argv[0] : path;
    r = spawn({ ...req, path: self[0], argv: [...self, script, ...argv.slice(1)] });
    if (tracing) traceSpawn({ ...req, path: self[0], argv: [...self, script, ...argv.slice(1)] }, r);
  }
  if ("errno" in r) {
    if (armed) disarmStopForwarding();
    const f = spawnFailure(r.errno, argv[0], path);
    sh.diag(`${f.subject}: ${f.message}`);
    return { status: f.status };
  }
  if (armed) noteForegroundGroup(opt.pgroup ? opt.pgroup : r.pid);
  return r.pid;
}

function traceSpawn(req: { path: string; argv: readonly string[]; actions: readonly FileAction[]; closeFrom?: number; pgroup?: number; foreground?: { ttyFd: number } }, r: SpawnResult): void {
  emit({
    kind: "spawn",
    path: req.path,
    argv: req.argv,
    pid: "pid" in r ? r.pid : undefined,
    errno: "errno" in r ? r.errno : undefined,
    pgroup: req.pgroup,
    foreground: req.foreground?.ttyFd,
    actions: req.actions,
    closeFrom: req.closeFrom,
  });
}

function withIgnoredInt<T>(f: () => T): T {
  const undo = ignoreIntQuit();
  try {
    return f();
  } finally {
    undo();
  }
}

import { ignoreSignal, restoreSigaction, saveSigaction } from "../sys/signal-ffi.ts";
function ignoreIntQuit(): () => void {
  const a = saveSigaction(2);
  const b = saveSigaction(3);
  ignoreSignal(2);
  ignoreSignal(3);
  return () => {
    if (a) restoreSigaction(2, a);
    if (b) restoreSigaction(3, b);
  };
}

/** Whether foreground jobs get their own process group and the terminal. */
export function jobControl(sh: Shell): boolean {
  return sh.opts.monitor && !sh.isSubshell && terminal.fd >= 0;
}

/** Run an external command in the foreground and wait for it. */
export function* runExternal(sh: Shell, argv: string[], env?: string[], tempPath?: string): Gen<number> {
  const path = findCommand(sh, argv[0], tempPath);
  if (typeof path === "number") return (sh.lastStatus = path);
  const jc = jobControl(sh);
  // a child of an in-process stage of an interactive foreground job (src/jobs/foreground.ts)
  const g = jc ? undefined : inProcessGroup(sh);
  const opt = jc ? { pgroup: 0, foreground: true } : g ? g : { pgroup: undefined, foreground: false };
  const pid = startProcess(sh, path, argv, env ?? sh.environ(), opt);
  if (typeof pid !== "number") return (sh.lastStatus = pid.status);
  sh.lastChild = pid;
  const pgid = jc || (g && g.pgroup === 0) ? pid : g ? g.pgroup : 0;
  // the job's text: the command as written, as bash shows it ("sh -c \"...\" 2> /dev/null")
  const cur = sh.currentCommand;
  const text = cur !== undefined && cur.kind === "SimpleCommand" ? printedCommand(cur) : commandText(argv);
  const status = yield* waitForeground(sh, [pid], pgid, text);
  sh.lastStatus = status;
  return status;
}

/**
 * Wait for the processes of a foreground job (how: src/jobs/foreground.ts). A job that stopped
 * (Ctrl-Z) enters the job table as a stopped job. Returns the status of the last process; records PIPESTATUS-style statuses in `out` if given.
 */
export function* waitForeground(sh: Shell, pids: number[], pgid: number, command: string, out?: number[]): Gen<number> {
  const statuses: (WaitStatus | undefined)[] = [];
  const stopped = yield* waitProcesses(sh, pids, pgid, statuses);
  // the terminal comes back unless the child only joined a group that still owns it
  const modes = stopped ? terminal.saveJobModes() : undefined;
  if (pgid !== 0 && (pgid === pids[0] || jobControl(sh))) terminal.reclaim(sh);
  if (stopped && !jobControl(sh)) {
    for (let i = 0; i < pids.length; i++) {
      const st = statuses[i];
      if (st && st.kind === "stopped") inProcessChildStopped(sh, pids[i], pgid, st, command, modes);
    }
  }
  else if (stopped) {
    const job = sh.jobs.add(pgid, pids, command, true);
    for (let i = 0; i < pids.length; i++) {
      const st = statuses[i];
      if (st) sh.jobs.record(pids[i], st);
    }
    noteStopped(sh, job, modes);
    leaveLoopsAfterStop(sh);
  }
  const codes = statuses.map((s) => (s ? shellStatus(s) : 127));
  if (out) for (const c of codes) out.push(c);
  // after waiting for a foreground process a non-interactive shell forgets the jobs that
  // finished meanwhile, as bash does (wait %1 then finds no such job)
  if (!sh.interactive && sh.jobs.jobs.length > 0) {
    sh.jobs.reapAll();
    sh.jobs.cleanupDone();
  }
  if (!stopped) reportDeath(sh, statuses[statuses.length - 1], pids[pids.length - 1], command);
  yield* afterForeground(sh);
  return codes[codes.length - 1];
}

/** After a foreground command: give Bun a turn to deliver signals that arrived meanwhile, so
 *  their traps run now (bash runs them right after the command). Only when a trap is set. */
function* afterForeground(sh: Shell): Gen<void> {
  if (sh.trapsSet) yield new Promise<void>((resolve) => setImmediate(resolve));
}

export { waitAsync };
