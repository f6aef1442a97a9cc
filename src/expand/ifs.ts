// Field splitting (XCU 2.6.5): the IFS character classes and the splitter shared by word
// expansion and the `read` builtin.
//
// Rules (bash and dash agree):
//  - IFS unset: as if " \t\n". IFS empty: no splitting at all.
//  - IFS white space (space, tab, newline that are in IFS) at the start and end of the text is
//    ignored; a run of it separates fields.
//  - Every other IFS character delimits a field, together with the IFS white space around it:
//    "a,,b" gives a, "", b; a leading "," gives an empty first field; a trailing one does not
//    give an empty last field.

export const DEFAULT_IFS = " \t\n";

/** Character classes of one IFS value (cached: IFS rarely changes). */
export class IfsTable {
  /** ASCII flags: 1 = IFS white space, 2 = other IFS character */
  private readonly ascii = new Uint8Array(128);
  private readonly other: Set<string> | undefined;
  /** first character of IFS ("" when IFS is empty): the separator of "$*" */
  readonly first: string;
  readonly empty: boolean;

  constructor(readonly ifs: string) {
    this.first = ifs.length > 0 ? String.fromCodePoint(ifs.codePointAt(0)!) : "";
    this.empty = ifs.length === 0;
    for (const ch of ifs) {
      const c = ch.codePointAt(0)!;
      if (c < 128) this.ascii[c] = c === 32 || c === 9 || c === 10 ? 1 : 2;
      else (this.other ??= new Set()).add(ch);
    }
  }

  /** 0: not in IFS, 1: IFS white space, 2: other IFS character. c is a UTF-16 code unit. */
  classOf(s: string, i: number): number {
    const c = s.charCodeAt(i);
    if (c < 128) return this.ascii[c]!;
    if (this.other === undefined) return 0;
    return this.other.has(s[i]!) || this.other.has(String.fromCodePoint(s.codePointAt(i)!)) ? 2 : 0;
  }
}

let lastTable = new IfsTable(DEFAULT_IFS);

/** The table for an IFS value (undefined = unset = default). */
export function ifsTable(ifs: string | undefined): IfsTable {
  const v = ifs ?? DEFAULT_IFS;
  if (lastTable.ifs !== v) lastTable = new IfsTable(v);
  return lastTable;
}

/** Split one string into fields by IFS (no quoting involved: `read`, unquoted expansions). */
export function splitFields(s: string, ifs: string | undefined): string[] {
  const t = ifsTable(ifs);
  if (t.empty) return s === "" ? [] : [s];
  const out: string[] = [];
  let cur = "";
  let started = false;
  let wsEnded = false;
  let runStart = 0;
  for (let i = 0; i < s.length; i++) {
    const k = t.classOf(s, i);
    if (k === 0) {
      if (!started) runStart = i;
      started = true;
      wsEnded = false;
      continue;
    }
    if (started) cur = s.slice(runStart, i);
    if (k === 1) {
      if (started) {
        out.push(cur);
        started = false;
        wsEnded = true;
      }
    } else if (wsEnded) {
      wsEnded = false;
    } else {
      out.push(started ? cur : "");
      started = false;
    }
    cur = "";
  }
  if (started) out.push(s.slice(runStart));
  return out;
}
