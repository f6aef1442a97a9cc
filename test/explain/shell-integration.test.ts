// The views inside the real shell (bin/ipsh): the registry has them, they see the shell's own
// fd table after `exec 3>file`, a job's processes through %job, and ipc round-trips messages.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ipsh = resolve("bin/ipsh");

function run(script: string): { status: number; out: string; err: string } {
  const r = Bun.spawnSync([ipsh, "-c", script], { stdin: "ignore", env: { PATH: "/usr/bin:/bin", HOME: "/tmp" } });
  return { status: r.exitCode ?? -1, out: r.stdout.toString(), err: r.stderr.toString() };
}

describe("teaching views in ipsh", () => {
  it("fds shows a descriptor opened by exec in the shell's table", () => {
    const f = join(mkdtempSync(join(tmpdir(), "ipsh-int-")), "three");
    const r = run(`exec 3>'${f}'; fds`);
    expect(r.err).toBe("");
    const shellPart = r.out.split("\n\n")[0]!;
    expect(shellPart).toMatch(new RegExp(`^ 3\\s+\\d+\\s+file\\s+${f}  offset 0  O_WRONLY`, "m"));
  });
  it("fds %1 shows the pipe between the processes of a background job", () => {
    const r = run("sleep 2 | cat & fds %1; kill %1");
    expect(r.err).toBe("");
    const procs = [...r.out.matchAll(/^Process (\d+) \((\w+)\)/gm)].map((m) => [Number(m[1]), m[2]]);
    expect(procs.map((p) => p[1])).toEqual(["sleep", "cat"]);
    const [sleepPid, catPid] = procs.map((p) => p[0]);
    expect(r.out).toMatch(new RegExp(`^ 1  pipe\\s+pipe:\\[\\d+\\] write end; read by ${catPid} \\(cat\\) fd 0$`, "m"));
    expect(r.out).toMatch(new RegExp(`^ 0  pipe\\s+pipe:\\[\\d+\\] read end; written by ${sleepPid} \\(sleep\\) fd 1$`, "m"));
  });
  it("signals shows a trap set in the shell", () => {
    const r = run("trap 'echo bye' USR1; trap '' USR2; signals");
    expect(r.out).toMatch(/^ 10  USR1\s+Term\s+yes\s+trap 'echo bye'\s+caught\s+trap\s+User defined signal 1$/m);
    expect(r.out).toMatch(/^ 12  USR2\s+Term\s+yes\s+ignored\s+ignored\s+trap ''\s+User defined signal 2$/m);
  });
  it("ipc passes a message through a POSIX queue", () => {
    const q = `ipsh-int-${process.pid}`;
    const r = run(`ipc mq create ${q} && ipc mq send ${q} 'hello there' && ipc mq recv ${q}; ipc mq rm ${q}; ipc mq rm ${q}`);
    expect(r.out).toBe("hello there\n");
    expect(r.err).toMatch(/ipc: mq_unlink: No such file or directory\n$/);
    expect(r.status).toBe(1);
  });
});
