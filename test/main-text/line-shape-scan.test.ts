/**
 * The shape scan agrees with the pattern it stands in for, on random text with non-ASCII case,
 * marks, digits of other scripts, astral letters, lone surrogates and odd white space.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineShape } from "../../src/segment/line-shape.ts";

const TOKEN = /(\p{Lu}[\p{L}\p{M}'’-]*)|([\p{Ll}\p{Lo}][\p{L}\p{M}'’-]*)|(\p{N}+(?:[.,]\p{N}+)*)/gu;
const byPattern = (text: string): string =>
  text
    .replace(TOKEN, (_t, upper?: string, lower?: string) => (upper ? "A" : lower ? "a" : "0"))
    .replace(/\s+/g, " ")
    .trim();

const pieces = [
  "A", "z", "É", "é", "ǅ", "ʰ", "\u0301", "中", "ß", "İ", "7", "٣", "½", "²", ".", ",", "-", "'", "’", ":", "(", ")",
  " ", "\t", "\u00a0", "\u2028", "\ufeff", "\u0085", "𝐀", "𝐚", "😀", "\ud800", "\udc00", "iPhone", "12,000", "1.5.", "x-ray", "’s",
];

describe("lineShape", () => {
  it("agrees with the pattern on random text", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        expect(lineShape(text)).toBe(byPattern(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees with the pattern on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
        expect(lineShape(text)).toBe(byPattern(text));
      }),
      { numRuns: 3000 },
    );
  });
});
