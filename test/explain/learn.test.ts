// docs/learn.md stays true: every ```ipsh block is run through bin/ipsh as a script in a fresh
// directory (status 0 expected) and every "# shows: TEXT" line in it must appear in what the
// block printed (stdout and stderr together). ```ipsh-interactive blocks are typed into an
// interactive ipsh in a pseudo-terminal, ^Z and ^C as the keys, the trace sent to a file.
import { readFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { IPSH, ROOT, run } from "../helpers/shells.ts";
import { startShell, type ShellSession } from "../pty/ipsh-session.ts";

interface Block {
  kind: "ipsh" | "ipsh-interactive";
  line: number;
  body: string;
  shows: string[];
}

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^```(ipsh|ipsh-interactive)\s*$/.exec(lines[i]!);
    if (!m) continue;
    const start = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i]!);
    const shows = body.filter((l) => l.startsWith("# shows: ")).map((l) => l.slice(9));
    out.push({ kind: m[1] as Block["kind"], line: start, body: body.join("\n") + "\n", shows });
  }
  return out;
}

const doc = readFileSync(join(ROOT, "docs/learn.md"), "utf8");
const all = blocks(doc);
const env = { PATH: `${join(ROOT, "bin")}:/usr/local/bin:/usr/bin:/bin` };

describe("docs/learn.md", () => {
  it("has runnable blocks, each saying what it shows", () => {
    expect(all.filter((b) => b.kind === "ipsh").length).toBeGreaterThanOrEqual(15);
    expect(all.filter((b) => b.kind === "ipsh-interactive").length).toBeGreaterThanOrEqual(1);
    for (const b of all) expect(b.shows.length, `block at line ${b.line}`).toBeGreaterThan(0);
  });

  for (const b of all.filter((x) => x.kind === "ipsh")) {
    it(`block at line ${b.line}: ${b.body.split("\n")[0]}`, () => {
      const dir = mkdtempSync(join(tmpdir(), "ipsh-learn-"));
      writeFileSync(join(dir, "block.sh"), b.body);
      const r = run([IPSH, "block.sh"], { cwd: dir, env, timeout: 15000 });
      const seen = r.stdout + r.stderr;
      expect(r.status, seen).toBe(0);
      for (const s of b.shows) expect(seen, `"# shows: ${s}" (block at line ${b.line})`).toContain(s);
    });
  }

  describe("interactive blocks (pseudo-terminal)", () => {
    let sh: ShellSession | undefined;
    afterEach(async () => {
      await sh?.close();
      sh = undefined;
    });
    for (const b of all.filter((x) => x.kind === "ipsh-interactive")) {
      it(`block at line ${b.line}`, async () => {
        // The trace goes to a file here: asynchronous events (a SIGCHLD after the prompt) would
        // otherwise land after the prompt the driver waits for. At a real terminal it is stderr.
        const traceFile = join(mkdtempSync(join(tmpdir(), "ipsh-learn-")), "trace");
        sh = await startShell({ env: { ...env, IPSH_EXPLAIN_FILE: traceFile } });
        await sh.prompt();
        const lines = b.body.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
        let seen = "";
        let job = "";
        for (let i = 0; i < lines.length; i++) {
          const l = lines[i]!;
          if (l === "^Z" || l === "^C") {
            sh.t.write(l === "^Z" ? "\x1a" : "\x03");
            seen += await sh.prompt();
            continue;
          }
          if (lines[i + 1] === "^Z" || lines[i + 1] === "^C") {
            // a command that takes the terminal: wait until its group is in the foreground
            if (!/^fg\b/.test(l)) job = l.split(" ")[0]!;
            await sh.startForeground(l, job);
            continue;
          }
          seen += await sh.run(l);
        }
        seen += readFileSync(traceFile, "utf8");
        for (const s of b.shows) expect(seen, `"# shows: ${s}" (block at line ${b.line})`).toContain(s);
      });
    }
  });
});
