// declare/typeset/local/export/readonly and unset, compared with bash 5.2 on the same commands.
// Each case runs a bash script and the same commands through the builtins on a FakeShell
// (real Variables/Options, no executor), and compares stdout, stderr and status exactly.
import { describe, expect, it } from "vitest";
import { FakeShell, bash } from "../state/fake-shell.ts";

/** Keep only the lines of a listing that mention one of the names (declare -x NAME=..., NAME=...). */
function only(text: string, names: string[]): string {
  const re = new RegExp(`^(declare -\\S+ |export |readonly )?(${names.join("|")})(=|$)`);
  return text
    .split("\n")
    .filter((l) => re.test(l))
    .map((l) => l + "\n")
    .join("");
}

function same(script: string, ours: (sh: FakeShell) => void, opts: { status?: boolean } = {}): void {
  const b = bash(script);
  const sh = new FakeShell();
  ours(sh);
  expect({ stdout: sh.stdout, stderr: sh.stderr }).toEqual({ stdout: b.stdout, stderr: b.stderr });
  if (opts.status !== false) expect(sh.status).toBe(b.status);
}

describe("declare -p formats", () => {
  it("scalars, attributes, quoting", () => {
    same(
      `x='a"b$c\`d\\e'; declare -p x; declare -i n=2+3; declare -p n; declare -xlr v=ABC; declare -p v; y=$'l1\\nl2\\ttab\\e'; declare -p y`,
      (sh) => {
        sh.assign("x", 'a"b$c`d\\e');
        sh.run(["declare", "-p", "x"]);
        sh.run(["declare", "-i", "n=2+3"]);
        sh.run(["declare", "-p", "n"]);
        sh.run(["declare", "-xlr", "v=ABC"]);
        sh.run(["declare", "-p", "v"]);
        sh.assign("y", "l1\nl2\ttab\x1b");
        sh.run(["declare", "-p", "y"]);
      },
    );
  });

  it("indexed and associative arrays", () => {
    same(
      `declare -a a=(x 'y z'); declare -p a; declare -A h=([b]=2 [a]=1); declare -p h; declare -a e; declare -p e; e=(); declare -p e; declare -A ea; declare -p ea; b=([3]=x y); declare -p b`,
      (sh) => {
        sh.run(["declare", "-a", "a=(x 'y z')"]);
        sh.run(["declare", "-p", "a"]);
        sh.run(["declare", "-A", "h=([b]=2 [a]=1)"]);
        sh.run(["declare", "-p", "h"]);
        sh.run(["declare", "-a", "e"]);
        sh.run(["declare", "-p", "e"]);
        sh.vars.setArray("e", []);
        sh.run(["declare", "-p", "e"]);
        sh.run(["declare", "-A", "ea"]);
        sh.run(["declare", "-p", "ea"]);
        // b=([3]=x y) (an executor assignment) as the builtin sees it for an array
        sh.run(["declare", "-a", "b=([3]=x y)"]);
        sh.run(["declare", "-p", "b"]);
      },
    );
  });

  it("assoc keys are quoted like bash", () => {
    same(`declare -A h; h[k]=2; h['a b']=1; h['$x']=3; declare -p h`, (sh) => {
      sh.run(["declare", "-A", "h"]);
      sh.vars.setElement("h", "k", "2");
      sh.vars.setElement("h", "a b", "1");
      sh.vars.setElement("h", "$x", "3");
      sh.run(["declare", "-p", "h"]);
    });
  });

  it("namerefs and declared-but-unset variables", () => {
    same(`declare -n r=target; declare -p r; declare u; declare -p u; declare -i e; declare -p e; declare -n rn; rn=t2; declare -p rn`, (sh) => {
      sh.run(["declare", "-n", "r=target"]);
      sh.run(["declare", "-p", "r"]);
      sh.run(["declare", "u"]);
      sh.run(["declare", "-p", "u"]);
      sh.run(["declare", "-i", "e"]);
      sh.run(["declare", "-p", "e"]);
      sh.run(["declare", "-n", "rn"]);
      sh.assign("rn", "t2");
      sh.run(["declare", "-p", "rn"]);
    });
  });

  it("-p of a missing name is an error after printing the others", () => {
    same(`x=1; declare -p nosuch x`, (sh) => {
      sh.assign("x", "1");
      sh.run(["declare", "-p", "nosuch", "x"]);
    });
  });

  it("declare -x of a nameref exports the target", () => {
    same(`declare -n nr=tgt; declare -x nr; declare -p tgt nr`, (sh) => {
      sh.runAll([
        ["declare", "-n", "nr=tgt"],
        ["declare", "-x", "nr"],
        ["declare", "-p", "tgt", "nr"],
      ]);
    });
  });
});

describe("declare assignments", () => {
  it("-i evaluates, -l/-u convert, += appends", () => {
    same(
      `declare -i i=5; i+=3; echo $i; declare -i j='i*2'; echo $j; declare -u u=ab; u+=cd; echo $u; declare -l l=ABC; echo $l; s=ab; declare s+=cd; echo $s`,
      (sh) => {
        sh.run(["declare", "-i", "i=5"]);
        sh.vars.append("i", "3");
        sh.echo(sh.vars.get("i"));
        sh.run(["declare", "-i", "j=i*2"]);
        sh.echo(sh.vars.get("j"));
        sh.run(["declare", "-u", "u=ab"]);
        sh.vars.append("u", "cd");
        sh.echo(sh.vars.get("u"));
        sh.run(["declare", "-l", "l=ABC"]);
        sh.echo(sh.vars.get("l"));
        sh.assign("s", "ab");
        sh.run(["declare", "s+=cd"]);
        sh.echo(sh.vars.get("s"));
      },
    );
  });

  it("element assignment and array append", () => {
    same(`declare a[2]=x; declare -p a; declare -a b=(1 2); declare b+=(3); declare -p b; declare -A h=([k]=v); declare h+=([j]=w); declare -p h`, (sh) => {
      sh.runAll([
        ["declare", "a[2]=x"],
        ["declare", "-p", "a"],
        ["declare", "-a", "b=(1 2)"],
        ["declare", "b+=(3)"],
        ["declare", "-p", "b"],
        ["declare", "-A", "h=([k]=v)"],
        ["declare", "h+=([j]=w)"],
        ["declare", "-p", "h"],
      ]);
    });
  });

  it("quoted compound text is an array assignment only for arrays (with the executor's map)", () => {
    same(`declare -a c='(1 2)'; declare -p c; declare b='(1 2)'; declare -p b; declare -A h='([k]=v)'; declare -p h`, (sh) => {
      const none = { compoundArgs: new Map() };
      sh.run(["declare", "-a", "c=(1 2)"], none);
      sh.run(["declare", "-p", "c"]);
      sh.run(["declare", "b=(1 2)"], none);
      sh.run(["declare", "-p", "b"]);
      sh.run(["declare", "-A", "h=([k]=v)"], none);
      sh.run(["declare", "-p", "h"]);
    });
  });

  it("compound arguments pre-expanded by the executor", () => {
    same(`declare a=(x 'y z' [5]=w); declare -p a`, (sh) => {
      sh.run(["declare", "a=(x y z [5]=w)"], {
        compoundArgs: new Map([
          [0, [{ append: false, value: "x" }, { append: false, value: "y z" }, { key: "5", append: false, value: "w" }]],
        ]),
      });
      sh.run(["declare", "-p", "a"]);
    });
  });

  it("errors: invalid identifiers, readonly, invalid option", () => {
    same(`declare 1x=2; echo $?; readonly r=1; declare r=2; echo $?; declare -Z`, (sh) => {
      sh.run(["declare", "1x=2"]);
      sh.echo(String(sh.status));
      sh.run(["readonly", "r=1"]);
      sh.run(["declare", "r=2"]);
      sh.echo(String(sh.status));
      sh.run(["declare", "-Z"]);
    });
  });

  it("array conversions refused like bash", () => {
    same(`a=(1 2); declare +a a; echo $?; declare -A a; echo $?; declare -A h=([x]=1); declare -a h; echo $?`, (sh) => {
      sh.vars.setArray("a", ["1", "2"]);
      sh.run(["declare", "+a", "a"]);
      sh.echo(String(sh.status));
      sh.run(["declare", "-A", "a"]);
      sh.echo(String(sh.status));
      sh.run(["declare", "-A", "h=([x]=1)"]);
      sh.run(["declare", "-a", "h"]);
      sh.echo(String(sh.status));
    });
  });

  it("nameref errors", () => {
    same(`declare -n r1=r1; echo $?; declare -n r2=1x; echo $?`, (sh) => {
      sh.run(["declare", "-n", "r1=r1"]);
      sh.echo(String(sh.status));
      sh.run(["declare", "-n", "r2=1x"]);
      sh.echo(String(sh.status));
    });
  });
});

describe("local and scopes", () => {
  it("local outside a function is an error", () => {
    same(`local x=1`, (sh) => sh.run(["local", "x=1"]));
  });

  it("declare/local in a function are local; -g reaches the global", () => {
    same(
      `x=g; f() { local x=l; declare y=ly; declare -g z=gz; declare -p x y; }; f; echo "$x \${y-unset} $z"`,
      (sh) => {
        sh.assign("x", "g");
        sh.call("f", () => {
          sh.runAll([
            ["local", "x=l"],
            ["declare", "y=ly"],
            ["declare", "-g", "z=gz"],
            ["declare", "-p", "x", "y"],
          ]);
        });
        sh.echo(sh.vars.get("x"), sh.vars.get("y") ?? "unset", sh.vars.get("z"));
      },
    );
  });

  it("local inherits export; local listing", () => {
    same(`export E=1; f() { local E; local a=1 b; declare -p E; local; }; f`, (sh) => {
      sh.run(["export", "E=1"]);
      sh.call("f", () => {
        sh.runAll([["local", "E"], ["local", "a=1", "b"], ["declare", "-p", "E"], ["local"]]);
      });
    });
  });

  it("local of a readonly variable fails", () => {
    same(`readonly r=1; f() { local r=2; echo st=$?; }; f`, (sh) => {
      sh.run(["readonly", "r=1"]);
      sh.call("f", () => {
        sh.run(["local", "r=2"]);
        sh.echo(`st=${sh.status}`);
      });
    });
  });
});

describe("export and readonly", () => {
  it("export -p and readonly -p list in declare form", () => {
    const b = bash(`export E1=1; export -n E1; export E2='a b'; declare -rx R=2; export U; export -p; readonly -p`);
    const sh = new FakeShell();
    sh.runAll([
      ["export", "E1=1"],
      ["export", "-n", "E1"],
      ["export", "E2=a b"],
      ["declare", "-rx", "R=2"],
      ["export", "U"],
      ["export", "-p"],
      ["readonly", "-p"],
    ]);
    const names = ["E1", "E2", "R", "U"];
    expect(only(sh.stdout, names)).toBe(only(b.stdout, names));
  });

  it("posix mode prints export/readonly commands", () => {
    const b = bash(`set -o posix; export X=1; readonly R=2; export -p; readonly -p`);
    const sh = new FakeShell();
    sh.opts.posix = true;
    sh.runAll([["export", "X=1"], ["readonly", "R=2"], ["export", "-p"], ["readonly", "-p"]]);
    expect(only(sh.stdout, ["X", "R"])).toBe(only(b.stdout, ["X", "R"]));
  });

  it("export makes the environment; export -n removes", () => {
    const sh = new FakeShell();
    sh.run(["export", "A=1", "B"]);
    expect(sh.vars.environ()).toEqual(["A=1"]);
    sh.assign("B", "2");
    expect(sh.vars.environ()).toEqual(["A=1", "B=2"]);
    sh.run(["export", "-n", "A"]);
    expect(sh.vars.environ()).toEqual(["B=2"]);
  });

  it("export of an invalid name; readonly assignment", () => {
    same(`export 1x; echo $?; readonly q=1; q=2; echo never`, (sh) => {
      sh.run(["export", "1x"]);
      sh.echo(String(sh.status));
      sh.run(["readonly", "q=1"]);
      sh.assign("q", "2");
    }, { status: false });
  });

  it("declare -i listing shows only integer variables", () => {
    const b = bash(`declare -i n=2 m; declare -i`);
    const sh = new FakeShell();
    sh.runAll([["declare", "-i", "n=2", "m"], ["declare", "-i"]]);
    expect(only(sh.stdout, ["n", "m"])).toBe(only(b.stdout, ["n", "m"]));
  });
});

describe("functions", () => {
  it("declare -f / -F / attributes", () => {
    same(
      `f() { echo hi; }; g() { :; }; declare -F; declare -F f; declare -ft f; declare -F; declare -f f; export -f g; declare -pF g; declare -f nosuch; echo $?; export -f nosuch; echo $?`,
      (sh) => {
        sh.defineFunction("f", "f () \n{ \n    echo hi\n}");
        sh.defineFunction("g", "g () \n{ \n    :\n}");
        sh.run(["declare", "-F"]);
        sh.run(["declare", "-F", "f"]);
        sh.run(["declare", "-ft", "f"]);
        sh.run(["declare", "-F"]);
        sh.run(["declare", "-f", "f"]);
        sh.run(["export", "-f", "g"]);
        sh.run(["declare", "-pF", "g"]);
        sh.run(["declare", "-f", "nosuch"]);
        sh.echo(String(sh.status));
        sh.run(["export", "-f", "nosuch"]);
        sh.echo(String(sh.status));
      },
    );
  });
});

describe("unset", () => {
  it("variables, elements, namerefs, functions", () => {
    same(
      `a=(1 2 3); unset 'a[1]'; declare -p a; unset 'a[-1]'; declare -p a; x=1; declare -n r=x; unset r; echo "\${x-unset}"; declare -p r; unset -n r; declare -p r; f() { :; }; unset f; declare -F f; echo $?`,
      (sh) => {
        sh.vars.setArray("a", ["1", "2", "3"]);
        sh.run(["unset", "a[1]"]);
        sh.run(["declare", "-p", "a"]);
        sh.run(["unset", "a[-1]"]);
        sh.run(["declare", "-p", "a"]);
        sh.assign("x", "1");
        sh.run(["declare", "-n", "r=x"]);
        sh.run(["unset", "r"]);
        sh.echo(sh.vars.get("x") ?? "unset");
        sh.run(["declare", "-p", "r"]);
        sh.run(["unset", "-n", "r"]);
        sh.run(["declare", "-p", "r"]);
        sh.defineFunction("f", "f () \n{ \n    :\n}");
        sh.run(["unset", "f"]);
        sh.run(["declare", "-F", "f"]);
        sh.echo(String(sh.status));
      },
    );
  });

  it("errors", () => {
    same(`readonly r=1; unset r; echo $?; unset -v 1x; echo $?; unset 1x; echo $?; unset -fv x; echo $?; unset -Z`, (sh) => {
      sh.run(["readonly", "r=1"]);
      sh.run(["unset", "r"]);
      sh.echo(String(sh.status));
      sh.run(["unset", "-v", "1x"]);
      sh.echo(String(sh.status));
      sh.run(["unset", "1x"]);
      sh.echo(String(sh.status));
      sh.run(["unset", "-fv", "x"]);
      sh.echo(String(sh.status));
      sh.run(["unset", "-Z"]);
    });
  });

  it("unset of an assoc element and of a[@]", () => {
    same(`declare -A h=([a]=1 [b]=2); unset 'h[a]'; declare -p h; b=(1 2); unset 'b[@]'; declare -p b`, (sh) => {
      sh.run(["declare", "-A", "h=([a]=1 [b]=2)"]);
      sh.run(["unset", "h[a]"]);
      sh.run(["declare", "-p", "h"]);
      sh.vars.setArray("b", ["1", "2"]);
      sh.run(["unset", "b[@]"]);
      sh.run(["declare", "-p", "b"]);
    });
  });
});

describe("compoundElements (for the executor)", () => {
  it("splits plain elements, keeps keyed values whole", async () => {
    const { compoundElements } = await import("../../builtins/declare.ts");
    type W = import("../../grammar/ast.ts").Word;
    type P = import("../../grammar/ast.ts").WordPart;
    const span = { start: 0, end: 0, line: 1, col: 1 };
    const word = (...parts: P[]): W => ({ kind: "Word", parts, span });
    const y: P = { kind: "ParamExp", name: "y", braced: false };
    const sh = new FakeShell();
    sh.assign("y", "p q");
    sh.vars.setArray("arr", ["1", "2 3"]);
    // a=(x "$y" $y [k]=$y "${arr[@]}")
    const elems = [
      { value: { ...word({ kind: "Lit", value: "x" }), literal: "x" } },
      { value: word({ kind: "DblQuoted", parts: [y] }) },
      { value: word(y) },
      { key: { ...word({ kind: "Lit", value: "k" }), literal: "k" }, value: word(y) },
      { value: word({ kind: "DblQuoted", parts: [{ kind: "ParamExp", name: "arr", braced: true, index: "@" }] }) },
    ];
    const g = compoundElements(sh.host, elems);
    let n = g.next();
    while (!n.done) n = g.next();
    expect(n.value).toEqual([
      { append: false, value: "x" },
      { append: false, value: "p q" },
      { append: false, value: "p" },
      { append: false, value: "q" },
      { key: "k", append: false, value: "p q" },
      { append: false, value: "1" },
      { append: false, value: "2 3" },
    ]);
  });
});

describe("local -", () => {
  it("restores set options (not shopt) when the function returns", () => {
    const b = bash(`f() { local -; set -e -o pipefail; echo "in: $-"; shopt -s extglob; }; f; echo "out: $-"; shopt -p extglob; set -u; g() { local - x=1; set +u; echo "g: $-"; }; g; echo "after g: $-"`);
    const sh = new FakeShell();
    sh.opts.commandString = true;
    sh.call("f", () => {
      sh.run(["local", "-"]);
      sh.run(["set", "-e", "-o", "pipefail"]);
      sh.echo(`in: ${sh.opts.flags()}`);
      sh.run(["shopt", "-s", "extglob"]);
    });
    sh.echo(`out: ${sh.opts.flags()}`);
    sh.run(["shopt", "-p", "extglob"]);
    sh.run(["set", "-u"]);
    sh.call("g", () => {
      sh.run(["local", "-", "x=1"]);
      sh.run(["set", "+u"]);
      sh.echo(`g: ${sh.opts.flags()}`);
    });
    sh.echo(`after g: ${sh.opts.flags()}`);
    expect(sh.stdout).toBe(b.stdout);
    expect(sh.opts.pipefail).toBe(false);
  });

  it("a subshell copy does not carry the restore action", () => {
    const sh = new FakeShell();
    sh.call("f", () => {
      sh.run(["local", "-"]);
      const child = sh.vars.clone();
      child.popScope(); // the child leaving the scope must not touch the parent's options
      sh.run(["set", "-e"]);
      expect(sh.opts.errexit).toBe(true);
    });
    expect(sh.opts.errexit).toBe(false);
  });
});

describe("local -I", () => {
  it("inherits the shadowed value and attributes (not readonly)", () => {
    same(
      `x=1; declare -i n=5; a=(p q); declare -rx R=7; f() { local -I x n a; declare -p x n a; n=2+2; echo $n; local -I R; declare -p R; }; f; declare -p x n`,
      (sh) => {
        sh.assign("x", "1");
        sh.run(["declare", "-i", "n=5"]);
        sh.vars.setArray("a", ["p", "q"]);
        sh.run(["declare", "-rx", "R=7"]);
        sh.call("f", () => {
          sh.run(["local", "-I", "x", "n", "a"]);
          sh.run(["declare", "-p", "x", "n", "a"]);
          sh.vars.set("n", "2+2");
          sh.echo(sh.vars.get("n"));
          sh.run(["local", "-I", "R"]);
          sh.run(["declare", "-p", "R"]);
        });
        sh.run(["declare", "-p", "x", "n"]);
      },
    );
  });
});

describe("localvar_unset and localvar_inherit", () => {
  it("behave like bash", () => {
    same(
      `shopt -s localvar_unset; g() { unset x; echo "in g: \${x-unset}"; }; h() { local x=h; g; echo "in h: \${x-unset}"; }; x=G; h; echo "global: $x"; shopt -s localvar_inherit; declare -n r=x; k() { local x; declare -p x; local r; declare -p r; }; k`,
      (sh) => {
        sh.run(["shopt", "-s", "localvar_unset"]);
        sh.assign("x", "G");
        sh.call("h", () => {
          sh.run(["local", "x=h"]);
          sh.call("g", () => {
            sh.run(["unset", "x"]);
            sh.echo(`in g: ${sh.vars.get("x") ?? "unset"}`);
          });
          sh.echo(`in h: ${sh.vars.get("x") ?? "unset"}`);
        });
        sh.echo(`global: ${sh.vars.get("x")}`);
        sh.run(["shopt", "-s", "localvar_inherit"]);
        sh.run(["declare", "-n", "r=x"]);
        sh.call("k", () => {
          sh.runAll([["local", "x"], ["declare", "-p", "x"], ["local", "r"], ["declare", "-p", "r"]]);
        });
      },
    );
  });
});

describe("declare -f with parsed functions", () => {
  it("prints definitions in bash's layout", async () => {
    const { parse } = await import("../../grammar/index.ts");
    const src = `f() { echo "hi $1"; if true; then x=1; fi; }
g()
{
  local a=1
  for i in 1 2; do echo $i; done | cat > /dev/null
}`;
    const r = parse(src + "\n") as { kind: string; list?: unknown };
    expect(r.kind).toBe("ok");
    const sh = new FakeShell();
    collectFunctions(r, sh);
    sh.run(["declare", "-f"]);
    sh.run(["declare", "-F"]);
    const b = bash(`${src}\ndeclare -f; declare -F`);
    expect(sh.stdout).toBe(b.stdout);
  });
});

/** Every FunctionDef in a parsed tree, defined on the fake shell. */
function collectFunctions(node: unknown, sh: FakeShell): void {
  if (node === null || typeof node !== "object") return;
  const o = node as { kind?: string; name?: string };
  if (o.kind === "FunctionDef") {
    sh.functions.set(o.name!, o as never);
    return;
  }
  for (const v of Object.values(o)) collectFunctions(v, sh);
}

describe("function attribute errors", () => {
  it("readonly functions and missing functions", () => {
    same(`f() { :; }; readonly -f f; unset -f f; echo $?; unset f; echo $?; readonly -f nosuch; echo $?; export -fn nosuch; echo $?; declare -fx nosuch; echo $?`, (sh) => {
      sh.defineFunction("f", "f () \n{ \n    :\n}");
      sh.run(["readonly", "-f", "f"]);
      sh.run(["unset", "-f", "f"]);
      sh.echo(String(sh.status));
      sh.run(["unset", "f"]);
      sh.echo(String(sh.status));
      sh.run(["readonly", "-f", "nosuch"]);
      sh.echo(String(sh.status));
      sh.run(["export", "-fn", "nosuch"]);
      sh.echo(String(sh.status));
      sh.run(["declare", "-fx", "nosuch"]);
      sh.echo(String(sh.status));
    });
  });
});

describe("export -p / readonly -p with names", () => {
  it("act on the names instead of printing", () => {
    same(`export X=1; Y=2; export -p X Y; echo st=$?; Z=3; readonly -p Z; declare -p Y Z`, (sh) => {
      sh.run(["export", "X=1"]);
      sh.assign("Y", "2");
      sh.run(["export", "-p", "X", "Y"]);
      sh.echo(`st=${sh.status}`);
      sh.assign("Z", "3");
      sh.run(["readonly", "-p", "Z"]);
      sh.run(["declare", "-p", "Y", "Z"]);
    });
  });
});

describe("exported functions in the environment", () => {
  it("BASH_FUNC_name%% entries that bash imports", async () => {
    const { exportedFunctionEnv } = await import("../../src/state/function-env.ts");
    const sh = new FakeShell();
    sh.defineFunction("f", "f() { echo from-f; }");
    sh.defineFunction("g", "function g { echo from-g; }");
    sh.defineFunction("h", "h () { echo not-exported; }");
    sh.run(["export", "-f", "f", "g"]);
    const env = exportedFunctionEnv(sh.functions);
    expect(env).toEqual(["BASH_FUNC_f%%=() { echo from-f; }", "BASH_FUNC_g%%=() { echo from-g; }"]);
    const envObj: Record<string, string> = {};
    for (const e of env) envObj[e.slice(0, e.indexOf("="))] = e.slice(e.indexOf("=") + 1);
    const r = Bun.spawnSync(["/usr/bin/bash", "-c", "f; g; type h >/dev/null 2>&1 || echo no-h"], { env: envObj });
    expect(r.stdout.toString()).toBe("from-f\nfrom-g\nno-h\n");
  });
});

describe("attributes on array elements", () => {
  it("-i and -u apply to every element", () => {
    same(`declare -ai a=(1+1 2*3); a+=(4+4); a[5]=2**3; declare -p a; declare -Au h=([k]=abc); h[j]=def; declare -p h`, (sh) => {
      sh.run(["declare", "-ai", "a=(1+1 2*3)"]);
      sh.run(["declare", "a+=(4+4)"]);
      sh.vars.setElement("a", 5, "2**3");
      sh.run(["declare", "-p", "a"]);
      sh.run(["declare", "-Au", "h=([k]=abc)"]);
      sh.vars.setElement("h", "j", "def");
      sh.run(["declare", "-p", "h"]);
    });
  });
});
