// Pathname expansion through the getdents64 listing (src/sys/dir.ts) and the byte-order sort,
// compared with bash: each snippet builds its own directory and prints what globs expand to.
// Pins down: byte order (not UTF-16 order) for characters above U+FFFF, under C.UTF-8 and C;
// a trailing "/" told by d_type (directories, symlinks to directories, but not symlinks to
// files or dangling ones); `**` not following symlinked directories; listings larger than one
// read buffer; hidden names, "." and ".."; names with spaces, newlines and glob characters;
// directories that cannot be listed.
import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { both } from "../helpers/shells.ts";
import { readDirectory } from "../../src/sys/dir.ts";

const show = "p() { for a; do printf '<%s>' \"$a\"; done; echo; }\n";

const SAME: [string, string][] = [
  [
    "byte order: ASCII, Latin-1, U+FF21 before U+1F600",
    "touch a a.b a-c B _x '~' 10 9 é Ａ 😀 😀x Zed; p *; p *[!a-z]; mkdir dＡ d😀; touch dＡ/x d😀/x; p d*/x",
  ],
  ["a common prefix: paths sorted whole, after the slash", "mkdir a a.b a-c; touch a/x a.b/x a-c/x; p */x; p */; p a*"],
  [
    "trailing slash: directories and symlinks to directories only",
    "mkdir d1 d2 .hd; touch f; ln -s d1 l1; ln -s f l2; ln -s nowhere l3; p */; p l*/; p d*/ f*/; p .*/",
  ],
  ["trailing slash after a literal and after two levels", "mkdir -p d/e/f; touch d/g d/e/h; p d/; p d/*/; p */*/; p d/e/*"],
  [
    "globstar does not follow a symlinked directory",
    "shopt -s globstar; mkdir -p a/b/c; touch a/b/c/f a/g; ln -s a/b lnk; p **; p **/; p **/f; p lnk/**",
  ],
  ["hidden names, . and ..", "touch .h .i v; mkdir .d; p *; p .*; p .?; shopt -s dotglob; p *; shopt -u globskipdots; p .*"],
  ["globskipdots off with a trailing slash", "mkdir .d e; shopt -u globskipdots; p .*/; p ./.*/"],
  [
    "names with spaces, newlines, backslashes and glob characters",
    "touch 'a b' $'n\\nl' 'x\\y' '[q]' '*' '?'; p *; p *\\ *; p '['*; p \\**",
  ],
  ["no match, nullglob, a file used as a directory, a missing directory", "touch f; p f/* nodir/* x*; shopt -s nullglob; p f/* nodir/* x*"],
  [
    "more entries than one read buffer holds",
    "seq -f 'a-rather-long-file-name-for-a-big-listing-%g.txt' 2500 | xargs touch; mkdir sub; " +
      "set -- *; echo $# \"$1\" \"${1000}\" \"${2500}\" \"${2501}\"; set -- *7.txt; echo $#; set -- */; echo $# $1",
  ],
  ["absolute patterns", 'mkdir x; touch x/b x/a; for f in "$PWD"/x/*; do printf "<%s>" "${f#"$PWD"}"; done; echo'],
  ["nocaseglob and extglob through the listing", "touch A.TXT b.txt C.Txt d.md; shopt -s nocaseglob; p *.txt; shopt -u nocaseglob; shopt -s extglob\np !(*.md); p @(A|b).*"],
  [
    "quoted text before and after glob characters stays literal",
    "touch 'a*b1' 'a*b2' axb1 '[q]1' q1 'x(y)z' xyz; d='a*'; p \"$d\"*; p \"a*\"b?; p '[q]'*; p \"[\"q]*; p x\"(y)\"*; " +
      "p \"$d\"b[12] \"$d\"; shopt -s extglob\np \"a*\"@(b1|b2) \"x(\"*",
  ],
  [
    "a literal after a pattern: a dangling symlink exists, missing names and files used as directories do not",
    "mkdir d1 d2 d3; touch d1/x f; ln -s nowhere d2/x; p */x */x/y f/x; p *1/x ?/x",
  ],
  ["GLOBIGNORE", "touch a.c b.c .h.c x.o; GLOBIGNORE='*.o'; p *; GLOBIGNORE='*.c:.h*'; p * .*"],
  [
    "globstar: a final **/ lists symlinked directories without descending, never the current one",
    "shopt -s globstar; mkdir -p a/b/c d; touch a/b/c/f; ln -s a/b lnk; ln -s ../a d/l2; ln -s a/b/c/f lf; " +
      "p **/; p ./**/; p a/**/; p d/**/; p **/c; p **/l2; p **/*/",
  ],
];

describe("pathname expansion agrees with bash (C.UTF-8)", () => {
  it.each(SAME)("%s", (_name, script) => {
    const { ipsh, ref } = both(show + script);
    expect(ipsh.stderr).toBe("");
    expect(ipsh.stdout).toBe(ref.stdout);
  });
});

describe("pathname expansion agrees with bash (C)", () => {
  it.each(SAME.slice(0, 2).concat(SAME.slice(7, 8)))("%s", (_name, script) => {
    const { ipsh, ref } = both(show + script, "bash", { env: { LC_ALL: "C" } });
    expect(ipsh.stdout).toBe(ref.stdout);
  });
});

describe("readDirectory", () => {
  it("reports why a directory cannot be listed", () => {
    expect(readDirectory("/nonexistent-dir-for-ipsh")).toBe(-2); // ENOENT
    expect(readDirectory("/etc/passwd")).toBe(-20); // ENOTDIR
  });
  it("leaves out . and .. and gives each entry's type", () => {
    const r = readDirectory("/");
    if (typeof r === "number") throw new Error(`errno ${r}`);
    expect(r.names).not.toContain(".");
    expect(r.names).not.toContain("..");
    expect(r.names).toContain("etc");
    expect(r.types[r.names.indexOf("etc")]).toBe(4); // DT_DIR
  });
  it("decodes names as UTF-8, keeping a leading U+FEFF", () => {
    const d = mkdtempSync(tmpdir() + "/ipsh-dir-");
    try {
      const names = ["\uFEFFbom", "é", "😀", "plain"];
      for (const n of names) writeFileSync(`${d}/${n}`, "");
      const r = readDirectory(d);
      if (typeof r === "number") throw new Error(`errno ${r}`);
      expect(r.names.slice().sort()).toEqual(names.slice().sort());
      expect(r.surrogates).toBe(true);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
