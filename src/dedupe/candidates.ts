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
 * Both group equal keys by a radix sort of (key, row) pairs, so memory is a few bytes per article
 * for one band, or per anchor of one slice of the hash space, at a time. The pairs they propose go
 * to a spool of bounded size (see pair-spool.ts): chance collisions of short bodies can number tens
 * of millions. Rows enter in a canonical order (by id), so that the pairs proposed inside large
 * buckets, and hence the result, do not depend on the order articles were added in.
 */
import { type PairStream, PairSpool } from "./pair-spool.ts";
import { type PairScratch, groupPairs, sortU32 } from "./radix.ts";
import { SIGNATURE_BINS } from "./signature.ts";
import type { ArticleTable } from "./table.ts";

export const BAND_ROWS = 4;
export const BANDS = SIGNATURE_BINS / BAND_ROWS;
/** Above this many articles in one bucket, only a chain through the bucket is kept (it still joins them). */
const FULL_PAIRS_UP_TO = 48;
/** For anchors, which are many: above this many articles sharing one, only the chain is kept. */
const FULL_ANCHOR_PAIRS_UP_TO = 6;
/** Anchors sorted at once: the hash space is cut into slices of about this many. */
const ANCHORS_PER_SLICE = 1 << 22;

/** Whether a shingle hash is an anchor of the sample (by its hash alone). */
function sampled(modulus: number): (h: number) => boolean {
  // a Uint32 above 2^31 is a double, whose % is slow: use a mask where the modulus allows
  if ((modulus & (modulus - 1)) === 0) {
    const mask = modulus - 1;
    return (h) => (h & mask) === 0;
  }
  return (h) => h % modulus === 0;
}

/**
 * The distinct anchors of a body, from its shingles in text order: those the sample picks and the
 * first two. Written into `out` (grown when needed); returns a view.
 */
export function anchorsOf(shingles: Uint32Array, modulus: number, out: Uint32Array): Uint32Array {
  const pick = sampled(modulus);
  let n = 0;
  let dest = out;
  for (let i = 0; i < shingles.length; i++) {
    const h = shingles[i] as number;
    if (i < 2 || pick(h)) {
      if (n === dest.length) {
        const grown = new Uint32Array(Math.max(64, dest.length * 2));
        grown.set(dest);
        dest = grown;
      }
      dest[n++] = h;
    }
  }
  const view = sortU32(dest.subarray(0, n));
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || view[i] !== view[i - 1]) view[m++] = view[i] as number;
  return view.subarray(0, m);
}

/**
 * Calls `emit(a, b)` for pairs of rows inside each run of equal keys in sorted `keys` (with their
 * rows in `rows`): every pair in a run of up to `fullPairsUpTo`, a chain of neighbours in a longer
 * one, nothing in a run longer than `maxRun`.
 */
function scanRuns(
  keys: Uint32Array | Int32Array,
  rows: Uint32Array | Int32Array,
  n: number,
  maxRun: number,
  fullPairsUpTo: number,
  emit: (a: number, b: number) => void,
  beforeRun?: (start: number, end: number) => void,
): void {
  let start = 0;
  while (start < n) {
    const key = keys[start] as number;
    let end = start + 1;
    while (end < n && keys[end] === key) end++;
    const run = end - start;
    if (run > 1 && run <= maxRun) {
      beforeRun?.(start, end);
      if (run <= fullPairsUpTo) {
        for (let i = start; i < end; i++) {
          for (let j = i + 1; j < end; j++) emit(rows[i] as number, rows[j] as number);
        }
      } else {
        for (let i = start + 1; i < end; i++) emit(rows[i - 1] as number, rows[i] as number);
      }
    }
    start = end;
  }
}

/**
 * Adds to `spool` every pair of rows that agree on a whole band of their signatures (rows without
 * shingles and pairs of earlier-run rows excluded), once per band they agree on.
 */
export function bandCandidates(table: ArticleTable, canonical: Uint32Array, spool: PairSpool, scratch: PairScratch): void {
  const count = table.count;
  // keys as signed numbers (the sort reads their bits as unsigned): no doubles in the loop
  const keys = new Int32Array(count);
  const rows = new Int32Array(count);
  const sigs = table.signatures.data;
  const emit = (a: number, b: number): void => {
    if (!(table.isEarlier(a) && table.isEarlier(b))) spool.push(a, b);
  };
  for (let band = 0; band < BANDS; band++) {
    let n = 0;
    for (let rank = 0; rank < count; rank++) {
      const row = canonical[rank] as number;
      if (table.words.get(row) === 0) continue;
      const at = row * SIGNATURE_BINS + band * BAND_ROWS;
      keys[n] = ((sigs[at] as number) << 24) | ((sigs[at + 1] as number) << 16) | ((sigs[at + 2] as number) << 8) | (sigs[at + 3] as number);
      rows[n] = row;
      n++;
    }
    // stable: rows of one bucket stay in canonical order
    groupPairs(keys, rows, n, scratch);
    scanRuns(keys, rows, n, Number.POSITIVE_INFINITY, FULL_PAIRS_UP_TO, emit);
    // a few bands at a time, so that repeats of the same pair do not pile up
    if (band % 4 === 3) spool.compact();
  }
}

export interface AnchorOptions {
  anchorModulus: number;
  maxAnchorArticles: number;
  /** Anchors sorted at once (the hash space is cut into slices of about this many). */
  anchorsPerSlice?: number;
}

/**
 * Adds to `spool` (a counted one) each sighting of two of this run's rows under one anchor: the
 * number of times a pair is added is the number of anchors it shares. The anchors are streamed from
 * the shingle store once per slice of the hash space.
 */
export function anchorCandidates(table: ArticleTable, canonical: Uint32Array, options: AnchorOptions, spool: PairSpool, scratch: PairScratch): void {
  const count = table.count;
  const rankOf = new Uint32Array(count);
  for (let rank = 0; rank < count; rank++) rankOf[canonical[rank] as number] = rank;
  const total = table.shingles.anchorCount;
  let sliceBits = 0;
  const perSlice = options.anchorsPerSlice ?? ANCHORS_PER_SLICE;
  while (sliceBits < 16 && total / 2 ** sliceBits > perSlice) sliceBits++;
  const slices = 2 ** sliceBits;
  const capacity = Math.ceil((total / slices) * 1.25) + 1024;
  // hashes as signed numbers (the sort reads their bits as unsigned): no doubles in the loop
  let keys = new Int32Array(Math.min(total, capacity));
  let rows = new Int32Array(keys.length);
  const byRank = (start: number, end: number): void => {
    // rows of one anchor arrive in stored order: put them in canonical order (runs are short)
    for (let i = start + 1; i < end; i++) {
      const row = rows[i] as number;
      const rank = rankOf[row] as number;
      let j = i - 1;
      while (j >= start && (rankOf[rows[j] as number] as number) > rank) {
        rows[j + 1] = rows[j] as number;
        j--;
      }
      rows[j + 1] = row;
    }
  };
  const emit = (a: number, b: number): void => spool.push(a, b);
  for (let slice = 0; slice < slices; slice++) {
    let n = 0;
    const shift = 32 - sliceBits;
    table.shingles.forEachAnchors((row, anchors) => {
      for (let k = 0; k < anchors.length; k++) {
        const h = (anchors[k] as number) | 0;
        if (sliceBits > 0 && h >>> shift !== slice) continue;
        if (n === keys.length) {
          const grownKeys = new Int32Array(Math.max(1024, keys.length * 2));
          const grownRows = new Int32Array(grownKeys.length);
          grownKeys.set(keys);
          grownRows.set(rows);
          keys = grownKeys;
          rows = grownRows;
        }
        // anchors are picked by their low bits: mix them (one to one) before grouping on low bits
        let x = h ^ (h >>> 16);
        x = Math.imul(x, 0x7feb352d);
        keys[n] = x ^ (x >>> 15);
        rows[n] = row;
        n++;
      }
    });
    groupPairs(keys, rows, n, scratch);
    scanRuns(keys, rows, n, options.maxAnchorArticles, FULL_ANCHOR_PAIRS_UP_TO, emit, byRank);
    spool.compact();
  }
}

export interface CandidateOptions extends AnchorOptions {
  /** Pairs each search keeps in memory at most; beyond, they go to sorted runs in `spillDir`. */
  pairsInMemory: number;
  spillDir: string;
}

/**
 * Finds candidate pairs by banding and by anchors, and calls `consider(a, b)` once for each distinct
 * pair, in order (by first row, then second). An anchor pair counts when the two rows share two
 * anchors, or every anchor of the shorter one when it has fewer. Returns how many each search found.
 * `lap(phase)` is called as each phase ends. Memory holds at most `pairsInMemory` pairs of each
 * search, whatever their number; nothing is left on disk on return.
 */
export function candidatePairs(
  table: ArticleTable,
  canonical: Uint32Array,
  options: CandidateOptions,
  scratch: PairScratch,
  lap: (phase: string) => void,
  consider: (a: number, b: number) => void,
): { bands: number; anchors: number; runs: number } {
  const limit = Math.max(16, Math.floor(options.pairsInMemory));
  const bandSpool = new PairSpool({ limit, dir: options.spillDir, name: "dedupe-band-pairs", counted: false, scratch });
  // anchor sightings are counted: half the room for the sightings, half for the merged counts
  const anchorSpool = new PairSpool({ limit: limit / 2, dir: options.spillDir, name: "dedupe-anchor-pairs", counted: true, scratch });
  try {
    bandCandidates(table, canonical, bandSpool, scratch);
    lap("bands");
    anchorCandidates(table, canonical, options, anchorSpool, scratch);
    lap("anchors");
    const runs = bandSpool.runCount + anchorSpool.runCount;
    const banded = bandSpool.stream();
    const anchored = anchorPairs(table, anchorSpool.stream());
    let bands = 0;
    let anchors = 0;
    // both streams are sorted: walk them together
    let hasBand = banded.next();
    let hasAnchor = anchored.next();
    while (hasBand || hasAnchor) {
      const order = !hasBand ? 1 : !hasAnchor ? -1 : banded.a - anchored.a || banded.b - anchored.b;
      if (order <= 0) {
        consider(banded.a, banded.b);
        bands++;
        hasBand = banded.next();
        if (order === 0) {
          anchors++;
          hasAnchor = anchored.next();
        }
      } else {
        consider(anchored.a, anchored.b);
        anchors++;
        hasAnchor = anchored.next();
      }
    }
    return { bands, anchors, runs };
  } finally {
    bandSpool.close();
    anchorSpool.close();
  }
}

/** The pairs of a stream of anchor sightings that share enough anchors to be candidates. */
function anchorPairs(table: ArticleTable, sightings: PairStream): PairStream {
  const out: PairStream = {
    a: 0,
    b: 0,
    times: 0,
    next(): boolean {
      while (sightings.next()) {
        const a = sightings.a;
        const b = sightings.b;
        const small = table.words.get(a) <= table.words.get(b) ? a : b;
        // two shared anchors, or every anchor of an excerpt too short to have two
        if (sightings.times >= Math.min(2, table.anchorsUpTo2(small))) {
          out.a = a;
          out.b = b;
          out.times = sightings.times;
          return true;
        }
      }
      return false;
    },
  };
  return out;
}
