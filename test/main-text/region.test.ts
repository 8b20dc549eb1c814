import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxSumRegion } from "../../src/segment/region.ts";

/** The best slice by brute force: every start and end. */
function bruteBest(scores: number[]): number {
  let best = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < scores.length; i++) {
    let sum = 0;
    for (let j = i; j < scores.length; j++) {
      sum += scores[j] as number;
      best = Math.max(best, sum);
    }
  }
  return best;
}

describe("maxSumRegion", () => {
  it("takes the prose between menus, with the short line inside it", () => {
    // menu, menu, paragraph, heading, paragraph, footer, footer
    expect(maxSumRegion([-3, -3, 40, -3, 30, -4, -4])).toEqual({ start: 2, end: 5, sum: 67 });
  });

  it("does not cross a gap that costs more than the prose beyond it", () => {
    expect(maxSumRegion([50, -20, 10])).toEqual({ start: 0, end: 1, sum: 50 });
  });

  it("returns null when nothing scores above zero", () => {
    expect(maxSumRegion([-1, -2, 0])).toBeNull();
    expect(maxSumRegion([])).toBeNull();
  });

  it("finds a slice as heavy as the best one, starting and ending on prose", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 40 }), (scores) => {
        const r = maxSumRegion(scores);
        const best = bruteBest(scores);
        if (best <= 0) return r === null;
        if (r === null) return false;
        const sum = scores.slice(r.start, r.end).reduce((a, b) => a + b, 0);
        return sum === best && r.sum === best && (scores[r.start] as number) > 0 && (scores[r.end - 1] as number) > 0;
      }),
    );
  });
});
