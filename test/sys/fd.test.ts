// The fd wrappers: -errno results, pipes, dup, cloexec, exact reads, writes that survive partial
// writes and report EPIPE, poll, memfd.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EBADF, EEXIST, EISDIR, ENOENT, ENOTDIR, EPIPE, ESPIPE, EAGAIN } from "../../src/sys/errno.ts";
import {
  closeFd, dup2, dupCloexec, EOF, F_GETFD, FD_CLOEXEC, isOpen, memfd, O_APPEND, O_CLOEXEC, O_CREAT, O_EXCL,
  O_NONBLOCK, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY, openFile, pipe, pollOne, POLLIN, POLLHUP, readByte, readChunk,
  seek, SEEK_SET, setCloexec, setNonblock, statusFlags, writeAll, isTty,
} from "../../src/sys/fd.ts";
import { libc } from "../../src/sys/libc.ts";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "ipsh-fd-")); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mustPipe(flags?: number): [number, number] {
  const p = pipe(flags);
  if (typeof p === "number") throw new Error(`pipe ${p}`);
  return p;
}
const cloexec = (fd: number) => (libc().fcntl(fd, F_GETFD, 0) & FD_CLOEXEC) !== 0;

describe("openFile", () => {
  it("reports ENOENT, ENOTDIR, EISDIR and EEXIST as negative errnos", () => {
    expect(openFile(join(dir, "missing"), O_RDONLY)).toBe(-ENOENT);
    writeFileSync(join(dir, "file"), "x");
    expect(openFile(join(dir, "file", "sub"), O_RDONLY)).toBe(-ENOTDIR);
    expect(openFile(dir, O_WRONLY)).toBe(-EISDIR);
    expect(openFile(join(dir, "file"), O_WRONLY | O_CREAT | O_EXCL)).toBe(-EEXIST);
  });

  it("creates with the mode given (minus umask), truncates and appends", () => {
    const p = join(dir, "out");
    const fd = openFile(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600);
    expect(fd).toBeGreaterThanOrEqual(0);
    expect(cloexec(fd)).toBe(true);
    expect(writeAll(fd, "hello\n")).toBe(0);
    closeFd(fd);
    const fa = openFile(p, O_WRONLY | O_APPEND);
    expect(cloexec(fa)).toBe(false);
    expect(writeAll(fa, new TextEncoder().encode("more\n"))).toBe(0);
    closeFd(fa);
    expect(readFileSync(p, "utf8")).toBe("hello\nmore\n");
  });
});

describe("pipes and descriptors", () => {
  it("pipe() is close-on-exec by default and carries data", () => {
    const [r, w] = mustPipe();
    expect(cloexec(r) && cloexec(w)).toBe(true);
    expect(writeAll(w, "abc")).toBe(0);
    closeFd(w);
    const buf = new Uint8Array(10);
    expect(readChunk(r, buf)).toBe(3);
    expect(new TextDecoder().decode(buf.subarray(0, 3))).toBe("abc");
    expect(readChunk(r, buf)).toBe(0);
    closeFd(r);
    const [r2, w2] = mustPipe(0);
    expect(cloexec(r2)).toBe(false);
    closeFd(r2); closeFd(w2);
  });

  it("readChunk never reads past the buffer, whatever length is asked for", () => {
    const [r, w] = mustPipe();
    writeAll(w, "0123456789");
    const backing = new Uint8Array(8).fill(0xee);
    const view = backing.subarray(0, 4);
    expect(readChunk(r, view, 1, 1000)).toBe(3);
    expect(Array.from(backing)).toEqual([0xee, 48, 49, 50, 0xee, 0xee, 0xee, 0xee]);
    expect(readChunk(r, view, 4)).toBe(0);
    closeFd(r);
    closeFd(w);
  });

  it("readByte reads one byte at a time and leaves the rest for others", () => {
    const [r, w] = mustPipe();
    writeAll(w, "ab\n");
    closeFd(w);
    expect(readByte(r)).toBe(97);
    expect(readByte(r)).toBe(98);
    const rest = new Uint8Array(4);
    expect(readChunk(r, rest)).toBe(1);
    expect(readByte(r)).toBe(EOF);
    closeFd(r);
    expect(readByte(r)).toBe(-EBADF);
  });

  it("writeAll handles writes bigger than the pipe buffer and large strings", async () => {
    const [r, w] = mustPipe();
    const big = "x".repeat(300_000) + "é";
    // A separate reader drains concurrently: spawn cat into a file.
    const { spawn } = await import("../../src/exec/spawn.ts");
    const { waitPid } = await import("../../src/exec/wait-status.ts");
    const outPath = join(dir, "big");
    const out = openFile(outPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC);
    const res = spawn({ path: "/bin/cat", argv: ["cat"], envp: [], sigDefault: [], actions: [{ op: "dup2", from: r, to: 0 }, { op: "dup2", from: out, to: 1 }] });
    closeFd(r); closeFd(out);
    expect(writeAll(w, big)).toBe(0);
    closeFd(w);
    if (!("pid" in res)) throw new Error("spawn");
    waitPid(res.pid, 0);
    expect(readFileSync(outPath, "utf8")).toBe(big);
  });

  it("writeAll returns -EPIPE when the reader is gone (SIGPIPE is ignored in Bun)", () => {
    const [r, w] = mustPipe();
    closeFd(r);
    expect(writeAll(w, "data")).toBe(-EPIPE);
    closeFd(w);
  });

  it("writeAll waits out EAGAIN on a non-blocking pipe", async () => {
    const [r, w] = mustPipe();
    expect(setNonblock(w, true)).toBe(0);
    expect(statusFlags(w) & O_NONBLOCK).toBe(O_NONBLOCK);
    const payload = new Uint8Array(200_000).fill(65);
    // Fill the pipe first: a raw write shows EAGAIN.
    const C = libc();
    while ((C.write(w, payload, payload.length) as number) > 0) { /* fill */ }
    const { errno } = await import("../../src/sys/errno.ts");
    expect(errno()).toBe(EAGAIN);
    // Drain from a child while writeAll blocks in poll.
    const { spawn } = await import("../../src/exec/spawn.ts");
    const { waitPid } = await import("../../src/exec/wait-status.ts");
    const devnull = openFile("/dev/null", O_WRONLY | O_CLOEXEC);
    const res = spawn({ path: "/bin/cat", argv: ["cat"], envp: [], sigDefault: [], actions: [{ op: "dup2", from: r, to: 0 }, { op: "dup2", from: devnull, to: 1 }] });
    closeFd(r); closeFd(devnull);
    expect(writeAll(w, payload)).toBe(0);
    closeFd(w);
    if ("pid" in res) waitPid(res.pid, 0);
  });

  it("dupCloexec copies to >= 10 with close-on-exec; dup2 copies are inheritable", () => {
    const [r, w] = mustPipe();
    const saved = dupCloexec(r);
    expect(saved).toBeGreaterThanOrEqual(10);
    expect(cloexec(saved)).toBe(true);
    const at = dup2(r, 55);
    expect(at).toBe(55);
    expect(cloexec(55)).toBe(false);
    expect(setCloexec(55, true)).toBe(0);
    expect(cloexec(55)).toBe(true);
    for (const fd of [r, w, saved, 55]) expect(closeFd(fd)).toBe(0);
    expect(isOpen(55)).toBe(false);
    expect(closeFd(55)).toBe(-EBADF);
    expect(dupCloexec(55)).toBe(-EBADF);
  });

  it("seek works on files and reports ESPIPE on pipes", () => {
    const fd = openFile(join(dir, "seek"), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC);
    writeAll(fd, "0123456789");
    expect(seek(fd, 4, SEEK_SET)).toBe(4);
    expect(readByte(fd)).toBe("4".charCodeAt(0));
    closeFd(fd);
    const [r, w] = mustPipe();
    expect(seek(r, 0, SEEK_SET)).toBe(-ESPIPE);
    closeFd(r); closeFd(w);
  });

  it("pollOne reports readability, hang-up and timeouts", () => {
    const [r, w] = mustPipe();
    expect(pollOne(r, POLLIN, 0)).toBe(0);
    writeAll(w, "x");
    expect(pollOne(r, POLLIN, 0) & POLLIN).toBe(POLLIN);
    readByte(r);
    closeFd(w);
    expect(pollOne(r, POLLIN, 100) & POLLHUP).toBe(POLLHUP);
    closeFd(r);
  });

  it("memfd holds data that can be read back from the start (here-documents)", () => {
    const fd = memfd("heredoc");
    expect(fd).toBeGreaterThanOrEqual(0);
    expect(cloexec(fd)).toBe(true);
    writeAll(fd, "line 1\nline 2\n");
    expect(seek(fd, 0, SEEK_SET)).toBe(0);
    const buf = new Uint8Array(64);
    const n = readChunk(fd, buf);
    expect(new TextDecoder().decode(buf.subarray(0, n))).toBe("line 1\nline 2\n");
    closeFd(fd);
  });

  it("isTty is false for pipes and files", () => {
    const [r, w] = mustPipe();
    expect(isTty(r)).toBe(false);
    closeFd(r); closeFd(w);
  });
});

describe("inheritedFds", () => {
  it("finds fds the parent passed (3, 7 and 12) but not Bun's own eventpoll/eventfd", async () => {
    const { openSync, closeSync } = await import("node:fs");
    const { join } = await import("node:path");
    const a = openSync("/dev/null", "r");
    const b = openSync("/etc/hostname", "r");
    try {
      const proc = Bun.spawnSync([process.execPath, join(import.meta.dirname, "fixtures/inherited-fds.ts")], {
        // Extra stdio entries become the child's fds 3, 4, ...: files at 3, 7 and 12, none between.
        stdio: ["ignore", "pipe", "pipe", a, "ignore", "ignore", "ignore", b, "ignore", "ignore", "ignore", "ignore", a] as unknown as ["ignore", "pipe", "pipe"],
      });
      const found = JSON.parse(proc.stdout.toString()) as [number, string][];
      expect(found).toEqual([[3, "/dev/null"], [7, "/etc/hostname"], [12, "/dev/null"]]);
    } finally {
      closeSync(a);
      closeSync(b);
    }
  });
});
