// mkfifo and mknod builtins against coreutils: same files, modes, messages and statuses, with
// the shell's cwd and umask (not the process's) in force; a fifo made by the builtin carries
// data between two unrelated processes.
import { afterAll, describe, expect, test } from "vitest";
import { mkdtempSync, rmSync, statSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfifoBuiltin, mknodBuiltin, parseMode, applyMode } from "../../builtins/mkfifo.ts";
import { runBuiltin } from "../signals/fake-ctx.ts";

const root = mkdtempSync(join(tmpdir(), "ipsh-mkfifo-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function freshDir(): string {
  const d = join(root, String(n++));
  Bun.spawnSync(["mkdir", d]);
  return d;
}

/** Files in a directory as "name type mode" lines. */
function listing(dir: string): string {
  return readdirSync(dir)
    .sort()
    .map((f) => {
      const st = statSync(join(dir, f));
      const type = st.isFIFO() ? "p" : st.isCharacterDevice() ? "c" : st.isBlockDevice() ? "b" : "?";
      const dev = type === "c" || type === "b" ? ` ${st.rdev}` : "";
      return `${f} ${type} ${(st.mode & 0o7777).toString(8)}${dev}`;
    })
    .join("\n");
}

/** Run the builtin and coreutils with the same arguments and umask, each in a fresh dir. */
function same(cmd: "mkfifo" | "mknod", args: string[], umask = 0o022, pre: string[] = []) {
  const mine = freshDir();
  const theirs = freshDir();
  for (const f of pre) {
    runBuiltin(mkfifoBuiltin, [f], { cwd: mine, umask });
    Bun.spawnSync(["mkfifo", f], { cwd: theirs });
  }
  const def = cmd === "mkfifo" ? mkfifoBuiltin : mknodBuiltin;
  const vars = { get: (name: string) => (name === "LC_ALL" ? "C.UTF-8" : undefined) };
  const r = runBuiltin(def, args, { cwd: mine, umask, vars });
  const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  const c = Bun.spawnSync(["/bin/sh", "-c", `umask ${umask.toString(8)}; ${cmd} ${quoted}`], {
    cwd: theirs,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, LC_ALL: "C.UTF-8" },
  });
  expect(r.err).toBe(c.stderr.toString());
  expect(r.status).toBe(c.exitCode);
  expect(listing(mine)).toBe(listing(theirs));
}

describe("mkfifo vs coreutils", () => {
  test("plain, several names, existing name, missing directory", () => {
    same("mkfifo", ["a", "b"]);
    same("mkfifo", ["a", "b"], 0o077);
    same("mkfifo", ["a", "c"], 0o022, ["a"]);
    same("mkfifo", ["nodir/x", "y"]);
    same("mkfifo", ["it's"], 0o022, ["it's"]);
    same("mkfifo", ["a\"b'c", "x y"], 0o022, ["a\"b'c", "x y"]);
  });
  test("usage errors", () => {
    same("mkfifo", []);
    same("mkfifo", ["-x", "h"]);
    same("mkfifo", ["-m"]);
    same("mkfifo", ["--mode"]);
    same("mkfifo", ["--foo"]);
  });
  test("modes: octal, symbolic, options after operands, --mode=", () => {
    for (const m of ["600", "0", "00644", "=x", "+x", "u=rwx,go=u", "a=rwx,o-w", "go=", "+X", "u=g", "ug+x,o-rw", "=", "u+", "a-rwx,u+r", "u=rw,g=u-w", "u+rwx-w", "+rwx"]) {
      same("mkfifo", ["-m", m, "f"]);
    }
    same("mkfifo", ["f", "-m", "640"]);
    same("mkfifo", ["--mode=640", "f"]);
    same("mkfifo", ["-m640", "f"]);
    same("mkfifo", ["-m", "=x", "f"], 0o077);
  });
  test("invalid modes", () => {
    for (const m of ["foo", "77777", "+s", "u+s", "o+t", "X", "r", "8"]) same("mkfifo", ["-m", m, "f"]);
  });
  test("quote marks follow the shell's locale variables", () => {
    const d = freshDir();
    const vars = { get: (name: string) => (name === "LANG" ? "C" : undefined) };
    expect(runBuiltin(mknodBuiltin, ["x"], { cwd: d, umask: 0o022, vars }).err).toContain("after 'x'");
  });
  test("-- ends options", () => {
    same("mkfifo", ["--", "-m"]);
  });
});

describe("mknod vs coreutils", () => {
  test("fifos and operand errors", () => {
    same("mknod", ["p1", "p"]);
    same("mknod", ["-m", "600", "q", "p"]);
    same("mknod", []);
    same("mknod", ["x"]);
    same("mknod", ["x", "p", "1", "2"]);
    same("mknod", ["x", "q"]);
    same("mknod", ["y", "c"]);
    same("mknod", ["y", "c", "1"]);
    same("mknod", ["x", "q", "1", "2"]);
    same("mknod", ["v", "c", "1", "x"]);
    same("mknod", ["v", "c", "99999999999", "1"]);
    same("mknod", ["a", "p"], 0o022, ["a"]);
    same("mknod", ["x y", "p"], 0o022, ["x y"]);
    same("mknod", ["it's", "p"], 0o022, ["it's"]);
  });
  test("device nodes (privileged) or the EPERM message", () => {
    const d = freshDir();
    const r = runBuiltin(mknodBuiltin, ["null2", "c", "1", "3"], { cwd: d, umask: 0o022 });
    if (r.status === 0) {
      expect(listing(d)).toBe(`null2 c 644 ${(1 << 8) | 3}`);
      same("mknod", ["y", "c", "0x10", "010"]);
      same("mknod", ["z", "b", "7", "0"]);
      same("mknod", ["w", "u", "1", "3"]);
    } else {
      expect(r.err).toBe("mknod: null2: Operation not permitted (creating device nodes needs CAP_MKNOD)\n");
    }
  });
});

describe("mode arithmetic", () => {
  test("symbolic modes follow the umask only without who letters", () => {
    expect(applyMode(0o666, parseMode("+x")!, 0o022)).toBe(0o777);
    expect(applyMode(0o666, parseMode("+x")!, 0o077)).toBe(0o766);
    expect(applyMode(0o666, parseMode("a+x")!, 0o077)).toBe(0o777);
    expect(parseMode("u+z")).toBeUndefined();
    expect(parseMode("")).toBeUndefined();
  });
});

describe("a fifo between two unrelated processes", () => {
  test("writer and reader meet through the builtin's fifo", async () => {
    const d = freshDir();
    expect(runBuiltin(mkfifoBuiltin, ["pipe"], { cwd: d, umask: 0o022 }).status).toBe(0);
    const path = join(d, "pipe");
    const reader = Bun.spawn(["timeout", "5", "cat", path], { stdout: "pipe" });
    const writer = Bun.spawn(["timeout", "5", "sh", "-c", `echo through the fifo > '${path}'`]);
    const [out, wst] = await Promise.all([new Response(reader.stdout).text(), writer.exited]);
    expect(wst).toBe(0);
    expect(await reader.exited).toBe(0);
    expect(out).toBe("through the fifo\n");
  });
});
