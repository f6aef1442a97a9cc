// readline's key-sequence notation, both ways, and the syntax of one binding line (what `bind`
// takes as an argument and what an inputrc file holds; readline's rl_parse_and_bind).
//
//  "\C-x\C-r"   a quoted key sequence: \C-c control, \M-c meta, \e escape, \\ \" \' themselves,
//               \a \b \d \f \n \r \t \v, \NNN octal (1-3 digits), \xHH hex (1-2 digits)
//  Control-u    a key name (unquoted): Control-/C-, Meta-/M- prefixes on one character or on
//               one of DEL ESC ESCAPE LFD NEWLINE RET RETURN RUBOUT SPACE SPC TAB
//
// Meta-c is ESC followed by c (what a terminal sends for Alt-c). readline in a UTF-8 locale
// (convert-meta off) binds the 8-bit character instead, which no terminal key sends; this is a
// deliberate departure, so `bind -p` shows "\ea" where bash shows "\341".

const ESC = "\x1b";

/** readline's CTRL(c): the control character of c; \C-? is DEL. */
function ctrl(c: string): string {
  if (c === "?") return "\x7f";
  const code = c.toLowerCase().charCodeAt(0);
  return String.fromCharCode(code & 0x1f);
}

/** Translates the text inside a quoted key sequence or macro (readline's rl_translate_keyseq). */
export function translateKeyseq(s: string): string {
  let out = "";
  let i = 0;
  // pending modifiers that apply to the next character
  let control = false;
  let meta = false;
  const emit = (c: string) => {
    if (control) c = ctrl(c);
    if (meta) c = ESC + c;
    control = meta = false;
    out += c;
  };
  while (i < s.length) {
    const c = s[i]!;
    if (c !== "\\" || i + 1 >= s.length) {
      emit(c);
      i++;
      continue;
    }
    const n = s[i + 1]!;
    if ((n === "C" || n === "M") && s[i + 2] === "-" && i + 3 < s.length) {
      if (n === "C") control = true;
      else meta = true;
      i += 3;
      continue;
    }
    i += 2;
    switch (n) {
      case "e":
        emit(ESC);
        break;
      case "a":
        emit("\x07");
        break;
      case "b":
        emit("\b");
        break;
      case "d":
        emit("\x7f");
        break;
      case "f":
        emit("\f");
        break;
      case "n":
        emit("\n");
        break;
      case "r":
        emit("\r");
        break;
      case "t":
        emit("\t");
        break;
      case "v":
        emit("\v");
        break;
      case "x": {
        let j = i;
        while (j < s.length && j < i + 2 && /[0-9a-fA-F]/.test(s[j]!)) j++;
        if (j === i) emit("x");
        else emit(String.fromCharCode(parseInt(s.slice(i, j), 16)));
        i = j;
        break;
      }
      default:
        if (n >= "0" && n <= "7") {
          let j = i;
          while (j < s.length && j < i + 2 && s[j]! >= "0" && s[j]! <= "7") j++;
          emit(String.fromCharCode(parseInt(s.slice(i - 1, j), 8) & 0xff));
          i = j;
        } else emit(n); // \\ \" \' and any other character: itself
    }
  }
  return out;
}

const KEY_NAMES: Record<string, string> = {
  DEL: "\x7f",
  RUBOUT: "\x7f",
  ESC: ESC,
  ESCAPE: ESC,
  LFD: "\n",
  NEWLINE: "\n",
  RET: "\r",
  RETURN: "\r",
  SPACE: " ",
  SPC: " ",
  TAB: "\t",
};

/** An unquoted key name such as Control-u, M-DEL, C-M-x (readline's glean_key_from_name). */
export function translateKeyName(name: string): string {
  let control = false;
  let meta = false;
  let rest = name;
  for (;;) {
    const m = /^(Control|C|Meta|M)-(.+)$/i.exec(rest);
    if (!m) break;
    if (m[1]!.toLowerCase().startsWith("c")) control = true;
    else meta = true;
    rest = m[2]!;
  }
  let c = KEY_NAMES[rest.toUpperCase()] ?? (rest.length > 1 && rest[0] === "\\" ? translateKeyseq(rest) : rest[0] ?? "");
  if (control) c = ctrl(c);
  if (meta) c = ESC + c;
  return c;
}

/** One character of a key sequence as readline prints it (_rl_get_keyname / _rl_untranslate_macro_value). */
function keyName(c: string): string {
  const code = c.charCodeAt(0);
  if (c === ESC) return "\\e";
  if (code === 0x7f) return "\\C-?";
  if (code < 0x20) {
    const u = String.fromCharCode(code | 0x40).toLowerCase();
    return "\\C-" + (u === "\\" ? "\\\\" : u);
  }
  if (c === "\\" || c === '"') return "\\" + c;
  if (code >= 0x80 && code < 0x100) return "\\" + code.toString(8).padStart(3, "0");
  return c;
}

/** A key sequence in readline's notation, as `bind -p` prints it (without the quotes). */
export function formatKeyseq(seq: string): string {
  let out = "";
  for (const c of seq) out += keyName(c);
  return out;
}

export type BindingLine =
  | { kind: "empty" }
  | { kind: "set"; name: string; value: string }
  | { kind: "directive"; name: string; arg: string }
  | { kind: "function"; keys: string; name: string }
  | { kind: "macro"; keys: string; text: string }
  | { kind: "error"; message: string };

/** The end of a quoted string starting at s[i] (the quote): the index of the closing quote,
 *  skipping backslash escapes; s.length when it is not closed. */
function closingQuote(s: string, i: number): number {
  const q = s[i];
  let j = i + 1;
  while (j < s.length && s[j] !== q) j += s[j] === "\\" ? 2 : 1;
  return Math.min(j, s.length);
}

/** Parses one line of an inputrc file or one `bind` argument (rl_parse_and_bind). */
export function parseBindingLine(raw: string): BindingLine {
  const line = raw.replace(/^[ \t]+/, "");
  if (line === "" || line[0] === "#") return { kind: "empty" };
  if (line[0] === "$") {
    const m = /^\$(\S*)\s*(.*?)\s*$/.exec(line)!;
    return { kind: "directive", name: m[1]!, arg: m[2]! };
  }
  const set = /^set[ \t]+(\S+)(?:[ \t]+(.*?))?[ \t]*$/i.exec(line);
  if (set) return { kind: "set", name: set[1]!, value: set[2] ?? "" };
  // the key part: a quoted sequence, or a key name up to the colon
  let keys: string;
  let i: number;
  if (line[0] === '"') {
    const end = closingQuote(line, 0);
    keys = translateKeyseq(line.slice(1, end));
    i = end + 1;
    while (i < line.length && line[i] !== ":" && line[i] !== " " && line[i] !== "\t") i++;
  } else {
    i = 0;
    while (i < line.length && line[i] !== ":" && line[i] !== " " && line[i] !== "\t") i++;
    keys = translateKeyName(line.slice(0, i));
  }
  if (line[i] !== ":") {
    const word = line.slice(0, i);
    return { kind: "error", message: `${word}: no key sequence terminator` };
  }
  i++;
  while (line[i] === " " || line[i] === "\t") i++;
  const v = line[i];
  if (v === '"' || v === "'") {
    const end = closingQuote(line, i);
    return { kind: "macro", keys, text: translateKeyseq(line.slice(i + 1, end)) };
  }
  const m = /^[^ \t]*/.exec(line.slice(i))!;
  return { kind: "function", keys, name: m[0] };
}
