import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hash53 } from "../../src/util/hash.ts";
import { RowIndex } from "../../src/util/row-index.ts";

describe("RowIndex", () => {
  it("answers like a Map for any keys, through growth and overwrites", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 2 ** 53 - 1 }), fc.integer({ min: -1e6, max: 1e6 })), { maxLength: 400 }), (pairs) => {
        const index = new RowIndex(4);
        const map = new Map<number, number>();
        for (const [k, v] of pairs) {
          index.set(k, v);
          map.set(k, v);
        }
        expect(index.size).toBe(map.size);
        for (const [k, v] of map) expect(index.get(k)).toBe(v);
        for (const [k] of pairs) expect(index.get(k + 1)).toBe(map.get(k + 1));
      }),
    );
  });

  it("holds a hundred thousand record keys in a few bytes each", () => {
    const index = new RowIndex();
    for (let i = 0; i < 100_000; i++) index.set(hash53(`rec-${i}\u0000dump.jsonl\u0000${i}`), i);
    expect(index.get(hash53("rec-77777\u0000dump.jsonl\u000077777"))).toBe(77777);
    expect(index.get(hash53("rec-77777\u0000other.jsonl\u000077777"))).toBeUndefined();
    expect(index.bytes / index.size).toBeLessThan(64);
  });
});
