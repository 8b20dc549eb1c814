import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DetailSampler } from "../../src/report/detail-sampler.ts";

interface Item {
  id: string;
  features: string[];
}

function sample(items: readonly Item[], limit: number): string[] {
  const sampler = new DetailSampler<string>(limit);
  for (const item of items) sampler.consider(item.id, item.features, () => item.id);
  return sampler.chosen().sort();
}

const items: Item[] = Array.from({ length: 500 }, (_, i) => ({
  id: `article-${i}`,
  // Most articles share common rules; a few rare ones appear in one article each.
  features: [`rule:common-${i % 3}`, `category:c${i % 5}`, ...(i % 97 === 0 ? [`rule:rare-${i}`] : [])],
}));

describe("DetailSampler", () => {
  it("covers every feature when the limit allows it", () => {
    const chosen = new Set(sample(items, 20));
    const all = new Set(items.flatMap((i) => i.features));
    for (const feature of all) {
      expect(items.some((i) => chosen.has(i.id) && i.features.includes(feature)), feature).toBe(true);
    }
  });

  it("fills up to the limit and never beyond", () => {
    expect(sample(items, 20)).toHaveLength(20);
    expect(sample(items, 3)).toHaveLength(3);
    expect(sample(items.slice(0, 5), 20)).toHaveLength(5);
    expect(sample(items, 0)).toEqual([]);
  });

  it("does not depend on the order articles are seen in", () => {
    const expected = sample(items, 25);
    fc.assert(
      fc.property(fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }), (shuffled) => {
        expect(sample(shuffled, 25)).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });

  it("builds a payload only for articles it keeps as candidates", () => {
    const sampler = new DetailSampler<string>(2);
    let built = 0;
    for (const item of items) sampler.consider(item.id, [], () => `${built++}`);
    expect(built).toBeLessThan(items.length / 4);
  });
});
