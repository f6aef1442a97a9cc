// getopts loops compared with bash: clusters, attached/separate arguments, silent mode, errors.
import { describe, expect, it } from "vitest";
import { getoptsBuiltin } from "../../builtins/getopts.ts";
import { bash, fakeShell, run } from "./fake-sh.ts";

const q = (a: string) => "'" + a.replaceAll("'", "'\\''") + "'";

function loop(optstring: string, args: string[], opterr?: string, positional = false): { out: string; err: string } {
  const sh = fakeShell({ arg0: "ipsh" });
  if (opterr !== undefined) sh.vars.set("OPTERR", opterr);
  if (positional) sh.positional = args;
  let out = "";
  let err = "";
  const show = () => `OPTARG=${sh.vars.get("OPTARG") ?? "unset"} OPTIND=${sh.vars.get("OPTIND")}`;
  for (let i = 0; i < 50; i++) {
    const r = run(getoptsBuiltin, positional ? [optstring, "o"] : [optstring, "o", ...args], sh);
    err += r.err;
    if (r.status !== 0) break;
    out += `o=${sh.vars.get("o")} ${show()}\n`;
  }
  out += `end o=${sh.vars.get("o")} ${show()}\n`;
  return { out, err };
}

const CASES: [string, string[]][] = [
  ["ab:c", ["-a", "-b", "x", "-c", "rest"]],
  ["ab:c", ["-ab", "x"]],
  ["ab:c", ["-abx", "-c"]],
  ["ab:c", ["-z"]],
  [":ab:c", ["-z"]],
  ["ab:", ["-b"]],
  [":ab:", ["-b"]],
  ["ab", ["-a", "--", "-b"]],
  ["ab", ["-a", "-", "-b"]],
  ["ab", ["a", "-b"]],
  ["a", ["-aa"]],
  ["a:", ["-a", ""]],
  ["x:y", ["-yx", "-y"]],
  ["a", ["-:"]],
  ["a", []],
];

describe("getopts matches bash", () => {
  for (const [os, args] of CASES) {
    it(`${os} ${JSON.stringify(args)}`, () => {
      const b = bash(
        `while getopts ${q(os)} o ${args.map(q).join(" ")}; do echo "o=$o OPTARG=\${OPTARG-unset} OPTIND=$OPTIND"; done; ` +
          `echo "end o=$o OPTARG=\${OPTARG-unset} OPTIND=$OPTIND"`,
      );
      expect(loop(os, args)).toEqual({ out: b.out, err: b.err.replaceAll("/usr/bin/bash:", "ipsh:") });
    });
  }
  it("parses the positional parameters by default", () => {
    const b = bash(`set -- -a -b 1 z; while getopts ab: o; do echo "o=$o OPTARG=\${OPTARG-unset} OPTIND=$OPTIND"; done; echo "end o=$o OPTARG=\${OPTARG-unset} OPTIND=$OPTIND"`);
    expect(loop("ab:", ["-a", "-b", "1", "z"], undefined, true).out).toBe(b.out);
  });
  it("a new parse after OPTIND=1 starts at the first letter of the new argument", () => {
    const sh = fakeShell();
    run(getoptsBuiltin, ["ab", "o", "-ab"], sh); // stops inside the cluster
    expect(sh.vars.get("o")).toBe("a");
    sh.vars.set("OPTIND", "1");
    run(getoptsBuiltin, ["cd", "o", "-cd"], sh);
    expect(sh.vars.get("o")).toBe("c");
  });
  it("OPTERR=0 silences messages", () => {
    expect(loop("a", ["-x"], "0").err).toBe("");
  });
  it("usage and identifier errors", () => {
    expect(run(getoptsBuiltin, [])).toEqual(bash("getopts"));
    expect(run(getoptsBuiltin, ["a", "-x"]).status).toBe(1);
  });
});
