// A tiny program for the PTY tests of the line editor: reads lines with LineEditor and echoes each
// one back as `got:<JSON>` (then adds it to the history), prints `interrupted` after Ctrl-C and
// `eof` at Ctrl-D on an empty line. Completion uses completion.ts over the current directory with
// a few fixed command names. Environment: PROMPT (default "> "), HISTFILE, EDITOR_OUTFD (1),
// INITIAL (text every line starts with), EDITING_MODE (emacs or vi).
import { complete } from "../../src/interactive/completion.ts";
import { History } from "../../src/interactive/history.ts";
import { LineEditor } from "../../src/interactive/line-editor.ts";
import * as fs from "node:fs";

const history = new History({ lookup: (n) => process.env[n] });
history.load();
const editor = new LineEditor({
  inFd: 0,
  // The shell draws on fd 2, as bash does; tests may pick either.
  outFd: Number(process.env.EDITOR_OUTFD ?? "1"),
  history,
  editingMode: () => (process.env.EDITING_MODE === "vi" ? "vi" : "emacs"),
  host: {
    complete: (line, cursor) =>
      complete(line, cursor, {
        cwd: process.cwd(),
        home: process.env.HOME,
        path: "",
        builtins: ["echo", "eval", "exec", "exit", "export"],
        keywords: ["if", "then"],
        variables: () => Object.keys(process.env),
        getVar: (n) => process.env[n],
      }),
  },
});
const prompt = process.env.PROMPT ?? "> ";
for (;;) {
  const line = await editor.readLine(prompt, process.env.INITIAL ?? "");
  if (line === null) {
    fs.writeSync(1, "eof\r\n");
    break;
  }
  if (editor.interrupted) {
    fs.writeSync(1, "interrupted\r\n");
    continue;
  }
  fs.writeSync(1, "got:" + JSON.stringify(line) + "\r\n");
  if (line === "!stty") {
    // Shows the terminal modes a command run now would see (the editor must have restored them).
    const r = Bun.spawnSync(["stty", "-a"], { stdin: "inherit", stdout: "pipe" });
    const modes = r.stdout.toString().split(/[\s;]+/).filter((w) => /^-?(icanon|echo|isig|icrnl|opost)$/.test(w));
    fs.writeSync(1, "modes:" + modes.join(",") + "\r\n");
  }
  history.add(line);
}
process.exit(0);
