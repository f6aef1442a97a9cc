import { describe, expect, it } from "vitest";
import { Variables } from "../../src/state/variables.ts";
import { VarAttr, VarError } from "../../src/state/var-store.ts";

/** A tiny arithmetic evaluator for tests: integers, + - * and variable names. */
function arithFor(v: Variables): (t: string) => number {
  return (t) => {
    const expr = t.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (n) => String(Number(v.get(n) ?? 0) || 0));
    if (!/^[\d\s+\-*()]*$/.test(expr)) throw new Error(`bad expr ${t}`);
    return expr.trim() === "" ? 0 : (new Function(`return (${expr})`)() as number);
  };
}

function fresh(): Variables {
  const v = new Variables();
  v.setArithEvaluator(arithFor(v));
  return v;
}

describe("scalars", () => {
  it("get/set/unset and isSet", () => {
    const v = fresh();
    expect(v.get("x")).toBeUndefined();
    v.set("x", "1");
    expect(v.get("x")).toBe("1");
    expect(v.isSet("x")).toBe(true);
    v.set("x", "");
    expect(v.isSet("x")).toBe(true);
    v.unset("x");
    expect(v.isSet("x")).toBe(false);
    expect(v.exists("x")).toBe(false);
  });

  it("append concatenates, or adds for integers", () => {
    const v = fresh();
    v.set("s", "ab");
    v.append("s", "cd");
    expect(v.get("s")).toBe("abcd");
    v.append("new", "x");
    expect(v.get("new")).toBe("x");
    v.setAttrs("n", VarAttr.Integer);
    v.set("n", "5");
    v.append("n", "3");
    expect(v.get("n")).toBe("8");
    v.append("n", "2*3");
    expect(v.get("n")).toBe("14");
  });

  it("integer attribute evaluates assignments; -l/-u convert case on assignment only", () => {
    const v = fresh();
    v.set("y", "abc");
    v.setAttrs("y", VarAttr.Integer);
    expect(v.get("y")).toBe("abc"); // bash does not convert the existing value
    v.set("y", "2+3");
    expect(v.get("y")).toBe("5");
    v.set("l", "ABC");
    v.setAttrs("l", VarAttr.Lower);
    expect(v.get("l")).toBe("ABC");
    v.set("l", "XyZ");
    expect(v.get("l")).toBe("xyz");
    v.setAttrs("l", VarAttr.Upper);
    expect(v.attrs("l") & VarAttr.Lower).toBe(0);
    v.append("l", "ab");
    expect(v.get("l")).toBe("XYZAB");
  });

  it("readonly variables refuse assignment, unset and -r removal", () => {
    const v = fresh();
    v.set("r", "1");
    v.setAttrs("r", VarAttr.Readonly);
    expect(() => v.set("r", "2")).toThrow(new VarError("r: readonly variable"));
    expect(() => v.unset("r")).toThrow(new VarError("r: cannot unset: readonly variable"));
    expect(() => v.setAttrs("r", VarAttr.None, VarAttr.Readonly)).toThrow(VarError);
    expect(() => v.setArray("r", ["a"])).toThrow(VarError);
    expect(() => v.setElement("r", 1, "a")).toThrow(VarError);
    v.setAttrs("r", VarAttr.Export); // bash allows export of a readonly variable
    expect(v.get("r")).toBe("1");
    expect(v.attrs("r")).toBe(VarAttr.Readonly | VarAttr.Export);
  });

  it("declared-but-unset variables exist without a value", () => {
    const v = fresh();
    v.setAttrs("d", VarAttr.None);
    expect(v.exists("d")).toBe(true);
    expect(v.isSet("d")).toBe(false);
    expect(v.attrs("d")).toBe(VarAttr.Unset);
    expect(v.names()).not.toContain("d");
    expect(v.allNames()).toContain("d");
    v.set("d", "x");
    expect(v.attrs("d")).toBe(VarAttr.None);
  });
});

describe("scopes", () => {
  it("local shadows and popScope restores", () => {
    const v = fresh();
    v.set("x", "g");
    v.pushScope();
    v.declareLocal("x");
    expect(v.get("x")).toBeUndefined();
    v.set("x", "l");
    expect(v.get("x")).toBe("l");
    expect(v.isLocal("x")).toBe(true);
    expect(v.scopeDepth()).toBe(1);
    v.popScope();
    expect(v.get("x")).toBe("g");
    expect(v.scopeDepth()).toBe(0);
  });

  it("assignments without local in a function reach the visible binding (dynamic scoping)", () => {
    const v = fresh();
    v.pushScope();
    v.declareLocal("x");
    v.set("x", "outer-local");
    v.pushScope();
    v.set("x", "changed"); // changes the caller's local
    v.set("y", "new"); // creates a global
    v.popScope();
    expect(v.get("x")).toBe("changed");
    v.popScope();
    expect(v.get("x")).toBeUndefined();
    expect(v.get("y")).toBe("new");
  });

  it("unset of a local in its own scope keeps it local (bash)", () => {
    // f() { local x=1; unset x; echo ${x-unset}; x=2; }; x=g; f; echo $x  -> unset, g
    const v = fresh();
    v.set("x", "g");
    v.pushScope();
    v.declareLocal("x");
    v.set("x", "1");
    v.unset("x");
    expect(v.get("x")).toBeUndefined();
    v.set("x", "2");
    v.popScope();
    expect(v.get("x")).toBe("g");
  });

  it("unset of a caller's local reveals the global (bash)", () => {
    // g() { unset x; }; h() { local x=h; g; echo $x; }; x=G; h   -> G
    const v = fresh();
    v.set("x", "G");
    v.pushScope();
    v.declareLocal("x");
    v.set("x", "h");
    v.pushScope();
    v.unset("x");
    expect(v.get("x")).toBe("G");
    v.popScope();
    expect(v.get("x")).toBe("G");
    v.popScope();
    expect(v.get("x")).toBe("G");
  });

  it("local inherits only the export attribute; readonly outer refuses local", () => {
    const v = fresh();
    v.set("e", "1");
    v.setAttrs("e", VarAttr.Export);
    v.setAttrs("n", VarAttr.Integer);
    v.set("r", "1");
    v.setAttrs("r", VarAttr.Readonly);
    v.pushScope();
    v.declareLocal("e");
    v.declareLocal("n");
    expect(v.attrs("e")).toBe(VarAttr.Export | VarAttr.Unset);
    expect(v.attrs("n")).toBe(VarAttr.Unset);
    v.set("n", "2+3");
    expect(v.get("n")).toBe("2+3");
    expect(() => v.declareLocal("r")).toThrow(new VarError("r: readonly variable"));
    expect(v.localNames()).toEqual(["e", "n"]);
    v.popScope();
    expect(v.get("e")).toBe("1");
  });

  it("withGlobal reaches the global under locals (declare -g)", () => {
    const v = fresh();
    v.set("x", "g");
    v.pushScope();
    v.declareLocal("x");
    v.set("x", "l");
    v.withGlobal("x", () => v.set("x", "G2"));
    v.withGlobal("z", () => v.set("z", "new"));
    expect(v.get("x")).toBe("l");
    v.popScope();
    expect(v.get("x")).toBe("G2");
    expect(v.get("z")).toBe("new");
  });
});

describe("indexed arrays", () => {
  it("are sparse and iterate in index order", () => {
    const v = fresh();
    v.setElement("a", 5, "five");
    v.setElement("a", 1, "one");
    v.setElement("a", 3, "three");
    expect(v.getKeys("a")).toEqual(["1", "3", "5"]);
    expect(v.getValues("a")).toEqual(["one", "three", "five"]);
    expect(v.count("a")).toBe(3);
    expect(v.get("a")).toBeUndefined(); // $a is ${a[0]}
    v.set("a", "zero");
    expect(v.getKeys("a")).toEqual(["0", "1", "3", "5"]);
  });

  it("negative subscripts count from the end; too negative is a bad subscript", () => {
    const v = fresh();
    const diags: string[] = [];
    v.setDiagnosticSink((m) => diags.push(m));
    v.setArray("a", ["1", "2", "3"]);
    expect(v.getElement("a", -1)).toBe("3");
    expect(v.getElement("a", -5)).toBeUndefined();
    expect(diags).toEqual(["a: bad array subscript"]);
    expect(() => v.setElement("a", -5, "x")).toThrow(new VarError("a[-5]: bad array subscript"));
    v.setArrayFromPairs("b", [["5", "x"]], false);
    v.setElement("b", -1, "y");
    expect(v.getKeys("b")).toEqual(["5"]);
    expect(v.getElement("b", 5)).toBe("y");
  });

  it("a scalar is element 0; setting an element converts it", () => {
    const v = fresh();
    v.set("s", "abc");
    expect(v.getElement("s", 0)).toBe("abc");
    expect(v.getElement("s", 1)).toBeUndefined();
    expect(v.getValues("s")).toEqual(["abc"]);
    expect(v.getKeys("s")).toEqual(["0"]);
    expect(v.isArray("s")).toBe(false);
    v.setElement("s", 2, "x");
    expect(v.isArray("s")).toBe(true);
    expect(v.getValues("s")).toEqual(["abc", "x"]);
    v.set("t", "abc");
    v.unsetElement("t", 0);
    expect(v.isSet("t")).toBe(false);
  });

  it("subscripts given as text are evaluated arithmetically", () => {
    const v = fresh();
    v.set("i", "2");
    v.setElement("a", "i+1", "x");
    expect(v.getKeys("a")).toEqual(["3"]);
    expect(v.getElement("a", "1+2")).toBe("x");
  });

  it("pairs: [k]=v then plain values continue after the last index", () => {
    // b=([3]=x y) -> declare -a b=([3]="x" [4]="y")
    const v = fresh();
    v.setArrayFromPairs("b", [["3", "x"], ["", "y"]], false);
    expect(v.view("b")!.indexed).toEqual([[3, "x"], [4, "y"]]);
  });

  it("appendArray and append to element 0", () => {
    // declare -a aa=(1 2); aa+=(3); aa+=x -> ([0]="1x" [1]="2" [2]="3")
    const v = fresh();
    v.setArray("aa", ["1", "2"]);
    v.appendArray("aa", ["3"]);
    v.append("aa", "x");
    expect(v.view("aa")!.indexed).toEqual([[0, "1x"], [1, "2"], [2, "3"]]);
    v.setArrayFromPairs("sp", [["10", "a"]], false);
    v.appendArray("sp", ["b"]);
    expect(v.getKeys("sp")).toEqual(["10", "11"]);
    v.appendElement("sp", 10, "z");
    expect(v.getElement("sp", 10)).toBe("az");
  });

  it("unsetElement removes one element; the max index follows", () => {
    const v = fresh();
    v.setArray("a", ["x", "y", "z"]);
    v.unsetElement("a", 2);
    v.appendArray("a", ["w"]);
    expect(v.view("a")!.indexed).toEqual([[0, "x"], [1, "y"], [2, "w"]]);
    v.unsetElement("a", -1);
    expect(v.getKeys("a")).toEqual(["0", "1"]);
  });
});

describe("associative arrays", () => {
  it("iterate in bash's hash order and take string keys", () => {
    // bash: declare -A h=([b]=2 [a]=1 [c]=3) -> c b a; h[a b]=sp; unset 'h[a]' -> c b "a b"
    const v = fresh();
    v.setArrayFromPairs("h", [["b", "2"], ["a", "1"], ["c", "3"]], true);
    expect(v.isAssoc("h")).toBe(true);
    expect(v.getKeys("h")).toEqual(["c", "b", "a"]);
    v.setElement("h", "a b", "sp");
    expect(v.getElement("h", "a b")).toBe("sp");
    v.unsetElement("h", "a");
    expect(v.getKeys("h")).toEqual(["c", "b", "a b"]);
    expect(v.get("h")).toBeUndefined(); // $h is ${h[0]}
    v.set("h", "zero");
    expect(v.getElement("h", "0")).toBe("zero");
    expect(v.getKeys("h")).toEqual(["0", "c", "b", "a b"]);
  });

  it("h=(k v k v) takes pairs; a missing value is empty", () => {
    const v = fresh();
    v.setAttrs("h", VarAttr.Assoc);
    v.setArray("h", ["k1", "v1", "k2"]);
    expect(v.view("h")!.assoc).toEqual([["k1", "v1"], ["k2", ""]]);
  });

  it("conversions follow bash's rules", () => {
    const v = fresh();
    v.set("x", "1");
    v.setAttrs("x", VarAttr.Assoc);
    expect(v.view("x")!.assoc).toEqual([["0", "1"]]);
    v.setArray("a", ["1"]);
    expect(() => v.setAttrs("a", VarAttr.Assoc)).toThrow(new VarError("a: cannot convert indexed to associative array"));
    expect(() => v.setAttrs("x", VarAttr.Array)).toThrow(new VarError("x: cannot convert associative to indexed array"));
    expect(() => v.setAttrs("a", VarAttr.None, VarAttr.Array)).toThrow(
      new VarError("a: cannot destroy array variables in this way"),
    );
  });
});

describe("namerefs", () => {
  it("get/set/unset follow the reference", () => {
    const v = fresh();
    v.setNamerefTarget("r", "x");
    v.set("r", "5");
    expect(v.get("x")).toBe("5");
    expect(v.get("r")).toBe("5");
    expect(v.namerefTarget("r")).toBe("x");
    v.unset("r");
    expect(v.isSet("x")).toBe(false);
    expect(v.namerefTarget("r")).toBe("x");
    v.unsetNameref("r");
    expect(v.exists("r")).toBe(false);
  });

  it("an element target a[2]", () => {
    // declare -n rr=arr[2]; rr=z -> declare -a arr=([2]="z")
    const v = fresh();
    v.setNamerefTarget("rr", "arr[2]");
    v.set("rr", "z");
    expect(v.view("arr")!.indexed).toEqual([[2, "z"]]);
    expect(v.get("rr")).toBe("z");
  });

  it("a nameref without a value takes its first assignment as the target", () => {
    const v = fresh();
    v.setAttrs("rn", VarAttr.Nameref);
    v.set("rn", "target");
    expect(v.namerefTarget("rn")).toBe("target");
    expect(v.attrs("rn")).toBe(VarAttr.Nameref);
  });

  it("loops warn on read and fail on write; self and invalid references are refused", () => {
    const v = fresh();
    const diags: string[] = [];
    v.setDiagnosticSink((m) => diags.push(m));
    v.setNamerefTarget("ra", "rb");
    v.setNamerefTarget("rb", "ra");
    expect(v.get("ra")).toBeUndefined();
    expect(diags).toEqual(["warning: ra: circular name reference"]);
    expect(() => v.set("ra", "1")).toThrow(VarError);
    expect(() => v.setNamerefTarget("r1", "r1")).toThrow(new VarError("r1: nameref variable self references not allowed"));
    expect(() => v.setNamerefTarget("r2", "1x")).toThrow(new VarError("`1x': invalid variable name for name reference"));
  });

  it("attribute changes apply to the target (declare -x ref exports the target)", () => {
    const v = fresh();
    v.setNamerefTarget("nr", "tgt");
    v.setAttrs("nr", VarAttr.Export);
    expect(v.attrs("tgt")).toBe(VarAttr.Export | VarAttr.Unset);
    expect(v.attrs("nr")).toBe(VarAttr.Nameref);
  });

  it("arrays through a nameref", () => {
    const v = fresh();
    v.setNamerefTarget("ref", "arr");
    v.setArray("ref", ["a", "b"]);
    expect(v.getValues("arr")).toEqual(["a", "b"]);
    expect(v.getElement("ref", 1)).toBe("b");
    expect(v.isArray("ref")).toBe(true);
  });
});

describe("environment", () => {
  it("fromEnviron exports valid names and passes others through", () => {
    const v = Variables.fromEnviron({ HOME: "/h", "a-b": "1", PATH: "/bin" });
    expect(v.attrs("HOME")).toBe(VarAttr.Export);
    expect(v.get("a-b")).toBeUndefined();
    expect(v.environ().sort()).toEqual(["HOME=/h", "PATH=/bin", "a-b=1"]);
  });

  it("environ is cached until an exported variable changes", () => {
    const v = Variables.fromEnviron({ E: "1" });
    const e1 = v.environ();
    const ver = v.envVersion;
    v.set("plain", "x"); // not exported: no rebuild
    expect(v.environ()).toBe(e1);
    expect(v.envVersion).toBe(ver);
    v.set("E", "2");
    expect(v.envVersion).not.toBe(ver);
    const e2 = v.environ();
    expect(e2).not.toBe(e1);
    expect(e2).toEqual(["E=2"]);
    v.setAttrs("plain", VarAttr.Export);
    expect(v.environ()).toEqual(["E=2", "plain=x"]);
    v.setAttrs("plain", VarAttr.None, VarAttr.Export);
    expect(v.environ()).toEqual(["E=2"]);
  });

  it("arrays and declared-unset variables are not exported; locals are while in scope", () => {
    const v = Variables.fromEnviron({ E: "1" });
    v.setArray("a", ["1"]);
    v.setAttrs("a", VarAttr.Export);
    v.setAttrs("u", VarAttr.Export);
    expect(v.environ()).toEqual(["E=1"]);
    v.pushScope();
    v.declareLocal("E");
    v.set("E", "local");
    expect(v.environ()).toEqual(["E=local"]);
    v.popScope();
    expect(v.environ()).toEqual(["E=1"]);
  });

  it("autoExport (set -a) exports on assignment", () => {
    const v = new Variables();
    v.autoExport = true;
    v.set("x", "1");
    v.setArray("arr", ["1"]);
    v.autoExport = false;
    v.set("y", "2");
    expect(v.attrs("x") & VarAttr.Export).toBe(VarAttr.Export);
    expect(v.attrs("y") & VarAttr.Export).toBe(0);
    expect(v.environ()).toEqual(["x=1"]);
  });
});

describe("clone (subshells)", () => {
  it("child and parent are independent after the copy", () => {
    const v = fresh();
    v.set("x", "1");
    v.setArray("a", ["p"]);
    v.setArrayFromPairs("h", [["k", "v"]], true);
    v.pushScope();
    v.declareLocal("l");
    v.set("l", "local");
    const c = v.clone();
    c.set("x", "child");
    c.setElement("a", 1, "c");
    c.setElement("h", "k", "c");
    c.set("l", "child-local");
    c.set("newvar", "n");
    expect(v.get("x")).toBe("1");
    expect(v.getValues("a")).toEqual(["p"]);
    expect(v.getElement("h", "k")).toBe("v");
    expect(v.get("l")).toBe("local");
    expect(v.get("newvar")).toBeUndefined();
    // and the parent writing after the clone does not leak into the child
    v.set("x", "parent2");
    v.setElement("a", 0, "P");
    expect(c.get("x")).toBe("child");
    expect(c.getValues("a")).toEqual(["p", "c"]);
    // scopes are copied: popping in the child does not affect the parent
    c.popScope();
    expect(c.get("l")).toBeUndefined();
    expect(v.get("l")).toBe("local");
    v.popScope();
    expect(v.get("l")).toBeUndefined();
  });

  it("environ caches are per store", () => {
    const v = Variables.fromEnviron({ E: "1" });
    const c = v.clone();
    c.set("E", "2");
    expect(v.environ()).toEqual(["E=1"]);
    expect(c.environ()).toEqual(["E=2"]);
  });

  it("attribute changes in the child stay in the child", () => {
    const v = fresh();
    v.set("x", "1");
    v.pushScope();
    v.declareLocal("x");
    const c = v.clone();
    c.withGlobal("x", () => c.setAttrs("x", VarAttr.Readonly));
    c.withGlobal("x", () => expect(c.attrs("x")).toBe(VarAttr.Readonly));
    v.withGlobal("x", () => expect(v.attrs("x")).toBe(VarAttr.None));
  });
});

describe("dynamic variables", () => {
  it("computed on read, setter on assignment, ordinary after unset", () => {
    const v = new Variables();
    let n = 0;
    let assigned = "";
    v.defineDynamic("COUNT", () => String(++n), (s) => (assigned = s));
    expect(v.get("COUNT")).toBe("1");
    expect(v.get("COUNT")).toBe("2");
    v.set("COUNT", "9");
    expect(assigned).toBe("9");
    expect(v.isDynamic("COUNT")).toBe(true);
    expect(v.names()).toContain("COUNT");
    v.unset("COUNT");
    expect(v.isDynamic("COUNT")).toBe(false);
    v.set("COUNT", "plain");
    expect(v.get("COUNT")).toBe("plain");
  });

  it("without a setter assignments are ignored", () => {
    const v = new Variables();
    v.defineDynamic("BASHPID", () => "42");
    v.set("BASHPID", "1");
    expect(v.get("BASHPID")).toBe("42");
  });
});

describe("performance shape", () => {
  it("a 200,000-iteration get/set loop on a global stays fast", () => {
    const v = Variables.fromEnviron(process.env as Record<string, string>);
    v.set("i", "0");
    const t = performance.now();
    for (let k = 0; k < 200000; k++) v.set("i", String(Number(v.get("i")) + 1));
    const ms = performance.now() - t;
    expect(v.get("i")).toBe("200000");
    expect(ms).toBeLessThan(3000) // generous: catches a walk over scopes or quadratic behaviour, not load;
  });
});

describe("copy-on-write with shadowed bindings", () => {
  it("changing a shadowed global (declare -g) after a clone does not leak either way", () => {
    const v = fresh();
    v.set("x", "g");
    v.pushScope();
    v.declareLocal("x");
    v.set("x", "l");
    const c = v.clone();
    v.withGlobal("x", () => v.set("x", "parent-global"));
    c.withGlobal("x", () => c.setArray("x", ["child-global"]));
    expect(v.get("x")).toBe("l");
    expect(c.get("x")).toBe("l");
    v.popScope();
    c.popScope();
    expect(v.get("x")).toBe("parent-global");
    expect(c.getValues("x")).toEqual(["child-global"]);
  });

  it("attribute changes on a shadowed binding stay private to the store", () => {
    const v = fresh();
    v.set("e", "1");
    v.pushScope();
    v.declareLocal("e");
    const c = v.clone();
    c.withGlobal("e", () => c.setAttrs("e", VarAttr.Export));
    c.popScope();
    v.popScope();
    expect(c.environ()).toEqual(["e=1"]);
    expect(v.environ()).toEqual([]);
  });

  it("a grandchild clone is independent of child and parent", () => {
    const v = fresh();
    v.setArrayFromPairs("h", [["k", "v"]], true);
    const c = v.clone();
    const g = c.clone();
    g.setElement("h", "k", "g");
    c.setElement("h", "k", "c");
    expect([v.getElement("h", "k"), c.getElement("h", "k"), g.getElement("h", "k")]).toEqual(["v", "c", "g"]);
  });

  it("many clones of a large store stay cheap", () => {
    const env: Record<string, string> = {};
    for (let i = 0; i < 200; i++) env[`V${i}`] = String(i);
    const v = Variables.fromEnviron(env);
    const t = performance.now();
    for (let i = 0; i < 1000; i++) {
      const c = v.clone();
      c.set("v", String(i));
      v.set("i", String(i));
    }
    // a loose bound (machines under load): it only catches pathological (e.g. quadratic) cloning
    expect(performance.now() - t).toBeLessThan(2000);
    expect(v.get("v")).toBeUndefined();
  });
});

describe("function text", () => {
  it("is the source when known, else the printed AST", async () => {
    const { functionText } = await import("../../src/state/function-attrs.ts");
    const span = { start: 0, end: 0, line: 1, col: 1 };
    const word = (t: string) => ({ kind: "Word" as const, parts: [{ kind: "Lit" as const, value: t }], literal: t, span });
    const body = {
      kind: "BraceGroup",
      body: {
        kind: "List",
        items: [
          {
            andOr: {
              kind: "AndOr",
              first: { kind: "Pipeline", bang: false, commands: [{ kind: "SimpleCommand", assigns: [], words: [word("echo"), word("hi")], redirects: [], span }], pipeStderr: [], span },
              rest: [],
              span,
            },
            background: false,
          },
        ],
        span,
      },
      redirects: [],
      span,
    };
    const fn = { kind: "FunctionDef" as const, name: "f", body: body as never, span };
    expect(functionText({ ...fn, source: "f() { echo hi; }" })).toBe("f() { echo hi; }");
    const printed = functionText(fn);
    expect(printed.startsWith("f () {")).toBe(true);
    expect(printed).toContain("echo hi");
  });
});

describe("special arrays", () => {
  it("are computed on read, ignore writes, and become ordinary after unset", () => {
    const v = new Variables();
    const stack = ["inner", "outer", "main"];
    v.defineDynamicArray("FUNCNAME", () => stack.slice());
    expect(v.get("FUNCNAME")).toBe("inner");
    expect(v.getElement("FUNCNAME", 1)).toBe("outer");
    expect(v.getElement("FUNCNAME", -1)).toBe("main");
    expect(v.getValues("FUNCNAME")).toEqual(stack);
    expect(v.getKeys("FUNCNAME")).toEqual(["0", "1", "2"]);
    expect(v.count("FUNCNAME")).toBe(3);
    expect(v.isArray("FUNCNAME")).toBe(true);
    stack.shift();
    expect(v.get("FUNCNAME")).toBe("outer");
    v.set("FUNCNAME", "x");
    v.setElement("FUNCNAME", 5, "x");
    v.setArray("FUNCNAME", ["x"]);
    v.unsetElement("FUNCNAME", 0);
    expect(v.getValues("FUNCNAME")).toEqual(["outer", "main"]);
    expect(v.view("FUNCNAME", false)!.indexed).toEqual([[0, "outer"], [1, "main"]]);
    v.unset("FUNCNAME");
    v.setArray("FUNCNAME", ["plain"]);
    expect(v.getValues("FUNCNAME")).toEqual(["plain"]);
  });

  it("an empty special array reads as unset", () => {
    const v = new Variables();
    v.defineDynamicArray("BASH_SOURCE", () => []);
    expect(v.get("BASH_SOURCE")).toBeUndefined();
    expect(v.isSet("BASH_SOURCE")).toBe(false);
    expect(v.getValues("BASH_SOURCE")).toEqual([]);
  });
});

describe("special arrays in listings", () => {
  it("an empty one is shown declared without a value (bash's FUNCNAME at top level)", async () => {
    const { declareLine, setLine } = await import("../../src/state/var-format.ts");
    const v = new Variables();
    const stack: string[] = [];
    v.defineDynamicArray("FUNCNAME", () => stack.slice());
    expect(declareLine(v.view("FUNCNAME", false)!)).toBe("declare -a FUNCNAME");
    expect(setLine(v.view("FUNCNAME", false)!)).toBeUndefined();
    stack.push("f");
    expect(declareLine(v.view("FUNCNAME", false)!)).toBe('declare -a FUNCNAME=([0]="f")');
    expect(setLine(v.view("FUNCNAME", false)!)).toBe('FUNCNAME=([0]="f")');
  });
});

describe("names whose local went away", () => {
  it("are absent in every respect", () => {
    const v = Variables.fromEnviron({ "odd-name": "1" });
    v.pushScope();
    v.declareLocal("z");
    v.set("z", "1");
    v.setAttrs("z", VarAttr.Export);
    v.declareLocal("odd");
    v.popScope();
    expect(v.get("z")).toBeUndefined();
    expect(v.exists("z")).toBe(false);
    expect(v.attrs("z")).toBe(VarAttr.None);
    expect(v.view("z")).toBeUndefined();
    expect(v.names()).not.toContain("z");
    expect(v.allNames()).not.toContain("z");
    expect(v.isArray("z")).toBe(false);
    expect(v.getValues("z")).toEqual([]);
    expect(v.environ()).toEqual(["odd-name=1"]);
    expect(v.isLocal("z")).toBe(false);
    // and they come back as ordinary globals
    v.declareLocal("z"); // top level: declares
    expect(v.exists("z")).toBe(true);
    expect(v.attrs("z")).toBe(VarAttr.Unset);
    v.unset("z");
    v.pushScope();
    v.declareLocal("w");
    v.popScope();
    v.setElement("w", 2, "x");
    expect(v.getKeys("w")).toEqual(["2"]);
    v.pushScope();
    v.declareLocal("q");
    v.popScope();
    v.set("q", "global");
    v.setAttrs("q", VarAttr.Readonly);
    expect(() => v.set("q", "x")).toThrow(VarError);
    v.pushScope();
    v.declareLocal("n");
    v.popScope();
    v.setNamerefTarget("n", "q");
    expect(v.get("n")).toBe("global");
  });

  it("a subshell clone sees them as absent too", () => {
    const v = new Variables();
    v.pushScope();
    v.declareLocal("z");
    v.popScope();
    const c = v.clone();
    expect(c.exists("z")).toBe(false);
    c.set("z", "child");
    expect(v.get("z")).toBeUndefined();
    expect(c.get("z")).toBe("child");
  });
});
