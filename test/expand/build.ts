// Builders for hand-made word ASTs (the shapes grammar/words.ts produces), so that expansion
// tests do not depend on the parser, plus a bash runner for expected values.
import type { List, ParamExp, ParamOp, Word, WordPart } from "../../grammar/ast.ts";
import { runGen } from "../../src/exec/gen.ts";
import type { Gen } from "../../src/exec/gen.ts";

const span = { start: 0, end: 0, line: 1, col: 1 };

export const lit = (value: string): WordPart => ({ kind: "Lit", value });
export const sq = (value: string): WordPart => ({ kind: "SglQuoted", value });
export const ansi = (value: string): WordPart => ({ kind: "AnsiCQuoted", value });
export const esc = (value: string): WordPart => ({ kind: "Escaped", value });
export const dq = (...parts: WordPart[]): WordPart => ({ kind: "DblQuoted", parts });
export const tilde = (user = ""): WordPart => ({ kind: "Tilde", user });
export const alt = (...alternatives: WordPart[][]): WordPart => ({ kind: "BraceExp", type: "alt", alternatives });
export const seq = (from: string, to: string, step?: string): WordPart => ({ kind: "BraceExp", type: "seq", from, to, step });
export const extglob = (op: "?" | "*" | "+" | "@" | "!", ...patterns: Word[]): WordPart => ({ kind: "ExtGlob", op, patterns });
/** $(...) whose output the FakeHost looks up by `key`. */
export const cmd = (key: string): WordPart => ({ kind: "CmdSub", body: { kind: "List", items: [], span, key } as unknown as List, backquote: false });
export const arith = (text: string | Word): WordPart => ({ kind: "ArithSub", expr: typeof text === "string" ? litWord(text) : text });

/** $name / ${name...}: extra fields as in ParamExp. */
export function param(name: string, extra: Partial<Omit<ParamExp, "kind" | "name">> & { op?: ParamOp } = {}): WordPart {
  return { kind: "ParamExp", name, braced: true, ...extra };
}

/** A word from parts (never marked literal, so the full path runs). */
export function word(...parts: WordPart[]): Word {
  return { kind: "Word", parts, span };
}
/** A word of plain text, marked literal as the parser would. */
export function litWord(text: string): Word {
  return { kind: "Word", parts: [lit(text)], span, literal: text };
}

/** Run a Gen to completion synchronously (the fake host never waits). */
export function run<T>(g: Gen<T>): T {
  const r = runGen(g);
  if (r instanceof Promise) throw new Error("unexpected asynchronous expansion");
  return r;
}

/** Run a bash snippet and return its stdout (stderr appended after "\n--stderr--\n" if any). */
export function bash(snippet: string, cwd?: string): string {
  const r = Bun.spawnSync(["/usr/bin/bash", "-c", snippet, "ipsh"], {
    cwd,
    env: { PATH: "/usr/bin:/bin", HOME: "/home/tester", LC_ALL: "C.UTF-8" },
  });
  const out = r.stdout.toString();
  const err = r.stderr.toString();
  return err ? out + "\n--stderr--\n" + err : out;
}

/** Run a dash snippet (POSIX reference) and return its stdout. */
export function dash(snippet: string): string {
  const r = Bun.spawnSync(["/usr/bin/dash", "-c", snippet, "ipsh"], { env: { PATH: "/usr/bin:/bin", HOME: "/home/tester" } });
  return r.stdout.toString();
}

/** A bash error message without its "ipsh: line N: " prefix. */
export function bashError(out: string): string {
  const m = /ipsh: line \d+: (.*)/.exec(out);
  return m ? m[1]!.trim() : out;
}

/** Fields as bash's printf '<%s>' prints them. */
export const show = (fields: string[]): string => fields.map((f) => `<${f}>`).join("");
