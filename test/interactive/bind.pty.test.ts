// bind in a real terminal: a key bound with `bind`, a macro, a `bind -x` command that changes
// READLINE_LINE/READLINE_POINT, and bindings read from $INPUTRC at start-up all act on key presses.
import { beforeEach, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import type { PtySession } from "../pty/harness.ts";
import { runLine, useInteractiveShell } from "./ipsh-i.ts";

const sessions = useInteractiveShell("ipsh-bind-");
let dir = "";
beforeEach(() => {
  dir = sessions.dir();
});
const shell = (inputrc = "/dev/null"): Promise<PtySession> => sessions.start({ INPUTRC: inputrc });
const run = runLine;

describe("bind at the prompt", () => {
  it("a bound function on a two-key sequence, and a macro", async () => {
    const s = await shell();
    expect(await run(s, `bind '"\\C-xb": beginning-of-line'`)).toBe("");
    // ^Xb moves to the start: "echo" is typed before "hi"
    expect(await run(s, "hi\x18becho ")).toBe("hi\n");
    expect(await run(s, `bind '"\\C-xm": "echo from macro"'`)).toBe("");
    expect(await run(s, "\x18m")).toBe("from macro\n");
  });

  it("bind -x runs a command with READLINE_LINE and READLINE_POINT and takes them back", async () => {
    const s = await shell();
    expect(await run(s, `g() { READLINE_LINE="echo X$READLINE_LINE"; READLINE_POINT=6; }`)).toBe("");
    expect(await run(s, `f() { echo "[$READLINE_LINE:$READLINE_POINT]"; g; }`)).toBe("");
    expect(await run(s, `bind -x '"\\C-t": f'`)).toBe("");
    s.write("abc\x14");
    await s.waitFor(/\[abc:3\]/);
    // the line is "echo Xabc" and the cursor after "echo X": typed text goes there
    expect(await run(s, "Y")).toMatch(/echo XYabc[^\n]*\nXYabc\n$/);
  });

  it("reads $INPUTRC at start-up", async () => {
    const rc = path.join(dir, "inputrc");
    fs.writeFileSync(rc, ['$if Bash', '"\\C-xe": "echo from inputrc"', "$endif", "set bell-style none"].join("\n") + "\n");
    const s = await shell(rc);
    expect(await run(s, "\x18e")).toBe("from inputrc\n");
    expect(await run(s, "bind -v | grep bell-style")).toBe("set bell-style none\n");
  });

  it("history-search-backward/-forward on the arrows, the common ~/.inputrc lines", async () => {
    const rc = path.join(dir, "inputrc");
    fs.writeFileSync(rc, '"\\e[A": history-search-backward\n"\\e[B": history-search-forward\n');
    const s = await shell(rc);
    await run(s, "echo alpha");
    await run(s, "true");
    await run(s, "echo beta");
    // "ec" then Up: the newest line starting with "ec"; Up again: the one before; Down: back
    expect(await run(s, "ec\x1b[A")).toBe("beta\n");
    expect(await run(s, "ec\x1b[A\x1b[A")).toBe("alpha\n");
    // (history is now alpha true beta beta alpha: Up alpha, Up beta, Down alpha; a line equal
    // to the one shown is skipped, as readline does)
    expect(await run(s, "ec\x1b[A\x1b[A\x1b[B")).toBe("alpha\n");
    // the cursor stays after the prefix: typed text goes there
    expect(await run(s, "echo a\x1b[AZ")).toMatch(/aZlpha\n$/);
  });
});
