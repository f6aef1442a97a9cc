// File-system calls that node:fs does not offer with the semantics a shell needs.
//
// - Access checks: `test -r/-w/-x` and the command search ask the kernel with the EFFECTIVE ids
//   (euidaccess, as bash's test does with eaccess), which also gets root right: root may read
//   and write anything, but may execute only files with at least one x bit.
// - FIFOs and device nodes (mkfifo(1)-style helpers, process substitution fallbacks).
import { cstr } from "./cstring.ts";
import { errno } from "./errno.ts";
import { libc } from "./libc.ts";

// st_mode file types.
export const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
export const S_IFIFO = 0o010000;
export const S_IFLNK = 0o120000;

const statBuf = new Uint8Array(144); // struct stat on x86_64
const statView = new DataView(statBuf.buffer);

/** stat(path) (following symlinks): st_mode, or -errno. A cheap existence/type probe without
 *  node:fs exceptions, for the command search and `test -d/-f`. */
export function fileMode(path: string): number {
  if (libc().stat(cstr(path), statBuf) !== 0) return -errno();
  return statView.getUint32(24, true);
}

/** stat(path).st_rdev (the device number of a device node), or -errno. */
export function deviceNumber(path: string): number {
  if (libc().stat(cstr(path), statBuf) !== 0) return -errno();
  return Number(statView.getBigUint64(40, true));
}

export const F_OK = 0;
export const X_OK = 1;
export const W_OK = 2;
export const R_OK = 4;

/** access check with the effective uid/gid: 0 if allowed, else -errno (EACCES, ENOENT...). */
export function checkAccess(path: string, mode: number): number {
  return libc().euidaccess(cstr(path), mode) === 0 ? 0 : -errno();
}

/** mkfifo(path, mode): 0 or -errno (EEXIST if the name is taken). mode is reduced by the umask. */
export function makeFifo(path: string, mode = 0o600): number {
  return libc().mkfifo(cstr(path), mode) === 0 ? 0 : -errno();
}

/** mknod(path, mode, dev): 0 or -errno. mode carries the file type bits (S_IFIFO, S_IFCHR...). */
export function makeNode(path: string, mode: number, dev = 0): number {
  return libc().mknod(cstr(path), mode, dev) === 0 ? 0 : -errno();
}
