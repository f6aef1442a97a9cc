// The open(2) status flags as /proc/PID/fdinfo shows them ("flags: 0102002", octal), Linux
// x86_64 values. One row per flag; the access mode (O_RDONLY/O_WRONLY/O_RDWR) is the low two
// bits and is decoded separately because it is a value, not a bit.

export const OPEN_FLAGS: ReadonlyArray<readonly [bit: number, name: string]> = [
  [0o100, "O_CREAT"],
  [0o200, "O_EXCL"],
  [0o400, "O_NOCTTY"],
  [0o1000, "O_TRUNC"],
  [0o2000, "O_APPEND"],
  [0o4000, "O_NONBLOCK"],
  [0o10000, "O_DSYNC"],
  [0o20000, "O_ASYNC"],
  [0o40000, "O_DIRECT"],
  [0o100000, "O_LARGEFILE"],
  [0o200000, "O_DIRECTORY"],
  [0o400000, "O_NOFOLLOW"],
  [0o1000000, "O_NOATIME"],
  [0o2000000, "O_CLOEXEC"],
  [0o4010000, "O_SYNC"], // O_SYNC includes the O_DSYNC bit
  [0o10000000, "O_PATH"],
];

const ACCESS = ["O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE?"];

/**
 * "O_WRONLY|O_APPEND|O_CLOEXEC" for the octal flags of fdinfo. O_LARGEFILE is left out: the
 * kernel sets it on every 64-bit open, so it says nothing about how the file was opened.
 */
export function describeOpenFlags(flags: number): string {
  const names = [ACCESS[flags & 3]!];
  for (const [bit, name] of OPEN_FLAGS) {
    if (name === "O_LARGEFILE") continue;
    if ((flags & bit) === bit) {
      if (name === "O_DSYNC" && (flags & 0o4010000) === 0o4010000) continue; // shown as O_SYNC
      names.push(name);
    }
  }
  return names.join("|");
}
