import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SetOverlap } from "../../src/dedupe/overlap.ts";
import { intersectionSize, toSortedSet } from "../../src/dedupe/similarity.ts";

/** Hash-like values: few distinct ones, so that lists repeat them and share many. */
const list = (maxLength: number) => fc.array(fc.integer({ min: 0, max: 60 }).map((v) => Math.imul(v + 1, 0x9e3779b1) >>> 0), { maxLength });

describe("set overlap by hash table", () => {
  it("counts distinct hashes and shared ones as sorted sets do, pair after pair", () => {
    const overlap = new SetOverlap();
    fc.assert(
      fc.property(fc.array(fc.tuple(list(300), list(300)), { minLength: 1, maxLength: 4 }), (pairs) => {
        for (const [a, b] of pairs) {
          // the two lists somewhere inside one buffer, as the spill reads them
          const values = new Int32Array(Uint32Array.from([7, ...a, 7, 7, ...b]).buffer);
          overlap.measure(values, 1, a.length, a.length + 3, b.length);
          const setA = toSortedSet(Uint32Array.from(a));
          const setB = toSortedSet(Uint32Array.from(b));
          expect([overlap.sizeA, overlap.sizeB, overlap.common]).toEqual([setA.length, setB.length, intersectionSize(setA, setB)]);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it("counts the same when a run of pairs shares its first list, filled once", () => {
    const overlap = new SetOverlap();
    fc.assert(
      fc.property(list(300), fc.array(list(600), { minLength: 1, maxLength: 5 }), (a, bs) => {
        bs.forEach((b, k) => {
          // the first list moves in the buffer from call to call, as it does from batch to batch
          const values = new Int32Array(Uint32Array.from([...Array(k).fill(5), ...b, 9, ...a]).buffer);
          overlap.measure(values, k + b.length + 1, a.length, k, b.length, k > 0);
          const setA = toSortedSet(Uint32Array.from(a));
          const setB = toSortedSet(Uint32Array.from(b));
          expect([overlap.sizeA, overlap.sizeB, overlap.common]).toEqual([setA.length, setB.length, intersectionSize(setA, setB)]);
        });
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it("grows for long lists", () => {
    const overlap = new SetOverlap();
    const a = Uint32Array.from({ length: 100 }, (_, i) => Math.imul(i, 0x85ebca6b) >>> 0);
    const b = Uint32Array.from({ length: 50_000 }, (_, i) => Math.imul(i + 50, 0x85ebca6b) >>> 0);
    overlap.measure(new Int32Array(Uint32Array.from([...a, ...b]).buffer), 0, a.length, a.length, b.length);
    expect([overlap.sizeA, overlap.sizeB, overlap.common]).toEqual([100, 50_000, 50]);
  });
});
