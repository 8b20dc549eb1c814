/**
 * A worker thread's side of the runner: it builds the pipeline once from its module and parameters,
 * then runs stretches of article stages over drafts it receives as plain state. Nothing else crosses
 * the thread boundary, so a stage behaves the same on a worker as in the main thread.
 */
import { pathToFileURL } from "node:url";
import { Draft, type DraftState } from "./draft.ts";
import { createLogger } from "./log.ts";
import { type Decision, type PassOutcome, type PassParts, draftOf, passOutcome, passesOf } from "./pass.ts";
import { type PipelineModule, type PipelineParams, resolvePipeline } from "./pipeline.ts";

/** How a worker finds the pipeline: the module file and the run's parameters. */
export interface PipelineRef {
  module: string;
  params: PipelineParams;
}

export interface WorkerTask {
  pipeline: PipelineRef;
  /** Which pass of the run (-1 only builds the pipeline). */
  pass: number;
  /** The draft: its state, or the JSON of its state as spilled between passes; null to warm up. */
  draft: DraftState | string | null;
  /** The previous corpus stage's decision for this draft. */
  decision: Decision;
  /** Shared with the runner: the worker writes the time (ms) it starts the task here. */
  clock?: SharedArrayBuffer;
}

export interface WorkerResult {
  /** How the draft left the pass; a living draft comes back as its spill line. */
  outcome: PassOutcome;
  /** Milliseconds spent in each stage. */
  times: Record<string, number>;
}

const log = createLogger({ pretty: false });
const built = new Map<string, Promise<PassParts[]>>();

let loaderReady: Promise<void> | null = null;

/** Pipelines are TypeScript: make sure this thread's module loader can import them. */
function ensureLoader(): Promise<void> {
  loaderReady ??= import("tsx/esm/api").then(({ register }) => {
    register();
  });
  return loaderReady;
}

async function build(ref: PipelineRef): Promise<PassParts[]> {
  await ensureLoader();
  const mod = (await import(pathToFileURL(ref.module).href)) as { default: PipelineModule };
  return passesOf(resolvePipeline(mod.default, ref.params).stages);
}

export default async function runTask(task: WorkerTask): Promise<WorkerResult | null> {
  const key = `${task.pipeline.module}\u0000${JSON.stringify(task.pipeline.params)}`;
  let passes = built.get(key);
  if (!passes) {
    passes = build(task.pipeline);
    built.set(key, passes);
  }
  const all = await passes;
  if (task.draft === null || task.pass < 0) return null;
  if (task.clock) new Float64Array(task.clock)[0] = Date.now();
  const parts = all[task.pass];
  if (!parts) throw new Error(`the pipeline has no pass ${task.pass}`);
  const draft = typeof task.draft === "string" ? draftOf(task.draft) : Draft.fromState(task.draft);
  const times: Record<string, number> = {};
  const outcome = await passOutcome(
    draft,
    parts,
    task.decision,
    {
      log,
      stateDir: task.pipeline.params.stateDir,
      onStage: (stage, ms) => {
        times[stage.name] = (times[stage.name] ?? 0) + ms;
      },
    },
    true,
  );
  return { outcome, times };
}
