// Pipelines of two or more commands: cmd1 | cmd2 | ... | cmdn.
//
// Every stage is a subshell (POSIX), but ipsh never forks itself:
//  - A stage that turns out to be an external command (after expanding its words in the
//    stage's own state) is spawned at once, its stdin/stdout dup2'd from kernel pipes
//    (pipe2 O_CLOEXEC), all stages in one process group. The parent closes its pipe ends right
//    after each spawn, so data never passes through JavaScript.
//  - Any other stage (builtin, function, compound command) runs in-process on a clone of the
//    shell state whose descriptor table points at the pipes.
// After all external stages are started, the in-process ones run. One in-process stage runs
// synchronously with blocking I/O: its peers are separate processes, so nothing can deadlock.
// Two or more run concurrently as coroutines in "async" mode, where every blocking operation
// (writing a full pipe, reading an empty one, waiting for a child) yields to the event loop.
// The pipeline's status is the last stage's (pipefail: the last non-zero one).

import { runDebugTrap } from "./safe-point.ts";
import { tracing, emit } from "../explain/trace.ts";
import type { Pipeline, SimpleCommand } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import { runGen, type Gen } from "./gen.ts";
import { FdTable, OsFd } from "./fd-table.ts";
import { execCoproc } from "./coproc.ts";
import { pipe } from "../sys/fd.ts";
import { strerror } from "../sys/errno.ts";
import { expandArgs, isExternalName, runExpanded } from "./simple.ts";
import { execCommand } from "./execute.ts";
import { openRedirects } from "./redirect.ts";
import { assignmentsToEnv } from "./assign.ts";
import { findCommand, jobControl, startProcess, waitForeground } from "./external.ts";
import { runStage } from "./subshell.ts";
import { printCommand, jobText } from "./command-text.ts";
import { enterForegroundContext, inProcessGroup, leaveForegroundContext, unwindStages } from "../jobs/foreground.ts";

interface InProcStage {
  index: number;
  st: Shell;
  run: () => Gen<number>;
}

export function* runPipeline(sh: Shell, p: Pipeline): Gen<number> {
  const n = p.commands.length;
  const jc = jobControl(sh);
  // a pipeline inside an in-process stage of an interactive foreground job (`( a | b )`) is
  // grouped too, joining that job's group or in one of its own (src/jobs/foreground.ts)
  const inner = jc ? undefined : inProcessGroup(sh);
  const grouped = jc || inner !== undefined;
  const takesTerminal = jc || (inner !== undefined && inner.foreground);
  let pgid = 0;
  const pids: number[] = [];
  const pidIndex: number[] = [];
  const statuses = new Array<number>(n).fill(0);
  const inproc: InProcStage[] = [];
  const lastpipe = sh.opts.lastpipe && !jc;
  let prevRead: OsFd | undefined;
  sh.lineno = p.span.line + sh.lineBase;

  for (let i = 0; i < n; i++) {
    const cmd = p.commands[i];
    let readEnd: OsFd | undefined;
    let writeEnd: OsFd | undefined;
    if (i < n - 1) {
      const fds = pipe();
      if (typeof fds === "number") {
        sh.diag(`pipe error: ${strerror(-fds)}`);
        statuses[i] = 1;
        break;
      }
      if (tracing) emit({ kind: "pipe", read: fds[0], write: fds[1] });
      readEnd = new OsFd(fds[0], false, "pipe");
      writeEnd = new OsFd(fds[1], false, "pipe");
    }
    if (cmd.kind === "SimpleCommand" && sh.commandFrozen === 0) sh.currentCommand = cmd;
    if (cmd.kind === "Coproc") {
      // bash starts a coprocess from the shell itself wherever it stands in a pipeline
      // (execute_coproc before any fork): the pipes around it are closed, status 0
      const ends = new FdTable();
      ends.set(0, prevRead);
      ends.set(1, writeEnd);
      ends.dispose();
      prevRead = readEnd;
      statuses[i] = yield* execCoproc(sh, cmd);
      continue;
    }
    if (cmd.kind === "SimpleCommand" && !sh.inTrap && sh.traps.get("DEBUG") !== undefined) {
      // bash runs the DEBUG trap in the shell before each simple-command stage, at its line
      sh.lineno = cmd.span.line + sh.lineBase;
      yield* runDebugTrap(sh);
    }
    const isLast = i === n - 1;
    const st = isLast && lastpipe ? sh : sh.cloneForSubshell();
    if (st !== sh) st.isStage = true;
    const savedFds = st.fds;
    if (st === sh) st.fds = sh.fds.clone();
    if (prevRead) st.fds.set(0, prevRead);
    if (writeEnd) {
      st.fds.set(1, writeEnd);
      if (p.pipeStderr[i]) st.fds.set(2, writeEnd);
    }
    prevRead = readEnd;

    if (cmd.kind === "SimpleCommand") {
      const started = yield* startSimpleStage(st, cmd, grouped, pgid === 0 && inner ? inner.pgroup : pgid, takesTerminal);
      if (started !== undefined) {
        if (typeof started === "number") {
          if (pgid === 0 && grouped) pgid = inner && inner.pgroup !== 0 ? inner.pgroup : started;
          pids.push(started);
          pidIndex.push(i);
        } else statuses[i] = started.status;
        releaseStage(st, sh, savedFds);
        continue;
      }
      const argv = st.pendingArgv!;
      st.pendingArgv = undefined;
      inproc.push({ index: i, st, run: () => runExpanded(st, cmd, argv) });
    } else {
      inproc.push({ index: i, st, run: () => execCommand(st, cmd) });
    }
    if (st === sh) {
      // lastpipe: the last stage runs in the shell itself with the pipe as stdin
      const stage = inproc[inproc.length - 1];
      const orig = stage.run;
      stage.run = function* () {
        try {
          return yield* orig();
        } finally {
          st.fds.dispose();
          st.fds = savedFds;
        }
      };
    }
  }

  // in-process stages (under job control their children join the job's group, and a stop or
  // ^C abandons them: src/jobs/foreground.ts)
  const fgPrev = jc && inproc.length > 0 ? enterForegroundContext(pgid) : undefined;
  let abandoned: unknown;
  try {
    if (inproc.length === 1) {
      const s = inproc[0];
      s.st.async = sh.async;
      statuses[s.index] = yield* runStage(s.st, s.run, s.st !== sh, sh);
    } else if (inproc.length > 1) {
      const results: (number | Promise<number>)[] = [];
      const wasAsync = sh.async;
      for (const s of inproc) {
        s.st.async = true;
        results.push(runGen(runStage(s.st, s.run, s.st !== sh, sh)));
      }
      let done: number[];
      try {
        done = (yield Promise.all(results)) as number[];
      } catch (e) {
        // one stage was abandoned (^C, ^Z): the others must unwind too before the job is waited
        if (jc) yield unwindStages(results);
        throw e;
      } finally {
        sh.async = wasAsync;
      }
      for (let k = 0; k < inproc.length; k++) statuses[inproc[k].index] = done[k];
    }
  } catch (e) {
    // the external stages must still be waited for (killed by ^C, or stopped by ^Z)
    if (pids.length === 0) throw e;
    abandoned = e;
  } finally {
    if (jc && inproc.length > 0) {
      const ctx = leaveForegroundContext(fgPrev);
      if (ctx) for (const pid of ctx.stopped) pids.push(pid), pidIndex.push(-1);
    }
  }

  if (pids.length > 0) {
    const codes: number[] = [];
    yield* waitForeground(sh, pids, grouped ? pgid : 0, grouped ? jobText(printCommand(p)) : "", codes);
    for (let k = 0; k < pids.length; k++) if (pidIndex[k] >= 0) statuses[pidIndex[k]] = codes[k];
  }
  if (abandoned !== undefined) throw abandoned;

  // a coproc stage ran in the shell itself: it has no process status of the pipeline's
  const procStatuses = p.commands.some((c) => c.kind === "Coproc") ? statuses.filter((_, k) => p.commands[k]!.kind !== "Coproc") : statuses;
  sh.setPipeStatus(procStatuses);
  let status = statuses[n - 1];
  if (sh.opts.pipefail) for (const s of procStatuses) if (s !== 0) status = s;
  sh.lastStatus = status;
  return status;
}

function releaseStage(st: Shell, sh: Shell, savedFds: import("./fd-table.ts").FdTable): void {
  st.fds.dispose();
  if (st === sh) st.fds = savedFds;
}

/**
 * Expand a simple command stage; if it names an external program, spawn it and return its pid
 * (or a failure status). Returns undefined when the stage must run in-process (its expanded
 * argv is left in st.pendingArgv so it is not expanded twice).
 */
function* startSimpleStage(st: Shell, cmd: SimpleCommand, jc: boolean, pgid: number, takesTerminal = jc): Gen<number | { status: number } | undefined> {
  st.lineno = cmd.span.line + st.lineBase;
  const argv = yield* expandArgs(st, cmd.words);
  if (argv.length === 0 || !isExternalName(st, argv[0])) {
    st.pendingArgv = argv;
    return undefined;
  }
  const env = cmd.assigns.length > 0 ? yield* assignmentsToEnv(st, cmd.assigns) : st.environ();
  // `PATH=dir cmd`: searched in that PATH (findCommand), as outside a pipeline
  const tempPath = cmd.assigns.some((a) => a.name === "PATH") ? env.findLast((e) => e.startsWith("PATH="))?.slice(5) : undefined;
  let frame = st.fds;
  if (cmd.redirects.length > 0) {
    const f = yield* openRedirects(st, st.fds, cmd.redirects);
    if (!f) return { status: 1 };
    frame = f;
  }
  const saved = st.fds;
  st.fds = frame;
  try {
    // searched with the stage's redirections in place: "command not found" goes to its stderr,
    // as from bash's forked child
    const path = findCommand(st, argv[0], tempPath);
    if (typeof path === "number") return { status: path };
    const r = startProcess(st, path, argv, env, { pgroup: jc ? pgid : undefined, foreground: takesTerminal && pgid === 0 });
    return r;
  } finally {
    st.fds = saved;
    if (frame !== saved) frame.dispose();
  }
}
