// ipsh's entry point: command-line options -> a Shell -> run commands -> exit status.
//
//   ipsh [-abefhkmnuvxBCEHPT] [-o opt] [-ilrs] [--login] [--norc] [--noprofile] [--posix]
//        [-c command [name [arg ...]] | script [arg ...]]
//
// A login shell is one whose argv[0] starts with '-' or that was given -l/--login.
// Interactive: stdin and stderr are terminals and no -c / script, or -i.

// first: the JIT policy for run-once code applies from the start (src/sys/jit-policy.ts)
import "./sys/jit-policy-start.ts";
import { exactArgs } from "./sys/raw-process-strings.ts";
import "./exec/shell-exec.ts";
import { createShell, type ShellConfig } from "./startup.ts";
import { runCommandString, runScriptFile, runStdin, finish, runPrologue } from "./run.ts";

const USAGE =
  "Usage:\tipsh [option] ...\n\tipsh [option] script-file ...\n\tipsh -c command [name [arg ...]]\n" +
  "Shell options:\n\t-ilrsD or -c command or -O shopt_option\t\t(invocation only)\n\t-abefhkmnptuvxBCEHPT or -o option\n";

function usage(): never {
  process.stderr.write(USAGE);
  process.exit(2);
}

function parseArgs(argv: string[]): ShellConfig {
  const cfg: ShellConfig = {
    mode: "stdin",
    args: [],
    setOptions: [],
    shoptOptions: [],
    login: false,
    interactive: undefined,
    noRc: false,
    noProfile: false,
    posix: false,
    subshellOf: undefined,
    arg0: "ipsh",
  };
  let i = 0;
  let commandString: string | undefined;
  let wantCommand = false;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--" || a === "-") {
      // both end the options (bash: a lone "-" too)
      i++;
      break;
    }
    if (a === "--login") cfg.login = true;
    else if (a === "--norc") cfg.noRc = true;
    else if (a === "--rcfile" || a === "--init-file") cfg.rcFile = argv[++i];
    else if (a === "--noprofile") cfg.noProfile = true;
    else if (a === "--posix") cfg.posix = true;
    else if (a === "--version") {
      process.stdout.write("ipsh, version 0.1.0\n");
      process.exit(0);
    } else if (a === "--help") {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    else if (a === "--subshell-of") cfg.subshellOf = Number(argv[++i]);
    else if (a === "--prologue") cfg.prologue = argv[++i];
    else if (a === "--async-list") cfg.asyncList = true;
    else if (a === "--status") cfg.initialStatus = Number(argv[++i]);
    else if (a.startsWith("--")) {
      process.stderr.write(`ipsh: ${a}: invalid option\n`);
      usage();
    } else if ((a[0] === "-" || a[0] === "+") && a.length > 1) {
      const on = a[0] === "-";
      for (let k = 1; k < a.length; k++) {
        const c = a[k];
        switch (c) {
          case "c":
            wantCommand = true;
            break;
          case "s":
            cfg.mode = "stdin";
            cfg.forceStdin = true;
            break;
          case "i":
            cfg.interactive = true;
            break;
          case "l":
            cfg.login = true;
            break;
          case "r":
            cfg.setOptions.push(["restricted", on]);
            break;
          case "o": {
            const name = argv[++i];
            if (name === undefined) {
              cfg.listOptions = on ? "-o" : "+o";
              break;
            }
            cfg.setOptions.push([name, on]);
            break;
          }
          case "O": {
            const name = argv[++i];
            if (name !== undefined) cfg.shoptOptions.push([name, on]);
            break;
          }
          default:
            cfg.setOptions.push([c, on]);
        }
      }
    } else break;
  }
  const rest = argv.slice(i);
  if (wantCommand) {
    commandString = rest.shift();
    if (commandString === undefined) {
      process.stderr.write("ipsh: -c: option requires an argument\n");
      process.exit(2);
    }
    cfg.mode = "command";
    cfg.command = commandString;
    if (rest.length > 0) cfg.arg0 = rest.shift()!;
    cfg.args = rest;
  } else if (rest.length > 0 && !cfg.forceStdin) {
    cfg.mode = "file";
    cfg.script = rest.shift()!;
    cfg.arg0 = cfg.script;
    cfg.args = rest;
  } else {
    cfg.args = rest;
  }
  return cfg;
}

async function main(): Promise<void> {
  // process.argv: [bun, bundle.js, ...args] or, compiled, [exe, /$bunfs/..., ...args]
  const argv0 = process.argv0 ?? "ipsh";
  const cfg = parseArgs(exactArgs(process.argv.slice(2)));
  if (argv0.startsWith("-")) cfg.login = true;
  const sh = createShell(cfg);
  let status: number;
  switch (cfg.mode) {
    case "command":
      if (cfg.prologue !== undefined) await runPrologue(sh, cfg.prologue, cfg.initialStatus ?? 0);
      // a re-executed job's command was printed from its parsed form: aliases are already in it
      status = await runCommandString(sh, cfg.command!, cfg.prologue === undefined);
      break;
    case "file":
      status = await runScriptFile(sh, cfg.script!);
      break;
    default:
      if (sh.interactive) {
        const { runInteractive } = await import("./repl.ts");
        status = await runInteractive(sh, cfg);
      } else status = await runStdin(sh);
  }
  await finish(sh, status);
}

main().catch((e) => {
  // never a stack trace for the user: the message, and the status of an internal error
  process.stderr.write(`ipsh: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  if (process.env.IPSH_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ""}\n`);
  process.exit(70);
});
