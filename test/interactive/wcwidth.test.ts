// Character widths as glibc's wcwidth() reports them (values checked with Python's ctypes wcwidth
// in a UTF-8 locale).
import { describe, expect, it } from "vitest";
import { isZeroWidth, stringWidth, wcwidth } from "../../src/interactive/wcwidth.ts";

describe("wcwidth", () => {
  it("ASCII, controls, Latin", () => {
    expect(wcwidth(0x41)).toBe(1);
    expect(wcwidth(0x07)).toBe(-1);
    expect(wcwidth(0x9b)).toBe(-1);
    expect(wcwidth(0xe9)).toBe(1);
    expect(wcwidth(0)).toBe(0);
  });
  it("wide: CJK, kana, Hangul, fullwidth, emoji, plane 2", () => {
    for (const c of ["日", "本", "あ", "カ", "한", "Ａ", "😀", "🎉", "𠀀", "〇"]) expect(wcwidth(c.codePointAt(0)!), c).toBe(2);
  });
  it("zero width: combining marks, ZWJ, variation selectors, Hangul jungseong", () => {
    for (const cp of [0x301, 0x20dd, 0x200d, 0xfe0f, 0x1160, 0x200b]) expect(wcwidth(cp), cp.toString(16)).toBe(0);
    expect(isZeroWidth(0x301)).toBe(true);
    expect(isZeroWidth(0x61)).toBe(false);
  });
  it("narrow symbols stay narrow", () => {
    for (const c of ["€", "→", "☺", "ß", "Ω"]) expect(wcwidth(c.codePointAt(0)!), c).toBe(1);
  });
  it("stringWidth", () => {
    expect(stringWidth("abc")).toBe(3);
    expect(stringWidth("日本語")).toBe(6);
    expect(stringWidth("e\u0301")).toBe(1);
    expect(stringWidth("a😀b")).toBe(4);
  });
});
