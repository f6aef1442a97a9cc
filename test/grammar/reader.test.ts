// CommandReader: one complete command at a time, aliases applied between commands, linear time.
import { describe, expect, it } from "vitest";
import { CommandReader } from "../../grammar/index.ts";
import { printList } from "../../grammar/printer.ts";

function all(src: string, r = new CommandReader(src)): string[] {
  const out: string[] = [];
  for (;;) {
    const x = r.next();
    if (x.kind === "eof") return out;
    if (x.kind !== "ok") {
      out.push(`${x.kind}: ${x.error.message}`);
      return out;
    }
    out.push(printList(x.list).trim());
  }
}

describe("CommandReader", () => {
  it("splits at newlines that end complete commands", () => {
    const src = "echo a; echo b\n\nif true\nthen\n  echo c\nfi\nf() {\n  echo d\n}\necho e |\n  cat\ncat <<E; echo g\nbody\nE\necho last";
    const cmds = all(src);
    expect(cmds.length).toBe(6);
    expect(cmds[0]).toBe("echo a\necho b");
    expect(cmds[1]!.startsWith("if true")).toBe(true);
    expect(cmds[2]!.startsWith("f () {")).toBe(true);
    expect(cmds[3]).toBe("echo e | cat");
    expect(cmds[4]).toBe("cat <<E\nbody\nE\necho g");
    expect(cmds[5]).toBe("echo last");
  });
  it("returns the commands before a syntax error, then the error", () => {
    expect(all("echo 1\necho 2\nfi\necho 3\n")).toEqual(["echo 1", "echo 2", "error: syntax error near unexpected token `fi'"]);
  });
  it("reports incomplete input at the end", () => {
    expect(all("echo 1\nif true; then\n")).toEqual(["echo 1", "incomplete: syntax error: unexpected end of file"]);
  });
  it("applies aliases defined by earlier commands", () => {
    const aliases = new Map<string, string>();
    const r = new CommandReader("alias x='echo hi'\nx there\n");
    r.setAlias((n) => aliases.get(n));
    const first = r.next();
    expect(first.kind).toBe("ok");
    aliases.set("x", "echo hi");
    const second = r.next();
    expect(second.kind).toBe("ok");
    if (second.kind === "ok") expect(printList(second.list).trim()).toBe("echo hi there");
  });
  it("keeps spans relative to the whole file", () => {
    const r = new CommandReader("a\nb\n  c\n");
    r.next();
    r.next();
    const x = r.next();
    expect(x.kind).toBe("ok");
    if (x.kind === "ok") expect(x.list.items[0]!.andOr.span).toMatchObject({ line: 3, col: 3, start: 6 });
  });
  it("reads a long file in linear time", () => {
    const body = "x=1\nif [ $x ]; then echo $x; fi\n";
    const time = (n: number) => {
      const src = "f() {\n" + body.repeat(n) + "}\n" + body.repeat(n);
      const t = performance.now();
      const got = all(src);
      expect(got.length).toBe(1 + 2 * n);
      return performance.now() - t;
    };
    // the best of three runs of each size: a GC pause or a busy machine slows single runs, but
    // not by the factor of 16 that quadratic growth would show
    const best = (n: number) => Math.min(time(n), time(n), time(n));
    time(200);
    const small = best(2000);
    const big = best(8000);
    expect(big / Math.max(small, 1)).toBeLessThan(12);
  });
});
