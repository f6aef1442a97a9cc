// read on a real terminal: -n 1 returns after one key without Enter (canonical mode off),
// -s does not echo, -p prompts on a terminal; in an interactive shell ^C abandons the read.
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("read on a terminal", () => {
  it("-n 1 takes one key, -s hides input, -p prompts", async () => {
    let out = "";
    const dec = new TextDecoder();
    const proc = Bun.spawn([process.execPath, join(import.meta.dirname, "fixtures/read-tty.ts")], {
      terminal: { cols: 80, rows: 24, data: (_t: unknown, d: Uint8Array) => void (out += dec.decode(d)) },
    });
    const waitFor = async (re: RegExp, ms = 5000) => {
      const end = Date.now() + ms;
      while (!re.test(out)) {
        if (Date.now() > end) throw new Error(`timeout waiting for ${re} in ${JSON.stringify(out)}`);
        await Bun.sleep(5);
      }
    };
    try {
      await waitFor(/ready1/);
      // let read turn canonical mode off first (a key typed before that waits for Enter on a
      // loaded machine): read cannot announce it
      await Bun.sleep(150);
      proc.terminal!.write("x");
      await waitFor(/got k=x st=0/);
      await waitFor(/ready2/);
      await Bun.sleep(200); // let read turn echo off before typing (it cannot announce it)
      const before = out.length;
      proc.terminal!.write("secret\r");
      await waitFor(/got pw=secret st=0/);
      expect(out.slice(before)).not.toContain("secret\r\n\r\ngot");
      expect(out.slice(before).split("got pw")[0]).not.toContain("secret");
      expect(out).toContain('err="pw: "');
      await waitFor(/edited e1=\[P>\]\[init\] e2=a b c st=0/);
      await waitFor(/ready3/);
      await Bun.sleep(50);
      proc.terminal!.write("\x03");
      await waitFor(/interrupted status=130/);
    } finally {
      proc.kill();
    }
  });
});
