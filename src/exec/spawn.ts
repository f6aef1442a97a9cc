// Starting external commands: glibc posix_spawn with an ordered list of child actions.
//
// The shell never forks (a forked Bun child cannot run JS, and fork cost grows with the heap).
// posix_spawn (CLONE_VFORK inside glibc) does in the child, in this order:
//   1. signals: every signal in `sigDefault` (plus SIGPIPE and SIGXFSZ, which Bun ignores and an
//      ignored disposition survives exec) back to SIG_DFL; everything is blocked meanwhile;
//   2. the process group (SETPGROUP: 0 = new group led by the child, N = join group N);
//   3. the file actions in request order, exactly like redirections are applied left to right:
//      the terminal hand-off for a foreground job first (while the child's fds are still the
//      shell's, and SIGTTOU is blocked), then the dup2/close/chdir actions, then closefrom;
//   4. an empty signal mask, and execve.
// Errors come back synchronously (the parent resumes only after execve succeeded or failed):
// ENOENT, EACCES, ENOEXEC (glibc never falls back to /bin/sh: the caller runs a script without
// "#!" itself). A failed chdir or tcsetpgrp action also surfaces as its errno, which is why the
// shell resolves commands and opens redirection targets itself before spawning.
//
// Because the parent resumes only after the child's exec, the child's process group is already
// set when spawn() returns: the parent-side setpgid that fork-based shells add (to close the
// race before exec) is unnecessary here, and would fail with EACCES after the exec anyway.
//
// resolveCommand() is bash's command search: the exact 126/127 decisions and messages.
import { cstr, cstrArray, type CStrArray } from "../sys/cstring.ts";
import { EACCES, EINVAL, ENOENT, ENOEXEC, ENOSYS, errno, strerror } from "../sys/errno.ts";
import {
  libc,
  libcExtensions,
  SIZEOF_SIGSET,
  SIZEOF_SPAWNATTR,
  SIZEOF_SPAWN_FILE_ACTIONS,
} from "../sys/libc.ts";
import { closeFd, openFile, O_CLOEXEC, O_RDONLY, readChunk } from "../sys/fd.ts";
import { checkAccess, fileMode, F_OK, S_IFDIR, S_IFMT, X_OK } from "../sys/fs.ts";
import { defaultSignal, restoreDisposition, saveDisposition, SIG_SETMASK, sigprocmask } from "../sys/sigaction.ts";

/** One step of the child's set-up, applied in order before exec. */
export type FileAction =
  | { readonly op: "dup2"; readonly from: number; readonly to: number }
  | { readonly op: "close"; readonly fd: number }
  | { readonly op: "chdir"; readonly path: string };

export interface SpawnRequest {
  /** The program to exec (already resolved: absolute, or relative to the child's cwd). */
  readonly path: string;
  readonly argv: readonly string[];
  /** "NAME=value" strings. The built pointer vector is cached by array identity: pass the same
   *  array while the exported variables are unchanged, and never mutate it after a spawn. */
  readonly envp: readonly string[];
  readonly actions: readonly FileAction[];
  /** undefined: stay in the shell's process group; 0: new group with pgid = pid; N: join N. */
  readonly pgroup?: number;
  /** The child makes its process group the terminal's foreground group (tcsetpgrp on ttyFd, a
   *  descriptor of the shell as it is before the dup2 actions). Requires `pgroup`. */
  readonly foreground?: { readonly ttyFd: number };
  /** Signals reset to SIG_DFL in the child: every signal the shell catches or ignores for its
   *  own reasons, but not those the user ignored with `trap ''` (they stay ignored, as POSIX
   *  requires). SIGPIPE and SIGXFSZ are added (Bun ignores them) unless `sigDefaultComplete`.
   *  The built sigset is cached. */
  readonly sigDefault: readonly number[];
  /** sigDefault is the whole list (the dispositions owner's childSigDefault(), which leaves out
   *  PIPE/XFSZ exactly when the user ignored them with trap ''): add nothing to it. */
  readonly sigDefaultComplete?: boolean;
  /** After the actions, close every fd >= closeFrom. Default: 3, or one past the highest dup2
   *  target. A user fd the child must keep (exec 3>f) needs a dup2(3, 3) action, which also
   *  clears its close-on-exec flag. */
  readonly closeFrom?: number;
}

export type SpawnResult = { readonly pid: number } | { readonly errno: number };

const SIGPIPE = 13;
const SIGXFSZ = 25;

// posix_spawnattr flags.
const POSIX_SPAWN_SETPGROUP = 0x02;
const POSIX_SPAWN_SETSIGDEF = 0x04;
const POSIX_SPAWN_SETSIGMASK = 0x08;

// The spawn call is synchronous, so one set of control blocks is reused for every spawn.
const fileActions = new Uint8Array(SIZEOF_SPAWN_FILE_ACTIONS);
const attr = new Uint8Array(SIZEOF_SPAWNATTR);
const pidOut = new Int32Array(1);
let emptyMask: Uint8Array | undefined;

const envCache = new WeakMap<readonly string[], CStrArray>();
const sigDefCache = new WeakMap<readonly number[], Uint8Array>();
// Command paths repeat (a loop runs the same program); cap the cache so it cannot grow forever.
const pathCache = new Map<string, Uint8Array>();
const PATH_CACHE_MAX = 512;

function envVector(envp: readonly string[]): CStrArray {
  let v = envCache.get(envp);
  if (v === undefined) {
    v = cstrArray(envp);
    envCache.set(envp, v);
  }
  return v;
}

// Callers often build a fresh array per spawn (filtering the shell's list), so a miss on the
// identity cache falls back to a cache keyed by the set's contents (a bitmask of signals 1-64).
const sigDefByMask = new Map<string, Uint8Array>();

function sigDefaultSet(sigs: readonly number[], complete = false): Uint8Array {
  let set = complete ? undefined : sigDefCache.get(sigs);
  if (set !== undefined) return set;
  let lo = 0;
  let hi = 0;
  for (const s of sigs) {
    if (s >= 1 && s <= 32) lo |= 1 << (s - 1);
    else if (s > 32 && s <= 64) hi |= 1 << (s - 33);
  }
  const key = `${lo >>> 0}.${hi >>> 0}${complete ? ".c" : ""}`;
  set = sigDefByMask.get(key);
  if (set === undefined) {
    const C = libc();
    set = new Uint8Array(SIZEOF_SIGSET);
    C.sigemptyset(set);
    if (!complete) {
      C.sigaddset(set, SIGPIPE);
      C.sigaddset(set, SIGXFSZ);
    }
    for (const s of sigs) C.sigaddset(set, s);
    sigDefByMask.set(key, set);
  }
  if (!complete) sigDefCache.set(sigs, set);
  return set;
}

function pathBytes(path: string): Uint8Array {
  let b = pathCache.get(path);
  if (b === undefined) {
    if (pathCache.size >= PATH_CACHE_MAX) pathCache.clear();
    b = cstr(path);
    pathCache.set(path, b);
  }
  return b;
}

/** Observer for the teaching mode (src/explain): sees every request and its result. */
export type SpawnTracer = (req: SpawnRequest, result: SpawnResult) => void;
let tracer: SpawnTracer | undefined;
export function setSpawnTracer(t: SpawnTracer | undefined): void {
  tracer = t;
}

/** Start a child process. Never throws for a system error; returns { errno } instead. */
export function spawn(req: SpawnRequest): SpawnResult {
  const result = spawnRaw(req);
  if (tracer !== undefined) tracer(req, result);
  return result;
}

function spawnRaw(req: SpawnRequest): SpawnResult {
  const C = libc();
  if (req.foreground !== undefined && req.pgroup === undefined) return { errno: EINVAL };
  const X = libcExtensions();

  let rc = C.posix_spawn_file_actions_init(fileActions);
  if (rc !== 0) return { errno: rc };
  rc = C.posix_spawnattr_init(attr);
  if (rc !== 0) {
    C.posix_spawn_file_actions_destroy(fileActions);
    return { errno: rc };
  }
  try {
    // Terminal hand-off first: ttyFd names the shell's descriptor, before any dup2 replaces it.
    if (req.foreground !== undefined) {
      if (X === null) return { errno: ENOSYS };
      rc = X.posix_spawn_file_actions_addtcsetpgrp_np(fileActions, req.foreground.ttyFd);
      if (rc !== 0) return { errno: rc };
    }
    let maxTarget = 2;
    for (const a of req.actions) {
      switch (a.op) {
        case "dup2":
          rc = C.posix_spawn_file_actions_adddup2(fileActions, a.from, a.to);
          if (a.to > maxTarget) maxTarget = a.to;
          break;
        case "close":
          rc = C.posix_spawn_file_actions_addclose(fileActions, a.fd);
          break;
        case "chdir":
          // glibc copies the path, so the temporary buffer may die after this call.
          if (X === null) return { errno: ENOSYS };
          rc = X.posix_spawn_file_actions_addchdir_np(fileActions, cstr(a.path));
          break;
      }
      if (rc !== 0) return { errno: rc };
    }
    const closeFrom = req.closeFrom ?? maxTarget + 1;
    if (X !== null) {
      rc = X.posix_spawn_file_actions_addclosefrom_np(fileActions, closeFrom);
      if (rc !== 0) return { errno: rc };
    }

    let flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
    if (req.pgroup !== undefined) {
      flags |= POSIX_SPAWN_SETPGROUP;
      C.posix_spawnattr_setpgroup(attr, req.pgroup);
    }
    C.posix_spawnattr_setsigdefault(attr, sigDefaultSet(req.sigDefault, req.sigDefaultComplete === true));
    if (emptyMask === undefined) {
      emptyMask = new Uint8Array(SIZEOF_SIGSET);
      C.sigemptyset(emptyMask);
    }
    C.posix_spawnattr_setsigmask(attr, emptyMask);
    C.posix_spawnattr_setflags(attr, flags);

    // argv and envp must stay referenced until posix_spawn returns: `argv` and `env` are locals
    // that live across the call.
    const argv = cstrArray(req.argv);
    const env = envVector(req.envp);
    rc = C.posix_spawn(pidOut, pathBytes(req.path), fileActions, attr, argv.arr, env.arr);
    keepAlive(argv, env);
    if (rc !== 0) return { errno: rc };
    return { pid: pidOut[0]! };
  } finally {
    C.posix_spawnattr_destroy(attr);
    C.posix_spawn_file_actions_destroy(fileActions);
  }
}

// A call the optimizer cannot drop, so the vectors are provably alive until after posix_spawn.
let sink: unknown;
function keepAlive(a: CStrArray, b: CStrArray): void {
  sink = a.keep.length + b.keep.length;
}

/** What the shell reports when a command cannot be run. */
export interface CommandFailure {
  readonly status: 126 | 127;
  /** The text after "ipsh: <name>: " as bash prints it. */
  readonly message: string;
  /** The word bash names in the message: the command name, or the full path it found. */
  readonly subject: string;
}

function isDirectory(path: string): boolean {
  const m = fileMode(path);
  return m >= 0 && (m & S_IFMT) === S_IFDIR;
}

/** access(2) with the effective ids, as a positive errno (0 = allowed). */
function accessErrno(path: string, mode: number): number {
  return -checkAccess(path, mode);
}

/**
 * Bash's command search for a name that is not a function or builtin.
 * - A name with a slash is used as is (relative to `cwd`): missing -> 127 "No such file or
 *   directory"; a directory -> 126 "Is a directory"; not executable -> 126 "Permission denied";
 *   any other error -> 126 with its message ("Not a directory").
 * - Otherwise PATH is searched in order (an empty entry means the current directory; a relative
 *   entry is relative to it). The first executable non-directory wins. If none, but the first
 *   existing entry met was a plain file, bash tries that one and reports 126 "Permission denied"
 *   naming its full path; if it was a directory, or nothing existed, 127 "command not found".
 * - PATH unset (undefined): only the current directory is searched, and the miss reads
 *   "No such file or directory" (bash 5.2).
 * `cwd` is the shell's logical cwd; paths are joined by plain concatenation so the kernel
 * resolves ".." physically, as exec from that directory would.
 */
export function resolveCommand(name: string, PATH: string | undefined, cwd: string): string | CommandFailure {
  if (name === "") return { status: 127, message: "command not found", subject: name };
  if (name.includes("/")) {
    const full = name[0] === "/" ? name : joinPath(cwd, name);
    const e = accessErrno(full, X_OK);
    if (e === ENOENT) return { status: 127, message: strerror(ENOENT), subject: name };
    if (e !== 0) return { status: 126, message: strerror(e), subject: name };
    if (isDirectory(full)) return { status: 126, message: "Is a directory", subject: name };
    return full;
  }
  const dirs = PATH === undefined ? [""] : PATH.split(":");
  let firstNonExec: string | undefined;
  let firstIsDir = false;
  for (const entry of dirs) {
    const dir = entry === "" ? cwd : entry[0] === "/" ? entry : joinPath(cwd, entry);
    const full = joinPath(dir, name);
    const mode = fileMode(full);
    if (mode < 0) continue; // ENOENT, or ENOTDIR/ELOOP/EACCES on a component: not found here
    const dirHit = (mode & S_IFMT) === S_IFDIR;
    if (!dirHit && accessErrno(full, X_OK) === 0) return full;
    if (firstNonExec === undefined) {
      firstNonExec = full;
      firstIsDir = dirHit;
    }
  }
  if (firstNonExec !== undefined && !firstIsDir) {
    return { status: 126, message: strerror(EACCES), subject: firstNonExec };
  }
  if (PATH === undefined) return { status: 127, message: strerror(ENOENT), subject: name };
  return { status: 127, message: "command not found", subject: name };
}

function joinPath(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : dir + "/" + name;
}

/**
 * Status and message for a spawn that failed with `err` (bash 5.2's shell_execve reporting):
 * - ENOENT for a file that exists means its #! interpreter is missing:
 *   127 "cannot execute: required file not found"; otherwise 127 "No such file or directory";
 * - EACCES on a directory reads 126 "Is a directory";
 * - ENOEXEC is normally not a failure (the shell runs the script itself, see noExecKind), but a
 *   binary file reads 126 "cannot execute binary file: Exec format error";
 * - anything else: 126 with strerror.
 */
export function spawnFailure(err: number, name: string, path: string): CommandFailure {
  if (err === ENOENT) {
    if (accessErrno(path, F_OK) === 0) return { status: 127, message: "cannot execute: required file not found", subject: name };
    return { status: 127, message: strerror(ENOENT), subject: name };
  }
  if (err === EACCES && isDirectory(path)) return { status: 126, message: "Is a directory", subject: name };
  if (err === ENOEXEC) return { status: 126, message: `cannot execute binary file: ${strerror(err)}`, subject: name };
  return { status: 126, message: strerror(err), subject: name };
}

/**
 * What to do with a file posix_spawn rejected with ENOEXEC: bash reads its first 80 bytes and
 * calls it binary if a NUL comes before the first newline ("script": run it as a shell script
 * in a subshell, with $0 = the name; "binary": report spawnFailure(ENOEXEC)). -errno if unreadable.
 */
export function noExecKind(path: string): "script" | "binary" | number {
  const fd = openFile(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fd;
  const sample = new Uint8Array(80);
  const n = readChunk(fd, sample);
  closeFd(fd);
  if (n < 0) return n;
  for (let i = 0; i < n; i++) {
    const c = sample[i]!;
    if (c === 0x0a) return "script";
    if (c === 0) return "binary";
  }
  return "script";
}

/**
 * The `exec` builtin with a command: replace the shell's process image with execve.
 * Ignored dispositions survive exec and Bun ignores SIGPIPE and SIGXFSZ, so those and
 * every signal in `sigDefault` (the shell's own catches and ignores, not the user's `trap ''`)
 * are reset to SIG_DFL and the signal mask is emptied first. The caller has already arranged the
 * fds the new program keeps (without FD_CLOEXEC). Returns only on failure, with the errno, after
 * putting every disposition and the mask back as they were.
 */
export function execReplace(path: string, argv: readonly string[], envp: readonly string[], sigDefault: readonly number[]): number {
  const C = libc();
  const sigs = [SIGPIPE, SIGXFSZ, ...sigDefault];
  const saved: [number, Uint8Array][] = [];
  for (const s of sigs) {
    const d = saveDisposition(s);
    if (typeof d === "number") continue;
    saved.push([s, d]);
    defaultSignal(s);
  }
  if (emptyMask === undefined) {
    emptyMask = new Uint8Array(SIZEOF_SIGSET);
    C.sigemptyset(emptyMask);
  }
  const oldMask = sigprocmask(SIG_SETMASK, emptyMask);
  const argvC = cstrArray(argv);
  const envC = cstrArray(envp);
  C.execve(cstr(path), argvC.arr, envC.arr);
  const err = errno();
  keepAlive(argvC, envC);
  if (typeof oldMask !== "number") sigprocmask(SIG_SETMASK, oldMask);
  for (const [s, d] of saved) restoreDisposition(s, d);
  return err;
}
