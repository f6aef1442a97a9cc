// bind and readline's key-sequence notation and init file: the parser and reader as units, and
// the builtin's output compared with bash 5.2 (which also binds and lists when not interactive,
// after a warning).
import { describe, expect, it } from "vitest";
import { formatKeyseq, parseBindingLine, translateKeyName, translateKeyseq } from "../../src/interactive/keyseq.ts";
import { Bindings } from "../../src/interactive/bindings.ts";
import { readInitText } from "../../src/interactive/inputrc.ts";
import { parseShellBinding } from "../../builtins/bind.ts";
import { sameAsBash } from "../helpers/shells.ts";

describe("key sequences", () => {
  it("translates readline's escapes", () => {
    expect(translateKeyseq("\\C-a")).toBe("\x01");
    expect(translateKeyseq("\\C-x\\C-r")).toBe("\x18\x12");
    expect(translateKeyseq("\\M-b")).toBe("\x1bb");
    expect(translateKeyseq("\\M-\\C-h")).toBe("\x1b\x08");
    expect(translateKeyseq("\\e[A")).toBe("\x1b[A");
    expect(translateKeyseq("\\C-?")).toBe("\x7f");
    expect(translateKeyseq("\\t\\n\\r\\a\\d")).toBe("\t\n\r\x07\x7f");
    expect(translateKeyseq("\\101\\x42\\\\\\\"")).toBe('AB\\"');
    expect(translateKeyseq("ab")).toBe("ab");
  });
  it("reads key names", () => {
    expect(translateKeyName("Control-u")).toBe("\x15");
    expect(translateKeyName("C-u")).toBe("\x15");
    expect(translateKeyName("Meta-Rubout")).toBe("\x1b\x7f");
    expect(translateKeyName("M-DEL")).toBe("\x1b\x7f");
    expect(translateKeyName("TAB")).toBe("\t");
    expect(translateKeyName("x")).toBe("x");
  });
  it("prints them as readline does", () => {
    expect(formatKeyseq("\x01")).toBe("\\C-a");
    expect(formatKeyseq("\x1b[A")).toBe("\\e[A");
    expect(formatKeyseq("\t")).toBe("\\C-i");
    expect(formatKeyseq("\x7f")).toBe("\\C-?");
    expect(formatKeyseq("\x1c")).toBe("\\C-\\\\");
    expect(formatKeyseq('"\\')).toBe('\\"\\\\');
    expect(formatKeyseq("\xe1")).toBe("\\341");
  });
  it("parses binding lines", () => {
    expect(parseBindingLine('"\\e[A": history-search-backward')).toEqual({ kind: "function", keys: "\x1b[A", name: "history-search-backward" });
    expect(parseBindingLine('  "\\C-xq":   "some text"')).toEqual({ kind: "macro", keys: "\x18q", text: "some text" });
    expect(parseBindingLine("Control-o: '> out'")).toEqual({ kind: "macro", keys: "\x0f", text: "> out" });
    expect(parseBindingLine("set bell-style none")).toEqual({ kind: "set", name: "bell-style", value: "none" });
    expect(parseBindingLine("# comment")).toEqual({ kind: "empty" });
    expect(parseBindingLine("foo")).toEqual({ kind: "error", message: "foo: no key sequence terminator" });
  });
  it("parses bind -x arguments", () => {
    expect(parseShellBinding('"\\C-t": echo hi')).toEqual({ keys: "\x14", command: "echo hi" });
    expect(parseShellBinding(`"\\C-t": 'echo "x"'`)).toEqual({ keys: "\x14", command: 'echo "x"' });
    expect(parseShellBinding("C-t: x")).toBe("C-t: x: first non-whitespace character is not `\"'");
    expect(parseShellBinding('"\\C-t"')).toBe('"\\C-t": missing colon separator');
  });
});

describe("bindings and the init file", () => {
  const ctx = (errors: string[] = [], term = "xterm-256color") => ({ term, home: "/nohome", error: (m: string) => errors.push(m) });
  it("looks keys up, with prefixes of longer sequences", () => {
    const b = new Bindings();
    b.parseAndBind('"\\C-xq": beginning-of-line');
    expect(b.lookup("emacs", "\x18")).toBe("prefix");
    expect(b.lookup("emacs", "\x18q")).toEqual({ kind: "function", name: "beginning-of-line" });
    expect(b.lookup("emacs", "\x01")).toEqual({ kind: "function", name: "beginning-of-line" });
    b.parseAndBind('"\\C-a": no-such-function');
    expect(b.lookup("emacs", "\x01")).toBeUndefined();
  });
  it("reads $if/$else/$endif, set and bindings", () => {
    const b = new Bindings();
    const errors: string[] = [];
    readInitText(
      b,
      [
        "# a comment",
        "set completion-ignore-case on",
        "$if mode=emacs",
        '"\\e[A": history-search-backward',
        "$if term=xterm",
        '"\\C-xt": "term"',
        "$endif",
        "$else",
        '"\\e[B": history-search-forward',
        "$endif",
        "$if Bash",
        "Control-o: beginning-of-line",
        "$endif",
        "$if OtherApp",
        "Control-p: end-of-line",
        "$endif",
        "set keymap vi-insert",
        '"jj": vi-movement-mode',
        "set nosuchvar 1",
      ].join("\n"),
      "rc",
      ctx(errors),
    );
    expect(b.vars.get("completion-ignore-case")).toBe("on");
    expect(b.lookup("emacs", "\x1b[A")).toEqual({ kind: "function", name: "history-search-backward" });
    expect(b.lookup("emacs", "\x1b[B")).toEqual({ kind: "function", name: "next-history" });
    expect(b.lookup("emacs", "\x18t")).toEqual({ kind: "macro", text: "term" });
    expect(b.lookup("emacs", "\x0f")).toEqual({ kind: "function", name: "beginning-of-line" });
    expect(b.lookup("emacs", "\x10")).toEqual({ kind: "function", name: "previous-history" });
    expect(b.lookup("vi-insert", "jj")).toEqual({ kind: "function", name: "vi-movement-mode" });
    expect(b.current).toBe("emacs");
    expect(errors).toEqual(["readline: rc: line 19: nosuchvar: unknown variable name"]);
  });
});

describe("bind compared with bash", () => {
  sameAsBash(
    [
      ["-l", "bind -l"],
      ["a subshell's bind leaves the parent's keys alone", `bind '"\\C-xq": "hello"'; (bind '"\\C-xz": "sub"'; bind -S); echo ---; bind -S`],
      // readline turns these two off on a dumb terminal, as here (no terminal)
      ["-v", "bind -v | grep -v -e active-region -e bracketed-paste"],
      ["-V", "bind -V | grep -v -e active-region -e bracketed-paste"],
      ["a binding and -q", `bind '"\\C-xq": beginning-of-line' 'C-t: beginning-of-line'; bind -q beginning-of-line`],
      ["-P of a function", `bind '"\\C-xq": end-of-line'; bind -P | grep '^end-of-line'`],
      ["-p of a function", `bind '"\\C-xq": end-of-line'; bind -p | grep 'end-of-line'`],
      ["-u", "bind -u beginning-of-line; bind -q beginning-of-line; echo $?"],
      ["-r", `bind -r '\\C-a'; bind -P | grep beginning-of-line`],
      ["unknown function", "bind -q nope; echo $?; bind -u nope; echo $?"],
      ["macros", `bind '"\\C-xa": "mac\\tro\\e"'; bind -s; bind -S`],
      ["-x and -X", `bind -x '"\\C-t": echo "hi"'; bind -X`],
      ["-x errors", `bind -x foo; echo $?; bind -x '"\\C-t"'; echo $?`],
      ["variables", `bind 'set bell-style none' 'set completion-ignore-case On'; bind -V | grep -e bell-style -e ignore-case`],
      ["unknown variable", "bind 'set foo bar'; echo $?"],
      ["no terminator", "bind foo; echo $?"],
      ["bad keymap", "bind -m foo -p; echo $?"],
      ["-m vi-insert", `bind -m vi-insert '"jk": complete'; bind -m vi-insert -q complete`],
      ["bad option", "bind -z; echo $?"],
      ["missing argument", "bind -q; echo $?"],
      ["-f missing file", "bind -f /nonexistent/inputrc; echo $?"],
      ["-f file", `f=$(mktemp); printf '%s\\n' '"\\C-xz": kill-whole-line' '$if Bash' 'set bell-style visible' '$endif' > "$f"; bind -f "$f"; bind -q kill-whole-line; bind -v | grep bell-style; rm -f "$f"`],
    ],
    it,
    expect,
  );
});
