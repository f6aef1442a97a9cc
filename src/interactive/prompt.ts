// Prompt string decoding (PS0, PS1, PS2, PS4): bash's decode_prompt_string, as a pure function over
// a small context. Parameter, command and arithmetic expansion of the result (shopt promptvars) is
// the shell's job afterwards; for that case (`promptvars: true`) the values of \w and \W are
// backslash-quoted for a double-quoted context, as bash does, so a directory named `$(rm x)` is
// shown and never run. \[ and \] become \x01 and \x02, which the line editor uses to leave escape
// sequences out of the prompt width.
import { strftime } from "./strftime.ts";

export interface PromptContext {
  user: string;
  /** Full host name (\H); \h is the part before the first dot. */
  host: string;
  /** $PWD (logical). */
  cwd: string;
  /** $HOME, to show it as ~ in \w and \W. */
  home?: string;
  /** Number of jobs the shell manages (\j). */
  jobs: number;
  /** History number of the next command (\!). */
  historyNumber: number;
  /** Command number in this shell (\#). */
  commandNumber: number;
  /** Effective uid: \$ is '#' for 0, '$' otherwise. */
  euid: number;
  /** Basename of $0 (\s). */
  shellName: string;
  /** Version (\v, like bash's "5.2") and release (\V, like "5.2.15"). */
  version: string;
  release: string;
  /** Path of the terminal device (\l shows its basename; "tty" when there is none, as bash). */
  tty?: string;
  /** PROMPT_DIRTRIM: keep this many trailing components of \w, the rest become "...". */
  dirTrim?: number;
  /** Quote \w and \W for the later parameter expansion (shopt promptvars). */
  promptvars?: boolean;
  /** POSIX mode: a literal `!` is the history number and `!!` a literal `!`. */
  posix?: boolean;
  /** The time to show (defaults to now). */
  now?: Date;
}

/** Backslash-quotes $ ` " \ for a double-quoted context (bash's sh_backslash_quote_for_double_quotes). */
function quoteForDq(s: string): string {
  return s.replace(/[$`"\\]/g, "\\$&");
}

/** $PWD with $HOME shown as ~ (bash's polite_directory_format). */
function politeDirectory(cwd: string, home: string | undefined): string {
  if (home && home !== "/" && (cwd === home || cwd.startsWith(home + "/"))) return "~" + cwd.slice(home.length);
  return cwd;
}

/** PROMPT_DIRTRIM: "~/.../c/d" or ".../c/d" (bash's trim_pathname). */
function trimPath(p: string, n: number): string {
  if (n <= 0) return p;
  const root = p.startsWith("~/") ? "~/" : p.startsWith("/") ? "/" : "";
  const rest = p.slice(root.length);
  const parts = rest.split("/");
  if (parts.length <= n) return p;
  const kept = parts.slice(parts.length - n).join("/");
  return (root === "~/" ? "~/" : "") + ".../" + kept;
}

function isOctal(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "7";
}

export function decodePrompt(ps: string, ctx: PromptContext): string {
  let out = "";
  const now = ctx.now ?? new Date();
  for (let i = 0; i < ps.length; i++) {
    const c = ps[i]!;
    if (c === "!" && ctx.posix) {
      if (ps[i + 1] === "!") {
        out += "!";
        i++;
      } else out += String(ctx.historyNumber);
      continue;
    }
    if (c !== "\\" || i + 1 >= ps.length) {
      out += c;
      continue;
    }
    const e = ps[++i]!;
    switch (e) {
      case "u": out += ctx.user; break;
      case "h": {
        const dot = ctx.host.indexOf(".");
        out += dot >= 0 ? ctx.host.slice(0, dot) : ctx.host;
        break;
      }
      case "H": out += ctx.host; break;
      case "w": {
        const w = trimPath(politeDirectory(ctx.cwd, ctx.home), ctx.dirTrim ?? 0);
        out += ctx.promptvars ? quoteForDq(w) : w;
        break;
      }
      case "W": {
        let w: string;
        if (ctx.home && ctx.cwd === ctx.home) w = "~";
        else if (ctx.cwd === "/") w = "/";
        else {
          const t = ctx.cwd.endsWith("/") ? ctx.cwd.slice(0, -1) : ctx.cwd;
          w = t.slice(t.lastIndexOf("/") + 1);
        }
        out += ctx.promptvars ? quoteForDq(w) : w;
        break;
      }
      case "$": out += ctx.euid === 0 ? "#" : "$"; break;
      case "t": out += strftime("%H:%M:%S", now); break;
      case "T": out += strftime("%I:%M:%S", now); break;
      case "@": out += strftime("%I:%M %p", now); break;
      case "A": out += strftime("%H:%M", now); break;
      case "d": out += strftime("%a %b %d", now); break;
      case "D": {
        const close = ps[i + 1] === "{" ? ps.indexOf("}", i + 2) : -1;
        if (close < 0) {
          out += "\\D";
          break;
        }
        const fmt = ps.slice(i + 2, close);
        out += strftime(fmt === "" ? "%X" : fmt, now);
        i = close;
        break;
      }
      case "j": out += String(ctx.jobs); break;
      case "l": {
        const t = ctx.tty;
        out += t ? t.slice(t.lastIndexOf("/") + 1) : "tty";
        break;
      }
      case "s": out += ctx.shellName.slice(ctx.shellName.lastIndexOf("/") + 1); break;
      case "v": out += ctx.version; break;
      case "V": out += ctx.release; break;
      case "!": out += String(ctx.historyNumber); break;
      case "#": out += String(ctx.commandNumber); break;
      case "n": out += "\n"; break;
      case "r": out += "\r"; break;
      case "e": out += "\x1b"; break;
      case "a": out += "\x07"; break;
      case "\\": out += "\\"; break;
      case "[": out += "\x01"; break;
      case "]": out += "\x02"; break;
      default:
        if (isOctal(e)) {
          // bash takes the next three characters and decodes them only if all are octal digits
          // (fewer only at the end of the string); otherwise the backslash stays: "\01x".
          const digits = ps.slice(i, i + 3);
          let ok = true;
          for (const d of digits) if (!isOctal(d)) ok = false;
          if (ok) {
            out += String.fromCharCode(parseInt(digits, 8) & 0xff);
            i += digits.length - 1;
          } else out += "\\" + e;
        } else out += "\\" + e;
    }
  }
  return out;
}
