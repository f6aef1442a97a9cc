// ipsh -i in a real terminal: the REPL (src/repl.ts) wired to the line editor, prompt decoding,
// history expansion, the history file and completion. Runs src/main.ts directly (no build step).
import { beforeEach, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import type { PtySession } from "../pty/harness.ts";
import { runLine, useInteractiveShell } from "./ipsh-i.ts";
import { parseHistoryText } from "../../src/interactive/history.ts";

const sessions = useInteractiveShell("ipsh-repl-");
let dir = "";
beforeEach(() => {
  dir = sessions.dir();
});
const shell = (): Promise<PtySession> => sessions.start();
const run = runLine;

describe("ipsh -i", () => {
  it("shows PS1 with \\W, runs commands, recalls history with Up, expands !! and !$", async () => {
    const s = await shell();
    // \W is ~ at $HOME; \$ is # for root.
    expect(s.lines()[s.cursor().row]).toBe(`[~]${process.geteuid!() === 0 ? "#" : "$"}`);
    expect(await run(s, "echo one two")).toBe("one two\n");
    expect(await run(s, "\x1b[A")).toBe("one two\n");
    expect(await run(s, "echo !$ !!")).toBe("echo two echo one two\ntwo echo one two\n");
    const saved = parseHistoryText(fs.readFileSync(path.join(dir, "hist"), "utf8")).map((e) => e.line);
    expect(saved).toEqual(["echo one two", "echo one two", "echo two echo one two"]);
    expect(await run(s, "echo !nosuch")).toMatch(/!nosuch: event not found\n/);
  });

  it("set -o vi switches the editor to vi keys from the next line, set -o emacs back", async () => {
    const s = await shell();
    expect(await run(s, "set -o vi")).toBe("");
    expect(await run(s, "echo abc\x1bbcwxyz\x1b")).toBe("xyz\n");
    expect(await run(s, "set -o emacs")).toBe("");
    expect(await run(s, "echo one\x1bbX")).toBe("Xone\n");
  });

  it("completes file names with Tab and cancels a line with Ctrl-C", async () => {
    fs.writeFileSync(path.join(dir, "some file.txt"), "content\n");
    const s = await shell();
    expect(await run(s, "cat so\t")).toBe("content\n");
    s.write("echo never\x03");
    await s.waitFor(/\^C/);
    await s.waitFor(/\][$#] $/);
    expect(await run(s, "echo $?")).toBe("130\n");
  });

  it("history and fc -l list what was typed, bash's formats", async () => {
    const s = await shell();
    await run(s, "echo a");
    await run(s, "true");
    expect(await run(s, "history")).toBe("    1  echo a\n    2  true\n    3  history\n");
    expect(await run(s, "fc -l -2")).toBe("2\t true\n3\t history\n");
    expect(await run(s, "history -p '!e'")).toBe("echo a\n");
  });

  it("read -t on the terminal times out with 142 when nothing is typed, as in bash", async () => {
    const s = await shell();
    // the interactive shell waits for a key without blocking (so that ^C works); it must still
    // give up at the deadline instead of waiting for the next line (which was the bug)
    expect(await run(s, "read -t 0.3 x; echo status=$? x=[$x]")).toBe("status=142 x=[]\n");
    // typed in time, the line is read
    s.write("read -t 5 y; echo status=$? y=[$y]\r");
    await s.waitFor("\x1b[?2004l"); // the line editor has handed the terminal to the command
    await Bun.sleep(100);
    s.write("typed\r");
    const m = await s.waitFor(/status=(\d+) y=\[(.*?)\]/);
    expect([m[1], m[2]]).toEqual(["0", "typed"]);
  });

  it("exits on Ctrl-D at an empty line, printing exit", async () => {
    const s = await shell();
    s.write("\x04");
    await s.waitFor("exit");
    expect(await s.waitExit()).toBe(0);
  });
});
