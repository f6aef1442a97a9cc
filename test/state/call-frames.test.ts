// FUNCNAME, BASH_SOURCE, BASH_LINENO and `caller` compared with bash 5.2 for a script run as a
// file, from standard input and sourced from -c: functions, `source` from the top level and
// from a function, and a function defined in a sourced file called from elsewhere.
import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IPSH, run } from "../helpers/shells.ts";

const LIB = `echo "lib top: F=(\${FUNCNAME[*]}) S=(\${BASH_SOURCE[*]}) L=(\${BASH_LINENO[*]})"
lf() {
  echo "lf: F=(\${FUNCNAME[*]}) S=(\${BASH_SOURCE[*]}) L=(\${BASH_LINENO[*]})"
  caller; caller 0; caller 1; echo "caller=$?"
}
lf
`;

const MAIN = `echo "top: F=(\${FUNCNAME[*]}) S=(\${BASH_SOURCE[*]}) L=(\${BASH_LINENO[*]}) n=\${#FUNCNAME[@]}"
caller; echo "top caller=$?"
f() {
  echo "f: F=(\${FUNCNAME[*]}) S=(\${BASH_SOURCE[*]}) L=(\${BASH_LINENO[*]})"
  source ./lib.sh
}
f
source lib.sh
lf
g() { lf; }
g
`;

function compare(ipshArgs: string[], bashArgs: string[], stdinFile?: string): void {
  const dir = mkdtempSync(join(tmpdir(), "ipsh-frames-"));
  try {
    writeFileSync(join(dir, "lib.sh"), LIB);
    writeFileSync(join(dir, "main.sh"), MAIN);
    const input = stdinFile ? readFileSync(join(dir, stdinFile), "utf8") : "";
    const a = run([IPSH, ...ipshArgs], { cwd: dir, input });
    const b = run(["/usr/bin/bash", ...bashArgs], { cwd: dir, input });
    expect(a.stdout).toBe(b.stdout);
    expect(a.status).toBe(b.status);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("call frames vs bash", () => {
  it("a script file (bottom frame main, line 0)", () => compare(["main.sh"], ["main.sh"]));
  it("standard input (no bottom frame; functions come from main)", () => compare([], [], "main.sh"));
  it("sourced from -c", () => compare(["-c", "source ./main.sh"], ["-c", "source ./main.sh"]));
});
