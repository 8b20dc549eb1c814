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
 * throws rejects the draft with reason "stage-error": one article's failure never stops a run.
 */
export async function runArticleStages(
  draft: Draft,
  stages: readonly ArticleStage[],
  options: StageRunOptions = {},
): Promise<void> {
  for (const stage of stages) {
    if (draft.rejection || draft.duplicateOf) return;
    draft.stage = stage.name;
    const started = performance.now();
    try {
      const outcome = await stage.run(draft, contextFor(stage, options));
      if (outcome && !draft.rejection) draft.rejection = outcome;
    } catch (error) {
      draft.reject("stage-error", describeError(error));
      (options.log ?? silentLogger).warn({ stage: stage.name, id: draft.id, err: error }, "stage failed on an article");
    }
    options.onStage?.(stage, performance.now() - started, draft);
  }
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
