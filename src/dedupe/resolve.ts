/**
 * Decides the duplicates of a run: finds candidate pairs, verifies each on its real shingle sets,
 * joins verified pairs into clusters, keeps the best copy of each cluster and points every other copy
 * at it with the similarity and method of their match.
 *
 * Methods: `exact` (same normalised words), `near` (Jaccard of shingle sets ≥ `threshold`),
 * `containment` (the shorter body's shingles are at least `containmentThreshold` inside the
 * other: a truncated excerpt, or a copy the other printed with lines of its own). Articles of earlier runs have only
 * their signature: a match with them is decided on the signature's Jaccard estimate.
 */
import { anchorCandidates, bandCandidates, unpackPair } from "./candidates.ts";
import { estimateJaccard } from "./signature.ts";
import { containment, jaccard, toSortedSet } from "./similarity.ts";
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
  similarity: Float64Array;
  method: Uint8Array;
  /** Kept rows and the rows dropped as their duplicates. */
  dropped: Map<number, number[]>;
  stats: { candidatePairs: number; anchorPairs: number; verifiedPairs: number; clusters: number };
}

export function resolveDuplicates(table: ArticleTable, options: ResolveOptions): Resolution {
  const count = table.count;
  const sorted = new Map<number, Uint32Array>();
  const setOf = (row: number): Uint32Array => {
    let s = sorted.get(row);
    if (!s) {
      s = toSortedSet(table.shingles.get(row));
      sorted.set(row, s);
    }
    return s;
  };
  /** Unique shingles of a row, for rows of earlier runs estimated from their word count. */
  const sizeOf = (row: number): number => Math.max(1, table.words.get(row) - options.shingleSize + 1);

  /** How `a` matches `b` (a the candidate duplicate), or null when it does not. */
  const match = (a: number, b: number): [number, number] | null => {
    if (table.sameExact(a, b)) return [EXACT, 1];
    if (table.words.get(a) < options.minWords || table.words.get(b) < options.minWords) return null;
    const [small, big] = table.words.get(a) <= table.words.get(b) ? [a, b] : [b, a];
    let j: number;
    let c: number;
    if (table.isEarlier(a) || table.isEarlier(b)) {
      // no shingles kept for earlier runs: estimate, and derive containment from the set sizes
      j = estimateJaccard(table.signature(a), table.signature(b));
      const common = (j * (sizeOf(a) + sizeOf(b))) / (1 + j);
      c = Math.min(1, common / sizeOf(small));
    } else {
      // most candidates from banding are chance collisions: the signature rules them out cheaply
      const est = estimateJaccard(table.signature(a), table.signature(b));
      const estCommon = (est * (sizeOf(a) + sizeOf(b))) / (1 + est);
      if (est < options.threshold - SIGNATURE_MARGIN && estCommon / sizeOf(small) < options.containmentThreshold - CONTAINMENT_MARGIN) return null;
      j = jaccard(setOf(a), setOf(b));
      c = containment(setOf(small), setOf(big));
    }
    if (j >= options.threshold) return [NEAR, j];
    if (c >= options.containmentThreshold) return [CONTAINMENT, c];
    return null;
  };

  const uf = new UnionFind(count);
  const order = survivorOrder(table, options.survivor);
  // a canonical order of rows (by id), so that nothing below depends on the order of observation
  const canonical = Uint32Array.from({ length: count }, (_, i) => i).sort(byId(table));
  const candidates = new Set<number>();
  bandCandidates(table, canonical, candidates);
  // exact copies, even when too short to have a useful signature
  const byExact = new Map<number, number>();
  for (let row = 0; row < count; row++) {
    if (table.words.get(row) === 0) continue;
    const key = table.exactHi.get(row) * 2097152 + (table.exactLo.get(row) & 0x1fffff);
    const first = byExact.get(key);
    if (first === undefined) byExact.set(key, row);
    else if (table.sameExact(first, row) && !(table.isEarlier(first) && table.isEarlier(row))) uf.union(first, row);
  }
  let verified = 0;
  for (const key of candidates) {
    const [a, b] = unpackPair(key, count);
    if (match(a, b)) {
      uf.union(a, b);
      verified++;
    }
  }
  const anchorsOf = new Uint32Array(count);
  const shared = anchorCandidates(table, canonical, options, anchorsOf);
  for (const key of shared.keys()) {
    const [a, b] = unpackPair(key, count);
    if (candidates.has(key)) continue;
    if (match(a, b)) {
      uf.union(a, b);
      verified++;
    }
  }

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
  const similarity = new Float64Array(count);
  const method = new Uint8Array(count);
  const dropped = new Map<number, number[]>();
  let clusters = 0;
  for (const list of members.values()) {
    if (list.length < 2) continue;
    list.sort(order);
    const keep = list[0] as number;
    const gone: number[] = [];
    for (const row of list.slice(1)) {
      if (table.isEarlier(row)) continue;
      const m = match(row, keep);
      duplicateOf[row] = keep;
      // a copy joined through a chain of matches: report how close it is to the kept copy
      const sim = m ? m[1] : table.isEarlier(keep) ? estimateJaccard(table.signature(row), table.signature(keep)) : jaccard(setOf(row), setOf(keep));
      similarity[row] = Math.round(sim * 10000) / 10000;
      method[row] = m ? m[0] : NEAR;
      gone.push(row);
    }
    if (gone.length > 0) {
      dropped.set(keep, gone);
      clusters++;
    }
  }
  return {
    duplicateOf,
    similarity,
    method,
    dropped,
    stats: { candidatePairs: candidates.size, anchorPairs: shared.size, verifiedPairs: verified, clusters },
  };
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
