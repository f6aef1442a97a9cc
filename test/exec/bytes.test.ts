// Bytes that are not UTF-8 pass through the shell unchanged (src/sys/utf8.ts): read, $(...),
// mapfile, here-documents, the script's own text, $'\xHH', arguments, the environment, file names
// and glob order. Every snippet ends in od, so that a corrupted byte (U+FFFD) shows as a
// difference; the expected output is bash's on the same snippet.
import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IPSH, run, sameAsBash } from "../helpers/shells.ts";
import { decodeUtf8, encodeUtf8 } from "../../src/sys/utf8.ts";

const FILE = "printf 'caf\\351 na\\357ve\\n\\377\\376 end\\n\\303\\251t\\303\\251\\n' > f; ";
const OD = " | od -An -tx1";

describe("non-UTF-8 bytes survive the shell", () => {
  sameAsBash(
    [
      ["read and echo", FILE + "while IFS= read -r l; do echo \"$l\"; done < f" + OD],
      ["a pipeline into read", FILE + "cat f | while IFS= read -r l; do printf '%s\\n' \"$l\"; done" + OD],
      ["$(...) and printf %s", FILE + "x=$(cat f); printf '%s\\n' \"$x\"" + OD],
      ["mapfile", FILE + "mapfile -t a < f; printf '%s\\n' \"${a[@]}\"" + OD],
      ["a here-document", FILE + "x=$(cat f); cat <<EOF" + OD + "\n$x\nEOF"],
      ["lengths count an invalid byte as one character", "x=$'a\\xe9b'; y=$'\\xce\\xbc'; echo ${#x} ${#y}"],
      ["$'\\xHH' bytes, alone and in runs", "printf '%s' $'\\xe9' $'\\xce\\xbc' $'a\\xce\\x41' $'\\xff\\xfe'" + OD],
      ["pattern operations keep the bytes", "x=$'caf\\xe9.txt'; printf '%s|' \"${x%.txt}\" \"${x#caf}\" \"${x/$'\\xe9'/E}\"" + OD],
      ["case matches ? against an invalid byte", "x=$'na\\xefve'; case $x in na?ve) echo yes;; *) echo no;; esac"],
      ["arguments of an external command", "/usr/bin/printf '%s|' $'\\xe9' $'x\\xffy'" + OD],
      ["the environment of a child", "export V=$'\\xe9\\xff'; sh -c 'printf %s \"$V\"'" + OD],
      [
        "file names: created, globbed in byte order, removed",
        "touch $'caf\\xe9' abc $'\\xff' é $'\\xc3' $'\\x80x' Ａ 中; for f in *; do printf '%s|' \"$f\"; done" + OD + "; rm -- *; ls | wc -l",
      ],
      ["echo -e and printf %b make bytes", "echo -e 'a\\xe9'" + OD + "; printf '%b' '\\xff\\n'" + OD],
      ["printf %q quotes an invalid byte", "printf '%q\\n' $'caf\\xe9'"],
      [
        "declare -p, ${x@Q}, ${x@A} and export -p quote an invalid byte as $'\\ooo'",
        "x=$'a\\xe9'; declare -p x; echo \"${x@Q}\"; declare -A m=([$'k\\xe9']=v); declare -p m; export x; export -p | grep ' x='; echo \"${x@A}\"; e=$'\\U1F600'; echo \"${e@Q}\"",
      ],
      [
        "file tests, cd, source and a script by such a name",
        "f=$'caf\\xe9'; touch \"$f\"; [ -e \"$f\" ]; echo $?; test -f \"$f\"; echo $?; [[ -e $f ]]; echo $?; " +
          "mkdir $'d\\xe9'; cd $'d\\xe9' && pwd | od -An -tx1 | tr -s ' ' | tail -c 12; cd ..; echo 'echo sourced' > \"$f\"; . \"./$f\"",
      ],
    ],
    it,
    expect,
  );

  it("a script's own text, its arguments and its environment", () => {
    const dir = mkdtempSync(join(tmpdir(), "ipsh-bytes-"));
    try {
      const script = join(dir, "s.sh");
      writeFileSync(script, Buffer.from("echo caf\xe9; x='na\xefve'; echo ${#x}; printf '%s|' \"$1\" \"$V\"\n", "latin1"));
      const cmd = `V=$'\\xfe' "$SHELL_UNDER_TEST" ${script} $'\\xe9a' | od -An -tx1`;
      const ipsh = run(["bash", "-c", cmd], { env: { SHELL_UNDER_TEST: IPSH } });
      const bash = run(["bash", "-c", cmd], { env: { SHELL_UNDER_TEST: "bash" } });
      expect(ipsh.stdout).toBe(bash.stdout);
      expect(ipsh.stdout).toContain("63 61 66 e9 0a");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("src/sys/utf8.ts", () => {
  it("decodes and encodes any bytes back to themselves", () => {
    for (let i = 0; i < 300; i++) {
      const b = randomBytes(1 + (i % 40));
      expect(Buffer.from(encodeUtf8(decodeUtf8(b))).equals(b)).toBe(true);
    }
  });

  it("keeps valid UTF-8 as text and escapes each invalid byte as one unit", () => {
    expect(decodeUtf8(Buffer.from("é😀\ufeffx"))).toBe("é😀\ufeffx");
    expect(decodeUtf8(Buffer.from([0x61, 0xe9, 0x62]))).toBe("a\udce9b");
    // overlong, surrogate and truncated forms are not UTF-8
    expect(decodeUtf8(Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xe2, 0x82]))).toBe("\udcc0\udcaf\udced\udca0\udc80\udce2\udc82");
    expect(Buffer.from(encodeUtf8("😀\udce9")).toString("hex")).toBe("f09f9880e9");
  });
});
