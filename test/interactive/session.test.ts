// The REPL glue against a real Shell state: history expansion and saving follow `set -H` and
// `set -o history`, completion reads the shell's builtins/functions/variables, and the prompt
// context reflects the shell.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createShell } from "../../src/startup.ts";
import { decodePrompt } from "../../src/interactive/prompt.ts";
import {
  completionHost,
  expandHistoryLine,
  historyOf,
  promptContext,
  saveHistory,
  type InteractiveShell,
} from "../../src/interactive/session.ts";

let dir: string;
let sh: InteractiveShell;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipsh-session-"));
  const real = createShell({
    mode: "command", args: [], arg0: "ipsh", setOptions: [], shoptOptions: [], login: false,
    interactive: false, noRc: true, noProfile: true, posix: false, subshellOf: undefined,
  });
  real.vars.set("HISTFILE", path.join(dir, "hist"));
  real.vars.set("HOME", dir);
  real.cwd = dir;
  sh = real as unknown as InteractiveShell;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("session glue", () => {
  it("expands and saves only when the options say so", () => {
    sh.opts.history = true;
    saveHistory(sh, "echo one two");
    expect(fs.readFileSync(path.join(dir, "hist"), "utf8")).toBe("echo one two\n");
    expect(expandHistoryLine(sh, "echo !$")).toEqual({ ok: true, line: "echo !$", echo: false, run: true });
    sh.opts.histexpand = true;
    expect(expandHistoryLine(sh, "echo !$")).toEqual({ ok: true, line: "echo two", echo: true, run: true });
    expect(expandHistoryLine(sh, "!!:p")).toEqual({ ok: true, line: "echo one two", echo: true, run: false });
    expect(expandHistoryLine(sh, "!zz")).toEqual({ ok: false, error: "!zz: event not found" });
    sh.opts.history = false;
    saveHistory(sh, "not saved");
    expect(historyOf(sh).length).toBe(1);
  });

  it("loads HISTFILE when the history is first used", () => {
    fs.writeFileSync(path.join(dir, "hist"), "old one\n");
    expect(historyOf(sh).line(1)).toBe("old one");
  });

  it("completes from the shell's builtins, functions and variables", () => {
    sh.vars.set("MY_SESSION_VAR", "x");
    const host = completionHost(sh);
    expect(host.complete("ech", 3).candidates).toContain("echo");
    expect(host.complete("echo $MY_SES", 12).candidates).toEqual(["$MY_SESSION_VAR"]);
    expect(host.complete("whi", 3).candidates).toContain("while");
  });

  it("fills the prompt context from the shell", () => {
    const ctx = promptContext(sh, 3, "0.1", "0.1.0");
    expect(ctx.cwd).toBe(sh.vars.get("PWD"));
    expect(decodePrompt("\\# \\! \\s \\v", ctx)).toBe(`3 ${historyOf(sh).nextNumber} ipsh 0.1`);
    sh.vars.set("PWD", dir + "/a/b");
    expect(decodePrompt("\\w", promptContext(sh, 1, "", ""))).toBe("~/a/b");
  });
});
