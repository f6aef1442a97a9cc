import { describe, expect, it } from "vitest";
import { Options } from "../../src/state/options.ts";
import { Variables } from "../../src/state/variables.ts";
import { VarError } from "../../src/state/var-store.ts";
import { applyOptionsFromEnviron, installOptionVars } from "../../src/state/option-vars.ts";
import { declareLine } from "../../src/state/var-format.ts";

function bash(script: string, env: Record<string, string> = {}): string {
  return Bun.spawnSync(["/usr/bin/bash", "-c", script], { env }).stdout.toString();
}

describe("SHELLOPTS and BASHOPTS", () => {
  it("list the options that are on, like bash", () => {
    const opts = new Options();
    const v = new Variables();
    installOptionVars(v, () => opts);
    opts.errexit = true;
    opts.extglob = true;
    const lines = [declareLine(v.view("SHELLOPTS", false)!), declareLine(v.view("BASHOPTS", false)!)].join("\n") + "\n";
    expect(lines).toBe(bash("set -e; shopt -s extglob; declare -p SHELLOPTS BASHOPTS"));
  });

  it("are read-only", () => {
    const v = new Variables();
    installOptionVars(v, () => new Options());
    expect(() => v.set("SHELLOPTS", "x")).toThrow(new VarError("SHELLOPTS: readonly variable"));
  });

  it("SHELLOPTS from the environment turns options on and stays exported and current", () => {
    const env = { SHELLOPTS: "xtrace:nosuch" };
    const opts = new Options();
    applyOptionsFromEnviron(env, opts);
    expect(opts.xtrace).toBe(true);
    const v = Variables.fromEnviron(env);
    installOptionVars(v, () => opts);
    expect(v.environ()).toEqual(["SHELLOPTS=braceexpand:hashall:interactive-comments:xtrace"]);
    const ver = v.envVersion;
    opts.errexit = true;
    expect(v.envVersion).not.toBe(ver);
    expect(v.environ()).toEqual(["SHELLOPTS=braceexpand:errexit:hashall:interactive-comments:xtrace"]);
  });
});
