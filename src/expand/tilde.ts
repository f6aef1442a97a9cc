// Tilde expansion (XCU 2.6.1 and bash): ~ is $HOME (the passwd entry when HOME is unset),
// ~user the user's home directory, ~+ $PWD, ~- $OLDPWD, ~N ~+N ~-N entries of the directory
// stack (bash's dirs +N / -N). The result is never split or globbed.
// An unknown user (or ~- with OLDPWD unset) leaves the text as written.
import { userInfo } from "node:os";
import type { ExpandHost } from "./host.ts";

let ownHome: string | undefined;

const DIR_INDEX = /^([+-]?)([0-9]+)$/;

function passwdHome(h: ExpandHost): string {
  if (ownHome === undefined) {
    let name = "";
    try {
      const u = userInfo();
      name = u.username;
      ownHome = h.userHome(name) ?? u.homedir;
    } catch {
      ownHome = (name && h.userHome(name)) || "/";
    }
  }
  return ownHome;
}

/** The expansion of ~user ("" for plain ~), or undefined when it stays literal. */
export function tildeValue(h: ExpandHost, user: string): string | undefined {
  switch (user) {
    case "":
      return h.vars.get("HOME") ?? passwdHome(h);
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
