// FIFOs between unrelated processes, and the rule that the shell never blocks on a FIFO's open
// where bash would not: `cmd > fifo &` and `cmd < fifo &` return at once (the open belongs to the
// job), a foreground open waits only until the other end comes, runs traps meanwhile and gives
// way to Ctrl-C in an interactive shell. Every scenario runs ipsh (bin/ipsh) and, where the
// behaviour is specified, bash on the same script, each with deadlines so that nothing hangs.
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { existsSync, mkdtempSync, openSync, closeSync, constants, readFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startShell, type ShellSession } from "../pty/ipsh-session.ts";

const ipsh = join(process.cwd(), "bin/ipsh");
const bash = "/usr/bin/bash";
const root = mkdtempSync(join(tmpdir(), "ipsh-fifo-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh directory holding a FIFO named f (and a second one, g). */
function fifoDir(): string {
  const d = join(root, `t${n++}`);
  execFileSync("mkdir", [d]);
  execFileSync("mkfifo", [join(d, "f"), join(d, "g")]);
  return d;
}

/** A shell (or helper) process whose stdout is collected as it comes. */
class Proc {
  out = "";
  err = "";
  readonly exited: Promise<number>;
  code: number | undefined;
  readonly proc: ReturnType<typeof Bun.spawn>;
  constructor(argv: string[], cwd: string) {
    this.proc = Bun.spawn(["timeout", "-s", "KILL", "10", ...argv], { cwd, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
    const collect = async (s: ReadableStream<Uint8Array>, to: "out" | "err") => {
      const dec = new TextDecoder();
      for await (const chunk of s) this[to] += dec.decode(chunk, { stream: true });
    };
    const a = collect(this.proc.stdout as ReadableStream<Uint8Array>, "out");
    const b = collect(this.proc.stderr as ReadableStream<Uint8Array>, "err");
    this.exited = Promise.all([a, b, this.proc.exited]).then(([, , c]) => (this.code = c));
  }
  /** Wait until stdout contains `text` (deadline: the test fails, it never hangs). */
  async waitOut(text: string, ms = 4000): Promise<void> {
    const end = Date.now() + ms;
    while (!this.out.includes(text)) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${JSON.stringify(text)}; stdout ${JSON.stringify(this.out)} stderr ${JSON.stringify(this.err)}`);
      if (this.code !== undefined) throw new Error(`exited (${this.code}) before ${JSON.stringify(text)}; stdout ${JSON.stringify(this.out)} stderr ${JSON.stringify(this.err)}`);
      await Bun.sleep(5);
    }
  }
  async done(): Promise<{ out: string; code: number }> {
    const code = await this.exited;
    return { out: this.out, code };
  }
}

const procs: Proc[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) if (p.code === undefined) p.proc.kill("SIGKILL");
});

function shell(sh: string, src: string, cwd: string): Proc {
  const p = new Proc([sh, "-c", src], cwd);
  procs.push(p);
  return p;
}
function helper(src: string, cwd: string): Proc {
  return shell("/bin/sh", src, cwd);
}

/** Whether some process has `path` open for reading (a non-blocking open for writing succeeds). */
function hasReader(path: string): boolean {
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    return true;
  } catch {
    return false;
  }
}

const both = [
  ["ipsh", ipsh],
  ["bash", bash],
] as const;

describe("FIFOs between unrelated processes", () => {
  test.each(both)("%s: cat f > out & echo hi > f; wait", async (_, sh) => {
    const d = fifoDir();
    const r = await shell(sh, "cat f > out & echo hi > f; wait; echo status $?", d).done();
    expect(r).toEqual({ out: "status 0\n", code: 0 });
    expect(readFileSync(join(d, "out"), "utf8")).toBe("hi\n");
  });

  test.each(both)("%s: two FIFOs opened in opposite orders by two shells do not deadlock", async (_, sh) => {
    const d = fifoDir();
    const other = helper("exec 3>f; exec 4<g; echo question >&3; read a <&4; echo \"helper got $a\"", d);
    const r = await shell(sh, 'exec 3<f; exec 4>g; read q <&3; echo "got $q"; echo answer >&4', d).done();
    expect(r).toEqual({ out: "got question\n", code: 0 });
    expect((await other.done()).out).toBe("helper got answer\n");
  });
});

describe("a background job's FIFO open does not hold up the shell", () => {
  // each script starts a job on f, then says "started" before anything else has opened f
  const cases: [string, string, "write" | "read"][] = [
    ["an external writer", "/bin/echo x > f &", "write"],
    ["a builtin writer", "echo x > f &", "write"],
    ["an external reader", "cat < f &", "read"],
    ["a reader through a variable", "n=f; tr a-z A-Z < $n &", "read"],
    ["a reader in a pipeline", "cat < f | tr a-z A-Z &", "read"],
    ["a writer appending", "/bin/echo x >> f &", "write"],
    ["a compound command", "{ cat; } < f &", "read"],
  ];
  for (const [name, job, dir] of cases) {
    test.each(both)(`%s: ${name}: ${job}`, async (_, sh) => {
      const d = fifoDir();
      const p = shell(sh, `${job} echo started; wait; echo done $?`, d);
      await p.waitOut("started\n");
      // nothing but the job has touched f yet; now be its other end
      if (dir === "write") {
        const r = await helper("cat f", d).done();
        expect(r.out).toBe("x\n");
      } else {
        await helper("echo data > f", d).done();
      }
      const r = await p.done();
      const data = job.includes("tr") ? "DATA\n" : "data\n";
      expect(r).toEqual({ out: dir === "write" ? "started\ndone 0\n" : `started\n${data}done 0\n`, code: 0 });
    });
  }
});

describe("a foreground FIFO open waits for the other end", () => {
  test.each(both)("%s: a builtin writer blocks until a reader comes", async (_, sh) => {
    const d = fifoDir();
    const p = shell(sh, "echo hi > f; echo done $?", d);
    await Bun.sleep(300);
    expect(p.code).toBeUndefined();
    expect(p.out).toBe("");
    expect((await helper("cat f", d).done()).out).toBe("hi\n");
    expect(await p.done()).toEqual({ out: "done 0\n", code: 0 });
  });

  test.each(both)("%s: an external writer blocks until a reader comes", async (_, sh) => {
    const d = fifoDir();
    const p = shell(sh, "/bin/echo hi > f; echo done $?", d);
    await Bun.sleep(300);
    expect(p.out).toBe("");
    expect((await helper("cat f", d).done()).out).toBe("hi\n");
    expect(await p.done()).toEqual({ out: "done 0\n", code: 0 });
  });

  test.each(both)("%s: a reader waits for a writer, and does not see end of file before it writes", async (_, sh) => {
    const d = fifoDir();
    const p = shell(sh, "cat < f; read line < g; echo \"done $line\"", d);
    await Bun.sleep(300);
    expect(p.out).toBe("");
    // the writer opens at once but writes only later: the reader must still get the data
    await helper("exec 3>f; sleep 0.3; echo late >&3; exec 3>&-; echo second > g", d).done();
    expect(await p.done()).toEqual({ out: "late\ndone second\n", code: 0 });
  });

  test.each(both)("%s: a trap runs while a builtin's open waits; exit in it ends the wait", async (_, sh) => {
    const d = fifoDir();
    const p = shell(sh, "trap 'echo got USR1' USR1; trap 'echo bye; exit 3' TERM; echo $$ > pid; read x < f; echo not reached", d);
    const deadline = Date.now() + 4000;
    while (!existsSync(join(d, "pid")) || readFileSync(join(d, "pid"), "utf8") === "") {
      if (Date.now() > deadline) throw new Error("no pid file");
      await Bun.sleep(5);
    }
    const pid = Number(readFileSync(join(d, "pid"), "utf8"));
    await Bun.sleep(100);
    process.kill(pid, "SIGUSR1");
    await p.waitOut("got USR1\n");
    process.kill(pid, "SIGTERM");
    expect(await p.done()).toEqual({ out: "got USR1\nbye\n", code: 3 });
    // the abandoned open left no reader behind
    await Bun.sleep(100);
    expect(hasReader(join(d, "f"))).toBe(false);
  });
});

describe("Ctrl-C interrupts a foreground FIFO open in an interactive shell", () => {
  const sessions: ShellSession[] = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.close();
  });

  test("under job control, `cat < f &` gives the prompt back at once; the writer is the next command", async () => {
    const d = fifoDir();
    const s = await startShell({ home: d });
    sessions.push(s);
    await s.prompt();
    const started = await s.run("cat < f &");
    expect(started).toMatch(/^\[1\] \d+\n$/);
    const out = await s.run("echo through the fifo > f; wait");
    expect(out).toContain("through the fifo\n");
  });

  for (const line of ["echo hi > f", "cat < f", "/bin/echo hi > f"]) {
    test(`^C during ${line}: the shell survives with status 130`, async () => {
      const d = fifoDir();
      const s = await startShell({ home: d });
      sessions.push(s);
      await s.prompt();
      s.t.write(line + "\r");
      await s.t.waitFor(new RegExp(line.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&") + "\\r*\\n"));
      await Bun.sleep(300);
      s.t.write("\x03");
      await s.prompt();
      expect(await s.run("echo status $?")).toBe("status 130\n");
      // nothing of the abandoned open keeps the FIFO: no reader is left behind
      await Bun.sleep(100);
      expect(hasReader(join(d, "f"))).toBe(false);
      expect(await s.run("echo alive")).toBe("alive\n");
    });
  }
});
