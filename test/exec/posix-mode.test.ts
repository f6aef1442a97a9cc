// What `set -o posix` (and `--posix`) changes besides the posix flag, as bash's posix_initialize
// does: alias expansion, inherit_errexit and shift_verbose on; leaving it turns alias expansion
// back to the non-interactive default and shift_verbose off. A re-executed background job gets
// the same options (posix first, then what differs from it).
import { describe, expect, it } from "vitest";
import { sameAsBash, run, IPSH } from "../helpers/shells.ts";

describe("POSIX mode options", () => {
  sameAsBash(
    [
      ["set -o posix and back", "set -o posix; shopt inherit_errexit shift_verbose expand_aliases; set +o posix; shopt inherit_errexit shift_verbose expand_aliases"],
      ["aliases in a script in POSIX mode", "set -o posix; alias e=echo empty=''\ne hi\nempty\necho st=$?; f() { e in f; }; f; (e sub); echo $(e cs)"],
      ["leaving POSIX mode turns alias expansion off", "shopt -s expand_aliases; alias e=echo\nset -o posix; set +o posix\ne hi"],
      ["shift count out of range is reported in POSIX mode", "set -o posix; set -- a; shift 3; echo $?"],
      ["a background job keeps posix and an explicit shopt -u", "set -o posix; shopt -u expand_aliases; alias e=echo\n{ e bg; } & wait"],
      ["a background job in POSIX mode expands aliases", "set -o posix; alias e=echo\n{ e bg; shopt expand_aliases; } & wait"],
    ],
    it,
    expect,
  );
  it("--posix on the command line", () => {
    const a = run([IPSH, "--posix", "-c", "shopt inherit_errexit shift_verbose expand_aliases"]);
    const b = run(["bash", "--posix", "-c", "shopt inherit_errexit shift_verbose expand_aliases"]);
    expect(a.stdout).toBe(b.stdout);
  });
});
