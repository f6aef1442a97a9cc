// The executor's view of the system layer: the src/sys wrappers it uses, plus the few
// compositions that only the executor needs (memfds holding text, the process umask kept in
// step with the shell state's umask).
import { fsPath } from "../sys/utf8.ts";
import { statSync } from "node:fs";
import { libc } from "../sys/libc.ts";
import { closeFd, memfdWith, openFile } from "../sys/fd.ts";

export { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND, O_EXCL, O_CLOEXEC } from "../sys/fd.ts";
export { EEXIST, EPIPE, EBADF } from "../sys/errno.ts";
export { strerror } from "../sys/errno.ts";

let processUmask = -1;

/** Make the process umask equal `mask` (a subshell clone may have its own). */
export function ensureUmask(mask: number): void {
  if (processUmask !== mask) {
    libc().umask(mask);
    processUmask = mask;
  }
}

/** open() with the shell state's umask in force. fd or -errno. */
export function open(path: string, flags: number, mode: number, umask: number): number {
  ensureUmask(umask);
  return openFile(path, flags, mode);
}

export function close(fd: number): void {
  closeFd(fd);
}

export function isRegularFile(path: string): boolean {
  try {
    return statSync(fsPath(path), { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** An anonymous in-memory file holding `text`, positioned at its start (here-documents). fd or -errno. */
export function memfdWithText(text: string): number {
  return memfdWith(text);
}
