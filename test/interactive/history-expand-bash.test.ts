// History expansion compared with bash itself: for each input, bash 5.2 runs `history -p` over the
// same history (set up with `history -s`) and our historyExpand must print the same line, or fail
// where bash fails. Skipped when /usr/bin/bash is missing.
import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import { historyExpand, HistoryExpandState } from "../../src/interactive/history-expand.ts";

const BASH = "/usr/bin/bash";
const HISTORY = [
  "echo one two three",
  "ls -l /usr/local/lib/libfoo.so.1 | grep x > out.txt",
  'git commit -m "a message" --amend',
];
const INPUTS = [
  "!!", "!-2", "!-3:0", "!ec", "!?usr?", "!?usr?:%", "!!:2", "!!:$", "!^", "!*", "!!:1-3", "!!:2*", "!!:3-",
  "!-2:2:h", "!-2:2:t", "!-2:2:r", "!-2:2:e", "!-2:2:t:r", "!-2:2:h:h", "!ls:5-$", "!!:gs/m/M/", "!!:s/m/[&]/",
  "!-2:s/o/0/:g", "!!:q", "!-3:x", "x!!y", "!git:0-1", "a !-3:1-2 b", "!!:s^a^b^", "!-3:^-$", "!-2:1*",
  "!-2:3-5", "!-2:0-$", "!!:9", "!-9", "!zzz", "!?none?", "echo \\!! '!!' \"!!\"", "!!:s/zz/y/", "!-3:*:s/o/0/",
  "!-3:2-:s/e/E/", "!!:G", "!e:p", "cd !$:h", "!?two",
];

function bashExpand(input: string): string | undefined {
  const q = (s: string) => "'" + s.replace(/'/g, "'\\''") + "'";
  const script = ["set -o history", ...HISTORY.map((l) => `history -s ${q(l)}`), `history -p ${q(input)}`].join("\n");
  const r = Bun.spawnSync([BASH, "-c", script], { stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) return undefined;
  return r.stdout.toString().replace(/\n$/, "");
}

describe.skipIf(!fs.existsSync(BASH))("history expansion matches bash history -p", () => {
  const hist = { nextNumber: HISTORY.length + 1, line: (n: number) => HISTORY[n - 1] };
  for (const input of INPUTS) {
    it(input, () => {
      const want = bashExpand(input);
      const got = historyExpand(input, hist, new HistoryExpandState());
      if (want === undefined) expect(got.ok, JSON.stringify(got)).toBe(false);
      else expect(got.ok ? got.line : got.error).toBe(want);
    });
  }
});
