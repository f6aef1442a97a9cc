// Patterns that string methods can match without a regular expression.
//
// Most patterns in scripts are a literal with stars at the ends: `*.txt`, `lib*`, `*/*`
// in ${x##*/}, `*.so.*`. Reduced to their literal parts, matching and the affix removals
// ${x#p} ${x##p} ${x%p} ${x%%p} become startsWith / endsWith / indexOf / lastIndexOf, several
// times cheaper than a regular expression test (and, for ${x%p}, than a test per position).
//
// A pattern has a shape when, after removing backslash escapes, it is made of literal text and
// unescaped `*` only, in one of these forms (runs of stars count as one):
//   lit   *   lit*   *lit   *lit*   a*b
// Anything else (`?`, a `[`, a trailing lone backslash, and with extglob any `(`, `)` or `|`)
// has no shape and goes to the regular expressions of pattern.ts. Case-insensitive matching
// never uses shapes.

export const enum Kind {
  /** no shape: use the regular expression */
  None = 0,
  /** lit: the string itself */
  Exact,
  /** `*` */
  Any,
  /** `a*` */
  Prefix,
  /** `*b` */
  Suffix,
  /** `*m*` */
  Infix,
  /** `a*b` (a and b non-empty) */
  Both,
}

export interface Shape {
  readonly kind: Kind;
  /** Exact: the literal; Prefix: a; Suffix: b; Infix: m; Both: a */
  readonly a: string;
  /** Both: b */
  readonly b: string;
}

const NONE: Shape = { kind: Kind.None, a: "", b: "" };
const caches = [new Map<string, Shape>(), new Map<string, Shape>()];
const CACHE_LIMIT = 2048;

/** The shape of a pattern (cached per pattern and extglob setting). */
export function shapeOf(pattern: string, extglob: boolean): Shape {
  const cache = caches[extglob ? 1 : 0]!;
  let s = cache.get(pattern);
  if (s === undefined) {
    s = analyse(pattern, extglob);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, s);
  }
  return s;
}

function analyse(p: string, extglob: boolean): Shape {
  // the literal runs between star runs
  const parts: string[] = [];
  let lit = "";
  let star = false;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 42 /* * */) {
      if (!star) parts.push(lit);
      lit = "";
      star = true;
      continue;
    }
    star = false;
    if (c === 92 /* \ */) {
      if (i + 1 >= p.length) return NONE;
      lit += p[++i];
      continue;
    }
    if (c === 63 /* ? */ || c === 91 /* [ */) return NONE;
    if (extglob && (c === 40 || c === 41 || c === 124) /* ( ) | */) return NONE;
    lit += p[i];
  }
  parts.push(lit);
  // parts: [lit] (no star), [a, b] (one star run), [a, m, b] (two)...
  if (parts.length === 1) return { kind: Kind.Exact, a: parts[0]!, b: "" };
  if (parts.length === 2) {
    const [a, b] = parts as [string, string];
    if (a === "" && b === "") return { kind: Kind.Any, a: "", b: "" };
    if (b === "") return { kind: Kind.Prefix, a, b: "" };
    if (a === "") return { kind: Kind.Suffix, a: b, b: "" };
    return { kind: Kind.Both, a, b };
  }
  if (parts.length === 3 && parts[0] === "" && parts[2] === "") return { kind: Kind.Infix, a: parts[1]!, b: "" };
  return NONE;
}

/** Does s match the shape (kind !== None)? */
export function shapeMatches(sh: Shape, s: string): boolean {
  switch (sh.kind) {
    case Kind.Exact:
      return s === sh.a;
    case Kind.Any:
      return true;
    case Kind.Prefix:
      return s.startsWith(sh.a);
    case Kind.Suffix:
      return s.endsWith(sh.a);
    case Kind.Infix:
      return s.includes(sh.a);
    case Kind.Both:
      return s.length >= sh.a.length + sh.b.length && s.startsWith(sh.a) && s.endsWith(sh.b);
    default:
      throw new Error("ipsh: internal error: shapeMatches without a shape");
  }
}

/**
 * ${s#p} ${s##p} ${s%p} ${s%%p} for a pattern with a shape (kind !== None): remove the
 * shortest (#, %) or longest (##, %%) prefix (#) or suffix (%) that matches, if any.
 */
export function shapeRemove(sh: Shape, s: string, op: "#" | "##" | "%" | "%%"): string {
  const n = s.length;
  const a = sh.a;
  let k: number;
  switch (sh.kind) {
    case Kind.Exact:
      if (op === "#" || op === "##") return s.startsWith(a) ? s.slice(a.length) : s;
      return s.endsWith(a) ? s.slice(0, n - a.length) : s;
    case Kind.Any:
      // the shortest match is empty, the longest is all of s
      return op === "#" || op === "%" ? s : "";
    case Kind.Prefix: // a*
      if (op === "#") return s.startsWith(a) ? s.slice(a.length) : s;
      if (op === "##") return s.startsWith(a) ? "" : s;
      // a suffix starting with a: the shortest starts at the last a, the longest at the first
      k = op === "%" ? s.lastIndexOf(a) : s.indexOf(a);
      return k < 0 ? s : s.slice(0, k);
    case Kind.Suffix: // *a
      if (op === "%") return s.endsWith(a) ? s.slice(0, n - a.length) : s;
      if (op === "%%") return s.endsWith(a) ? "" : s;
      // a prefix ending with a: the shortest ends at the first a, the longest at the last
      k = op === "#" ? s.indexOf(a) : s.lastIndexOf(a);
      return k < 0 ? s : s.slice(k + a.length);
    case Kind.Infix: // *a*
      if (op === "##" || op === "%%") return s.includes(a) ? "" : s;
      if (op === "#") {
        k = s.indexOf(a);
        return k < 0 ? s : s.slice(k + a.length);
      }
      k = s.lastIndexOf(a);
      return k < 0 ? s : s.slice(0, k);
    case Kind.Both: {
      // a*b: starts with a, ends with b, the two not overlapping
      const b = sh.b;
      if (op === "#" || op === "##") {
        if (!s.startsWith(a)) return s;
        k = op === "#" ? s.indexOf(b, a.length) : s.lastIndexOf(b);
        return k < a.length ? s : s.slice(k + b.length);
      }
      const last = n - b.length - a.length; // the last start of a that leaves room for b
      if (last < 0 || !s.endsWith(b)) return s;
      k = op === "%" ? s.lastIndexOf(a, last) : s.indexOf(a);
      return k < 0 || k > last ? s : s.slice(0, k);
    }
    default:
      throw new Error("ipsh: internal error: shapeRemove without a shape");
  }
}
