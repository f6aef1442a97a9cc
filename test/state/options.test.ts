import { describe, expect, it } from "vitest";
import { IPSH_OPTIONS, OPTIONS, Options, SET_OPTIONS, SHOPT_OPTIONS, optionByLetter, setOption, shoptOption } from "../../src/state/options.ts";

function bash(script: string): string {
  const r = Bun.spawnSync(["/usr/bin/bash", "-c", script], { env: {} });
  return r.stdout.toString();
}

describe("the option table", () => {
  it("lists exactly bash 5.2's set -o options, in its order, with its defaults", () => {
    const expected = bash("set -o")
      .trimEnd()
      .split("\n")
      .map((l) => l.split(/\s+/));
    const ours = SET_OPTIONS.filter((o) => !IPSH_OPTIONS.has(o.name));
    expect(ours.map((o) => [o.name, o.default ? "on" : "off"])).toEqual(expected);
  });

  it("lists exactly bash 5.2's shopt options, in its order, with its defaults", () => {
    const expected = bash("shopt")
      .trimEnd()
      .split("\n")
      .map((l) => l.split(/\s+/));
    expect(SHOPT_OPTIONS.map((o) => [o.name, o.default ? "on" : "off"])).toEqual(expected);
  });

  it("every option is a plain boolean property named with _ for -", () => {
    const o = new Options();
    expect(o.errexit).toBe(false);
    expect(o.hashall).toBe(true);
    expect(o.interactive_comments).toBe(true);
    expect(o.globskipdots).toBe(true);
    for (const info of OPTIONS) expect(typeof (o as unknown as Record<string, unknown>)[info.prop]).toBe("boolean");
  });

  it("lookups by name and letter", () => {
    expect(setOption("errexit")!.letter).toBe("e");
    expect(setOption("nullglob")).toBeUndefined();
    expect(shoptOption("nullglob")!.default).toBe(false);
    expect(optionByLetter("C")!.name).toBe("noclobber");
    expect(optionByLetter("z")).toBeUndefined();
  });
});

describe("Options", () => {
  it("get/set by any spelling; unknown names are refused", () => {
    const o = new Options();
    expect(o.set("interactive-comments", false)).toBe(true);
    expect(o.interactive_comments).toBe(false);
    expect(o.get("interactive_comments")).toBe(false);
    expect(o.set("nosuch", true)).toBe(false);
    expect(o.get("nosuch")).toBeUndefined();
  });

  it("emacs and vi exclude each other", () => {
    const o = new Options();
    o.set("vi", true);
    o.set("emacs", true);
    expect([o.emacs, o.vi]).toEqual([true, false]);
    o.set("vi", true);
    expect([o.emacs, o.vi]).toEqual([false, true]);
  });

  it("$- matches bash for the same letters", () => {
    const o = new Options();
    o.commandString = true;
    expect(o.flags()).toBe(bash("echo $-").trim());
    for (const l of "eux") o.setLetter(l, true);
    expect(o.flags()).toBe(bash("set -eux; echo $-").trim());
    const p = new Options();
    p.commandString = true;
    for (const l of "aCbfhkmptvBEHPT") p.setLetter(l, true);
    expect(p.flags()).toBe(bash("set -aCbfhkmptvBEHPT; echo $-").trim());
    const i = new Options();
    i.applyInteractiveDefaults();
    i.readingStdin = true;
    expect(i.flags()).toBe("himBHs");
  });

  it("clone is independent", () => {
    const o = new Options();
    o.errexit = true;
    const c = o.clone();
    expect(c.errexit).toBe(true);
    c.errexit = false;
    c.nullglob = true;
    expect(o.errexit).toBe(true);
    expect(o.nullglob).toBe(false);
  });
});
