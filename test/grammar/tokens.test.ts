// grammar/tokens.ts fills in the Word category itself instead of passing `categories` to
// createToken (start-up cost). It must be exactly what Chevrotain derives: the parser's
// constructor derives it again from CATEGORIES, and nothing may change.
import { createToken, Lexer } from "chevrotain";
import { describe, expect, it } from "vitest";
import { ShParser } from "../../grammar/parser.ts";
import { allTokens, Word, WordTok, If, NewLine } from "../../grammar/tokens.ts";

const snapshot = () =>
  allTokens.map((t) => [t.name, t.tokenTypeIdx, t.CATEGORIES?.map((c) => c.name), t.categoryMatches, { ...t.categoryMatchesMap }, t.isParent]);

describe("token types", () => {
  it("have the category data Chevrotain derives for them", () => {
    const before = snapshot();
    new ShParser("analyse");
    expect(snapshot()).toEqual(before);
  });

  it("Word has the ordinary word and every reserved word as members, and only those", () => {
    const members = allTokens.filter((t) => t.CATEGORIES?.includes(Word));
    expect(members).toContain(WordTok);
    expect(members).toContain(If);
    expect(members).not.toContain(NewLine);
    expect(Word.categoryMatches).toEqual(members.map((t) => t.tokenTypeIdx));
    expect(Word.isParent).toBe(true);
    // what createToken with `categories` gives a member
    const probe = createToken({ name: "Probe", pattern: Lexer.NA, categories: [Word] });
    expect(Word.categoryMatchesMap![probe.tokenTypeIdx!]).toBe(true);
  });
});
