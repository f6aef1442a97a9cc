// $BASH_COMMAND: the command being executed, as bash prints it; in a trap action, the command the
// trap interrupted (DEBUG: the one about to run; ERR: the one that failed). Compared with bash.
import { describe, expect, it } from "vitest";
import { sameAsBash } from "../helpers/shells.ts";

const show = 'trap \'echo "[$BASH_COMMAND]"\' DEBUG; ';

describe("$BASH_COMMAND", () => {
  sameAsBash(
    [
      ["outside traps", 'echo "$BASH_COMMAND"; x=$BASH_COMMAND; echo "$x"'],
      ["in the DEBUG trap", show + 'x=1; echo "$x  y" > /dev/null; ls /nonexist* 2>/dev/null | cat; f() { echo in f; }; f a b; (( x++ )); [[ $x == 2 ]]; for i in 1; do :; done; y=$(echo sub); trap - DEBUG'],
      ["heads of for, case, select", show + "set -- a; for i; do :; done; case x in x) :;; esac; select s in a; do break; done </dev/null; trap - DEBUG"],
      ["a here-document", show + "cat <<EOF >/dev/null\nhi\nEOF\ntrap - DEBUG"],
      ["in the ERR trap", "trap 'echo \"failed: $BASH_COMMAND ($?)\"' ERR; false; ls /nonexist 2>/dev/null; x=$(false); [ 1 = 2 ]; f() { return 3; }; f"],
      ["in a signal trap", "trap 'echo \"during: $BASH_COMMAND\"' USR1; kill -USR1 $$; echo after"],
      ["assignments are ignored", 'BASH_COMMAND=x; echo "$BASH_COMMAND"'],
    ],
    it,
    expect,
  );
});
