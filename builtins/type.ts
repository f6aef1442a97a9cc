// type [-afptP] name [name ...] -- how each NAME would be interpreted as a command, in bash's
// order: alias (only while expand_aliases is on, as bash), keyword, function, builtin, then
// the hash table and $PATH. -t prints one word (alias keyword function builtin file), -p the
// file that would run (nothing if NAME is not a file), -P searches PATH regardless, -a lists
// every interpretation (all PATH matches, ignoring the hash table), -f skips functions.
import { fsPath } from "../src/sys/utf8.ts";
import { statSync } from "node:fs";
import { parseOptions } from "./options.ts";
import type { BuiltinContext, BuiltinDef } from "./context.ts";
import type { AndOr, Assignment, Command, CondExpr, FunctionDef, List, Pipeline, Redirect, Word } from "../grammar/ast.ts";
import { printWord } from "../grammar/printer.ts";

/** The reserved words (bash's list, in the order `compgen -k` prints them). */
export const KEYWORDS = new Set([
  "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do", "done",
  "in", "function", "time", "{", "}", "!", "[[", "]]", "coproc",
]);

function isExecutableFile(p: string): boolean {
  try {
    const st = statSync(fsPath(p));
    return st.isFile() && (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** Every executable NAME in $PATH, in order (empty entries mean the current directory). */
export function pathMatches(sh: BuiltinContext["sh"], name: string, all: boolean): string[] {
  const out: string[] = [];
  if (name.includes("/")) {
    const p = name[0] === "/" ? name : `${sh.cwd}/${name}`;
    return isExecutableFile(p) ? [name] : [];
  }
  for (const dir of (sh.vars.get("PATH") ?? "").split(":")) {
    const d = dir === "" ? "." : dir;
    const abs = d[0] === "/" ? d : `${sh.cwd}/${d}`;
    if (isExecutableFile(`${abs}/${name}`)) {
      out.push(`${d}/${name}`);
      if (!all) break;
    }
  }
  return out;
}

function type(ctx: BuiltinContext): number {
  const sh = ctx.sh;
  const parsed = parseOptions(ctx, "afpPt", "type: usage: type [-afptP] name [name ...]");
  if (typeof parsed === "number") return parsed;
  const has = (c: string) => parsed.opts.some((o) => o.letter === c);
  const all = has("a");
  const noFuncs = has("f");
  const pathOnly = has("p");
  const forcePath = has("P");
  const terse = has("t");
  const names = parsed.rest;
  if (names.length === 0) return 0;
  let status = 0;
  let out = "";
  for (const name of names) {
    let found = false;
    if (!forcePath) {
      const alias = sh.opts.expand_aliases ? sh.aliases.get(name) : undefined;
      if (alias !== undefined) {
        found = true;
        if (terse) out += "alias\n";
        else if (!pathOnly) out += `${name} is aliased to \`${alias}'\n`;
      }
      if ((!found || all) && KEYWORDS.has(name)) {
        found = true;
        if (terse) out += "keyword\n";
        else if (!pathOnly) out += `${name} is a shell keyword\n`;
      }
      const fn = noFuncs ? undefined : sh.functions.get(name);
      if ((!found || all) && fn) {
        found = true;
        if (terse) out += "function\n";
        else if (!pathOnly) out += `${name} is a function\n${functionText(fn)}\n`;
      }
      // a builtin turned off with enable -n is not one (the command search finds the file)
      if ((!found || all) && sh.builtins.has(name) && !sh.disabledBuiltins.has(name)) {
        found = true;
        if (terse) out += "builtin\n";
        else if (!pathOnly) {
          const special = sh.builtins.get(name)!.special && sh.opts.posix;
          out += `${name} is a ${special ? "special " : ""}shell builtin\n`;
        }
      }
      if (found && !all) {
        if (pathOnly && !terse) found = true;
        continue;
      }
    }
    const hashed = !all && !name.includes("/") ? sh.hash.get(name) : undefined;
    if (hashed !== undefined && !forcePath) {
      found = true;
      out += terse ? "file\n" : pathOnly ? `${hashed}\n` : `${name} is hashed (${hashed})\n`;
      continue;
    }
    const paths = hashed !== undefined ? [hashed] : pathMatches(sh, name, all);
    for (const p of paths) {
      found = true;
      out += terse ? "file\n" : pathOnly || forcePath ? `${p}\n` : `${name} is ${p}\n`;
    }
    if (!found) {
      status = 1;
      if (!terse && !pathOnly && !forcePath) {
        if (out) ctx.out(out), (out = "");
        ctx.error(`${name}: not found`);
      }
    }
  }
  if (out) ctx.out(out);
  return status;
}

export const typeBuiltin: BuiltinDef = {
  name: "type",
  special: false,
  run: type,
  synopsis: "type [-afptP] name [name ...]",
  description:
    "Display information about command type. For each NAME, indicate how it would be interpreted if " +
    "used as a command name. -a shows all locations, -f skips functions, -P searches $PATH only, -p prints " +
    "the file that would be executed, -t prints a single word: alias, keyword, function, builtin or file.",
};

// --- function text in bash's layout (type, and declare -f can share it) ----------------------
//
// bash does not keep a function's source: it prints the parsed command (print_cmd.c). The
// layout: "name () " then the body as a brace group, four spaces per level, one command per
// line with ";" after each but the last, `if ...; then`, `while ...; do`, `for x in ...;` with
// do/done on their own lines, case items at +4 with bodies at +8, a subshell's list inline.

/** A function definition as `type` and `declare -f` print it. */
export function functionText(fn: FunctionDef): string {
  const p = new BashPrinter();
  p.out = fn.name + " () \n";
  const body = fn.body;
  if (body.kind === "BraceGroup") {
    p.out += "{ \n";
    p.list(body.body, 1);
    p.out += "\n}";
    p.redirects(body.redirects);
  } else {
    p.out += "{ \n    ";
    p.command(body, 1);
    p.out += "\n}";
  }
  return p.out;
}

/** $BASH_COMMAND: the command being executed as bash prints it (a simple command with its
 *  here-document bodies, `[[ ... ]]`, `(( ... ))`, or the head of a for, select or case). */
export function commandText(c: Command): string {
  const items = (ws: Word[] | undefined) => (ws === undefined ? '"$@"' : ws.map(printWord).join(" "));
  switch (c.kind) {
    case "For":
      return `for ${c.name} in ${items(c.items)}`;
    case "Select":
      return `select ${c.name} in ${items(c.items)}`;
    case "Case":
      return `case ${printWord(c.word)} in `;
    default: {
      const p = new BashPrinter();
      p.command(c, 0);
      p.flushHeredocs();
      return p.out;
    }
  }
}

function ind(level: number): string {
  return "    ".repeat(level);
}

const DEFAULT_FD: Record<string, number | undefined> = { "<&": 0, ">&": 1, "<>": 0 };

class BashPrinter {
  out = "";
  /** here-documents waiting to be printed at the end of the current line */
  private heredocs: Redirect[] = [];

  /** The commands of a list at `level`, separated by ";\n" (or " & "). `semi`: the bodies of
   *  if/while/for end with ";" too (bash prints them so), brace groups and case items do not. */
  list(l: List, level: number, inline = false, semi = false): void {
    l.items.forEach((item, i) => {
      if (i === 0 && !inline) this.out += ind(level);
      this.andOr(item.andOr, level);
      const last = i === l.items.length - 1;
      if (item.background) this.out += last ? " &" : " & ";
      else if (this.heredocs.length) {
        this.flushHeredocs();
        if (!last) this.out += "\n" + ind(level);
      } else if (!last) this.out += ";\n" + ind(level);
      else if (semi) this.out += ";";
    });
    this.flushHeredocs();
  }

  flushHeredocs(): void {
    if (!this.heredocs.length) return;
    for (const r of this.heredocs) {
      this.out += "\n" + printHeredocBody(r) + r.heredoc!.delimiter + "\n";
    }
    this.heredocs = [];
  }

  andOr(a: AndOr, level: number): void {
    this.pipeline(a.first, level);
    for (const r of a.rest) {
      this.out += ` ${r.op} `;
      this.pipeline(r.pipeline, level);
    }
  }

  pipeline(p: Pipeline, level: number): void {
    if (p.time) this.out += p.time.posix ? "time -p " : "time ";
    if (p.bang) this.out += "! ";
    p.commands.forEach((c, i) => {
      if (i > 0) this.out += p.pipeStderr[i - 1] ? " 2>&1 | " : " | ";
      this.command(c, level);
    });
  }

  command(c: Command, level: number): void {
    const pad = ind(level);
    switch (c.kind) {
      case "SimpleCommand": {
        const items = [...c.assigns.map(assignment), ...c.words.map(printWord)];
        this.out += items.join(" ");
        this.redirects(c.redirects, items.length > 0);
        return;
      }
      case "BraceGroup":
        this.out += "{ \n";
        this.list(c.body, level + 1);
        this.out += "\n" + pad + "}";
        break;
      case "Subshell":
        this.out += "( ";
        this.list(c.body, level, true);
        this.out += " )";
        break;
      case "If": {
        const [first, ...rest] = c.clauses;
        this.ifChain(first!, rest, c.elseBody, level);
        break;
      }
      case "While":
        this.out += c.until ? "until " : "while ";
        this.list(c.cond, level, true);
        this.out += "; do\n";
        this.list(c.body, level + 1, false, true);
        this.out += "\n" + pad + "done";
        break;
      case "For":
      case "Select":
        this.out += `${c.kind === "For" ? "for" : "select"} ${c.name} in ${c.items ? c.items.map(printWord).join(" ") : '"$@"'};\n`;
        this.out += pad + "do\n";
        this.list(c.body, level + 1, false, true);
        this.out += "\n" + pad + "done";
        break;
      case "ArithFor":
        this.out += `for ((${[c.init, c.cond, c.step].map((w) => (w ? printWord(w).trim() : "")).join("; ")}))\n`;
        this.out += pad + "do\n";
        this.list(c.body, level + 1, false, true);
        this.out += "\n" + pad + "done";
        break;
      case "Case":
        this.out += `case ${printWord(c.word)} in \n`;
        for (const item of c.items) {
          this.out += ind(level + 1) + item.patterns.map(printWord).join(" | ") + ")\n";
          if (item.body.items.length) this.list(item.body, level + 2);
          this.out += "\n" + ind(level + 1) + item.terminator + "\n";
        }
        this.out += pad + "esac";
        break;
      case "ArithCmd":
        this.out += `(( ${printWord(c.expr).trim()} ))`;
        break;
      case "CondCmd":
        this.out += `[[ ${cond(c.expr)} ]]`;
        break;
      case "FunctionDef":
        this.out += functionText(c).split("\n").join("\n" + pad);
        return;
      case "Coproc":
        // bash's print_cmd: the NAME as written, COPROC when none was
        this.out += `coproc ${c.name !== undefined ? printWord(c.name) : "COPROC"} `;
        this.command(c.body, level);
        return;
    }
    this.redirects(c.redirects);
  }

  private ifChain(first: { cond: List; body: List }, rest: { cond: List; body: List }[], elseBody: List | undefined, level: number): void {
    const pad = ind(level);
    this.out += "if ";
    this.list(first.cond, level, true);
    this.out += "; then\n";
    this.list(first.body, level + 1, false, true);
    if (rest.length) {
      // bash prints elif as an if nested in the else branch
      this.out += "\n" + pad + "else\n" + ind(level + 1);
      this.ifChain(rest[0]!, rest.slice(1), elseBody, level + 1);
      this.out += ";";
    } else if (elseBody) {
      this.out += "\n" + pad + "else\n";
      this.list(elseBody, level + 1, false, true);
    }
    this.out += "\n" + pad + "fi";
  }

  redirects(rs: Redirect[], space = true): void {
    for (const r of rs) {
      if (space || this.out.length) this.out += " ";
      this.out += redirect(r);
      if (r.heredoc) this.heredocs.push(r);
    }
  }
}

function assignment(a: Assignment): string {
  let s = a.name + (a.index ? `[${printWord(a.index)}]` : "") + (a.append ? "+=" : "=");
  if (a.array) s += "(" + a.array.map((e) => (e.key ? `[${printWord(e.key)}]${e.append ? "+=" : "="}` : "") + printWord(e.value)).join(" ") + ")";
  else if (a.value) s += printWord(a.value);
  return s;
}

function redirect(r: Redirect): string {
  const fd = r.fdVar !== undefined ? `{${r.fdVar}}` : r.fd !== undefined ? String(r.fd) : DEFAULT_FD[r.op] !== undefined ? String(DEFAULT_FD[r.op]) : "";
  if (r.op === "<<" || r.op === "<<-") return `${fd}${r.op}${printWord(r.target)}`;
  if (r.op === "<&" || r.op === ">&") return `${fd}${r.op}${printWord(r.target)}`;
  return `${fd}${r.op} ${printWord(r.target)}`;
}

function printHeredocBody(r: Redirect): string {
  const h = r.heredoc!;
  if (h.quoted) return h.body.parts.map((p) => ("value" in p ? String((p as { value: unknown }).value) : "")).join("");
  // an unquoted body prints like the inside of double quotes, without escaping the quotes
  const w = printWord({ ...h.body, parts: [{ kind: "DblQuoted", parts: h.body.parts } as never] });
  return w.slice(1, -1).replace(/\\"/g, '"');
}

function cond(e: CondExpr): string {
  switch (e.kind) {
    case "CondAnd":
      return `${cond(e.left)} && ${cond(e.right)}`;
    case "CondOr":
      return `${cond(e.left)} || ${cond(e.right)}`;
    case "CondNot":
      return `! ${cond(e.expr)}`;
    case "CondParen":
      return `( ${cond(e.expr)} )`;
    case "CondUnary":
      return `${e.op} ${printWord(e.arg)}`;
    case "CondBinary":
      return `${printWord(e.left)} ${e.op} ${printWord(e.right)}`;
    case "CondWord":
      return printWord(e.word);
  }
}
