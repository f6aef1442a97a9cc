// User database lookups for ~user and \u prompts: /etc/passwd, cached.
import { readFileSync } from "node:fs";

let passwd: Map<string, string> | undefined;

function load(): Map<string, string> {
  const m = new Map<string, string>();
  try {
    for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
      const f = line.split(":");
      if (f.length >= 7) m.set(f[0], f[5]);
    }
  } catch {
    /* no passwd file: ~user stays unexpanded */
  }
  return m;
}

/** The home directory of `user`, or undefined when there is no such user. */
export function homeOf(user: string): string | undefined {
  passwd ??= load();
  return passwd.get(user);
}
