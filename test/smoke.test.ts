import { describe, expect, it } from "vitest";

describe("test runtime", () => {
  it("runs under Bun with bun:ffi available", async () => {
    expect(typeof Bun).toBe("object");
    const ffi = await import("bun:ffi");
    expect(typeof ffi.dlopen).toBe("function");
  });
});
