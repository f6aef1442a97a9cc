// set -v / ipsh -v: input is echoed to standard error as it is read (src/exec/verbose.ts), in
// bash's order and units, for a script, standard input, -c, source and eval. stdout and stderr go
// to one stream here (2>&1) so that the interleaving is compared too.
import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IPSH, run, sameAsBash } from "../helpers/shells.ts";

const SCRIPT = `echo a; set -v; echo b
# a comment
if true; then
  echo in
fi
cat <<END
doc
END
f() { echo f; }
f
eval 'echo evald'
x=$(echo sub)
echo last # trailing
# end
`;

describe("set -v echoes input as it is read", () => {
  sameAsBash(
    [
      ["a -c string with -v set inside it (already read: not echoed)", "set -v; echo a 2>&1"],
      ["eval'd text is echoed", "{ set -v; eval 'echo one; echo two'; } 2>&1"],
      ["set +v stops it", "{ set -v; eval 'echo one'; set +v; eval 'echo two'; } 2>&1"],
    ],
    it,
    expect,
  );

  it("a script, the same script on standard input, and sourced: as bash", () => {
    const dir = mkdtempSync(join(tmpdir(), "ipsh-verbose-"));
    try {
      const file = join(dir, "s.sh");
      writeFileSync(file, SCRIPT);
      writeFileSync(join(dir, "src.sh"), `set -v\nsource ${file}\n`);
      for (const argv of [[file], [join(dir, "src.sh")]]) {
        const cmd = (sh: string) => run(["sh", "-c", `"$0" "$@" 2>&1`, sh, ...argv]).stdout;
        expect(cmd(IPSH)).toBe(cmd("bash"));
      }
      const viaStdin = (sh: string) => run(["sh", "-c", `"$0" 2>&1`, sh], { input: SCRIPT }).stdout;
      expect(viaStdin(IPSH)).toBe(viaStdin("bash"));
      expect(viaStdin(IPSH)).toContain("# a comment\nif true; then\n  echo in\nfi\nin\n");
      const dashV = (sh: string) => run([sh, "-v", "-c", "echo a\necho b"]).stderr;
      expect(dashV(IPSH)).toBe("echo a\necho b\n");
      expect(dashV(IPSH)).toBe(dashV("bash"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
