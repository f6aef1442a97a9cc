import { defineConfig } from "vitest/config";

// vitest runs under Bun (`bun --bun vitest run`) so that bun:ffi and Bun.Terminal work in tests.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 20000,
    hookTimeout: 20000,
    maxWorkers: 2,
  },
});
