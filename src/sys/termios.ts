// Terminal modes (struct termios) and window size.
//
// The shell saves the terminal's modes at start-up and restores them around every foreground job
// (a job that stopped keeps its own modes for when it is resumed, as bash and dash do). The line
// editor switches to raw mode while it reads a line and must restore in `finally`.
//
// struct termios on x86_64 glibc (60 bytes):
//   c_iflag u32 @0, c_oflag u32 @4, c_cflag u32 @8, c_lflag u32 @12, c_line u8 @16,
//   c_cc[32] @17, c_ispeed u32 @52, c_ospeed u32 @56.
// A Termios is kept as those raw bytes, so a save/restore round trip is exact whatever fields a
// given driver uses.
import { errno } from "./errno.ts";
import { libc, SIZEOF_TERMIOS } from "./libc.ts";

export type Termios = Uint8Array;

// tcsetattr() `when`.
export const TCSANOW = 0;
export const TCSADRAIN = 1;
export const TCSAFLUSH = 2;

// c_iflag bits.
export const IGNBRK = 0o1;
export const BRKINT = 0o2;
export const PARMRK = 0o10;
export const ISTRIP = 0o40;
export const INLCR = 0o100;
export const IGNCR = 0o200;
export const ICRNL = 0o400;
export const IXON = 0o2000;
export const IUTF8 = 0o40000;
// c_oflag bits.
export const OPOST = 0o1;
export const ONLCR = 0o4;
// c_lflag bits.
export const ISIG = 0o1;
export const ICANON = 0o2;
export const ECHO = 0o10;
export const ECHOE = 0o20;
export const ECHOK = 0o40;
export const ECHONL = 0o100;
export const NOFLSH = 0o200;
export const TOSTOP = 0o400;
export const ECHOCTL = 0o1000;
export const IEXTEN = 0o100000;

// c_cc indices (the special characters: what ^C, ^Z, ^D, erase... are on this terminal).
export const VINTR = 0;
export const VQUIT = 1;
export const VERASE = 2;
export const VKILL = 3;
export const VEOF = 4;
export const VTIME = 5;
export const VMIN = 6;
export const VSTART = 8;
export const VSTOP = 9;
export const VSUSP = 10;
export const VEOL = 11;
export const VREPRINT = 12;
export const VWERASE = 14;
export const VLNEXT = 15;

const IFLAG = 0;
const OFLAG = 4;
const LFLAG = 12;
const CC = 17;

/** The modes of the terminal on fd, or -errno (-ENOTTY when fd is not a terminal). */
export function getTermios(fd: number): Termios | number {
  const t = new Uint8Array(SIZEOF_TERMIOS);
  return libc().tcgetattr(fd, t) === 0 ? t : -errno();
}

/** Apply modes (TCSADRAIN by default: after pending output, as bash restores). 0 or -errno. */
export function setTermios(fd: number, t: Termios, when = TCSADRAIN): number {
  return libc().tcsetattr(fd, when, t) === 0 ? 0 : -errno();
}

function view(t: Termios): DataView {
  return new DataView(t.buffer, t.byteOffset, t.byteLength);
}

export function iflag(t: Termios): number {
  return view(t).getUint32(IFLAG, true);
}
export function oflag(t: Termios): number {
  return view(t).getUint32(OFLAG, true);
}
export function lflag(t: Termios): number {
  return view(t).getUint32(LFLAG, true);
}
export function setLflag(t: Termios, v: number): void {
  view(t).setUint32(LFLAG, v >>> 0, true);
}
export function setIflag(t: Termios, v: number): void {
  view(t).setUint32(IFLAG, v >>> 0, true);
}
/** A special character (c_cc[index]); 0 means disabled (_POSIX_VDISABLE on Linux). */
export function controlChar(t: Termios, index: number): number {
  return t[CC + index]!;
}
export function setControlChar(t: Termios, index: number, v: number): void {
  t[CC + index] = v;
}

export interface RawOptions {
  /** Keep ISIG so ^C/^Z still send signals (default false: the editor handles them as keys). */
  readonly keepSignals?: boolean;
}

/**
 * A copy of `t` in the raw mode a line editor wants: no canonical line buffering, no echo, no
 * CR->NL translation or XON/XOFF flow control, reads return after 1 byte (VMIN 1, VTIME 0).
 * Output post-processing (OPOST/ONLCR) is kept, so "\n" still moves to column 0.
 */
export function rawModes(t: Termios, opts: RawOptions = {}): Termios {
  const r = t.slice();
  let l = lflag(r) & ~(ICANON | ECHO | ECHONL | IEXTEN);
  if (!opts.keepSignals) l &= ~ISIG;
  setLflag(r, l);
  setIflag(r, iflag(r) & ~(ICRNL | INLCR | IGNCR | IXON | ISTRIP | BRKINT | PARMRK));
  r[CC + VMIN] = 1;
  r[CC + VTIME] = 0;
  return r;
}

/** Put fd's terminal in raw mode; returns the saved modes to pass to setTermios later, or -errno. */
export function enterRawMode(fd: number, opts: RawOptions = {}): Termios | number {
  const saved = getTermios(fd);
  if (typeof saved === "number") return saved;
  const r = setTermios(fd, rawModes(saved, opts), TCSADRAIN);
  return r < 0 ? r : saved;
}

const TIOCGWINSZ = 0x5413;
const winsize = new Uint16Array(4); // ws_row, ws_col, ws_xpixel, ws_ypixel

/** The terminal's size (for COLUMNS/LINES and the line editor), or -errno. */
export function windowSize(fd: number): { rows: number; cols: number } | number {
  if (libc().ioctl(fd, TIOCGWINSZ, winsize) !== 0) return -errno();
  return { rows: winsize[0]!, cols: winsize[1]! };
}
