// The variable of for and select: a name that is not an identifier, or a readonly variable, ends
// the loop with status 1 and the shell goes on; POSIX mode exits a non-interactive shell (bash 5.2).
import { describe, expect, it } from "vitest";
import { sameAsBash } from "../helpers/shells.ts";

describe("for/select variable errors match bash", () => {
  sameAsBash(
    [
      ["for with an invalid name", "for i.j in a b; do echo hi; done; echo $?\necho next"],
      ["the name is not expanded, the words are not either", "for $x in $(echo x >&2); do echo hi; done; echo $?"],
      ["for with a readonly variable", "readonly r; for r in a b; do echo hi; done; echo $?\necho next"],
      ["select with an invalid name", "select i.j in a; do echo hi; done </dev/null; echo $?"],
      ["select with a readonly variable", "PS3=$'>\\n'; readonly r; select r in a; do echo hi; done <<< 1; echo $?"],
      ["POSIX mode: an invalid name exits", "set -o posix; for i.j in a; do echo hi; done; echo $?\necho next"],
      ["POSIX mode: a readonly variable exits", "set -o posix; readonly r; for r in a; do echo hi; done\necho next"],
    ],
    it,
    expect,
  );
});
