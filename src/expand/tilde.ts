// Tilde expansion (XCU 2.6.1 and bash): ~ is $HOME (the passwd entry when HOME is unset),
// ~user the user's home directory, ~+ $PWD, ~- $OLDPWD, ~N ~+N ~-N entries of the directory
// stack (bash's dirs +N / -N). The result is never split or globbed.
// An unknown user (or ~- with OLDPWD unset) leaves the text as written.
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import type { ExpandHost } from "./host.ts";

const DIR_INDEX = /^([+-]?)([0-9]+)$/;

let own: { name: string; home: string } | undefined;

/** The passwd entry of the shell's real uid (Bun's os.userInfo() does not read the user
 *  database: its username can be "unknown"). Cached. */
export function currentUser(): { name: string; home: string } {
  if (own !== undefined) return own;
  const uid = process.getuid?.() ?? -1;
  try {
    for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
      const f = line.split(":");
      if (f.length >= 7 && Number(f[2]) === uid) return (own = { name: f[0]!, home: f[5]! });
    }
  } catch {
    /* no passwd file */
  }
  let home = "/";
  try {
    home = userInfo().homedir;
  } catch {
    /* nothing better */
  }
  return (own = { name: process.env.USER ?? "", home });
}

/** The expansion of ~user ("" for plain ~), or undefined when it stays literal. */
export function tildeValue(h: ExpandHost, user: string): string | undefined {
  switch (user) {
    case "":
      return h.vars.get("HOME") ?? currentUser().home;
    case "+":
      return h.vars.get("PWD") ?? h.cwd();
    case "-":
      return h.vars.get("OLDPWD");
    default: {
      const m = DIR_INDEX.exec(user);
      if (m !== null) {
        // ~N and ~+N count from the top of `dirs`, ~-N from the bottom.
        const dirs = h.dirStack?.();
        if (dirs === undefined) return undefined;
        const n = Number(m[2]);
        return m[1] === "-" ? dirs[dirs.length - 1 - n] : dirs[n];
      }
      return h.userHome(user);
    }
  }
}
