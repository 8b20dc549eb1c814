import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { anchorCandidates, anchorsOf, bandCandidates } from "../../src/dedupe/candidates.ts";
import { fingerprint } from "../../src/dedupe/fingerprint.ts";
import type { PairList } from "../../src/dedupe/pairs.ts";
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

const pairsOf = (list: PairList): string[] => Array.from({ length: list.length }, (_, i) => `${list.first.get(i)}-${list.second.get(i)}`);

// excerpts and lead paragraphs of six articles, so that many pairs share anchors
const texts = [STRIKE_WIRE, STRIKE_LOCAL, STORM_WIRE, STORM_LOCAL, RATES_WIRE, RATES_LOCAL].flatMap((t) => {
  const ps = paragraphs(t);
  return [t, ps.slice(0, 2).join("\n\n"), ps.slice(1, 3).join("\n\n"), ps.slice(-2).join("\n\n")];
});

describe("candidate pairs", () => {
  it("finds excerpts by their anchors, the same whether the hash space is sorted in one slice or many", () => {
    const { table, canonical } = tableOf(texts, 4);
    const whole = anchorCandidates(table, canonical, { anchorModulus: 4, maxAnchorArticles: 32 });
    const sliced = anchorCandidates(table, canonical, { anchorModulus: 4, maxAnchorArticles: 32, anchorsPerSlice: 8 });
    const found = pairsOf(whole);
    // each article with its three excerpts
    for (let article = 0; article < 6; article++) expect(found).toContain(`${article * 4}-${article * 4 + 1}`);
    expect(pairsOf(sliced)).toEqual(found);
    table.closeSpill();
  });

  it("pairs identical bodies by band, and each pair once", () => {
    const { table, canonical } = tableOf([STRIKE_WIRE, STORM_WIRE, STRIKE_WIRE, RATES_WIRE, STRIKE_WIRE], 32);
    const found = pairsOf(bandCandidates(table, canonical));
    expect(found).toEqual(expect.arrayContaining(["0-2", "0-4", "2-4"]));
    expect(new Set(found).size).toBe(found.length);
    expect(found.filter((p) => p.includes("1") || p.includes("3"))).toEqual([]);
    table.closeSpill();
  });
});
