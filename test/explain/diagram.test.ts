// The box drawing itself, from fixed data: widths, arrows, pipes between boxes.
import { describe, expect, it } from "vitest";
import { renderDiagram } from "../../src/explain/diagram.ts";

describe("renderDiagram", () => {
  it("draws equal-width boxes with the pipe between them", () => {
    const text = renderDiagram({
      title: "a | b",
      boxes: [
        { title: "pid A: a", how: "spawned", fds: [{ fd: 0, mode: "r", label: "terminal" }, { fd: 1, mode: "w", label: "pipe #1 write end" }] },
        { title: "in-process stage 2: b", how: "builtin", fds: [{ fd: 0, mode: "r", label: "pipe #1 read end" }, { fd: 3, mode: "rw", label: "file x" }] },
      ],
      pipes: [1],
    });
    expect(text).toBe(
      [
        "a | b",
        "+-- pid A: a ---------------+",
        "| spawned                   |",
        "| fd 0 <- terminal          |",
        "| fd 1 -> pipe #1 write end |",
        "+---------------------------+",
        "      |  pipe #1: what the box above writes to its write end, the box below reads",
        "      v",
        "+-- in-process stage 2: b --+",
        "| builtin                   |",
        "| fd 0 <- pipe #1 read end  |",
        "| fd 3 <> file x            |",
        "+---------------------------+",
        "",
      ].join("\n"),
    );
  });
  it("a command that never starts says so", () => {
    expect(renderDiagram({ title: "x", boxes: [{ title: "x", how: "command not found (status 127)", fds: [] }], pipes: [] })).toContain("| (no descriptors: never started)");
  });
});
