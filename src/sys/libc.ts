// The glibc bindings: the one place in ipsh that opens a native library.
//
// Everything the shell needs from the kernel that Bun does not offer (posix_spawn with ordered
// file actions and process-group/terminal hand-off, waitpid with WUNTRACED, raw fds, terminal
// modes, signal dispositions that survive exec) goes through these symbols. The library is opened
// lazily, on the first call of libc(), so a shell that never spawns (e.g. `ipsh -c 'echo hi'`) pays
// nothing for it.
//
// Conventions:
// - Pointer parameters are declared T.ptr and are passed a TypedArray (Bun passes its data
//   pointer, and keeps the array alive for the duration of the call) or a raw address from ptr()
//   whose buffer the caller keeps referenced until the call returns (see cstring.ts).
// - ssize_t/off_t results use i64_fast (a plain number for every realistic value).
// - Variadic C functions (open, fcntl, ioctl) are declared with their fixed integer/pointer
//   arguments; on x86_64 SysV that call sequence is what the variadic callee reads.
// - Symbols that only newer glibc versions have (the *_np spawn actions) live in a second table
//   opened separately, so an old libc degrades to "not supported" instead of failing to load.
//
// Struct sizes on x86_64 glibc (checked against the headers, see bun-runtime-facts.md §1.2):
// posix_spawn_file_actions_t 80, posix_spawnattr_t 336, sigset_t 128, struct termios 60,
// struct sigaction 152, struct rlimit 16, struct rusage 144, struct utsname 390, struct pollfd 8,
// struct stat 144 (st_mode u32 @24).
import { dlopen, FFIType as T } from "bun:ffi";

const I = T.i32;
const P = T.ptr;

/** Functions every supported glibc (>= 2.33) has. */
const CORE = {
  // process creation
  posix_spawn: { args: [P, P, P, P, P, P], returns: I },
  posix_spawn_file_actions_init: { args: [P], returns: I },
  posix_spawn_file_actions_destroy: { args: [P], returns: I },
  posix_spawn_file_actions_adddup2: { args: [P, I, I], returns: I },
  posix_spawn_file_actions_addclose: { args: [P, I], returns: I },
  posix_spawn_file_actions_addopen: { args: [P, I, P, I, T.u32], returns: I },
  posix_spawnattr_init: { args: [P], returns: I },
  posix_spawnattr_destroy: { args: [P], returns: I },
  posix_spawnattr_setflags: { args: [P, T.i16], returns: I },
  posix_spawnattr_setpgroup: { args: [P, I], returns: I },
  posix_spawnattr_setsigdefault: { args: [P, P], returns: I },
  posix_spawnattr_setsigmask: { args: [P, P], returns: I },
  execve: { args: [P, P, P], returns: I },
  // signal sets and dispositions
  sigemptyset: { args: [P], returns: I },
  sigfillset: { args: [P], returns: I },
  sigaddset: { args: [P, I], returns: I },
  sigismember: { args: [P, I], returns: I },
  sigprocmask: { args: [I, P, P], returns: I },
  sigaction: { args: [I, P, P], returns: I },
  signal: { args: [I, P], returns: P },
  kill: { args: [I, I], returns: I },
  killpg: { args: [I, I], returns: I },
  // waiting
  waitpid: { args: [I, P, I], returns: I },
  // file descriptors
  pipe2: { args: [P, I], returns: I },
  dup: { args: [I], returns: I },
  dup2: { args: [I, I], returns: I },
  dup3: { args: [I, I, I], returns: I },
  close: { args: [I], returns: I },
  open: { args: [P, I, T.u32], returns: I },
  read: { args: [I, P, T.u64], returns: T.i64_fast },
  write: { args: [I, P, T.u64], returns: T.i64_fast },
  lseek: { args: [I, T.i64, I], returns: T.i64_fast },
  fcntl: { args: [I, I, I], returns: I },
  ioctl: { args: [I, T.u64, P], returns: I },
  poll: { args: [P, T.u64, I], returns: I },
  memfd_create: { args: [P, T.u32], returns: I },
  isatty: { args: [I], returns: I },
  // file system
  mkfifo: { args: [P, T.u32], returns: I },
  mknod: { args: [P, T.u32, T.u64], returns: I },
  readlink: { args: [P, P, T.u64], returns: T.i64_fast },
  getdents64: { args: [I, P, T.u64], returns: T.i64_fast }, // glibc >= 2.30 (src/sys/dir.ts)
  stat: { args: [P, P], returns: I }, // an exported symbol since glibc 2.33
  access: { args: [P, I], returns: I },
  euidaccess: { args: [P, I], returns: I },
  umask: { args: [T.u32], returns: T.u32 },
  // process identity, groups, sessions
  getpid: { args: [], returns: I },
  getppid: { args: [], returns: I },
  getpgrp: { args: [], returns: I },
  setpgid: { args: [I, I], returns: I },
  getsid: { args: [I], returns: I },
  getuid: { args: [], returns: T.u32 },
  geteuid: { args: [], returns: T.u32 },
  getgid: { args: [], returns: T.u32 },
  getegid: { args: [], returns: T.u32 },
  // terminal
  tcgetpgrp: { args: [I], returns: I },
  tcsetpgrp: { args: [I, I], returns: I },
  tcgetattr: { args: [I, P], returns: I },
  tcsetattr: { args: [I, I, P], returns: I },
  posix_openpt: { args: [I], returns: I },
  grantpt: { args: [I], returns: I },
  unlockpt: { args: [I], returns: I },
  ptsname_r: { args: [I, P, T.u64], returns: I },
  // users, host, resources
  getpwnam: { args: [P], returns: P },
  getpwuid: { args: [T.u32], returns: P },
  uname: { args: [P], returns: I },
  getrusage: { args: [I, P], returns: I },
  getrlimit: { args: [I, P], returns: I },
  setrlimit: { args: [I, P], returns: I },
  // errors
  __errno_location: { args: [], returns: P },
  strerror: { args: [I], returns: P },
} as const;

/** glibc extensions newer than the baseline: addchdir_np 2.29, addclosefrom_np 2.34,
 *  addtcsetpgrp_np 2.35. */
const EXTENSIONS = {
  posix_spawn_file_actions_addchdir_np: { args: [P, P], returns: I },
  posix_spawn_file_actions_addclosefrom_np: { args: [P, I], returns: I },
  posix_spawn_file_actions_addtcsetpgrp_np: { args: [P, I], returns: I },
} as const;

function openCore() {
  return dlopen("libc.so.6", CORE).symbols;
}
function openExtensions() {
  return dlopen("libc.so.6", EXTENSIONS).symbols;
}

export type Libc = ReturnType<typeof openCore>;
export type LibcExtensions = ReturnType<typeof openExtensions>;

let core: Libc | undefined;
let ext: LibcExtensions | null | undefined;

/** The core glibc symbols (opened on first use). */
export function libc(): Libc {
  return (core ??= openCore());
}

/** The newer spawn actions, or null when this glibc lacks them. */
export function libcExtensions(): LibcExtensions | null {
  if (ext === undefined) {
    try {
      ext = openExtensions();
    } catch {
      ext = null;
    }
  }
  return ext;
}

// x86_64 glibc layout sizes used by the wrappers.
export const SIZEOF_SPAWN_FILE_ACTIONS = 80;
export const SIZEOF_SPAWNATTR = 336;
export const SIZEOF_SIGSET = 128;
export const SIZEOF_SIGACTION = 152;
export const SIZEOF_TERMIOS = 60;
