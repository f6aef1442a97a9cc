// How to run ipsh again as a separate process (scripts without #!, background jobs whose
// commands run in the shell itself, process substitution of compound commands).
//
// The new process must be the same shell as this one: like bin/ipsh, the bundle is run without
// the .env file and bunfig.toml of the directory it starts in (they would change its environment
// or preload code), with the project's own bunfig.toml. The compiled executable is built with
// that autoloading off.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

let cached: string[] | undefined;

/** argv prefix that starts this same ipsh: [bun, flags, bundle] or [compiled executable]. */
export function selfCommand(): string[] {
  if (cached) return cached;
  const main = Bun.main;
  if (main.startsWith("/$bunfs/") || main.startsWith("B:\\~BUN")) cached = [process.execPath];
  else {
    // dist/ipsh.js (or src/main.ts when run from source): the project root is one level up
    const config = join(dirname(main), "..", "bunfig.toml");
    cached = [process.execPath, "--no-env-file", `--config=${existsSync(config) ? config : "/dev/null"}`, main];
  }
  return cached;
}
