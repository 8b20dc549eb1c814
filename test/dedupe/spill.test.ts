import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { PairCounts, PairList } from "../../src/dedupe/pairs.ts";
import { PairScratch, groupPairs, sortPairs, sortU32 } from "../../src/dedupe/radix.ts";
import { ShingleStore } from "../../src/dedupe/shingle-store.ts";
import { SpillFile } from "../../src/dedupe/spill.ts";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "tidings-spill-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const range = (from: number, n: number): Uint32Array => Uint32Array.from({ length: n }, (_, i) => (from + i) * 2654435761);

describe("spill file", () => {
  it("reads back by position what was appended, across buffer flushes", () => {
    const file = new SpillFile(tempDir(), "t");
    // more than one buffer of 2^20 values, in uneven pieces, one larger than the buffer itself
    const sizes = [3, 700_000, 500_000, 1_200_000, 1];
    const starts: number[] = [];
    let from = 0;
    for (const n of sizes) {
      starts.push(file.append(range(from, n)));
      from += n;
    }
    expect(starts).toEqual([0, 3, 700_003, 1_200_003, 2_400_003]);
    file.flush();
    const got = new Uint32Array(10);
    file.read(699_998, got);
    expect([...got]).toEqual([...range(699_998, 10)]);
    const last = new Uint32Array(1);
    file.read(2_400_003, last);
    expect(last[0]).toBe(range(2_400_003, 1)[0]);
    file.close();
  });

  it("streams every value in order, and refuses a read of what is still buffered", () => {
    const file = new SpillFile(tempDir(), "t");
    file.append(range(0, 1000));
    expect(() => file.read(0, new Uint32Array(4))).toThrow(/flush/);
    const seen: number[] = [];
    file.scan((chunk) => seen.push(...chunk), 300);
    expect(seen).toEqual([...range(0, 1000)]);
    file.close();
  });

  it("leaves nothing in its folder, while open or after close", () => {
    const dir = tempDir();
    const file = new SpillFile(dir, "t");
    file.append(range(0, 10));
    file.flush();
    // unlinked at open where the system allows it (not on Windows, where close deletes it)
    if (process.platform !== "win32") expect(readdirSync(dir)).toEqual([]);
    file.close();
    expect(readdirSync(dir)).toEqual([]);
    expect(() => file.append(range(0, 1))).toThrow(/closed/);
  });
});

describe("radix sort of pairs", () => {
  it("orders by key like a comparison sort and keeps equal keys in their order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 300 }), fc.boolean(), (raw, fewKeys) => {
        // few distinct keys make long runs of equal keys, where stability shows
        const keys = Uint32Array.from(raw, (k) => (fewKeys ? k % 5 : k));
        const values = Uint32Array.from(raw, (_, i) => i);
        const expected = [...keys].map((k, i) => [k, i]).sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
        sortPairs(keys, values, keys.length, new PairScratch());
        expect([...keys].map((k, i) => [k, values[i]])).toEqual(expected);
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it("sorts plain 32-bit numbers like a comparison sort, few or many, in place", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 2000 }), fc.nat(3), (raw, narrow) => {
        // narrow values leave the upper bytes equal, so some passes are skipped
        const values = Uint32Array.from(raw, (v) => (narrow === 0 ? v & 0xfff : v));
        const expected = [...values].sort((a, b) => a - b);
        const view = values.subarray(0);
        expect(sortU32(view)).toBe(view);
        expect([...values]).toEqual(expected);
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it("groups equal keys together, in their given order, also keys equal only in their low bits", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.nat(7)), { maxLength: 300 }), (raw) => {
        // keys that share their low 22 bits in fours, differing only above them
        const keys = Uint32Array.from(raw, ([low, high]) => ((high << 22) | (low * 12345)) >>> 0);
        const values = Uint32Array.from(raw, (_, i) => i);
        const given = [...keys];
        groupPairs(keys, values, keys.length, new PairScratch());
        expect([...values].map((i) => given[i])).toEqual([...keys]);
        const seen = new Set<number>();
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i] as number;
          if (i > 0 && k === keys[i - 1]) expect(values[i] as number).toBeGreaterThan(values[i - 1] as number);
          else {
            expect(seen.has(k)).toBe(false);
            seen.add(k);
          }
        }
      }),
      { numRuns: 200, seed: 9 },
    );
  });

  it("groups long runs of keys equal in their low bits as a stable sort by low, then high bits does", () => {
    // keys that are not hashes: thousands share their low 22 bits and differ above them
    const r = fc.sample(fc.tuple(fc.nat(2), fc.nat(1023)), { numRuns: 6000, seed: 4 });
    const keys = Uint32Array.from(r, ([low, high]) => ((high << 22) | (low * 777)) >>> 0);
    const values = Uint32Array.from(r, (_, i) => i);
    const given = [...keys];
    const expected = [...values].sort((x, y) => {
      const a = given[x] as number;
      const b = given[y] as number;
      return (a & 0x3fffff) - (b & 0x3fffff) || (a >>> 22) - (b >>> 22) || x - y;
    });
    groupPairs(keys, values, keys.length, new PairScratch());
    expect([...values]).toEqual(expected);
    expect([...keys]).toEqual(expected.map((i) => given[i]));
  });

  it("sorts only the first n pairs", () => {
    const keys = Uint32Array.from([9, 3, 7, 1]);
    const values = Uint32Array.from([0, 1, 2, 3]);
    sortPairs(keys, values, 3, new PairScratch());
    expect([...keys]).toEqual([3, 7, 9, 1]);
    expect([...values]).toEqual([1, 2, 0, 3]);
  });
});

describe("pair list", () => {
  it("counts each unordered pair once, with how often it was added", () => {
    const list = new PairList();
    for (const [a, b] of [[5, 2], [2, 5], [1, 7], [70000, 3], [2, 5], [0, 1]] as const) list.push(a, b);
    const seen: [number, number, number][] = [];
    list.forEachDistinct((a, b, times) => seen.push([a, b, times]));
    expect(seen).toEqual([[0, 1, 1], [1, 7, 1], [2, 5, 3], [3, 70000, 1]]);
    list.distinct();
    expect(list.length).toBe(4);
    expect([list.indexOf(5, 2), list.indexOf(70000, 3), list.indexOf(0, 1), list.indexOf(2, 7), list.indexOf(9, 9)]).toEqual([2, 3, 0, -1, -1]);
  });
});

describe("pair counts", () => {
  it("adds up how often each pair was seen over several lists, and empties each list", () => {
    const counts = new PairCounts();
    const list = new PairList();
    for (const [a, b] of [[1, 2], [3, 4], [2, 1]] as const) list.push(a, b);
    counts.add(list);
    expect(list.length).toBe(0);
    for (const [a, b] of [[0, 9], [4, 3], [1, 2], [5, 6]] as const) list.push(a, b);
    counts.add(list);
    const seen = Array.from({ length: counts.length }, (_, i) => [counts.first[i], counts.second[i], counts.times[i]]);
    expect(seen).toEqual([[0, 9, 1], [1, 2, 3], [3, 4, 2], [5, 6, 1]]);
  });
});

describe("shingle store", () => {
  const k = 4;
  const lengthFor = (words: number): number => (words === 0 ? 0 : words < k ? 1 : words - k + 1);

  function storeWith(wordCounts: (number | null)[]): { store: ShingleStore; shingles: (Uint32Array | null)[] } {
    const store = new ShingleStore(tempDir(), (row) => {
      const w = wordCounts[row];
      return w === null || w === undefined ? 0 : lengthFor(w);
    });
    const shingles = wordCounts.map((w, row) => (w === null ? null : range(row * 1000, lengthFor(w))));
    shingles.forEach((s, row) => store.add(s, s ? s.slice(0, Math.min(2, s.length)) : null));
    return { store, shingles };
  }

  it("reads back the rows asked for, wherever they are, rows next to each other in one piece", () => {
    // 150 rows over three blocks of 64; rows of an earlier run (null) have no shingles
    const counts = Array.from({ length: 150 }, (_, i) => (i % 10 === 3 ? null : i % 7 === 0 ? 0 : 2 + ((i * 37) % 300)));
    const { store, shingles } = storeWith(counts);
    const rows = Uint32Array.from([0, 1, 2, 3, 63, 64, 65, 100, 149]);
    const out = new Uint32Array(10_000);
    const starts = store.read(rows, rows.length, out);
    rows.forEach((row, i) => {
      const got = out.subarray(starts[i] as number, starts[i + 1] as number);
      expect([...got]).toEqual([...(shingles[row] ?? [])]);
    });
    store.close();
  });

  it("streams each stored row's anchors with its row, skipping rows without shingles", () => {
    const { store, shingles } = storeWith([5, null, 0, 1, 9]);
    const seen: [number, number[]][] = [];
    store.forEachAnchors((row, anchors) => seen.push([row, [...anchors]]));
    expect(seen.map(([row]) => row)).toEqual([0, 2, 3, 4]);
    expect(seen[3]?.[1]).toEqual([...(shingles[4] as Uint32Array).subarray(0, 2)]);
    expect(seen[1]?.[1]).toEqual([]);
    store.close();
  });

  it("refuses a row whose shingles do not match its word count", () => {
    const store = new ShingleStore(tempDir(), () => 3);
    expect(() => store.add(range(0, 2), null)).toThrow(/word count/);
    store.close();
  });
});
