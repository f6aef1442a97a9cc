// A write to a pipe whose reader is gone: a shell (or subshell) with SIGPIPE ignored is not
// killed, the builtin fails with "write error: Broken pipe" (bash 5.2), in a synchronous stage as
// in two concurrent in-process stages; without the trap the stage ends with 141.
import { describe, expect, it } from "vitest";
import { sameAsBash } from "../helpers/shells.ts";

describe("SIGPIPE ignored", () => {
  sameAsBash(
    [
      ["in a subshell stage next to an in-process stage", "(trap '' PIPE; sleep 0.2; echo hi; echo st=$? >&2; times; echo st=$? >&2; printf x; echo st=$? >&2) | true; echo ${PIPESTATUS[@]}"],
      ["in a subshell stage next to an external stage", "(trap '' PIPE; sleep 0.2; echo hi; echo st=$? >&2) | /bin/true; echo ${PIPESTATUS[@]}"],
      ["inherited by the stages", "trap '' PIPE; { sleep 0.2; echo hi; echo st=$? >&2; } | true"],
      ["not trapped: the stage dies", "{ sleep 0.2; echo hi; echo st=$? >&2; } | true; echo ${PIPESTATUS[@]}"],
    ],
    it,
    expect,
  );
});
