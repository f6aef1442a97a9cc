// The `ipc` builtin: POSIX message queues and shared memory driven through FFI, and the listing
// of System V and POSIX objects. Names carry the test's pid so parallel runs never collide.
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { def as ipc, ipcName, parseCount } from "../../builtins/ipc.ts";
import { listPosixShm, mqueueMount, parseMqStatus, permString, readSysvTable } from "../../src/explain/ipc-list.ts";
import { runBuiltin } from "./fake-ctx.ts";

let serial = 0;
const unique = (what: string): string => `ipsh-test-${process.pid}-${what}-${++serial}`;

describe("ipc mq", () => {
  it("create, send, receive in order, remove", async () => {
    const q = unique("mq");
    expect(await runBuiltin(ipc, ["mq", "create", q, "3", "64"])).toEqual({ status: 0, out: "", err: "" });
    expect((await runBuiltin(ipc, ["mq", "send", q, "first message"])).status).toBe(0);
    expect((await runBuiltin(ipc, ["mq", "send", `/${q}`, "second"])).status).toBe(0);
    expect(await runBuiltin(ipc, ["mq", "recv", q])).toEqual({ status: 0, out: "first message\n", err: "" });
    expect(await runBuiltin(ipc, ["mq", "recv", q])).toEqual({ status: 0, out: "second\n", err: "" });
    expect(await runBuiltin(ipc, ["mq", "rm", q])).toEqual({ status: 0, out: "", err: "" });
    expect(await runBuiltin(ipc, ["mq", "rm", q])).toEqual({ status: 1, out: "", err: "ipsh: ipc: mq_unlink: No such file or directory\n" });
  });
  it("reports failed calls like a coreutils tool", async () => {
    const q = unique("mq");
    expect(await runBuiltin(ipc, ["mq", "send", q, "x"])).toEqual({ status: 1, out: "", err: "ipsh: ipc: mq_open: No such file or directory\n" });
    await runBuiltin(ipc, ["mq", "create", q, "2", "8"]);
    try {
      expect(await runBuiltin(ipc, ["mq", "create", q])).toEqual({ status: 1, out: "", err: "ipsh: ipc: mq_open: File exists\n" });
      expect(await runBuiltin(ipc, ["mq", "send", q, "longer than 8"])).toEqual({ status: 1, out: "", err: "ipsh: ipc: mq_send: Message too long\n" });
    } finally {
      await runBuiltin(ipc, ["mq", "rm", q]);
    }
  });
  it("recv waits for a sender without blocking the event loop", async () => {
    const q = unique("mq");
    await runBuiltin(ipc, ["mq", "create", q]);
    try {
      const pending = runBuiltin(ipc, ["mq", "recv", q]);
      let done = false;
      void pending.then(() => (done = true));
      await Bun.sleep(60); // timers still fire: the loop is free while recv waits
      expect(done).toBe(false);
      // a different process sends: the queue is system-wide
      const sender = Bun.spawnSync([process.execPath, "-e", `
        const m = await import(${JSON.stringify(resolve("src/sys/ipc-ffi.ts"))});
        const q = m.mqOpen("/${q}", 1);
        process.exit(m.mqSend(q, new TextEncoder().encode("from afar")) === 0 ? 0 : 1);
      `]);
      expect(sender.exitCode).toBe(0);
      expect(await pending).toEqual({ status: 0, out: "from afar\n", err: "" });
    } finally {
      await runBuiltin(ipc, ["mq", "rm", q]);
    }
  });
  it("send waits while the queue is full", async () => {
    const q = unique("mq");
    await runBuiltin(ipc, ["mq", "create", q, "1", "16"]);
    try {
      await runBuiltin(ipc, ["mq", "send", q, "one"]);
      const second = runBuiltin(ipc, ["mq", "send", q, "two"]);
      await Bun.sleep(30);
      expect((await runBuiltin(ipc, ["mq", "recv", q])).out).toBe("one\n");
      expect((await second).status).toBe(0);
      expect((await runBuiltin(ipc, ["mq", "recv", q])).out).toBe("two\n");
    } finally {
      await runBuiltin(ipc, ["mq", "rm", q]);
    }
  });
  it("usage errors exit 2 without touching anything", async () => {
    const r = await runBuiltin(ipc, ["mq", "send", "only-name"]);
    expect(r.status).toBe(2);
    expect(r.err.split("\n")[0]).toBe("ipsh: ipc: mq send: NAME TEXT");
    expect((await runBuiltin(ipc, ["mq", "create", "q", "3"])).status).toBe(2);
    expect((await runBuiltin(ipc, ["mq", "create", "q", "0", "10"])).err).toContain("0: invalid message count");
    expect((await runBuiltin(ipc, ["frob"])).err.split("\n")[0]).toBe("ipsh: ipc: frob: unknown command");
  });
});

describe("ipc shm", () => {
  it("create (zero-filled, sized), write, read, remove", async () => {
    const s = unique("shm");
    expect(await runBuiltin(ipc, ["shm", "create", s, "16"])).toEqual({ status: 0, out: "", err: "" });
    expect(statSync(`/dev/shm/${s}`).size).toBe(16);
    expect(await runBuiltin(ipc, ["shm", "read", s])).toEqual({ status: 0, out: "\n", err: "" });
    expect((await runBuiltin(ipc, ["shm", "write", s, "hello"])).status).toBe(0);
    expect((await runBuiltin(ipc, ["shm", "read", s])).out).toBe("hello\n");
    // a shorter text replaces the longer one (the NUL ends it)
    await runBuiltin(ipc, ["shm", "write", s, "hi"]);
    expect((await runBuiltin(ipc, ["shm", "read", s])).out).toBe("hi\n");
    // exactly the segment size: no room for the NUL, still read back whole
    await runBuiltin(ipc, ["shm", "write", s, "0123456789abcdef"]);
    expect((await runBuiltin(ipc, ["shm", "read", s])).out).toBe("0123456789abcdef\n");
    expect(await runBuiltin(ipc, ["shm", "write", s, "0123456789abcdefX"])).toEqual({
      status: 1,
      out: "",
      err: `ipsh: ipc: shm write: /${s}: text of 17 bytes does not fit in 16 bytes\n`,
    });
    expect((await runBuiltin(ipc, ["shm", "rm", s])).status).toBe(0);
    expect(existsSync(`/dev/shm/${s}`)).toBe(false);
    expect(await runBuiltin(ipc, ["shm", "read", s])).toEqual({ status: 1, out: "", err: "ipsh: ipc: shm_open: No such file or directory\n" });
  });
  it("sizes take K/M/G suffixes", async () => {
    const s = unique("shm");
    await runBuiltin(ipc, ["shm", "create", s, "2K"]);
    try {
      expect(statSync(`/dev/shm/${s}`).size).toBe(2048);
      expect(await runBuiltin(ipc, ["shm", "create", s, "1"])).toEqual({ status: 1, out: "", err: "ipsh: ipc: shm_open: File exists\n" });
    } finally {
      await runBuiltin(ipc, ["shm", "rm", s]);
    }
  });
});

describe("ipc listing", () => {
  it("lists POSIX shared memory and explains a missing mqueue mount", async () => {
    const s = unique("shm");
    await runBuiltin(ipc, ["shm", "create", s, "100"]);
    try {
      const r = await runBuiltin(ipc, []);
      expect(r.status).toBe(0);
      expect(r.out).toMatch(new RegExp(`^  /${s}\\s+rw-------\\s+\\S+\\s+100$`, "m"));
      for (const title of ["System V message queues", "System V shared memory", "System V semaphore sets", "POSIX shared memory"]) {
        expect(r.out).toContain(title);
      }
      if (mqueueMount() === undefined) expect(r.out).toContain("not listable: no mqueue file system is mounted");
      else expect(r.out).toMatch(/^POSIX message queues \(/m);
    } finally {
      await runBuiltin(ipc, ["shm", "rm", s]);
    }
  });
  it("lists a System V message queue made by ipcmk", async () => {
    const mk = Bun.spawnSync(["ipcmk", "-Q"]);
    const id = /id: (\d+)/.exec(mk.stdout.toString())?.[1];
    if (mk.exitCode !== 0 || !id) return void console.warn("skipped: no ipcmk"); // util-linux missing
    try {
      const r = await runBuiltin(ipc, []);
      const section = r.out.split("System V shared memory")[0]!;
      expect(section).toMatch(new RegExp(`^  0x[0-9a-f]{8}\\s+${id}\\s+rw-r--r--\\s+\\S+\\s+0\\s+0\\s`, "m"));
    } finally {
      Bun.spawnSync(["ipcrm", "-q", id]);
    }
  });
  it("lists POSIX message queues when an mqueue fs is mounted (private mount namespace)", () => {
    const dir = mkdtempSync(join(tmpdir(), "ipsh-mq-"));
    const q = unique("mq");
    const script = join(dir, "list.ts");
    writeFileSync(script, `
      import { def } from ${JSON.stringify(resolve("builtins/ipc.ts"))};
      const ctx = (args) => ({ name: "ipc", args, sh: {}, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), error: (m) => process.stderr.write(m + "\\n"), write: () => true });
      def.run(ctx(["mq", "create", ${JSON.stringify(q)}, "4", "32"]));
      def.run(ctx(["mq", "send", ${JSON.stringify(q)}, "abcde"])).next();
      def.run(ctx([]));
      def.run(ctx(["mq", "rm", ${JSON.stringify(q)}]));
    `);
    const mnt = join(dir, "mq");
    const r = Bun.spawnSync(["unshare", "-m", "sh", "-c", `mkdir "$1" && mount -t mqueue none "$1" && exec "$2" "$3"`, "sh", mnt, process.execPath, script]);
    if (r.exitCode !== 0 && /unshare|mount/.test(r.stderr.toString())) return void console.warn("skipped: no mount namespace"); // no privilege
    expect(r.stderr.toString()).toBe("");
    const out = r.stdout.toString();
    expect(out).toContain(`POSIX message queues (${mnt})`);
    expect(out).toMatch(new RegExp(`^  /${q}\\s+rw-------\\s+\\S+\\s+1\\s+4\\s+32\\s+5\\s+-$`, "m"));
  });
});

describe("ipc helpers", () => {
  it("names get the POSIX leading slash", () => {
    expect(ipcName("jobs")).toBe("/jobs");
    expect(ipcName("/jobs")).toBe("/jobs");
  });
  it("counts and sizes", () => {
    expect(parseCount("10", "n", false)).toBe(10);
    expect(parseCount("4k", "size", true)).toBe(4096);
    expect(parseCount("1M", "size", true)).toBe(1048576);
    expect(() => parseCount("4k", "n", false)).toThrow("4k: invalid n");
    expect(() => parseCount("-1", "n", false)).toThrow();
    expect(() => parseCount("0", "n", false)).toThrow();
  });
  it("parses /proc/sysvipc tables, mount tables and mqueue status lines", () => {
    const dir = mkdtempSync(join(tmpdir(), "ipsh-ipc-"));
    writeFileSync(join(dir, "msg"), "       key      msqid perms      cbytes       qnum\n         0          3   644           5          1\n");
    expect(readSysvTable(join(dir, "msg")).map((m) => Object.fromEntries(m))).toEqual([{ key: "0", msqid: "3", perms: "644", cbytes: "5", qnum: "1" }]);
    expect(readSysvTable(join(dir, "missing"))).toEqual([]);
    writeFileSync(join(dir, "mounts"), "proc /proc proc rw 0 0\nmqueue /dev/mqueue mqueue rw,relatime 0 0\n");
    expect(mqueueMount(join(dir, "mounts"))).toBe("/dev/mqueue");
    writeFileSync(join(dir, "mounts2"), "proc /proc proc rw 0 0\n");
    expect(mqueueMount(join(dir, "mounts2"))).toBeUndefined();
    expect(Object.fromEntries(parseMqStatus("QSIZE:5          NOTIFY:0     SIGNO:0     NOTIFY_PID:0     \n"))).toEqual({ QSIZE: 5, NOTIFY: 0, SIGNO: 0, NOTIFY_PID: 0 });
    expect(permString(0o640)).toBe("rw-r-----");
    const shm = join(dir, "shm");
    mkdirSync(shm);
    writeFileSync(join(shm, "seg"), "abc");
    writeFileSync(join(shm, "sem.lock"), "x".repeat(32));
    expect(listPosixShm(shm).map((x) => [x.name, x.size])).toEqual([["/seg", 3]]);
    expect(listPosixShm(shm, true).map((x) => x.name)).toEqual(["/lock"]);
  });
});

