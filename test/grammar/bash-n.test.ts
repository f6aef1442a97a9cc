// Differential test: for each snippet in bash-n-snippets.txt, parse() accepts exactly when
// `bash -n` does (bash 5.2 is the reference). Snippets are separated by lines of "----".
// An "incomplete" result counts as a rejection (bash -n reports unexpected end of file), except
// a here-document ended by end of input, which bash accepts with a warning (heredocEofOk).
// Not listed: malformed [[ ]] expressions such as `[[ a b c ]]`, which `bash -n -c` lets pass
// (exit 0) although bash rejects them when it runs them; errors.test.ts covers those.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.ts";

const snippets = readFileSync(new URL("./bash-n-snippets.txt", import.meta.url), "utf8")
  .split(/^----\n/m)
  .map((s) => s.replace(/\n$/, ""));

function bashAccepts(src: string): boolean {
  const r = Bun.spawnSync(["/usr/bin/bash", "-n", "-c", src], { stdout: "ignore", stderr: "ignore" });
  return r.exitCode === 0;
}

describe("agreement with bash -n", () => {
  for (const src of snippets) {
    it(JSON.stringify(src).slice(0, 70), () => {
      const r = parse(src + "\n", { heredocEofOk: true });
      const ours = r.kind === "ok";
      expect(ours, r.kind === "ok" ? "accepted" : r.error.message).toBe(bashAccepts(src));
    });
  }
});
