// The PTY harness itself (test/pty/harness.ts): the screen model against known terminal
// behaviour, and a real interactive bash driven through prompts, output waits and job control,
// which is what the shell's own interactive tests will do with bin/ipsh.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Screen, startPty } from "../pty/harness.ts";

describe("Screen model", () => {
  it("wraps at the margin only when the next character arrives (pending wrap)", () => {
    const s = new Screen(5, 3);
    s.feed("abcde");
    expect([s.row, s.col]).toEqual([0, 5]);
    s.feed("f");
    expect(s.lines()).toEqual(["abcde", "f", ""]);
    s.feed("\r\n");
    expect([s.row, s.col]).toEqual([2, 0]);
  });
  it("puts a wide character that does not fit on the next row, combines marks", () => {
    const s = new Screen(5, 3);
    s.feed("abcd日e\u0301");
    expect(s.lines()).toEqual(["abcd", "日é".normalize("NFD"), ""]);
    expect([s.row, s.col]).toEqual([1, 3]);
  });
  it("cursor motion, erase and scrolling", () => {
    const s = new Screen(10, 2);
    s.feed("hello\x1b[3D\x1b[K!\r\nline2\r\nline3");
    expect(s.lines()).toEqual(["line2", "line3"]);
    expect(s.scrolledOff).toEqual(["he!"]);
    s.feed("\x1b[H\x1b[2J");
    expect(s.lines()).toEqual(["", ""]);
    s.feed("\x1b[2;3Hx\x1b[1A\x1b[2Cy");
    expect(s.lines()).toEqual(["     y", "  x"]);
  });
  it("answers a cursor position request", () => {
    const replies: string[] = [];
    const s = new Screen(10, 5, (r) => replies.push(r));
    s.feed("ab\r\ncd\x1b[6n");
    expect(replies).toEqual(["\x1b[2;3R"]);
  });
});

describe("PtySession with bash -i", () => {
  it("waits for prompts, runs commands, stops and resumes a job", async () => {
    const t = await startPty(["bash", "--norc", "--noprofile", "-i"], {
      cols: 80,
      rows: 24,
      env: { PATH: process.env.PATH, TERM: "xterm", PS1: "$ ", HOME: "/tmp" },
    });
    try {
      await t.waitFor("$ ");
      t.write("echo $((6*7))\r");
      await t.waitFor(/\r42\r\n/);
      await t.waitFor("$ ");
      t.write("sleep 30\r");
      await t.waitFor("sleep 30\r\n");
      // ^Z typed before bash hands the terminal to the job would go to bash itself.
      const pg = await t.waitForForegroundJob("sleep");
      expect(pg).not.toBe(t.proc.pid);
      t.write("\x1a");
      await t.waitFor(/Stopped\s+sleep 30/);
      await t.waitFor("$ ");
      await t.waitForShellForeground();
      t.write("fg\r");
      await t.waitFor("sleep 30\r\n");
      await t.waitForForegroundJob("sleep");
      t.write("\x03");
      await t.waitFor("$ ");
      t.write("echo st=$?\r");
      await t.waitFor(/st=130/);
      t.write("exit\r");
      expect(await t.waitExit()).toBe(0);
    } finally {
      await t.close();
    }
  });

  it("close() also ends jobs in other process groups of the session", async () => {
    const t = await startPty(["bash", "--norc", "--noprofile", "-i"], {
      env: { PATH: process.env.PATH, TERM: "xterm", PS1: "$ ", HOME: "/tmp" },
    });
    await t.waitFor("$ ");
    t.write("sleep 300 &\r");
    const m = await t.waitFor(/\[1\] (\d+)/);
    const pid = Number(m[1]);
    expect(t.sessionPids()).toContain(pid);
    await t.close();
    // The job is gone (or a zombie about to be reaped by init).
    let state = "gone";
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      state = stat[stat.lastIndexOf(")") + 2]!;
    } catch {
      /* gone */
    }
    expect(["gone", "Z"]).toContain(state);
  });

  it("times out with the output in the error and kills the program", async () => {
    const t = await startPty(["cat"], { timeout: 300 });
    t.write("abc");
    await expect(t.waitFor("never")).rejects.toThrow(/timed out after 300 ms waiting for output \/never\/[\s\S]*abc/);
    expect(await t.exited).not.toBe(0);
    await t.close();
  });
});
