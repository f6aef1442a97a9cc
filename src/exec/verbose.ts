// set -v (verbose): the shell writes its input to standard error as it reads it, before running
// it, as bash's echo_input_at_read does: script lines, standard input, `-c` strings, sourced files
// and eval'd text. The readers call this with the text each command took from the source (whole
// lines: comment lines before it and its here-document bodies included), so commands already
// read when `set -v` runs are not echoed, as in bash.
import type { Shell } from "../shell.ts";

export function echoInput(sh: Shell, text: string): void {
  if (!sh.opts.verbose || text === "") return;
  sh.writeErr(text.endsWith("\n") ? text : text + "\n");
}
