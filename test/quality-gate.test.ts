/**
 * Quality gate: tidings' page extraction must not fall below the pinned F1 floors on the ScrapingHub
 * and WCXB article sets. Floors live in test/bench/floors.json with a fingerprint of the data they
 * were measured on; when the data changes, the gate fails and asks for floors to be re-pinned on
 * purpose (run `npm run bench:extract`, set each floor to the new figure minus 0.005).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  benchDataExists,
  dataFingerprint,
  loadScrapingHub,
  loadWcxb,
  repoRoot,
  tidingsExtractText,
} from "./bench/extract.ts";
import { bagOfWordsScore, scrapinghubScores, shingleCounts, wcxbScores } from "./bench/metrics.ts";

interface Floors {
  fingerprint: string;
  scrapinghub: { f1: number };
  wcxb: { f1: number; title: number };
}

const floors = JSON.parse(readFileSync(path.join(repoRoot, "test/bench/floors.json"), "utf8")) as Floors;

// The benchmark data lives outside the repository (../shared/bench); without it there is nothing to gate.
describe.skipIf(!benchDataExists)("extraction quality gate (needs ../shared/bench)", () => {
  it("runs on the data the floors were pinned on", () => {
    const now = dataFingerprint();
    if (now !== floors.fingerprint) {
      throw new Error(
        `the benchmark data changed (fingerprint ${now}, floors pinned on ${floors.fingerprint}): re-pin test/bench/floors.json on purpose after running npm run bench:extract`,
      );
    }
  });

  it(`ScrapingHub F1 stays at or above ${floors.scrapinghub.f1}`, () => {
    const pages = loadScrapingHub();
    const counts = pages.map((p) => shingleCounts(p.truth, tidingsExtractText(p).text));
    expect(scrapinghubScores(counts).f1).toBeGreaterThanOrEqual(floors.scrapinghub.f1);
  }, 120_000);

  it(`WCXB F1 stays at or above ${floors.wcxb.f1}, title agreement at or above ${floors.wcxb.title}`, () => {
    const pages = loadWcxb();
    let titled = 0;
    let agreed = 0;
    const scores = pages.map((p) => {
      const out = tidingsExtractText(p);
      if (p.title) {
        titled++;
        if (out.title && bagOfWordsScore(p.title, out.title).f1 >= 0.8) agreed++;
      }
      return bagOfWordsScore(p.truth, out.text);
    });
    expect(wcxbScores(scores).f1).toBeGreaterThanOrEqual(floors.wcxb.f1);
    expect(agreed / titled).toBeGreaterThanOrEqual(floors.wcxb.title);
  }, 120_000);
});
