// Shell identifiers (XCU 3.235 "Name"): a letter or underscore, then letters, digits, underscores.
// Only ASCII counts, as in bash and dash. Hand-written loop: called for every assignment word.

export function isValidName(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  let c = s.charCodeAt(0);
  if (!(c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  for (let i = 1; i < n; i++) {
    c = s.charCodeAt(i);
    if (!(c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/** Splits "name[subscript]" into its parts; undefined when s is not of that form with a valid name.
 *  The subscript is returned verbatim (not evaluated). */
export function splitSubscript(s: string): { name: string; sub: string } | undefined {
  const open = s.indexOf("[");
  if (open <= 0 || s.charCodeAt(s.length - 1) !== 93 /* ] */) return undefined;
  const name = s.slice(0, open);
  if (!isValidName(name)) return undefined;
  return { name, sub: s.slice(open + 1, -1) };
}
