import { describe, expect, it } from "vitest";
import { describeOpenFlags } from "../../src/explain/open-flags.ts";
import { decodeSigMask, listFds, pipeEnds, linkInode, readStatus, signalSets } from "../../src/explain/proc.ts";
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
    const p = await spawnAlive(["/usr/bin/bash", "-c", "sleep 30 | sleep 31"], (pid) => childrenOf(pid).every((c) => listFds(c)?.some((f) => f.target.startsWith("pipe:"))) && hasChildren(2)(pid));
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
