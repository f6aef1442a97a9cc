// How to run ipsh again as a separate process (scripts without #!, background jobs whose
// commands run in the shell itself, process substitution of compound commands).
let cached: string[] | undefined;

/** argv prefix that starts this same ipsh: [bun, bundle] or [compiled executable]. */
export function selfCommand(): string[] {
  if (cached) return cached;
  const main = Bun.main;
  if (main.startsWith("/$bunfs/") || main.startsWith("B:\\~BUN")) cached = [process.execPath];
  else cached = [process.execPath, main];
  return cached;
}
