// The key bindings of vi editing mode (`set -o vi`), as readline's vi_insertion_keymap and
// vi_movement_keymap in bash 5.2 (`bind -p -m vi-insert`, `bind -p -m vi-command`), limited to
// the commands this editor has. Command names are readline's. Commands without a `vi-` prefix
// are the emacs editor's own (line-editor.ts runs them); the `vi-` ones are vi-mode.ts's.

/** The arrow, word-motion and Home keys, bound alike in both vi keymaps (in this order). */
const CURSOR_KEYS: [string, string][] = [
  ["\x1b[D", "backward-char"],
  ["\x1bOD", "backward-char"],
  ["\x1b[C", "forward-char"],
  ["\x1bOC", "forward-char"],
  ["\x1b[1;3D", "backward-word"],
  ["\x1b[1;5D", "backward-word"],
  ["\x1b[1;3C", "forward-word"],
  ["\x1b[1;5C", "forward-word"],
  ["\x1b[H", "beginning-of-line"],
  ["\x1bOH", "beginning-of-line"],
];

/** Keys of insert mode that are not self-insert. ESC leaves insert mode. */
export const VI_INSERT_KEYMAP: ReadonlyMap<string, string> = new Map([
  ["\r", "accept-line"],
  ["\n", "accept-line"],
  ["\x1b", "vi-movement-mode"],
  ...CURSOR_KEYS,
  ["\x1b[1~", "beginning-of-line"],
  ["\x1b[F", "end-of-line"],
  ["\x1bOF", "end-of-line"],
  ["\x1b[4~", "end-of-line"],
  ["\x1b[A", "previous-history"],
  ["\x1bOA", "previous-history"],
  ["\x1b[B", "next-history"],
  ["\x1bOB", "next-history"],
  ["\x08", "backward-delete-char"],
  ["\x7f", "backward-delete-char"],
  ["\x1b[3~", "delete-char"],
  ["\x1b[3;5~", "kill-word"],
  ["\t", "complete"],
  ["\x16", "quoted-insert"],
  ["\x12", "reverse-search-history"],
  ["\x14", "transpose-chars"],
  ["\x15", "unix-line-discard"],
  ["\x17", "vi-unix-word-rubout"],
  ["\x19", "yank"],
  ["\x04", "vi-eof-maybe"],
  ["\x1f", "undo"],
  ["\x03", "interrupt"],
  // Not in bash 5.2's vi-insert map (there ^L inserts itself); kept as in emacs mode.
  ["\x0c", "clear-screen"],
  ["\x1b[200~", "bracketed-paste-begin"],
]);

/** Keys of command (movement) mode. Printable keys not listed ring the bell. */
export const VI_COMMAND_KEYMAP: ReadonlyMap<string, string> = new Map([
  ["\r", "accept-line"],
  ["\n", "accept-line"],
  ["\x07", "abort"],
  ["\x03", "interrupt"],
  ["\x04", "vi-eof-maybe"],
  ["\x08", "backward-char"],
  ...CURSOR_KEYS,
  ["\x1b[F", "end-of-line"],
  ["\x1bOF", "end-of-line"],
  ["\x1b[A", "previous-history"],
  ["\x1bOA", "previous-history"],
  ["\x1b[B", "next-history"],
  ["\x1bOB", "next-history"],
  ["\x0e", "next-history"],
  ["\x10", "previous-history"],
  ["\x1b[3~", "delete-char"],
  ["\x1b[3;5~", "kill-word"],
  ["\x0b", "kill-line"],
  ["\x0c", "clear-screen"],
  ["\x12", "reverse-search-history"],
  ["\x14", "transpose-chars"],
  ["\x15", "unix-line-discard"],
  ["\x16", "quoted-insert"],
  ["\x17", "vi-unix-word-rubout"],
  ["\x19", "yank"],
  ["\x1f", "undo"],
  ["\x1b[200~", "bracketed-paste-begin"],
  // Motions (also the second key of d, c and y).
  [" ", "forward-char"],
  ["l", "forward-char"],
  ["h", "backward-char"],
  ["0", "beginning-of-line"],
  ["$", "end-of-line"],
  ["^", "vi-first-print"],
  ["|", "vi-column"],
  ["%", "vi-match"],
  ["w", "vi-next-word"],
  ["W", "vi-next-word"],
  ["b", "vi-prev-word"],
  ["B", "vi-prev-word"],
  ["e", "vi-end-word"],
  ["E", "vi-end-word"],
  ["f", "vi-char-search"],
  ["F", "vi-char-search"],
  ["t", "vi-char-search"],
  ["T", "vi-char-search"],
  [";", "vi-char-search"],
  [",", "vi-char-search"],
  // Counts.
  ...["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((d) => [d, "vi-arg-digit"] as [string, string]),
  // Entering insert mode.
  ["i", "vi-insertion-mode"],
  ["a", "vi-append-mode"],
  ["I", "vi-insert-beg"],
  ["A", "vi-append-eol"],
  // Changes.
  ["x", "vi-delete"],
  ["X", "vi-rubout"],
  ["r", "vi-change-char"],
  ["~", "vi-change-case"],
  ["s", "vi-subst"],
  ["S", "vi-subst"],
  ["c", "vi-change-to"],
  ["C", "vi-change-to"],
  ["d", "vi-delete-to"],
  ["D", "vi-delete-to"],
  ["y", "vi-yank-to"],
  ["Y", "vi-yank-to"],
  ["p", "vi-put"],
  ["P", "vi-put"],
  ["u", "undo"],
  [".", "vi-redo"],
  ["#", "insert-comment"],
  // History.
  ["j", "next-history"],
  ["+", "next-history"],
  ["k", "previous-history"],
  ["-", "previous-history"],
  ["G", "vi-fetch-history"],
  ["/", "vi-search"],
  ["?", "vi-search"],
  ["n", "vi-search-again"],
  ["N", "vi-search-again"],
]);

/** Keys that may follow d, c or y (readline's vi_motion). */
export const VI_MOTION_KEYS = new Set([" ", "h", "l", "^", "$", "0", "f", "t", "F", "T", ";", ",", "%", "w", "b", "e", "W", "B", "E", "|"]);

/** Commands that change the line, which `.` repeats (readline's vi_textmod, without R). */
export const VI_CHANGE_KEYS = new Set(["A", "a", "I", "i", "C", "c", "D", "d", "P", "p", "Y", "y", "r", "S", "s", "X", "x", "~"]);

/** A key that is a character to insert or take as an argument (not a control key). */
export const PRINTABLE = /^[^\x00-\x1f\x7f]/;
