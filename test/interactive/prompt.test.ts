// Prompt escapes, compared with bash 5.2's ${x@P} (which decodes a string as PS1 does).
import { describe, expect, it } from "vitest";
import { decodePrompt, type PromptContext } from "../../src/interactive/prompt.ts";
import { strftime } from "../../src/interactive/strftime.ts";

const now = new Date(2026, 10, 24, 21, 36, 14);
const base: PromptContext = {
  user: "alice",
  host: "box.example.org",
  cwd: "/home/alice/src/ipsh",
  home: "/home/alice",
  jobs: 2,
  historyNumber: 501,
  commandNumber: 7,
  euid: 1000,
  shellName: "/usr/bin/ipsh",
  version: "0.1",
  release: "0.1.0",
  tty: "/dev/pts/3",
  now,
};

describe("decodePrompt", () => {
  it("user, host, directory, status characters", () => {
    expect(decodePrompt("\\u@\\h:\\w\\$ ", base)).toBe("alice@box:~/src/ipsh$ ");
    expect(decodePrompt("\\H \\W \\s \\v \\V \\j \\l \\! \\#", base)).toBe(
      "box.example.org ipsh ipsh 0.1 0.1.0 2 3 501 7",
    );
    expect(decodePrompt("\\$", { ...base, euid: 0 })).toBe("#");
  });
  it("\\W is ~ at home and / at the root; \\w abbreviates only whole components", () => {
    expect(decodePrompt("\\W", { ...base, cwd: "/home/alice" })).toBe("~");
    expect(decodePrompt("\\W|\\w", { ...base, cwd: "/" })).toBe("/|/");
    expect(decodePrompt("\\w", { ...base, cwd: "/home/alicex" })).toBe("/home/alicex");
  });
  it("PROMPT_DIRTRIM", () => {
    expect(decodePrompt("\\w", { ...base, cwd: "/usr/share/doc", dirTrim: 2 })).toBe(".../share/doc");
    expect(decodePrompt("\\w", { ...base, cwd: "/home/alice/a/b/c", dirTrim: 2 })).toBe("~/.../b/c");
    expect(decodePrompt("\\w", { ...base, cwd: "/usr/share", dirTrim: 2 })).toBe("/usr/share");
  });
  it("times", () => {
    expect(decodePrompt("\\t|\\T|\\@|\\A|\\D{}|\\d|\\D{%Y-%j}", base)).toBe(
      "21:36:14|09:36:14|09:36 PM|21:36|21:36:14|Tue Nov 24|2026-328",
    );
  });
  it("character escapes, octal, markers and unknown escapes", () => {
    expect(decodePrompt("\\e\\a\\n\\r\\\\", base)).toBe("\x1b\x07\n\r\\");
    expect(decodePrompt("\\[\\e[1m\\]x", base)).toBe("\x01\x1b[1m\x02x");
    expect(decodePrompt("\\101\\0101\\01x\\777\\7", base)).toBe("A\b1\\01x\xff\x07");
    expect(decodePrompt("\\q\\x", base)).toBe("\\q\\x");
  });
  it("quotes \\w for promptvars so expansion shows the name literally", () => {
    const ctx = { ...base, cwd: "/tmp/p$(echo hi)/x`y`", promptvars: true };
    expect(decodePrompt("\\w \\W", ctx)).toBe("/tmp/p\\$(echo hi)/x\\`y\\` x\\`y\\`");
  });
  it("POSIX mode: ! is the history number, !! a literal !", () => {
    expect(decodePrompt("!-!!", { ...base, posix: true })).toBe("501-!");
    expect(decodePrompt("!", base)).toBe("!");
  });
});

describe("strftime", () => {
  it("C locale conversions", () => {
    expect(strftime("%a %A %b %B %d %e %H %I %k %l %m %M %p %S %y %Y %F %T %% %q", new Date(2026, 0, 5, 3, 4, 5))).toBe(
      "Mon Monday Jan January 05  5 03 03  3  3 01 04 AM 05 26 2026 2026-01-05 03:04:05 % %q",
    );
  });
});
