/** The text helpers of dom.ts against the regular expressions whose meaning they keep. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collapse } from "../../src/html/dom.ts";

const byRegex = (text: string): string => text.replace(/\s+/g, " ").trim();

describe("collapse", () => {
  const cases = ["", " ", "\n\t ", "word", "two words", " lead", "trail ", "a  b", "a\nb", "a\u00a0b", "\u3000x\u3000", "x \u2028 y", "é ü ß", "a \ufeff"];
  for (const text of cases) it(`reads ${JSON.stringify(text)} as the regular expression does`, () => expect(collapse(text)).toBe(byRegex(text)));

  it("returns text that needs no change as the same string", () => {
    const text = "Already collapsed text, with single spaces.";
    expect(collapse(text)).toBe(text);
  });

  it("agrees with the regular expression on any text", () => {
    const unit = fc.constantFrom(" ", "\n", "\t", "\u00a0", "\u2009", "\u3000", "a", "Z", "é", "-", "\ud83d\ude00", "\u0085", "\u180e");
    fc.assert(fc.property(fc.array(unit, { maxLength: 30 }).map((a) => a.join("")), (text) => collapse(text) === byRegex(text)), { numRuns: 3000 });
  });
});
