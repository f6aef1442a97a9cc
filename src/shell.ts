// The state of one shell: the main shell, or a subshell clone ((...), $(...), an in-process
// pipeline stage). Everything the executor, expansion and builtins share lives here; behaviour
// lives in src/exec (commands), src/expand (words) and builtins/.
//
// A subshell never forks the process: it is a clone of this object (cloneForSubshell) with its
// own variables, functions, options, traps, logical cwd, umask and descriptor table. Nothing it
// changes leaks back.

import { withExportedFunctions } from "./state/function-env.ts";
import { noteProcessCwd } from "./exec/process-cwd.ts";
import { processDispositions } from "./signals/process-dispositions.ts";
import type { CallFrame } from "./state/call-frames.ts";
import type { Command, FunctionDef, List } from "../grammar/ast.ts";
import type { BuiltinDef } from "../builtins/context.ts";
import { ExpansionError } from "./expand/host.ts";
import { Variables } from "./state/variables.ts";
import { Options } from "./state/options.ts";
import { FdTable } from "./exec/fd-table.ts";
import type { Gen } from "./exec/gen.ts";
import { TrapTable } from "./signals/traps.ts";
import { JobTable } from "./jobs/job-table.ts";
import { writeAll } from "./sys/fd.ts";
import { homeOf } from "./sys/users.ts";
import { ShellExpandHost } from "./expand/shell-host.ts";
import type { DynamicVars } from "./state/dynamic-vars.ts";
import { installStateVars } from "./state-vars.ts";
import { HOT_LOOP_ITERATIONS, jitForHotCode } from "./sys/jit-policy.ts";
import { CompSpecTable, type CompSpec } from "./complete/spec.ts";

let loopTicks = 0;
let lastYield = 0;

/** How the shell reads its commands: decides error message prefixes ("line N:") and $-. */
export type InputMode = "c" | "file" | "stdin" | "interactive";

export class Shell {
  vars: Variables;
  opts: Options;
  positional: string[] = [];
  arg0 = "ipsh";
  functions = new Map<string, FunctionDef>();
  aliases = new Map<string, string>();
  hash = new Map<string, string>();
  /** hits per hashed command, for `hash` output */
  hashHits = new Map<string, number>();
  cwd: string;
  umask = 0o022;
  lastStatus = 0;
  lastBgPid = 0;
  /** $$: the main shell's pid, also in subshells */
  pid = process.pid;
  interactive = false;
  loginShell = false;
  inputMode: InputMode = "c";
  /** Name used in error messages: the script path, or $0 for -c, or "ipsh". */
  scriptName = "ipsh";
  subshellLevel = 0;
  dirStack: string[] = [];
  builtins: Map<string, BuiltinDef>;
  fds: FdTable;
  traps: TrapTable;
  jobs: JobTable;
  /** Programmable completion specifications (`complete`, src/complete/spec.ts). */
  compSpecs = new CompSpecTable();
  /** The spec whose -F function is running for the line editor (what `compopt` without names
   *  changes), and the name it was found under. */
  compCurrent: { name: string; spec: CompSpec } | undefined = undefined;
  /** The coprocess this state started or inherited (src/exec/coproc.ts), bash's sh_coproc. */
  coproc: import("./exec/coproc.ts").CoprocState | undefined = undefined;
  /** The history of an interactive shell (src/interactive/history.ts). */
  history: unknown = undefined;
  /** Key bindings and readline variables (`bind`, inputrc; src/interactive/shell-bindings.ts),
   *  made when first used. */
  bindings: unknown = undefined;

  // --- execution context -------------------------------------------------------------------
  /** Current line (LINENO) */
  lineno = 0;
  /** Offset added to parsed line numbers (eval/source/functions keep their own base) */
  lineBase = 0;
  /** Function call stack (FUNCNAME[0] first) */
  funcStack: string[] = [];
  /** Source file stack (BASH_SOURCE) */
  sourceStack: string[] = [];
  /** Function calls and `source`s, innermost last (FUNCNAME, BASH_SOURCE, BASH_LINENO) */
  frames: CallFrame[] = [];
  /** Loop nesting, for break/continue validity */
  loopDepth = 0;
  /** >0 while running a condition (if/while test, && || left side, !): set -e does not apply */
  errexitSuppressed = 0;
  /** True in an in-process stage that runs concurrently with others: blocking operations yield. */
  async = false;
  /** Output of builtins waiting to be flushed in an async state: [os fd, bytes] */
  outQueue: [number, Uint8Array][] = [];
  /** The command being executed, for $BASH_COMMAND (set as each simple command, [[ ]], (( )),
   *  for, select or case starts; not while a trap action runs: commandFrozen > 0). */
  currentCommand: Command | undefined = undefined;
  commandFrozen = 0;
  /** A foreground command's death by a signal, reported once its redirections are undone
   *  (src/jobs/foreground.ts reportDeath; > 0 while a simple command's frame is in effect). */
  deferDeathReports = 0;
  deathReport: string | undefined = undefined;
  /** PIPESTATUS of the last foreground pipeline; empty until the first command (unset then). */
  pipeStatus: number[] = [];
  /** Start time for SECONDS and printf %(...)T -2 */
  readonly startTime = Date.now();
  /** Set while a trap action runs (no re-entry, $? restored afterwards) */
  inTrap = false;
  /** An in-process pipeline stage (for the teaching trace) */
  isStage = false;
  /** A subshell clone (cd does not move the process; exit ends only the clone). */
  isSubshell = false;
  /** Builtins turned off with `enable -n` */
  disabledBuiltins = new Set<string>();
  /** Status of the last command substitution (the status of an assignment-only command) */
  cmdSubStatus = 0;
  /** Running inside $(...) */
  inCmdSubst = false;
  /** $_: the last argument of the previous simple command ("" after an assignment-only one) */
  lastArg = "";
  /** A pipeline stage's expanded words, handed from expansion to the in-process run */
  pendingArgv: string[] | undefined = undefined;
  /** `exit` already warned about stopped jobs */
  exitWarned = false;
  /** Nesting of `source` / `.` (return is valid inside) */
  sourceDepth = 0;
  /** Set by `exec` with only redirections: the current command's fd frame becomes the shell's */
  keepRedirections = false;
  /** Compound arguments of a declaration builtin, from expansion to the builtin's context */
  pendingCompound: Map<number, import("../builtins/declare.ts").CompoundElem[]> | undefined = undefined;
  /** RANDOM, SECONDS, ... (re-installed for each subshell: RANDOM is reseeded there, as in bash) */
  dynamicVars: DynamicVars | undefined = undefined;
  /** pid of the last foreground child (for death reports) */
  lastChild = 0;
  /** Shell fds opened by process substitutions during the current command */
  procSubFds: number[] = [];
  /** Some signal has a trap action, or an EXIT trap makes deadly signals caught (foreground
   *  commands then give Bun a turn afterwards, so a signal that came meanwhile is handled) */
  get trapsSet(): boolean {
    // process-wide: a subshell clone's table is reset, but a signal trapped by the parent still
    // has to reach its trap right after the command (see external.ts afterForeground)
    const d = processDispositions();
    for (let sig = 1; sig < 32; sig++) if (d.kernelDisposition(sig) === "catch" && sig !== 17) return true;
    return false;
  }

  constructor(init: { vars: Variables; opts: Options; builtins: Map<string, BuiltinDef>; fds: FdTable; cwd: string }) {
    this.vars = init.vars;
    this.opts = init.opts;
    this.builtins = init.builtins;
    this.fds = init.fds;
    this.cwd = init.cwd;
    this.traps = new TrapTable();
    this.jobs = new JobTable(this);
  }

  private expandHost?: ShellExpandHost;
  /** What word expansion sees of this state. */
  get host(): ShellExpandHost {
    return (this.expandHost ??= new ShellExpandHost(this));
  }

  /** The environment of a command the shell starts: the exported variables, then the exported
   *  functions in bash's BASH_FUNC_name%% form (src/state/function-env.ts). */
  environ(): string[] {
    return withExportedFunctions(this.vars.environ(), this.functions);
  }

  /** A subshell: a deep copy of the state, sharing OS descriptors through the fd table. */
  cloneForSubshell(): Shell {
    const c = Object.create(Shell.prototype) as Shell;
    Object.assign(c, this);
    c.vars = this.vars.clone() as Variables;
    c.opts = this.opts.clone();
    c.positional = this.positional.slice();
    c.functions = new Map(this.functions);
    c.aliases = new Map(this.aliases);
    c.hash = new Map(this.hash);
    c.hashHits = new Map(this.hashHits);
    c.dirStack = this.dirStack.slice();
    c.compSpecs = this.compSpecs.clone();
    c.funcStack = this.funcStack.slice();
    c.sourceStack = this.sourceStack.slice();
    c.frames = this.frames.slice();
    c.fds = this.fds.clone();
    c.traps = this.traps.cloneForSubshell(this.opts.errtrace, this.opts.functrace);
    c.jobs = this.jobs.cloneForSubshell(c);
    // a subshell follows the coprocess's ends in its own copy; it is not the subshell's child
    if (this.coproc !== undefined) c.coproc = { ...this.coproc, inherited: true };
    c.subshellLevel = this.subshellLevel + 1;
    c.isSubshell = true;
    c.expandHost = undefined;
    installStateVars(c);
    if (this.dynamicVars) c.dynamicVars = this.dynamicVars.forSubshell(c.vars);
    c.loopDepth = 0;
    c.pipeStatus = this.pipeStatus.slice();
    c.outQueue = [];
    return c;
  }

  setCwd(abs: string): void {
    this.cwd = abs;
    if (!this.isSubshell) {
      try {
        process.chdir(abs);
        noteProcessCwd(abs);
      } catch {
        /* the logical cwd is what matters; children get it through a chdir action */
      }
    }
  }

  /** PIPESTATUS after a pipeline. */
  setPipeStatus(statuses: number[]): void {
    this.pipeStatus = statuses;
    this.vars.setArray("PIPESTATUS", statuses.map(String));
  }
  /** PIPESTATUS after a single command: the array is only rebuilt when it changes. */
  setPipeStatus1(status: number): void {
    const ps = this.pipeStatus;
    if (ps.length === 1 && ps[0] === status) return;
    this.pipeStatus = [status];
    this.vars.setArray("PIPESTATUS", [String(status)]);
  }

  /** Loops call this each iteration: true every ~20 ms, to let the event loop deliver signals. */
  yieldDue(): boolean {
    if ((++loopTicks & 63) !== 0) return false;
    if (loopTicks === HOT_LOOP_ITERATIONS) jitForHotCode();
    return performance.now() - lastYield > 20;
  }
  markYielded(): void {
    lastYield = performance.now();
  }

  /** The error prefix for a given line (syntax errors report the line of the error). */
  errorPrefixAt(line: number): string {
    if (this.inputMode === "interactive") return `${this.scriptName}: `;
    return `${this.scriptName}: line ${line}: `;
  }

  /** "ipsh: " interactively, "script: line N: " otherwise (bash's error prefix). */
  errorPrefix(): string {
    if (this.inputMode === "interactive") return `${this.scriptName}: `;
    return `${this.scriptName}: line ${this.lineno}: `;
  }

  /** Print a diagnostic with the shell's prefix to the shell's fd 2. */
  diag(message: string): void {
    this.writeErr(`${this.errorPrefix()}${message}\n`);
  }

  writeErr(text: string): void {
    const fd = this.fds.os(2);
    if (fd !== undefined) writeAll(fd, text);
  }

  /** Report an expansion error and abandon the command (ExpandHost.fail). */
  fail(message: string, fatal = true, cStatus = 127): never {
    this.diag(message);
    throw new ExpansionError(message, 1, fatal, cStatus);
  }

  // Implemented by the executor (src/exec/shell-exec.ts installs these on the prototype, so the
  // state file does not import the executor):
  declare runString: (source: string, name: string, resetLine?: boolean) => Gen<number>;
  declare runList: (list: List) => Gen<number>;
  declare commandSubst: (body: List) => Gen<string>;
  declare processSubst: (op: "<" | ">", body: List) => Gen<string>;
  declare findInPath: (name: string) => string | undefined;
  declare lookupCommand: (name: string) => { kind: "alias" | "keyword" | "function" | "builtin" | "file"; path?: string } | undefined;

  userHome(user: string): string | undefined {
    return homeOf(user);
  }
}
