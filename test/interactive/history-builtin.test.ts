// The history builtin, replaying a bash 5.2 session: each command line is added to the history
// before it runs (as bash's REPL does), and outputs/statuses are the ones bash printed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { BuiltinContext } from "../../builtins/context.ts";
import { historyBuiltin, shellHistory, type HistoryShell } from "../../builtins/history.ts";
import { historyBuiltins } from "../../builtins/registry-part-history.ts";

function makeShell(vars: Record<string, string> = {}) {
  const sh: HistoryShell & { v: Record<string, string> } = {
    history: undefined,
    v: vars,
    vars: { get: (n: string) => vars[n] },
    opts: { history: true, extglob: false },
  };
  return sh;
}

/** Adds `line` to the history (as the REPL would), then runs `history args...`. */
function run(sh: ReturnType<typeof makeShell>, line: string, args: string[]) {
  shellHistory(sh).add(line);
  let out = "";
  let err = "";
  const ctx = {
    name: "history",
    args,
    sh,
    out: (s: string) => (out += s),
    err: (s: string) => (err += s),
    write: () => true,
    error: (m: string) => (err += `ipsh: history: ${m}\n`),
  } as unknown as BuiltinContext;
  const status = historyBuiltin.run(ctx) as number;
  return { status, out, err };
}

const USAGE = "history: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n";

describe("history builtin", () => {
  it("is exported for the registry", () => {
    expect(historyBuiltins.map((b) => b.name)).toEqual(["history"]);
  });

  it("lists, deletes, stores and expands like bash", () => {
    const sh = makeShell();
    const h = shellHistory(sh);
    h.add("echo a");
    h.add("echo b");
    expect(run(sh, "history 2", ["2"])).toEqual({ status: 0, out: "    2  echo b\n    3  history 2\n", err: "" });
    expect(run(sh, "history abc", ["abc"])).toMatchObject({ status: 1, err: "ipsh: history: abc: numeric argument required\n" });
    expect(run(sh, "history -d 99", ["-d", "99"])).toMatchObject({ status: 1, err: "ipsh: history: 99: history position out of range\n" });
    expect(run(sh, "history -z", ["-z"])).toMatchObject({ status: 2, err: "ipsh: history: -z: invalid option\n" + USAGE });
    expect(run(sh, "history -d", ["-d"])).toMatchObject({ status: 2, err: "ipsh: history: -d: option requires an argument\n" + USAGE });
    expect(run(sh, "history -s foo bar", ["-s", "foo", "bar"]).status).toBe(0);
    expect(run(sh, "history 3", ["3"]).out).toBe("    7  history -d\n    8  foo bar\n    9  history 3\n");
    expect(run(sh, 'history -p "!!" "!ec" x', ["-p", "!!", "!ec", "x"])).toEqual({ status: 0, out: "history 3\necho b\nx\n", err: "" });
    expect(run(sh, 'history -p "!nosuch"', ["-p", "!nosuch"])).toMatchObject({ status: 1, err: "ipsh: history: !nosuch: history expansion failed\n" });
    expect(run(sh, "history -d -2", ["-d", "-2"]).status).toBe(0);
    expect(run(sh, "history", []).out).toBe(
      [
        "    1  echo a",
        "    2  echo b",
        "    3  history 2",
        "    4  history abc",
        "    5  history -d 99",
        "    6  history -z",
        "    7  history -d",
        "    8  foo bar",
        "    9  history -d -2",
        "   10  history",
        "",
      ].join("\n"),
    );
    expect(run(sh, "history 1 2", ["1", "2"])).toMatchObject({ status: 1, err: "ipsh: history: too many arguments\n" });
    expect(run(sh, "history -d 2-3", ["-d", "2-3"]).status).toBe(0);
    expect(shellHistory(sh).line(2)).toBe("history abc");
    expect(run(sh, "history -d 0", ["-d", "0"])).toMatchObject({ status: 1, err: "ipsh: history: 0: history position out of range\n" });
    expect(run(sh, "history -d -99", ["-d", "-99"]).status).toBe(1);
    expect(run(sh, "history -c", ["-c"]).status).toBe(0);
    // Numbering starts again at 1 after -c.
    expect(run(sh, "history", []).out).toBe("    1  history\n");
  });

  it("shows times with HISTTIMEFORMAT", () => {
    const sh = makeShell({ HISTTIMEFORMAT: "[%Y] " });
    shellHistory(sh).add("old", 1700000000);
    expect(run(sh, "history", []).out).toBe("    1  [2023] old\n    2  [" + new Date().getFullYear() + "] history\n");
  });

  describe("files", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipsh-hb-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("-w writes, -r reads, -a appends what -s added", () => {
      const f = path.join(dir, "h");
      const sh = makeShell();
      expect(run(sh, "one", ["-w", f]).status).toBe(0);
      expect(fs.readFileSync(f, "utf8")).toBe("one\n");
      run(sh, "x", ["-s", "stored"]);
      expect(run(sh, "history -a", ["-a", f]).status).toBe(0);
      expect(fs.readFileSync(f, "utf8")).toBe("one\nstored\nhistory -a\n");
      const other = makeShell();
      run(other, "history -r", ["-r", f]);
      expect(shellHistory(other).entries.map((e) => e.line)).toEqual(["history -r", "one", "stored", "history -a"]);
      expect(run(other, "history -r", ["-r", path.join(dir, "missing")])).toMatchObject({ status: 1 });
    });
  });
});
