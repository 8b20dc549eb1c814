/**
 * Decides the duplicates of a run: finds candidate pairs, verifies each on its real shingle sets,
 * joins verified pairs into clusters, keeps the best copy of each cluster and points every other copy
 * at it with the similarity and method of their match.
 *
 * Most candidates are decided from memory (the exact hash, the word counts, the signature estimate).
 * The rest need their real shingle sets: those are read back from the spill file in batches of
 * rows, sorted by position, so that memory holds the sets of one batch at a time.
 *
 * Memory does not grow with the number of pairs: each candidate search keeps at most a budget's
 * worth of pairs and writes the rest as sorted runs, merged back in order (see pair-spool.ts); pairs
 * waiting for their sets queue on disk beyond their share, and matches beyond theirs are not
 * remembered but measured again when needed. Pairs are screened and verified in the same order
 * whatever the budget, so the decisions do not depend on it.
 *
 * Methods: `exact` (same normalised words), `near` (Jaccard of shingle sets ≥ `threshold`),
 * `containment` (the shorter body's shingles are at least `containmentThreshold` inside the
 * other: a truncated excerpt, or a copy the other printed with lines of its own). Articles of earlier runs have only
 * their signature: a match with them is decided on the signature's Jaccard estimate.
 */
import { tmpdir } from "node:os";
import { candidatePairs } from "./candidates.ts";
import { GrowableU32 } from "./growable.ts";
import { PairQueue } from "./pair-spool.ts";
import { PairList } from "./pairs.ts";
import { PairScratch, groupPairs, sortU32 } from "./radix.ts";
import { SIGNATURE_WORDS, agreeingBins, jaccardFromAgreement } from "./signature.ts";
import { SetOverlap } from "./overlap.ts";
import { type SurvivorCriterion, survivorOrder } from "./survivor.ts";
import type { ArticleTable } from "./table.ts";
import { UnionFind } from "./union-find.ts";

export interface ResolveOptions {
  threshold: number;
  containmentThreshold: number;
  shingleSize: number;
  minWords: number;
  anchorModulus: number;
  maxAnchorArticles: number;
  survivor: readonly SurvivorCriterion[];
  /**
   * Bytes finish may hold for pairs (candidates, pairs waiting for their shingle sets, matches),
   * whatever their number; beyond, they wait in sorted runs on disk. 128 MiB unless told. The
   * per-article arrays (a few tens of bytes an article) come on top. Decisions never depend on it.
   */
  memoryBudget?: number;
  /** Where pairs that do not fit go (the system's temporary folder unless told). */
  spillDir?: string;
}

export const DEFAULT_MEMORY_BUDGET = 128 * 2 ** 20;

/**
 * How many pairs each part of finish keeps in memory for a budget: a candidate search holds up to
 * this many pairs (8 bytes each) and sorts them with as much scratch, the anchor search half as many
 * with their counts; pairs waiting for their sets and remembered matches take a quarter each.
 */
export function pairsForBudget(bytes: number): number {
  return 2 ** Math.max(4, Math.floor(Math.log2(Math.max(1, bytes) / 40)));
}

export const METHODS = ["", "exact", "near", "containment"] as const;
export type Method = "exact" | "near" | "containment";
/**
 * How far below the thresholds a signature estimate may fall and still be verified on real shingles:
 * five standard deviations of the 96-bin estimate for Jaccard, about three for the containment
 * derived from it.
 */
const SIGNATURE_MARGIN = 0.2;
const CONTAINMENT_MARGIN = 0.3;
const EXACT = 1;
const NEAR = 2;
const CONTAINMENT = 3;

export interface Resolution {
  /** The row each row duplicates, or -1 for a kept row. */
  duplicateOf: Int32Array;
  /** Similarity of each dropped row to its kept row, in ten-thousandths. */
  similarity: Uint16Array;
  method: Uint8Array;
  /** Kept rows and the rows dropped as their duplicates. */
  dropped: Map<number, number[]>;
  stats: {
    candidatePairs: number;
    anchorPairs: number;
    pairsOnSets: number;
    verifiedPairs: number;
    clusters: number;
    /** Sorted runs of candidate pairs that did not fit in memory and waited on disk (0 when all fitted). */
    spilledRuns: number;
    phaseMs: Record<string, number>;
  };
}

/** Shingles of the rows of one batch of pairs read at once (16 MB). */
const BATCH_VALUES = 1 << 22;

/** How two rows' shingle sets overlap: the distinct shingles of each, and those they share. */
interface Overlap {
  sizeA: number;
  sizeB: number;
  common: number;
}

/**
 * Measures the overlap of the two rows' shingle sets for pairs given a chunk at a time, reading
 * them from the table's shingle store a batch of rows at a time (rows next to each other in the file
 * in one read). Pairs are visited in the order given.
 */
class OverlapReader {
  private readonly table: ArticleTable;
  /** The place of each row of the current batch among the rows read, or -1. */
  private readonly slotOf: Int32Array;
  private rows = new Uint32Array(1024);
  private buffer = new Uint32Array(0);
  private readonly sets = new SetOverlap();
  private readonly overlap: Overlap = { sizeA: 0, sizeB: 0, common: 0 };

  constructor(table: ArticleTable) {
    this.table = table;
    this.slotOf = new Int32Array(table.count).fill(-1);
  }

  /** Calls `visit(a, b, overlap)` for each of the `n` pairs of `pairs` (two rows a pair, one after the other). */
  visit(pairs: Uint32Array, n: number, visit: (a: number, b: number, overlap: Overlap) => void): void {
    const { table, slotOf, sets, overlap } = this;
    for (let i = 0; i < n; ) {
      let used = 0;
      let values = 0;
      let j = i;
      for (; j < n; j++) {
        const a = pairs[2 * j] as number;
        const b = pairs[2 * j + 1] as number;
        const need = (slotOf[a] === -1 ? table.shingleCount(a) : 0) + (slotOf[b] === -1 ? table.shingleCount(b) : 0);
        if (j > i && values + need > BATCH_VALUES) break;
        if (used + 2 > this.rows.length) {
          const grown = new Uint32Array(this.rows.length * 2);
          grown.set(this.rows);
          this.rows = grown;
        }
        if (slotOf[a] === -1) {
          slotOf[a] = 0;
          this.rows[used++] = a;
        }
        if (slotOf[b] === -1) {
          slotOf[b] = 0;
          this.rows[used++] = b;
        }
        values += need;
      }
      const batch = sortU32(this.rows.subarray(0, used));
      if (this.buffer.length < values) this.buffer = new Uint32Array(Math.max(values, Math.min(BATCH_VALUES, this.buffer.length * 2)));
      const starts = table.shingles.read(batch, used, this.buffer);
      const hashes = new Int32Array(this.buffer.buffer, 0, values);
      for (let k = 0; k < used; k++) slotOf[batch[k] as number] = k;
      for (let p = i; p < j; p++) {
        const a = pairs[2 * p] as number;
        const b = pairs[2 * p + 1] as number;
        const ka = slotOf[a] as number;
        const kb = slotOf[b] as number;
        const startA = starts[ka] as number;
        const startB = starts[kb] as number;
        // pairs come sorted by their first row: the first row's table serves a run of them
        const sameFirst = p > i && pairs[2 * p - 2] === a;
        sets.measure(hashes, startA, (starts[ka + 1] as number) - startA, startB, (starts[kb + 1] as number) - startB, sameFirst);
        overlap.sizeA = sets.sizeA;
        overlap.sizeB = sets.sizeB;
        overlap.common = sets.common;
        visit(a, b, overlap);
      }
      for (let k = 0; k < used; k++) slotOf[batch[k] as number] = -1;
      i = j;
    }
  }
}

export function resolveDuplicates(table: ArticleTable, options: ResolveOptions): Resolution {
  const count = table.count;
  /** Unique shingles of a row, for rows of earlier runs estimated from their word count. */
  const sizeOf = (row: number): number => Math.max(1, table.words.get(row) - options.shingleSize + 1);
  const SETS = -1;
  // the signatures as 32-bit words (rows are 96 bytes apart, so each starts on a word)
  const signatureWords = new Int32Array(table.signatures.data.buffer, table.signatures.data.byteOffset, count * SIGNATURE_WORDS);
  const estimate = (a: number, b: number): number => jaccardFromAgreement(agreeingBins(signatureWords, a, b));

  /**
   * How `a` matches `b` as far as memory tells: [method, similarity], null when it does not, or
   * SETS when only their real shingle sets can tell.
   */
  const quickMatch = (a: number, b: number): [number, number] | null | typeof SETS => {
    if (table.sameExact(a, b)) return [EXACT, 1];
    if (table.words.get(a) < options.minWords || table.words.get(b) < options.minWords) return null;
    const small = table.words.get(a) <= table.words.get(b) ? a : b;
    const j = estimate(a, b);
    const common = (j * (sizeOf(a) + sizeOf(b))) / (1 + j);
    if (table.isEarlier(a) || table.isEarlier(b)) {
      // no shingles kept for earlier runs: estimate, and derive containment from the set sizes
      const c = Math.min(1, common / sizeOf(small));
      return decide(j, c);
    }
    // most candidates from banding are chance collisions: the signature rules them out cheaply
    if (j < options.threshold - SIGNATURE_MARGIN && common / sizeOf(small) < options.containmentThreshold - CONTAINMENT_MARGIN) return null;
    return SETS;
  };
  const decide = (j: number, c: number): [number, number] | null => {
    if (j >= options.threshold) return [NEAR, j];
    if (c >= options.containmentThreshold) return [CONTAINMENT, c];
    return null;
  };
  /**
   * How `a` matches `b` on their real shingle sets (after quickMatch asked for them), from the
   * number of distinct shingles of each and of those they share.
   */
  const setMatch = (a: number, b: number, sizeA: number, sizeB: number, common: number): [number, number] | null => {
    const part = table.words.get(a) <= table.words.get(b) ? sizeA : sizeB;
    return decide(jaccardOf(sizeA, sizeB, common), part === 0 ? 0 : common / part);
  };

  const uf = new UnionFind(count);
  const order = survivorOrder(table, options.survivor);
  const clock = new PhaseClock();
  const scratch = new PairScratch();
  // exact copies, even when too short to have a useful signature
  exactCopies(table, scratch, (a, b) => uf.union(a, b));
  clock.lap("exact");

  const pairsInMemory = pairsForBudget(options.memoryBudget ?? DEFAULT_MEMORY_BUDGET);
  const spillDir = options.spillDir ?? tmpdir();
  let verified = 0;
  // pairs that need their shingle sets, in pair order, verified once every candidate is screened
  const needSets = new PairQueue(pairsInMemory / 4, spillDir, "dedupe-set-pairs");
  // a canonical order of rows (by id), so that nothing below depends on the order of observation
  const canonical = Uint32Array.from({ length: table.count }, (_, i) => i).sort(byId(table));
  clock.lap("order");
  const found = candidatePairs(
    table,
    canonical,
    { ...options, pairsInMemory, spillDir },
    scratch,
    (phase) => clock.lap(phase),
    (a, b) => {
      const m = quickMatch(a, b);
      if (m === SETS) needSets.push(a, b);
      else if (m) {
        uf.union(a, b);
        verified++;
      }
    },
  );
  clock.lap("screen");
  const stats = {
    candidatePairs: found.bands,
    anchorPairs: found.anchors,
    pairsOnSets: needSets.length,
    verifiedPairs: 0,
    clusters: 0,
    spilledRuns: found.runs,
    phaseMs: clock.ms,
  };
  // matches found on the sets, in pair order, so that a copy's match with its kept copy is not read
  // twice; past a quarter of the budget, later ones are not kept (and read again if needed)
  const matched = new PairList();
  const matchedHow = new GrowableU32();
  const matchesKept = pairsInMemory / 4;
  const reader = new OverlapReader(table);
  try {
    needSets.forEachChunk((pairs, n) =>
      reader.visit(pairs, n, (a, b, o) => {
        const m = setMatch(a, b, o.sizeA, o.sizeB, o.common);
        if (m) {
          uf.union(a, b);
          verified++;
          if (matched.length < matchesKept) {
            matched.push(a, b);
            matchedHow.push(m[0] * 65536 + Math.round(m[1] * 10000));
          }
        }
      }),
    );
  } finally {
    needSets.close();
  }
  /** The match of `row` with `keep` found above, when it is the one a fresh look would give. */
  const matchedBefore = (row: number, keep: number): [number, number] | null => {
    const at = matched.indexOf(row, keep);
    if (at < 0) return null;
    const how = matchedHow.get(at);
    const method = Math.floor(how / 65536);
    // containment looks from the shorter body: with equal word counts, from the first of the pair
    const sameView = method === NEAR || table.words.get(row) !== table.words.get(keep) || row < keep;
    return sameView ? [method, (how % 65536) / 10000] : null;
  };
  stats.verifiedPairs = verified;
  clock.lap("sets");

  const members = new Map<number, number[]>();
  for (let row = 0; row < count; row++) {
    const root = uf.find(row);
    if (root === row && !members.has(row)) continue;
    let list = members.get(root);
    if (!list) {
      list = [root];
      members.set(root, list);
    }
    if (root !== row) list.push(row);
  }
  const duplicateOf = new Int32Array(count).fill(-1);
  const similarity = new Uint16Array(count);
  const method = new Uint8Array(count);
  const dropped = new Map<number, number[]>();
  const setSimilarity = (row: number, m: [number, number] | null, fallback: number): void => {
    // a copy joined through a chain of matches: report how close it is to the kept copy
    similarity[row] = Math.round((m ? m[1] : fallback) * 10000);
    method[row] = m ? m[0] : NEAR;
  };
  // copies whose match with their kept copy needs the shingle sets, settled below in one pass
  const againstKept = new PairList();
  for (const list of members.values()) {
    if (list.length < 2) continue;
    list.sort(order);
    const keep = list[0] as number;
    const gone: number[] = [];
    for (const row of list.slice(1)) {
      if (table.isEarlier(row)) continue;
      duplicateOf[row] = keep;
      gone.push(row);
      const m = quickMatch(row, keep);
      const before = m === SETS ? matchedBefore(row, keep) : null;
      if (before) setSimilarity(row, before, 0);
      else if (m === SETS || (m === null && !table.isEarlier(keep))) againstKept.push(row, keep);
      else setSimilarity(row, m, estimate(row, keep));
    }
    if (gone.length > 0) {
      dropped.set(keep, gone);
      stats.clusters++;
    }
  }
  againstKept.sort(scratch);
  const kept = new Uint32Array(2 * againstKept.length);
  for (let i = 0; i < againstKept.length; i++) {
    kept[2 * i] = againstKept.first.get(i);
    kept[2 * i + 1] = againstKept.second.get(i);
  }
  reader.visit(kept, againstKept.length, (a, b, o) => {
    const row = duplicateOf[a] === b ? a : b;
    const keep = duplicateOf[row] as number;
    const [sizeRow, sizeKeep] = row === a ? [o.sizeA, o.sizeB] : [o.sizeB, o.sizeA];
    const m = quickMatch(row, keep) === SETS ? setMatch(row, keep, sizeRow, sizeKeep, o.common) : null;
    setSimilarity(row, m, jaccardOf(sizeRow, sizeKeep, o.common));
  });
  clock.lap("clusters");
  return { duplicateOf, similarity, method, dropped, stats };
}

/**
 * Calls `join(first, row)` for each row whose normalised words equal those of an earlier row
 * (`first`, the first such row), unless both are from earlier runs.
 */
function exactCopies(table: ArticleTable, scratch: PairScratch, join: (first: number, row: number) => void): void {
  const count = table.count;
  const keys = new Uint32Array(count);
  const rows = new Uint32Array(count);
  let n = 0;
  for (let row = 0; row < count; row++) {
    if (table.words.get(row) === 0) continue;
    keys[n] = table.exactHi.get(row);
    rows[n] = row;
    n++;
  }
  // stable: rows with the same hash stay in row order
  groupPairs(keys, rows, n, scratch);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && keys[end] === keys[start]) end++;
    for (let i = start + 1; i < end; i++) {
      const row = rows[i] as number;
      for (let j = start; j < i; j++) {
        const first = rows[j] as number;
        if (!table.sameExact(first, row)) continue;
        if (!(table.isEarlier(first) && table.isEarlier(row))) join(first, row);
        break;
      }
    }
    start = end;
  }
}

/** Jaccard similarity from the sizes of two sets and of their intersection (two empty sets are equal). */
function jaccardOf(sizeA: number, sizeB: number, common: number): number {
  return sizeA + sizeB === 0 ? 1 : common / (sizeA + sizeB - common);
}

/** Milliseconds spent in each phase, for run.json. */
class PhaseClock {
  readonly ms: Record<string, number> = {};
  private last = performance.now();
  lap(phase: string): void {
    const now = performance.now();
    this.ms[phase] = Math.round(now - this.last);
    this.last = now;
  }
}

function byId(table: ArticleTable): (a: number, b: number) => number {
  return (a, b) => {
    const ia = table.ids[a] as string;
    const ib = table.ids[b] as string;
    if (ia !== ib) return ia < ib ? -1 : 1;
    return table.exactHi.get(a) - table.exactHi.get(b) || table.exactLo.get(a) - table.exactLo.get(b) || a - b;
  };
}

export function methodName(code: number): Method {
  return (METHODS[code] || "near") as Method;
}
