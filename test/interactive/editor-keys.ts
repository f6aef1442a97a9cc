// Drives the LineEditor without a terminal: keys go in through a PassThrough stream, the drawing
// goes to /dev/null, and each accepted line comes back (null for end-of-file). For unit tests of
// editing commands; test/interactive/line-editor.pty.test.ts covers the real terminal.
import * as fs from "node:fs";
import { PassThrough } from "node:stream";
import { History } from "../../src/interactive/history.ts";
import { LineEditor } from "../../src/interactive/line-editor.ts";

export interface KeysOptions {
  mode?: "emacs" | "vi";
  /** History lines, oldest first. */
  history?: string[];
}

/** An editor and a function that types one line's keys and resolves to what readLine returned. */
export function editorWithKeys(opts: KeysOptions = {}): {
  editor: LineEditor;
  type: (keys: string) => Promise<string | null>;
  /** The editing mode from the next line on (as `set -o vi` typed at a prompt). */
  setMode: (m: "emacs" | "vi") => void;
  close: () => void;
} {
  const history = new History({ lookup: () => undefined });
  for (const l of opts.history ?? []) history.add(l);
  const input = new PassThrough();
  const outFd = fs.openSync("/dev/null", "w");
  let mode = opts.mode ?? "emacs";
  const editor = new LineEditor({
    inFd: -1,
    outFd,
    history,
    input,
    editingMode: () => mode,
    host: { complete: () => ({ start: 0, end: 0, candidates: [] }) },
  });
  return {
    editor,
    setMode: (m) => (mode = m),
    type: (keys: string) => {
      const p = editor.readLine("> ");
      input.write(keys);
      return p;
    },
    close: () => {
      input.end();
      fs.closeSync(outFd);
    },
  };
}

/** Types each string as one line (Enter is not added) and returns the accepted lines. */
export async function typeLines(lines: string[], opts: KeysOptions = {}): Promise<(string | null)[]> {
  const { type, close } = editorWithKeys(opts);
  const out: (string | null)[] = [];
  try {
    for (const keys of lines) out.push(await type(keys));
  } finally {
    close();
  }
  return out;
}
