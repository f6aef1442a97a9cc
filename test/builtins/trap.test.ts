// The trap builtin against bash 5.2: listing format and order, operand rules (reset by number,
// lone condition, '-' and ''), error messages and statuses, -l and -p. The trap table records
// only here (no kernel changes: sink null).
import { describe, expect, test } from "vitest";
import { trapBuiltin } from "../../builtins/trap.ts";
import { TrapTable } from "../../src/signals/traps.ts";
import { bash, bashErrAsIpsh, runBuiltin } from "../signals/fake-ctx.ts";

function shell(posix = false) {
  return { traps: new TrapTable(null), opts: { posix } };
}

/** Run several trap invocations in ipsh's builtin and the same lines in bash; compare. */
function same(lines: string[][], posix = false) {
  const sh = shell(posix);
  let out = "";
  let err = "";
  const statuses: number[] = [];
  for (const args of lines) {
    const r = runBuiltin(trapBuiltin, args, sh);
    out += r.out;
    err += r.err;
    statuses.push(r.status);
  }
  const script = lines
    .map((args) => "trap " + args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ") + "; s+=($?)")
    .join("\n");
  const b = Bun.spawnSync(
    ["/usr/bin/bash", ...(posix ? ["--posix"] : []), "-c", `s=(); ${script}\necho "\${s[*]}" >&2; trap - EXIT`],
    { stdout: "pipe", stderr: "pipe" },
  );
  const berr = bashErrAsIpsh(b.stderr.toString());
  const lastNl = berr.lastIndexOf("\n", berr.length - 2);
  expect(out).toBe(b.stdout.toString());
  expect(err).toBe(berr.slice(0, lastNl + 1));
  expect(statuses.join(" ")).toBe(berr.slice(lastNl + 1).trim());
}

describe("trap builtin vs bash", () => {
  test("listing order: EXIT, signals by number, DEBUG, ERR, RETURN", () => {
    same([["echo hi", "EXIT"], ["", "INT"], ["echo u", "USR1", "TERM"], ["echo e", "ERR"], [":", "DEBUG", "RETURN"], ["a'b", "HUP"], []]);
  });
  test("-p with conditions prints them in the order given; invalid ones are errors", () => {
    same([["echo hi", "EXIT"], ["", "INT"], ["-p", "INT", "EXIT"], ["-p", "FOO", "INT"], ["-p", "0", "1"]]);
  });
  test("a first operand of digits resets every operand; a lone condition resets it", () => {
    same([["echo a", "INT", "TERM", "HUP"], ["2", "15"], []]);
    same([["echo a", "INT", "TERM"], ["INT"], []]);
    same([["echo a", "INT", "TERM"], ["--", "2", "TERM"], []]);
    same([["echo a", "INT", "TERM"], ["0"], ["-", "TERM"], []]);
  });
  test("operands that look like numbers but are not all digits are actions", () => {
    same([["echo a", "INT", "TERM"], [" 2", "TERM"], ["+2", "INT"], []]);
  });
  test("INT TERM sets action 'INT' on TERM", () => {
    same([["INT", "TERM"], []]);
  });
  test("usage errors: missing condition, lone '-', lone '', bad option", () => {
    same([["foo"]]);
    same([["-"]]);
    same([["--", "-"]]);
    same([[""]]);
    same([["-x"]]);
  });
  test("invalid specs: FOO, SIGEXIT, 65, 070, empty; the valid ones are still set", () => {
    same([["x", "FOO", "INT"], ["x", "SIGEXIT"], ["x", "65"], ["x", "070"], ["x", ""], []]);
  });
  test("case-insensitive names, pseudo-signals, numbers with blanks", () => {
    same([["x", "exit"], ["y", "sigint"], ["z", "err"], ["w", " 15"], ["", "rtmin+2"], ["", "64"], []]);
  });
  test("-l prints the signal table, ignoring operands", () => {
    same([["-l"]]);
    same([["-l", "3"]]);
    same([["-lp"]]);
  });
  test("POSIX mode: names without SIG, -p lists defaults too", () => {
    same([["", "INT"], ["x", "EXIT"], []], true);
    same([["x", "USR1"], ["-p"]], true);
    same([["x", "USR1"], ["-p", "HUP", "USR1"]], true);
  });
});

describe("trap builtin: POSIX mode operand rules", () => {
  test("a lone condition is not a reset in POSIX mode: usage, status 2 (bash --posix)", () => {
    const sh = shell(true);
    runBuiltin(trapBuiltin, ["echo a", "INT"], sh);
    const r = runBuiltin(trapBuiltin, ["INT"], sh);
    expect(r).toEqual({ status: 2, out: "", err: "trap: usage: trap [-lp] [[arg] signal_spec ...]\n" });
    expect(sh.traps.get(2)).toBe("echo a");
    const b = Bun.spawnSync(["/usr/bin/bash", "--posix", "-c", "trap 'echo a' INT; trap INT"], { stderr: "pipe" });
    expect(b.stderr.toString()).toBe(r.err);
    expect(b.exitCode).toBe(2);
    // a number still resets
    expect(runBuiltin(trapBuiltin, ["2"], sh).status).toBe(0);
    expect(sh.traps.get(2)).toBeUndefined();
  });
});

describe("trap builtin: ipsh's deliberate differences", () => {
  test("KILL and STOP cannot be trapped or ignored (bash accepts silently)", () => {
    const sh = shell();
    let r = runBuiltin(trapBuiltin, ["echo x", "KILL"], sh);
    expect(r).toEqual({ status: 1, out: "", err: "ipsh: trap: KILL: cannot be trapped\n" });
    r = runBuiltin(trapBuiltin, ["", "STOP", "INT"], sh);
    expect(r.status).toBe(1);
    expect(r.err).toBe("ipsh: trap: STOP: cannot be ignored\n");
    expect(sh.traps.get(2)).toBe("");
    r = runBuiltin(trapBuiltin, ["-", "KILL"], sh);
    expect(r.status).toBe(0);
  });
  test("real-time signals can be ignored but not caught", () => {
    const sh = shell();
    expect(runBuiltin(trapBuiltin, ["x", "RTMIN"], sh).err).toBe(
      "ipsh: trap: RTMIN: real-time signals cannot be caught by ipsh\n",
    );
    expect(runBuiltin(trapBuiltin, ["", "RTMIN"], sh).status).toBe(0);
    expect(sh.traps.format(undefined, false)).toBe("trap -- '' SIGRTMIN\n");
  });
  test("signals ignored at entry of a non-interactive shell cannot be changed, silently", () => {
    const sh = { traps: TrapTable.forMainShell(null, new Set([10]), false), opts: { posix: false } };
    expect(runBuiltin(trapBuiltin, [], sh).out).toBe("trap -- '' SIGUSR1\n");
    expect(runBuiltin(trapBuiltin, ["echo x", "USR1"], sh)).toEqual({ status: 0, out: "", err: "" });
    expect(runBuiltin(trapBuiltin, ["-", "USR1"], sh).status).toBe(0);
    expect(sh.traps.get(10)).toBe("");
    const inter = { traps: TrapTable.forMainShell(null, new Set([10]), true), opts: { posix: false } };
    runBuiltin(trapBuiltin, ["echo x", "USR1"], inter);
    expect(inter.traps.get(10)).toBe("echo x");
  });
});
