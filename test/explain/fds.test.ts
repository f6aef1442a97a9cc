// The `fds` view: classification of descriptors, pipe ends across processes, file offsets, and
// for the shell itself the virtual fd table next to the process's real descriptors.
import { closeSync, mkdtempSync, openSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { def as fds } from "../../builtins/fds.ts";
import { listFds, processName } from "../../src/explain/proc.ts";
import { childrenOf, runBuiltin, spawnAlive } from "./fake-ctx.ts";

/** The DETAILS text of the row for descriptor `fd` (rows start with the right-aligned fd). */
function rowOf(out: string, fd: number, section = 0): string {
  const sections = out.split("\n\n");
  const line = sections[section]!.split("\n").find((l) => new RegExp(`^\\s*${fd}\\s`).test(l));
  if (!line) throw new Error(`no row for fd ${fd} in:\n${out}`);
  return line.trim();
}

/** n children have exec'd sleep and the parent shell has closed its copies of the pipe. */
const sleepsReady = (n: number) => (pid: number): boolean => {
  const kids = childrenOf(pid);
  if (kids.length !== n || !kids.every((k) => processName(k) === "sleep")) return false;
  return !(listFds(pid) ?? []).some((f) => f.target.startsWith("pipe:"));
};

describe("fds PID", () => {
  it("shows both ends of a pipeline's pipe", async () => {
    const p = await spawnAlive(["/usr/bin/bash", "-c", "sleep 30 | sleep 31"], sleepsReady(2));
    try {
      const [writer, reader] = childrenOf(p.pid).sort((a, b) => a - b);
      const w = await runBuiltin(fds, [String(writer)]);
      expect(w.status).toBe(0);
      expect(w.out.split("\n")[0]).toBe(`Process ${writer} (sleep): descriptors from /proc/${writer}/fd`);
      expect(rowOf(w.out, 1)).toMatch(new RegExp(`^1\\s+pipe\\s+pipe:\\[\\d+\\] write end; read by ${reader} \\(sleep\\) fd 0$`));
      const r = await runBuiltin(fds, [String(reader)]);
      expect(rowOf(r.out, 0)).toMatch(new RegExp(`^0\\s+pipe\\s+pipe:\\[\\d+\\] read end; written by ${writer} \\(sleep\\) fd 1$`));
    } finally {
      p.kill();
    }
  });
  it("says when a pipe's reader is gone (the next write gets SIGPIPE)", async () => {
    // `true` exits at once: sleep's stdout pipe is left without a reader.
    const p = await spawnAlive(["/usr/bin/bash", "-c", "sleep 30 | true; wait"], (pid) => {
      const kids = childrenOf(pid);
      return kids.length === 1 && processName(kids[0]!) === "sleep";
    });
    try {
      const [writer] = childrenOf(p.pid);
      const w = await runBuiltin(fds, [String(writer)]);
      expect(rowOf(w.out, 1)).toMatch(/write end; no reader left \(writes get SIGPIPE\/EPIPE\)$/);
    } finally {
      p.kill();
    }
  });
  it("shows a file's offset and open flags, and terminals/devices by kind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ipsh-fds-"));
    const f = join(dir, "log");
    const p = await spawnAlive(["/usr/bin/bash", "-c", `exec 3>>'${f}' 4</dev/null; printf abcd >&3; exec sleep 30`], (pid) => processName(pid) === "sleep");
    try {
      const r = await runBuiltin(fds, [String(p.pid)]);
      expect(rowOf(r.out, 3)).toBe(`3  file    ${f}  offset 4  O_WRONLY|O_APPEND`);
      expect(rowOf(r.out, 4)).toMatch(/^4\s+device\s+\/dev\/null  offset 0  O_RDONLY$/);
    } finally {
      p.kill();
    }
  });
  it("treats an open FIFO like a pipe, with the processes at its other end", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ipsh-fds-"));
    const fifo = join(dir, "fifo");
    const p = await spawnAlive(["/usr/bin/bash", "-c", `mkfifo '${fifo}'; sleep 30 > '${fifo}' & exec sleep 31 < '${fifo}'`], (pid) => {
      const kids = childrenOf(pid);
      return processName(pid) === "sleep" && kids.length === 1 && processName(kids[0]!) === "sleep";
    });
    try {
      const [writer] = childrenOf(p.pid);
      const r = await runBuiltin(fds, [String(p.pid)]);
      expect(rowOf(r.out, 0)).toBe(`0  fifo    ${fifo} (named pipe) read end; written by ${writer} (sleep) fd 1`);
    } finally {
      p.kill();
    }
  });
  it("marks the controlling terminal and its foreground process group", async () => {
    const p = Bun.spawn(["/usr/bin/sleep", "30"], { terminal: { cols: 80, rows: 24, data() {} } } as Parameters<typeof Bun.spawn>[1]);
    try {
      const deadline = Date.now() + 5000;
      while (processName(p.pid) !== "sleep" && Date.now() < deadline) await Bun.sleep(10);
      const r = await runBuiltin(fds, [String(p.pid)]);
      // the child is a session leader on the PTY: its own group is in the foreground
      expect(rowOf(r.out, 0)).toMatch(new RegExp(`^0\\s+terminal\\s+/dev/pts/\\d+  O_RDWR  controlling terminal; foreground: this process's group \\(process group ${p.pid}\\)$`));
    } finally {
      p.kill(9);
    }
  });
  it("errors for a missing process and bad operands", async () => {
    expect(await runBuiltin(fds, ["999999999"])).toEqual({ status: 1, out: "", err: "ipsh: fds: 999999999: no such process or no access to /proc/999999999/fd\n" });
    expect(await runBuiltin(fds, ["x1"])).toMatchObject({ status: 1, err: "ipsh: fds: x1: arguments must be process or job IDs\n" });
    expect((await runBuiltin(fds, ["-l"])).status).toBe(2);
  });
});

describe("fds (the shell itself)", () => {
  it("shows the shell's fd table, then the process's fds with the shell fds behind each", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ipsh-fds-"));
    const path = join(dir, "out");
    const os = openSync(path, "a");
    writeSync(os, "12345");
    try {
      // shell fd 1 -> the file (as after `exec >>out`), shell fd 5 -> the same OS fd, 0 and 2 inherited
      const table = new Map<number, { fd: number; label?: string }>([
        [0, { fd: 0 }],
        [1, { fd: os, label: `file ${path}` }],
        [2, { fd: 2 }],
        [5, { fd: os, label: `file ${path}` }],
      ]);
      const sh = {
        fds: {
          os: (fd: number) => table.get(fd)?.fd,
          openFds: () => [...table.keys()].sort((a, b) => a - b),
          entry: (fd: number) => table.get(fd),
        },
      };
      const r = await runBuiltin(fds, [], sh);
      expect(r.status).toBe(0);
      const [shellPart, procPart] = r.out.split("\n\n");
      expect(shellPart!.split("\n")[0]).toBe("Shell descriptors: the shell's fd table, what a command started here gets as its fds");
      expect(rowOf(r.out, 1)).toMatch(new RegExp(`^1\\s+${os}\\s+file\\s+${path}  offset 5  O_WRONLY\\|O_APPEND\\|O_CLOEXEC  \\[file ${path}\\]$`));
      expect(rowOf(r.out, 5)).toMatch(new RegExp(`^5\\s+${os}\\s+file\\s+${path}  offset 5  `));
      // the process table: the OS fd is used by shell fds 1 and 5; Bun's event loop is not shell-visible
      expect(procPart!.split("\n")[0]).toBe(`Process ${process.pid} (${processName(process.pid)}): all its descriptors; SHELL FD '-' = the runtime's own, never passed to commands`);
      expect(rowOf(r.out, os, 1)).toMatch(new RegExp(`^${os}\\s+1,5\\s+file\\s`));
      const internal = listFds(process.pid)!.find((f) => f.target.startsWith("anon_inode:"));
      if (internal) expect(rowOf(r.out, internal.fd, 1)).toMatch(new RegExp(`^${internal.fd}\\s+-\\s+anon_inode\\s+anon_inode:`));
    } finally {
      closeSync(os);
    }
  });
});
