// `explain 'command line'`: what the shell would do, without doing it.
//
// The plan follows the executor's own rules, step by step:
//  - src/exec/pipeline.ts: one pipe2 per `|`, made just before the stage that writes into it;
//    a stage naming an external command is spawned at once (all stages in one process group
//    under job control), its table's pipe ends released right after; builtins, functions and
//    compound commands run afterwards in-process on a clone of the shell state; then the
//    shell waits for the spawned processes.
//  - src/exec/redirect.ts: redirections apply left to right to a copy of the descriptor table
//    (the shell's own descriptors never move), files opened by the shell with O_CLOEXEC
//    (plan-redirect.ts);
//  - src/exec/subshell.ts and procsub.ts: $( ... ) and <( ... ) while the words are expanded.
//  - src/exec/external.ts childActions: the ordered dup2/close actions a child gets from the
//    table. That function is called here on the simulated table, so the actions are the real ones.
// Descriptors are simulated with the executor's reference-counting discipline (sim-fds.ts), so
// the close(2) steps appear where the executor would make them. OS fd numbers of new
// descriptors are predictions (the kernel hands out the lowest free one); pids are letters.
// Words that need expansion ($x, globs) are shown as written; the commands inside $( ... ) and
// <( ... ) are planned where the shell would run them.

import type { AndOr, Command, Coproc, List, Pipeline, SimpleCommand, Word, WordPart } from "../../grammar/ast.ts";
import { parse } from "../../grammar/index.ts";
import type { Shell } from "../shell.ts";
import { childActions, jobControl } from "../exec/external.ts";
import { isExternalName } from "../exec/simple.ts";
import { resolveCommand } from "../exec/spawn.ts";
import { terminal } from "../jobs/terminal.ts";
import { selfCommand } from "../exec/self.ts";
import { getPgrp } from "../sys/proc.ts";
import { formatActions } from "./render.ts";
import { describeFd } from "./fd-kind.ts";
import { listFds } from "./proc.ts";
import { FdAllocator, SimFd, SimTable, type EndKind } from "./sim-fds.ts";
import type { Box, Diagram } from "./diagram.ts";
import { MODE_OF_ACCESS, planRedirects, type PlanContext } from "./plan-redirect.ts";
import { readlinkSync } from "node:fs";

export interface Plan {
  steps: string[];
  diagrams: Diagram[];
  notes: string[];
}


/** Parse `source` and plan it; a syntax error comes back as its message. */
export function planSource(sh: Shell, source: string): Plan | { error: string } {
  const r = parse(source, { extglob: sh.opts.extglob });
  if (r.kind !== "ok") return { error: r.error.message };
  const p = new Planner(sh, source);
  p.list(r.list, p.initialTable());
  return { steps: p.steps, diagrams: p.diagrams, notes: [...p.notes] };
}

class Planner implements PlanContext {
  steps: string[] = [];
  diagrams: Diagram[] = [];
  notes = new Set<string>();
  private depth = 0;
  /** Offset of `source` in the text the spans refer to (a function body's spans are in its
   *  definition's text, FunctionDef.source, which starts at the definition's span). */
  private base = 0;
  /** Functions being planned (a recursive function is planned once). */
  private readonly calling = new Set<string>();
  /** Background processes started so far: what a later `wait` waits for. */
  private background: string[] = [];
  private pidCount = 0;
  private pipeCount = 0;
  readonly alloc: FdAllocator;
  private readonly jc: boolean;
  private readonly shellPgid = getPgrp();
  private readonly onClose = (e: SimFd): void => {
    this.step(`close(${e.os})   the shell's last reference to ${e.label}`);
    this.alloc.free(e.os);
  };

  constructor(
    readonly sh: Shell,
    private source: string,
  ) {
    this.alloc = new FdAllocator((listFds(process.pid) ?? []).map((f) => f.fd));
    this.jc = jobControl(sh);
  }

  step(text: string): void {
    this.steps.push("  ".repeat(this.depth) + text);
  }

  /** The shell's current table, each entry described from what the OS descriptor really is. */
  initialTable(): SimTable {
    const slots: (SimFd | undefined)[] = [];
    for (const fd of this.sh.fds.openFds()) {
      const os = this.sh.fds.os(fd)!;
      slots[fd] = describeInherited(os);
    }
    const t = new SimTable(slots, this.onClose);
    for (const fd of this.sh.fds.openFds()) if (this.sh.fds.closesOnExec(fd)) t.setCloseOnExec(fd);
    return t;
  }

  list(l: List, t: SimTable): void {
    for (const item of l.items) {
      if (item.background) this.backgroundJob(item.andOr, t);
      else this.andOr(item.andOr, t);
    }
  }

  private andOr(ao: AndOr, t: SimTable): void {
    this.pipeline(ao.first, t, false);
    for (const r of ao.rest) {
      this.step(r.op === "&&" ? "&&: what follows runs only if the status so far is 0" : "||: what follows runs only if the status so far is not 0");
      this.pipeline(r.pipeline, t, false);
    }
  }

  private backgroundJob(ao: AndOr, t: SimTable): void {
    const text = this.text(ao.span);
    const st = t.clone();
    this.step(`background job (&): ${text}`);
    this.depth++;
    if (!this.jc) {
      const os = this.alloc.take();
      this.step(`open("/dev/null", O_RDONLY|O_CLOEXEC) = ${os}   without job control a background job's stdin is /dev/null (POSIX)`);
      st.set(0, new SimFd(os, "device", "/dev/null", "r", true));
    }
    const allSimple = ao.rest.length === 0 && !ao.first.bang && ao.first.commands.every((c) => c.kind === "SimpleCommand" && this.externalName(c) !== undefined);
    if (allSimple) {
      if (!this.jc) this.step("SIGINT and SIGQUIT are ignored in its processes (no job control: only the foreground gets Ctrl-C)");
      this.pipeline(ao.first, st, true);
    }
    else {
      const pid = this.newPid();
      this.step(`posix_spawn(${selfCommand()[0]}) = pid ${pid}   ipsh (${selfCommand().join(" ")} ...): a job with in-process parts cannot share this JavaScript thread: ipsh re-executes itself, given the shell state as text, and runs it there`);
      this.background.push(pid);
      this.diagrams.push({ title: text, boxes: [{ title: `pid ${pid}: ${text}`, how: "a new ipsh process (re-executed for the background job)", fds: boxFds(st, true) }], pipes: [] });
    }
    st.dispose();
    this.step("not waited for: the shell prints the job number and goes on ($! is the last pid)");
    this.depth--;
  }

  private pipeline(p: Pipeline, t: SimTable, background: boolean): void {
    if (p.bang) this.step("!: the status will be negated");
    if (p.commands.length === 1 && !background) {
      this.single(p.commands[0]!, t);
      return;
    }
    const n = p.commands.length;
    const diagram: Diagram = { title: this.text(p.span), boxes: [], pipes: [] };
    this.diagrams.push(diagram); // before the diagrams of the commands nested in its stages
    let pgid: string | undefined;
    const waits: { pid: string; text: string }[] = [];
    const inproc: { index: number; st: SimTable; cmd: Command }[] = [];
    let prevRead: SimFd | undefined;
    for (let i = 0; i < n; i++) {
      const cmd = p.commands[i]!;
      let readEnd: SimFd | undefined;
      let writeEnd: SimFd | undefined;
      if (i < n - 1) {
        const k = ++this.pipeCount;
        const r = this.alloc.take();
        const w = this.alloc.take();
        this.step(`pipe2(O_CLOEXEC) = [${r}, ${w}]   pipe #${k}: stage ${i + 1} writes into ${w}, stage ${i + 2} reads from ${r}`);
        readEnd = new SimFd(r, "pipe", `pipe #${k} read end`, "r", true);
        writeEnd = new SimFd(w, "pipe", `pipe #${k} write end`, "w", true);
        diagram.pipes[i] = k;
      }
      const st = t.clone();
      if (prevRead) st.set(0, prevRead);
      if (writeEnd) {
        st.set(1, writeEnd);
        if (p.pipeStderr[i]) st.set(2, writeEnd);
      }
      prevRead = readEnd;
      diagram.boxes.push({ title: "", how: "", fds: [] });
      if (cmd.kind === "Coproc") {
        st.dispose();
        // no pipe joins its box to its neighbours'
        diagram.pipes[i] = 0;
        if (i > 0) diagram.pipes[i - 1] = 0;
        this.step(`stage ${i + 1} is a coproc: the shell itself starts it (its pipes from this pipeline are closed)`);
        this.depth++;
        diagram.boxes[i] = this.coproc(cmd, t);
        this.depth--;
        continue;
      }
      if (cmd.kind === "SimpleCommand" && this.externalName(cmd) !== undefined) {
        const { box, pid } = this.spawnSimple(cmd, st, this.jc ? (pgid ?? 0) : undefined, this.jc && pgid === undefined && !background, undefined, true);
        diagram.boxes[i] = box;
        if (box.fds.length > 0) {
          if (this.jc && pgid === undefined) pgid = pid;
          waits.push({ pid, text: this.text(cmd.span) });
        }
        st.dispose();
        continue;
      }
      // the executor expands every simple stage's words in the spawn loop (startSimpleStage),
      // also those that then run in-process
      if (cmd.kind === "SimpleCommand") this.expansions(cmd, st);
      inproc.push({ index: i, st, cmd });
    }
    if (inproc.length > 1) this.step(`${inproc.length} in-process stages run concurrently as coroutines (blocking reads and writes yield to each other); shown one after the other`);
    for (const s of inproc) {
      const text = this.text(s.cmd.span);
      this.step(`in-process (no fork): stage ${s.index + 1} \`${text}\` runs on a clone of the shell state with its own fd table`);
      this.depth++;
      diagram.boxes[s.index] = this.inProcess(s.cmd, s.st, `in-process stage ${s.index + 1}: ${text}`, true);
      s.st.dispose();
      this.depth--;
    }
    if (background) {
      for (const w of waits) {
        this.step(`pid ${w.pid} (${w.text}) runs in the background`);
        this.background.push(w.pid);
      }
    } else {
      for (const w of waits) this.step(`waitpid(pid ${w.pid})   until \`${w.text}\` ends: its status goes into PIPESTATUS (a writer whose reader has gone dies of SIGPIPE = status 141)`);
      if (this.jc && waits.length > 0) this.step(`tcsetpgrp(${terminal.fd}, ${this.shellPgid})   the shell takes the terminal back`);
      this.step(this.sh.opts.pipefail ? "status: the last non-zero stage status (pipefail)" : "status: the last stage's status");
    }
  }

  /**
   * coproc [NAME] command (src/exec/coproc.ts): two pipes; the command starts asynchronously
   * with their ends as its stdin and stdout (spawned if it is an external command, else in a
   * re-executed ipsh); the shell keeps the other ends as NAME[0] and NAME[1], close-on-exec.
   */
  private coproc(cmd: Coproc, t: SimTable): Box {
    const name = cmd.name === undefined ? "COPROC" : (cmd.name.literal ?? this.text(cmd.name.span));
    const text = this.text(cmd.body.span);
    const k1 = ++this.pipeCount;
    const [r1, w1] = [this.alloc.take(), this.alloc.take()];
    this.step(`pipe2(O_CLOEXEC) = [${r1}, ${w1}]   pipe #${k1}: the coprocess writes into ${w1}, the shell reads from ${r1}`);
    const k2 = ++this.pipeCount;
    const [r2, w2] = [this.alloc.take(), this.alloc.take()];
    this.step(`pipe2(O_CLOEXEC) = [${r2}, ${w2}]   pipe #${k2}: the shell writes into ${w2}, the coprocess reads from ${r2}`);
    const readEnd = new SimFd(r1, "pipe", `pipe #${k1} read end`, "r", true);
    const writeEnd = new SimFd(w2, "pipe", `pipe #${k2} write end`, "w", true);
    const st = t.clone();
    st.set(0, new SimFd(r2, "pipe", `pipe #${k2} read end`, "r", true));
    st.set(1, new SimFd(w1, "pipe", `pipe #${k1} write end`, "w", true));
    let box: Box;
    let pid: string;
    const body = cmd.body;
    if (body.kind === "SimpleCommand" && this.externalName(body) !== undefined) {
      ({ box, pid } = this.spawnSimple(body, st, this.jc ? 0 : undefined, false, undefined, true));
    } else {
      pid = this.newPid();
      this.step(`posix_spawn(${selfCommand()[0]}) = pid ${pid}   not a single external command: ipsh re-executes itself for it (${selfCommand().join(" ")} ...), given the shell state as text`);
      box = { title: `pid ${pid}: coproc ${text}`, how: "a new ipsh process (re-executed for the coprocess)", fds: boxFds(st, true) };
    }
    st.dispose();
    // bash's numbering: the highest free fds below 64, the second and third taken by the
    // coprocess's ends before they were closed
    const taken: number[] = [];
    const high = (): number => {
      let fd = 63;
      while (fd > 3 && (t.entry(fd) !== undefined || taken.includes(fd))) fd--;
      taken.push(fd);
      return fd;
    };
    const rfd = high();
    high();
    high();
    const wfd = high();
    t.set(rfd, readEnd);
    t.set(wfd, writeEnd);
    t.setCloseOnExec(rfd);
    t.setCloseOnExec(wfd);
    this.step(`the shell keeps ${r1} as its fd ${rfd} (${name}[0]) and ${w2} as its fd ${wfd} (${name}[1]), close-on-exec: no command it starts gets them`);
    this.step(`${name}_PID and $! = pid ${pid}; the coprocess is a background job: not waited for`);
    if (pid !== "") this.background.push(pid);
    box.title = `pid ${pid}: coproc ${name} ${text}`;
    return box;
  }

  /** A pipeline of one command: runs in the shell itself (external commands are spawned). */
  private single(cmd: Command, t: SimTable): void {
    const text = this.text(cmd.span);
    const diagram: Diagram = { title: text, boxes: [], pipes: [] };
    if (cmd.kind === "Coproc") {
      this.diagrams.push(diagram);
      diagram.boxes.push(this.coproc(cmd, t));
      return;
    }
    if (cmd.kind === "SimpleCommand" && this.externalName(cmd) !== undefined) {
      this.diagrams.push(diagram);
      const { box } = this.spawnSimple(cmd, t, this.jc ? 0 : undefined, this.jc, (pid) => {
        this.step(`waitpid(pid ${pid})   the shell waits; the status becomes $?`);
        if (this.jc) this.step(`tcsetpgrp(${terminal.fd}, ${this.shellPgid})   the shell takes the terminal back`);
      });
      diagram.boxes.push(box);
      return;
    }
    // a builtin inside a compound command or function gets no box of its own: the box of the
    // compound command (or stage) around it shows the same descriptors
    if (this.depth === 0 || cmd.kind !== "SimpleCommand") this.diagrams.push(diagram);
    diagram.boxes.push(this.inProcess(cmd, t, cmd.kind === "Subshell" ? `subshell: ${text}` : `the shell itself: ${text}`));
  }

  /** The name of a simple command that would be spawned, or undefined (in-process or unknown). */
  private externalName(cmd: Command): string | undefined {
    if (cmd.kind !== "SimpleCommand" || cmd.words.length === 0) return undefined;
    const name = cmd.words[0]!.literal;
    if (name === undefined) return undefined;
    return isExternalName(this.sh, name) ? name : undefined;
  }

  /** Spawn a simple command with its redirection frame; `whileFrame` runs before the frame is
   *  released (a lone command keeps its frame until it has been waited for; a pipeline stage
   *  releases it right after the spawn). */
  private spawnSimple(cmd: SimpleCommand, t: SimTable, pgroup: string | 0 | undefined, foreground: boolean, whileFrame?: (pid: string) => void, stage = false): { box: Box; pid: string } {
    const text = this.text(cmd.span);
    const name = cmd.words[0]!.literal!;
    this.noteWords(cmd.words);
    const procFds = this.expansions(cmd, t);
    const resolved = this.sh.hash.get(name) ?? resolveCommand(name, this.sh.vars.get("PATH"), this.sh.cwd);
    // a lone command closes its process substitutions' fds when it is done (simple.ts); a
    // pipeline stage's stay in the stage's table until the stage's table is released
    const release = (): void => {
      if (!stage) for (const fd of procFds) t.set(fd, undefined);
    };
    if (typeof resolved !== "string") {
      this.step(`${name}: ${resolved.message}: nothing is spawned, status ${resolved.status}`);
      release();
      return { box: { title: `${text}`, how: `${resolved.message} (status ${resolved.status})`, fds: [] }, pid: "" };
    }
    const frame = planRedirects(this, cmd.redirects, t);
    if (frame === undefined) {
      release();
      return { box: { title: text, how: "a redirection fails: the command does not run (status 1)", fds: [] }, pid: "" };
    }
    // pids are lettered in spawn order: after the processes its expansions started
    const pid = this.newPid();
    const { actions, closeFrom } = childActions({ fds: frame, cwd: this.sh.cwd } as unknown as Shell);
    const tty = foreground && terminal.fd >= 0 ? terminal.fd : undefined;
    const group = pgroup === undefined ? `pgid ${this.shellPgid} (the shell's group)` : pgroup === 0 ? `pgid ${pid} (new group)` : `pgid ${pgroup} (joins the job's group)`;
    this.step(`posix_spawn(${resolved}) = pid ${pid}  ${group}  actions: ${formatActions(actions, closeFrom, tty)}`);
    this.step(`  execve(${JSON.stringify(resolved)}, [${cmd.words.map((w) => JSON.stringify(w.literal ?? this.text(w.span))).join(", ")}])   in child ${pid}`);
    const box: Box = { title: `pid ${pid}: ${text}`, how: `${resolved}, spawned (posix_spawn, then execve)`, fds: boxFds(frame, true) };
    whileFrame?.(pid);
    frame.dispose();
    release();
    return { box, pid };
  }

  /** A command that runs in-process (in the shell, or in the clone `t` belongs to). */
  private inProcess(cmd: Command, t: SimTable, title: string, expanded = false): Box {
    this.noteCommand(cmd);
    const procFds = cmd.kind === "SimpleCommand" && !expanded ? this.expansions(cmd, t) : [];
    try {
      return this.inProcessExpanded(cmd, t, title);
    } finally {
      for (const fd of procFds) t.set(fd, undefined);
    }
  }

  private inProcessExpanded(cmd: Command, t: SimTable, title: string): Box {
    const frame = planRedirects(this, "redirects" in cmd ? cmd.redirects : [], t);
    if (frame === undefined) return { title, how: "a redirection fails: the command does not run (status 1)", fds: [] };
    let how: string;
    switch (cmd.kind) {
      case "SimpleCommand": {
        const name = cmd.words[0]?.literal;
        if (cmd.words.length === 0) how = "assignments only: done by the shell itself";
        else if (name === undefined) how = `command name known only after expansion (${this.text(cmd.words[0]!.span)})`;
        else if (this.sh.functions.has(name)) how = `function ${name}: runs in-process (no fork)`;
        else how = `builtin ${name}: runs in-process (no fork), writing through the fd table`;
        if (name === "exec" && cmd.words.length === 1) {
          how = "exec with only redirections: the result becomes the shell's own table from now on";
          this.step(`${this.text(cmd.span)}: ${how} (nothing is closed)`);
          const box: Box = { title, how, fds: boxFds(frame) };
          t.adopt(frame);
          return box;
        }
        if (name === "exec") {
          how = "exec: the shell process itself becomes the command (no new process)";
          this.step(`${this.text(cmd.span)}: ${how}: each fd of its table is dup2'd onto its number without close-on-exec, then execve in the shell's own pid; nothing after it runs`);
          break;
        }
        this.step(`${this.text(cmd.span)}: ${how}`);
        if (name === "wait" && cmd.words.length === 1 && !this.sh.functions.has(name)) {
          for (const pid of this.background) this.step(`  waitpid(pid ${pid})   wait without operands waits for every background job`);
          this.background = [];
        }
        if (name !== undefined && this.sh.functions.has(name) && !isExternalName(this.sh, name)) this.functionBody(name, frame);
        break;
      }
      case "FunctionDef":
        how = `defines function ${cmd.name}: nothing runs now (its body is planned where it is called)`;
        this.step(how);
        break;
      case "Subshell":
        how = "( ... ) subshell: in-process (no fork), on a clone of the shell state";
        this.step(how);
        this.body(cmd.body, frame, true);
        break;
      case "BraceGroup":
        how = "{ ... } group: runs in the shell itself";
        this.step(how);
        this.body(cmd.body, frame, false);
        break;
      default:
        how = `${cmd.kind} compound command: runs in the shell itself; the commands inside are planned as if reached`;
        this.step(how);
        for (const l of nestedLists(cmd)) this.body(l, frame, false);
    }
    const box: Box = { title, how, fds: boxFds(frame) };
    frame.dispose();
    return box;
  }

  /** A function's body, planned where it is called (its spans are in its own source text). */
  private functionBody(name: string, t: SimTable): void {
    const fn = this.sh.functions.get(name)!;
    if (fn.source === undefined || this.calling.has(name)) return;
    const saved = [this.source, this.base] as const;
    this.source = fn.source;
    this.base = fn.span.start;
    this.calling.add(name);
    this.depth++;
    try {
      this.single(fn.body, t);
    } finally {
      this.depth--;
      this.calling.delete(name);
      [this.source, this.base] = saved;
    }
  }

  private body(l: List, t: SimTable, clone: boolean): void {
    this.depth++;
    const st = clone ? t.clone() : t;
    this.list(l, st);
    if (clone) st.dispose();
    this.depth--;
  }

  /**
   * The work done while a simple command's words are expanded, left to right (before its
   * redirections, as the executor does): each $( ... ) runs in-process with its fd 1 on a memfd
   * (src/exec/subshell.ts commandSubst); each <( ... ) / >( ... ) gets a pipe and a process, and
   * the shell keeps its end as fd 63, 62, ... until the command ends (src/exec/procsub.ts).
   * Returns the shell fds of process substitutions, to release when the command is done.
   */
  private expansions(cmd: SimpleCommand, t: SimTable): number[] {
    const procFds: number[] = [];
    const visit = (parts: readonly WordPart[]): void => {
      for (const p of parts) {
        if (p.kind === "DblQuoted") visit(p.parts);
        else if (p.kind === "CmdSub") this.commandSubst(p.body, p.span, t);
        else if (p.kind === "ProcSub") procFds.push(this.processSubst(p.op, p.body, p.span, t));
      }
    };
    for (const a of cmd.assigns) if (a.value) visit(a.value.parts);
    for (const w of cmd.words) visit(w.parts);
    return procFds;
  }

  private commandSubst(body: List, span: { start: number; end: number } | undefined, t: SimTable): void {
    const os = this.alloc.take();
    const text = span ? this.text(span) : "$( ... )";
    this.step(`memfd_create("command substitution") = ${os}   ${text}: its output is collected in an in-memory file`);
    const out = new SimFd(os, "memfd", `command substitution (memfd ${os})`, "w", true);
    out.refs++; // held until read back
    const st = t.clone();
    st.set(1, out);
    this.step(`in-process (no fork): ${text} runs on a clone of the shell state, fd 1 -> memfd ${os}`);
    this.depth++;
    this.list(body, st);
    st.dispose();
    this.depth--;
    this.step(`the shell reads memfd ${os} back: the output (trailing newlines removed) replaces ${text}`);
    if (--out.refs <= 0) this.onClose(out);
  }

  private processSubst(op: "<" | ">", body: List, span: { start: number; end: number } | undefined, t: SimTable): number {
    const r = this.alloc.take();
    const w = this.alloc.take();
    const text = span ? this.text(span) : `${op}( ... )`;
    this.step(`pipe2(O_CLOEXEC) = [${r}, ${w}]   ${text}: process substitution`);
    const mine = new SimFd(op === "<" ? r : w, "pipe", `${text} pipe ${op === "<" ? "read" : "write"} end`, op === "<" ? "r" : "w", true);
    const theirs = new SimFd(op === "<" ? w : r, "pipe", `${text} pipe ${op === "<" ? "write" : "read"} end`, op === "<" ? "w" : "r", true);
    const st = t.clone();
    st.set(op === "<" ? 1 : 0, theirs);
    this.depth++;
    const single = body.items.length === 1 && !body.items[0]!.background && body.items[0]!.andOr.rest.length === 0 && body.items[0]!.andOr.first.commands.length === 1 ? body.items[0]!.andOr.first.commands[0]! : undefined;
    if (single && single.kind === "SimpleCommand" && this.externalName(single) !== undefined && single.redirects.length === 0 && single.assigns.length === 0) {
      this.spawnSimple(single, st, undefined, false);
    } else {
      this.step(`posix_spawn(${selfCommand()[0]}) = pid ${this.newPid()}   not a single external command: ipsh re-executes itself for it (${selfCommand().join(" ")} ...), given the shell state as text`);
    }
    this.depth--;
    st.dispose();
    let n = 63;
    while (t.entry(n)) n--;
    t.set(n, mine);
    this.step(`${text} becomes the word /dev/fd/${n}: shell fd ${n} -> ${mine.label} until the command ends (not waited for)`);
    return n;
  }

  private noteWords(words: readonly Word[]): void {
    for (const w of words) {
      if (w.literal !== undefined) continue;
      if (!onlySubst(w.parts)) this.notes.add("Words that need expansion are shown unexpanded.");
    }
  }

  private noteCommand(cmd: Command): void {
    if (cmd.kind === "SimpleCommand") this.noteWords(cmd.words);
  }

  private newPid(): string {
    const n = this.pidCount++;
    return n < 26 ? String.fromCharCode(65 + n) : `P${n + 1}`;
  }

  text(span: { start: number; end: number }): string {
    return this.source.slice(span.start - this.base, span.end - this.base).trim();
  }
}


/** True when a word's only expansions are $( ... ) / <( ... ), which the plan follows. */
function onlySubst(parts: readonly WordPart[]): boolean {
  for (const p of parts) {
    if (p.kind === "DblQuoted") {
      if (!onlySubst(p.parts)) return false;
    } else if (p.kind !== "CmdSub" && p.kind !== "ProcSub" && p.kind !== "Lit" && p.kind !== "SglQuoted" && p.kind !== "Escaped" && p.kind !== "AnsiCQuoted") return false;
    else if (p.kind === "Lit" && /[*?[]/.test(p.value)) return false;
  }
  return true;
}

/** The command lists directly inside a compound command (conditions and bodies). */
function nestedLists(cmd: Command): List[] {
  const out: List[] = [];
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    const o = v as { kind?: string };
    if (o.kind === "List") {
      out.push(o as List);
      return;
    }
    if (o.kind === undefined) for (const x of Object.values(o)) visit(x);
  };
  for (const [k, v] of Object.entries(cmd)) if (k !== "redirects" && k !== "span") visit(v);
  return out;
}

/** What the shell's inherited OS descriptor `os` really is, read from /proc/self. */
function describeInherited(os: number): SimFd {
  let target = "";
  try {
    target = readlinkSync(`/proc/self/fd/${os}`);
  } catch {
    return new SimFd(os, "other", `OS fd ${os}`, "rw", false);
  }
  const d = describeFd(process.pid, os, target);
  const mode = MODE_OF_ACCESS[d.rawFlags & 3]!;
  const label =
    d.kind === "terminal" ? `terminal ${target}`
    : d.kind === "pipe" ? `pipe ${target} (from the shell's parent)`
    : d.kind === "fifo" ? `FIFO ${target}`
    : d.kind === "file" ? `file ${target}`
    : d.kind === "device" ? `device ${target}`
    : d.kind === "memfd" ? `in-memory file ${target}`
    : d.kind === "socket" ? `socket ${target}`
    : target;
  const kind: EndKind = d.kind === "directory" || d.kind === "anon_inode" ? "other" : d.kind;
  return new SimFd(os, kind, label, mode, false);
}

/** A box's descriptors: a process's (`child`: what it inherits) or the shell's own. */
function boxFds(t: SimTable, child = false): Box["fds"] {
  return (child ? t.inheritableFds() : t.openFds()).map((fd) => {
    const e = t.entry(fd)!;
    return { fd, mode: e.mode, label: e.label };
  });
}
