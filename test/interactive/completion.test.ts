// Completion: finding the word, command position, quoting like bash 5.2 (checked in a PTY with
// `bash --norc -i`: a\=b c\:d e~f \~g h\@i j\{k l,m n]o p\!q r#s \#t u}v w^x y%z).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { complete, dequote, quoteName, wordAt, type CompletionSources } from "../../src/interactive/completion.ts";

let dir: string;
let src: CompletionSources;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ipsh-compl-"));
  for (const f of ["a=b", "c:d", "e~f", "~g", "h@i", "j{k", "l,m", "n]o", "p!q", "r#s", "#t", "beta file", "it's", ".hidden"]) {
    fs.writeFileSync(path.join(dir, f), "");
  }
  fs.mkdirSync(path.join(dir, "sub"));
  fs.writeFileSync(path.join(dir, "sub", "one.txt"), "");
  fs.writeFileSync(path.join(dir, "sub", "two.txt"), "");
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "mytool"), "", { mode: 0o755 });
  fs.writeFileSync(path.join(bin, "mydata"), "", { mode: 0o644 });
  src = {
    cwd: dir,
    home: dir,
    path: bin,
    builtins: ["echo", "eval", "exit"],
    functions: ["myfunc"],
    aliases: ["ll"],
    keywords: ["if", "then"],
    variables: () => ["HOME", "HOSTNAME", "PATH"],
    getVar: (n) => (n === "HOME" ? dir : n === "PATH" ? bin : undefined),
    users: () => ["root", "rob", "alice"],
  };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const at = (line: string) => complete(line, line.length, src);

describe("wordAt", () => {
  it("finds the word start through quotes and escapes", () => {
    expect(wordAt("ls 'a b", 7)).toMatchObject({ start: 3, quote: "'", commandPosition: false });
    expect(wordAt("ls a\\ b", 7)).toMatchObject({ start: 3, quote: "" });
    expect(wordAt('echo "x y', 9)).toMatchObject({ start: 5, quote: '"' });
  });
  it("knows command position: first word, after operators, assignments and keywords", () => {
    expect(wordAt("ec", 2).commandPosition).toBe(true);
    expect(wordAt("ls | gr", 7).commandPosition).toBe(true);
    expect(wordAt("a && b; c", 9).commandPosition).toBe(true);
    expect(wordAt("FOO=1 BAR=2 x", 13).commandPosition).toBe(true);
    expect(wordAt("if x", 4).commandPosition).toBe(true);
    expect(wordAt("ls x", 4).commandPosition).toBe(false);
    expect(wordAt("cat > f", 7).commandPosition).toBe(false);
    expect(wordAt("< in c", 6).commandPosition).toBe(true);
  });
});

describe("quoting", () => {
  it("escapes file names as bash does", () => {
    const want: Record<string, string> = {
      "a=b": "a\\=b", "c:d": "c\\:d", "e~f": "e~f", "~g": "\\~g", "h@i": "h\\@i", "j{k": "j\\{k",
      "l,m": "l,m", "n]o": "n]o", "p!q": "p\\!q", "r#s": "r#s", "#t": "\\#t", "a b": "a\\ b", "it's": "it\\'s",
    };
    for (const [k, v] of Object.entries(want)) expect(quoteName(k, ""), k).toBe(v);
    expect(quoteName("it's", "'")).toBe("'it'\\''s");
    expect(quoteName('a"$b', '"')).toBe('"a\\"\\$b');
  });
  it("dequote", () => {
    expect(dequote("a\\ b'c d'\"e\\$f\"")).toBe("a bc de$f");
  });
});

describe("complete", () => {
  it("file names: unique match gets a space, directories a slash", () => {
    expect(at("cat a")).toMatchObject({ start: 4, candidates: ["a\\=b"], suffix: " " });
    expect(at("cat su")).toMatchObject({ candidates: ["sub/"], suffix: "" });
    const r = at("cat sub/");
    expect(r.candidates).toEqual(["sub/one.txt", "sub/two.txt"]);
    expect(r.display).toEqual(["one.txt", "two.txt"]);
  });
  it("continues an open quote and closes it on a unique match", () => {
    expect(at("cat 'be").candidates).toEqual(["'beta file'"]);
    expect(at('cat "be').candidates).toEqual(['"beta file"']);
    expect(at("cat be").candidates).toEqual(["beta\\ file"]);
    expect(at("cat beta\\ f").candidates).toEqual(["beta\\ file"]);
  });
  it("hides dot files unless the word starts with a dot", () => {
    expect(at("cat ").candidates).not.toContain(".hidden");
    expect(at("cat .h").candidates).toEqual([".hidden"]);
  });
  it("~/ paths keep the tilde; ~user completes user names", () => {
    expect(at("cat ~/su").candidates).toEqual(["~/sub/"]);
    expect(at("cd ~ro")).toMatchObject({ start: 3, candidates: ["~rob/", "~root/"] });
  });
  it("commands: aliases, keywords, functions, builtins, executables on PATH", () => {
    expect(at("e").candidates).toEqual(["echo", "eval", "exit"]);
    expect(at("my").candidates).toEqual(["myfunc", "mytool"]);
    expect(at("ls | l").candidates).toEqual(["ll"]);
    expect(at("i").candidates).toEqual(["if"]);
    // No command matches: fall back to files.
    expect(at("su").candidates).toEqual(["sub/"]);
  });
  it("completes after = and : like bash's COMP_WORDBREAKS, but not after escaped ones", () => {
    expect(at("X=su")).toMatchObject({ start: 2, candidates: ["sub/"] });
    expect(at("cp a:su")).toMatchObject({ start: 5, candidates: ["sub/"] });
    expect(at("cat c\\:")).toMatchObject({ start: 4, candidates: ["c\\:d"] });
  });
  it("variables: $NA and ${NA", () => {
    expect(at("echo $HO")).toMatchObject({ start: 5, candidates: ["$HOME", "$HOSTNAME"] });
    expect(at("echo ${PA")).toMatchObject({ candidates: ["${PATH}"] });
    expect(at("echo x$HOM")).toMatchObject({ start: 6, candidates: ["$HOME"], suffix: "/" });
    expect(at("echo '$HO").candidates).toEqual([]);
  });
});
