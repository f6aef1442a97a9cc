// Terminal modes on a real pty pair: exact save/restore round trip, raw mode flags, window size,
// and ENOTTY on non-terminals.
import { describe, expect, it } from "vitest";
import { ENOTTY } from "../../src/sys/errno.ts";
import { closeFd, isTty, pipe, pollOne, POLLIN, readChunk, writeAll } from "../../src/sys/fd.ts";
import { openPty } from "../../src/sys/pty.ts";
import {
  controlChar, ECHO, enterRawMode, getTermios, ICANON, ICRNL, iflag, ISIG, IXON, lflag, oflag, OPOST, rawModes,
  setTermios, TCSANOW, VEOF, VINTR, VMIN, VSUSP, VTIME, windowSize,
} from "../../src/sys/termios.ts";
import { libc } from "../../src/sys/libc.ts";

function mustPty() {
  const p = openPty();
  if (typeof p === "number") throw new Error(`openpty: ${p}`);
  return p;
}

describe("termios", () => {
  it("reads the usual cooked defaults of a new pty", () => {
    const { master, slave, path } = mustPty();
    try {
      expect(path).toMatch(/^\/dev\/pts\/\d+$/);
      expect(isTty(slave)).toBe(true);
      const t = getTermios(slave);
      if (typeof t === "number") throw new Error(String(t));
      expect(t.length).toBe(60);
      expect(lflag(t) & (ICANON | ECHO | ISIG)).toBe(ICANON | ECHO | ISIG);
      expect(controlChar(t, VINTR)).toBe(3); // ^C
      expect(controlChar(t, VSUSP)).toBe(26); // ^Z
      expect(controlChar(t, VEOF)).toBe(4); // ^D
      expect(oflag(t) & OPOST).toBe(OPOST);
    } finally {
      closeFd(slave);
      closeFd(master);
    }
  });

  it("raw mode and back: a byte-exact round trip", () => {
    const { master, slave } = mustPty();
    try {
      const saved = enterRawMode(slave);
      if (typeof saved === "number") throw new Error(String(saved));
      const raw = getTermios(slave) as Uint8Array;
      expect(lflag(raw) & (ICANON | ECHO | ISIG)).toBe(0);
      expect(iflag(raw) & (ICRNL | IXON)).toBe(0);
      expect(raw[17 + VMIN]).toBe(1);
      expect(raw[17 + VTIME]).toBe(0);
      expect(oflag(raw) & OPOST).toBe(OPOST);
      expect(setTermios(slave, saved)).toBe(0);
      expect(Array.from(getTermios(slave) as Uint8Array)).toEqual(Array.from(saved));
    } finally {
      closeFd(slave);
      closeFd(master);
    }
  });

  it("raw mode really delivers bytes one at a time without waiting for a newline", () => {
    const { master, slave } = mustPty();
    try {
      const saved = enterRawMode(slave);
      expect(typeof saved).not.toBe("number");
      writeAll(master, "a");
      const buf = new Uint8Array(8);
      expect(readChunk(slave, buf)).toBe(1);
      expect(buf[0]).toBe(97);
      // In cooked mode the same byte would wait for a line: check with a non-blocking poll.
      setTermios(slave, saved as Uint8Array, TCSANOW);
      writeAll(master, "b");
      expect(pollOne(slave, POLLIN, 50)).toBe(0);
      writeAll(master, "\n");
      expect(pollOne(slave, POLLIN, 1000) & POLLIN).toBe(POLLIN);
    } finally {
      closeFd(slave);
      closeFd(master);
    }
  });

  it("keepSignals leaves ISIG on", () => {
    const { master, slave } = mustPty();
    try {
      const t = getTermios(slave) as Uint8Array;
      expect(lflag(rawModes(t, { keepSignals: true })) & ISIG).toBe(ISIG);
      expect(lflag(rawModes(t)) & ISIG).toBe(0);
    } finally {
      closeFd(slave);
      closeFd(master);
    }
  });

  it("reads the window size set on the pty", () => {
    const { master, slave } = mustPty();
    try {
      const ws = new Uint16Array([33, 101, 0, 0]);
      expect(libc().ioctl(master, 0x5414 /* TIOCSWINSZ */, ws)).toBe(0);
      expect(windowSize(slave)).toEqual({ rows: 33, cols: 101 });
    } finally {
      closeFd(slave);
      closeFd(master);
    }
  });

  it("reports ENOTTY for a pipe", () => {
    const p = pipe() as [number, number];
    expect(getTermios(p[0])).toBe(-ENOTTY);
    expect(windowSize(p[0])).toBe(-ENOTTY);
    closeFd(p[0]);
    closeFd(p[1]);
  });
});
