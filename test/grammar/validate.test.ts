// The grammar is built with skipValidations in production; here Chevrotain validates it
// (ambiguities, left recursion, duplicate DSL indices) and the build time is bounded.
import { describe, expect, it } from "vitest";
import { validateGrammar } from "../../grammar/index.ts";

describe("Chevrotain grammar", () => {
  it("passes Chevrotain's grammar validations", () => {
    expect(() => validateGrammar()).not.toThrow();
  });
});
