/**
 * Extraction metrics, ported from the benchmarks' own definitions so that figures printed here can
 * be compared with their published tables.
 *
 * ScrapingHub (its evaluate.py): tokens are `\w+` (Unicode, case kept); a text becomes a multiset of
 * 4-token shingles (a text under 4 tokens is one shorter shingle); per page tp/fp/fn are summed over
 * shingles and scaled to add up to 1; precision and recall are means over the pages where they are
 * defined, and F1 is taken of those two means.
 *
 * WCXB: lower-cased `\w+` tokens as a bag of words; per page F1 of the bags; mean over pages.
 */

/** Python's Unicode `\w`: letters, numbers and the underscore. */
const WORD = /[\p{L}\p{N}_]+/gu;

export function wordTokens(text: string): string[] {
  return text.match(WORD) ?? [];
}

export interface PageCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface MeanScores {
  precision: number;
  recall: number;
  f1: number;
  pages: number;
}

function shingles(text: string, n: number): Map<string, number> {
  const tokens = wordTokens(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const gram = tokens.slice(i, i + n);
    if (gram.length === 0) continue;
    const key = gram.join("\u0001");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function compareBags(truth: Map<string, number>, pred: Map<string, number>): PageCounts {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, t] of truth) {
    const p = pred.get(key) ?? 0;
    tp += Math.min(t, p);
    fn += Math.max(0, t - p);
  }
  for (const [key, p] of pred) {
    const t = truth.get(key) ?? 0;
    fp += Math.max(0, p - t);
  }
  return { tp, fp, fn };
}

/** ScrapingHub per-page counts: shingle multisets, scaled so that tp + fp + fn = 1. */
export function shingleCounts(truth: string, pred: string, n = 4): PageCounts {
  const raw = compareBags(shingles(truth, n), shingles(pred, n));
  const sum = raw.tp + raw.fp + raw.fn;
  if (sum === 0) return raw;
  return { tp: raw.tp / sum, fp: raw.fp / sum, fn: raw.fn / sum };
}

function pagePrecision({ tp, fp, fn }: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function pageRecall({ tp, fp, fn }: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Mean precision, mean recall, and the F1 of those means (ScrapingHub's aggregation). */
export function scrapinghubScores(pages: readonly PageCounts[]): MeanScores {
  const precision = mean(pages.filter((c) => c.tp + c.fp > 0).map(pagePrecision));
  const recall = mean(pages.filter((c) => c.tp + c.fn > 0).map(pageRecall));
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, pages: pages.length };
}

function wordBag(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const token of wordTokens(text.toLowerCase())) bag.set(token, (bag.get(token) ?? 0) + 1);
  return bag;
}

export interface PageF1 {
  precision: number;
  recall: number;
  f1: number;
}

/** WCXB per-page score: bag-of-words precision, recall and F1 (both empty counts as a match). */
export function bagOfWordsScore(truth: string, pred: string): PageF1 {
  const { tp, fp, fn } = compareBags(wordBag(truth), wordBag(pred));
  if (tp + fp + fn === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** WCXB aggregation: the mean of per-page precision, recall and F1. */
export function wcxbScores(pages: readonly PageF1[]): MeanScores {
  return {
    precision: mean(pages.map((p) => p.precision)),
    recall: mean(pages.map((p) => p.recall)),
    f1: mean(pages.map((p) => p.f1)),
    pages: pages.length,
  };
}
