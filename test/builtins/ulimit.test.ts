// ulimit values as bash computes them: -c and -f count 1024-byte blocks (512 in POSIX mode), a
// limit whose size in bytes overflows bash's signed 64-bit type is "limit out of range".
import { describe, expect, it } from "vitest";
import { sameAsBash } from "../helpers/shells.ts";

describe("ulimit units and ranges match bash", () => {
  sameAsBash(
    [
      ["-f blocks of 1024 bytes", "exec 2>/dev/null; ulimit -f 1; ulimit -f; head -c 1500 /dev/zero > x; wc -c < x"],
      ["-f blocks of 512 bytes in POSIX mode", "exec 2>/dev/null; set -o posix; ulimit -f 1; ulimit -f; head -c 1500 /dev/zero > x; wc -c < x"],
      ["-c", "ulimit -Sc 3; ulimit -Sc; ulimit -Sa | grep -E 'core|pipe'"],
      ["out of range", "ulimit -f $(( (1 << 62) + 1 )); echo $?; ulimit -f; ulimit -f 36028797018963967; echo $?; ulimit -f 99999999999999999999; echo $?; ulimit -f 1000; ulimit -f"],
      ["not a number", "ulimit -n 1x; echo $?; ulimit -n '1000+24'; echo $?"],
    ],
    it,
    expect,
  );
});
