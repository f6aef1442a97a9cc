// Redirections (XCU 2.7) applied to a descriptor table, never to the shell's own descriptors.
//
// openRedirects() takes the current table, returns a new table (a "frame") with the
// redirections applied in source order, or reports the first failure the way bash does
// ("ipsh: line 1: /nonexistent/x: No such file or directory") and returns undefined. The caller
// runs the command with the frame and disposes it afterwards; the shell's table is untouched.
// Targets are opened by the shell itself (O_CLOEXEC), so errors are exact; children get them
// through dup2 file actions. Opening a FIFO waits for its other end without blocking the
// process (fifo-open.ts).
//
// Here-documents and here-strings become memfd descriptors holding the text: no temporary
// files, and a writer can never block on a reader that has not started.

import { encodeUtf8 } from "../sys/utf8.ts";
import { getRlimit, RLIMIT_NOFILE } from "../sys/resources.ts";
import { tracing, emit } from "../explain/trace.ts";
import type { Redirect } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import { FdTable, MemDoc, OsFd } from "./fd-table.ts";
import type { Gen } from "./gen.ts";
import { expandWord, expandWords, expandHeredoc } from "../expand/index.ts";
import * as os from "./os.ts";
import { openTarget } from "./fifo-open.ts";
import { sharedDevNull } from "./dev-null.ts";
import { resume } from "./resume.ts";
import { assignVar, subscriptIndex } from "../../builtins/io.ts";
import { expandSubscriptNow, subscriptNeedsExpansion } from "../expand/subscript.ts";

/** Default fd for each operator when none is written. */
export const DEFAULT_FD: Record<Redirect["op"], number> = {
  "<": 0,
  "<>": 0,
  "<&": 0,
  "<<": 0,
  "<<-": 0,
  "<<<": 0,
  ">": 1,
  ">|": 1,
  ">>": 1,
  ">&": 1,
  "&>": 1,
  "&>>": 1,
};

/** open(2) flags for each file operator. */
export function openFlags(op: Redirect["op"], noclobber: boolean): number {
  switch (op) {
    case "<":
      return os.O_RDONLY;
    case "<>":
      return os.O_RDWR | os.O_CREAT;
    case ">>":
    case "&>>":
      return os.O_WRONLY | os.O_CREAT | os.O_APPEND;
    case ">":
    case "&>":
      return noclobber ? os.O_WRONLY | os.O_CREAT | os.O_EXCL : os.O_WRONLY | os.O_CREAT | os.O_TRUNC;
    case ">|":
      return os.O_WRONLY | os.O_CREAT | os.O_TRUNC;
    default:
      return os.O_RDONLY;
  }
}

/** Resolve a path against the shell's logical cwd. */
export function absPath(sh: Shell, p: string): string {
  if (p.startsWith("/")) return p;
  return sh.cwd === "/" ? `/${p}` : `${sh.cwd}/${p}`;
}

/**
 * Apply `redirects` on top of `base`. Returns the new table, or undefined after printing the
 * error (the command then fails with status 1 without running).
 */
export function* openRedirects(sh: Shell, base: FdTable, redirects: Redirect[]): Gen<FdTable | undefined> {
  const t = base.clone();
  try {
    for (const r of redirects) {
      const ok = yield* applyOne(sh, t, r);
      if (!ok) {
        t.dispose();
        return undefined;
      }
    }
  } catch (e) {
    t.dispose();
    throw e;
  }
  return t;
}

/**
 * openRedirects as a plain function (see resume.ts): the frame, or undefined after an error,
 * when nothing had to wait (the common case: files, /dev/null, dups, here-documents whose
 * expansion runs nothing); otherwise a generator that finishes opening (a FIFO waiting for its
 * other end, a command substitution in a target). Callers tell the cases apart with
 * `instanceof FdTable`.
 */
export function openRedirectsSync(sh: Shell, base: FdTable, redirects: Redirect[]): FdTable | undefined | Gen<FdTable | undefined> {
  const g = openRedirects(sh, base, redirects);
  const r = g.next();
  return r.done ? r.value : resume(g, r);
}

/**
 * Leave the redirection frame of a command: the shell's table becomes `saved` again (the table
 * the frame was made from) and the frame is released, with bash's two exceptions:
 *  - a {var} redirection's descriptor outlives the command (bash: "the redirection persists");
 *  - when the command changed the shell's own table (`exec 3<f` inside `{ }`, a loop or a
 *    function with redirections), those changes stay and only the descriptors this command's
 *    redirections set are put back. (exec's own frame logic has then released `frame`.)
 */
export function leaveRedirectFrame(sh: Shell, saved: FdTable, frame: FdTable, redirects: Redirect[], inShell = true): void {
  const cur = sh.fds;
  if (cur === frame) {
    for (const r of redirects) if (r.fdVar !== undefined) keepVarFd(sh, saved, frame, r.fdVar);
    if (inShell) dropMovedSources(saved, frame);
    sh.fds = saved;
    frame.dispose();
    return;
  }
  if (inShell) dropMovedSources(cur, frame);
  for (const r of redirects) {
    if (r.fdVar !== undefined) continue;
    const fd = r.fd ?? DEFAULT_FD[r.op];
    cur.set(fd, saved.entry(fd));
    if (r.fd === undefined && (r.op === "&>" || r.op === "&>>" || r.op === ">&")) cur.set(2, saved.entry(2));
  }
  saved.dispose();
  frame.dispose();
}

/**
 * bash 5.2 leaves M closed after a command the shell runs itself (builtin, function, compound
 * command, or no command at all) with the redirection N>&M- (or N<&M-) when N was not open before: it restores N but
 * not M (`: 6>&7-; echo x >&7` is "7: Bad file descriptor"). A command bash forks first (an
 * external command, a subshell) leaves the shell's M alone. Reproduced, as scripts see it.
 */
export function dropMovedSources(table: FdTable, frame: FdTable): void {
  if (frame.movedOntoClosed === undefined) return;
  for (const m of frame.movedOntoClosed) table.set(m, undefined);
}

function keepVarFd(sh: Shell, saved: FdTable, frame: FdTable, name: string): void {
  const n = Number(fdVarValue(sh, name));
  if (Number.isInteger(n) && n >= 0 && saved.entry(n) === undefined) saved.set(n, frame.entry(n));
}

const ELEMENT_REF = /^([A-Za-z_][A-Za-z0-9_]*)\[(.+)\]$/s;

/** A {var} redirection's variable: a name, or (bash 5.2) name[subscript] with the subscript
 *  given its one round of expansion (`{a[$i]}>f`, `exec {COPROC[1]}>&-`). */
function fdVarRef(sh: Shell, ref: string): string {
  const m = ELEMENT_REF.exec(ref);
  if (m === null || !subscriptNeedsExpansion(m[2]!)) return ref;
  return `${m[1]}[${expandSubscriptNow(sh.host, m[2]!, !sh.vars.isAssoc(m[1]!))}]`;
}

/** The value of a {var} redirection's variable. */
function fdVarValue(sh: Shell, ref: string): string | undefined {
  const m = ELEMENT_REF.exec(fdVarRef(sh, ref));
  if (m === null) return sh.vars.get(ref);
  const name = m[1]!;
  const sub = m[2]!;
  return sh.vars.isAssoc(name) ? sh.vars.getElement(name, sub) : sh.vars.getElement(name, subscriptIndex(sh, sub));
}

/** Shell fds must be numbers a child can receive: below the soft RLIMIT_NOFILE (read when
 *  checked; ulimit -n can change it). Above it every later spawn would fail at its dup2. */
const FILE_OPS = new Set<Redirect["op"]>(["<", ">", ">|", ">>", "<>", "&>", "&>>"]);

function fdInRange(fd: number): boolean {
  if (fd < 1024) return true;
  const lim = getRlimit(RLIMIT_NOFILE);
  return typeof lim === "number" || BigInt(fd) < lim.soft;
}

function* applyOne(sh: Shell, t: FdTable, r: Redirect): Gen<boolean> {
  let fd = r.fd ?? DEFAULT_FD[r.op];
  // file targets are opened first, as bash does (the file is created), then refused in openInto
  if (!FILE_OPS.has(r.op) && !fdInRange(fd)) {
    sh.diag(`${fd}: Bad file descriptor`);
    return false;
  }
  if (r.fdVar !== undefined) {
    // {var}>file: allocate a shell fd >= 10 and record it (or, for >&- / <&-, close the named one)
    if ((r.op === ">&" || r.op === "<&") && r.target.literal === "-") {
      const v = fdVarValue(sh, r.fdVar);
      if (v === undefined || v === "") {
        sh.diag(`${r.fdVar}: ambiguous redirect`); // bash's redir_varvalue
        return false;
      }
      const n = Number(v);
      if (Number.isInteger(n)) {
        t.set(n, undefined);
        if (tracing) emit({ kind: "fdmap", shellFd: n, osFd: undefined, label: "closed" });
      }
      return true;
    }
    fd = t.lowestFree(10);
    const err = assignVar(sh, fdVarRef(sh, r.fdVar), String(fd));
    if (err !== undefined) {
      sh.diag(err);
      sh.diag(`${r.fdVar}: cannot assign fd to variable`);
      return false;
    }
  }
  switch (r.op) {
    case "<<":
    case "<<-": {
      const doc = r.heredoc!;
      const text = doc.quoted ? literalText(doc.body) : yield* expandHeredoc(sh.host, doc.body);
      return setMemfd(sh, t, fd, text);
    }
    case "<<<": {
      const text = (yield* expandWord(sh.host, r.target)) + "\n";
      return setMemfd(sh, t, fd, text);
    }
    case "<&":
    case ">&": {
      const word = yield* targetWord(sh, r);
      if (word === undefined) return false;
      if (word === "-") {
        t.set(fd, undefined);
        if (tracing) emit({ kind: "fdmap", shellFd: fd, osFd: undefined, label: "closed" });
        return true;
      }
      // n>&m- moves m to n
      const move = /^\d+-$/.test(word);
      const num = move ? word.slice(0, -1) : word;
      if (/^\d+$/.test(num)) {
        const src = Number(num);
        const entry = t.entry(src);
        if (!entry) {
          sh.diag(`${num}: Bad file descriptor`);
          return false;
        }
        if (move && src !== fd && t.entry(fd) === undefined) (t.movedOntoClosed ??= []).push(src);
        const cloexec = fd > 2 && t.closesOnExec(src);
        t.set(fd, entry);
        // bash keeps the source's close-on-exec flag on a dup above 2 (a coprocess's end)
        if (cloexec) t.setCloseOnExec(fd);
        if (move) t.set(src, undefined);
        if (tracing) emit({ kind: "fdmap", shellFd: fd, osFd: entry.fd, label: `dup of shell fd ${src}` });
        return true;
      }
      if (r.op === ">&" && r.fd === undefined) {
        // >&word with a file name is bash's &>word
        return yield* openInto(sh, t, [1, 2], word, ">");
      }
      sh.diag(`${word}: ambiguous redirect`);
      return false;
    }
    case "&>":
    case "&>>": {
      const word = yield* targetWord(sh, r);
      if (word === undefined) return false;
      return yield* openInto(sh, t, [1, 2], word, r.op);
    }
    default: {
      const word = yield* targetWord(sh, r);
      if (word === undefined) return false;
      return yield* openInto(sh, t, [fd], word, r.op);
    }
  }
}

/** Expand a redirection target: one word after expansion, else "ambiguous redirect". */
function* targetWord(sh: Shell, r: Redirect): Gen<string | undefined> {
  if (r.target.literal !== undefined) return r.target.literal;
  const fields = yield* expandWords(sh.host, [r.target]);
  if (fields.length !== 1) {
    sh.diag(`${wordSource(r)}: ambiguous redirect`);
    return undefined;
  }
  return fields[0];
}

function wordSource(r: Redirect): string {
  const parts = r.target.parts;
  if (parts.length === 1 && parts[0].kind === "ParamExp") return `$${(parts[0] as { name: string }).name}`;
  return "";
}

function literalText(w: { parts: { kind: string; value?: string }[] }): string {
  let s = "";
  for (const p of w.parts) s += p.value ?? "";
  return s;
}

function* openInto(sh: Shell, t: FdTable, fds: number[], path: string, op: Redirect["op"]): Gen<boolean> {
  // a process substitution in this same command line registered its fd on the state's table
  const special = devFd(t, path, op) ?? (path.startsWith("/dev/fd/") ? devFd(sh.fds, path, op) : undefined);
  if (special !== undefined) {
    if (special === null) {
      sh.diag(`${path}: Bad file descriptor`);
      return false;
    }
    for (const fd of fds) t.set(fd, special);
    return true;
  }
  if (path === "") {
    sh.diag(`: No such file or directory`);
    return false;
  }
  const flags = openFlags(op, sh.opts.noclobber);
  if (path === "/dev/null" && !tracing) {
    // one shared descriptor per direction (dev-null.ts); noclobber allows the device too
    const e = sharedDevNull(flags);
    if (e !== undefined) {
      for (const f of fds) {
        if (!fdInRange(f)) {
          sh.diag(`${f}: Bad file descriptor`);
          return false;
        }
      }
      for (const f of fds) t.set(f, e);
      return true;
    }
  }
  // a FIFO is opened without blocking the process (fifo-open.ts): the wait yields, runs traps
  // and gives way to an interactive ^C
  const abs = absPath(sh, path);
  let fd = yield* openTarget(sh, abs, flags, 0o666);
  if (fd === -os.EEXIST && sh.opts.noclobber && (op === ">" || op === "&>")) {
    // noclobber allows writing to existing non-regular files (/dev/null, ttys, FIFOs)
    if (!os.isRegularFile(abs)) fd = yield* openTarget(sh, abs, os.O_WRONLY, 0o666);
    else {
      sh.diag(`${path}: cannot overwrite existing file`);
      return false;
    }
  }
  if (tracing) emit({ kind: "open", path, flags, fd: fd < 0 ? -1 : fd, errno: fd < 0 ? -fd : undefined });
  if (fd < 0) {
    sh.diag(`${path}: ${os.strerror(-fd)}`);
    return false;
  }
  for (const f of fds) {
    if (!fdInRange(f)) {
      os.close(fd);
      sh.diag(`${f}: Bad file descriptor`);
      return false;
    }
  }
  const e = new OsFd(fd, false, `file ${path}`);
  for (const f of fds) {
    t.set(f, e);
    if (tracing) emit({ kind: "fdmap", shellFd: f, osFd: fd, label: e.label });
  }
  if (e.refs === 0) os.close(fd);
  return true;
}

/**
 * bash treats /dev/fd/N, /dev/stdin, /dev/stdout and /dev/stderr specially: they name the
 * shell's own (virtual) descriptors, not the process's. Returns the entry, null for a closed
 * fd, or undefined when the path is not special.
 */
function devFd(t: FdTable, path: string, _op: Redirect["op"]): OsFd | null | undefined {
  let n: number;
  if (path === "/dev/stdin") n = 0;
  else if (path === "/dev/stdout") n = 1;
  else if (path === "/dev/stderr") n = 2;
  else if (path.startsWith("/dev/fd/") && /^\d+$/.test(path.slice(8))) n = Number(path.slice(8));
  else return undefined;
  return t.entry(n) ?? null;
}


/** A here-document or here-string as shell fd `fd`: kept in memory until something needs a real
 *  descriptor (fd-table.ts MemDoc); made a memfd at once when the teaching trace is on, so that
 *  the trace shows where the bytes come from. */
function setMemfd(sh: Shell, t: FdTable, fd: number, text: string): boolean {
  if (!tracing) {
    t.set(fd, new OsFd(-1, false, "here-document", new MemDoc(encodeUtf8(text))));
    return true;
  }
  const m = os.memfdWithText(text);
  if (m < 0) {
    sh.diag(`cannot create temp file for here-document: ${os.strerror(-m)}`);
    return false;
  }
  const e = new OsFd(m, false, "here-document");
  t.set(fd, e);
  if (tracing) {
    emit({ kind: "memfd", purpose: "here-document", fd: m });
    emit({ kind: "fdmap", shellFd: fd, osFd: m, label: e.label });
  }
  return true;
}
