// The interactive session end to end in a terminal: start-up files of login and interactive
// shells, history kept across sessions and between concurrent shells, Tab completion, editing keys.
import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startShell, type ShellSession } from "./ipsh-session.ts";

const sessions: ShellSession[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempHome(files: Record<string, string> = {}): string {
  const home = mkdtempSync(join(tmpdir(), "ipsh-pty-home-"));
  dirs.push(home);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(home, name), text);
  return home;
}

async function shell(opts: Parameters<typeof startShell>[0] = {}): Promise<ShellSession> {
  const s = await startShell(opts);
  sessions.push(s);
  return s;
}

describe("start-up files", () => {
  // /etc/profile may set its own PS1 ('# ' for root): the personal profile sets ours back
  const profile = "PS1='$ '\necho profile-read\nexport FROM_PROFILE=yes\n";

  it("a login shell (-l) reads the profile, then ~/.ipshrc", async () => {
    const home = tempHome({ ".profile": profile, ".ipshrc": "echo rc-read\nalias ll='echo ll-alias'\n" });
    const s = await shell({ home, args: ["-l", "-i"] });
    const banner = await s.prompt();
    expect(banner).toMatch(/profile-read\n(.|\n)*rc-read\n$/);
    expect(await s.run("echo $FROM_PROFILE; ll")).toBe("yes\nll-alias\n");
  });

  it("~/.ipsh_profile is preferred to ~/.profile", async () => {
    const home = tempHome({ ".profile": profile, ".ipsh_profile": "PS1='$ '\necho ipsh-profile\n" });
    const s = await shell({ home, args: ["-l", "-i"] });
    const banner = await s.prompt();
    expect(banner).toContain("ipsh-profile\n");
    expect(banner).not.toContain("profile-read");
  });

  it("argv[0] starting with '-' makes a login shell", async () => {
    const home = tempHome({ ".profile": profile });
    const s = await shell({ home, argv0: "-ipsh", args: ["-i"] });
    expect(await s.prompt()).toContain("profile-read\n");
  });

  it("a non-login interactive shell reads only ~/.ipshrc ($ENV in posix mode)", async () => {
    const home = tempHome({ ".profile": profile, ".ipshrc": "echo rc-read\n", envfile: "echo env-read\n" });
    const s = await shell({ home });
    const banner = await s.prompt();
    expect(banner).toBe("rc-read\n");
    const p = await shell({ home, args: ["--posix", "-i"], env: { ENV: join(home, "envfile") } });
    expect(await p.prompt()).toBe("env-read\n");
  });
});

describe("history", () => {
  it("is kept across two sessions", async () => {
    const home = tempHome();
    const a = await shell({ home });
    await a.prompt();
    await a.run("echo one");
    await a.run("echo two");
    a.t.write("exit\r");
    await a.t.waitExit();
    const b = await shell({ home });
    await b.prompt();
    b.t.write("\x1b[A");
    await b.t.waitForScreen(/\$ exit$/m);
    b.t.write("\x1b[A");
    await b.t.waitForScreen(/\$ echo two$/m);
    b.t.write("\x1b[A");
    await b.t.waitForScreen(/\$ echo one$/m);
    b.t.write("\r");
    await b.t.waitFor("one\r\n");
    await b.prompt();
    expect(await b.run("history")).toMatch(/1 +echo one\n +2 +echo two\n +3 +exit\n +4 +echo one\n +5 +history\n$/);
  });

  it("two concurrent shells both append to one file without losing lines", async () => {
    const home = tempHome();
    const a = await shell({ home });
    const b = await shell({ home });
    await Promise.all([a.prompt(), b.prompt()]);
    await a.run("echo from-a-1");
    await b.run("echo from-b-1");
    await a.run("echo from-a-2");
    await b.run("echo from-b-2");
    for (const s of [a, b]) {
      s.t.write("exit\r");
      await s.t.waitExit();
    }
    const c = await shell({ home });
    await c.prompt();
    const h = await c.run("history");
    for (const line of ["from-a-1", "from-b-1", "from-a-2", "from-b-2"]) expect(h).toContain(`echo ${line}\n`);
  });
});

describe("line editing", () => {
  it("Tab completes file names and command names", async () => {
    const home = tempHome({ "uniquefile.txt": "contents\n" });
    const s = await shell({ home });
    await s.prompt();
    s.t.write("cat uniq\t");
    await s.t.waitForScreen(/\$ cat uniquefile\.txt$/m);
    expect(s.t.cursor().col).toBe("$ cat uniquefile.txt ".length);
    s.t.write("\r");
    await s.t.waitFor("contents\r\n");
    await s.prompt();
    s.t.write("ech\t");
    await s.t.waitForScreen(/\$ echo$/m);
    s.t.write("done\r");
    await s.t.waitFor("done\r\n");
    await s.prompt();
  });

  it("editing keys: arrows, ^A ^E, ^W, ^U, ^K, backspace", async () => {
    const s = await shell();
    await s.prompt();
    // insert in the middle with Left
    s.t.write("echo wrld\x1b[D\x1b[D\x1b[Do\r");
    await s.t.waitFor("world\r\n");
    await s.prompt();
    // ^A then type at the start; ^E then append
    s.t.write("cho start\x01e\x05-end\r");
    await s.t.waitFor("start-end\r\n");
    await s.prompt();
    // ^W deletes the word before the cursor, backspace a character
    s.t.write("echo keep drop\x17gone\x7f\x7fne\r");
    await s.t.waitFor("keep gone\r\n");
    await s.prompt();
    // ^U kills to the start of the line; ^K from the cursor to the end
    s.t.write("garbage\x15echo ab\x01\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x0bcd\r");
    await s.t.waitFor(/(?:\n|\x1b\[\?2004l)cd\r\n/);
    await s.prompt();
  });

  it("^C at the prompt cancels the line only", async () => {
    const s = await shell();
    await s.prompt();
    s.t.write("echo never\x03");
    await s.prompt();
    expect(await s.run("echo $?")).toBe("130\n");
  });
});
