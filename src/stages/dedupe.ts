/**
 * `dedupe`: exact, near and containment duplicates across the run (and earlier runs with `--state`).
 *
 * observe: fingerprints the clean body of every draft (normalised words, word shingles, a MinHash
 * signature). Memory keeps a compact row per article (signature, exact hash, a few numbers, the id);
 * the shingles go to a spill file in the run's temporary folder (`ctx.tempDir`). finish: finds
 * candidate pairs by banding and anchors (in memory up to `memoryBudgetMiB`, beyond it in sorted runs
 * in the same folder, so that finish's memory does not grow with their number), verifies them on
 * their real shingle sets read back from the spill, clusters them and keeps the most complete copy
 * of each cluster (see src/dedupe/survivor.ts for the rule), then deletes the spill. apply: a
 * dropped copy gets `markDuplicate(keptId, similarity, method)`, a kept copy the ids it replaced.
 * close: when the run went through, the kept articles are appended to the persistent index in one
 * checksummed batch.
 */
import { tmpdir } from "node:os";
import { z } from "zod";
import type { Fingerprint } from "../dedupe/fingerprint.ts";
import { anchorsOf } from "../dedupe/candidates.ts";
import { fingerprintView } from "../dedupe/fingerprint.ts";
import type { DraftMeta } from "../draft.ts";
import { type IndexRecord, appendRecords, fitsIndex, recordBytes, scanIndex } from "../dedupe/index-store.ts";
import { type Resolution, methodName, resolveDuplicates } from "../dedupe/resolve.ts";
import { SURVIVOR_CRITERIA, metadataScore } from "../dedupe/survivor.ts";
import { ArticleTable } from "../dedupe/table.ts";
import { finalMix } from "../dedupe/tokens.ts";
import { type DraftRef, type StageContext, defineCorpusStage } from "../stage.ts";

const options = z
  .object({
    /** Jaccard similarity of word-shingle sets at or above which two bodies are near duplicates. */
    threshold: z.number().min(0.5).max(1).default(0.8),
    /** Share of the shorter body's shingles that must be inside the other for a containment match (an excerpt). */
    containmentThreshold: z.number().min(0.5).max(1).default(0.9),
    /** Words per shingle. */
    shingleSize: z.number().int().min(1).max(12).default(4),
    /** Bodies with fewer words are matched only when exactly equal. */
    minWords: z.number().int().min(1).default(20),
    /** One shingle in this many (by hash) is an anchor for finding excerpts. */
    anchorModulus: z.number().int().min(1).default(32),
    /** Anchors shared by more articles than this are common phrases, not evidence. */
    maxAnchorArticles: z.number().int().min(2).default(32),
    /** The survivor rule: criteria in order of precedence; the smallest id breaks the last tie. */
    survivor: z.array(z.enum(SURVIVOR_CRITERIA)).default([...SURVIVOR_CRITERIA]),
    /**
     * Memory finish may hold for candidate pairs (MiB), on top of the compact state of every article;
     * pairs beyond it wait in sorted runs in the temporary folder. Only speed depends on it.
     */
    memoryBudgetMiB: z.number().positive().default(128),
  })
  .strict();

export type DedupeOptions = z.output<typeof options>;

interface DedupeState {
  table: ArticleTable;
  /** Rows of this run by the hash of their source, built only if apply sees drafts out of observe order. */
  rowsByKey: Map<number, number[]> | null;
  earlierRows: number;
  indexValidBytes: number;
  tornBytes: number;
  resolution: Resolution | null;
  observed: number;
  applied: number;
  committed: boolean;
  committedBytes: number;
  committedRecords: number;
  idsTooLong: number;
  memoryBytesPerArticle: number;
  spillBytesPerArticle: number;
  ms: { fingerprint: number; resolve: number };
  /** What describe reports, taken before the table was let go (a run without --state). */
  summary: Record<string, unknown> | null;
}

/**
 * The kept articles of this run, as index records (appended at the end of a run with --state),
 * made one at a time: a record's signature is a view of the table, valid until the next.
 */
function* keptRecords(state: DedupeState): Generator<IndexRecord> {
  const { table, resolution } = state;
  state.idsTooLong = 0;
  if (!resolution) return;
  for (let row = state.earlierRows; row < table.count; row++) {
    if ((resolution.duplicateOf[row] as number) >= 0 || table.words.get(row) === 0) continue;
    const id = table.ids[row] as string;
    if (!fitsIndex(id)) {
      state.idsTooLong++;
      continue;
    }
    yield {
      id,
      truncated: table.isTruncated(row),
      exactHi: table.exactHi.get(row),
      exactLo: table.exactLo.get(row),
      words: table.words.get(row),
      signature: table.signature(row),
    };
  }
}

/** The index as it is, or as it will be once the run commits (describe runs before close). */
function indexSummary(state: DedupeState): Record<string, unknown> {
  if (state.committed) {
    return {
      committed: true,
      earlierRecords: state.earlierRows,
      appendedRecords: state.committedRecords,
      appendedBytes: state.committedBytes,
      bytesPerArticle: state.committedRecords > 0 ? Math.round(((state.committedBytes - 16) / state.committedRecords) * 10) / 10 : 0,
      ignoredTornBytes: state.tornBytes,
      idsTooLong: state.idsTooLong,
    };
  }
  let pending = 0;
  let bytes = 0;
  for (const r of keptRecords(state)) {
    pending++;
    bytes += recordBytes(r.id);
  }
  return {
    committed: false,
    earlierRecords: state.earlierRows,
    pendingRecords: pending,
    bytesPerArticle: pending > 0 ? Math.round((bytes / pending) * 10) / 10 : 0,
    ignoredTornBytes: state.tornBytes,
    idsTooLong: state.idsTooLong,
  };
}

/** A hash of a draft's source (file and place in it): with the id, what tells two drafts apart. */
function keyHashOf(ref: DraftRef): number {
  const path = ref.source.path;
  let h = 0x811c9dc5 ^ ref.source.index;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (ref.source.index >>> 16), 0x85ebca6b);
  return finalMix(h);
}

/**
 * The row of a draft. apply sees drafts in the order observe did, so the next row is tried first;
 * a draft out of that order is looked up by the hash of its source (an index built on first need).
 */
function rowOf(ref: DraftRef, state: DedupeState, expected: number): number | undefined {
  const table = state.table;
  const key = keyHashOf(ref);
  if (expected < table.count && table.ids[expected] === ref.id && table.keyHash.get(expected) === key) return expected;
  if (!state.rowsByKey) {
    state.rowsByKey = new Map();
    for (let row = state.earlierRows; row < table.count; row++) {
      const k = table.keyHash.get(row);
      const list = state.rowsByKey.get(k);
      if (list) list.push(row);
      else state.rowsByKey.set(k, [row]);
    }
  }
  return state.rowsByKey.get(key)?.find((row) => table.ids[row] === ref.id);
}

/**
 * Where the spill goes: the run's temporary folder under `--out` when the runner gives one, else the
 * system's (outside a run, as in tests and benchmarks).
 */
function tempDirOf(ctx: StageContext<unknown>): string {
  return ctx.tempDir || tmpdir();
}

/** What observing needs of a draft: its fingerprint, anchors and the facts the survivor rule weighs. */
interface DedupeFeatures {
  print: Fingerprint;
  anchors: Uint32Array;
  truncated: DraftMeta["truncated"];
  metadata: number;
}

/** What apply does to one draft: mark it a copy of a kept record, or list the copies it replaced. */
type DedupeDecision = { duplicateOf: string; similarity: number; method: ReturnType<typeof methodName> } | { replaced: string[] };

/** The anchors' reusable buffer in this thread. */
let scratchAnchors: Uint32Array = new Uint32Array(64);

export const dedupe = defineCorpusStage({
  name: "dedupe",
  description: "Marks exact, near and containment duplicates, keeping the most complete copy of each",
  options,
  createState(ctx): DedupeState {
    const table = new ArticleTable({ shingleSize: ctx.options.shingleSize, spillDir: tempDirOf(ctx) });
    let indexValidBytes = 0;
    let tornBytes = 0;
    if (ctx.stateDir) {
      const index = scanIndex(ctx.stateDir, (r) => table.addEarlier(r.id, r.truncated, r.exactHi, r.exactLo, r.words, r.signature));
      indexValidBytes = index.validBytes;
      tornBytes = index.fileBytes - index.validBytes;
      if (tornBytes > 0) ctx.log.warn({ tornBytes }, "dedupe index ends with an incomplete batch from an interrupted run; it is ignored");
    }
    return {
      table,
      rowsByKey: null,
      earlierRows: table.count,
      indexValidBytes,
      tornBytes,
      resolution: null,
      observed: 0,
      applied: 0,
      committed: false,
      committedBytes: 0,
      committedRecords: 0,
      idsTooLong: 0,
      memoryBytesPerArticle: 0,
      spillBytesPerArticle: 0,
      ms: { fingerprint: 0, resolve: 0 },
      summary: null,
    };
  },
  features(draft, ctx): DedupeFeatures {
    const print = fingerprintView(draft.text(), ctx.options.shingleSize);
    const anchors = anchorsOf(print.shingles, ctx.options.anchorModulus, scratchAnchors);
    if (anchors.buffer !== scratchAnchors.buffer) scratchAnchors = new Uint32Array(anchors.buffer as ArrayBuffer);
    // owned copies: the features may cross to another thread, and the views are reused
    return {
      print: { ...print, shingles: print.shingles.slice() },
      anchors: anchors.slice(),
      truncated: draft.meta.truncated,
      metadata: metadataScore(draft.meta),
    };
  },
  collect(f: DedupeFeatures, ref, state) {
    const started = performance.now();
    state.table.add({ id: ref.id, truncated: f.truncated, metadata: f.metadata, keyHash: keyHashOf(ref) }, f.print, f.anchors);
    state.observed++;
    state.ms.fingerprint += performance.now() - started;
  },
  finish(state, ctx) {
    const started = performance.now();
    state.resolution = resolveDuplicates(state.table, { ...ctx.options, memoryBudget: ctx.options.memoryBudgetMiB * 2 ** 20, spillDir: tempDirOf(ctx) });
    state.memoryBytesPerArticle = state.table.bytesPerArticle();
    state.spillBytesPerArticle = state.table.spillBytesPerArticle();
    state.table.closeSpill();
    state.ms.resolve += performance.now() - started;
    ctx.log.debug({ ...state.resolution.stats }, "duplicates resolved");
  },
  decide(ref, state): DedupeDecision | undefined {
    const res = state.resolution;
    const row = res ? rowOf(ref, state, state.earlierRows + state.applied) : undefined;
    state.applied++;
    if (!res || row === undefined) return undefined;
    const of = res.duplicateOf[row] as number;
    if (of >= 0) {
      return { duplicateOf: state.table.ids[of] as string, similarity: (res.similarity[row] as number) / 10000, method: methodName(res.method[row] as number) };
    }
    const gone = res.dropped.get(row);
    return gone ? { replaced: gone.map((r) => state.table.ids[r] as string) } : undefined;
  },
  applyDecision(draft, decision: DedupeDecision) {
    if ("duplicateOf" in decision) draft.markDuplicate(decision.duplicateOf, decision.similarity, decision.method);
    else draft.duplicates = [...new Set([...draft.duplicates, ...decision.replaced])].sort();
  },
  close(state, ctx, outcome) {
    state.table.closeSpill();
    // Commit only a run whose outputs were written: a failed run leaves the index as it was.
    if (!outcome.committed || !ctx.stateDir || !state.resolution || state.committed || state.applied < state.observed) return;
    const written = appendRecords(ctx.stateDir, keptRecords(state), state.indexValidBytes);
    state.committedBytes = written.bytes;
    state.committedRecords = written.count;
    state.committed = true;
    if (state.idsTooLong > 0) ctx.log.warn({ count: state.idsTooLong }, "ids too long for the dedupe index were not indexed");
  },
  // Without --state, nothing reads the table once every draft is decided: sum it up and let it go,
  // so that the passes after this one do not carry ~150 bytes an article.
  applied(state, ctx) {
    if (ctx.stateDir || state.applied < state.observed) return;
    state.summary = summarise(state);
    state.table.release();
    state.resolution = null;
    state.rowsByKey = null;
  },
  describe: (state) => state.summary ?? summarise(state),
});

/** What run.json reports of the stage: counts, methods, the resolution's figures, the index. */
function summarise(state: DedupeState): Record<string, unknown> {
  const res = state.resolution;
  const dropped = res ? [...res.dropped.values()].reduce((n, l) => n + l.length, 0) : 0;
  const byMethod: Record<string, number> = {};
  if (res) {
    for (let row = 0; row < res.duplicateOf.length; row++) {
      if ((res.duplicateOf[row] as number) >= 0) {
        const m = methodName(res.method[row] as number);
        byMethod[m] = (byMethod[m] ?? 0) + 1;
      }
    }
  }
  return {
    articles: state.observed,
    earlierArticles: state.earlierRows,
    duplicates: dropped,
    byMethod,
    ...(res ? res.stats : {}),
    stateBytesPerArticle: Math.round(state.memoryBytesPerArticle),
    spillBytesPerArticle: Math.round(state.spillBytesPerArticle),
    index: indexSummary(state),
    ms: { fingerprint: Math.round(state.ms.fingerprint), resolve: Math.round(state.ms.resolve) },
  };
}
