/**
 * Finding the article inside a whole-page text dump: score every line as prose or furniture, weigh
 * the scores by their context, decide whether the dump is a whole page at all (many furniture lines,
 * menus above the prose), and if so take the maximum-sum region as the article. Pure functions of
 * the block texts, so they are easy to test.
 */
import { fold } from "../text/measure.ts";
import { shapeCounts } from "./line-shape.ts";
import { type ProseFeatures, blockScore, proseFeatures } from "./prose-score.ts";
import { type Region, maxSumRegion } from "./region.ts";
import { chargeRepeatedShapes, stiffenRuns, weighByNeighbours } from "./score-context.ts";

export interface PageEvidence {
  lines: number;
  /** Lines that score as furniture: short, no sentence, or printed twice. */
  furniture: number;
  /** Furniture lines outside the main region, before and after it. */
  furnitureBefore: number;
  furnitureAfter: number;
  /** Prose weight (sum of positive scores) before the region, and inside it. */
  proseBefore: number;
  proseInside: number;
}

export interface MainRegionPlan {
  features: ProseFeatures[];
  scores: number[];
  region: Region | null;
  evidence: PageEvidence;
  /** The dump looks like a whole page, so the region is worth cutting to. */
  wholePage: boolean;
}

export interface RegionOptions {
  /** Fewest furniture lines for a dump to count as a whole page. */
  minFurniture: number;
  /** Smallest share of furniture among all lines. */
  minFurnitureShare: number;
  /** Fewest furniture lines above the region (a page has a header and menus; an article does not). */
  minHead: number;
  /**
   * Most prose above the region, as a share of the prose inside it: a page's header holds little
   * prose, while an article whose second half won the region (after a list, say) has a lot.
   */
  maxProseBefore: number;
  /** How much more each further line of a furniture run costs. */
  runGrowth: number;
  /** A furniture line whose shape the page prints this often is a list separator... */
  shapeRepeats: number;
  /** ...and costs this many times more. */
  shapeCost: number;
  /** Lines on either side that make a line's context. */
  contextWindow: number;
  /** How strongly the context weighs a line's score (0: not at all). */
  contextStrength: number;
  /** The least share of its score that prose keeps, whatever its context. */
  contextFloor: number;
  /** Most lines between a printed headline and the start of the region under it. */
  headlineReach: number;
  /** Least weight of the region under a headline, as a share of the heaviest region, for it to win. */
  headlineMinShare: number;
}

export const DEFAULT_REGION_OPTIONS: RegionOptions = {
  minFurniture: 20,
  minFurnitureShare: 0.3,
  minHead: 5,
  maxProseBefore: 0.5,
  runGrowth: 1,
  shapeRepeats: 5,
  shapeCost: 2,
  contextWindow: 2,
  contextStrength: 1,
  contextFloor: 0.2,
  headlineReach: 8,
  headlineMinShare: 0.3,
};

/** Line scores after context: what the region search adds up. */
export function contextScores(texts: readonly string[], language: string | null, options: RegionOptions): { features: ProseFeatures[]; scores: number[] } {
  const counts = new Map<string, number>();
  const keys = texts.map((t) => fold(t));
  for (const k of keys) if (k !== "") counts.set(k, (counts.get(k) ?? 0) + 1);
  const features = texts.map((t, i) => proseFeatures(t, language, (counts.get(keys[i] as string) ?? 0) > 1));
  let scores = features.map((f) => blockScore(f));
  scores = chargeRepeatedShapes(scores, shapeCounts(texts), options.shapeRepeats, options.shapeCost);
  scores = stiffenRuns(scores, options.runGrowth);
  scores = weighByNeighbours(scores, options.contextWindow, options.contextStrength, options.contextFloor);
  return { features, scores };
}

/**
 * The region that follows a printed headline: for each line that prints the headline, the best
 * region after it, if it starts within `reach` lines. The heaviest such region, or null.
 */
export function regionAfterHeadline(scores: readonly number[], headlines: readonly number[], reach: number): Region | null {
  let best: Region | null = null;
  for (const h of headlines) {
    const r = maxSumRegion(scores.slice(h + 1));
    if (!r || r.start > reach) continue;
    const region = { start: r.start + h + 1, end: r.end + h + 1, sum: r.sum };
    if (best === null || region.sum > best.sum) best = region;
  }
  return best;
}

export function planMainRegion(
  texts: readonly string[],
  language: string | null,
  options: RegionOptions = DEFAULT_REGION_OPTIONS,
  headlines: readonly number[] = [],
): MainRegionPlan {
  const { features, scores } = contextScores(texts, language, options);
  // The article starts under its headline; without one printed, the heaviest region wins.
  const heaviest = maxSumRegion(scores);
  const underHeadline = regionAfterHeadline(scores, headlines, options.headlineReach);
  // A headline printed again in a footer or a share box has little under it: it anchors nothing.
  const anchored = underHeadline && heaviest && underHeadline.sum >= options.headlineMinShare * heaviest.sum ? underHeadline : null;
  const region = anchored ?? heaviest;
  let furniture = 0;
  let before = 0;
  let after = 0;
  let proseBefore = 0;
  let proseInside = 0;
  scores.forEach((s, i) => {
    const where = region === null ? "none" : i < region.start ? "before" : i < region.end ? "inside" : "after";
    if (s < 0) {
      furniture++;
      if (where === "before") before++;
      if (where === "after") after++;
    } else if (where === "before") proseBefore += s;
    else if (where === "inside") proseInside += s;
  });
  const evidence: PageEvidence = { lines: texts.length, furniture, furnitureBefore: before, furnitureAfter: after, proseBefore, proseInside };
  const wholePage =
    region !== null &&
    furniture >= options.minFurniture &&
    furniture / Math.max(1, texts.length) >= options.minFurnitureShare &&
    before >= options.minHead &&
    // Under a printed headline, what comes before is the page's head, however much prose it holds.
    (anchored !== null || proseBefore <= options.maxProseBefore * proseInside);
  return { features, scores, region, evidence, wholePage };
}
