// A small stand-in for the Shell and BuiltinContext, enough to run the I/O builtins in unit
// tests without the interpreter. Variables live in a Map (scalars, indexed and associative
// arrays); fds map shell fd -> OS fd; out/err collect text.
import { spawnSync } from "bun";
import type { BuiltinContext, BuiltinDef } from "../../builtins/context.ts";
import { runGen, type Gen } from "../../src/exec/gen.ts";
import { VarAttr, VarError } from "../../src/state/var-store.ts";

interface Var {
  value?: string;
  arr?: Map<string, string>;
  assoc?: boolean;
  attrs: number;
}

export class FakeVars {
  m = new Map<string, Var>();
  get(n: string) {
    const v = this.m.get(n);
    if (!v) return undefined;
    return v.arr ? v.arr.get("0") : v.value;
  }
  private check(n: string) {
    const v = this.m.get(n);
    if (v && v.attrs & VarAttr.Readonly) throw new VarError(`${n}: readonly variable`);
    return v;
  }
  set(n: string, value: string) {
    const v = this.check(n);
    if (v?.arr) v.arr.set("0", value);
    else if (v) v.value = value;
    else this.m.set(n, { value, attrs: 0 });
  }
  append(n: string, value: string) {
    this.set(n, (this.get(n) ?? "") + value);
  }
  isSet(n: string) {
    return this.m.has(n);
  }
  unset(n: string) {
    this.check(n);
    this.m.delete(n);
  }
  isArray(n: string) {
    return !!this.m.get(n)?.arr;
  }
  isAssoc(n: string) {
    return !!this.m.get(n)?.assoc;
  }
  getElement(n: string, i: number | string) {
    const v = this.m.get(n);
    if (!v) return undefined;
    if (!v.arr) return String(i) === "0" ? v.value : undefined;
    return v.arr.get(String(i));
  }
  setElement(n: string, i: number | string, value: string) {
    let v = this.check(n);
    if (!v) this.m.set(n, (v = { attrs: 0 }));
    if (!v.arr) {
      v.arr = new Map();
      if (v.value !== undefined) v.arr.set("0", v.value);
    }
    v.arr.set(String(i), value);
    if (!v.assoc) v.arr = new Map([...v.arr].sort((a, b) => Number(a[0]) - Number(b[0])));
  }
  unsetElement(n: string, i: number | string) {
    this.m.get(n)?.arr?.delete(String(i));
  }
  getValues(n: string) {
    const v = this.m.get(n);
    if (!v) return [];
    return v.arr ? [...v.arr.values()] : v.value === undefined ? [] : [v.value];
  }
  getKeys(n: string) {
    const v = this.m.get(n);
    if (!v) return [];
    return v.arr ? [...v.arr.keys()] : ["0"];
  }
  setArray(n: string, values: string[]) {
    const old = this.check(n);
    this.m.set(n, { arr: new Map(values.map((x, i) => [String(i), x])), attrs: (old?.attrs ?? 0) | VarAttr.Array });
  }
  setArrayFromPairs(n: string, pairs: [string, string][], assoc: boolean) {
    this.m.set(n, { arr: new Map(pairs), assoc, attrs: assoc ? VarAttr.Assoc : VarAttr.Array });
  }
  attrs(n: string) {
    return this.m.get(n)?.attrs ?? 0;
  }
  setAttrs(n: string, add: number, remove = 0) {
    let v = this.m.get(n);
    if (!v) this.m.set(n, (v = { attrs: 0 }));
    v.attrs = (v.attrs | add) & ~remove;
  }
  pushScope() {}
  popScope() {}
  declareLocal() {}
  scopeDepth() {
    return 0;
  }
  names() {
    return [...this.m.keys()].sort();
  }
  environ() {
    return [];
  }
  envVersion = 0;
  clone() {
    return this;
  }
}

export interface FakeShell {
  [k: string]: any;
}

export function fakeShell(over: Partial<FakeShell> = {}): FakeShell {
  const fdmap = new Map<number, number>([
    [0, 0],
    [1, 1],
    [2, 2],
  ]);
  // the locale of the bash runs it is compared with (bash() below): UTF-8 characters
  const vars = new FakeVars();
  vars.set("LC_ALL", "C.UTF-8");
  const sh: FakeShell = {
    vars,
    opts: {} as Record<string, boolean>,
    positional: [],
    arg0: "ipsh",
    functions: new Map(),
    aliases: new Map(),
    hash: new Map(),
    cwd: process.cwd(),
    setCwd(d: string) {
      sh.cwd = d;
    },
    umask: 0o022,
    lastStatus: 0,
    pid: process.pid,
    interactive: false,
    dirStack: [],
    builtins: new Map(),
    disabledBuiltins: new Set<string>(),
    fdmap,
    // shell fd -> OS fd; no entry is an in-memory here-document (src/exec/fd-table.ts MemDoc)
    fds: { os: (fd: number) => fdmap.get(fd), entry: (_fd: number) => undefined },
    errorPrefix: () => "ipsh: ",
    findInPath: (name: string) => {
      for (const d of (sh.vars.get("PATH") ?? "").split(":")) {
        const p = `${d || "."}/${name}`;
        try {
          const st = require("node:fs").statSync(p);
          if (st.isFile() && st.mode & 0o111) return p;
        } catch {}
      }
      return undefined;
    },
    ...over,
  };
  return sh;
}

export interface RunResult {
  status: number;
  out: string;
  err: string;
}

function makeCtx(def: BuiltinDef, args: string[], sh: FakeShell, name: string) {
  const outB: Uint8Array[] = [];
  const errB: Uint8Array[] = [];
  const enc = new TextEncoder();
  const put = (fd: number, d: string | Uint8Array) => {
    const b = typeof d === "string" ? enc.encode(d) : new Uint8Array(d);
    if (fd === 1) outB.push(b);
    else if (fd === 2) errB.push(b);
    else return false;
    return true;
  };
  const ctx: BuiltinContext = {
    name,
    args,
    sh: sh as any,
    out: (t) => void put(1, t),
    err: (t) => void put(2, t),
    write: put,
    error: (m) => void put(2, `ipsh: ${name}: ${m}\n`),
  };
  const result = (status: number): RunResult => ({
    status,
    out: Buffer.concat(outB).toString("utf8"),
    err: Buffer.concat(errB).toString("utf8"),
  });
  return { ctx, result };
}

/** Run a builtin with args on the fake shell; collects fd 1 and fd 2 output as text. The
 *  builtin must not wait (see runAsync). */
export function run(def: BuiltinDef, args: string[], sh: FakeShell = fakeShell(), name = def.name): RunResult {
  const { ctx, result } = makeCtx(def, args, sh, name);
  const r = def.run(ctx);
  const status = typeof r === "number" ? r : runGen(r as Gen<number>);
  if (typeof status !== "number") throw new Error(`${name} yielded: use runAsync`);
  return result(status);
}

/** Run a builtin that may wait (yield Promises), as the interpreter would. */
export async function runAsync(def: BuiltinDef, args: string[], sh: FakeShell = fakeShell(), name = def.name): Promise<RunResult> {
  const { ctx, result } = makeCtx(def, args, sh, name);
  const r = def.run(ctx);
  return result(typeof r === "number" ? r : await runGen(r as Gen<number>));
}

/** Run a snippet in bash; returns stdout, stderr (with "bash: " -> "ipsh: ") and status. */
export function bash(script: string, input?: string): RunResult {
  const r = spawnSync(["/usr/bin/bash", "-c", script], {
    stdin: input === undefined ? "ignore" : Buffer.from(input),
    env: { ...process.env, LC_ALL: "C.UTF-8" },
  });
  return {
    status: r.exitCode ?? -1,
    out: r.stdout.toString(),
    err: r.stderr.toString().replace(/^\S*bash: (line \d+: )?/gm, "ipsh: "),
  };
}
