// The interactive read-eval loop: start-up files, the prompt (PS1/PS2 with bash's escapes and
// parameter expansion), the line editor, history expansion and history, accumulating lines until
// the parser has a complete command, running it, and reporting job changes before each prompt.
//
// Job control (set -m, on by default here): the shell puts itself in its own process group,
// takes the terminal, and ignores SIGTSTP, SIGTTIN and SIGTTOU; foreground jobs get their own
// group and the terminal (src/exec/external.ts). SIGINT at the prompt cancels the line (the
// editor sees ^C in raw mode); during an in-process command it interrupts it at the next safe
// point.

import { LineInput } from "./run.ts";
import { isTty } from "./sys/fd.ts";
import { existsSync, readFileSync } from "node:fs";
import type { Shell } from "./shell.ts";
import type { ShellConfig } from "./startup.ts";
import { parse, formatSyntaxError } from "../grammar/index.ts";
import type { Word } from "../grammar/ast.ts";
import { runTop, reapAndNotify, ShellExit, finish } from "./run.ts";
import { parseOptions } from "./exec/shell-exec.ts";
import { terminal } from "./jobs/terminal.ts";
import { hangUpJobs } from "../builtins/jobs.ts";
import { beginCommandLine, jobStoppedInCommand, setInteractiveShell } from "./jobs/foreground.ts";
import { processDispositions } from "./signals/process-dispositions.ts";
import { LineEditor } from "./interactive/line-editor.ts";
import { shellBindings } from "./interactive/shell-bindings.ts";
import { loadInitFile, runBoundCommand } from "./editor-bindings.ts";
import { jitForHotCode } from "./sys/jit-policy.ts";
import { History } from "./interactive/history.ts";
import { historyExpand, expandStateFor } from "./interactive/history-expand.ts";
import { decodePrompt } from "./interactive/prompt.ts";
import { complete } from "./interactive/completion.ts";
import { programmableCompletion } from "./complete/editor.ts";
import { KEYWORDS } from "./exec/shell-exec.ts";
import { expandHeredoc } from "./expand/index.ts";
import { runGen } from "./exec/gen.ts";
import { windowSize } from "./sys/termios.ts";
import { getEuid } from "./sys/proc.ts";
import { requestInterrupt } from "./exec/interrupt.ts";

const SIGINT = 2;
const SIGWINCH = 28;
const SIGCHLD = 17;
const SIGHUP = 1;

/** Run a start-up file if it exists (errors in it are reported, not fatal). */
async function sourceFile(sh: Shell, path: string): Promise<void> {
  if (!existsSync(path)) return;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return;
  }
  const saved = sh.scriptName;
  try {
    const r = runGen(sh.runString(text, path));
    if (typeof r !== "number") await r;
  } catch (e) {
    if (e instanceof ShellExit) throw e;
  } finally {
    sh.scriptName = saved;
  }
}

async function startupFiles(sh: Shell, cfg: ShellConfig): Promise<void> {
  const home = sh.vars.get("HOME") ?? "";
  if (sh.loginShell && !cfg.noProfile) {
    await sourceFile(sh, "/etc/profile");
    for (const f of [`${home}/.ipsh_profile`, `${home}/.profile`]) {
      if (existsSync(f)) {
        await sourceFile(sh, f);
        break;
      }
    }
  }
  if (!cfg.noRc) {
    if (sh.opts.posix) {
      const env = sh.vars.get("ENV");
      if (env) await sourceFile(sh, env);
    } else await sourceFile(sh, cfg.rcFile ?? `${home}/.ipshrc`);
  }
}

/** PS1/PS2: bash's backslash escapes, then parameter and command expansion (promptvars). */
function* promptText(sh: Shell, name: "PS1" | "PS2", commandNumber: number): Generator<Promise<unknown>, string, unknown> {
  const ps = sh.vars.get(name) ?? "";
  const hist = sh.history as History;
  let text = decodePrompt(ps, {
    user: sh.vars.get("USER") ?? process.env.USER ?? "root",
    host: sh.vars.get("HOSTNAME") ?? "localhost",
    cwd: sh.vars.get("PWD") ?? sh.cwd,
    home: sh.vars.get("HOME"),
    jobs: sh.jobs.jobs.length,
    historyNumber: hist?.nextNumber ?? 1,
    commandNumber,
    euid: getEuid(),
    shellName: "ipsh",
    version: "0.1",
    release: "0.1.0",
    promptvars: sh.opts.promptvars,
  });
  if (sh.opts.promptvars && /[$`]/.test(text)) {
    // expand like a here-document body: only $, ` and \ are special
    const delim = "__IPSH_PROMPT_END__";
    const r = parse(`: <<${delim}\n${text}\n${delim}\n`);
    if (r.kind === "ok") {
      const cmd = r.list.items[0]?.andOr.first.commands[0];
      const body: Word | undefined = cmd && cmd.kind === "SimpleCommand" ? cmd.redirects[0]?.heredoc?.body : undefined;
      if (body) {
        try {
          text = (yield* expandHeredoc(sh.host, body)).replace(/\n$/, "");
        } catch {
          /* keep the unexpanded prompt */
        }
      }
    }
  }
  return text;
}

export async function runInteractive(sh: Shell, cfg: ShellConfig): Promise<number> {
  jitForHotCode(); // an interactive shell lives long: the normal JIT policy (src/sys/jit-policy.ts)
  setInteractiveShell(sh);
  const d = processDispositions();
  if (sh.opts.monitor) {
    if (terminal.acquire()) d.setJobControl(true);
    else {
      // -i without a terminal (bash says the same)
      sh.opts.monitor = false;
      sh.writeErr(`${sh.scriptName}: no job control in this shell\n`);
    }
  }
  d.onSignal(SIGINT, () => requestInterrupt());
  const updateSize = () => {
    const ws = windowSize(terminal.fd >= 0 ? terminal.fd : 2);
    if (typeof ws !== "number") {
      sh.vars.set("COLUMNS", String(ws.cols));
      sh.vars.set("LINES", String(ws.rows));
    }
  };
  d.onSignal(SIGWINCH, updateSize);
  // The terminal hung up: pass SIGHUP on to every job (running ones too), then leave with
  // 128+1 through the exit sequence (EXIT trap). A user's HUP trap replaces all of this.
  d.onSignal(SIGHUP, () => {
    if (sh.traps.hasAction(SIGHUP)) return;
    hangUpJobs(sh, true);
    void finish(sh, 128 + SIGHUP);
  });
  updateSize();

  if (sh.vars.get("HISTFILE") === undefined) sh.vars.set("HISTFILE", `${sh.vars.get("HOME") ?? "/tmp"}/.ipsh_history`);
  if (sh.vars.get("HISTSIZE") === undefined) sh.vars.set("HISTSIZE", "500");
  if (sh.vars.get("HISTFILESIZE") === undefined) sh.vars.set("HISTFILESIZE", "500");
  const history = new History({ lookup: (n) => sh.vars.get(n) });
  sh.history = history;
  history.load();

  if (isTty(0)) loadInitFile(sh);
  try {
    await startupFiles(sh, cfg);
  } catch (e) {
    if (e instanceof ShellExit) return e.status;
    throw e;
  }

  const editor = new LineEditor({
    inFd: 0,
    outFd: 2,
    history,
    // the one owner of dispositions delivers SIGWINCH to the editor too
    onResize: (fn) => processDispositions().onSignal(SIGWINCH, fn),
    // `set -o vi` / `set -o emacs` take effect from the next line
    editingMode: () => (sh.opts.vi ? "vi" : "emacs"),
    // `bind` and the inputrc change these (src/interactive/bindings.ts)
    bindings: shellBindings(sh),
    host: {
      runBoundCommand: (command, line, point) => runBoundCommand(sh, command, line, point),
      complete: (line, cursor) => {
        const byDefault = () =>
          complete(line, cursor, {
            cwd: sh.cwd,
            home: sh.vars.get("HOME"),
            path: sh.vars.get("PATH"),
            builtins: sh.builtins.keys(),
            functions: sh.functions.keys(),
            aliases: sh.aliases.keys(),
            keywords: KEYWORDS,
            variables: () => sh.vars.names(),
            getVar: (n) => sh.vars.get(n),
          });
        // a spec registered with `complete` comes first (src/complete/editor.ts)
        const r = runGen(programmableCompletion(sh, line, cursor, byDefault));
        if (r instanceof Promise) return r.then((x) => (x === "default" ? byDefault() : x));
        return r === "default" ? byDefault() : r;
      },
    },
  });
  // read -e uses the same editor (builtins/read.ts)
  (sh as unknown as { lineEditor?: unknown }).lineEditor = editor;

  const plain = isTty(0) ? undefined : new LineInput(0);
  let commandNumber = 1;
  let text = "";
  for (;;) {
    // finished and stopped jobs are reported before the prompt: a WNOHANG look at each job's
    // processes (one waitpid each; the shell may have been busy in a blocking call when their
    // SIGCHLD came, so the look is not left to the signal's delivery)
    reapAndNotify(sh);
    const pg = runGen(promptText(sh, text === "" ? "PS1" : "PS2", commandNumber));
    const prompt = typeof pg === "string" ? pg : await pg;
    terminal.reclaim(sh);
    // `ipsh -i < file`: no terminal to edit on; read plain lines (the prompt still goes to stderr)
    // set -b: a background job that ends or stops while the line is being edited is reported at
    // once, above the line, instead of before the next prompt
    const stopNotices = plain || !sh.opts.notify ? undefined : noticesWhileEditing(sh, editor);
    let line: string | null;
    try {
      line = plain ? plainLine(plain, sh, prompt) : await editor.readLine(prompt);
    } finally {
      stopNotices?.();
    }
    terminal.saveShellModes();
    if (line === null) {
      if (text !== "") {
        sh.writeErr(`${sh.scriptName}: syntax error: unexpected end of file\n`);
        text = "";
        continue;
      }
      if (sh.opts.ignoreeof) {
        sh.writeErr(`Use "exit" to leave the shell.\n`);
        continue;
      }
      sh.writeErr("exit\n");
      if (sh.jobs.jobs.some((j) => j.state === "Stopped") && !sh.exitWarned) {
        sh.exitWarned = true;
        sh.writeErr("There are stopped jobs.\n");
        continue;
      }
      return sh.lastStatus;
    }
    if (editor.interrupted) {
      text = "";
      sh.lastStatus = 130;
      continue;
    }
    let input = line;
    if (sh.opts.histexpand && text === "") {
      // the state carries :& and !?str?:% from one line to the next (bash)
      const hx = historyExpand(input, history, expandStateFor(history), { extglob: sh.opts.extglob });
      if (!hx.ok) {
        sh.writeErr(`${sh.scriptName}: ${hx.error}\n`);
        continue;
      }
      if (hx.changed) sh.writeErr(`${hx.line}\n`);
      input = hx.line;
      if (hx.printOnly) {
        history.add(input);
        continue;
      }
    }
    text += input + "\n";
    const r = parse(text, parseOptions(sh));
    if (r.kind === "incomplete") continue;
    if (sh.opts.history) history.add(text.replace(/\n$/, ""));
    if (r.kind === "error") {
      sh.writeErr(formatSyntaxError(r.error, text, `${sh.scriptName}: `));
      sh.lastStatus = 2;
      text = "";
      continue;
    }
    text = "";
    commandNumber++;
    beginCommandLine();
    // "There are stopped jobs." holds off one exit: the next command (or ^D) leaves, unless
    // some other command came in between (bash)
    const warned = sh.exitWarned;
    try {
      await runTop(sh, r.list);
      if (jobStoppedInCommand() && sh.lastStatus === 130) sh.lastStatus = 148;
      if (warned) sh.exitWarned = false;
    } catch (e) {
      if (e instanceof ShellExit) {
        await finish(sh, e.status);
      }
      throw e;
    }
  }
}

/** `set -b` (notify): on every SIGCHLD while the editor waits, look at the jobs (WNOHANG) and print
 *  what changed above the line being edited. Returns the unsubscribe function. */
function noticesWhileEditing(sh: Shell, editor: LineEditor): () => void {
  return processDispositions().onSignal(SIGCHLD, () => {
    if (sh.jobs.jobs.length === 0) return;
    sh.jobs.reapAll();
    let text = "";
    sh.jobs.notifyChanges((s) => (text += s), true);
    if (text !== "") editor.printAbove(text);
  });
}

/** One line from a non-terminal stdin in an interactive shell (no line editing). */
function plainLine(input: LineInput, sh: Shell, prompt: string): string | null {
  sh.writeErr(prompt.replace(/[\x01\x02]/g, ""));
  const l = input.readLine();
  if (l === undefined) return null;
  return l.endsWith("\n") ? l.slice(0, -1) : l;
}
