/**
 * A worker thread's side of the runner: it builds the pipeline once from its module and parameters,
 * then runs stretches of article stages over drafts it receives as plain state. Nothing else crosses
 * the thread boundary, so a stage behaves the same on a worker as in the main thread.
 */
import { pathToFileURL } from "node:url";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { threadId } from "node:worker_threads";
import { workerData } from "piscina";
import { Draft, type DraftState } from "./draft.ts";
import { createLogger } from "./log.ts";
import { type Decision, type PassOutcome, type PassParts, draftOf, jsonText, passOutcome, passesOf } from "./pass.ts";
import { type PipelineModule, type PipelineParams, resolvePipeline } from "./pipeline.ts";
import { type UnreadRecord, draftOfUnread } from "./source-drafts.ts";
import { rawReceived } from "./text/utf8-bytes.ts";

/** How a worker finds the pipeline: the module file and the run's parameters. */
export interface PipelineRef {
  module: string;
  params: PipelineParams;
}

/** What every worker is started with: the pipeline, and the clocks the runner's watchdog reads. */
export interface WorkerSetup {
  pipeline: PipelineRef;
  /**
   * One slot per task in flight: the worker writes the time (ms) it starts each draft of a task into
   * the task's slot of `clocks`, and into `positions` (three per slot) the draft's place in the task,
   * the place in the stretch of the article stage it is running (-1 before the first), and the id of
   * the thread running the task (which the watchdog stops when a draft runs over its time).
   */
  clocks: SharedArrayBuffer;
  positions: SharedArrayBuffer;
}

export interface WorkerTask {
  /** Which pass of the run (-1 only builds the pipeline, -2 only collects garbage). */
  pass: number;
  /**
   * The drafts: each its state, the JSON of its state as spilled between passes (text or UTF-8
   * bytes), or (first pass) the JSONL line it is read from; empty to warm up.
   */
  drafts: (DraftState | string | Uint8Array | UnreadRecord)[];
  /** The previous corpus stage's decision for each draft. */
  decisions: Decision[];
  /** This task's slot in the clocks. */
  slot: number;
  /** False: the features of the stages ahead are not computed (see `runPass`); absent: they are. */
  featuresAhead?: boolean;
}

export interface WorkerResult {
  /** How each draft left the pass; a living draft comes back as its spill line. */
  outcomes: PassOutcome[];
  /** Milliseconds spent in each stage. */
  times: Record<string, number>;
}

const log = createLogger({ pretty: false });
/** The pipeline's passes, built once per worker from the module it was started with. */
let built: Promise<PassParts[]> | null = null;

let loaderReady: Promise<void> | null = null;

/** Pipelines are TypeScript: make sure this thread's module loader can import them. */
function ensureLoader(): Promise<void> {
  loaderReady ??= import("tsx/esm/api").then(({ register }) => {
    register();
  });
  return loaderReady;
}

/** Pipeline modules bundled with this worker (worker-bundle.ts), by their path. */
const preloaded = new Map<string, { default: PipelineModule }>();

/** Called by a worker bundle: the pipeline module it holds, so that it is not imported again. */
export function preloadPipeline(module: string, mod: { default: PipelineModule }): void {
  preloaded.set(module, mod);
}

async function build(ref: PipelineRef): Promise<PassParts[]> {
  let mod = preloaded.get(ref.module);
  if (!mod) {
    await ensureLoader();
    mod = (await import(pathToFileURL(ref.module).href)) as { default: PipelineModule };
  }
  return passesOf(resolvePipeline(mod.default, ref.params).stages);
}

/** The pass of a task that asks the worker to collect its garbage (see `collectGarbage`). */
const COLLECT = -2;
let fullGc: (() => void) | null = null;

/**
 * A full collection of this thread's heap, so that the engine hands the pages it no longer needs
 * back to the system: between tasks, almost all of a worker's heap is garbage (a draft's state lives
 * as long as its task), yet a heap that has grown stays grown until the engine next collects in full.
 * The runner asks for it before a corpus stage's finish, where a run's memory peaks.
 */
function collectGarbage(): { heapBefore: number; heapAfter: number } {
  if (!fullGc) {
    // the engine's own collector, made callable (it is not, unless node is started with --expose-gc)
    setFlagsFromString("--expose-gc");
    fullGc = runInNewContext("gc") as () => void;
  }
  const heapBefore = getHeapStatistics().used_heap_size;
  fullGc();
  return { heapBefore, heapAfter: getHeapStatistics().used_heap_size };
}

const setup = workerData as WorkerSetup | undefined;
/** Numbers a task slot has in `positions` (run.ts's POSITIONS). */
const POSITIONS = 3;
const clocks = setup ? new Float64Array(setup.clocks) : null;
const positions = setup ? new Int32Array(setup.positions) : null;

type TaskResult = WorkerResult | { heapBefore: number; heapAfter: number } | null;

/** The task this worker runs last; the next waits for it. */
let previous: Promise<unknown> = Promise.resolve();

/**
 * A worker is handed its next batch while it runs one (run.ts, BATCHES_PER_WORKER); the batches run
 * one after another, so that a draft's clock counts only its own work and one draft runs at a time.
 */
export default function runTask(task: WorkerTask): Promise<TaskResult> {
  const result = previous.then(() => runOne(task));
  previous = result.catch(() => undefined);
  return result;
}

async function runOne(task: WorkerTask): Promise<TaskResult> {
  if (!setup || !clocks || !positions) throw new Error("the worker was started without its pipeline");
  const pipeline = setup.pipeline;
  built ??= build(pipeline);
  const all = await built;
  if (task.pass === COLLECT) return collectGarbage();
  if (task.drafts.length === 0 || task.pass < 0) return null;
  const parts = all[task.pass];
  if (!parts) throw new Error(`the pipeline has no pass ${task.pass}`);
  positions[POSITIONS * task.slot + 2] = threadId;
  const times: Record<string, number> = {};
  const options = {
    log,
    stateDir: pipeline.params.stateDir,
    onStage: (stage: { name: string }, ms: number) => {
      times[stage.name] = (times[stage.name] ?? 0) + ms;
    },
    onStageStart: (index: number) => {
      positions[POSITIONS * task.slot + 1] = index;
    },
  };
  const outcomes: PassOutcome[] = [];
  for (let k = 0; k < task.drafts.length; k++) {
    positions[POSITIONS * task.slot] = k;
    positions[POSITIONS * task.slot + 1] = -1;
    clocks[task.slot] = Date.now();
    const given = task.drafts[k] as DraftState | string | Uint8Array | UnreadRecord;
    const spilled = typeof given === "string" || given instanceof Uint8Array;
    const draft = spilled ? draftOf(jsonText(given)) : "line" in given ? draftOfUnread(given, log) : Draft.fromState({ ...given, raw: rawReceived(given.raw) });
    outcomes.push(await passOutcome(draft, parts, task.decisions[k] ?? null, options, true, spilled, task.featuresAhead ?? true));
  }
  return { outcomes, times };
}
