// Build (once, and again when hello.ts changes) the compiled hello-world baseline into
// bench/.cache/hello. The binary is about 100 MB, hence a git-ignored cache.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** This directory (import.meta.dir is Bun-only; vitest transforms modules). */
const benchDir = dirname(fileURLToPath(import.meta.url));

export const cacheDir = join(benchDir, ".cache");

/** Path of the compiled hello world; builds it if missing or older than its source. */
export function helloBinary(): string {
  const src = join(benchDir, "hello.ts");
  const out = join(cacheDir, "hello");
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs) return out;
  mkdirSync(cacheDir, { recursive: true });
  const r = Bun.spawnSync([process.execPath, "build", "--compile", src, "--outfile", out], {
    stdout: "pipe",
    stderr: "pipe",
  });
  if (r.exitCode !== 0) throw new Error(`bun build --compile hello.ts failed: ${r.stderr.toString().trim()}`);
  return out;
}
