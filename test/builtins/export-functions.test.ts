// Exported functions (export -f, declare -fx) travel in the environment as bash's
// BASH_FUNC_name%%=() { body } entries (src/state/function-env.ts): bash children define them,
// ipsh imports them at start-up, and the attribute follows redefinition, export -n and unset -f.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { ROOT, run, sameAsBash } from "../helpers/shells.ts";

// The shell run directly (not through bin/ipsh: the launcher is a POSIX sh script, and dash drops
// environment entries whose names are not identifiers, such as BASH_FUNC_f%%).
const BUN = process.execPath.includes("bun") ? process.execPath : join(ROOT, "node_modules/.bin/bun");
const SELF = [BUN, join(ROOT, "src/main.ts")];

describe("export -f: the children see the function", () => {
  sameAsBash(
    [
      ["a bash child runs an exported function", "f() { echo \"in f $1\"; }; export -f f; bash -c 'f x'"],
      ["export -nf takes it back", "f() { echo f; }; export -f f; export -nf f; bash -c f 2>/dev/null; echo $?"],
      ["unset -f removes it", "f() { echo f; }; export -f f; unset -f f; bash -c f 2>/dev/null; echo $?"],
      ["declare -fx exports too, declare -F shows it", "f() { :; }; g() { :; }; declare -fx g; declare -F; bash -c 'declare -F'"],
      ["a redefinition stays exported", "f() { echo one; }; export -f f; f() { echo two; }; bash -c f"],
      ["export -f of something that is not a function", "x=1; export -f x; echo $?"],
      ["the body survives the trip: quotes, here-documents, loops", `f() { for i in 1 2; do printf '%s|' "$i" 'a b'; done; cat <<E
$1 done
E
}; export -f f; bash -c 'f arg'`],
      ["a readonly function cannot be redefined (status 1, not fatal)", "f() { echo old; }; readonly -f f; f() { echo new; }; echo $?; f"],
    ],
    it,
    expect,
  );
});

describe("importing functions at start-up", () => {
  const ipshWith = (env: Record<string, string>, script: string) => run([...SELF, "-c", script], { env });
  const bashWith = (env: Record<string, string>, script: string) => run(["bash", "-c", script], { env });

  it("defines and re-exports a function from the environment, as bash does", () => {
    const env = { "BASH_FUNC_h%%": "() {  echo from env $1\n}" };
    const script = "h 1; declare -F; bash -c 'h 2'";
    const i = ipshWith(env, script);
    expect(i.stdout).toBe(bashWith(env, script).stdout);
    expect(i.stdout).toBe("from env 1\ndeclare -fx h\nfrom env 2\n");
  });

  it("refuses an entry that is more than one definition, and keeps it out of the function table", () => {
    const env = { "BASH_FUNC_f%%": "() { echo x; }; echo pwned" };
    const i = ipshWith(env, "f 2>/dev/null; echo $?");
    expect(i.stdout).toBe("127\n");
    expect(i.stderr).toBe("ipsh: warning: f: ignoring function definition attempt\nipsh: error importing function definition for `f'\n");
    expect(bashWith(env, "f 2>/dev/null; echo $?").stdout).toBe("127\n");
  });

  it("refuses a function name with a slash, as bash does", () => {
    const i = ipshWith({ "BASH_FUNC_c/d%%": "() { echo cd; }" }, "declare -F; echo rc=$?");
    expect(i.stdout).toBe("rc=0\n");
    expect(i.stderr).toBe("ipsh: error importing function definition for `c/d'\n");
  });

  it("reports an entry that does not parse and passes it on untouched", () => {
    const env = { "BASH_FUNC_g%%": "() { echo x" };
    const i = ipshWith(env, "g 2>/dev/null; echo $?; env | grep -a '^BASH_FUNC'");
    expect(i.stdout).toBe("127\nBASH_FUNC_g%%=() { echo x\n");
    expect(i.stderr).toContain("error importing function definition for `g'");
  });

  it("goes from ipsh to an ipsh child", () => {
    const r = run([...SELF, "-c", `f() { echo "round trip $1"; }; export -f f; "$SELF_BUN" "$SELF_MAIN" -c 'f ok; declare -F'`], {
      env: { SELF_BUN: SELF[0]!, SELF_MAIN: SELF[1]! },
    });
    expect(r.stdout).toBe("round trip ok\ndeclare -fx f\n");
    expect(r.stderr).toBe("");
  });
});
