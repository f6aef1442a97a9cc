// History expansion against bash 5.2 (expected values were produced by feeding the same lines to
// `bash` with `set -o history -H` on stdin, where history expansion is active).
import { describe, expect, it } from "vitest";
import { historyExpand, HistoryExpandState, tokenize } from "../../src/interactive/history-expand.ts";

function hist(lines: string[]) {
  return { nextNumber: lines.length + 1, line: (n: number) => (n >= 1 ? lines[n - 1] : undefined) };
}
function ok(line: string, lines: string[], state = new HistoryExpandState()) {
  const r = historyExpand(line, hist(lines), state);
  if (!r.ok) throw new Error(r.error);
  return r;
}
function err(line: string, lines: string[]) {
  const r = historyExpand(line, hist(lines));
  if (r.ok) throw new Error("expected an error, got " + r.line);
  return r.error;
}

describe("event designators", () => {
  const h = ["echo one two three", "echo four"];
  it("!! !n !-n !string !?string?", () => {
    expect(ok("!!", h).line).toBe("echo four");
    expect(ok("x !1 y", h).line).toBe("x echo one two three y");
    expect(ok("!-2", h).line).toBe("echo one two three");
    expect(ok("!ec", h).line).toBe("echo four");
    expect(ok("echo !?two?:% !-2:0 !2 x", h).line).toBe("echo two echo echo four x");
  });
  it("reports missing events as bash does", () => {
    expect(err("!nosuch", h)).toBe("!nosuch: event not found");
    expect(err("!99", h)).toBe("!99: event not found");
    expect(err("echo hello; !!:5", ["echo hello world"])).toBe(":5: bad word specifier");
  });
  it("!# is the line typed so far", () => {
    expect(ok("echo a b !#:1", []).line).toBe("echo a b a");
  });
  it("marks the line changed only when something expanded", () => {
    expect(ok("echo plain", h).changed).toBe(false);
    expect(ok("echo !!", h).changed).toBe(true);
  });
});

describe("word designators", () => {
  const h = ["echo a b c d e"];
  it("ranges, abbreviations and defaults", () => {
    expect(ok("echo !!:2-4 !!:2- !!:2* !!:* !!:$ !^ !!:0", h).line).toBe(
      "echo b c d b c d b c d e a b c d e e a echo",
    );
    expect(ok("!$", h).line).toBe("e");
    expect(ok("!*", h).line).toBe("a b c d e");
    expect(ok("!:-2", h).line).toBe("echo a b");
  });
  it("splits words like history_tokenize (quotes group, operators separate)", () => {
    const q = ['echo a "b c" d|wc -l>/dev/null'];
    expect(ok("echo !!:1-$ !:2 !!:3", q).line).toBe('echo a "b c" d | wc -l > /dev/null "b c" d');
    expect(tokenize("cmd 2>&1 >>log &&x;y")).toEqual(["cmd", "2>&1", ">>", "log", "&&", "x", ";", "y"]);
  });
});

describe("modifiers", () => {
  it(":r :e :h :t", () => {
    expect(ok("echo !!:1:r !!:1:e !!:1:h !!:1:t", ["echo /a/b.c/d"]).line).toBe("echo /a/b .c/d /a/b.c d");
    expect(ok("echo !$:r !$:e", ["echo foo.tar.gz"]).line).toBe("echo foo.tar .gz");
  });
  it(":q :x :p", () => {
    expect(ok("echo !!:q ; echo !e:x", ["echo aXbXc"]).line).toBe("echo 'echo aXbXc' ; echo 'echo' 'aXbXc'");
    const r = ok("!!:p", ["ls"]);
    expect(r.printOnly).toBe(true);
    expect(r.line).toBe("ls");
  });
  it(":s, :gs, :& and quick substitution", () => {
    expect(ok("^X^Y", ["echo aXbXc"]).line).toBe("echo aYbXc");
    expect(ok("!!:gs/X/Z/", ["echo aXbXc"]).line).toBe("echo aZbZc");
    const st = new HistoryExpandState();
    expect(ok("!!:s/a/&&/", ["a b a"], st).line).toBe("aa b a");
    expect(ok("!!:&", ["x a a"], st).line).toBe("x aa a");
    expect(ok("!!:s/a/\\&/", ["a"]).line).toBe("&");
    expect(err("^zz^y", ["echo aXbXc"])).toBe(":s^zz^y: substitution failed");
    expect(err("!!:s/x/z/", ["echo after"])).toBe(":s/x/z/: substitution failed");
  });
});

describe("where ! is literal", () => {
  const h = ["prev"];
  it("matches bash's inhibitions", () => {
    for (const line of [
      "echo '!!'",
      "echo \\!!",
      "echo ${!v}",
      "echo $!",
      "echo [!a]",
      "a != b",
      'echo "!"',
      "echo !",
      "echo hi # !!",
    ]) {
      const r = ok(line, h);
      expect(r.line, line).toBe(line);
      expect(r.changed, line).toBe(false);
    }
  });
  it("expands inside double quotes", () => {
    expect(ok('echo "!!"', h).line).toBe('echo "prev"');
  });
  it("!( is literal only with extglob", () => {
    expect(historyExpand("ls !(x)", hist(h), new HistoryExpandState(), { extglob: true })).toMatchObject({
      ok: true,
      line: "ls !(x)",
    });
  });
});
