// set, shift and let compared with bash 5.2 (stdout, stderr and status) on the same commands.
import { describe, expect, it } from "vitest";
import { FakeShell, bash, withoutIpshOptions } from "../state/fake-shell.ts";

function same(script: string, ours: (sh: FakeShell) => void): void {
  const b = bash(script);
  const sh = new FakeShell();
  ours(sh);
  expect({ stdout: sh.stdout, stderr: sh.stderr, status: sh.status }).toEqual({
    stdout: b.stdout,
    stderr: b.stderr,
    status: b.status,
  });
}

/** Lines of a `set` listing for the given names only (bash adds its own variables). */
function only(text: string, names: string[]): string {
  const re = new RegExp(`^(${names.join("|")})=`);
  return text
    .split("\n")
    .filter((l) => re.test(l))
    .map((l) => l + "\n")
    .join("");
}

describe("set with no arguments", () => {
  it("prints variables sorted and quoted for re-reading", () => {
    const values: [string, string][] = [
      ["e", ""],
      ["eq", "a=b"],
      ["h", "#x"],
      ["hm", "a#x"],
      ["s", "a*"],
      ["t", "~x"],
      ["tt", "a:~x"],
      ["u", "\x01"],
      ["v", "a b"],
      ["w", "plain"],
      ["x", 'a"b$c`d\\e'],
      ["y", "l1\nl2\ttab"],
      ["z", "it's"],
      ["utf", "é"],
    ];
    const script =
      values.map(([n, v]) => `${n}=$'${[...v].map((c) => "\\x" + c.charCodeAt(0).toString(16).padStart(2, "0")).join("")}'`).join("; ") +
      "; arr=(a 'b c' $'d\\ne'); declare -A as=([k]='v w' ['a b']=1); declare -i num=3; set";
    const sh = new FakeShell();
    for (const [n, v] of values) sh.assign(n, v);
    sh.vars.setArray("arr", ["a", "b c", "d\ne"]);
    sh.run(["declare", "-A", "as=([k]='v w' ['a b']=1)"]);
    sh.run(["declare", "-i", "num=3"]);
    sh.run(["set"]);
    // é is one code unit here: in bash build it from its UTF-8 bytes, in a UTF-8 locale
    const b = bash(script.replace(/\\xe9/, "\\xc3\\xa9"), { LANG: "C.UTF-8" });
    const names = [...values.map(([n]) => n), "arr", "as", "num"];
    expect(only(sh.stdout, names)).toBe(only(b.stdout, names));
  });

  it("lists functions after the variables", () => {
    const sh = new FakeShell();
    sh.assign("zz", "1");
    sh.defineFunction("f", "f () \n{ \n    echo\n}");
    sh.run(["set"]);
    expect(sh.stdout.endsWith("zz=1\nf () \n{ \n    echo\n}\n")).toBe(true);
    const b = bash("zz=1; f() { echo; }; set");
    expect(b.stdout.endsWith("zz=1\nf () \n{ \n    echo\n}\n")).toBe(true);
  });
});

describe("set options", () => {
  it("set -o and set +o listings", () => {
    // ipsh's own options (set -o explain) are listed too; leave them out to compare with bash
    const b = bash("set -o; set +o");
    const sh = new FakeShell();
    sh.run(["set", "-o"]);
    sh.run(["set", "+o"]);
    expect(withoutIpshOptions(sh.stdout)).toBe(b.stdout);
  });

  it("letters and long names change the options and $-", () => {
    const b = bash("set -eu -o pipefail; set -C +u; set -o noglob; echo $-; set -o | grep -E 'pipefail|noglob'");
    const sh = new FakeShell();
    sh.opts.commandString = true;
    sh.run(["set", "-eu", "-o", "pipefail"]);
    sh.run(["set", "-C", "+u"]);
    sh.run(["set", "-o", "noglob"]);
    sh.echo(sh.opts.flags());
    sh.run(["set", "-o"]);
    const ours = sh.stdout
      .split("\n")
      .filter((l, i) => i === 0 || /pipefail|noglob/.test(l))
      .join("\n");
    expect(ours + "\n").toBe(b.stdout);
  });

  it("a lone + is ignored and option parsing goes on; - ends the options", () => {
    const b = bash("set + -v x y; echo \"$-|$*\"; set - +; echo \"$*\"; set + -; echo \"$#\"");
    const sh = new FakeShell();
    sh.opts.commandString = true;
    sh.run(["set", "+", "-v", "x", "y"]);
    sh.echo(`${sh.opts.flags()}|${sh.positional.join(" ")}`);
    sh.run(["set", "-", "+"]);
    sh.echo(sh.positional.join(" "));
    sh.run(["set", "+", "-"]);
    sh.echo(String(sh.positional.length));
    expect(sh.stdout).toBe(b.stdout);
  });

  it("set -a turns on auto-export in the variable store", () => {
    const sh = new FakeShell();
    sh.run(["set", "-a"]);
    sh.assign("x", "1");
    expect(sh.vars.environ()).toEqual(["x=1"]);
    sh.run(["set", "+o", "allexport"]);
    sh.assign("y", "1");
    expect(sh.vars.environ()).toEqual(["x=1"]);
  });

  it("invalid options and option names", () => {
    same("set -z", (sh) => sh.run(["set", "-z"]));
    same("set -o nosuch", (sh) => sh.run(["set", "-o", "nosuch"]));
    same("set +o nosuch", (sh) => sh.run(["set", "+o", "nosuch"]));
    same("set -i", (sh) => sh.run(["set", "-i"]));
  });

  it("-o followed by an option lists, then goes on", () => {
    const b = bash("set -o -e; echo $-");
    const sh = new FakeShell();
    sh.opts.commandString = true;
    sh.run(["set", "-o", "-e"]);
    sh.echo(sh.opts.flags());
    expect(withoutIpshOptions(sh.stdout)).toBe(b.stdout);
  });
});

describe("positional parameters", () => {
  function pos(sh: FakeShell): void {
    sh.echo(`${sh.positional.length}:${sh.positional.join(" ")}`);
  }

  it("set args, set --, set -, options then args", () => {
    same(`set a b c; echo "$#:$*"; set -; echo "$#:$*"; set - x; echo "$#:$*"; set -e -- -q; echo "$#:$*"; set --; echo "$#:$*"; set -u; echo "$#:$*"`, (sh) => {
      sh.run(["set", "a", "b", "c"]);
      pos(sh);
      sh.run(["set", "-"]);
      pos(sh);
      sh.run(["set", "-", "x"]);
      pos(sh);
      sh.run(["set", "-e", "--", "-q"]);
      pos(sh);
      sh.run(["set", "--"]);
      pos(sh);
      sh.run(["set", "-u"]);
      pos(sh);
    });
  });

  it("set - turns off xtrace and verbose", () => {
    const sh = new FakeShell();
    sh.run(["set", "-xv"]);
    expect([sh.opts.xtrace, sh.opts.verbose]).toEqual([true, true]);
    sh.run(["set", "-"]);
    expect([sh.opts.xtrace, sh.opts.verbose]).toEqual([false, false]);
  });

  it("shift", () => {
    same(`set -- a b c; shift; echo "$#:$*"; shift 2; echo "$#:$*"; set -- a; shift 0; echo "$#:$*"`, (sh) => {
      sh.run(["set", "--", "a", "b", "c"]);
      sh.run(["shift"]);
      pos(sh);
      sh.run(["shift", "2"]);
      pos(sh);
      sh.run(["set", "--", "a"]);
      sh.run(["shift", "0"]);
      pos(sh);
    });
  });

  it("shift errors", () => {
    same(`set -- a b; shift 3; echo "st=$? $#"; shift -1; echo st=$?; shift abc; echo st=$?; shopt -s shift_verbose; shift 3; echo st=$?; shift 1 2`, (sh) => {
      sh.run(["set", "--", "a", "b"]);
      sh.run(["shift", "3"]);
      sh.echo(`st=${sh.status} ${sh.positional.length}`);
      sh.run(["shift", "-1"]);
      sh.echo(`st=${sh.status}`);
      sh.run(["shift", "abc"]);
      sh.echo(`st=${sh.status}`);
      sh.run(["shopt", "-s", "shift_verbose"]);
      sh.run(["shift", "3"]);
      sh.echo(`st=${sh.status}`);
      sh.run(["shift", "1", "2"]);
    });
  });
});

describe("let", () => {
  it("evaluates each argument; status from the last", () => {
    same(`let x=5 y=x*2; echo $y; let 0; echo $?; let 1 0; echo $?; let 0 1; echo $?; let 'z = 3 << 2'; echo $z`, (sh) => {
      sh.run(["let", "x=5", "y=x*2"]);
      sh.echo(sh.vars.get("y"));
      sh.run(["let", "0"]);
      sh.echo(String(sh.status));
      sh.run(["let", "1", "0"]);
      sh.echo(String(sh.status));
      sh.run(["let", "0", "1"]);
      sh.echo(String(sh.status));
      sh.run(["let", "z = 3 << 2"]);
      sh.echo(sh.vars.get("z"));
    });
  });

  it("errors", () => {
    same(`let; echo st=$?; let "1+"; echo st=$?`, (sh) => {
      sh.run(["let"]);
      sh.echo(`st=${sh.status}`);
      sh.run(["let", "1+"]);
      sh.echo(`st=${sh.status}`);
    });
  });
});

describe("special variables in listings", () => {
  it("are listed without values by declare -p and left out by set", async () => {
    const { DynamicVars } = await import("../../src/state/dynamic-vars.ts");
    const sh = new FakeShell();
    new DynamicVars().install(sh.vars);
    sh.run(["declare", "-p"]);
    sh.run(["set"]);
    expect(sh.stdout).toContain("declare -i RANDOM\n");
    expect(sh.stdout).not.toMatch(/^(RANDOM|SECONDS)=/m);
    const b = bash("declare -p; set");
    expect(b.stdout).toContain("declare -i RANDOM\n");
    expect(b.stdout).not.toMatch(/^(RANDOM|SECONDS)=/m);
  });
});
