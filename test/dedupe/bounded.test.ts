import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { anchorsOf } from "../../src/dedupe/candidates.ts";
import { fingerprint } from "../../src/dedupe/fingerprint.ts";
import { PairQueue, PairSpool } from "../../src/dedupe/pair-spool.ts";
import { PairScratch } from "../../src/dedupe/radix.ts";
import { type Resolution, type ResolveOptions, pairsForBudget, resolveDuplicates } from "../../src/dedupe/resolve.ts";
import { SURVIVOR_CRITERIA } from "../../src/dedupe/survivor.ts";
import { ArticleTable } from "../../src/dedupe/table.ts";
import type { Draft } from "../../src/draft.ts";
import { dedupe } from "../../src/stages/dedupe.ts";
import { article, nearCopy, rng } from "../support/corpus.ts";
import { draftOf } from "./fixtures.ts";
import { runCorpusStage } from "./run-corpus.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "tidings-bounded-"));
  dirs.push(dir);
  return dir;
}

/** Random pairs of distinct rows among a few hundred, many of them repeated. */
function randomPairs(count: number, seed: number): [number, number][] {
  const r = rng(seed);
  const out: [number, number][] = [];
  while (out.length < count) {
    const a = Math.floor(r() * 300);
    const b = Math.floor(r() * 300);
    if (a !== b) out.push([a, b]);
  }
  return out;
}

/** Each distinct pair (smaller row first) with how often it comes, in order: worked out plainly. */
function expected(pairs: readonly [number, number][]): string[] {
  const times = new Map<string, number>();
  const keyed = new Map<string, [number, number]>();
  for (const [x, y] of pairs) {
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}-${b}`;
    times.set(key, (times.get(key) ?? 0) + 1);
    keyed.set(key, [a, b]);
  }
  return [...keyed.entries()].sort(([, p], [, q]) => p[0] - q[0] || p[1] - q[1]).map(([key]) => `${key}x${Math.min(255, times.get(key) as number)}`);
}

function drain(spool: PairSpool, counted: boolean): string[] {
  const out: string[] = [];
  for (const s = spool.stream(); s.next(); ) out.push(counted ? `${s.a}-${s.b}x${s.times}` : `${s.a}-${s.b}`);
  return out;
}

describe("pair spool", () => {
  const pairs = randomPairs(6000, 3);
  const want = expected(pairs);

  for (const counted of [true, false]) {
    it(`gives back each pair once, in order${counted ? ", with how often it came" : ""}, the same from hundreds of runs on disk as from memory alone`, () => {
      const dir = tempDir();
      const results: string[][] = [];
      const runs: number[] = [];
      for (const limit of [16, 100, 1 << 16]) {
        const spool = new PairSpool({ limit, dir, name: "test-pairs", counted, scratch: new PairScratch() });
        pairs.forEach(([a, b], i) => {
          spool.push(a, b);
          // as the band search does: repeats merged every so often
          if (i % 500 === 499) spool.compact();
        });
        results.push(drain(spool, counted));
        runs.push(spool.runCount);
        spool.close();
      }
      expect(runs[0]).toBeGreaterThan(100);
      expect(runs[1]).toBeGreaterThan(10);
      expect(runs[2]).toBe(0);
      const plain = counted ? want : want.map((p) => p.split("x")[0] as string);
      for (const r of results) expect(r).toEqual(plain);
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it("a queue gives pairs back in the order they came, across what it wrote to disk", () => {
    const dir = tempDir();
    const queue = new PairQueue(16, dir, "test-queue");
    const pairs = randomPairs(1000, 5);
    for (const [a, b] of pairs) queue.push(a, b);
    const back: [number, number][] = [];
    let chunks = 0;
    queue.forEachChunk((values, n) => {
      chunks++;
      for (let i = 0; i < n; i++) back.push([values[2 * i] as number, values[2 * i + 1] as number]);
    });
    queue.close();
    expect(queue.length).toBe(1000);
    expect(chunks).toBeGreaterThan(30);
    expect(back).toEqual(pairs);
    expect(readdirSync(dir)).toEqual([]);
  });
});

/**
 * Bodies with work for every part of finish: short records that agree on bands by chance (a small
 * vocabulary), whole articles with exact and near copies, and excerpts of some of them.
 */
function corpus(): { id: string; text: string }[] {
  const r = rng(11);
  const out: { id: string; text: string }[] = [];
  for (let i = 0; i < 1500; i++) {
    const a = article(r, `s${i}`, false);
    out.push({ id: `s${String(i).padStart(4, "0")}`, text: a.text.split("\n\n").slice(0, 3).join("\n\n").slice(0, 600) });
  }
  for (let i = 0; i < 120; i++) {
    const a = article(r, `a${i}`);
    out.push({ id: `a${String(i).padStart(3, "0")}`, text: a.text });
    if (i % 3 === 0) out.push({ id: `c${String(i).padStart(3, "0")}`, text: nearCopy(r, a, "c").text });
    if (i % 4 === 0) out.push({ id: `e${String(i).padStart(3, "0")}`, text: a.text });
    if (i % 5 === 0) out.push({ id: `x${String(i).padStart(3, "0")}`, text: a.text.split("\n\n").slice(1, 5).join("\n\n") });
  }
  return out;
}

const OPTIONS: ResolveOptions = {
  threshold: 0.8,
  containmentThreshold: 0.9,
  shingleSize: 4,
  minWords: 20,
  anchorModulus: 32,
  maxAnchorArticles: 32,
  survivor: [...SURVIVOR_CRITERIA],
};

function resolveWith(memoryBudget: number, spillDir: string): { res: Resolution; table: ArticleTable } {
  const table = new ArticleTable({ shingleSize: 4, spillDir });
  corpus().forEach(({ id, text }, i) => {
    const print = fingerprint(text, 4);
    const anchors = anchorsOf(print.shingles, OPTIONS.anchorModulus, new Uint32Array(8)).slice();
    table.add({ id, truncated: id.startsWith("x"), metadata: i % 3, keyHash: i }, print, anchors);
  });
  const res = resolveDuplicates(table, { ...OPTIONS, memoryBudget, spillDir });
  return { res, table };
}

describe("finish in bounded memory", () => {
  it("decides the same when a tiny budget makes it spill its pairs in hundreds of runs as when every pair fits", () => {
    const dir = tempDir();
    // 16 pairs in memory for each search, 4 waiting for their sets, 4 matches remembered
    const tiny = resolveWith(100, dir);
    const roomy = resolveWith(256 * 2 ** 20, dir);
    expect(pairsForBudget(100)).toBe(16);
    expect(tiny.res.stats.spilledRuns).toBeGreaterThan(100);
    expect(roomy.res.stats.spilledRuns).toBe(0);
    // enough work that the comparison means something: every method, and more pairs than fit
    const methods = new Set(Array.from(roomy.res.method).filter((m) => m > 0));
    expect([...methods].sort()).toEqual([1, 2, 3]);
    expect(roomy.res.stats.candidatePairs).toBeGreaterThan(1000);
    expect(roomy.res.stats.pairsOnSets).toBeGreaterThan(16);
    expect(roomy.res.stats.verifiedPairs).toBeGreaterThan(16);

    expect(Array.from(tiny.res.duplicateOf)).toEqual(Array.from(roomy.res.duplicateOf));
    expect(Array.from(tiny.res.similarity)).toEqual(Array.from(roomy.res.similarity));
    expect(Array.from(tiny.res.method)).toEqual(Array.from(roomy.res.method));
    expect([...tiny.res.dropped].sort(([a], [b]) => a - b)).toEqual([...roomy.res.dropped].sort(([a], [b]) => a - b));
    const counts = ({ spilledRuns, phaseMs, ...rest }: Resolution["stats"]) => rest;
    expect(counts(tiny.res.stats)).toEqual(counts(roomy.res.stats));
    tiny.table.closeSpill();
    roomy.table.closeSpill();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("the stage gives every draft the same mark with a tiny budget, and leaves its temporary folder empty", async () => {
    const texts = corpus().filter((_, i) => i % 3 === 0 || i >= 1500);
    const run = async (options: Record<string, unknown>): Promise<{ marks: unknown; summary: Record<string, unknown> }> => {
      const folder = tempDir();
      const drafts: Draft[] = texts.map(({ id, text }, i) => draftOf(id, text, {}, "corpus.jsonl", i));
      const summary = await runCorpusStage(dedupe(options), drafts, null, { extra: { tempDir: folder } });
      expect(readdirSync(folder)).toEqual([]);
      return { marks: drafts.map((d) => [d.id, d.duplicateOf, d.duplicates]), summary };
    };
    const tiny = await run({ memoryBudgetMiB: 0.0001 });
    const roomy = await run({});
    expect(tiny.summary.spilledRuns).toBeGreaterThan(10);
    expect(roomy.summary.spilledRuns).toBe(0);
    expect(roomy.summary.duplicates).toBeGreaterThan(20);
    expect(tiny.marks).toEqual(roomy.marks);
  });
});
