// Screen layout of prompt + edit buffer: what to write and where every character lands, so the
// editor can put the cursor where the terminal shows it, across line wraps, wide (2-column) and
// zero-width characters, multi-line prompts and newlines inside the buffer.
//
// Terminal model (xterm/VT100 with auto-wrap): writing into the last column leaves the cursor in a
// "pending wrap" state on that row; the next printable character goes to column 0 of the next row.
// A wide character that does not fit in the columns left moves to the next row. We never rely on
// the pending state: the layout emits an explicit CR LF wherever a row ends before a wide
// character, and after text that ends exactly at the right margin, so the real cursor always
// matches the computed position.
//
// In the prompt, text between \x01 and \x02 (PS1's \[ \]) and CSI escape sequences take no space.
// In the buffer, control characters are shown in caret notation (^X), TAB as spaces to the next
// multiple of 8, and a newline starts a new row.
import { wcwidth } from "./wcwidth.ts";

export interface Layout {
  /** The text to write (starting at column 0 of the first row). */
  out: string;
  /** Row and column of the cursor, relative to the first row. */
  cursorRow: number;
  cursorCol: number;
  /** Row and column after the last character (where the real cursor is after writing `out`). */
  endRow: number;
  endCol: number;
}

/** Lays out `prompt` followed by `buf` in `cols` columns, with the cursor at buf index `cursor`. */
export function layout(prompt: string, buf: string, cursor: number, cols: number): Layout {
  let out = "";
  let row = 0;
  let col = 0;
  if (cols < 2) cols = 2;
  // Places a visible cell group of width w (already known to be printable as `text`).
  const put = (text: string, w: number) => {
    if (col + w > cols) {
      out += col < cols ? "\r\n" : "";
      row++;
      col = 0;
    } else if (col === cols) {
      row++;
      col = 0;
    }
    out += text;
    col += w;
  };
  // Prompt.
  let invisible = false;
  for (let i = 0; i < prompt.length; i++) {
    const ch = prompt[i]!;
    if (ch === "\x01") {
      invisible = true;
      continue;
    }
    if (ch === "\x02") {
      invisible = false;
      continue;
    }
    if (invisible) {
      out += ch;
      continue;
    }
    if (ch === "\x1b" && prompt[i + 1] === "[") {
      let j = i + 2;
      while (j < prompt.length && !(prompt.charCodeAt(j) >= 0x40 && prompt.charCodeAt(j) <= 0x7e)) j++;
      out += prompt.slice(i, j + 1);
      i = j;
      continue;
    }
    if (ch === "\n") {
      if (col === cols) {
        out += "\r\n";
        row++;
      } else {
        out += "\r\n";
        row++;
      }
      col = 0;
      continue;
    }
    if (ch === "\r") {
      out += "\r";
      col = 0;
      continue;
    }
    const cp = prompt.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const w = wcwidth(cp);
    if (w === 0) out += String.fromCodePoint(cp);
    else if (w < 0) out += String.fromCodePoint(cp); // bell and friends: no cell
    else put(String.fromCodePoint(cp), w);
  }
  // Buffer.
  let cursorRow = -1;
  let cursorCol = 0;
  for (let i = 0; i < buf.length; i++) {
    const cp = buf.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    if (i === cursor) {
      // The cursor sits where the next character will land.
      if (cp === 10) {
        cursorRow = col === cols ? row + 1 : row;
        cursorCol = col === cols ? 0 : col;
      } else {
        const w = cellWidth(cp, col);
        if (col + w > cols || col === cols) {
          cursorRow = row + 1;
          cursorCol = 0;
        } else {
          cursorRow = row;
          cursorCol = col;
        }
      }
    }
    if (cp === 10) {
      out += "\r\n";
      row++;
      col = 0;
    } else if (cp === 9) {
      const w = cellWidth(9, col === cols ? 0 : col);
      put(" ".repeat(w), w);
    } else {
      const w = wcwidth(cp);
      if (w > 0) put(String.fromCodePoint(cp), w);
      else if (w === 0) out += String.fromCodePoint(cp);
      else put("^" + String.fromCharCode(cp === 0x7f ? 0x3f : (cp & 0x1f) + 0x40), 2);
    }
    i += len - 1;
  }
  if (col === cols) {
    out += "\r\n";
    row++;
    col = 0;
  }
  if (cursorRow < 0) {
    cursorRow = row;
    cursorCol = col;
  }
  return { out, cursorRow, cursorCol, endRow: row, endCol: col };
}

function cellWidth(cp: number, col: number): number {
  if (cp === 9) return 8 - (col % 8);
  const w = wcwidth(cp);
  return w < 0 ? 2 : w;
}

/** Escape sequence moving the cursor from (fromRow, fromCol) to (toRow, toCol). */
export function moveCursor(fromRow: number, fromCol: number, toRow: number, toCol: number): string {
  let s = "";
  if (toRow < fromRow) s += `\x1b[${fromRow - toRow}A`;
  else if (toRow > fromRow) s += `\x1b[${toRow - fromRow}B`;
  if (toCol !== fromCol) {
    s += "\r";
    if (toCol > 0) s += `\x1b[${toCol}C`;
  }
  return s;
}

/** Lays out completion candidates in columns, sorted down the columns as readline does. */
export function formatColumns(items: string[], cols: number): string {
  let width = 0;
  for (const it of items) width = Math.max(width, stringCells(it));
  width += 2;
  const perLine = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(items.length / perLine);
  let out = "";
  for (let r = 0; r < rows; r++) {
    let line = "";
    for (let c = 0; c < perLine; c++) {
      const k = c * rows + r;
      if (k >= items.length) break;
      const it = items[k]!;
      const last = (c + 1) * rows + r >= items.length;
      line += last ? it : it + " ".repeat(width - stringCells(it));
    }
    out += line + "\r\n";
  }
  return out;
}

function stringCells(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cw = wcwidth(ch.codePointAt(0)!);
    w += cw < 0 ? 2 : cw;
  }
  return w;
}
