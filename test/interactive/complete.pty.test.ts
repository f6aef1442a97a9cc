// Programmable completion in a real terminal: specs registered with `complete` drive Tab
// (src/complete/editor.ts). Runs src/main.ts directly (no build step).
import { beforeEach, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import type { PtySession } from "../pty/harness.ts";
import { runLine, useInteractiveShell } from "./ipsh-i.ts";

const sessions = useInteractiveShell("ipsh-pcomp-");
let dir = "";
beforeEach(() => {
  dir = sessions.dir();
});
const shell = (): Promise<PtySession> => sessions.start();
const run = runLine;

describe("programmable completion on Tab", () => {
  it("a complete -F function's COMPREPLY is offered, with COMP_WORDS and COMP_CWORD set", async () => {
    const s = await shell();
    await run(s, `_f() { echo "$COMP_CWORD:\${COMP_WORDS[*]}:$2:$3" > words; COMPREPLY=(\$(compgen -W "alpha beta alphabet" -- "$2")); }`);
    await run(s, 'complete -F _f mycmd; mycmd() { echo "mycmd $*"; }');
    // one match: inserted with a space after it
    expect(await run(s, "mycmd x b\t")).toBe("mycmd x beta\n");
    expect(fs.readFileSync(path.join(dir, "words"), "utf8")).toBe("2:mycmd x b:b:x\n");
    // two matches: their common prefix
    expect(await run(s, "mycmd al\t")).toBe("mycmd alpha\n");
  });

  it("-W lists, -o nospace, -o filenames and the -D default spec", async () => {
    fs.mkdirSync(path.join(dir, "sub dir"));
    const s = await shell();
    await run(s, "complete -o nospace -W 'one two' n1; complete -o filenames -W 'sub\\ dir' n2; complete -D -W 'dflt'");
    await run(s, 'n1() { echo "n1 $*"; }; n2() { echo "n2 $*"; }; other() { echo "other $*"; }');
    expect(await run(s, "n1 o\t=x")).toBe("n1 one=x\n");
    expect(await run(s, "n2 s\tz")).toBe("n2 sub dir/z\n");
    expect(await run(s, "other d\t")).toBe("other dflt\n");
  });

  it("compopt inside the function and a function returning 124 that registers the spec", async () => {
    const s = await shell();
    await run(s, `_late() { complete -W "loaded" late; return 124; }; complete -D -F _late; late() { echo "late $*"; }; g1() { echo "g1 $*"; }`);
    expect(await run(s, "late l\t")).toBe("late loaded\n");
    await run(s, `_g() { compopt -o nospace; COMPREPLY=(word); }; complete -F _g g1`);
    expect(await run(s, "g1 w\t.")).toBe("g1 word.\n");
    expect(await run(s, "complete -p g1")).toBe("complete -F _g g1\n");
  });
});
