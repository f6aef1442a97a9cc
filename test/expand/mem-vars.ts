// A minimal in-memory VarStore for expansion tests: scalars, sparse indexed arrays and
// associative arrays in one global scope. Only what expansion uses is meaningful.
import { VarAttr, VarError } from "../../src/state/var-store.ts";
import type { VarStore } from "../../src/state/var-store.ts";

type Value = { kind: "idx"; m: Map<number, string> } | { kind: "assoc"; m: Map<string, string> };

export class MemVars implements VarStore {
  private v = new Map<string, Value>();
  private a = new Map<string, VarAttr>();
  envVersion = 0;

  constructor(init: Record<string, string | string[]> = {}) {
    for (const [k, val] of Object.entries(init)) {
      if (Array.isArray(val)) this.setArray(k, val);
      else this.set(k, val);
    }
  }
  private ro(name: string): void {
    if ((this.a.get(name) ?? 0) & VarAttr.Readonly) throw new VarError(`${name}: readonly variable`);
  }
  get(name: string): string | undefined {
    const x = this.v.get(name);
    if (!x) return undefined;
    return x.kind === "idx" ? x.m.get(0) : x.m.get("0");
  }
  set(name: string, value: string): void {
    this.ro(name);
    const x = this.v.get(name);
    if (x?.kind === "assoc") x.m.set("0", value);
    else if (x) x.m.set(0, value);
    else this.v.set(name, { kind: "idx", m: new Map([[0, value]]) });
  }
  append(name: string, value: string): void {
    this.set(name, (this.get(name) ?? "") + value);
  }
  isSet(name: string): boolean {
    return this.v.has(name);
  }
  unset(name: string): void {
    this.ro(name);
    this.v.delete(name);
  }
  isArray(name: string): boolean {
    const x = this.v.get(name);
    return !!x && (x.kind === "assoc" || ((this.a.get(name) ?? 0) & VarAttr.Array) !== 0);
  }
  isAssoc(name: string): boolean {
    return this.v.get(name)?.kind === "assoc";
  }
  getElement(name: string, index: number | string): string | undefined {
    const x = this.v.get(name);
    if (!x) return undefined;
    if (x.kind === "assoc") return x.m.get(String(index));
    let i = Number(index);
    if (i < 0) i += Math.max(-1, ...x.m.keys()) + 1;
    return x.m.get(i);
  }
  setElement(name: string, index: number | string, value: string): void {
    this.ro(name);
    let x = this.v.get(name);
    if (!x) {
      x = { kind: "idx", m: new Map() };
      this.v.set(name, x);
    }
    if (x.kind === "assoc") x.m.set(String(index), value);
    else {
      x.m.set(Number(index), value);
      x.m = new Map([...x.m].sort((p, q) => p[0] - q[0]));
    }
  }
  unsetElement(name: string, index: number | string): void {
    const x = this.v.get(name);
    if (x?.kind === "assoc") x.m.delete(String(index));
    else if (x) x.m.delete(Number(index));
  }
  getValues(name: string): string[] {
    const x = this.v.get(name);
    return x ? [...x.m.values()] : [];
  }
  getKeys(name: string): string[] {
    const x = this.v.get(name);
    return x ? [...x.m.keys()].map(String) : [];
  }
  setArray(name: string, values: string[]): void {
    this.v.set(name, { kind: "idx", m: new Map(values.map((s, i) => [i, s])) });
    this.a.set(name, (this.a.get(name) ?? 0) | VarAttr.Array);
  }
  setArrayFromPairs(name: string, pairs: [string, string][], assoc: boolean): void {
    if (assoc) {
      this.v.set(name, { kind: "assoc", m: new Map(pairs) });
      this.a.set(name, (this.a.get(name) ?? 0) | VarAttr.Assoc);
    } else {
      const m = new Map(pairs.map(([k, s]) => [Number(k), s] as [number, string]).sort((p, q) => p[0] - q[0]));
      this.v.set(name, { kind: "idx", m });
      this.a.set(name, (this.a.get(name) ?? 0) | VarAttr.Array);
    }
  }
  attrs(name: string): VarAttr {
    return this.a.get(name) ?? VarAttr.None;
  }
  setAttrs(name: string, add: VarAttr, remove: VarAttr = VarAttr.None): void {
    this.a.set(name, ((this.a.get(name) ?? 0) | add) & ~remove);
  }
  pushScope(): void {}
  popScope(): void {}
  declareLocal(): void {}
  scopeDepth(): number {
    return 0;
  }
  names(): string[] {
    return [...this.v.keys()].sort();
  }
  environ(): string[] {
    return [];
  }
  clone(): VarStore {
    const c = new MemVars();
    for (const n of this.names()) {
      if (this.isAssoc(n)) c.setArrayFromPairs(n, this.getKeys(n).map((k) => [k, this.getElement(n, k)!]), true);
      else c.setArrayFromPairs(n, this.getKeys(n).map((k) => [k, this.getElement(n, Number(k))!]), false);
    }
    return c;
  }
}
