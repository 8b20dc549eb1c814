/**
 * What happens to one draft in one pass of a run, wherever it happens (the runner's thread or a
 * worker thread): the previous corpus stage's decision is applied, the stretch of article stages
 * runs, and the draft either settles (a line for articles, duplicates or rejected) or lives on to be
 * observed by the next corpus stage, with the features that stage asked for computed here.
 *
 * The runner's thread then only routes strings and compact features, so that on worker threads the
 * costly work of every pass, not just the first, is shared between cores.
 */
import { encodeFeatures } from "./features-codec.ts";
import { ArticleSchema, type DuplicateEntry, type RejectedEntry } from "./article.ts";
import { Draft, type DraftState } from "./draft.ts";
import { type StageRunOptions, contextFor, describeError, runArticleStages } from "./process.ts";
import { type ArticleStage, type CorpusStage, type DraftRef, refOf } from "./stage.ts";

/** The stages of one pass: the corpus stage whose decisions apply first, a stretch, the next corpus stage. */
export interface PassParts {
  before: CorpusStage | null;
  stretch: readonly ArticleStage[];
  after: CorpusStage | null;
  /**
   * The corpus stages after `after` whose features this pass computes too: those that follow it with
   * no article stage between, each deciding on the runner's thread. A draft that no decision touches
   * until then is the same draft, so its features stand, and the pass that observes it need not see
   * it: the runner hands the features on (see `Living.ahead`).
   */
  ahead: readonly CorpusStage[];
}

/** The parts of every pass of a pipeline: pass p applies corpus stage p-1 and ends at corpus stage p. */
export function passesOf(stages: readonly (ArticleStage | CorpusStage)[]): PassParts[] {
  const passes: PassParts[] = [{ before: null, stretch: [], after: null, ahead: [] }];
  for (const stage of stages) {
    const current = passes[passes.length - 1] as PassParts;
    if (stage.kind === "article") (current.stretch as ArticleStage[]).push(stage);
    else {
      current.after = stage;
      passes.push({ before: stage, stretch: [], after: null, ahead: [] });
    }
  }
  for (let p = 0; p < passes.length; p++) {
    const parts = passes[p] as PassParts;
    if (!parts.after?.split) continue;
    const ahead = parts.ahead as CorpusStage[];
    for (let q = p + 1; q < passes.length; q++) {
      const next = passes[q] as PassParts;
      if (next.stretch.length > 0 || !next.before?.decided || !next.after?.split) break;
      ahead.push(next.after);
    }
  }
  return passes;
}

/** What the runner's stats need of a settled draft (its provenance, without the text). */
export interface SettledSummary {
  removed: [stage: string, category: string, rule: string][];
  repaired: [stage: string, rule: string][];
  flagged: [stage: string, rule: string][];
  rejection: { stage: string; reason: string } | null;
}

export type Sink = "articles" | "duplicates" | "rejected";

/** A draft that has left the run: the line to write and where. */
export interface Settled {
  sink: Sink;
  line: string;
  summary: SettledSummary;
}

/** A draft that lives on to the next corpus stage. */
export interface Living {
  ref: DraftRef;
  /** The draft itself (same thread), or its spill line (from a worker, or the bytes it was read as). */
  draft: Draft | null;
  line: string | Uint8Array | null;
  /** The next corpus stage's features, when it computes them apart from observing. */
  features?: unknown;
  /** Set (with no line) when the pass changed nothing: the spill line it came with stands. */
  unchanged?: true;
  /** Set by the runner when `line` is the very bytes the draft was read as in this pass. */
  handedOn?: true;
  /**
   * The features of the pass's `ahead` stages, in order, encoded (features-codec.ts) where the draft was (null where
   * one failed: computed again later), so that the runner's thread only stores them.
   */
  ahead?: (Uint8Array | null)[];
}

export type PassOutcome = { settled: Settled } | { living: Living };

/** A decision of the previous corpus stage, to apply before the stretch (absent: nothing to do). */
export type Decision = { value: unknown } | null;

/**
 * Runs one pass over a draft: decision, stretch, features. Never throws: a stage that fails rejects
 * the draft. With `featuresAhead` false, only the next corpus stage's features are computed, not those
 * of the stages ahead (the runner asks so while most drafts look to be changed by that stage's
 * decision in the next pass, which computes them again anyway).
 */
export async function runPass(
  draft: Draft,
  parts: PassParts,
  decision: Decision,
  options: StageRunOptions,
  featuresAhead = true,
): Promise<{ features?: unknown; ahead?: unknown[] }> {
  const { after } = parts;
  applyBefore(draft, parts, decision, options);
  await runArticleStages(draft, parts.stretch, options);
  if (!after?.split || draft.rejection || draft.duplicateOf) return {};
  draft.stage = after.name;
  let started = performance.now();
  let features: unknown;
  try {
    features = after.split.features(draft, contextFor(after, options));
  } catch (error) {
    draft.reject("stage-error", describeError(error));
    return {};
  } finally {
    options.onStage?.(after, performance.now() - started, draft);
  }
  if (parts.ahead.length === 0 || !featuresAhead) return { features };
  // Features are pure functions of the draft: the stages ahead may as well have theirs now.
  const ahead: unknown[] = [];
  for (const stage of parts.ahead) {
    started = performance.now();
    try {
      ahead.push((stage.split as NonNullable<CorpusStage["split"]>).features(draft, contextFor(stage, options)));
    } catch {
      // Computed again (and the draft rejected) if the draft gets that far.
      ahead.push(null);
    }
    options.onStage?.(stage, performance.now() - started, draft);
  }
  return { features, ahead };
}

/**
 * Whether the features of the stages ahead are worth computing in a pass: they are wasted on a draft
 * that the pass's corpus stage changes in the next pass (its features are computed again there), and
 * save that next pass a round trip for every other draft. The runner tells this hint what the stage
 * says of each draft it collects (`likelyDecides`); while more than half of the last ~64 look to be
 * changed, features ahead are not computed. The outputs are the same either way.
 */
export class FeaturesAheadHint {
  private share = 0;
  private seen = 0;
  /** Drafts sent without features ahead this pass (for the run's debug log). */
  skipped = 0;

  see(likely: boolean): void {
    this.seen++;
    this.share += ((likely ? 1 : 0) - this.share) / Math.min(this.seen, AHEAD_WINDOW);
  }

  get wanted(): boolean {
    return this.seen < AHEAD_FIRST || this.share <= 0.5;
  }
}

/** The hint's window (drafts), and how many it sees before it may say no. */
const AHEAD_WINDOW = 64;
const AHEAD_FIRST = 16;

/** Applies the previous corpus stage's decision to the draft (a stage that fails rejects it). */
function applyBefore(draft: Draft, parts: PassParts, decision: Decision, options: StageRunOptions): void {
  const { before } = parts;
  if (!before?.decided || !decision || draft.rejection || draft.duplicateOf) return;
  draft.stage = before.name;
  const started = performance.now();
  try {
    const outcome = before.decided.applyDecision(draft, decision.value, contextFor(before, options));
    if (outcome && !draft.rejection) draft.rejection = outcome;
  } catch (error) {
    draft.reject("stage-error", describeError(error));
  }
  options.onStage?.(before, performance.now() - started, draft);
}

/**
 * Whether a pass only applies a decision and settles or spills each draft: no article stage, no
 * features to compute. The runner runs such a pass in its own thread (see `lightOutcome`): less work
 * than sending each draft to a worker and back (measured: the last pass of a run took longer with two
 * workers than in this thread).
 */
export function isLight(parts: PassParts): boolean {
  return parts.stretch.length === 0 && !parts.after?.split;
}

/**
 * `passOutcome` of a light pass (`isLight`) in the runner's thread, done at once: the decision, then
 * the line to settle or the draft to observe. No promise, so the runner takes the pass's drafts one at
 * a time, without a queued task for each (the last pass of 100 MB of text, in turns: 2.32-2.70 s ->
 * 2.16-2.63 s).
 */
export function lightOutcome(draft: Draft, parts: PassParts, decision: Decision, options: StageRunOptions): PassOutcome {
  if (!isLight(parts)) throw new Error("lightOutcome of a pass that is not light");
  applyBefore(draft, parts, decision, options);
  if (settles(draft, parts)) return { settled: settle(draft) };
  return { living: { ref: refOf(draft), draft, line: null } };
}

/** Whether a draft leaves the run at the end of this pass. */
export function settles(draft: Draft, parts: PassParts): boolean {
  return !!draft.rejection || !!draft.duplicateOf || parts.after === null;
}

/** The line a settled draft writes, checked against the schema (a record that fails it is rejected). */
export function settle(draft: Draft): Settled {
  if (draft.rejection) {
    const entry: RejectedEntry = { source: draft.source, ...draft.rejection };
    return { sink: "rejected", line: JSON.stringify(entry), summary: summarise(draft) };
  }
  if (draft.duplicateOf) {
    const entry: DuplicateEntry = {
      id: draft.id,
      source: draft.source,
      duplicateOf: draft.duplicateOf.of,
      similarity: Math.round(draft.duplicateOf.similarity * 10000) / 10000,
      method: draft.duplicateOf.method,
    };
    return { sink: "duplicates", line: JSON.stringify(entry), summary: summarise(draft) };
  }
  const checked = ArticleSchema.safeParse(draft.toArticle());
  if (!checked.success) {
    draft.stage = "output";
    const problems = checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    const rejection = draft.reject("invalid-record", `the cleaned record does not match the schema: ${problems}`);
    return { sink: "rejected", line: JSON.stringify({ source: draft.source, ...rejection }), summary: summarise(draft) };
  }
  return { sink: "articles", line: JSON.stringify(checked.data), summary: summarise(draft) };
}

function summarise(draft: Draft): SettledSummary {
  return {
    removed: draft.removed.map((r) => [r.stage, r.category, r.rule]),
    repaired: draft.repaired.map((r) => [r.stage, r.rule]),
    flagged: draft.flagged.map((f) => [f.stage, f.rule]),
    rejection: draft.rejection ? { stage: draft.rejection.stage, reason: draft.rejection.reason } : null,
  };
}

/**
 * A spill line: the draft's ref as JSON, a tab, then its state as JSON (without the raw input, which
 * no later stage reads). JSON never holds a raw tab, so the first tab splits the two.
 */
export function spillLine(draft: Draft): string {
  const state = draft.toState();
  return `${JSON.stringify(refOf(draft))}\t${JSON.stringify({ ...state, raw: { kind: state.raw.kind, content: "" } })}`;
}

/** The state's JSON of a spill line (unparsed). */
export function spillJson(line: string): string {
  const tab = line.indexOf("\t");
  if (tab < 0) throw new Error("malformed spill line: no tab between ref and state");
  return line.slice(tab + 1);
}

/**
 * A spill line as the runner's thread reads it: its bytes, of which only the ref before the tab is
 * decoded. A draft that a pass hands on unchanged is written out again as the same bytes; the state
 * becomes a string only where the draft is worked on (on a worker, the bytes are sent).
 */
export class SpillBytes {
  readonly ref: DraftRef;
  private readonly tab: number;

  constructor(readonly bytes: Uint8Array) {
    const tab = bytes.indexOf(9);
    if (tab < 0) throw new Error("malformed spill line: no tab between ref and state");
    this.tab = tab;
    this.ref = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, tab).toString("utf8")) as DraftRef;
  }

  /** The state's JSON. */
  json(): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.tab + 1, this.bytes.length - this.tab - 1).toString("utf8");
  }

  /** The state's JSON as bytes of their own (a view of a bigger buffer would send all of it to a worker). */
  jsonBytes(): Uint8Array {
    // (a Buffer's `slice` is a view: the copy is made by the constructor)
    return new Uint8Array(this.bytes.subarray(this.tab + 1));
  }
}

/** The state's JSON as a worker receives it: a string, or its UTF-8 bytes. */
export function jsonText(json: string | Uint8Array): string {
  return typeof json === "string" ? json : Buffer.from(json.buffer, json.byteOffset, json.length).toString("utf8");
}

export function draftOf(json: string): Draft {
  return Draft.fromState(JSON.parse(json) as DraftState);
}

/**
 * Runs a pass and says how the draft leaves it; `asLine` says whether a living draft goes as a line,
 * `featuresAhead` whether the features of the stages ahead are computed too (see `runPass`).
 */
export async function passOutcome(
  draft: Draft,
  parts: PassParts,
  decision: Decision,
  options: StageRunOptions,
  asLine: boolean,
  fromSpill = false,
  featuresAhead = true,
): Promise<PassOutcome> {
  const { features, ahead } = await runPass(draft, parts, decision, options, featuresAhead);
  if (settles(draft, parts)) return { settled: settle(draft) };
  // Nothing applied and no article stage: the draft is as it was spilled (features do not change it).
  const unchanged = fromSpill && decision === null && parts.stretch.length === 0;
  const living: Living = !asLine
    ? { ref: refOf(draft), draft, line: null }
    : unchanged
      ? { ref: refOf(draft), draft: null, line: null, unchanged: true }
      : { ref: refOf(draft), draft: null, line: spillLine(draft) };
  if (parts.after?.split) living.features = features;
  if (ahead) living.ahead = ahead.map((f) => (f == null ? null : encodeFeatures(f)));
  return { living };
}
