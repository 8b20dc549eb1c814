/**
 * foldHash53 stands in for hash53(fold(text)) (templates hash every short line of every article):
 * it must give the same number for every text, ASCII or not, including the characters where folding
 * is more than lower-casing ASCII (letters outside ASCII, ligatures, İ, lone surrogates, symbols that
 * have a lower case).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fold } from "../../src/text/measure.ts";
import { foldHash53, hash53 } from "../../src/util/hash.ts";

const PIECES = [
  " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u200b", "\u3000", "\u00ad", ".", ", ", "'", "’", "“", "”", "—", "-", "|", "»", "©", "•",
  "0", "42", "2,400", "½", "٣", "Ⅻ", "Ⓐ", "ⓐ", "a", "Z", "é", "É", "ß", "İ", "ı", "\u212a", "ǅ", "\u0301", "\u0345", "ﬁ", "Ｒ", "𝐀", "😀", "\ud800", "\udc00",
  "Москва", "東京", "the", "The", "U.S.", "SIGN UP", "Read more", "Follow us on X",
];
const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join("")),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ maxLength: 60 }),
);

/** Letters of Latin, Greek and Cyrillic (hashed without folding), ASCII, marks and separators around them. */
const LETTERS = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0x00a0, max: 0x052f }),
      fc.integer({ min: 0x1e00, max: 0x1fff }),
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.constantFrom(0x03a3, 0x03c2, 0x0301, 0x0308, 0x0345, 0x1100, 0x1161, 0xac00, 0x2160, 0xff21, 0x0130),
    ),
    { maxLength: 40 },
  )
  .map((codes) => String.fromCharCode(...codes));

describe("foldHash53", () => {
  it("equals hash53(fold(text)) on text in Latin, Greek and Cyrillic, accents and all", () => {
    fc.assert(fc.property(LETTERS, (t) => {
        expect(foldHash53(t)).toBe(hash53(fold(t)));
      }), { numRuns: 20000 });
  });

  it("equals hash53(fold(text)) on random text", () => {
    fc.assert(fc.property(text, (t) => {
        expect(foldHash53(t)).toBe(hash53(fold(t)));
      }), { numRuns: 5000 });
  });

  it("equals it on lines of the kinds templates hash", () => {
    for (const t of ["Ώρα ΣΟΦΙΑΣ", "ΟΔΟΣ Σ", "Straße STRASSE ẞ", "Ǆemal ǅ ǆ", "ſtraße", "µ-Wert", "Ĳssel", "Москва́", "Zürich – Genève", "İzmir", "Hangul 한국", "ﬁnal", "Ｆｕｌｌ", "1²³ ½", "Share this article", "  Sign up   for our NEWSLETTER! ", "© 2024 Daily Example — All rights reserved", "Ⓐ circled", "İstanbul", "Read more » Ⅻ", "a\u0301b"]) {
      expect(foldHash53(t)).toBe(hash53(fold(t)));
    }
  });

  it("tells apart texts that fold apart", () => {
    expect(foldHash53("Read more")).not.toBe(foldHash53("Read mores"));
    expect(foldHash53("Read more")).toBe(foldHash53("READ — more!"));
  });
});
