// Bytes <-> text without losing bytes.
//
// The shell's words are JavaScript strings, but what it reads (files, pipes, command output,
// directory entries, its own script) is bytes, and not all bytes are UTF-8: a Latin-1 file, a
// binary blob in a variable, a file name from another system. A plain UTF-8 decoder turns each
// invalid byte into U+FFFD, and writing the text back out would then corrupt the user's data.
//
// So decoding uses the "surrogateescape" convention (PEP 383): a byte 0x80-0xFF that does not
// belong to a valid UTF-8 sequence becomes the lone low surrogate U+DC80-U+DCFF, one UTF-16 unit
// per byte (so ${#x} counts it as one character, as bash counts an invalid byte). Encoding turns
// such a lone surrogate back into its byte; everything else is ordinary UTF-8. A byte-order mark
// is text like any other (kept, never stripped). Valid UTF-8 cannot produce a lone surrogate (the
// encodings of U+D800-U+DFFF are themselves invalid), so the round trip is exact for any bytes.
//
// Every path where bytes become shell text or shell text becomes bytes goes through here:
// reading scripts, `read`, `$(...)` captures, directory entries, here-documents, output, and the
// C strings of paths, argv and envp.

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** A lone low surrogate in U+DC80-U+DCFF (not the second half of a pair): an escaped byte. */
const ESCAPED = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

/** Bytes as text: UTF-8, with each byte of an invalid sequence escaped as U+DC80 + (byte - 0x80). */
export function decodeUtf8(b: Uint8Array): string {
  try {
    return strict.decode(b);
  } catch {
    return decodeEscaping(b);
  }
}

/** Whether `s` holds escaped bytes (then it is not plain UTF-8 text). */
export function hasEscapedBytes(s: string): boolean {
  return ESCAPED.test(s);
}

/** Text as bytes: UTF-8, with escaped bytes written back as themselves. */
export function encodeUtf8(s: string): Uint8Array {
  if (!ESCAPED.test(s)) return encoder.encode(s);
  const out = new Uint8Array(s.length * 3);
  return out.subarray(0, encodeEscaping(s, out, 0));
}

/** Encode `s` into `buf` (which must have room for 3 bytes per UTF-16 unit); returns the length. */
export function encodeUtf8Into(s: string, buf: Uint8Array): number {
  if (!ESCAPED.test(s)) return encoder.encodeInto(s, buf).written;
  return encodeEscaping(s, buf, 0);
}

function decodeEscaping(b: Uint8Array): string {
  const n = b.length;
  let out = "";
  const units: number[] = [];
  const flush = () => {
    out += String.fromCharCode.apply(null, units);
    units.length = 0;
  };
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      units.push(c);
      i++;
    } else {
      const len = sequenceLength(b, i);
      if (len === 0) {
        units.push(0xdc00 + c);
        i++;
      } else {
        let cp = c & (len === 2 ? 0x1f : len === 3 ? 0x0f : 0x07);
        for (let k = 1; k < len; k++) cp = (cp << 6) | (b[i + k]! & 0x3f);
        if (cp >= 0x10000) {
          cp -= 0x10000;
          units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
        } else units.push(cp);
        i += len;
      }
    }
    if (units.length >= 8192) flush();
  }
  flush();
  return out;
}

/** Length of the valid UTF-8 sequence at b[i] (a non-ASCII lead byte), or 0 if there is none:
 *  no overlong forms, no surrogates, nothing above U+10FFFF, no missing continuation bytes. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  const n = b.length;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < n && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function encodeEscaping(s: string, out: Uint8Array, o: number): number {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let u = s.charCodeAt(i);
    if (u < 0x80) {
      out[o++] = u;
      continue;
    }
    if (u >= 0xd800 && u <= 0xdbff && i + 1 < n) {
      const v = s.charCodeAt(i + 1);
      if (v >= 0xdc00 && v <= 0xdfff) {
        const cp = 0x10000 + ((u - 0xd800) << 10) + (v - 0xdc00);
        out[o++] = 0xf0 | (cp >> 18);
        out[o++] = 0x80 | ((cp >> 12) & 0x3f);
        out[o++] = 0x80 | ((cp >> 6) & 0x3f);
        out[o++] = 0x80 | (cp & 0x3f);
        i++;
        continue;
      }
    }
    if (u >= 0xdc80 && u <= 0xdcff) {
      out[o++] = u - 0xdc00; // an escaped byte
      continue;
    }
    if (u >= 0xd800 && u <= 0xdfff) u = 0xfffd; // any other lone surrogate, as TextEncoder does
    if (u < 0x800) {
      out[o++] = 0xc0 | (u >> 6);
      out[o++] = 0x80 | (u & 0x3f);
    } else {
      out[o++] = 0xe0 | (u >> 12);
      out[o++] = 0x80 | ((u >> 6) & 0x3f);
      out[o++] = 0x80 | (u & 0x3f);
    }
  }
  return o;
}

/** Any character outside ASCII? */
const NON_ASCII = /[^\x00-\x7f]/;

/** Text as a "byte string": one char per byte (codes 0-255), the UTF-8 encoding of `s` with
 *  escaped bytes as themselves. For byte-exact formatting (printf) and byte semantics (the C
 *  locale: lengths, offsets and patterns count bytes). ASCII text is its own byte string. */
export function toByteString(s: string): string {
  if (!NON_ASCII.test(s)) return s;
  const b = encodeUtf8(s);
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString("latin1");
}

/** A byte string back to text: valid UTF-8 decoded, other bytes escaped (a byte string cut
 *  inside a character keeps the bytes it has). */
export function fromByteString(b: string): string {
  return NON_ASCII.test(b) ? decodeUtf8(Buffer.from(b, "latin1")) : b;
}

/** A path for node:fs: the string itself when it is plain text, else its exact bytes (node
 *  would encode an escaped byte as U+FFFD and look up another name). */
export function fsPath(s: string): string | Buffer {
  if (!ESCAPED.test(s)) return s;
  const b = encodeUtf8(s);
  return Buffer.from(b.buffer, b.byteOffset, b.length);
}

/** A path node:fs returned as bytes (`{ encoding: "buffer" }`), as shell text. */
export function pathText(b: Buffer | string): string {
  return typeof b === "string" ? b : decodeUtf8(b);
}
