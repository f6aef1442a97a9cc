// Prompt decoding compared with bash itself: bash's ${x@P} decodes a string as it decodes PS1.
// The context is filled from the same sources bash uses (user name, host name, $PWD, $HOME).
// Skipped when /usr/bin/bash is missing.
import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { decodePrompt } from "../../src/interactive/prompt.ts";

const BASH = "/usr/bin/bash";
const PROMPTS = [
  "\\u@\\h:\\w\\$ ", "\\H", "\\W", "\\s-\\v \\V", "\\j", "\\n\\r\\\\", "\\a\\e", "\\101\\0101\\01x", "\\q\\x\\%",
  "\\D{%Y}", "\\w with dirtrim", "end\\", "\\7", "\\0a\\12", "\\1234",
];

function bashDecode(ps: string, cwd: string, home: string, dirtrim: string): string {
  const q = (s: string) => "'" + s.replace(/'/g, "'\\''") + "'";
  const script = `PROMPT_DIRTRIM=${dirtrim}; cd ${q(cwd)} && x=${q(ps)} && printf %s "\${x@P}"`;
  const r = Bun.spawnSync([BASH, "-c", script], { stdout: "pipe", env: { ...process.env, HOME: home }, cwd });
  return r.stdout.toString();
}

describe.skipIf(!fs.existsSync(BASH))("decodePrompt matches bash ${x@P}", () => {
  const home = fs.realpathSync(os.tmpdir());
  const cwd = fs.mkdtempSync(path.join(home, "ipsh-ps-"));
  const deep = path.join(cwd, "a", "b", "c");
  fs.mkdirSync(deep, { recursive: true });
  for (const [dir, trim] of [[cwd, "0"], [deep, "2"], ["/", "0"], [home, "0"]] as const) {
    for (const ps of PROMPTS) {
      it(`${JSON.stringify(ps)} in ${dir} (PROMPT_DIRTRIM=${trim})`, () => {
        const want = bashDecode(ps, dir, home, trim);
        const got = decodePrompt(ps, {
          user: Bun.spawnSync(["id", "-un"]).stdout.toString().trim(),
          host: os.hostname(),
          cwd: dir,
          home,
          jobs: 0,
          historyNumber: 1,
          commandNumber: 1,
          euid: process.geteuid!(),
          shellName: "bash",
          version: "5.2",
          release: "5.2.15",
          dirTrim: Number(trim),
          promptvars: true,
        });
        // ${x@P} also runs the promptvars expansion; our output is quoted for it: undo the quoting.
        expect(got.replace(/\\([$`"\\])/g, "$1")).toBe(want);
      });
    }
  }
  it("cleans up", () => fs.rmSync(cwd, { recursive: true, force: true }));
});
