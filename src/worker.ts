/**
 * A worker thread's side of the runner: it builds the pipeline once from its module and parameters,
 * then runs stretches of article stages over drafts it receives as plain state. Nothing else crosses
 * the thread boundary, so a stage behaves the same on a worker as in the main thread.
 */
import { pathToFileURL } from "node:url";
import { Draft, type DraftState } from "./draft.ts";
import { createLogger } from "./log.ts";
import { type PipelineModule, type PipelineParams, resolvePipeline } from "./pipeline.ts";
import { runArticleStages } from "./process.ts";
import type { ArticleStage } from "./stage.ts";

/** How a worker finds the pipeline: the module file and the run's parameters. */
export interface PipelineRef {
  module: string;
  params: PipelineParams;
}

export interface WorkerTask {
  pipeline: PipelineRef;
  /** Which stretch of article stages (0 = before the first corpus stage; -1 only builds the pipeline). */
  stretch: number;
  state: DraftState | null;
  /** Shared with the runner: the worker writes the time (ms) it starts the task here. */
  clock?: SharedArrayBuffer;
}

export interface WorkerResult {
  state: DraftState;
  /** Milliseconds spent in each stage. */
  times: Record<string, number>;
}

const log = createLogger({ pretty: false });
const built = new Map<string, Promise<ArticleStage[][]>>();

/** The article stages of a pipeline, cut into stretches at its corpus stages. */
export function stretchesOf(stages: readonly { kind: string }[]): ArticleStage[][] {
  const out: ArticleStage[][] = [[]];
  for (const s of stages) {
    if (s.kind === "article") (out[out.length - 1] as ArticleStage[]).push(s as ArticleStage);
    else out.push([]);
  }
  return out;
}

let loaderReady: Promise<void> | null = null;

/** Pipelines are TypeScript: make sure this thread's module loader can import them. */
function ensureLoader(): Promise<void> {
  loaderReady ??= import("tsx/esm/api").then(({ register }) => {
    register();
  });
  return loaderReady;
}

async function build(ref: PipelineRef): Promise<ArticleStage[][]> {
  await ensureLoader();
  const mod = (await import(pathToFileURL(ref.module).href)) as { default: PipelineModule };
  return stretchesOf(resolvePipeline(mod.default, ref.params).stages);
}

export default async function runStretch(task: WorkerTask): Promise<WorkerResult | null> {
  const key = `${task.pipeline.module}\u0000${JSON.stringify(task.pipeline.params)}`;
  let stretches = built.get(key);
  if (!stretches) {
    stretches = build(task.pipeline);
    built.set(key, stretches);
  }
  const all = await stretches;
  if (task.state === null || task.stretch < 0) return null;
  if (task.clock) new Float64Array(task.clock)[0] = Date.now();
  const stages = all[task.stretch] ?? [];
  const draft = Draft.fromState(task.state);
  const times: Record<string, number> = {};
  await runArticleStages(draft, stages, {
    log,
    stateDir: task.pipeline.params.stateDir,
    onStage: (stage, ms) => {
      times[stage.name] = (times[stage.name] ?? 0) + ms;
    },
  });
  return { state: draft.toState(), times };
}
