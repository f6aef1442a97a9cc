// Pseudo-terminal pairs (posix_openpt), for tests and for anything that must give a child a
// terminal it does not share with the shell. The master is O_CLOEXEC; the slave is opened with
// O_NOCTTY so opening it never makes it the caller's controlling terminal.
import { readCStr } from "./cstring.ts";
import { errno } from "./errno.ts";
import { closeFd, openFile, O_CLOEXEC, O_NOCTTY, O_RDWR } from "./fd.ts";
import { libc } from "./libc.ts";

export interface Pty {
  readonly master: number;
  readonly slave: number;
  /** The slave's path, /dev/pts/N. */
  readonly path: string;
}

/** A new pty pair, or -errno. The caller closes both fds. */
export function openPty(): Pty | number {
  const C = libc();
  const master = C.posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) return -errno();
  const name = new Uint8Array(128);
  let e = 0;
  if (C.grantpt(master) !== 0 || C.unlockpt(master) !== 0) e = errno();
  else {
    const r = C.ptsname_r(master, name, name.length);
    if (r !== 0) e = r;
  }
  if (e !== 0) {
    closeFd(master);
    return -e;
  }
  const path = readCStr(name);
  const slave = openFile(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave < 0) {
    closeFd(master);
    return slave;
  }
  return { master, slave, path };
}
