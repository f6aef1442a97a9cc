// Characters in a UTF-8 locale, bytes in the C locale (src/state/locale.ts): lengths, offsets,
// pattern matching in ${x#p} ${x/p/r}, case, [[ ]] and globs, case conversion and read -n, each
// compared with bash under the same locale variables. (Only C, POSIX, C.UTF-8 and names that
// exist nowhere are used: this machine has no other locales, and bash falls back to C for those.)
import { describe, expect, it } from "vitest";
import { both, normErr } from "../helpers/shells.ts";

const SNIPPET = [
  "x='_μ_ and é'",
  'echo ${#x} "${x:1:2}" "${x: -3}"',
  'printf "%s|" "${x#_?}" "${x%?}" "${x//_?_/foo}" "${x/#_?_/S}" "${x/%?/E}" | od -An -tx1',
  'echo "${x^^}" "${x~~}"',
  "case é in ?) echo one;; ??) echo two;; esac",
  "[[ é == ?? ]] && echo two-bytes || echo one-char",
  "read -n 2 r <<< 'éa'; printf %s \"$r\" | od -An -tx1",
  "mkdir d && touch d/éa d/xa && echo d/?a && rm -r d",
  `printf "%d %x\\n" "'é" "'€"`,
].join("\n");

describe("the locale chooses characters or bytes, as in bash", () => {
  const cases: [string, Record<string, string>][] = [
    ["LC_ALL=C", { LC_ALL: "C" }],
    ["LC_ALL=POSIX", { LC_ALL: "POSIX" }],
    ["LC_ALL=C.UTF-8", { LC_ALL: "C.UTF-8" }],
    ["no locale variable at all", { LC_ALL: "" }],
    ["LANG=C.UTF-8 under LC_ALL=C", { LC_ALL: "C", LANG: "C.UTF-8" }],
    ["LC_CTYPE=C.UTF-8 alone", { LC_ALL: "", LC_CTYPE: "C.UTF-8" }],
  ];
  for (const [name, env] of cases) {
    it(name, () => {
      const r = both(SNIPPET, "bash", { env });
      expect(r.ipsh.stdout).toBe(r.ref.stdout);
      expect(r.ipsh.status).toBe(r.ref.status);
    });
  }

  it("POSIX classes know non-ASCII letters in a UTF-8 locale, only ASCII in the C locale", () => {
    const snippet =
      'x="Café-Zürich 2€"; echo "${x//[^[:alnum:]]/}"; case é in [[:alpha:]]) echo a;; *) echo no;; esac; ' +
      'y=ÜbÉ; echo "${y//[[:upper:]]/U}" "${y//[[:lower:]]/l}"; z="a€b"; echo "${z//[[:punct:]]/P}"; ' +
      'shopt -s extglob; echo "${x//+([[:alpha:]])/W}"; mkdir d; touch d/é d/e; echo d/[[:alpha:]]';
    for (const LC_ALL of ["C.UTF-8", "C"]) {
      const r = both(snippet, "bash", { env: { LC_ALL } });
      expect(r.ipsh.stdout).toBe(r.ref.stdout);
    }
    expect(both("[[ é =~ ^[[:alpha:]]$ ]] && echo ere", "bash", { env: { LC_ALL: "C.UTF-8" } }).ipsh.stdout).toBe("ere\n");
  });

  it("assigning LC_ALL in the script changes the semantics from then on", () => {
    const s = "x=é; echo ${#x}; LC_ALL=C; echo ${#x}; LC_ALL=C.UTF-8; echo ${#x}; unset LC_ALL; LANG=C; echo ${#x}";
    const r = both(s, "bash", { env: { LC_ALL: "C.UTF-8" } });
    expect(normErr(r.ipsh.stderr)).toBe("");
    expect(r.ipsh.stdout).toBe(r.ref.stdout);
    expect(r.ipsh.stdout).toBe("1\n2\n1\n2\n");
  });
});
