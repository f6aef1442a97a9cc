// Building the main shell state from the command line and the process environment.
import { exactEnviron } from "./sys/raw-process-strings.ts";
import { importFunctions } from "./state/function-env.ts";
import { userById } from "./sys/users.ts";
import { statSync } from "node:fs";
import { hostname as osHostname } from "node:os";
import { Shell, type InputMode } from "./shell.ts";
import { Variables } from "./state/variables.ts";
import { Options } from "./state/options.ts";
import { DynamicVars } from "./state/dynamic-vars.ts";
import { onHeredocError, FdTable } from "./exec/fd-table.ts";
import { buildRegistry } from "../builtins/registry.ts";
import { inheritedFds, isOpen, isTty, setCloexec } from "./sys/fd.ts";
import { getPpid } from "./sys/proc.ts";
import { processDispositions } from "./signals/process-dispositions.ts";
import { TrapTable } from "./signals/traps.ts";
import { VarAttr } from "./state/var-store.ts";
import { noteProcessCwd } from "./exec/external.ts";
import { installStateVars } from "./state-vars.ts";
import { applyOptionsFromEnviron } from "./state/option-vars.ts";
import { syncExplain } from "./explain/live.ts";

export interface ShellConfig {
  mode: "command" | "file" | "stdin";
  command?: string;
  script?: string;
  forceStdin?: boolean;
  args: string[];
  arg0: string;
  setOptions: [string, boolean][];
  shoptOptions: [string, boolean][];
  listOptions?: "-o" | "+o";
  login: boolean;
  interactive: boolean | undefined;
  noRc: boolean;
  noProfile: boolean;
  posix: boolean;
  subshellOf: number | undefined;
  /** Re-executed subshells: the parent's state as shell text, and its $? */
  prologue?: string;
  initialStatus?: number;
  /** --rcfile FILE: read instead of ~/.ipshrc by an interactive shell */
  rcFile?: string;
  /** A re-executed asynchronous list without job control: SIGINT and SIGQUIT start ignored */
  asyncList?: boolean;
}

/** The descriptors the shell starts with: 0-2 if open, and those it inherited above them
 *  (src/sys/fd.ts inheritedFds), made close-on-exec: the shell's fd table hands them to its
 *  children again, as bash passes them on. */
function startingFds(): number[] {
  const fds: number[] = [];
  for (let fd = 0; fd <= 2; fd++) if (isOpen(fd)) fds.push(fd);
  for (const fd of inheritedFds()) {
    setCloexec(fd, true);
    fds.push(fd);
  }
  return fds;
}

function logicalCwd(env: Record<string, string | undefined>): string {
  const real = process.cwd();
  const pwd = env.PWD;
  // keep $PWD when it names the same directory (symlinked paths stay as the user typed them)
  if (pwd && pwd.startsWith("/")) {
    try {
      const a = statSync(pwd);
      const b = statSync(real);
      if (a.ino === b.ino && a.dev === b.dev) return pwd;
    } catch {
      /* fall through */
    }
  }
  return real;
}

/**
 * bash (variables.c): an OLDPWD that is not set, or does not name a directory, starts as an exported
 * but unset variable, so `cd` later exports the directory it left (`env` shows OLDPWD=...).
 * A re-executed job (`subshellOf`) gets its parent's OLDPWD from the serialized state instead.
 */
function initOldpwd(vars: Variables, reexecuted: boolean): void {
  if (reexecuted) return;
  const old = vars.get("OLDPWD");
  let isDir = false;
  if (old) {
    try {
      isDir = statSync(old).isDirectory();
    } catch {
      /* not a directory */
    }
  }
  if (isDir) return;
  if (old !== undefined) vars.unset("OLDPWD");
  vars.setAttrs("OLDPWD", VarAttr.Export);
}

export function createShell(cfg: ShellConfig): Shell {
  const env = exactEnviron(process.env);
  const vars = Variables.fromEnviron(env);
  const opts = new Options();
  const interactive = cfg.interactive ?? (cfg.mode === "stdin" && isTty(0) && isTty(2));
  const cwd = logicalCwd(env);
  const sh = new Shell({ vars, opts, builtins: buildRegistry(), fds: FdTable.inherited(startingFds()), cwd });
  noteProcessCwd(cwd);
  onHeredocError((m) => sh.diag(m));
  sh.interactive = interactive;
  sh.loginShell = cfg.login;
  sh.arg0 = cfg.arg0;
  sh.positional = cfg.args;
  const mode: InputMode = interactive ? "interactive" : cfg.mode === "command" ? "c" : cfg.mode === "file" ? "file" : "stdin";
  sh.inputMode = mode;
  // error messages name the script, or $0 (bash: "bash: line 1: ..." for -c)
  sh.scriptName = cfg.mode === "file" ? cfg.script! : cfg.arg0;
  if (cfg.subshellOf !== undefined) {
    sh.pid = cfg.subshellOf;
    sh.subshellLevel = 1;
  }

  // exported functions (BASH_FUNC_name%%=() {...}) from the parent, as bash imports them
  const imported = importFunctions(env);
  for (const fn of imported.defined) sh.functions.set(fn.name, fn);
  vars.dropPassthrough(imported.consumed);
  for (const m of imported.messages) sh.writeErr(`ipsh: ${m}\n`);

  applyOptionsFromEnviron(env, opts);
  installStateVars(sh);
  sh.dynamicVars = new DynamicVars();
  sh.dynamicVars.install(vars);
  vars.defineDynamicArray("GROUPS", () => [String(process.getgid?.() ?? 0)]);
  const ppid = getPpid();
  vars.defineDynamic("PPID", () => String(ppid), undefined, VarAttr.Integer | VarAttr.Readonly);
  // standard variables (bash's defaults)
  if (vars.get("IFS") === undefined || !env.IFS) vars.set("IFS", " \t\n");
  vars.set("PS4", vars.get("PS4") ?? "+ ");
  if (vars.get("PS2") === undefined) vars.set("PS2", "> ");
  if (interactive && vars.get("PS1") === undefined) vars.set("PS1", "\\s-\\v\\$ ");
  vars.set("OPTIND", "1");
  vars.set("PWD", cwd);
  vars.setAttrs("PWD", VarAttr.Export);
  initOldpwd(vars, cfg.subshellOf !== undefined);
  if (vars.get("PATH") === undefined) vars.set("PATH", "/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin:.");
  const shlvl = Number(vars.get("SHLVL") ?? "0");
  vars.set("SHLVL", String(Number.isFinite(shlvl) && cfg.subshellOf === undefined ? shlvl + 1 : shlvl));
  vars.setAttrs("SHLVL", VarAttr.Export);
  vars.set("IPSH_VERSION", "0.1.0");
  vars.set("HOSTNAME", hostname());
  // bash: an unset SHELL becomes the user's login shell (not exported)
  if (vars.get("SHELL") === undefined) vars.set("SHELL", userById(process.getuid?.() ?? 0)?.shell || "/bin/sh");
  vars.set("UID", String(process.getuid?.() ?? 0));
  vars.setAttrs("UID", VarAttr.Readonly | VarAttr.Integer);
  vars.set("EUID", String(process.geteuid?.() ?? 0));
  vars.setAttrs("EUID", VarAttr.Readonly | VarAttr.Integer);
  vars.set("MACHTYPE", "x86_64-pc-linux-gnu");
  vars.set("OSTYPE", "linux-gnu");
  vars.set("HOSTTYPE", "x86_64");

  if (interactive) opts.applyInteractiveDefaults();
  opts.hashall = true;
  opts.commandString = cfg.mode === "command";
  opts.readingStdin = cfg.mode === "stdin";
  if (cfg.posix) opts.set("posix", true);
  for (const [name, on] of cfg.setOptions) {
    if (name.length === 1) {
      if (!opts.setLetter(name, on)) {
        process.stderr.write(`ipsh: -${name}: invalid option\n`);
        process.exit(2);
      }
    } else if (!opts.set(name, on)) {
      process.stderr.write(`ipsh: ${name}: invalid option name\n`);
      process.exit(2);
    }
  }
  for (const [name, on] of cfg.shoptOptions) opts.set(name, on);
  vars.autoExport = opts.allexport;
  if (opts.explain) syncExplain(sh);

  const d = processDispositions();
  sh.traps = TrapTable.forMainShell(d, d.ignoredAtEntry, interactive);
  if (cfg.asyncList) {
    sh.traps.set(2, "");
    sh.traps.set(3, "");
  }
  if (interactive) d.setInteractive(true);
  return sh;
}

function hostname(): string {
  try {
    return osHostname();
  } catch {
    return "localhost";
  }
}
