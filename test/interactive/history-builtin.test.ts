// The history builtin, replaying a bash 5.2 session: each command line is added to the history
// before it runs (as bash's REPL does), and outputs/statuses are the ones bash printed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { BuiltinContext } from "../../builtins/context.ts";
import { fcBuiltin, historyBuiltin, shellHistory, type HistoryShell } from "../../builtins/history.ts";
import { runGen, type Gen } from "../../src/exec/gen.ts";
import { historyBuiltins } from "../../builtins/registry-part-history.ts";
import { parseHistoryText } from "../../src/interactive/history.ts";
import { LineAbort } from "../../src/exec/control.ts";

const fileEntries = (f: string) => parseHistoryText(fs.readFileSync(f, "utf8")).map((e) => e.line);

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
  let status: number;
  try {
    status = historyBuiltin.run(ctx) as number;
  } catch (e) {
    // "too many arguments" abandons the command line (bash's jump to the top level)
    if (!(e instanceof LineAbort)) throw e;
    status = e.status;
  }
  return { status, out, err };
}

const USAGE = "history: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n";

describe("history builtin", () => {
  it("is exported for the registry", () => {
    expect(historyBuiltins.map((b) => b.name)).toEqual(["history", "fc"]);
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
      expect(fileEntries(f)).toEqual(["one"]);
      run(sh, "x", ["-s", "stored"]);
      expect(run(sh, "history -a", ["-a", f]).status).toBe(0);
      expect(fileEntries(f)).toEqual(["one", "stored", "history -a"]);
      const other = makeShell();
      run(other, "history -r", ["-r", f]);
      expect(shellHistory(other).entries.map((e) => e.line)).toEqual(["history -r", "one", "stored", "history -a"]);
      expect(run(other, "history -r", ["-r", path.join(dir, "missing")])).toMatchObject({ status: 1 });
    });
  });
});

/** A shell whose runString runs the text with /bin/sh and records it. */
function fcShell(vars: Record<string, string> = {}) {
  const ran: string[] = [];
  const sh = {
    ...makeShell(vars),
    ran,
    *runString(source: string): Gen<number> {
      ran.push(source);
      return Bun.spawnSync(["sh", "-c", source], { stdout: "pipe", stderr: "pipe" }).exitCode;
    },
  };
  return sh;
}

/** Adds `line` to the history, then runs `fc args...` (to completion). */
async function fc(sh: ReturnType<typeof fcShell>, line: string, args: string[]) {
  shellHistory(sh).add(line);
  let out = "";
  let err = "";
  const ctx = {
    name: "fc",
    args,
    sh,
    out: (s: string) => (out += s),
    err: (s: string) => (err += s),
    write: () => true,
    error: (m: string) => (err += `ipsh: fc: ${m}\n`),
  } as unknown as BuiltinContext;
  const r = fcBuiltin.run(ctx);
  const status = typeof r === "number" ? r : await runGen(r);
  return { status, out, err };
}

describe("fc builtin (bash 5.2 transcripts)", () => {
  it("lists ranges, relative offsets, strings, -n and -r, never the fc line itself", async () => {
    const sh = fcShell();
    shellHistory(sh).add("echo a");
    shellHistory(sh).add("echo b");
    expect((await fc(sh, "fc -l", ["-l"])).out).toBe("1\t echo a\n2\t echo b\n");
    expect((await fc(sh, "fc -l -2", ["-l", "-2"])).out).toBe("2\t echo b\n3\t fc -l\n");
    expect((await fc(sh, "fc -ln 1 2", ["-ln", "1", "2"])).out).toBe("\t echo a\n\t echo b\n");
    expect((await fc(sh, "fc -lr", ["-lr"])).out).toBe(
      "5\t fc -ln 1 2\n4\t fc -l -2\n3\t fc -l\n2\t echo b\n1\t echo a\n",
    );
    expect((await fc(sh, "fc -l echo", ["-l", "echo"])).out).toBe(
      "2\t echo b\n3\t fc -l\n4\t fc -l -2\n5\t fc -ln 1 2\n6\t fc -lr\n",
    );
    expect((await fc(sh, "fc -l -1 -3", ["-l", "-1", "-3"])).out).toBe("7\t fc -l echo\n6\t fc -lr\n5\t fc -ln 1 2\n");
    expect(await fc(sh, "fc -l nosuch", ["-l", "nosuch"])).toMatchObject({ status: 1, err: "ipsh: fc: no command found\n" });
    expect((await fc(sh, "fc -l 1 99", ["-l", "1", "99"])).out.split("\n").length - 1).toBe(9);
  });

  it("-s re-runs with pat=rep, prints the command and replaces the fc line in the history", async () => {
    const sh = fcShell();
    shellHistory(sh).add("echo a");
    shellHistory(sh).add("echo b");
    const r = await fc(sh, "fc -s b=z 2", ["-s", "b=z", "2"]);
    expect(r).toEqual({ status: 0, out: "", err: "echo z\n" });
    expect(sh.ran).toEqual(["echo z"]);
    expect(shellHistory(sh).entries.map((e) => e.line)).toEqual(["echo a", "echo b", "echo z"]);
    expect((await fc(sh, "fc -e -", ["-e", "-"])).err).toBe("echo z\n");
    expect(await fc(sh, "fc -s zz", ["-s", "zz"])).toMatchObject({ status: 1, err: "ipsh: fc: no command found\n" });
  });

  it("edits with FCEDIT and runs the result; a failing editor runs nothing", async () => {
    const sh = fcShell({ FCEDIT: "sed -i s/one/two/" });
    shellHistory(sh).add("echo one");
    const r = await fc(sh, "fc", []);
    expect(r).toMatchObject({ status: 0, err: "echo two\n" });
    expect(sh.ran[0]).toMatch(/^sed -i s\/one\/two\/ '.*fc\.sh'$/);
    expect(sh.ran[1]).toBe("echo two");
    const failing = fcShell({ FCEDIT: "false" });
    shellHistory(failing).add("echo one");
    expect((await fc(failing, "fc", [])).status).toBe(1);
    expect(failing.ran).toEqual(["false '" + failing.ran[0]!.slice(7, -1) + "'"]);
  });

  it("rejects unknown options with the usage", async () => {
    expect(await fc(fcShell(), "fc -x", ["-x"])).toMatchObject({
      status: 2,
      err: "ipsh: fc: -x: invalid option\nfc: usage: fc [-e ename] [-lnr] [first] [last] or fc -s [pat=rep] [command]\n",
    });
  });
});
