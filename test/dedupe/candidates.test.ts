import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type AnchorOptions, anchorsOf, bandCandidates, candidatePairs } from "../../src/dedupe/candidates.ts";
import { fingerprint } from "../../src/dedupe/fingerprint.ts";
import { PairSpool } from "../../src/dedupe/pair-spool.ts";
import { PairScratch } from "../../src/dedupe/radix.ts";
import { ArticleTable } from "../../src/dedupe/table.ts";
import { RATES_LOCAL, RATES_WIRE, STORM_LOCAL, STORM_WIRE, STRIKE_LOCAL, STRIKE_WIRE, paragraphs } from "./fixtures.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tableOf(texts: readonly string[], modulus: number): { table: ArticleTable; canonical: Uint32Array } {
  const dir = mkdtempSync(join(tmpdir(), "tidings-candidates-"));
  dirs.push(dir);
  const table = new ArticleTable({ shingleSize: 4, spillDir: dir });
  texts.forEach((text, i) => {
    const print = fingerprint(text, 4);
    const anchors = anchorsOf(print.shingles, modulus, new Uint32Array(4)).slice();
    table.add({ id: `t${String(i).padStart(3, "0")}`, truncated: false, metadata: 0, keyHash: i }, print, anchors);
  });
  return { table, canonical: Uint32Array.from(texts, (_, i) => i) };
}

/** The candidate pairs of a table, as "a-b" in the order they are considered. */
function candidatesOf(table: ArticleTable, canonical: Uint32Array, options: AnchorOptions, pairsInMemory = 1 << 20): string[] {
  const found: string[] = [];
  const spillDir = mkdtempSync(join(tmpdir(), "tidings-candidates-spill-"));
  dirs.push(spillDir);
  candidatePairs(table, canonical, { ...options, pairsInMemory, spillDir }, new PairScratch(), () => undefined, (a, b) => found.push(`${a}-${b}`));
  return found;
}

/** The distinct pairs that agree on a band. */
function bandPairsOf(table: ArticleTable, canonical: Uint32Array): string[] {
  const scratch = new PairScratch();
  const spool = new PairSpool({ limit: 1 << 20, dir: tmpdir(), name: "test-bands", counted: false, scratch });
  bandCandidates(table, canonical, spool, scratch);
  const found: string[] = [];
  for (const s = spool.stream(); s.next(); ) found.push(`${s.a}-${s.b}`);
  spool.close();
  return found;
}

// excerpts and lead paragraphs of six articles, so that many pairs share anchors
const texts = [STRIKE_WIRE, STRIKE_LOCAL, STORM_WIRE, STORM_LOCAL, RATES_WIRE, RATES_LOCAL].flatMap((t) => {
  const ps = paragraphs(t);
  return [t, ps.slice(0, 2).join("\n\n"), ps.slice(1, 3).join("\n\n"), ps.slice(-2).join("\n\n")];
});

describe("candidate pairs", () => {
  it("finds excerpts by their anchors, the same whether the hash space is sorted in one slice or many", () => {
    const { table, canonical } = tableOf(texts, 4);
    const found = candidatesOf(table, canonical, { anchorModulus: 4, maxAnchorArticles: 32 });
    const sliced = candidatesOf(table, canonical, { anchorModulus: 4, maxAnchorArticles: 32, anchorsPerSlice: 8 });
    // each article with its three excerpts
    for (let article = 0; article < 6; article++) expect(found).toContain(`${article * 4}-${article * 4 + 1}`);
    expect(sliced).toEqual(found);
    table.closeSpill();
  });

  it("pairs identical bodies by band, and each pair once", () => {
    const { table, canonical } = tableOf([STRIKE_WIRE, STORM_WIRE, STRIKE_WIRE, RATES_WIRE, STRIKE_WIRE], 32);
    const found = bandPairsOf(table, canonical);
    expect(found).toEqual(expect.arrayContaining(["0-2", "0-4", "2-4"]));
    expect(new Set(found).size).toBe(found.length);
    expect(found.filter((p) => p.includes("1") || p.includes("3"))).toEqual([]);
    table.closeSpill();
  });
});
