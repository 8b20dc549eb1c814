/**
 * Finding the article inside a whole-page text dump: score every line as prose or furniture, weigh
 * the scores by their context, decide whether the dump is a whole page at all (many furniture lines,
 * menus above the prose), and if so take the maximum-sum region as the article. Pure functions of
 * the block texts, so they are easy to test.
 */
import { fold } from "../text/measure.ts";
import { lineShape } from "./line-shape.ts";
import { type ProseFeatures, blockScore, proseFeatures } from "./prose-score.ts";
import { type Region, maxSumRegion } from "./region.ts";
import { chargeRepeatedShapes, stiffenRuns, weighByNeighbours } from "./score-context.ts";
import { threadStamps } from "./threads.ts";

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
  /** Lines that open a record of a thread (comments, teasers): no region runs across them. */
  stamps: boolean[];
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

/** How many times each value of a list occurs in it, for each position. */
function occurrences(values: readonly string[]): number[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return values.map((v) => counts.get(v) ?? 0);
}

/** The lines of a page with what the region search needs of each, computed once. */
export interface PageLines {
  /** Each line folded (case, punctuation and spacing ignored): repeats and headlines are found on these. */
  folded: readonly string[];
  features: ProseFeatures[];
  /** Each line's score before context. Context changes how much a line weighs, never its sign. */
  base: number[];
}

/** Features and scores before context of a page's lines (`folded`: the lines folded, if already known). */
export function pageLines(texts: readonly string[], language: string | null, folded: readonly string[] = texts.map(fold)): PageLines {
  const repeats = occurrences(folded);
  const features = texts.map((t, i) => proseFeatures(t, language, folded[i] !== "" && (repeats[i] as number) > 1));
  return { folded, features, base: features.map((f) => blockScore(f)) };
}

/**
 * Too few furniture lines for a whole page, whatever the region: the page is an article and needs
 * no region search. Furniture is counted before context, which never turns prose into furniture.
 */
export function tooLittleFurniture(lines: PageLines, options: RegionOptions): boolean {
  let furniture = 0;
  for (const s of lines.base) if (s < 0) furniture++;
  return furniture < options.minFurniture || furniture / Math.max(1, lines.base.length) < options.minFurnitureShare;
}

/** Line scores after context: what the region search adds up. */
export function contextScores(
  texts: readonly string[],
  language: string | null,
  options: RegionOptions,
  lines: PageLines = pageLines(texts, language),
): { features: ProseFeatures[]; scores: number[]; stamps: boolean[] } {
  const shapes = texts.map(lineShape);
  let scores = chargeRepeatedShapes(lines.base, occurrences(shapes), options.shapeRepeats, options.shapeCost);
  scores = stiffenRuns(scores, options.runGrowth);
  scores = weighByNeighbours(scores, options.contextWindow, options.contextStrength, options.contextFloor);
  return { features: lines.features, scores, stamps: threadStamps(texts, shapes) };
}

/**
 * The region that follows a printed headline: for each line that prints the headline, the heaviest
 * region that starts on a prose line at most `reach` lines under it (a heavier region further down,
 * such as a comment thread or a legal footer, does not count), and that runs across no `borders`
 * line. The heaviest such region, or null.
 */
export function regionAfterHeadline(scores: readonly number[], headlines: readonly number[], reach: number, borders?: readonly boolean[]): Region | null {
  if (headlines.length === 0) return null;
  const n = scores.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] as number) + (scores[i] as number);
  // bestEnd[i]: the end (>= i) with the highest prefix sum, the earliest of equals; a region ends at
  // a border line at the latest.
  const bestEnd = new Int32Array(n + 1);
  bestEnd[n] = n;
  for (let i = n - 1; i >= 0; i--) {
    if (borders?.[i]) {
      bestEnd[i] = i;
      continue;
    }
    const later = bestEnd[i + 1] as number;
    bestEnd[i] = (prefix[i] as number) >= (prefix[later] as number) ? i : later;
  }
  let best: Region | null = null;
  for (const h of headlines) {
    for (let s = h + 1; s <= Math.min(n - 1, h + 1 + reach); s++) {
      if ((scores[s] as number) <= 0 || borders?.[s]) continue;
      const end = bestEnd[s + 1] as number;
      const sum = (prefix[end] as number) - (prefix[s] as number);
      if (best === null || sum > best.sum) best = { start: s, end, sum };
    }
  }
  return best;
}

/** A thread stamp among the lines from `from` (inclusive) to `to` (exclusive). */
function stampBetween(stamps: readonly boolean[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (stamps[i]) return true;
  return false;
}

/** Most lines between a thread's stamp and the region of its record ("Hi Ana," may come first). */
const RECORD_REACH = 4;

/** The region opens a record of a thread: a stamp stands just above it. */
function isRecord(stamps: readonly boolean[], region: Region): boolean {
  return stampBetween(stamps, Math.max(0, region.start - RECORD_REACH), region.start);
}

/**
 * The heaviest region above the first stamp of a thread, when the heaviest region of all is one of
 * its records (a long comment): the article stands above its comments. Null when there is none.
 */
function regionBeforeThread(scores: readonly number[], stamps: readonly boolean[]): Region | null {
  const first = stamps.indexOf(true);
  if (first <= 0) return null;
  return maxSumRegion(scores.slice(0, first));
}

/**
 * The article region of a page and whether the page is a whole page at all. `lines` may carry what
 * was already computed of the page; a page with too little furniture is answered before any context
 * or region work (region null).
 */
export function planMainRegion(
  texts: readonly string[],
  language: string | null,
  options: RegionOptions = DEFAULT_REGION_OPTIONS,
  headlines: readonly number[] = [],
  lines: PageLines = pageLines(texts, language),
): MainRegionPlan {
  if (tooLittleFurniture(lines, options)) {
    const furniture = lines.base.filter((s) => s < 0).length;
    const evidence: PageEvidence = { lines: texts.length, furniture, furnitureBefore: 0, furnitureAfter: 0, proseBefore: 0, proseInside: 0 };
    return { features: lines.features, scores: lines.base, stamps: [], region: null, evidence, wholePage: false };
  }
  const { features, scores, stamps } = contextScores(texts, language, options, lines);
  // The article starts under its headline; without one printed, the heaviest region wins.
  const heaviest = maxSumRegion(scores, stamps);
  const underHeadline = regionAfterHeadline(scores, headlines, options.headlineReach, stamps);
  // A headline printed again in a footer or a share box has little under it: it anchors nothing.
  // A heavier region further down that is a record of a thread (a long comment) does not count.
  const anchored =
    underHeadline && heaviest && (underHeadline.sum >= options.headlineMinShare * heaviest.sum || stampBetween(stamps, underHeadline.end, heaviest.start))
      ? underHeadline
      : null;
  const region = anchored ?? (heaviest && isRecord(stamps, heaviest) ? (regionBeforeThread(scores, stamps) ?? heaviest) : heaviest);
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
  return { features, scores, stamps, region, evidence, wholePage };
}
