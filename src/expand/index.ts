// Word expansion and arithmetic: the public API (see the files for the semantics).
export {
  expandWords,
  expandWord,
  expandPattern,
  expandHeredoc,
  expandAssignValue,
  expandReplacement,
  expandPartsInto,
  stripTrailingNewlines,
} from "./word.ts";
export { FieldBuilder, Mode } from "./fields.ts";
export { evalArith, evalArithCommand, evalArithNum, evalArithString, parseIntegerConstant } from "./arith-eval.ts";
export { matchPattern, patternToRegExp, patternToSearchRegExp, hasPatternChars, unescapePattern } from "./pattern.ts";
export type { MatchOptions } from "./pattern.ts";
export { removeAffix, replacePattern, parseReplacement } from "./pattern-ops.ts";
export { splitFields, ifsTable, IfsTable, DEFAULT_IFS } from "./ifs.ts";
export { glob, compareBytes } from "./glob.ts";
export type { GlobOptions } from "./glob.ts";
export { braceExpand, sequenceItems } from "./brace.ts";
export { tildeValue } from "./tilde.ts";
export { quoteForReuse, quoteBackslash, quoteDouble, quoteAnsiC, escapeGlob } from "./quote.ts";
export { caseModify, decodeAnsiC, attrLetters, promptExpand } from "./transform.ts";
export { charLength } from "./param.ts";
export type { ExpandHost, ExpandOptions } from "./host.ts";
export { ExpansionError } from "./host.ts";
