/**
 * Finding the article inside a whole-page text dump: score every line as prose or furniture, decide
 * whether the dump is a whole page at all (many furniture lines around the prose), and if so take the
 * maximum-sum region as the article. Pure functions of the block texts, so they are easy to test.
 */
import { fold } from "../text/measure.ts";
import { type ProseFeatures, type ScoreWeights, DEFAULT_WEIGHTS, blockScore, proseFeatures } from "./prose-score.ts";
import { type Region, maxSumRegion } from "./region.ts";

export interface PageEvidence {
  lines: number;
  /** Lines that score as furniture: short, no sentence, or printed twice. */
  furniture: number;
  /** Prose weight (sum of positive scores) before the region, and inside it. */
  proseBefore: number;
  proseInside: number;
  /** Furniture lines outside the main region, before and after it. */
  furnitureBefore: number;
  furnitureAfter: number;
}

export interface MainRegionPlan {
  features: ProseFeatures[];
  scores: number[];
  region: Region | null;
  evidence: PageEvidence;
  /** The dump looks like a whole page, so the region is worth cutting to. */
  wholePage: boolean;
}

export interface GateOptions {
  /** Fewest furniture lines for a dump to count as a whole page. */
  minFurniture: number;
  /** Fewest furniture lines above the region (a page has a header and menus; an article does not). */
  minHead: number;
  /**
   * Most prose above the region, as a share of the prose inside it: a page's header holds little
   * prose, while an article whose second half won the region (after a list, say) has a lot.
   */
  maxProseBefore: number;
  /** Smallest share of furniture among all lines. */
  minFurnitureShare: number;
}

export const DEFAULT_GATE: GateOptions = { minFurniture: 20, minHead: 5, minFurnitureShare: 0.3, maxProseBefore: 0.5 };

export function planMainRegion(
  texts: readonly string[],
  language: string | null,
  gate: GateOptions = DEFAULT_GATE,
  weights: ScoreWeights = DEFAULT_WEIGHTS,
  runGrowth = 1,
): MainRegionPlan {
  const counts = new Map<string, number>();
  const keys = texts.map((t) => fold(t));
  for (const k of keys) if (k !== "") counts.set(k, (counts.get(k) ?? 0) + 1);
  const features = texts.map((t, i) => proseFeatures(t, language, (counts.get(keys[i] as string) ?? 0) > 1));
  const scores = stiffenRuns(features.map((f) => blockScore(f, weights)), runGrowth);
  const region = maxSumRegion(scores);
  const isFurniture = (i: number): boolean => (scores[i] as number) < 0;
  let furniture = 0;
  let before = 0;
  let after = 0;
  for (let i = 0; i < texts.length; i++) {
    if (!isFurniture(i)) continue;
    furniture++;
    if (region && i < region.start) before++;
    if (region && i >= region.end) after++;
  }
  let proseBefore = 0;
  let proseInside = 0;
  scores.forEach((s, i) => {
    if (s <= 0 || region === null) return;
    if (i < region.start) proseBefore += s;
    else if (i < region.end) proseInside += s;
  });
  const evidence: PageEvidence = { lines: texts.length, furniture, furnitureBefore: before, furnitureAfter: after, proseBefore, proseInside };
  const wholePage =
    region !== null &&
    furniture >= gate.minFurniture &&
    before >= gate.minHead &&
    proseBefore <= gate.maxProseBefore * proseInside &&
    furniture / Math.max(1, texts.length) >= gate.minFurnitureShare;
  return { features, scores, region, evidence, wholePage };
}

/**
 * A run of furniture lines is a stronger border than the same lines scattered: each line of a run
 * costs more than the one before it (up to a limit), so a menu or a link list between the article and
 * a block of prose after it (a comment policy, an author's bio) is not crossed, while one stray line
 * between two paragraphs still is.
 */
export function stiffenRuns(scores: readonly number[], growth: number, maxFactor = 4): number[] {
  let run = 0;
  return scores.map((s) => {
    if (s >= 0) {
      run = 0;
      return s;
    }
    const factor = Math.min(maxFactor, 1 + growth * run);
    run++;
    return s * factor;
  });
}
