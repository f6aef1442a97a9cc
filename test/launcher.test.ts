// bin/ipsh: runs the compiled executable only when it is newer than the bundle (a --bundle-only
// build leaves a stale one behind), and never takes .env or bunfig.toml from the directory the
// shell starts in.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { IPSH, ROOT, run } from "./helpers/shells.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A copy of the launcher in a fake tree whose "executable" and "bun" just say who ran. */
function fakeTree(): string {
  const root = mkdtempSync(join(tmpdir(), "ipsh-launcher-"));
  dirs.push(root);
  for (const d of ["bin", "dist", "node_modules/.bin"]) mkdirSync(join(root, d), { recursive: true });
  copyFileSync(IPSH, join(root, "bin/ipsh"));
  const script = (path: string, text: string) => {
    writeFileSync(path, `#!/bin/sh\n${text}\n`);
    chmodSync(path, 0o755);
  };
  script(join(root, "dist/ipsh"), 'echo "compiled $*"');
  script(join(root, "node_modules/.bin/bun"), 'echo "bun $*"');
  writeFileSync(join(root, "dist/ipsh.js"), "");
  return root;
}

function setTimes(root: string, exe: number, bundle: number): void {
  utimesSync(join(root, "dist/ipsh"), exe, exe);
  utimesSync(join(root, "dist/ipsh.js"), bundle, bundle);
}

describe("bin/ipsh", () => {
  it("runs dist/ipsh when it is newer than dist/ipsh.js", () => {
    const root = fakeTree();
    setTimes(root, 2000, 1000);
    expect(run([join(root, "bin/ipsh"), "-c", "x"]).stdout).toBe("compiled -c x\n");
  });

  it("runs the bundle with Bun when dist/ipsh is older or as old (stale after --bundle-only)", () => {
    const root = fakeTree();
    for (const [exe, bundle] of [
      [1000, 2000],
      [1000, 1000],
    ]) {
      setTimes(root, exe!, bundle!);
      const out = run([join(root, "bin/ipsh"), "-c", "x"]).stdout;
      expect(out).toBe(`bun --no-env-file --config=${root}/bin/../bunfig.toml ${root}/bin/../dist/ipsh.js -c x\n`);
    }
  });

  it("ignores the .env and bunfig.toml of the current directory", () => {
    const cwd = mkdtempSync(join(tmpdir(), "ipsh-dotenv-"));
    dirs.push(cwd);
    writeFileSync(join(cwd, ".env"), "IPSH_DOTENV_PROBE=leaked\n");
    writeFileSync(join(cwd, "preload.ts"), 'console.log("preloaded");\n');
    writeFileSync(join(cwd, "bunfig.toml"), 'preload = ["./preload.ts"]\n');
    const r = run([IPSH, "-c", 'echo "${IPSH_DOTENV_PROBE-unset}"'], { cwd });
    expect(r.stdout).toBe("unset\n");
    expect(r.status).toBe(0);
  });

  it("the shells ipsh starts again (background jobs, <( ), scripts without #!) ignore them too", () => {
    const cwd = mkdtempSync(join(tmpdir(), "ipsh-dotenv-"));
    dirs.push(cwd);
    writeFileSync(join(cwd, ".env"), "IPSH_DOTENV_PROBE=leaked\n");
    writeFileSync(join(cwd, "s.sh"), 'echo "script ${IPSH_DOTENV_PROBE-unset}"\n');
    chmodSync(join(cwd, "s.sh"), 0o755);
    const script = '{ echo "bg ${IPSH_DOTENV_PROBE-unset}"; } & wait; cat <(echo "procsub ${IPSH_DOTENV_PROBE-unset}"); ./s.sh';
    // both ways ipsh runs: the bundle through Bun (as bin/ipsh runs it) and the executable
    const bundle = [join(ROOT, "node_modules/.bin/bun"), "--no-env-file", `--config=${join(ROOT, "bunfig.toml")}`, join(ROOT, "dist/ipsh.js")];
    for (const argv of [bundle, [join(ROOT, "dist/ipsh")]]) {
      const r = run([...argv, "-c", script], { cwd });
      expect(r.stdout).toBe("bg unset\nprocsub unset\nscript unset\n");
      expect(r.status).toBe(0);
    }
  });
});
