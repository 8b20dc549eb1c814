/**
 * Running stages over one draft. The runner uses this for every stretch of article stages between
 * corpus stages; tests and benchmarks use `cleanOne` to clean a single input without a run.
 */
import { Script } from "node:vm";
import type { Logger } from "pino";
import { Draft, type DraftMeta, type RawInput } from "./draft.ts";
import { silentLogger } from "./log.ts";
import type { Pipeline } from "./pipeline.ts";
import type { ArticleStage, Stage, StageContext } from "./stage.ts";

export interface StageRunOptions {
  log?: Logger;
  stateDir?: string | null;
  /** The run's own temporary folder (removed when the run commits), or null outside a run. */
  tempDir?: string | null;
  /** Called after each stage with the time it took, for run statistics. */
  onStage?: (stage: Stage, ms: number, draft: Draft) => void;
  /** Called as each article stage starts, with its place in the stretch (a worker tells the runner). */
  onStageStart?: (index: number) => void;
  /**
   * The longest a draft's article stages may take together, in ms (absent: no limit). It is checked
   * as each stage returns: a draft over it is rejected with `time-limit` and runs no further stage.
   * A stage that never returns is stopped only with `hardLimit` (or, on a worker, by the runner's
   * watchdog).
   */
  timeLimitMs?: number | null;
  /**
   * Stops the stages mid-stage at the time limit, even a stage that never returns, as long as they
   * run without awaiting (an async stage is checked as it returns). Costs about a quarter of a
   * millisecond a draft (the engine's watchdog starts a thread per call): the runner asks for it for
   * the drafts it cleans in its own thread while workers are there to take the rest.
   */
  hardLimit?: boolean;
}

/** The detail of a `time-limit` rejection. */
export function timeLimitDetail(limitMs: number): string {
  return `the article stages took longer than ${limitMs} ms and were stopped`;
}

export function contextFor(stage: Stage, options: StageRunOptions): StageContext<never> {
  return {
    options: stage.options as never,
    log: (options.log ?? silentLogger).child({ stage: stage.name }),
    stateDir: options.stateDir ?? null,
    tempDir: options.tempDir ?? null,
  };
}

/**
 * Runs article stages in order over a draft, stopping at the first that rejects it. A stage that
 * throws rejects the draft with reason "stage-error": one article's failure never stops a run; the
 * stages together taking longer than `timeLimitMs` reject it with "time-limit".
 */
export async function runArticleStages(
  draft: Draft,
  stages: readonly ArticleStage[],
  options: StageRunOptions = {},
): Promise<void> {
  const limit = options.timeLimitMs ?? null;
  if (limit === null || !options.hardLimit || stages.length === 0) return runStages(draft, stages, options, limit);
  let pending: Promise<void> | null = null;
  try {
    underTimeLimit(() => {
      pending = runStages(draft, stages, options, limit);
    }, limit);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== "ERR_SCRIPT_EXECUTION_TIMEOUT") throw error;
    // stopped mid-stage: `draft.stage` is the stage that was running
    draft.reject("time-limit", timeLimitDetail(limit));
    return;
  }
  await pending;
}

async function runStages(draft: Draft, stages: readonly ArticleStage[], options: StageRunOptions, limit: number | null): Promise<void> {
  // The draft's own time in its stages: other drafts' stages may run while an async stage waits.
  let spent = 0;
  for (let index = 0; index < stages.length; index++) {
    const stage = stages[index] as ArticleStage;
    if (draft.rejection || draft.duplicateOf) return;
    draft.stage = stage.name;
    options.onStageStart?.(index);
    const started = performance.now();
    let took = 0;
    try {
      const result = stage.run(draft, contextFor(stage, options));
      // a stage that returns at once is timed as it returns (awaiting it would let other drafts in)
      const outcome = isPromiseLike(result) ? await result : result;
      took = performance.now() - started;
      if (outcome && !draft.rejection) draft.rejection = outcome;
    } catch (error) {
      took = performance.now() - started;
      draft.reject("stage-error", describeError(error));
      (options.log ?? silentLogger).warn({ stage: stage.name, id: draft.id, err: error }, "stage failed on an article");
    }
    options.onStage?.(stage, took, draft);
    spent += took;
    // (the stage that ran over is the one the rejection names)
    if (limit !== null && !draft.rejection && spent > limit) draft.reject("time-limit", timeLimitDetail(limit));
  }
}

/** Where `underTimeLimit` leaves the work for the script to call. */
const GUARDED = Symbol.for("tidings.underTimeLimit");
const CALL_GUARDED = new Script(`globalThis[Symbol.for("tidings.underTimeLimit")]()`, { filename: "tidings-time-limit" });

/**
 * Runs `work` and returns when it does, or throws ERR_SCRIPT_EXECUTION_TIMEOUT after `ms`: the engine
 * stops the thread's script wherever it is (no catch in the work can hold it).
 */
function underTimeLimit(work: () => void, ms: number): void {
  const global = globalThis as unknown as Record<symbol, (() => void) | undefined>;
  const outer = global[GUARDED];
  global[GUARDED] = work;
  try {
    // (the engine takes at most 2^32 - 1 ms: a longer limit is as good as none)
    CALL_GUARDED.runInThisContext({ timeout: Math.min(2 ** 32 - 1, Math.max(1, Math.ceil(ms))) });
  } finally {
    global[GUARDED] = outer;
  }
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Cleans one input with the article stages of a pipeline (corpus stages, which need a whole run,
 * are skipped). Meant for tests, benchmarks and quick experiments.
 */
export async function cleanOne(
  pipeline: Pipeline,
  raw: RawInput,
  init: { id?: string; path?: string; meta?: Partial<DraftMeta> } = {},
  options: StageRunOptions = {},
): Promise<Draft> {
  const draft = new Draft({
    id: init.id ?? "one",
    source: { path: init.path ?? "input", index: 0 },
    raw,
    meta: init.meta ?? {},
  });
  const stages = pipeline.stages.filter((s): s is ArticleStage => s.kind === "article");
  await runArticleStages(draft, stages, options);
  return draft;
}
