// The emacs key bindings of the line editor (readline's emacs_standard_keymap, the keys bash users
// expect), as one table from key sequence to command name, and the decoder that cuts terminal
// input into key sequences. Command names are readline's, so `bind -p` style listings can read
// this table. Printable characters not in the table are self-insert.

export const EMACS_KEYMAP: ReadonlyMap<string, string> = new Map([
  ["\r", "accept-line"],
  ["\n", "accept-line"],
  ["\x01", "beginning-of-line"],
  ["\x1b[H", "beginning-of-line"],
  ["\x1bOH", "beginning-of-line"],
  ["\x1b[1~", "beginning-of-line"],
  ["\x05", "end-of-line"],
  ["\x1b[F", "end-of-line"],
  ["\x1bOF", "end-of-line"],
  ["\x1b[4~", "end-of-line"],
  ["\x02", "backward-char"],
  ["\x1b[D", "backward-char"],
  ["\x1bOD", "backward-char"],
  ["\x06", "forward-char"],
  ["\x1b[C", "forward-char"],
  ["\x1bOC", "forward-char"],
  ["\x1bb", "backward-word"],
  ["\x1b[1;5D", "backward-word"],
  ["\x1b[1;3D", "backward-word"],
  ["\x1bf", "forward-word"],
  ["\x1b[1;5C", "forward-word"],
  ["\x1b[1;3C", "forward-word"],
  ["\x0b", "kill-line"],
  ["\x15", "unix-line-discard"],
  ["\x17", "unix-word-rubout"],
  ["\x1bd", "kill-word"],
  ["\x1b[3;5~", "kill-word"],
  ["\x1b\x7f", "backward-kill-word"],
  ["\x1b\x08", "backward-kill-word"],
  ["\x19", "yank"],
  ["\x1by", "yank-pop"],
  ["\x1b.", "yank-last-arg"],
  ["\x1b_", "yank-last-arg"],
  ["\x0c", "clear-screen"],
  ["\x14", "transpose-chars"],
  ["\x04", "delete-char"],
  ["\x1b[3~", "delete-char"],
  ["\x7f", "backward-delete-char"],
  ["\x08", "backward-delete-char"],
  ["\x12", "reverse-search-history"],
  ["\x10", "previous-history"],
  ["\x1b[A", "previous-history"],
  ["\x1bOA", "previous-history"],
  ["\x0e", "next-history"],
  ["\x1b[B", "next-history"],
  ["\x1bOB", "next-history"],
  ["\x1b<", "beginning-of-history"],
  ["\x1b>", "end-of-history"],
  ["\t", "complete"],
  ["\x1b?", "possible-completions"],
  ["\x1b=", "possible-completions"],
  ["\x03", "interrupt"],
  ["\x07", "abort"],
  ["\x16", "quoted-insert"],
  ["\x1bu", "upcase-word"],
  ["\x1bl", "downcase-word"],
  ["\x1bc", "capitalize-word"],
  ["\x1f", "undo"],
  ["\x1b[200~", "bracketed-paste-begin"],
]);

/** The end of the key sequence starting at s[i]; -1 when the sequence is still incomplete (an
 *  escape sequence cut between two reads). ESC followed by a character is Meta-character; a CSI
 *  sequence runs to its final byte (0x40..0x7e); SS3 (ESC O) takes one more character. */
export function keyEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 0x1b) {
    if (i + 1 >= s.length) return -1;
    const n = s[i + 1];
    if (n === "[") {
      let j = i + 2;
      while (j < s.length) {
        const b = s.charCodeAt(j);
        if (b >= 0x40 && b <= 0x7e) return j + 1;
        if (b < 0x20 || b > 0x3f) return j; // malformed: stop before the odd byte
        j++;
      }
      return -1;
    }
    if (n === "O") return i + 2 < s.length ? i + 3 : -1;
    return codePointEnd(s, i + 1);
  }
  return codePointEnd(s, i);
}

function codePointEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) return i + 2;
  return i + 1;
}

export const PASTE_END = "\x1b[201~";
