// AST -> shell text. The output parses back to the same AST (spans aside): every word part is
// printed in the quoting context it was parsed in, here-document bodies follow the line of their
// operator, and compound commands are laid out one command per line.
import type { AndOr, Assignment, Command, CondExpr, List, Pipeline, Redirect, Word, WordPart } from "./ast.ts";

/** Redirection operators bash prints with a space before the word. */
const SPACED_OPS = new Set(["<", ">", ">>", "<>", ">|", "<<<", "&>", "&>>"]);

/** How a word's literal text must be written back. */
const enum Ctx {
  /** Unquoted (or a context where Lit text came verbatim from the source). */
  Raw,
  /** Inside "...": $ ` " \ are escaped. */
  Dq,
  /** A here-document body: $ ` \ are escaped. */
  Heredoc,
}

export function printWord(w: Word): string {
  return parts(w.parts, Ctx.Raw);
}

function parts(ps: WordPart[], ctx: Ctx): string {
  let s = "";
  for (const p of ps) s += part(p, ctx);
  return s;
}

function escapeLit(v: string, ctx: Ctx): string {
  if (ctx === Ctx.Raw) return v;
  const re = ctx === Ctx.Dq ? /[$`"\\]/g : /[$`\\]/g;
  return v.replace(re, (c) => "\\" + c);
}

function ansiC(v: string): string {
  let s = "$'";
  for (const ch of v) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\" || ch === "'") s += "\\" + ch;
    else if (ch === "\n") s += "\\n";
    else if (ch === "\t") s += "\\t";
    else if (c < 32 || c === 127) s += "\\x" + c.toString(16).padStart(2, "0");
    else s += ch;
  }
  return s + "'";
}

function part(p: WordPart, ctx: Ctx): string {
  switch (p.kind) {
    case "Lit":
      return escapeLit(p.value, ctx);
    case "SglQuoted":
      return `'${p.value}'`;
    case "AnsiCQuoted":
      return ansiC(p.value);
    case "DblQuoted":
      return (p.locale ? '$"' : '"') + parts(p.parts, Ctx.Dq) + '"';
    case "Escaped":
      return "\\" + p.value;
    case "ParamExp":
      return param(p);
    case "CmdSub": {
      let body = printList(p.body);
      // A one-line body needs no newline before the closing parenthesis or backquote.
      if (body.indexOf("\n") === body.length - 1) body = body.slice(0, -1);
      if (p.backquote) return "`" + body.replace(/[\\`]/g, (c) => "\\" + c) + "`";
      return "$(" + (body.startsWith("(") ? " " : "") + body + ")";
    }
    case "ArithSub":
      return "$((" + printWord(p.expr) + "))";
    case "ProcSub":
      return p.op + "(" + printList(p.body) + ")";
    case "Tilde":
      return "~" + p.user;
    case "BraceExp":
      if (p.type === "alt") return "{" + p.alternatives.map((a) => parts(a, Ctx.Raw)).join(",") + "}";
      return "{" + p.from + ".." + p.to + (p.step !== undefined ? ".." + p.step : "") + "}";
    case "ExtGlob":
      return p.op + "(" + p.patterns.map(printWord).join("|") + ")";
  }
}

function param(p: import("./ast.ts").ParamExp): string {
  if (!p.braced) return "$" + p.name;
  let s = "${" + (p.length ? "#" : "") + (p.indirect ? "!" : "") + p.name;
  if (p.index !== undefined) s += "[" + (typeof p.index === "string" ? p.index : printWord(p.index)) + "]";
  const o = p.op;
  if (o !== undefined) {
    switch (o.op) {
      case "names":
        s += o.at ? "@" : "*";
        break;
      case "keys":
        break;
      case ":":
        s += ":" + printWord(o.offset) + (o.length !== undefined ? ":" + printWord(o.length) : "");
        break;
      case "@":
        s += "@" + o.transform;
        break;
      case "#":
      case "##":
      case "%":
      case "%%":
        s += o.op + printWord(o.pattern);
        break;
      case "/":
      case "//":
      case "/#":
      case "/%":
        s += o.op + printWord(o.pattern) + (o.replacement !== undefined ? "/" + printWord(o.replacement) : "");
        break;
      case "^":
      case "^^":
      case ",":
      case ",,":
      case "~":
      case "~~":
        s += o.op + (o.pattern !== undefined ? printWord(o.pattern) : "");
        break;
      default:
        s += o.op + (o.word !== undefined ? printWord(o.word) : "");
    }
  }
  return s + "}";
}

/** Print a list: one and_or per line; here-document bodies after the line that needs them. */
export function printList(list: List): string {
  const p = new Printer();
  p.list(list);
  return p.out;
}

class Printer {
  out = "";
  private heredocs: Redirect[] = [];

  /** End the current line, then write pending here-document bodies. */
  private nl(): void {
    this.out += "\n";
    for (const r of this.heredocs) {
      const h = r.heredoc!;
      this.out += h.quoted ? parts(h.body.parts, Ctx.Raw) : parts(h.body.parts, Ctx.Heredoc);
      this.out += h.delimiter + "\n";
    }
    this.heredocs = [];
  }

  list(l: List): void {
    for (const item of l.items) {
      this.andOr(item.andOr);
      if (item.background) this.out += " &";
      this.nl();
    }
  }

  private andOr(a: AndOr): void {
    this.pipeline(a.first);
    for (const r of a.rest) {
      this.out += ` ${r.op} `;
      this.pipeline(r.pipeline);
    }
  }

  private pipeline(p: Pipeline): void {
    if (p.time) this.out += p.time.posix ? "time -p " : "time ";
    if (p.bang) this.out += "! ";
    p.commands.forEach((c, i) => {
      if (i > 0) this.out += p.pipeStderr[i - 1] ? " |& " : " | ";
      this.command(c);
    });
  }

  private words(ws: Word[]): string {
    return ws.map(printWord).join(" ");
  }

  private redirects(rs: Redirect[]): void {
    for (const r of rs) {
      // bash's spacing (print_cmd.c): a space between a file operator and its word (`> /dev/null`,
      // `<<< text`), none after a duplication (`2>&1`) or before a here-document's delimiter
      const space = SPACED_OPS.has(r.op) ? " " : "";
      this.out += " " + (r.fdVar !== undefined ? `{${r.fdVar}}` : r.fd !== undefined ? String(r.fd) : "") + r.op + space + printWord(r.target);
      if (r.heredoc !== undefined) this.heredocs.push(r);
    }
  }

  private assignment(a: Assignment): string {
    let s = a.name;
    if (a.index !== undefined) s += "[" + printWord(a.index) + "]";
    s += a.append ? "+=" : "=";
    if (a.array !== undefined) {
      s += "(" + a.array.map((e) => (e.key !== undefined ? "[" + printWord(e.key) + "]" + (e.append ? "+=" : "=") : "") + printWord(e.value)).join(" ") + ")";
    } else if (a.value !== undefined) s += printWord(a.value);
    return s;
  }

  private body(l: List): void {
    this.nl();
    this.list(l);
  }

  private command(c: Command): void {
    switch (c.kind) {
      case "SimpleCommand": {
        const items = [...c.assigns.map((a) => this.assignment(a)), this.words(c.words)].filter((s) => s !== "");
        this.out += items.join(" ");
        if (items.length === 0) this.out += ":" === "" ? "" : "";
        const r0 = this.out.length;
        this.redirects(c.redirects);
        if (items.length === 0 && this.out.length > r0) this.out = this.out.slice(0, r0) + this.out.slice(r0 + 1);
        return;
      }
      case "FunctionDef":
        this.out += c.name + " () ";
        this.command(c.body);
        return;
      case "Coproc":
        // the NAME only when written (`coproc COPROC cat` would read back as the command COPROC)
        this.out += "coproc " + (c.name !== undefined ? printWord(c.name) + " " : "");
        this.command(c.body);
        return;
      case "BraceGroup":
        this.out += "{";
        this.body(c.body);
        this.out += "}";
        break;
      case "Subshell":
        this.out += "( ";
        this.list(c.body);
        this.out += ")";
        break;
      case "If":
        c.clauses.forEach((cl, i) => {
          this.out += i === 0 ? "if " : "elif ";
          this.list(cl.cond);
          this.out += "then";
          this.body(cl.body);
        });
        if (c.elseBody !== undefined) {
          this.out += "else";
          this.body(c.elseBody);
        }
        this.out += "fi";
        break;
      case "While":
        this.out += c.until ? "until " : "while ";
        this.list(c.cond);
        this.out += "do";
        this.body(c.body);
        this.out += "done";
        break;
      case "For":
      case "Select":
        this.out += (c.kind === "For" ? "for " : "select ") + c.name;
        if (c.items !== undefined) this.out += " in" + (c.items.length > 0 ? " " + this.words(c.items) : "");
        this.out += ";";
        this.nl();
        this.out += "do";
        this.body(c.body);
        this.out += "done";
        break;
      case "ArithFor":
        this.out += "for ((" + [c.init, c.cond, c.step].map((w) => (w ? printWord(w) : "")).join("; ") + "))";
        this.nl();
        this.out += "do";
        this.body(c.body);
        this.out += "done";
        break;
      case "Case":
        this.out += "case " + printWord(c.word) + " in";
        this.nl();
        for (const it of c.items) {
          this.out += "(" + this.words(it.patterns) + ")".replace("", "");
          this.out = this.out.slice(0, this.out.length - 1 - this.words(it.patterns).length) + it.patterns.map(printWord).join(" | ") + ")";
          this.body(it.body);
          this.out += it.terminator;
          this.nl();
        }
        this.out += "esac";
        break;
      case "ArithCmd":
        this.out += "((" + printWord(c.expr) + "))";
        break;
      case "CondCmd":
        this.out += "[[ " + cond(c.expr) + " ]]";
        break;
    }
    this.redirects(c.redirects);
  }
}

function cond(e: CondExpr): string {
  switch (e.kind) {
    case "CondAnd":
      return cond(e.left) + " && " + cond(e.right);
    case "CondOr":
      return cond(e.left) + " || " + cond(e.right);
    case "CondNot":
      return "! " + cond(e.expr);
    case "CondParen":
      return "( " + cond(e.expr) + " )";
    case "CondUnary":
      return e.op + " " + printWord(e.arg);
    case "CondBinary":
      return printWord(e.left) + " " + e.op + " " + printWord(e.right);
    case "CondWord":
      return printWord(e.word);
  }
}
