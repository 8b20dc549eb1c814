/**
 * The one-scan word count of prose features agrees with counting the list that `words()` makes, on
 * random text with non-ASCII case, digits of other scripts, marks, astral letters and lone surrogates.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wordStats } from "../../src/segment/prose-score.ts";
import { words } from "../../src/text/measure.ts";

const stops = new Set(["the", "of", "és", "i̇s", "ß"]);

function byList(text: string): { count: number; stops: number; capitalised: number; numeric: number } {
  const ws = words(text);
  let capitalised = 0;
  let numeric = 0;
  for (const w of ws) {
    const first = w.charAt(0);
    if (first !== first.toLowerCase()) capitalised++;
    else if (first >= "0" && first <= "9") numeric++;
  }
  return { count: ws.length, stops: ws.filter((w) => stops.has(w.toLowerCase())).length, capitalised, numeric };
}

const pieces = ["The", "the", "OF", "of", "És", "İs", "ß", "SS", "7", "٣", "½", "x", "'", "’", "-", "--", " ", ".", "\u0301", "中文", "𝐀", "𝐚b", "\ud800", "\udc00", "don't", "state-owned", "’s", "1,000"];

describe("wordStats", () => {
  it("agrees with counting the words() list", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        expect(wordStats(text, stops)).toEqual(byList(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
        expect(wordStats(text, stops)).toEqual(byList(text));
      }),
      { numRuns: 3000 },
    );
  });
});
