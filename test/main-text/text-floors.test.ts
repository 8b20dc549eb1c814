/**
 * Quality gate for the text path: the default pipeline on the whole-page text dumps of the
 * ScrapingHub pages (html-text and inscriptis, each page fed as a `.txt` dump) must not fall below
 * the F1 floors pinned in test/bench/floors.json under `text`. The floors carry a fingerprint of the
 * gold and dump files; when those change, the gate fails and asks for the floors to be re-pinned on
 * purpose (run `npm run bench:extract -- --tools tidings --sets text`, set each floor to the new
 * figure minus 0.005).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TEXT_DUMPS, benchDataExists, loadTidingsPipeline, repoRoot, runTextDump, textDataFingerprint } from "../bench/extract.ts";

interface TextFloors {
  fingerprint: string;
  "html-text": { f1: number };
  inscriptis: { f1: number };
}

const floors = (JSON.parse(readFileSync(path.join(repoRoot, "test/bench/floors.json"), "utf8")) as { text: TextFloors }).text;

// The benchmark data lives outside the repository (../shared/bench); without it there is nothing to gate.
describe.skipIf(!benchDataExists)("text-dump quality gate (needs ../shared/bench)", () => {
  it("runs on the data the text floors were pinned on", () => {
    const now = textDataFingerprint();
    if (now !== floors.fingerprint) {
      throw new Error(
        `the text-dump benchmark data changed (fingerprint ${now}, floors pinned on ${floors.fingerprint}): re-pin the text floors in test/bench/floors.json on purpose after running npm run bench:extract -- --tools tidings --sets text`,
      );
    }
  });

  for (const dump of TEXT_DUMPS) {
    it(`text:${dump} F1 stays at or above ${floors[dump].f1}`, async () => {
      const { pipeline } = await loadTidingsPipeline();
      const run = await runTextDump(pipeline, dump);
      expect(run.scores.f1).toBeGreaterThanOrEqual(floors[dump].f1);
    }, 180_000);
  }
});
