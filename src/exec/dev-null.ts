// One shared descriptor for each direction of /dev/null.
//
// `>/dev/null`, `2>/dev/null` and `</dev/null` are the commonest redirections in real scripts
// (configure scripts put one on almost every probe). Opening the null device afresh each time
// costs a stat (the FIFO check), an open and a close; every open of it is interchangeable,
// because the device has no offset, no content and no flags that matter to a reader or writer.
// So the shell opens it once per direction and shares the descriptor, like the descriptors it
// inherited: the entry is never closed, and children get it through their dup2 file actions as
// they would a fresh open.
//
// Only the real device qualifies: the path must name the character device 1:3 (checked once).
// O_RDWR opens (`<>/dev/null`) and the teaching trace (which shows every open) take the
// ordinary path.

import { OsFd } from "./fd-table.ts";
import { openFile, O_ACCMODE, O_CLOEXEC, O_RDONLY, O_RDWR, O_WRONLY } from "../sys/fd.ts";
import { deviceNumber, fileMode, S_IFMT } from "../sys/fs.ts";

const S_IFCHR = 0o020000;
/** makedev(1, 3), glibc's encoding of the null device's number */
const NULL_DEVICE = 0x103;

let checked: boolean | undefined;
const shared: (OsFd | undefined)[] = [];

/** The shared entry for opening /dev/null with `flags`, or undefined when the ordinary open
 *  must be used (read-write, not the null device, or the open failed). */
export function sharedDevNull(flags: number): OsFd | undefined {
  const mode = flags & O_ACCMODE;
  if (mode === O_RDWR) return undefined;
  if (checked === undefined) {
    const m = fileMode("/dev/null");
    checked = m >= 0 && (m & S_IFMT) === S_IFCHR && deviceNumber("/dev/null") === NULL_DEVICE;
  }
  if (!checked) return undefined;
  let e = shared[mode];
  if (e === undefined) {
    const fd = openFile("/dev/null", (mode === O_WRONLY ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) return undefined;
    e = new OsFd(fd, true, "/dev/null");
    shared[mode] = e;
  }
  return e;
}
