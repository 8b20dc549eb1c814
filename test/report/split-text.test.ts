import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitText } from "../../src/report/split-text.ts";

describe("splitText", () => {
  it("cuts into pieces no longer than the size that join back to the text", () => {
    expect(splitText("abcdefg", 3)).toEqual(["abc", "def", "g"]);
    expect(splitText("", 3)).toEqual([]);
  });

  it("never leaves half of a surrogate pair at the end of a piece", () => {
    const text = "ab😀cd😀😀e";
    for (let size = 2; size < 8; size++) {
      const pieces = splitText(text, size);
      expect(pieces.join("")).toBe(text);
      for (const p of pieces) {
        expect(p.length).toBeLessThanOrEqual(size);
        expect(Buffer.from(p, "utf8").toString("utf8")).toBe(p);
      }
    }
  });

  it("round-trips any text through UTF-8, piece by piece", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), fc.integer({ min: 2, max: 40 }), (text, size) => {
        const pieces = splitText(text, size);
        expect(pieces.map((p) => Buffer.from(p, "utf8").toString("utf8")).join("")).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
