// printf: every case runs in bash too and must give the same stdout, stderr and status.
import { describe, expect, it } from "vitest";
import { printfBuiltin } from "../../builtins/printf.ts";
import { bash, fakeShell, run } from "./fake-sh.ts";
import { sameAsBash } from "../helpers/shells.ts";

function q(a: string): string {
  return "'" + a.replaceAll("'", "'\\''") + "'";
}

const CASES: string[][] = [
  ["%5.2f|%-4s|%q\\n", "3.14159", "ab", "a b"],
  ["%s %s %s\\n", "a", "b", "c", "d", "e"],
  ["%d %s\\n"],
  ["%s|%d|%f|%c|%b|\\n"],
  ["%d\\n", "0x10", "010", "'a", " 12", "-0x1F", "+5"],
  ["%d\\n", "abc", "12 ", "1e", "08"],
  ["%x %X %o %u %#x %#o %#X\\n", "255", "255", "8", "-1", "255", "8", "0"],
  ["%+d % d %05d %-5d| %.3d %08.3f %5.0d|\\n", "5", "5", "42", "42", "7", "3.14159", "0"],
  ["%e %E %g %G %g %g %#g %g %g\\n", "12345.678", "0.000123", "0.0001", "1e-5", "123456789", "100000", "1.5", "1e100", "0"],
  ["%.0f %.0f %.0f %.3g %.10g %g\\n", "0.5", "1.5", "2.5", "0.0001234", "3.14159265358979", "123.456"],
  ["%f %f %F %e %5.1f|%-8.2e|\\n", "inf", "nan", "-inf", "0", "-2.25", "1234.5"],
  ["%*d|%-*d|%.*f|%*s|\\n", "5", "1", "4", "2", "2", "3.14159", "-4", "x"],
  ["%10.4s|%-10q|%.2s|\\n", "abcdefg", "a b", "é"],
  ["%b|", "\\101", "\\0101", "\\x41g", "\\u00e9", "a\\tb", "\\q", "\\01234"],
  ["%b", "a\\cb", "c"],
  ["\\101\\0101|\\x41|\\c|\\\"|\\'|\\?|\\e[0m\\n"],
  ["%q\\n", "", "~x", "a=~b", "#x", "x#", "a'b", "é", "a\\tb", "$x", "a,b", "!{}"],
  ["%q\\n", "a\tb", "x\x01y", "\x1b[0m", "é\tx", "a\nb", "it's\n"],
  ["a%"],
  ["%5%|\\n"],
  ["a%zd|%ld|%hhd\\n", "1", "2", "3"],
  ["%d %d\\n", "9223372036854775807", "9223372036854775808"],
  ["%c%c%c|\\n", "abc", "", "xyz"],
  ["%i\\n", "'é"],
  ["%x\\n", "1.5"],
  ["%.2f %g\\n", "'a", "0x1p4"],
  ["%(%Y-%m-%d %H:%M:%S %a %b %j %e %p %y %C %D %T %u %w %%)T\\n", "86400", "1700000000"],
  ["%s\\n", "-x"],
  ["%.15g %.16g %g %g %.0e %#.0f %+.3e %G %.3G|\\n", "0.1", "0.1", "1e-5", "123456789012", "12345", "1", "-0", "1e-10", "1234567"],
  ["%8.3f|%-8.2f|%08.2f|%+08.2f|% f|%.10f\\n", "3.14159", "2.5", "-1.5", "1.5", "2", "0.1"],
  ["%.1f %.2f %.3f %.0f %.0f\\n", "0.25", "1.005", "2.0005", "-0.5", "3.5"],
  ["%5c|%-5c|%x|%o|%#x\\n", "a", "b", "'A", "'A", "'A"],
  ["%()T|%-6(%H)T|%10.4(%Y-%m)T|\\n", "0", "0", "0"],
  ["a%Tb\\n"],
  ["no newline"],
];

describe("printf matches bash", () => {
  for (const c of CASES) {
    it(c.map((x) => JSON.stringify(x)).join(" "), () => {
      const script = `TZ=UTC printf ${c.map((a) => q(a.replaceAll("\\\\", "\\"))).join(" ")}`;
      void script;
      const b = bash(`export TZ=UTC; printf ${c.map(q).join(" ").replaceAll("\\\\\\\\", "\\\\")}`);
      const args = c.map((a) => a);
      process.env.TZ = "UTC";
      const r = run(printfBuiltin, args);
      expect(r).toEqual(b);
    });
  }
});

describe("printf options", () => {
  it("-v assigns instead of printing, reusing the format", () => {
    const sh = fakeShell();
    const r = run(printfBuiltin, ["-v", "x", "%s-%s", "a", "b", "c"], sh);
    expect(r).toEqual({ status: 0, out: "", err: "" });
    expect(sh.vars.get("x")).toBe("a-bc-");
  });
  it("-v a[2] assigns an array element", () => {
    const sh = fakeShell();
    run(printfBuiltin, ["-v", "a[2]", "hi"], sh);
    expect(sh.vars.getElement("a", 2)).toBe("hi");
    expect(sh.vars.getKeys("a")).toEqual(["2"]);
  });
  it("usage errors give status 2 like bash", () => {
    expect(run(printfBuiltin, [])).toEqual(bash("printf"));
    expect(run(printfBuiltin, ["-z", "x"]).status).toBe(2);
    expect(run(printfBuiltin, ["-z", "x"]).err).toBe(bash("printf -z x").err);
    expect(run(printfBuiltin, ["-v"])).toEqual(bash("printf -v"));
  });
  it("a readonly -v target fails like bash", () => {
    const sh = fakeShell();
    sh.vars.set("r", "1");
    sh.vars.setAttrs("r", 2);
    expect(run(printfBuiltin, ["-v", "r", "x"], sh)).toEqual(bash("readonly r=1; printf -v r x"));
    expect(run(printfBuiltin, ["-v", "1a", "x"], sh)).toEqual(bash("printf -v 1a x"));
  });
  it("-- ends the options", () => {
    expect(run(printfBuiltin, ["--", "-%s-", "x"]).out).toBe("-x-");
  });
});

describe("printf through the shell, compared with bash", () => {
  const longY = "%Y".repeat(31);
  sameAsBash(
    [
      ["%(...)T follows the exported TZ only", "export TZ=Asia/Tokyo; printf '%(%F %H)T\\n' 1557978599; export TZ=US/Eastern; printf '%(%F %H)T\\n' 1557978599; TZ=UTC printf '%(%H)T\\n' 1557978599; TZ=Asia/Tokyo; declare +x TZ; printf '%(%H)T\\n' 1557978599; unset TZ; printf '%(%H)T\\n' 1557978599"],
      ["%(...)T longer than 127 bytes prints nothing", `printf '%(${longY})T|' 0; echo; printf '%(${longY}%Y)T|' 0; echo; printf '%(${"x".repeat(127)})T' | wc -c; printf '%(${"x".repeat(128)})T' | wc -c`],
      ["%u %x %o read their argument as unsigned (strtoumax)", "for f in %u %x %o %X; do printf \"$f \" 18446744073709551615 -1 -9223372036854775809 9223372036854775808 -18446744073709551615 0x10 -010 \"'a\"; echo; done"],
      ["unsigned overflow", "printf '%u\\n' 18446744073709551616; printf '%x\\n' -18446744073709551616; echo $?"],
      ["signed overflow", "printf '%d\\n' 18446744073709551615; printf '%i\\n' -9223372036854775809; echo $?"],
    ],
    it,
    expect,
  );
});
