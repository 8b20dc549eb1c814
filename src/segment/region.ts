/**
 * The main region of a page: the contiguous run of blocks whose scores add up to the most. Prose
 * blocks score above zero and page furniture below, so the run that wins is the article, with the
 * short lines inside it (headings, a one-line quote) carried by the prose on both sides, as in
 * body-text extraction by maximum-sum segments.
 */
export interface Region {
  /** Index of the first block of the region. */
  start: number;
  /** Index one past the last block of the region. */
  end: number;
  /** The sum of the scores inside. */
  sum: number;
}

/**
 * The contiguous slice with the largest sum (Kadane's scan). Ties go to the earliest, shortest
 * slice. A line marked in `borders` is never inside a slice. Returns null when no score is above zero.
 */
export function maxSumRegion(scores: readonly number[], borders?: readonly boolean[]): Region | null {
  let best: Region | null = null;
  let runStart = 0;
  let runSum = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    if (borders?.[i]) {
      runSum = 0;
      continue;
    }
    if (runSum <= 0) {
      runStart = i;
      runSum = s;
    } else {
      runSum += s;
    }
    if (runSum > 0 && (best === null || runSum > best.sum)) best = { start: runStart, end: i + 1, sum: runSum };
  }
  return best;
}
