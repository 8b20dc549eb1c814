/**
 * Running stages over one draft. The runner uses this for every stretch of article stages between
 * corpus stages; tests and benchmarks use `cleanOne` to clean a single input without a run.
 */
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
  /**
   * The longest a draft's article stages may take together, in ms (absent: no limit). In this
   * thread it is checked as each stage returns: a draft over it is rejected with `time-limit` and
   * runs no further stage. A stage that never returns cannot be stopped from its own thread; on a
   * worker the runner's watchdog stops it.
   */
  timeLimitMs?: number | null;
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
  // The draft's own time in its stages: other drafts' stages may run while an async stage waits.
  let spent = 0;
  for (const stage of stages) {
    if (draft.rejection || draft.duplicateOf) return;
    draft.stage = stage.name;
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
