// The operators of bash's [[ ]] conditional expressions: one table each, shared by the parser
// (to tell unary from binary forms) and the evaluator.

/** Unary operators: file tests, string tests, -v (variable set), -o (option set), -R (nameref). */
export const COND_UNARY: ReadonlySet<string> = new Set([
  "-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-p", "-r", "-s", "-t", "-u", "-w", "-x",
  "-G", "-L", "-N", "-O", "-S", "-z", "-n", "-o", "-v", "-R",
]);

/** Binary operators: string/pattern comparisons, =~, integer comparisons and file comparisons. */
export const COND_BINARY: ReadonlySet<string> = new Set([
  "==", "=", "!=", "=~", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef",
]);
