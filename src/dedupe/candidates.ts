/**
 * Candidate pairs: the few pairs worth verifying, found without comparing every pair.
 *
 * - Banding (LSH): the signature is cut into bands of `rows` bins; two articles that agree on every
 *   bin of some band are candidates. With 24 bands of 4 rows, a pair of Jaccard 0.7 is a candidate
 *   with probability ≈ 0.998, a pair of Jaccard 0.2 with ≈ 0.04.
 * - Anchors (for containment): shingles whose hash is 0 modulo `anchorModulus`, plus the first two
 *   shingles of the body, are the article's anchors (one shingle in 32 by default); an excerpt shares anchors with its full text
 *   even when their Jaccard is low. Anchors shared by more than `maxAnchorArticles` articles are common
 *   phrases and are skipped; an anchor shared by more than 6 proposes only neighbouring rows.
 *
 * Both are done by sorting packed (key, rank) numbers, so memory is a few bytes per article and band.
 * The rank is the row's place in a canonical order (by id), so that the pairs proposed inside large
 * buckets, and hence the result, do not depend on the order articles were added in.
 */
import { SIGNATURE_BINS } from "./signature.ts";
import type { ArticleTable } from "./table.ts";

export const BAND_ROWS = 4;
export const BANDS = SIGNATURE_BINS / BAND_ROWS;
/** Above this many articles in one bucket, only a chain through the bucket is kept (it still joins them). */
const FULL_PAIRS_UP_TO = 48;
/** For anchors, which are many: above this many articles sharing one, only the chain is kept. */
const FULL_ANCHOR_PAIRS_UP_TO = 6;

/** An unordered pair of rows, packed as one number (smaller row first). */
export function pairKey(a: number, b: number, count: number): number {
  return a < b ? a * count + b : b * count + a;
}

export function unpackPair(key: number, count: number): [number, number] {
  const a = Math.floor(key / count);
  return [a, key - a * count];
}

function indexBits(count: number): number {
  return Math.max(1, Math.ceil(Math.log2(count + 1)));
}

/** Calls `emit(a, b)` for pairs of rows inside each run of equal keys in sorted packed `keys`. */
function scanRuns(
  keys: Float64Array,
  n: number,
  shift: number,
  maxRun: number,
  emit: (a: number, b: number) => void,
  fullPairsUpTo = FULL_PAIRS_UP_TO,
): void {
  const mask = shift;
  let start = 0;
  while (start < n) {
    const key = Math.floor((keys[start] as number) / mask);
    let end = start + 1;
    while (end < n && Math.floor((keys[end] as number) / mask) === key) end++;
    const run = end - start;
    if (run > 1 && run <= maxRun) {
      if (run <= fullPairsUpTo) {
        for (let i = start; i < end; i++) {
          for (let j = i + 1; j < end; j++) emit((keys[i] as number) % mask, (keys[j] as number) % mask);
        }
      } else {
        for (let i = start + 1; i < end; i++) emit((keys[i - 1] as number) % mask, (keys[i] as number) % mask);
      }
    }
    start = end;
  }
}

/** Pairs of rows that agree on a whole band of their signatures (rows without shingles and pairs of earlier-run rows excluded). */
export function bandCandidates(table: ArticleTable, canonical: Uint32Array, into: Set<number>): void {
  const count = table.count;
  const bits = indexBits(count);
  const keyBits = Math.min(32, 53 - bits);
  const shift = 2 ** bits;
  const keyScale = 2 ** (32 - keyBits);
  const keys = new Float64Array(count);
  const sigs = table.signatures.data;
  for (let band = 0; band < BANDS; band++) {
    let n = 0;
    for (let rank = 0; rank < count; rank++) {
      const row = canonical[rank] as number;
      if (table.words.get(row) === 0) continue;
      const at = row * SIGNATURE_BINS + band * BAND_ROWS;
      const key = (((sigs[at] as number) << 24) | ((sigs[at + 1] as number) << 16) | ((sigs[at + 2] as number) << 8) | (sigs[at + 3] as number)) >>> 0;
      keys[n++] = Math.floor(key / keyScale) * shift + rank;
    }
    const sorted = keys.subarray(0, n).sort();
    scanRuns(sorted, n, shift, Number.POSITIVE_INFINITY, (ra, rb) => {
      const a = canonical[ra] as number;
      const b = canonical[rb] as number;
      if (table.isEarlier(a) && table.isEarlier(b)) return;
      into.add(pairKey(a, b, count));
    });
  }
}

export interface AnchorOptions {
  anchorModulus: number;
  maxAnchorArticles: number;
}

/**
 * Pairs of this run's rows that share two anchors (or every anchor of the shorter one), with the
 * number they share, keyed by `pairKey`. `anchorsOf[row]` receives the number of anchors of each row.
 */
export function anchorCandidates(
  table: ArticleTable,
  canonical: Uint32Array,
  options: AnchorOptions,
  anchorsOf: Uint32Array,
): Map<number, number> {
  const count = table.count;
  const bits = indexBits(count);
  const shift = 2 ** bits;
  const keyScale = 2 ** Math.max(0, 32 - (53 - bits));
  const mod = options.anchorModulus;
  let total = 0;
  for (let row = 0; row < count; row++) {
    if (table.isEarlier(row)) continue;
    const sh = table.shingles.get(row);
    for (let i = 0; i < sh.length; i++) if ((sh[i] as number) % mod === 0 || i < 2) total++;
  }
  const keys = new Float64Array(total);
  let n = 0;
  const own = new Set<number>();
  for (let rank = 0; rank < count; rank++) {
    const row = canonical[rank] as number;
    if (table.isEarlier(row)) continue;
    const sh = table.shingles.get(row);
    own.clear();
    for (let i = 0; i < sh.length; i++) {
      const h = sh[i] as number;
      if ((h % mod === 0 || i < 2) && !own.has(h)) {
        own.add(h);
        keys[n++] = Math.floor(h / keyScale) * shift + rank;
      }
    }
    anchorsOf[row] = own.size;
  }
  const sorted = keys.subarray(0, n).sort();
  // every sighting of a pair, packed; sorted, equal runs count the anchors a pair shares
  let sightings = new Float64Array(1 << 16);
  let seen = 0;
  // rows are in order inside each run, so copies that share many anchors meet as neighbours again and again
  scanRuns(
    sorted,
    n,
    shift,
    options.maxAnchorArticles,
    (ra, rb) => {
      if (seen === sightings.length) {
        const grown = new Float64Array(sightings.length * 2);
        grown.set(sightings);
        sightings = grown;
      }
      sightings[seen++] = pairKey(canonical[ra] as number, canonical[rb] as number, count);
    },
    FULL_ANCHOR_PAIRS_UP_TO,
  );
  const pairs = sightings.subarray(0, seen).sort();
  const shared = new Map<number, number>();
  for (let i = 0; i < seen; ) {
    let j = i + 1;
    while (j < seen && pairs[j] === pairs[i]) j++;
    const key = pairs[i] as number;
    const [a, b] = unpackPair(key, count);
    const small = table.words.get(a) <= table.words.get(b) ? a : b;
    // two shared anchors, or every anchor of an excerpt too short to have two
    if (j - i >= Math.min(2, anchorsOf[small] as number)) shared.set(key, j - i);
    i = j;
  }
  return shared;
}
