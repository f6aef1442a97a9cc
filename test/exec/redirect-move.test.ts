// N>&M- moves M to N for one command. bash 5.2 restores N afterwards but, when N was not open
// before and the shell ran the command itself (builtin, function, compound command), leaves M
// closed; a forked command (external, subshell) does not touch the shell's M. Compared with bash.
import { describe, expect, it } from "vitest";
import { sameAsBash } from "../helpers/shells.ts";

const pre = "exec 7>f.txt; ";
const post = "; echo after >&7; echo st=$?; cat f.txt";

describe("N>&M- and what is left open afterwards", () => {
  sameAsBash(
    [
      "echo moved >&6 6>&7-",
      ": 6>&7-",
      "/bin/true 6>&7-",
      "{ :; } 6>&7-",
      "f() { :; }; f 6>&7-",
      "(:) 6>&7-",
      ": 7>&7-",
      ": 1>&7-",
      "exec 6>/dev/null; : 6>&7-",
      "x=7; : 6>&$x-",
      ": 6<&7-",
      "exec 6>&7-; echo six >&6",
      "6>&7-",
      "x=1 6>&7-",
    ].map((c) => [c, pre + c + post] as const),
    it,
    expect,
  );
});

describe("a pipeline stage without a command name", () => {
  sameAsBash(
    [
      ["redirections only", "echo FOO > file2; < file2 | tr A-Z a-z; echo end $?; > out | cat; ls out; echo a | > out2; cat out2; echo ${PIPESTATUS[@]}"],
      ["assignments only", "x=1 | cat; echo $x ${PIPESTATUS[@]}"],
    ],
    it,
    expect,
  );
});
