import { describe, expect, it } from "vitest";
import { bagOfWordsScore, scrapinghubScores, shingleCounts, wcxbScores, wordTokens } from "../bench/metrics.ts";

describe("ScrapingHub metric port", () => {
  it("tokenises like Python's \\w+ (Unicode, case kept)", () => {
    expect(wordTokens("Café d'été, 2019_x — naïve")).toEqual(["Café", "d", "été", "2019_x", "naïve"]);
  });

  it("scores a perfect page 1 and an empty prediction 0 recall", () => {
    const text = "one two three four five six seven";
    expect(shingleCounts(text, text)).toEqual({ tp: 1, fp: 0, fn: 0 });
    const empty = shingleCounts(text, "");
    expect(empty.tp).toBe(0);
    expect(empty.fn).toBe(1);
  });

  it("counts shingles as a multiset and scales each page to 1", () => {
    // truth has 4 shingles; pred repeats the text twice (8 shingles, of which 4 match, plus 3 spanning the join).
    const truth = "a b c d e f g";
    const pred = `${truth} ${truth}`;
    const c = shingleCounts(truth, pred);
    expect(c.tp + c.fp + c.fn).toBeCloseTo(1, 10);
    expect(c.tp / (c.tp + c.fp)).toBeCloseTo(4 / 11, 10);
    expect(c.fn).toBe(0);
  });

  it("averages precision and recall over pages, then takes F1 of the means", () => {
    const s = scrapinghubScores([
      { tp: 0.5, fp: 0.5, fn: 0 },
      { tp: 1, fp: 0, fn: 0 },
      { tp: 0, fp: 0, fn: 1 },
    ]);
    expect(s.precision).toBeCloseTo(0.75, 10);
    expect(s.recall).toBeCloseTo(2 / 3, 10);
    expect(s.f1).toBeCloseTo((2 * 0.75 * (2 / 3)) / (0.75 + 2 / 3), 10);
  });
});

describe("WCXB metric", () => {
  it("compares lower-cased bags of words", () => {
    expect(bagOfWordsScore("The cat sat", "the CAT sat").f1).toBe(1);
    const half = bagOfWordsScore("a b c d", "a b x y");
    expect(half.precision).toBe(0.5);
    expect(half.recall).toBe(0.5);
    expect(bagOfWordsScore("", "").f1).toBe(1);
    expect(bagOfWordsScore("a b", "").f1).toBe(0);
    expect(wcxbScores([{ precision: 1, recall: 1, f1: 1 }, { precision: 0, recall: 0, f1: 0 }]).f1).toBe(0.5);
  });
});
