// echo and true/false/: against bash.
import { describe, expect, it } from "vitest";
import { echoBuiltin } from "../../builtins/echo.ts";
import { colonBuiltin, falseBuiltin, trueBuiltin } from "../../builtins/true-false.ts";
import { bash, fakeShell, run } from "./fake-sh.ts";

const q = (a: string) => "'" + a.replaceAll("'", "'\\''") + "'";

const CASES: string[][] = [
  [],
  ["a", "b"],
  ["-n", "x"],
  ["-e", "a\\tb\\n\\x41\\0101\\101\\u263a\\e|"],
  ["-ne", "x\\ny"],
  ["-e", "a\\cb", "c"],
  ["-nx", "a"],
  ["--", "-n"],
  ["-e", "-E", "a\\tb"],
  ["-eE", "a\\tb"],
  ["-", "x"],
  ["-e", "\\q\\x\\u\\0\\08\\01234"],
  ["-e", "\\xff\\xc3\\xa9"],
];

describe("echo matches bash", () => {
  for (const c of CASES) {
    it(JSON.stringify(c), () => {
      const b = bash(`echo ${c.map(q).join(" ")} | od -An -c`);
      const r = run(echoBuiltin, c);
      const od = Bun.spawnSync(["od", "-An", "-c"], { stdin: Buffer.from(r.out, "utf8") });
      expect(r.status).toBe(0);
      if (!c.includes("\\xff\\xc3\\xa9")) expect(od.stdout.toString()).toBe(b.out);
    });
  }
  it("writes raw bytes from \\xHH", () => {
    const outs: Uint8Array[] = [];
    const sh = fakeShell();
    echoBuiltin.run({
      name: "echo", args: ["-en", "\\xff\\xc3\\xa9"], sh: sh as any,
      out: () => {}, err: () => {}, error: () => {},
      write: (_fd, d) => (outs.push(typeof d === "string" ? new TextEncoder().encode(d) : d), true),
    });
    expect([...outs[0]!]).toEqual([0xff, 0xc3, 0xa9]);
  });
  it("xpg_echo turns escapes on by default", () => {
    const sh = fakeShell();
    sh.opts.xpg_echo = true;
    expect(run(echoBuiltin, ["a\\tb", "-e"], sh).out).toBe("a\tb -e\n");
    expect(run(echoBuiltin, ["-E", "a\\tb"], sh).out).toBe("a\\tb\n");
    sh.opts.posix = true; // then options are not recognised at all
    expect(run(echoBuiltin, ["-n", "a\\tb"], sh).out).toBe(bash("set -o posix; shopt -s xpg_echo; echo -n 'a\\tb'").out);
  });
});

describe("true false :", () => {
  it("have constant statuses", () => {
    expect(run(trueBuiltin, ["x"]).status).toBe(0);
    expect(run(falseBuiltin, []).status).toBe(1);
    expect(run(colonBuiltin, ["a"]).status).toBe(0);
    expect(colonBuiltin.special).toBe(true);
  });
});
