// A foreground command killed by a signal, reported by a non-interactive shell as bash 5.2 does:
// "line N: PID Killed                  <the command as written>", SIGTERM as "Terminated" alone,
// written to the shell's stderr (not the command's redirected one). PIDs are masked.
import { describe, expect, it } from "vitest";
import { both } from "../helpers/shells.ts";

// (bash -c runs its last command without forking: each snippet ends with an echo)
// (pids are masked with their padding: the two children's pids may differ in length)
const mask = (s: string) => s.replace(/^(ipsh|bash): /gm, "SHELL: ").replace(/: +\d+ /g, ": PID ");

describe("death of a foreground command by a signal", () => {
  for (const [name, script] of [
    ["killed", 'sh -c "kill -KILL \\$\\$"; echo a; command sh -c "kill -KILL \\$\\$"; echo end'],
    ["with prefix assignments and redirections", 'x=1 sh -c "kill -KILL \\$\\$" 2>/dev/null; sh -c "kill -SEGV \\$\\$" >/dev/null'],
    ["a description longer than the column", 'sh -c "kill -XFSZ \\$\\$"; echo end'],
    ["terminated", 'sh -c "kill -TERM \\$\\$"; echo after'],
    ["a background job collected by wait", "sleep 5 & kill -KILL $!; wait $!; sleep 5 & kill -XFSZ $!; wait; echo $?"],
  ] as const) {
    it(name, () => {
      const r = both(script);
      expect(r.ipsh.stdout).toBe(r.ref.stdout);
      expect(mask(r.ipsh.stderr)).toBe(mask(r.ref.stderr));
      expect(r.ipsh.status).toBe(r.ref.status);
    });
  }
});
