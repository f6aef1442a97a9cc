// Directory listing for pathname expansion: open(O_DIRECTORY) and a getdents64 loop.
//
// Why not node:fs readdirSync: it reads with a small buffer (about 80 getdents64 calls for a
// directory of 20000 names, where a 64 KiB buffer needs about 10) and, with withFileTypes,
// builds a Dirent object per entry; the glob workload spent most of its time there. The kernel
// already tells us each entry's type (d_type), which is all that `**` and a trailing `/` need in
// the common case.
//
// Decoding: a chunk of records is turned into one Latin-1 string, and each all-ASCII name is a
// slice of it (no per-name native call). A name with a byte >= 0x80 is decoded as UTF-8 on its
// own (invalid sequences become U+FFFD, as everywhere else in the shell; a leading U+FEFF is
// kept). "." and ".." are left out, as readdirSync does.
//
// struct linux_dirent64 (x86_64 and every other Linux ABI): u64 d_ino @0, s64 d_off @8,
// u16 d_reclen @16, u8 d_type @18, char d_name[] @19 (NUL-terminated, record padded to 8).
import { decodeUtf8 } from "./utf8.ts";
import { errno, EINTR } from "./errno.ts";
import { openFile, closeFd, O_CLOEXEC, O_DIRECTORY, O_NONBLOCK, O_RDONLY } from "./fd.ts";
import { libc } from "./libc.ts";

/** d_type values. DT_UNKNOWN means the file system does not say: ask lstat. */
export const DT_UNKNOWN = 0;
export const DT_DIR = 4;
export const DT_LNK = 10;

export interface DirEntries {
  /** entry names, in the order the kernel gives them ("." and ".." left out) */
  names: string[];
  /** d_type of each name (DT_UNKNOWN when the file system does not fill it in) */
  types: number[];
  /** some name holds a UTF-16 surrogate pair (a character above U+FFFF), where the
   *  JavaScript string order differs from the byte order of UTF-8 */
  surrogates: boolean;
}

let buf: Buffer | undefined;
const SURROGATE = /[\uD800-\uDFFF]/;

/** The entries of directory `path`, or -errno when it cannot be opened (ENOENT, ENOTDIR,
 *  EACCES...). A read error part-way returns what was read until then. */
export function readDirectory(path: string): DirEntries | number {
  // O_NONBLOCK as glibc's opendir: never wait on a device; O_DIRECTORY fails a FIFO before any open.
  const fd = openFile(path, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0) return fd;
  const b = (buf ??= Buffer.allocUnsafe(1 << 16));
  const names: string[] = [];
  const types: number[] = [];
  let surrogates = false;
  try {
    const C = libc();
    for (;;) {
      const n = C.getdents64(fd, b, b.length);
      if (n <= 0) {
        if (n < 0 && errno() === EINTR) continue;
        break;
      }
      const s = b.toString("latin1", 0, n);
      for (let off = 0; off < n; off += b[off + 16]! | (b[off + 17]! << 8)) {
        const start = off + 19;
        let end = start;
        let high = 0;
        for (let c = b[end]!; c !== 0; c = b[++end]!) high |= c;
        let name: string;
        if (high < 0x80) {
          name = s.slice(start, end);
          // "." and ".."
          if (b[start] === 46 && (end === start + 1 || (end === start + 2 && b[start + 1] === 46))) continue;
        } else {
          name = decodeUtf8(b.subarray(start, end));
          // characters above U+FFFF and escaped bytes (src/sys/utf8.ts) are surrogates in UTF-16
          if (!surrogates) surrogates = SURROGATE.test(name);
        }
        names.push(name);
        types.push(b[off + 18]!);
      }
    }
  } finally {
    closeFd(fd);
  }
  return { names, types, surrogates };
}
