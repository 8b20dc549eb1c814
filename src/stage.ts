/**
 * What a stage is. A stage is a value: a name, an options schema with defaults, and a function of a
 * draft. Built-in stages are written with exactly this API; a user's custom stage is no different.
 *
 * Two kinds:
 * - an article stage sees one draft at a time (`run`), and may run on any worker, in any order;
 * - a corpus stage needs the whole run: the runner first shows it every draft (`observe`), lets it
 *   settle its state (`finish`), then hands every draft back (`apply`). Its state must not depend on
 *   the order drafts were observed in, so that output is the same however the input is split.
 */
import type { Logger } from "pino";
import { z } from "zod";
import type { Draft, Rejection } from "./draft.ts";
import type { SourceRef } from "./article.ts";
import { hash53 } from "./util/hash.ts";

export interface StageContext<O> {
  /** The stage's options, parsed and frozen. */
  readonly options: Readonly<O>;
  readonly log: Logger;
  /** A directory where a corpus stage may keep state between runs (`--state`), or null. */
  readonly stateDir: string | null;
  /**
   * The run's temporary folder under `--out`, where a corpus stage may spill what it need not keep in
   * memory (removed when the run commits); null outside a run. Not shared between runs.
   */
  readonly tempDir?: string | null;
}

export type StageOutcome = void | Rejection | undefined;

export interface ArticleStageSpec<S extends z.ZodType> {
  name: string;
  description: string;
  options?: S;
  run: (draft: Draft, ctx: StageContext<z.output<S>>) => StageOutcome | Promise<StageOutcome>;
}

export interface CorpusStageSpec<S extends z.ZodType, State, F = unknown, D = unknown> {
  name: string;
  description: string;
  options?: S;
  /** A fresh, empty state for one run. */
  createState: (ctx: StageContext<z.output<S>>) => State | Promise<State>;
  /**
   * Sees every draft once (that is still alive), in input order. Must not change the draft.
   * Give either `observe`, or `features` and `collect` (then observe is `collect(features(draft))`).
   */
  observe?: (draft: Draft, state: State, ctx: StageContext<z.output<S>>) => void | Promise<void>;
  /**
   * What `collect` needs of a draft, as plain data (it may cross a thread boundary). A pure function
   * of the draft and the options: the runner computes it wherever the draft is, on a worker thread
   * when there are workers, so that the costly part of observing is shared between cores.
   */
  features?: (draft: Draft, ctx: StageContext<z.output<S>>) => F;
  /** Adds one draft's features to the state, in input order, on the runner's thread. */
  collect?: (features: F, ref: DraftRef, state: State, ctx: StageContext<z.output<S>>) => void;
  /** Called once after the last observe: decide, persist, and free what apply does not need. */
  finish?: (state: State, ctx: StageContext<z.output<S>>) => void | Promise<void>;
  /**
   * Sees every draft again, in input order, and may change, reject or mark it.
   * Give either `apply`, or `decide` and `applyDecision` (then apply is `applyDecision(decide(ref))`).
   */
  apply?: (draft: Draft, state: State, ctx: StageContext<z.output<S>>) => StageOutcome | Promise<StageOutcome>;
  /**
   * What apply will do to one draft, as plain data, or undefined for nothing. Runs on the runner's
   * thread, which holds the state; it should be cheap. With `decideSeesFeatures`, the runner may pass
   * the draft's own features (as `collect` got them), so that decide can tell a draft that needs
   * nothing without seeing it; the answer must have the same effect with or without them.
   */
  decide?: (ref: DraftRef, state: State, ctx: StageContext<z.output<S>>, features?: F) => D | undefined;
  /**
   * Asks the runner to keep each draft's features (on disk, beside the spill) until `decide`. Worth it
   * when the features are small and most drafts turn out to need nothing: those then skip a pass.
   */
  decideSeesFeatures?: boolean;
  /**
   * A hint, called on the runner's thread right after `collect` while the stage observes: whether, as
   * far as the state shows so far, `decide` will have something for this draft. When most drafts will
   * (and so are worked on again in the next pass, where their features change with them), the runner
   * stops computing the features of the stages further ahead in this pass. Outputs never depend on it.
   */
  likelyDecides?: (features: F, state: State, ctx: StageContext<z.output<S>>) => boolean;
  /** Does to a draft what `decide` said, wherever the draft is (a worker thread, maybe). */
  applyDecision?: (draft: Draft, decision: D, ctx: StageContext<z.output<S>>) => StageOutcome;
  /**
   * Called once every draft has been through apply (or decide): free what `close` and `describe` do
   * not need, so that the passes after this stage's do not carry its per-article state.
   */
  applied?: (state: State, ctx: StageContext<z.output<S>>) => void;
  /**
   * Called at the very end of the run, also after a failure: close files and stores. `committed`
   * says whether the run's outputs were written; persist what later runs rely on only then.
   */
  close?: (state: State, ctx: StageContext<z.output<S>>, outcome: RunOutcome) => void | Promise<void>;
  /** A summary of the state for run.json (its size, what it learned). */
  describe?: (state: State) => Record<string, unknown>;
}

/** Which record a draft is, without its content: what a corpus stage keys its state by. */
export interface DraftRef {
  id: string;
  source: SourceRef;
}

/** A draft's ref. */
export function refOf(draft: Draft): DraftRef {
  return { id: draft.id, source: draft.source };
}

/** A string that tells records apart: id, source path and index. */
export function refKey(ref: DraftRef): string {
  return `${ref.id}\u0000${ref.source.path}\u0000${ref.source.index}`;
}

/** A 53-bit hash of `refKey`: a record's key in a compact table (src/util/row-index.ts). */
export function refHash(ref: DraftRef): number {
  return hash53(refKey(ref));
}

/** How a run ended, as a corpus stage's close sees it. */
export interface RunOutcome {
  committed: boolean;
}

/** A stage with its options parsed: what a pipeline holds. */
export type Stage = ArticleStage | CorpusStage;

export interface ArticleStage {
  readonly kind: "article";
  readonly name: string;
  readonly description: string;
  readonly options: Readonly<Record<string, unknown>>;
  run(draft: Draft, ctx: StageContext<never>): StageOutcome | Promise<StageOutcome>;
}

export interface CorpusStage {
  readonly kind: "corpus";
  readonly name: string;
  readonly description: string;
  readonly options: Readonly<Record<string, unknown>>;
  createState(ctx: StageContext<never>): unknown;
  observe(draft: Draft, state: unknown, ctx: StageContext<never>): void | Promise<void>;
  finish(state: unknown, ctx: StageContext<never>): void | Promise<void>;
  apply(draft: Draft, state: unknown, ctx: StageContext<never>): StageOutcome | Promise<StageOutcome>;
  applied(state: unknown, ctx: StageContext<never>): void;
  close(state: unknown, ctx: StageContext<never>, outcome: RunOutcome): void | Promise<void>;
  describe(state: unknown): Record<string, unknown>;
  /** Present when observing is split into features (anywhere) and collect (the runner's thread). */
  readonly split: {
    features(draft: Draft, ctx: StageContext<never>): unknown;
    collect(features: unknown, ref: DraftRef, state: unknown, ctx: StageContext<never>): void;
  } | null;
  /** Present when applying is split into decide (the runner's thread) and applyDecision (anywhere). */
  readonly decided: {
    decide(ref: DraftRef, state: unknown, ctx: StageContext<never>, features?: unknown): unknown;
    applyDecision(draft: Draft, decision: unknown, ctx: StageContext<never>): StageOutcome;
    /** Whether decide wants the draft's own features (see `decideSeesFeatures`). */
    seesFeatures: boolean;
    /** See `likelyDecides` (null: no hint). */
    likely: ((features: unknown, state: unknown, ctx: StageContext<never>) => boolean) | null;
  } | null;
}

/** A stage definition: call it with options (or none, for the defaults) to get a stage. */
export interface StageFactory<S extends z.ZodType> {
  (options?: z.input<S>): Stage;
  readonly stageName: string;
  readonly description: string;
  readonly optionsSchema: S;
}

const noOptions = z.object({}).strict();

function parseOptions<S extends z.ZodType>(name: string, schema: S, options: unknown): z.output<S> {
  const parsed = schema.safeParse(options ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(options)"}: ${i.message}`).join("; ");
    throw new Error(`stage "${name}": invalid options: ${problems}`);
  }
  return deepFreeze(parsed.data);
}

function checkName(name: string): void {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) {
    throw new Error(`stage name "${name}" must be lower-case words joined by hyphens (e.g. "drop-bylines")`);
  }
}

/**
 * The factory both kinds share: the name is checked once, and each call parses the options against
 * the schema and freezes the stage that `build` makes of them.
 */
function stageFactory<S extends z.ZodType>(
  spec: { name: string; description: string; options?: S },
  build: (options: Record<string, unknown>) => Stage,
): StageFactory<S> {
  checkName(spec.name);
  const schema = (spec.options ?? noOptions) as S;
  const factory = (options?: z.input<S>): Stage =>
    Object.freeze(build(parseOptions(spec.name, schema, options) as Record<string, unknown>));
  return Object.assign(factory, { stageName: spec.name, description: spec.description, optionsSchema: schema });
}

/** Defines an article stage: a function of one draft. */
export function defineStage<S extends z.ZodType = typeof noOptions>(spec: ArticleStageSpec<S>): StageFactory<S> {
  return stageFactory(spec, (options): ArticleStage => ({
    kind: "article",
    name: spec.name,
    description: spec.description,
    options,
    run: spec.run as ArticleStage["run"],
  }));
}

/** Defines a corpus stage: one that must see every draft of the run before it can decide. */
export function defineCorpusStage<S extends z.ZodType = typeof noOptions, State = unknown, F = unknown, D = unknown>(
  spec: CorpusStageSpec<S, State, F, D>,
): StageFactory<S> {
  const { features, collect, decide, applyDecision } = spec;
  if (!spec.observe && !(features && collect)) {
    throw new Error(`corpus stage "${spec.name}" needs observe, or features and collect`);
  }
  if (!spec.apply && !(decide && applyDecision)) {
    throw new Error(`corpus stage "${spec.name}" needs apply, or decide and applyDecision`);
  }
  type Ctx = StageContext<z.output<S>>;
  const split = features && collect ? { features, collect } : null;
  const decided =
    decide && applyDecision
      ? { decide, applyDecision, seesFeatures: !!(spec.decideSeesFeatures && split), likely: (split && spec.likelyDecides) || null }
      : null;
  const observe =
    spec.observe ?? ((draft: Draft, state: State, ctx: Ctx) => split?.collect(split.features(draft, ctx), refOf(draft), state, ctx));
  const apply =
    spec.apply ??
    ((draft: Draft, state: State, ctx: Ctx): StageOutcome => {
      const decision = decided?.decide(refOf(draft), state, ctx);
      return decision === undefined ? undefined : decided?.applyDecision(draft, decision, ctx);
    });
  return stageFactory(spec, (options): CorpusStage => ({
    kind: "corpus",
    name: spec.name,
    description: spec.description,
    options,
    createState: spec.createState as CorpusStage["createState"],
    observe: observe as CorpusStage["observe"],
    finish: (spec.finish ?? (() => undefined)) as CorpusStage["finish"],
    apply: apply as CorpusStage["apply"],
    applied: (spec.applied ?? (() => undefined)) as CorpusStage["applied"],
    close: (spec.close ?? (() => undefined)) as CorpusStage["close"],
    describe: (spec.describe ?? (() => ({}))) as CorpusStage["describe"],
    split: split as CorpusStage["split"],
    decided: decided as CorpusStage["decided"],
  }));
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
