import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeOpenFlags } from "../../src/explain/open-flags.ts";
import { anonInodeNote } from "../../src/explain/fd-kind.ts";
import { decodeSigMask, listFds, pipeEnds, linkInode, processName, readStatus, signalSets } from "../../src/explain/proc.ts";
import { childrenOf, hasChildren, spawnAlive } from "./fake-ctx.ts";

describe("signal masks", () => {
  it("decodes /proc hex masks: bit N-1 is signal N", () => {
    expect(decodeSigMask("0000000000000000")).toEqual([]);
    expect(decodeSigMask("0000000000001000")).toEqual([13]); // PIPE, as Bun ignores it
    expect(decodeSigMask("0000000001001000")).toEqual([13, 25]); // PIPE, XFSZ
    expect(decodeSigMask("8000000000000001")).toEqual([1, 64]);
  });
  it("merges thread and shared pending sets", () => {
    const st = new Map([["SigPnd", "0000000000000002"], ["ShdPnd", "0000000000000100"], ["SigIgn", "0"], ["SigCgt", "0"], ["SigBlk", "0"], ["SigQ", "1/100"]]);
    expect([...signalSets(st).pending].sort((a, b) => a - b)).toEqual([2, 9]);
    expect(signalSets(st).queued).toBe("1/100");
  });
  it("reads a real process: bash's trap '' ignores, trap ACTION catches", async () => {
    // the child exists only once both traps are set
    const p = await spawnAlive(["/usr/bin/bash", "-c", "trap '' USR1; trap 'echo x' USR2; sleep 30 & wait"], hasChildren(1));
    try {
      const sets = signalSets(readStatus(p.pid)!);
      expect(sets.ignored.has(10)).toBe(true);
      expect(sets.caught.has(12)).toBe(true);
      expect(sets.ignored.has(12)).toBe(false);
    } finally {
      p.kill();
    }
  });
  it("a missing process reads as undefined", () => {
    expect(readStatus(999999999)).toBeUndefined();
    expect(listFds(999999999)).toBeUndefined();
  });
});

describe("descriptors", () => {
  it("parses pipe inodes from link names", () => {
    expect(linkInode("pipe:[1234]", "pipe")).toBe(1234);
    expect(linkInode("socket:[77]", "socket")).toBe(77);
    expect(linkInode("socket:[77]", "pipe")).toBeUndefined();
    expect(linkInode("/tmp/pipe:[1]", "pipe")).toBeUndefined();
  });
  it("finds both ends of a pipe between two processes", async () => {
    const p = await spawnAlive(["/usr/bin/bash", "-c", "sleep 30 | sleep 31"], (pid) => {
      // both stages have exec'd sleep: their fds 0 and 1 are final
      const kids = childrenOf(pid);
      return kids.length === 2 && kids.every((k) => processName(k) === "sleep");
    });
    try {
      const [writer, reader] = childrenOf(p.pid).sort((a, b) => a - b);
      const out = listFds(writer!)!.find((f) => f.fd === 1)!;
      const ino = linkInode(out.target, "pipe")!;
      expect(ino).toBeGreaterThan(0);
      const ends = pipeEnds(new Set([out.target])).get(out.target)!;
      expect(ends).toContainEqual({ pid: writer, comm: "sleep", fd: 1, mode: "write" });
      expect(ends).toContainEqual({ pid: reader, comm: "sleep", fd: 0, mode: "read" });
    } finally {
      p.kill();
    }
  });
  it("names open flags, leaving out O_LARGEFILE", () => {
    expect(describeOpenFlags(0o2102001)).toBe("O_WRONLY|O_APPEND|O_CLOEXEC");
    expect(describeOpenFlags(0o100000)).toBe("O_RDONLY");
    expect(describeOpenFlags(0o4010002)).toBe("O_RDWR|O_SYNC");
    expect(describeOpenFlags(0o10002)).toBe("O_RDWR|O_DSYNC");
  });
});

describe("kernel objects (anon_inode)", () => {
  it("reads what epoll, eventfd, pidfd and signalfd descriptors do from fdinfo", () => {
    const epoll = "pos:\t0\nflags:\t02000002\nmnt_id:\t17\nino:\t26\ntfd:        4 events:       1f data:  4  pos:0 ino:efaee sdev:f\ntfd:        9 events:       19 data:  9  pos:0 ino:1 sdev:f\n";
    expect(anonInodeNote("anon_inode:[eventpoll]", epoll)).toBe("watching fds 4, 9");
    expect(anonInodeNote("anon_inode:[eventpoll]", "pos:\t0\n")).toBe("watching nothing");
    expect(anonInodeNote("anon_inode:[eventfd]", "pos:\t0\neventfd-count:               1a\neventfd-id: 3\n")).toBe("count 26");
    expect(anonInodeNote("anon_inode:[pidfd]", "pos:\t0\nPid:\t1234\nNSpid:\t1234\n")).toBe("process 1234");
    expect(anonInodeNote("anon_inode:[pidfd]", "Pid:\t-1\n")).toBe("process has exited");
    expect(anonInodeNote("anon_inode:[signalfd]", "sigmask:\t0000000000010002\n")).toBe("signals INT CHLD");
    expect(anonInodeNote("anon_inode:inotify", "")).toBeUndefined();
  });
  it("this process's event loop watches some of its own fds", () => {
    const ep = listFds(process.pid)!.find((f) => f.target === "anon_inode:[eventpoll]");
    if (!ep) return; // no epoll in this runtime build
    const note = anonInodeNote(ep.target, readFileSync(`/proc/self/fdinfo/${ep.fd}`, "utf8"))!;
    expect(note).toMatch(/^watching (fds \d+(, \d+)*|nothing)$/);
  });
});
