// Test helpers for the grammar: parse-or-fail, and AST comparison without spans.
import { expect } from "vitest";
import type { Command, List, SimpleCommand, Word } from "../../grammar/ast.ts";
import { parse, type ParseOptions } from "../../grammar/index.ts";

export function ok(src: string, opts?: ParseOptions): List {
  const r = parse(src, opts);
  if (r.kind !== "ok") throw new Error(`expected ok for ${JSON.stringify(src)}, got ${r.kind}: ${r.error.message}`);
  return r.list;
}

/** JSON of a node without spans/source (for structural comparison). */
export function strip<T>(x: T): unknown {
  return JSON.parse(JSON.stringify(x, (k, v) => (k === "span" || k === "source" ? undefined : v)));
}

/** The first command of the first item. */
export function cmd(src: string, opts?: ParseOptions): Command {
  const l = ok(src, opts);
  return l.items[0]!.andOr.first.commands[0]!;
}

export function simple(src: string, opts?: ParseOptions): SimpleCommand {
  const c = cmd(src, opts);
  expect(c.kind).toBe("SimpleCommand");
  return c as SimpleCommand;
}

/** The words of a simple command. */
export function words(src: string, opts?: ParseOptions): Word[] {
  return simple(src, opts).words;
}

/** The parts (stripped) of the n-th word of a simple command. */
export function partsOf(src: string, n = 1, opts?: ParseOptions): unknown {
  return strip(words(src, opts)[n]!.parts);
}
