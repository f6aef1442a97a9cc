// shopt compared with bash 5.2 (stdout, stderr, status) on the same commands.
import { describe, expect, it } from "vitest";
import { FakeShell, bash, withoutIpshOptions } from "../state/fake-shell.ts";

function same(script: string, lines: string[][]): void {
  const b = bash(script);
  const sh = new FakeShell();
  for (const l of lines) {
    if (l[0] === "echo$?") sh.echo(String(sh.status));
    else sh.run(l);
  }
  expect({ stdout: withoutIpshOptions(sh.stdout), stderr: sh.stderr, status: sh.status }).toEqual({
    stdout: b.stdout,
    stderr: b.stderr,
    status: b.status,
  });
}

describe("shopt listings", () => {
  it("all options, -p, -s, -u", () => {
    same("shopt; shopt -p; shopt -s; shopt -u; shopt -ps", [["shopt"], ["shopt", "-p"], ["shopt", "-s"], ["shopt", "-u"], ["shopt", "-ps"]]);
  });

  it("-o lists the set options", () => {
    same("shopt -o; shopt -po; set -e; shopt -os", [["shopt", "-o"], ["shopt", "-po"], ["set", "-e"], ["shopt", "-os"]]);
  });
});

describe("shopt with names", () => {
  it("show, set, unset; status reflects the state", () => {
    same("shopt extglob nullglob; echo $?; shopt -s extglob nullglob; shopt extglob nullglob; echo $?; shopt -u nullglob; shopt -p extglob nullglob", [
      ["shopt", "extglob", "nullglob"],
      ["echo$?"],
      ["shopt", "-s", "extglob", "nullglob"],
      ["shopt", "extglob", "nullglob"],
      ["echo$?"],
      ["shopt", "-u", "nullglob"],
      ["shopt", "-p", "extglob", "nullglob"],
    ]);
  });

  it("-q prints nothing", () => {
    same("shopt -q extglob; echo $?; shopt -s extglob; shopt -q extglob; echo $?; shopt -q extglob nullglob; echo $?", [
      ["shopt", "-q", "extglob"],
      ["echo$?"],
      ["shopt", "-s", "extglob"],
      ["shopt", "-q", "extglob"],
      ["echo$?"],
      ["shopt", "-q", "extglob", "nullglob"],
      ["echo$?"],
    ]);
  });

  it("-o with names is set -o", () => {
    same("shopt -so pipefail; shopt -o pipefail errexit; shopt -po pipefail", [
      ["shopt", "-so", "pipefail"],
      ["shopt", "-o", "pipefail", "errexit"],
      ["shopt", "-po", "pipefail"],
    ]);
  });

  it("the property changes for the executor to read", () => {
    const sh = new FakeShell();
    sh.run(["shopt", "-s", "nullglob", "lastpipe"]);
    expect([sh.opts.nullglob, sh.opts.lastpipe]).toEqual([true, true]);
    sh.run(["shopt", "-u", "nullglob"]);
    expect(sh.opts.nullglob).toBe(false);
  });

  it("errors", () => {
    same("shopt -s nosuch; echo $?; shopt -su extglob; echo $?; shopt nosuch extglob; echo $?; shopt -o nosuch; echo $?; shopt -x", [
      ["shopt", "-s", "nosuch"],
      ["echo$?"],
      ["shopt", "-su", "extglob"],
      ["echo$?"],
      ["shopt", "nosuch", "extglob"],
      ["echo$?"],
      ["shopt", "-o", "nosuch"],
      ["echo$?"],
      ["shopt", "-x"],
    ]);
  });
});

describe("read-only shopt options", () => {
  it("login_shell cannot be changed by shopt", () => {
    same("shopt -s login_shell; echo $?; shopt login_shell", [["shopt", "-s", "login_shell"], ["echo$?"], ["shopt", "login_shell"]]);
  });
});
