// [[ expression ]] (bash's conditional command).
//
// Unlike test, words are not split or globbed; the right side of == and != is a pattern unless
// quoted; =~ matches an extended regular expression (quoted parts literal) and sets
// BASH_REMATCH; < and > compare strings; -eq and friends evaluate both sides arithmetically;
// && and || short-circuit. Status 0 true, 1 false, 2 on an error (bad integer, bad regex).

import type { CondExpr, Word } from "../../grammar/ast.ts";
import type { Shell } from "../shell.ts";
import type { Gen } from "./gen.ts";
import { expandWord, expandPattern, matchPattern, evalArithCommand } from "../expand/index.ts";
import { unaryTest, binaryTest, TestError } from "../../builtins/test-ops.ts";
import { shellTestEnv } from "../../builtins/test.ts";
import { xtraceRaw, xtraceQuote as qw } from "./xtrace.ts";
import { regexFromEre } from "./ere.ts";

const ARITH_OPS = new Set(["-eq", "-ne", "-lt", "-le", "-gt", "-ge"]);

export function* evalCond(sh: Shell, e: CondExpr): Gen<number> {
  try {
    return (yield* evalExpr(sh, e)) ? 0 : 1;
  } catch (err) {
    if (err instanceof CondStatus2) return 2;
    if (err instanceof TestError) {
      sh.diag(err.message);
      return 2;
    }
    throw err;
  }
}

function* evalExpr(sh: Shell, e: CondExpr): Gen<boolean> {
  switch (e.kind) {
    case "CondAnd":
      return (yield* evalExpr(sh, e.left)) && (yield* evalExpr(sh, e.right));
    case "CondOr":
      return (yield* evalExpr(sh, e.left)) || (yield* evalExpr(sh, e.right));
    case "CondNot":
      return !(yield* evalExpr(sh, e.expr));
    case "CondParen":
      return yield* evalExpr(sh, e.expr);
    case "CondWord": {
      const v = yield* expandWord(sh.host, e.word);
      if (sh.opts.xtrace) xtraceRaw(sh, `[[ ${qw(v)} ]]`);
      return v !== "";
    }
    case "CondUnary": {
      const a = yield* expandWord(sh.host, e.arg);
      if (sh.opts.xtrace) xtraceRaw(sh, `[[ ${e.op} ${qw(a)} ]]`);
      return unaryTest(e.op, a, shellTestEnv(sh));
    }
    case "CondBinary": {
      const op = e.op;
      const left = yield* expandWord(sh.host, e.left);
      if (op === "==" || op === "=" || op === "!=") {
        const pat = yield* expandPattern(sh.host, e.right);
        if (sh.opts.xtrace) xtraceRaw(sh, `[[ ${qw(left)} ${op} ${qw(pat)} ]]`);
        const m = matchPattern(pat, left, { extglob: true, nocase: sh.opts.nocasematch, localeVars: sh.vars });
        return op === "!=" ? !m : m;
      }
      if (op === "=~") return yield* regexMatch(sh, left, e.right);
      const right = yield* expandWord(sh.host, e.right);
      if (sh.opts.xtrace) xtraceRaw(sh, `[[ ${qw(left)} ${op} ${qw(right)} ]]`);
      if (ARITH_OPS.has(op)) {
        // an error in either expression is reported and makes the comparison false (bash)
        const a = evalArithCommand(sh.host, left, "[[");
        if (a === undefined) return false;
        const b = evalArithCommand(sh.host, right, "[[");
        if (b === undefined) return false;
        switch (op) {
          case "-eq": return a === b;
          case "-ne": return a !== b;
          case "-lt": return a < b;
          case "-le": return a <= b;
          case "-gt": return a > b;
          default: return a >= b;
        }
      }
      return binaryTest(op, left, right, shellTestEnv(sh));
    }
  }
}

function* regexMatch(sh: Shell, left: string, right: Word): Gen<boolean> {
  // quoted parts of the regex match literally: build the ERE with them escaped
  const src = yield* regexSource(sh, right);
  if (sh.opts.xtrace) xtraceRaw(sh, `[[ ${qw(left)} =~ ${qw(src)} ]]`);
  const re = regexFromEre(src, sh.opts.nocasematch);
  if (re === undefined) {
    // bash: an invalid regex makes [[ return 2
    throw new CondStatus2();
  }
  const m = re.exec(left);
  if (!m) {
    sh.vars.setArray("BASH_REMATCH", []);
    return false;
  }
  sh.vars.setArray("BASH_REMATCH", m.map((x) => x ?? ""));
  return true;
}

class CondStatus2 extends TestError {
  constructor() {
    super("");
  }
}

/** The regex text of the right side of =~: unquoted text as is, quoted text escaped. */
function* regexSource(sh: Shell, w: Word): Gen<string> {
  let out = "";
  for (const p of w.parts) {
    if (p.kind === "Lit") out += p.value;
    else if (p.kind === "Escaped") out += escapeEre(p.value);
    else if (p.kind === "SglQuoted" || p.kind === "AnsiCQuoted") out += escapeEre(p.value);
    // a tilde expands to a literal directory name (bash quotes it: `[[ $HOME =~ ~ ]]` is true)
    else if (p.kind === "DblQuoted" || p.kind === "Tilde") out += escapeEre(yield* expandWord(sh.host, { kind: "Word", parts: [p], span: w.span }));
    else out += yield* expandWord(sh.host, { kind: "Word", parts: [p], span: w.span });
  }
  return out;
}

function escapeEre(s: string): string {
  return s.replace(/[\\.*+?()[\]{}|^$]/g, "\\$&");
}
