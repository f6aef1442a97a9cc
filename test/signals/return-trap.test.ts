// The RETURN trap (bash 5.2): after a function whose context sees it (set -T or declare -ft), in
// the function's context (FUNCNAME, locals, $1..., $? of its last command); after a sourced file,
// which needs no functrace (and after the source frame is gone). The call's or file's status stays.
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sameAsBash } from "../helpers/shells.ts";

const dir = tmpdir();
const ret = join(dir, "ipsh-rt-ret.sh");
const fail = join(dir, "ipsh-rt-false.sh");
const sets = join(dir, "ipsh-rt-sets.sh");
writeFileSync(ret, "echo in-src; return 4\n");
writeFileSync(fail, "false\n");
writeFileSync(sets, 'trap "echo RET-inner" RETURN\n');

describe("RETURN trap", () => {
  sameAsBash(
    [
      ["in the function's context", 'set -T; trap "echo RET \\$FUNCNAME \\$loc \\$1 \\$?" RETURN; f() { local loc=L; false; return 4; }; f arg; echo st=$?; g() { local loc=G; false; }; g x; echo st=$?'],
      ["not without functrace", 'trap "echo RET" RETURN; f() { return 4; }; f; echo $?'],
      ["after a sourced file", `trap "echo RET \\$?" RETURN; . ${ret}; echo after $?; . ${fail}; echo $?`],
      ["after a file sourced in a function", `set -T; trap "echo RET \\$FUNCNAME" RETURN; f() { . ${ret}; }; f`],
      ["set by the sourced file itself", `. ${sets}; echo after; trap -p RETURN`],
    ],
    it,
    expect,
  );
});
