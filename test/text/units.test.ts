import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CodeUnits } from "../../src/text/units.ts";

/** The first `text.length` elements of `units` against the string's own code units. */
function sameUnits(units: Uint16Array, text: string): boolean {
  if (units.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (units[i] !== text.charCodeAt(i)) return false;
  return true;
}

describe("code units", () => {
  it("holds each unit of any string, lone surrogates included, whatever was loaded before", () => {
    const units = new CodeUnits();
    // one reader for a run of texts, as a scanner keeps it: shorter, longer, emptier than the last
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary", maxLength: 5000 }), { minLength: 1, maxLength: 8 }), (texts) => {
        for (const text of texts) expect(sameUnits(units.load(text), text)).toBe(true);
      }),
      { numRuns: 300 },
    );
    for (const text of ["", "a", "\ud800", "\udc00a", "é’😀", "x".repeat(20_000) + "\ud83d"]) expect(sameUnits(units.load(text), text)).toBe(true);
  });

  it("reads a text bigger than it keeps, then goes on with its own array", () => {
    const units = new CodeUnits();
    const small = units.load("before");
    const huge = "ab\u2019".repeat(800_000);
    const big = units.load(huge);
    expect(big).not.toBe(small);
    expect(sameUnits(big, huge)).toBe(true);
    // the huge text's array is not kept: the next text is read into the array kept before
    expect(units.load("after")).toBe(small);
    expect(sameUnits(small, "after")).toBe(true);
  });

  it("keeps no array longer than 262,144 units, however its texts grow", () => {
    const units = new CodeUnits();
    for (const length of [1_000, 100_000, 200_000, 262_144, 150_000]) {
      const text = "x".repeat(length);
      expect(sameUnits(units.load(text), text)).toBe(true);
    }
    // the array kept is the one the next short text is read into
    expect(units.load("short").length).toBeLessThanOrEqual(1 << 18);
    expect(units.load("y".repeat(300_000)).length).toBe(300_000);
    expect(units.load("short").length).toBeLessThanOrEqual(1 << 18);
  });
});
