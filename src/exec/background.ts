// Asynchronous lists: `cmd &`.
//
// A background pipeline of external commands is spawned directly (no wait), in its own process
// group under job control, or in the shell's group with SIGINT and SIGQUIT ignored otherwise
// (POSIX 2.11). Anything that must run in the shell itself (builtins, functions, compound
// commands, && lists) cannot run concurrently with the main shell inside one JavaScript thread
// and still be stopped, killed and waited for as a unit, so ipsh re-executes itself for it: a
// new ipsh process gets the state as shell text (serialize.ts) and the command's text, and is
// an ordinary child process from then on. That costs one ipsh start-up per such job.
//
// An external stage whose redirection target is a FIFO is re-executed too: open() of a FIFO
// waits for the other end, and that wait belongs to the job (bash opens it in the forked child),
// so `cat < fifo &` returns at once and the next command can be the writer.

import { reapOrphans } from "../jobs/orphans.ts";
import { tracing, emit } from "../explain/trace.ts";
import type { AndOr, Command, Redirect, Word, WordPart } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { OsFd } from "./fd-table.ts";
import { pipe, openFile, O_RDONLY, O_CLOEXEC } from "../sys/fd.ts";
import { expandArgs, isExternalName } from "./simple.ts";
import { openRedirects, absPath } from "./redirect.ts";
import { isFifo } from "./fifo-open.ts";
import { expandWords } from "../expand/index.ts";
import { assignmentsToEnv } from "./assign.ts";
import { jobControl, startProcess } from "./external.ts";
import { resolveCommand } from "./spawn.ts";
import { xtraceWords } from "./xtrace.ts";
import { printAndOr, jobText } from "./command-text.ts";
import { reexecArgv } from "./serialize.ts";
import { selfCommand } from "./self.ts";

let jobStarts = 0;

export function* runBackground(sh: Shell, ao: AndOr): Gen<number> {
  // collect what has finished before adding more (a loop starting jobs would pile up zombies);
  // every 16th start, so a loop starting many long jobs does not rescan them all each time
  if ((++jobStarts & 15) === 0) {
    sh.jobs.reapAll();
    reapOrphans();
  }
  const jc = jobControl(sh);
  const text = jobText(printAndOr(ao));
  const st = sh.cloneForSubshell();
  // POSIX: without job control, an async list's stdin is /dev/null unless redirected
  if (!jc) {
    const devnull = openFile("/dev/null", O_RDONLY | O_CLOEXEC);
    if (tracing) emit({ kind: "open", path: "/dev/null", flags: O_RDONLY, fd: devnull < 0 ? -1 : devnull, errno: devnull < 0 ? -devnull : undefined });
    if (devnull >= 0) st.fds.set(0, new OsFd(devnull, false, "/dev/null"));
  }
  let pids: number[] | undefined;
  try {
    if (ao.rest.length === 0 && !ao.first.bang && ao.first.time === undefined) {
      pids = yield* spawnBackgroundPipeline(st, ao, jc);
    }
    if (pids === undefined) {
      const r = reexec(st, ao, jc);
      if (typeof r === "number") pids = [r];
      else {
        sh.lastStatus = r.status;
        return r.status;
      }
    }
  } finally {
    st.fds.dispose();
  }
  const job = sh.jobs.add(jc ? pids[0] : 0, pids, text, jc);
  sh.lastBgPid = pids[pids.length - 1];
  if (sh.interactive && jc) sh.writeErr(`[${job.id}] ${pids[pids.length - 1]}\n`);
  sh.lastStatus = 0;
  return 0;
}

/**
 * A background pipeline: one process per stage, as bash forks one per stage. A stage that is an
 * external command is spawned directly (its words expanded in its own clone first, as bash does
 * in the child, unless they contain command or process substitutions); any other stage (builtin,
 * function, compound command) runs in its own re-executed ipsh. So $! is the last stage's pid.
 */
function* spawnBackgroundPipeline(st: Shell, ao: AndOr, jc: boolean): Gen<number[] | undefined> {
  const cmds = ao.first.commands;
  const pids: number[] = [];
  let pgid = 0;
  let prevRead: OsFd | undefined;
  for (let i = 0; i < cmds.length; i++) {
    const c = cmds[i];
    const stage = st.cloneForSubshell();
    try {
      if (i < cmds.length - 1) {
        const p = pipe();
        if (typeof p === "number") break;
        if (tracing) emit({ kind: "pipe", read: p[0], write: p[1] });
        const w = new OsFd(p[1], false, "pipe");
        stage.fds.set(1, w);
        if (ao.first.pipeStderr[i]) stage.fds.set(2, w);
        if (prevRead) stage.fds.set(0, prevRead);
        prevRead = new OsFd(p[0], false, "pipe");
      } else if (prevRead) stage.fds.set(0, prevRead);
      const r = yield* startStage(stage, c, jc, pgid);
      if (typeof r === "number") {
        if (jc && pgid === 0) pgid = r;
        pids.push(r);
      }
    } finally {
      stage.fds.dispose();
    }
  }
  return pids.length ? pids : undefined;
}

/**
 * Start one asynchronous command with the descriptors of `stage` (a stage of a background
 * pipeline, a coprocess): an external simple command is spawned directly, anything else (and a
 * command that is not found, whose error the job itself reports, as bash's child does) runs in a
 * re-executed ipsh.
 */
export function* startStage(stage: Shell, c: Command, jc: boolean, pgid: number): Gen<number | { status: number }> {
  const opts = { pgroup: jc ? pgid : undefined, ignoreInt: !jc };
  if (c.kind === "SimpleCommand" && c.words.length > 0 && !c.words.some(hasSubstitution)) {
    const argv = yield* expandArgs(stage, c.words);
    // `PATH=dir cmd &` is searched in that PATH: the re-executed shell's simple command does it
    if (argv.length > 0 && isExternalName(stage, argv[0]) && !c.assigns.some((a) => a.name === "PATH")) {
      const path = locate(stage, argv[0]);
      if (path === undefined) return reexecStage(stage, c, jc, pgid);
      // set -x: bash's child traces the command before it opens its redirections
      if (stage.opts.xtrace) xtraceWords(stage, argv);
      // the blocking open of a FIFO belongs to the job, not to the shell: such a stage opens its
      // redirections in its own (re-executed) process, as bash's forked child does
      if (c.redirects.length && (yield* redirectsMayBlock(stage, c.redirects))) return reexecStage(stage, c, jc, pgid);
      const frame = c.redirects.length ? yield* openRedirects(stage, stage.fds, c.redirects) : stage.fds;
      if (!frame) return { status: 1 };
      const env = c.assigns.length ? yield* assignmentsToEnv(stage, c.assigns) : stage.environ();
      const saved = stage.fds;
      stage.fds = frame;
      try {
        return startProcess(stage, path, argv, env, opts);
      } finally {
        stage.fds = saved;
        if (frame !== saved) frame.dispose();
      }
    }
  }
  return reexecStage(stage, c, jc, pgid);
}

/** The program `name` runs, without reporting a failure (the job reports it). */
function locate(sh: Shell, name: string): string | undefined {
  const hashed = name.includes("/") ? undefined : sh.hash.get(name);
  if (hashed !== undefined) return hashed;
  const r = resolveCommand(name, sh.vars.get("PATH"), sh.cwd);
  return typeof r === "string" ? r : undefined;
}

function reexecStage(stage: Shell, c: Command, jc: boolean, pgid: number): number | { status: number } {
  const one: AndOr = { kind: "AndOr", first: { kind: "Pipeline", bang: false, commands: [c], pipeStderr: [], span: c.span }, rest: [], span: c.span };
  return reexec(stage, one, jc, pgid);
}

/** Operators whose target is a file opened read-only or write-only (O_RDWR never blocks). */
const FILE_OPS: ReadonlySet<Redirect["op"]> = new Set(["<", ">", ">|", ">>", "&>", "&>>", ">&"]);

/**
 * Whether opening these redirections could block: a target that is a FIFO now, or one that
 * cannot be known without running a command substitution (conservatively yes, since expanding
 * it here and again in the job would run it twice). Other targets are expanded in a throwaway
 * clone, so that side effects of the expansion ($((n++)), ${v:=x}) happen once, when the
 * redirections are really opened.
 */
function* redirectsMayBlock(stage: Shell, redirects: Redirect[]): Gen<boolean> {
  let scratch: Shell | undefined;
  try {
    for (const r of redirects) {
      if (!FILE_OPS.has(r.op)) continue;
      let word = r.target.literal;
      if (word === undefined) {
        if (hasSubstitution(r.target)) return true;
        scratch ??= stage.cloneForSubshell();
        const fields = yield* expandWords(scratch.host, [r.target]);
        if (fields.length !== 1) continue; // an ambiguous redirect fails without opening anything
        word = fields[0];
      }
      if (word !== "" && isFifo(absPath(stage, word))) return true;
    }
    return false;
  } finally {
    scratch?.fds.dispose();
  }
}

function hasSubstitution(w: Word): boolean {
  return w.literal === undefined && partsHaveSubst(w.parts);
}
function partsHaveSubst(parts: WordPart[]): boolean {
  for (const p of parts) {
    if (p.kind === "CmdSub" || p.kind === "ProcSub") return true;
    if (p.kind === "DblQuoted" && partsHaveSubst(p.parts)) return true;
    if (p.kind === "ArithSub" && partsHaveSubst(p.expr.parts)) return true;
    if (p.kind === "ParamExp" && p.op && "word" in p.op && p.op.word && partsHaveSubst(p.op.word.parts)) return true;
  }
  return false;
}

/** Run the and-or list in a new ipsh process that starts as a copy of this state. */
function reexec(st: Shell, ao: AndOr, jc: boolean, pgid = 0): number | { status: number } {
  const self = selfCommand();
  const argv = reexecArgv(self, st, printAndOr(ao) + "\n");
  if (tracing) emit({ kind: "inproc", what: "reexec", phase: "start", level: st.subshellLevel });
  // without job control the new shell ignores SIGINT and SIGQUIT itself (--async-list), as a
  // trap '' would: unlike signals ignored at entry, its own traps may still catch them
  if (!jc) argv.splice(self.length, 0, "--async-list");
  return startProcess(st, self[0], argv, st.environ(), { pgroup: jc ? pgid : undefined });
}
