// Terminal hand-off for foreground jobs, in a real pseudo-terminal: a Bun child running as
// session leader (like an interactive ipsh) spawns jobs with `foreground`, and ^Z stops the job,
// not the shell. Driven through Bun.spawn({ terminal }).
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("foreground jobs in a pty", () => {
  it("hands the terminal to the child's group, gets it back, and sees ^Z stop the job", async () => {
    let out = "";
    const dec = new TextDecoder();
    const proc = Bun.spawn([process.execPath, join(import.meta.dirname, "fixtures/foreground-job.ts")], {
      terminal: { cols: 80, rows: 24, data: (_t: unknown, d: Uint8Array) => { out += dec.decode(d); } },
    });
    const waitFor = async (re: RegExp, ms = 5000) => {
      const end = Date.now() + ms;
      while (!re.test(out)) {
        if (Date.now() > end) throw new Error(`timeout waiting for ${re} in ${JSON.stringify(out)}`);
        await Bun.sleep(5);
      }
    };
    try {
      await waitFor(/cat-ready pid=(\d+)/);
      await Bun.sleep(50);
      proc.terminal!.write("\x1a");
      await waitFor(/done/);
    } finally {
      proc.kill();
    }
    const shell = Number(/shell pgrp=(\d+) tpgid=(\d+)/.exec(out)![1]);
    expect(/shell pgrp=(\d+) tpgid=(\d+)/.exec(out)![2]).toBe(String(shell));
    const child = /child pid=(\d+) tpgid=(\d+)/.exec(out)!;
    expect(child[2]).toBe(child[1]); // the child's group owned the terminal while it ran
    expect(out).toContain(`back=0 tpgid-after=${shell}`);
    expect(out).toContain('cat-wait={"kind":"stopped","signal":20}');
    expect(out).toContain("tpgid-after-stop=shell");
    expect(out).toContain('cat-end={"kind":"signaled","signal":9,"core":false}');
  });
});
