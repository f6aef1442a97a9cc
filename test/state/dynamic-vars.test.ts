import { describe, expect, it } from "vitest";
import { BashRandom, DynamicVars, strtoulSeed } from "../../src/state/dynamic-vars.ts";
import { Variables } from "../../src/state/variables.ts";
import { VarAttr } from "../../src/state/var-store.ts";

function bash(script: string): string {
  return Bun.spawnSync(["/usr/bin/bash", "-c", script]).stdout.toString().trim();
}

describe("RANDOM", () => {
  it("a seeded sequence is bash's", () => {
    for (const seed of ["42", "0", "-5", "99999999999", "17"]) {
      const r = new BashRandom(strtoulSeed(seed));
      const ours = [r.next(), r.next(), r.next(), r.next()].join(" ");
      expect(ours).toBe(bash(`RANDOM='${seed}'; echo $RANDOM $RANDOM $RANDOM $RANDOM`));
    }
  });

  it("assigning RANDOM through Variables seeds it with the arithmetic value (RANDOM is -i)", () => {
    const v = new Variables();
    // stand-in evaluator: "x+39" with x=3
    v.setArithEvaluator((t) => (t === "x+39" ? 42 : Number(t)));
    new DynamicVars().install(v);
    v.set("RANDOM", "x+39");
    const ours = [v.get("RANDOM"), v.get("RANDOM")].join(" ");
    expect(ours).toBe(bash("x=3; RANDOM=x+39; echo $RANDOM $RANDOM"));
    expect(v.view("RANDOM")!.attrs).toBe(VarAttr.Integer);
  });

  it("a subshell gets its own reseeded generator", () => {
    const v = new Variables();
    const d = new DynamicVars();
    d.install(v);
    v.set("RANDOM", "42");
    const c = v.clone();
    d.forSubshell(c);
    c.set("RANDOM", "1");
    c.get("RANDOM");
    expect(v.get("RANDOM")).toBe("17772"); // parent's sequence untouched by the child
  });
});

describe("SECONDS and EPOCH*", () => {
  it("SECONDS counts from start or from the last assignment", () => {
    let now = 1_000_000_000_000_000; // microseconds
    const v = new Variables();
    new DynamicVars(() => now).install(v);
    expect(v.get("SECONDS")).toBe("0");
    now += 3_500_000;
    expect(v.get("SECONDS")).toBe("3");
    v.set("SECONDS", "10");
    now += 1_000_000;
    expect(v.get("SECONDS")).toBe("11");
    expect(v.get("EPOCHSECONDS")).toBe("1000000004");
    now += 7;
    expect(v.get("EPOCHREALTIME")).toBe("1000000004.500007");
  });

  it("subshells keep the parent's SECONDS origin but their own assignments", () => {
    let now = 5_000_000;
    const v = new Variables();
    const d = new DynamicVars(() => now);
    d.install(v);
    now += 2_000_000;
    const c = v.clone();
    d.forSubshell(c);
    expect(c.get("SECONDS")).toBe("2");
    c.set("SECONDS", "100");
    expect(v.get("SECONDS")).toBe("2");
  });

  it("an unset special variable stays ordinary in subshells", () => {
    const v = new Variables();
    const d = new DynamicVars();
    d.install(v);
    v.unset("RANDOM");
    v.set("RANDOM", "7");
    const c = v.clone();
    d.forSubshell(c);
    expect(c.get("RANDOM")).toBe("7");
  });

  it("SRANDOM is a 32-bit number", () => {
    const v = new Variables();
    new DynamicVars().install(v);
    const n = Number(v.get("SRANDOM"));
    expect(Number.isInteger(n) && n >= 0 && n < 2 ** 32).toBe(true);
  });
});
