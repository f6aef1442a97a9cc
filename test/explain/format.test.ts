import { describe, expect, it } from "vitest";
import { renderSection, renderTable } from "../../src/explain/format.ts";

describe("renderTable", () => {
  it("aligns columns two spaces apart, right-aligning where asked, without trailing blanks", () => {
    const t = renderTable(["N", "NAME", "NOTE"], [["1", "HUP", "Hangup"], ["15", "TERM", ""]], ["right"]);
    expect(t).toBe(" N  NAME  NOTE\n 1  HUP   Hangup\n15  TERM\n");
  });
  it("counts code points, not UTF-16 units or bytes", () => {
    expect(renderTable(["a", "b"], [["µs", "x"]])).toBe("a   b\nµs  x\n");
  });
  it("sections show (none) for empty tables", () => {
    expect(renderSection("Queues", ["A"], [])).toBe("Queues\n  (none)\n");
    expect(renderSection("Queues", ["A"], [["x"]])).toBe("Queues\n  A\n  x\n");
  });
});
