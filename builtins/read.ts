// read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout]
//      [-u fd] [name ...] -- bash's read.
//
// Input: bytes from the shell fd up to the delimiter (newline, -d; "" means NUL), at most -n
// characters, or exactly -N characters (delimiter ignored, no field splitting). Without -r a
// backslash quotes the next character (protecting it from splitting) and backslash-newline
// continues the line. NUL bytes are dropped. Never reads past the delimiter (see io.ts).
// Splitting: each name but the last takes one IFS field; the last takes the rest of the line
// minus trailing IFS whitespace (or just the one field if only a field and its delimiter are
// left). With no names the whole line goes to REPLY unstripped. Status: 0, 1 at EOF (the
// partial line is still assigned), 128+SIGALRM=142 on timeout, 2 for usage errors.
import { charsAreBytes } from "../src/state/locale.ts";
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import type { Gen } from "../src/exec/gen.ts";
import type { OsFd } from "../src/exec/fd-table.ts";
import { InterruptSignal } from "../src/exec/interrupt.ts";
import { FdReader, IoError, ttyModes, fromBytes, isValidName, isatty, pollReadable, restoreTermios, toBytes } from "./io.ts";

const USAGE =
  "read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n";
const TIMEOUT_STATUS = 128 + 14;

interface ReadOpts {
  raw: boolean;
  silent: boolean;
  array?: string;
  delim: number;
  nchars: number; // -1 unlimited
  exact: boolean; // -N
  prompt?: string;
  timeout: number; // seconds, -1 none
  fd: number;
  /** -u was given (a closed fd is then "invalid file descriptor", else a read error) */
  explicitFd: boolean;
  /** -e: read the line with the shell's line editor (interactive shells, terminal input) */
  edit: boolean;
  /** -i: initial text for the editor */
  initial: string;
  names: string[];
}

/** Parse the options; returns the status to exit with on a usage error. */
function parseOpts(ctx: BuiltinContext): ReadOpts | number {
  const o: ReadOpts = { raw: false, silent: false, delim: 10, nchars: -1, exact: false, timeout: -1, fd: 0, explicitFd: false, edit: false, initial: "", names: [] };
  const args = ctx.args;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (a.length < 2 || a[0] !== "-") break;
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      if (c === "r") o.raw = true;
      else if (c === "s") o.silent = true;
      else if (c === "e") o.edit = true;
      else if ("adinNptu".includes(c)) {
        let v: string | undefined = a.slice(k + 1);
        if (v === "") v = args[++i];
        if (v === undefined) {
          ctx.error(`-${c}: option requires an argument`);
          ctx.err(USAGE);
          return 2;
        }
        switch (c) {
          case "a":
            o.array = v;
            break;
          case "d":
            o.delim = v.length ? toBytes(v).charCodeAt(0) : 0;
            break;
          case "i":
            o.initial = v;
            break;
          case "n":
          case "N": {
            if (!/^[0-9]+$/.test(v)) {
              ctx.error(`${v}: invalid number`);
              return 1;
            }
            o.nchars = Number(v);
            o.exact = c === "N";
            break;
          }
          case "p":
            o.prompt = v;
            break;
          case "t": {
            if (!/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/.test(v)) {
              ctx.error(`${v}: invalid timeout specification`);
              return 1;
            }
            o.timeout = Number(v);
            break;
          }
          case "u": {
            if (!/^[0-9]+$/.test(v)) {
              ctx.error(`${v}: invalid file descriptor specification`);
              return 1;
            }
            o.fd = Number(v);
            o.explicitFd = true;
            break;
          }
        }
        break;
      } else {
        ctx.error(`-${c}: invalid option`);
        ctx.err(USAGE);
        return 2;
      }
    }
  }
  o.names = args.slice(i);
  for (const n of o.array !== undefined ? [o.array, ...o.names] : o.names) {
    if (!isValidName(n)) {
      ctx.error(`\`${n}': not a valid identifier`);
      return 1;
    }
  }
  return o;
}

/** The line read: bytes as a byte string, plus which positions were backslash-quoted. */
interface Line {
  text: string;
  quoted: Uint8Array;
}

function isIfsWs(c: string, ifs: string): boolean {
  return (c === " " || c === "\t" || c === "\n") && ifs.includes(c);
}

/** Splits a Line by IFS the way read does (quoted characters never delimit). */
class Splitter {
  pos = 0;
  constructor(
    private line: Line,
    private ifs: string,
  ) {}

  private isDelim(i: number): boolean {
    return this.line.quoted[i] !== 1 && this.ifs.includes(this.line.text[i]!);
  }
  private isWs(i: number): boolean {
    return this.line.quoted[i] !== 1 && isIfsWs(this.line.text[i]!, this.ifs);
  }

  skipWs(): void {
    const n = this.line.text.length;
    while (this.pos < n && this.isWs(this.pos)) this.pos++;
  }

  /** One field: up to an IFS char; then its trailing whitespace, one non-ws delimiter, whitespace. */
  word(): string {
    const t = this.line.text;
    const n = t.length;
    const start = this.pos;
    while (this.pos < n && !this.isDelim(this.pos)) this.pos++;
    const w = t.slice(start, this.pos);
    this.skipWs();
    if (this.pos < n && this.isDelim(this.pos) && !this.isWs(this.pos)) {
      this.pos++;
      this.skipWs();
    }
    return w;
  }

  atEnd(): boolean {
    return this.pos >= this.line.text.length;
  }

  /** The rest of the line for the last name. */
  rest(): string {
    const t = this.line.text;
    const start = this.pos;
    const w = this.word();
    if (this.atEnd()) return w;
    let end = t.length;
    while (end > start && isIfsWs(t[end - 1]!, this.ifs)) end--;
    this.pos = t.length;
    return t.slice(start, end);
  }
}

const spare: Buffer[] = [];

/** Bytes of the line being read, grown on demand; `quoted` is only filled once an escape is seen. */
class LineBuf {
  // a Buffer, so that toString("latin1") reads it without materialising an ArrayBuffer;
  // recycled through `spare` (each read call holds its own while it may yield)
  bytes: Buffer = spare.pop() ?? Buffer.allocUnsafe(128);
  quoted: Uint8Array | null = null;
  n = 0;
  push(b: number, q: boolean): void {
    if (this.n === this.bytes.length) {
      const nb = Buffer.allocUnsafe(this.n * 2);
      nb.set(this.bytes);
      this.bytes = nb;
      if (this.quoted) {
        const nq = new Uint8Array(this.n * 2);
        nq.set(this.quoted);
        this.quoted = nq;
      }
    }
    if (q && !this.quoted) this.quoted = new Uint8Array(this.bytes.length);
    if (this.quoted) this.quoted[this.n] = q ? 1 : 0;
    this.bytes[this.n++] = b;
  }
  line(): Line {
    const text = this.bytes.toString("latin1", 0, this.n);
    if (spare.length < 4 && this.bytes.length <= 4096) spare.push(this.bytes);
    return { text, quoted: this.quoted ?? NO_QUOTES };
  }
}

const NO_QUOTES = new Uint8Array(0);

function* readLine(ctx: BuiltinContext, o: ReadOpts, osfd: number, entry: OsFd | undefined): Gen<{ line: Line; status: number }> {
  const deadline = o.timeout > 0 ? Date.now() + o.timeout * 1000 : -1;
  const reader = new FdReader(ctx.sh as never, o.fd, osfd, deadline, false, entry?.memDoc, entry);
  const buf = new LineBuf();
  let status = 0;
  let escape = false;
  let chars = 0;
  let cont = 0; // UTF-8 continuation bytes still to come for the current character
  const limited = o.nchars >= 0;
  // -n/-N count characters, or bytes in the C locale (src/state/locale.ts)
  const bytes = limited && charsAreBytes(ctx.sh.vars);
  try {
    for (;;) {
      if (limited && chars >= o.nchars && cont === 0) break;
      let b = reader.buffered();
      if (b === -3) b = yield* reader.next();
      if (b < 0) {
        status = b === -1 ? 1 : TIMEOUT_STATUS;
        break;
      }
      if (b === 0 && o.delim !== 0) continue;
      if (escape) {
        escape = false;
        if (b === 10) continue; // line continuation
        buf.push(b, true);
      } else if (b === 92 && !o.raw) {
        escape = true;
        continue;
      } else if (b === o.delim && !o.exact) break;
      else buf.push(b, false);
      if (cont > 0) cont--;
      else {
        chars++;
        cont = bytes ? 0 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
      }
    }
  } finally {
    reader.close();
  }
  return { line: buf.line(), status };
}

function* read(ctx: BuiltinContext): Gen<number> {
  const o = parseOpts(ctx);
  if (typeof o === "number") return o;
  const sh = ctx.sh;
  // a here-document still in memory is read from its bytes (src/exec/fd-table.ts MemDoc)
  const entry = sh.fds.entry(o.fd);
  const doc = entry?.memDoc;
  // read-ahead kept from the last call stays where it is (FdReader takes it or gives it back)
  const osfd = doc ? -1 : entry !== undefined ? entry.rawFd : sh.fds.os(o.fd);
  if (osfd === undefined) {
    ctx.error(o.explicitFd ? `${o.fd}: invalid file descriptor: Bad file descriptor` : `read error: ${o.fd}: Bad file descriptor`);
    return 1;
  }
  if (o.timeout === 0) return doc || pollReadable(osfd, 0) ? 0 : 1;
  const editor = (sh as unknown as { lineEditor?: LineEditorHook }).lineEditor;
  if (o.edit && editor && o.nchars < 0 && o.delim === 10 && !doc && isatty(osfd)) return yield* readEdited(ctx, o, editor);
  const cbreak = o.nchars >= 0 || o.delim !== 10;
  const tty = (o.prompt !== undefined || o.silent || cbreak) && !doc && isatty(osfd);
  if (o.prompt !== undefined && tty) ctx.err(o.prompt);
  const saved = tty && (o.silent || cbreak) ? ttyModes(osfd, o.silent, cbreak) : null;
  let got: { line: Line; status: number };
  try {
    got = yield* readLine(ctx, o, osfd, entry);
  } catch (e) {
    if (e instanceof IoError) {
      ctx.error(`read error: ${o.fd}: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    if (saved) restoreTermios(osfd, saved);
  }
  const { line, status } = got;
  try {
    assign(ctx, o, line);
  } catch (e) {
    if (e instanceof Error) {
      ctx.err(`${sh.errorPrefix()}${e.message}\n`);
      return 1;
    }
    throw e;
  }
  return status;
}

/** What read -e needs from the interactive shell: its line editor (sh.lineEditor). */
export interface LineEditorHook {
  /** Resolves to the line without its newline, or null at end of input (Ctrl-D). */
  readLine(prompt: string, initial?: string): Promise<string | null>;
  /** Set when the last readLine was cancelled with Ctrl-C. */
  interrupted: boolean;
}

/** read -e: the line comes from the line editor; backslashes and splitting apply as usual. */
function* readEdited(ctx: BuiltinContext, o: ReadOpts, editor: LineEditorHook): Gen<number> {
  const text = (yield editor.readLine(o.prompt ?? "", o.initial)) as string | null;
  if (editor.interrupted) throw new InterruptSignal();
  const buf = new LineBuf();
  const bytes = toBytes(text ?? "");
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes.charCodeAt(i);
    if (b === 92 && !o.raw && i + 1 < bytes.length) buf.push(bytes.charCodeAt(++i), true);
    else if (b !== 92 || o.raw) buf.push(b, false);
  }
  try {
    assign(ctx, o, buf.line());
  } catch (e) {
    if (e instanceof Error) {
      ctx.err(`${ctx.sh.errorPrefix()}${e.message}\n`);
      return 1;
    }
    throw e;
  }
  return text === null ? 1 : 0;
}

function assign(ctx: BuiltinContext, o: ReadOpts, line: Line): void {
  const vars = ctx.sh.vars;
  const ifsVar = vars.get("IFS");
  const ifs = ifsVar === undefined ? " \t\n" : toBytes(ifsVar);
  if (o.array !== undefined) {
    const sp = new Splitter(line, ifs);
    const fields: string[] = [];
    if (o.exact) fields.push(fromBytes(line.text));
    else {
      sp.skipWs();
      while (!sp.atEnd()) fields.push(fromBytes(sp.word()));
    }
    vars.setArray(o.array, fields);
    return;
  }
  if (o.names.length === 0) {
    vars.set("REPLY", fromBytes(line.text));
    return;
  }
  if (o.exact) {
    vars.set(o.names[0]!, fromBytes(line.text));
    for (let k = 1; k < o.names.length; k++) vars.set(o.names[k]!, "");
    return;
  }
  const sp = new Splitter(line, ifs);
  sp.skipWs();
  const last = o.names.length - 1;
  for (let k = 0; k < last; k++) vars.set(o.names[k]!, fromBytes(sp.word()));
  vars.set(o.names[last]!, fromBytes(sp.rest()));
}

export const readBuiltin: BuiltinDef = {
  name: "read",
  special: false,
  run: read,
  synopsis: "read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]",
  description:
    "Read a line from the standard input and split it into fields. The line is split by $IFS; the " +
    "first word goes to the first NAME, the second to the second, and the last NAME gets the rest. " +
    "With no NAMEs the line is stored in REPLY. -a assigns the words to an indexed array, -d uses " +
    "the first character of DELIM instead of newline, -n/-N read NCHARS characters, -p prints PROMPT " +
    "(on a terminal), -r keeps backslashes, -s does not echo terminal input, -t times out after " +
    "TIMEOUT seconds (status > 128), -u reads from file descriptor FD. Status 1 at end of file.",
};
