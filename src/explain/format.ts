// Plain-text rendering for the teaching views (signals, fds, ipc) and the benchmark report:
// aligned columns separated by two spaces, a header row, no trailing blanks. Output goes to
// terminals and to pipes (grep, awk), so there are no box-drawing characters and no colours:
// one row per line, one field per column, fields never contain the separator run.

export type Align = "left" | "right";

/** Display width of a string: code points (the views print ASCII, µ and the odd arrow). */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function pad(s: string, w: number, align: Align): string {
  const fill = w - width(s);
  if (fill <= 0) return s;
  return align === "right" ? " ".repeat(fill) + s : s + " ".repeat(fill);
}

/**
 * Render rows under a header as aligned columns. `align[i]` defaults to left. The last column
 * is not padded when left-aligned, so lines carry no trailing spaces.
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const ncol = header.length;
  const widths = header.map(width);
  for (const r of rows) {
    for (let i = 0; i < ncol; i++) {
      const w = width(r[i] ?? "");
      if (w > widths[i]!) widths[i] = w;
    }
  }
  const line = (cells: readonly string[]): string => {
    const parts: string[] = [];
    for (let i = 0; i < ncol; i++) {
      const a = align[i] ?? "left";
      const cell = cells[i] ?? "";
      parts.push(i === ncol - 1 && a === "left" ? cell : pad(cell, widths[i]!, a));
    }
    return parts.join("  ").trimEnd();
  };
  let out = line(header) + "\n";
  for (const r of rows) out += line(r) + "\n";
  return out;
}

/** A title line followed by the rendered table, for views that show several tables. */
export function renderSection(title: string, header: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[]): string {
  return `${title}\n${rows.length === 0 ? "  (none)\n" : indent(renderTable(header, rows, align), "  ")}`;
}

export function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((l) => (l === "" ? l : prefix + l))
    .join("\n");
}
