import { describe, expect, it } from "vitest";
import { AssocArray, bashHash } from "../../src/state/assoc-array.ts";

function bashKeys(script: string): string {
  const r = Bun.spawnSync(["/usr/bin/bash", "-c", script], { env: { LANG: "C.UTF-8" } });
  return r.stdout.toString();
}

describe("AssocArray order is bash 5.2's", () => {
  it("FNV-1 with signed chars", () => {
    expect(bashHash("k") & 1023).toBe(372);
    expect(bashHash("a b") & 1023).toBe(876);
    expect(bashHash("é") & 1023).toBe(1021); // bytes c3 a9, sign-extended
  });

  it("small tables, quoting-worthy keys, UTF-8", () => {
    const keys = ["a b", "k", "$x", "é", "\t", "one", "two", "zz", "0", "-1"];
    const a = new AssocArray();
    for (const k of keys) a.set(k, "v");
    const script = `declare -A h; for k in ${keys.map((k) => `$'${[...new TextEncoder().encode(k)].map((b) => "\\x" + b.toString(16).padStart(2, "0")).join("")}'`).join(" ")}; do h[$k]=v; done; printf '%s\\n' "\${!h[@]}"`;
    expect(a.keys().map((k) => k + "\n").join("")).toBe(bashKeys(script));
  });

  it("growth past 2048 keys, removals and re-insertions", () => {
    const a = new AssocArray();
    for (let i = 0; i < 3000; i++) a.set(`k${i}`, String(i));
    for (let i = 0; i < 3000; i += 7) a.delete(`k${i}`);
    a.set("k14", "back");
    a.set("k1", "updated"); // existing key: keeps its place
    const script =
      "declare -A h; for ((i=0;i<3000;i++)); do h[k$i]=$i; done; for ((i=0;i<3000;i+=7)); do unset \"h[k$i]\"; done; h[k14]=back; h[k1]=updated; printf '%s\\n' \"${!h[@]}\"";
    expect(a.keys().map((k) => k + "\n").join("")).toBe(bashKeys(script));
    expect(a.get("k1")).toBe("updated");
    expect(a.size).toBe(3000 - Math.ceil(3000 / 7) + 1);
  });

  it("clone is independent", () => {
    const a = new AssocArray();
    a.set("x", "1");
    const c = a.clone();
    c.set("y", "2");
    c.delete("x");
    expect(a.keys()).toEqual(["x"]);
    expect(c.keys()).toEqual(["y"]);
  });
});
