import { describe, expect, it } from "vitest";
import { collectReportData } from "../../src/report/index.ts";
import { featureSetKey, flattenFeatureSets, parseFeatureSet, unflattenFeatureSets } from "../../src/report/feature-set.ts";
import { splitForPage } from "../../src/report/page-split.ts";
import { writeFixtureRun } from "./fixture-run.ts";
import { useTempDirs } from "../support/temp-dirs.ts";


const tempDir = useTempDirs("tidings-split-");
describe("splitForPage", () => {
  it("gives the first rows the same rules and categories as the full index, from a smaller table", async () => {
    const dir = await writeFixtureRun(await tempDir());
    const data = await collectReportData(dir);
    const { early, late } = splitForPage(data, 4);
    expect(early.articles.site).toHaveLength(4);
    expect(early.articles.ids.split("\n")).toEqual(data.articles.ids.split("\n").slice(0, 4));
    const headSets = unflattenFeatureSets(early.featureFlat);
    expect(headSets.length).toBeLessThanOrEqual(4);
    for (let row = 0; row < 4; row++) {
      const f = early.articles.features[row] as number;
      expect(headSets[f]).toEqual(data.featureSets[data.articles.features[row] as number]);
    }
    expect(early.detailRows).toEqual(early.details.map((d) => d.row));
    expect(unflattenFeatureSets(late.featureFlat)).toEqual(data.featureSets);
    expect(early.details.every((d) => d.row < 4)).toBe(true);
    expect(early.removedTexts).toEqual([]);
    expect(late.articles).toBe(data.articles);
    expect(late.removedTexts).toBe(data.removedTexts);
  });

  it("keeps every row when there are fewer than the head", async () => {
    const dir = await writeFixtureRun(await tempDir());
    const data = await collectReportData(dir);
    const { early } = splitForPage(data, 1000);
    expect(early.articles.ids).toBe(data.articles.ids);
    expect(early.details).toHaveLength(data.details.length);
  });
});

describe("feature sets", () => {
  it("read back from their key", () => {
    expect(parseFeatureSet(featureSetKey([0, 3, 12], [1]))).toEqual([[0, 3, 12], [1]]);
    expect(parseFeatureSet(featureSetKey([], []))).toEqual([[], []]);
    expect(parseFeatureSet(featureSetKey([5], []))).toEqual([[5], []]);
  });

  it("flatten and come back unchanged", () => {
    const sets: Array<[number[], number[]]> = [[[0, 3], [1]], [[], []], [[7], []], [[], [2, 4, 9]]];
    expect(flattenFeatureSets(sets)).toEqual([2, 0, 3, 1, 1, 0, 0, 1, 7, 0, 0, 3, 2, 4, 9]);
    expect(unflattenFeatureSets(flattenFeatureSets(sets))).toEqual(sets);
    expect(unflattenFeatureSets([])).toEqual([]);
  });
});
