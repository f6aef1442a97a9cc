// Redirections in `explain`'s plan: the executor's rules (src/exec/redirect.ts applyOne)
// replayed on a simulated descriptor table. They apply left to right to a copy of the table;
// each file is opened by the shell itself (O_CLOEXEC) and reaches a child only through the
// dup2 file actions; n>&m copies where m points *now*, which is why `2>&1 >f` and `>f 2>&1`
// differ. Files are not opened: an input file that does not exist is reported as the ENOENT
// the shell would get, and a FIFO or a device is recognised with stat(2).

import { DEFAULT_FD, openFlags } from "../exec/redirect.ts";
import { statSync } from "node:fs";
import type { Redirect } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import { errnoName, strerror, ENOENT } from "../sys/errno.ts";
import { describeOpenFlags } from "./open-flags.ts";
import { isTerminalPath } from "./fd-kind.ts";
import { SimFd, type EndKind, type FdAllocator, type Mode, type SimTable } from "./sim-fds.ts";

/** What redirection planning needs from the planner. */
export interface PlanContext {
  readonly sh: Shell;
  readonly alloc: FdAllocator;
  readonly notes: Set<string>;
  step(text: string): void;
  /** The source text of a span of the command line. */
  text(span: { start: number; end: number }): string;
}

// the executor's own tables: the plan cannot drift from what src/exec/redirect.ts does
const O_CREAT = 0o100, O_CLOEXEC = 0o2000000;

/** Which way data flows for each access mode (O_RDONLY, O_WRONLY, O_RDWR). */
export const MODE_OF_ACCESS: Mode[] = ["r", "w", "rw", "rw"];

/** Apply redirections left to right to a copy of `t` (src/exec/redirect.ts applyOne). */
export function planRedirects(ctx: PlanContext, rs: readonly Redirect[], t: SimTable): SimTable | undefined {
  const f = t.clone();
  for (const r of rs) {
    if (!planRedirect(ctx, r, f)) {
      f.dispose();
      return undefined;
    }
  }
  return f;
}

function planRedirect(ctx: PlanContext, r: Redirect, t: SimTable): boolean {
  const src = ctx.text(r.span);
  let fd = r.fd ?? DEFAULT_FD[r.op];
  if (r.fdVar !== undefined) {
    fd = t.lowestFree(10);
    ctx.step(`${src}: the shell picks fd ${fd} (lowest free >= 10) and sets ${r.fdVar}=${fd}`);
  }
  switch (r.op) {
    case "<<":
    case "<<-":
    case "<<<": {
      const os = ctx.alloc.take();
      const what = r.op === "<<<" ? "here-string" : "here-document";
      ctx.step(`memfd_create("here-document") = ${os}   ${src}: the ${what} text is written into an in-memory file`);
      t.set(fd, new SimFd(os, "memfd", `${what} (memfd ${os})`, "r", true));
      ctx.step(`${src}: fd ${fd} -> ${what} (memfd ${os})`);
      return true;
    }
    case "<&":
    case ">&": {
      const word = r.target.literal;
      if (word === undefined) {
        ctx.step(`${src}: target known only after expansion: not followed`);
        ctx.notes.add("Words that need expansion are shown unexpanded.");
        return true;
      }
      if (word === "-") {
        t.set(fd, undefined);
        ctx.step(`${src}: fd ${fd} closed`);
        return true;
      }
      const move = /^\d+-$/.test(word);
      const num = move ? word.slice(0, -1) : word;
      if (/^\d+$/.test(num)) {
        const from = Number(num);
        const e = t.entry(from);
        if (!e) {
          ctx.step(`${src}: ${num}: Bad file descriptor: the command does not run (status 1)`);
          return false;
        }
        t.set(fd, e);
        if (move) t.set(from, undefined);
        ctx.step(`${src}: fd ${fd} now points where fd ${from} points${move ? ` (and fd ${from} is closed)` : ""}: ${e.label}`);
        return true;
      }
      if (r.op === ">&" && r.fd === undefined) return openInto(ctx, src, t, [1, 2], word, ">");
      ctx.step(`${src}: ambiguous redirect: the command does not run (status 1)`);
      return false;
    }
    case "&>":
    case "&>>":
      return openInto(ctx, src, t, [1, 2], r.target.literal, r.op);
    default:
      return openInto(ctx, src, t, [fd], r.target.literal, r.op);
  }
}

function openInto(ctx: PlanContext, src: string, t: SimTable, fds: number[], path: string | undefined, op: Redirect["op"]): boolean {
  const flags = openFlags(op, ctx.sh.opts.noclobber);
  const mode = MODE_OF_ACCESS[flags & 3]!;
  const shown = path ?? src.replace(/^\d*[<>&|]+\s*/, "");
  const special = path === undefined ? undefined : devFdNumber(path);
  if (special !== undefined) {
    const e = t.entry(special);
    if (!e) {
      ctx.step(`${src}: ${path}: Bad file descriptor: the command does not run (status 1)`);
      return false;
    }
    for (const f of fds) t.set(f, e);
    ctx.step(`${src}: ${path} names the shell's fd ${special}: fd ${fds.join(" and ")} -> ${e.label}`);
    return true;
  }
  let kind: EndKind = "file";
  let label = `file ${shown}`;
  if (path === undefined) ctx.notes.add("Words that need expansion are shown unexpanded.");
  else {
    const abs = path.startsWith("/") ? path : `${ctx.sh.cwd}/${path}`;
    let st: ReturnType<typeof statSync> | undefined;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    if (st === undefined && (flags & O_CREAT) === 0) {
      ctx.step(`open(${JSON.stringify(path)}, ${describeOpenFlags(flags | O_CLOEXEC)}) = -1 ${errnoName(ENOENT)} (${strerror(ENOENT)})   ${src}: the command does not run (status 1)`);
      return false;
    }
    if (st?.isFIFO()) {
      kind = "fifo";
      label = `FIFO ${path}`;
      ctx.notes.add("Opening a FIFO blocks until another process opens the other end.");
    } else if (st?.isCharacterDevice()) {
      kind = isTerminalPath(path) ? "terminal" : "device";
      label = `${kind === "terminal" ? "terminal" : "device"} ${path}`;
    }
  }
  const os = ctx.alloc.take();
  const crt = flags & O_CREAT ? ", 0666" : "";
  ctx.step(`open(${JSON.stringify(shown)}, ${describeOpenFlags(flags | O_CLOEXEC)}${crt}) = ${os}   ${src}: fd ${fds.join(" and ")} -> ${label}`);
  const e = new SimFd(os, kind, label, mode, true);
  for (const f of fds) t.set(f, e);
  return true;
}

/** /dev/stdin, /dev/stdout, /dev/stderr and /dev/fd/N name the shell's own fds (bash). */
function devFdNumber(path: string): number | undefined {
  if (path === "/dev/stdin") return 0;
  if (path === "/dev/stdout") return 1;
  if (path === "/dev/stderr") return 2;
  if (path.startsWith("/dev/fd/") && /^\d+$/.test(path.slice(8))) return Number(path.slice(8));
  return undefined;
}
