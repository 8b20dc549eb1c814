/**
 * Context for line scores: a line of a page is judged with its neighbours, as in jusText. Three
 * adjustments, each a pure function of the scores (below zero: furniture; above: prose):
 * - a run of furniture lines is a stronger border than the same lines scattered;
 * - a furniture line whose shape the page prints again and again separates records of a list
 *   (comments, teasers), so it costs more;
 * - prose among many furniture lines counts for less, furniture among prose for less too.
 */

/** Each line of a furniture run costs more than the one before it, up to `maxFactor` times. */
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

/** Furniture lines whose shape occurs at least `minRepeats` times cost `factor` times more. */
export function chargeRepeatedShapes(
  scores: readonly number[],
  shapeCounts: readonly number[],
  minRepeats: number,
  factor: number,
): number[] {
  return scores.map((s, i) => (s < 0 && (shapeCounts[i] ?? 0) >= minRepeats ? s * factor : s));
}

/**
 * Weighs each score by the share of furniture among the `window` lines on either side: prose is
 * scaled by (1 − strength × share), but never below `floor` (a lone paragraph among links is still
 * prose), furniture by (1 + strength × share).
 */
export function weighByNeighbours(scores: readonly number[], window: number, strength: number, floor = 0): number[] {
  if (window <= 0 || strength === 0) return [...scores];
  return scores.map((s, i) => {
    let lines = 0;
    let furniture = 0;
    for (let j = Math.max(0, i - window); j <= Math.min(scores.length - 1, i + window); j++) {
      if (j === i) continue;
      lines++;
      if ((scores[j] as number) < 0) furniture++;
    }
    const share = lines === 0 ? 0 : furniture / lines;
    return s > 0 ? s * Math.max(floor, 1 - strength * share) : s * (1 + strength * share);
  });
}
