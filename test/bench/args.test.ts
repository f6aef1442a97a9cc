import { describe, expect, it } from "vitest";
import { ArgError, parseArgs, selectWorkloads } from "../../bench/args.ts";

const known = ["startup", "yes-head", "pipe-throughput", "parse-n"];

describe("bench command line", () => {
  it("defaults", () => {
    const a = parseArgs([]);
    expect(a.reps).toBe(5);
    expect(a.scale).toBe(1);
    expect(selectWorkloads(a, known)).toEqual({ local: known, shared: false });
  });
  it("--only and --reps, with and without =", () => {
    const a = parseArgs(["--only", "startup,parse-n", "--reps=3", "--scale", "0.5"]);
    expect(a.reps).toBe(3);
    expect(a.scale).toBe(0.5);
    expect(selectWorkloads(a, known)).toEqual({ local: ["startup", "parse-n"], shared: false });
  });
  it("shared runs only when asked for; all means everything", () => {
    expect(selectWorkloads(parseArgs(["--only", "shared"]), known)).toEqual({ local: [], shared: true });
    expect(selectWorkloads(parseArgs(["--only", "all", "--skip", "parse-n"]), known)).toEqual({
      local: ["startup", "yes-head", "pipe-throughput"],
      shared: true,
    });
  });
  it("rejects bad values and unknown names", () => {
    expect(() => parseArgs(["--reps", "0"])).toThrow(ArgError);
    expect(() => parseArgs(["--reps", "1.5"])).toThrow(ArgError);
    expect(() => parseArgs(["--reps"])).toThrow(ArgError);
    expect(() => parseArgs(["--frobnicate"])).toThrow(ArgError);
    expect(() => selectWorkloads(parseArgs(["--only", "nope"]), known)).toThrow(/unknown workload 'nope'/);
  });
  it("collects shell specs and shared-suite words", () => {
    const a = parseArgs(["--shell", "b=/usr/bin/bash", "--shell", "dash", "--shared-args", "--only startup  --no-rss"]);
    expect(a.shells).toEqual(["b=/usr/bin/bash", "dash"]);
    expect(a.sharedArgs).toEqual(["--only", "startup", "--no-rss"]);
  });
});

import { compareRuns } from "../../bench/compare.ts";

describe("compare two runs", () => {
  it("shows the change of each ratio present in both runs", () => {
    const before = { subject: "ipsh", workloads: [{ name: "startup", ratios: { "ipsh/bash": 2, "ipsh/dash": 4 } }, { name: "gone", ratios: { "ipsh/bash": 1 } }] };
    const after = { subject: "ipsh", workloads: [{ name: "startup", ratios: { "ipsh/bash": 1.5, "ipsh/dash": NaN } }, { name: "new", ratios: { "ipsh/bash": 1 } }] };
    expect(compareRuns(before, after)).toEqual([["startup", "ipsh/bash", "2.00x", "1.50x", "-25%"]]);
  });
});
