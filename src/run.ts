/**
 * The runner: sources → stages → sinks. It never asks which stage it runs.
 *
 * - Article stages run over each draft with a bounded number in flight, on worker threads when the
 *   pipeline can be loaded there (or in this thread).
 * - Each corpus stage splits the run into passes: every draft is observed, the stage finishes, then
 *   every draft is handed back to `apply` at the start of the next pass. Between passes drafts wait
 *   in a spill file on disk, so memory does not grow with the corpus.
 * - Every input ends in exactly one of articles.jsonl, duplicates.jsonl or rejected.jsonl, in input
 *   order, whatever the number of workers.
 * - Outputs are `.partial` files until the run commits. Checkpoints (byte offsets, counts) are written
 *   as the run goes, so that `resume` finishes a killed run with nothing lost and nothing twice.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename, join, resolve, sep } from "node:path";
import PQueue from "p-queue";
import { Piscina } from "piscina";
import type { Logger } from "pino";
import { Draft, type DraftState } from "./draft.ts";
import { silentLogger } from "./log.ts";
import type { Pipeline } from "./pipeline.ts";
import {
  type Decision,
  type PassOutcome,
  type PassParts,
  type Settled,
  draftOf,
  FeaturesAheadHint,
  isLight,
  lightOutcome,
  passOutcome,
  passesOf,
  settle,
  spillLine,
  SpillBytes,
  spillJson,
} from "./pass.ts";
import { type Kept, KeptFeaturesReader, KeptFeaturesWriter, Serialized } from "./kept-features.ts";
import { contextFor, describeError, timeLimitDetail } from "./process.ts";
import { JsonlSink } from "./sinks/jsonl.ts";
import { PassSpill } from "./sinks/pass-spill.ts";
import { type RunStats, type StatsSnapshot, StatsCollector } from "./sinks/stats.ts";
import { LineSplitter, type SplitLine } from "./sources/lines.ts";
import { readInput } from "./sources/read.ts";
import { type InputFile, type SourceItem, type UnreadLine, isWalkError } from "./sources/types.ts";
import { type UnreadRecord, draftOfItem, draftOfUnread, failedDraft } from "./source-drafts.ts";
import { walkInputs } from "./sources/walk.ts";
import { type CorpusStage, type DraftRef, type StageContext, refOf } from "./stage.ts";
import { rawToSend } from "./text/utf8-bytes.ts";
import type { PipelineRef, WorkerResult, WorkerSetup, WorkerTask } from "./worker.ts";
import { defaultBundleCache, workerBundle } from "./worker-bundle.ts";

export interface RunOptions {
  pipeline: Pipeline;
  /** Where worker threads can load the same pipeline; without it, stages run in this thread. */
  pipelineRef?: PipelineRef | null;
  /** Files or folders to read. */
  inputs: string[];
  /** Folder for the outputs; created if missing. */
  out: string;
  /** Worker threads for article stages: 0 runs them in this thread (default: one per core). */
  workers?: number;
  /** Articles in flight at once (default: 32 per worker, at least 16). */
  inFlight?: number;
  /** Drafts sent to a worker in one task (default 8): fewer messages between threads. */
  batchSize?: number;
  /**
   * The longest an article may take in its article stages (default 60 s). A worker's draft is stopped
   * there by a watchdog, a draft cleaned in this thread while workers start by the engine's (see
   * `hardLimit`); with `workers: 0` the limit is checked as each stage returns.
   */
  articleTimeoutMs?: number;
  /**
   * Drafts to handle in this thread before worker threads start (default 256: small runs need none),
   * unless the run has already taken `workersAfterMs` (default 500): a few big pages are work enough,
   * or the input files opened so far hold `workersAfterBytes` (default 16 MiB): a big dump starts
   * them from its first record. 0 sends every draft to a worker, waiting for them to start.
   */
  workersAfter?: number;
  workersAfterMs?: number;
  workersAfterBytes?: number;
  /** Folder where corpus stages keep state between runs (`--state`). */
  stateDir?: string | null;
  /**
   * Folder where the workers' bundled code is kept between runs (worker-bundle.ts); null: built
   * every run. Default: `defaultBundleCache()` (TIDINGS_CACHE_DIR, or ~/.cache/tidings).
   */
  workerCache?: string | null;
  /** Finish a run that was killed, from its last checkpoint. */
  resume?: boolean;
  /** Records between checkpoints in the first pass (default 2000). */
  checkpointEvery?: number;
  log?: Logger;
  /** Called often during the run, for a progress display. */
  onProgress?: (progress: RunProgress) => void;
}

export interface RunProgress {
  pass: number;
  passes: number;
  read: number;
  done: number;
}

const DOCUMENTATION = /^(?:readme|licen[cs]e|copying|changelog|notice)(?:\.(?:md|txt|rst))?$|\.md$/i;
const CHECKPOINT_EVERY = 2000;
/**
 * JSONL lines from this long are decoded and parsed where their draft is worked on. Measured in one
 * thread (reading, cloning as a message, and making the draft on the other side): a 5 KB line cost
 * ~40 µs here and ~10 on a worker when read here, ~8 here and ~30 there when sent unread; at 1.6 KB
 * 16+5 against 4+11; at 570 bytes about even (7+5 against 4+11).
 */
const UNREAD_MIN_BYTES = 2 << 10;
const WORKERS_AFTER = 256;
const WORKERS_AFTER_MS = 500;
const WORKERS_AFTER_BYTES = 16 << 20;
/** Shared numbers a task slot has (worker.ts, WorkerSetup.positions). */
const POSITIONS = 3;
/** The pass of a worker task that only collects the worker's garbage (worker.ts). */
const COLLECT_GARBAGE = -2;
/**
 * Batches each worker holds at once: the one it runs and the next, already in its port, so that it
 * goes on to that one without waiting for this thread to come round to its event loop and hand it
 * work. worker.ts runs a worker's batches one after another, never interleaved. (piscina holds
 * only one task a worker for tasks it may abort, as aborting one stops its thread: the watchdog
 * stops the thread itself instead, and runBatch runs again the batches that were waiting there.)
 */
const BATCHES_PER_WORKER = 2;
/** tsx's loader, for worker threads (pipelines and stages are TypeScript). */
const TSX = import.meta.resolve("tsx");

interface Checkpoint {
  fingerprint: string;
  /** Passes completed. */
  passesDone: number;
  /** In pass 0: source records settled so far (all of them once pass 0 is done). */
  records: number;
  offsets: { articles: number; duplicates: number; rejected: number; spill: number };
  stats: StatsSnapshot;
}

/**
 * Resolves in sequence order: put(k) waits until every item before k was emitted. If an item will
 * never come (its work failed), `abort` fails every put that waits, and every later one.
 */
class InOrder<T> {
  private next = 0;
  private readonly waiting = new Map<number, { item: T; done: () => void; fail: (error: unknown) => void }>();
  private aborted: { error: unknown } | null = null;
  constructor(
    private readonly emit: (item: T) => void | Promise<void>,
    start = 0,
  ) {
    this.next = start;
  }

  get emitted(): number {
    return this.next;
  }

  put(seq: number, item: T): Promise<void> {
    return new Promise<void>((resolveDone, reject) => {
      if (this.aborted) return reject(this.aborted.error);
      this.waiting.set(seq, { item, done: resolveDone, fail: reject });
      this.drain().catch(reject);
    });
  }

  /** Emits the next item at once (nothing may be waiting or draining: the caller knows it is next). */
  async emitNext(item: T): Promise<void> {
    if (this.aborted) throw this.aborted.error;
    if (this.draining || this.waiting.size > 0) throw new Error("emitNext with items waiting");
    this.draining = true;
    try {
      await this.emit(item);
      this.next++;
    } finally {
      this.draining = false;
    }
  }

  abort(error: unknown): void {
    this.aborted ??= { error };
    for (const entry of this.waiting.values()) entry.fail(error);
    this.waiting.clear();
  }

  private draining = false;
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.waiting.has(this.next)) {
        const entry = this.waiting.get(this.next) as { item: T; done: () => void };
        this.waiting.delete(this.next);
        await this.emit(entry.item);
        this.next++;
        entry.done();
      }
    } finally {
      this.draining = false;
    }
  }
}

function fingerprintOf(options: RunOptions): string {
  return JSON.stringify({
    pipeline: options.pipeline.name,
    stages: options.pipeline.stages.map((s) => [s.name, s.kind, s.options]),
    inputs: options.inputs.map((i) => resolve(i)),
    state: options.stateDir ? resolve(options.stateDir) : null,
  });
}

/** A draft's state as a worker receives it (a page kept as its bytes goes as them: see rawToSend). */
function stateToSend(draft: Draft): DraftState {
  const state = draft.toState();
  const raw = rawToSend(state.raw);
  return raw === state.raw ? state : { ...state, raw };
}

export async function run(options: RunOptions): Promise<RunStats> {
  const log = options.log ?? silentLogger;
  const workers = options.pipelineRef ? Math.max(0, options.workers ?? availableParallelism()) : 0;
  const inFlight = Math.max(1, options.inFlight ?? Math.max(16, workers * 32));
  const batchSize = Math.max(1, options.batchSize ?? 8);
  const timeoutMs = options.articleTimeoutMs ?? 60_000;
  const checkpointEvery = Math.max(1, options.checkpointEvery ?? CHECKPOINT_EVERY);
  const stateDir = options.stateDir ?? null;
  const stages = options.pipeline.stages;
  const passParts = passesOf(stages);
  const corpusStages = stages.filter((s): s is CorpusStage => s.kind === "corpus");
  const passes = passParts.length;
  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  const tmp = join(out, ".tidings-tmp");
  const checkpointPath = join(tmp, "checkpoint.json");
  const fingerprint = fingerprintOf(options);

  let checkpoint: Checkpoint | null = null;
  if (options.resume && existsSync(checkpointPath)) {
    checkpoint = JSON.parse(await readFile(checkpointPath, "utf8")) as Checkpoint;
    if (checkpoint.fingerprint !== fingerprint) {
      throw new Error(`cannot resume in ${options.out}: it was started with another pipeline, options or inputs; run again without --resume`);
    }
    log.info({ passesDone: checkpoint.passesDone, records: checkpoint.records }, "resuming from checkpoint");
  } else {
    if (options.resume) log.info("nothing to resume: no checkpoint in the output folder; starting the run afresh");
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
  }
  if (stateDir) await mkdir(stateDir, { recursive: true });

  const stats = new StatsCollector(options.pipeline, options.inputs);
  // Files are counted again when pass 0 is walked again on resume.
  if (checkpoint) stats.restore(checkpoint.stats, checkpoint.passesDone === 0);
  const at = checkpoint?.offsets ?? null;
  const sinks = {
    articles: new JsonlSink(join(out, "articles.jsonl"), at ? at.articles : null),
    duplicates: new JsonlSink(join(out, "duplicates.jsonl"), at ? at.duplicates : null),
    rejected: new JsonlSink(join(out, "rejected.jsonl"), at ? at.rejected : null),
  };
  const stageOpts = { log, stateDir, tempDir: tmp, onStage: stats.onStage, timeLimitMs: timeoutMs };
  // Drafts cleaned here while workers start (or stand by) get a hard limit, as on a worker; with no
  // workers at all, every draft is cleaned here, and the limit is checked as each stage returns
  // (a hard limit costs ~0.25 ms a draft).
  const hereOpts = workers > 0 ? { ...stageOpts, hardLimit: true } : stageOpts;
  const corpusStates = new Map<CorpusStage, { state: unknown; ctx: StageContext<never> }>();
  const progress: RunProgress = { pass: 1, passes, read: 0, done: 0 };
  const tick = () => options.onProgress?.(progress);
  // Workers start only once a run proves big enough to repay their start-up (about a second each),
  // and each builds its pipeline before its first timed task. While they start, drafts go on in this
  // thread (unless the run asked for workers from the first draft, `workersAfter: 0`).
  let pool: Piscina | null = null;
  let warming: Promise<Piscina> | null = null;
  let ready: Piscina | null = null;
  let warmFailure: unknown = null;
  /** Set once no pass left has work for the workers: they are stopped, and not started again. */
  let workersDone = false;
  // One clock slot per task in flight: a worker writes the time it starts a task into the task's slot.
  const clocks = new Float64Array(new SharedArrayBuffer(8 * inFlight));
  // Three per slot: the draft of the task, the article stage a worker is at, its thread (WorkerSetup).
  const positions = new Int32Array(new SharedArrayBuffer(4 * POSITIONS * inFlight));
  const freeSlots = Array.from({ length: inFlight }, (_, i) => inFlight - 1 - i);
  const running = new Set<{ slot: number; timedOut: boolean }>();
  /** Worker threads the watchdog stopped. */
  const stoppedThreads = new Set<number>();
  const watchdog = new Watchdog(() => {
    const now = Date.now();
    for (const task of running) {
      const started = clocks[task.slot] as number;
      if (started > 0 && now - started > timeoutMs && !task.timedOut) {
        // the thread running it is stopped (with the batches it holds, which run again)
        task.timedOut = true;
        const thread = positions[POSITIONS * task.slot + 2] as number;
        stoppedThreads.add(thread);
        void pool?.threads.find((worker) => worker.threadId === thread)?.terminate();
      }
    }
  });
  let seen = 0;
  const runStarted = performance.now();
  /** Bytes of the input files opened so far (as stored: compressed files count as compressed). */
  let inputBytes = 0;
  const workersAfterBytes = options.workersAfterBytes ?? WORKERS_AFTER_BYTES;
  /** Drafts of the current pass that went through on features kept from an earlier pass. */
  let passedOn = 0;
  /** Whether this pass's drafts get the features of the stages ahead computed (see FeaturesAheadHint). */
  let aheadHint = new FeaturesAheadHint();
  const poolFor = async (): Promise<Piscina | null> => {
    if (workers === 0 || !options.pipelineRef || workersDone) return null;
    const after = options.workersAfter ?? WORKERS_AFTER;
    const afterMs = options.workersAfterMs ?? WORKERS_AFTER_MS;
    const elapsed = performance.now() - runStarted;
    const big = inputBytes >= workersAfterBytes;
    // the workers' code is bundled once a quarter of the way there: runs that stay small spare it
    if (!bundling && (big || seen >= after / 4 || elapsed >= afterMs / 4)) startBundling(options.pipelineRef.module);
    const early = !big && seen < after && elapsed < afterMs;
    if (!warming && early) return null;
    if (!warming) warming = startPool();
    if (warmFailure) throw warmFailure;
    if (ready) return ready;
    return options.workersAfter === 0 ? warming : null;
  };
  // The workers' code as one module (worker-bundle.ts), built while drafts go on in this thread: it
  // is ready before the workers are wanted. esbuild's plugin calls come to this thread's event loop,
  // which those drafts keep busy: until the bundle is built, the pass loop lets the loop turn after
  // each draft (without that, the bundle took 5 s to build among 100 KB pages instead of 0.2 s), or,
  // in a run big enough to want its workers at once, waits for the bundle (~0.2 s; a few ms for one
  // kept from an earlier run) before going on.
  let bundling: Promise<{ url: string; kept: boolean } | { reason: string }> | null = null;
  let bundlePending = false;
  const startBundling = (module: string): void => {
    bundlePending = true;
    const started = performance.now();
    bundling = workerBundle(module, join(tmp, "worker.mjs"), options.workerCache === undefined ? defaultBundleCache() : options.workerCache);
    void bundling.then((bundle) => {
      if ("url" in bundle) log.debug({ kept: bundle.kept, ms: Math.round(performance.now() - started) }, bundle.kept ? "worker code found bundled" : "worker code bundled");
    });
    void bundling.finally(() => {
      bundlePending = false;
    });
  };
  /** Starts the workers from `filename` and waits until each has built its pipeline. */
  const startWorkers = async (filename: string, execArgv: string[], bundled: boolean): Promise<Piscina> => {
    const started = new Piscina({
      filename,
      execArgv,
      minThreads: workers,
      maxThreads: workers,
      concurrentTasksPerWorker: BATCHES_PER_WORKER,
      idleTimeout: 60_000,
      workerData: { pipeline: options.pipelineRef as PipelineRef, clocks: clocks.buffer as SharedArrayBuffer, positions: positions.buffer as SharedArrayBuffer } satisfies WorkerSetup,
    });
    pool = started;
    const warmup: WorkerTask = { pass: -1, drafts: [], decisions: [], slot: 0 };
    try {
      await Promise.all(Array.from({ length: workers }, () => started.run(warmup)));
    } catch (error) {
      pool = null;
      await started.destroy();
      throw error;
    }
    log.debug({ workers, bundled, afterMs: Math.round(performance.now() - runStarted), drafts: seen }, "worker threads ready");
    return started;
  };
  const startPool = (): Promise<Piscina> => {
    const starting = (async () => {
      const bundle = await bundling;
      if (bundle && "url" in bundle) {
        try {
          // stack traces name the modules, as under tsx (which turns source maps on in this thread)
          ready = await startWorkers(bundle.url, process.sourceMapsEnabled ? ["--enable-source-maps"] : [], true);
          return ready;
        } catch (error) {
          log.warn({ err: error }, "worker threads failed to start from the bundled code; starting them from the modules");
        }
      } else if (bundle) {
        log.debug({ reason: bundle.reason }, "worker code not bundled; workers load the modules one by one");
      }
      // tsx as resolved from here: resolved from the working directory, it is missing when the
      // command runs from a folder of dumps rather than from the project
      ready = await startWorkers(new URL("./worker.ts", import.meta.url).href, ["--import", TSX], false);
      return ready;
    })();
    // a pool that failed to start fails the run (at the next draft), never silently
    starting.catch((error: unknown) => {
      warmFailure ??= error;
      log.error({ err: error }, "worker threads failed to start");
    });
    return starting;
  };

  /** Writes a settled draft's line to its sink. */
  const write = (settled: Settled): void => {
    progress.done++;
    sinks[settled.sink].writeLine(settled.line);
    stats.settled(settled.sink, settled.summary);
  };

  /**
   * Runs one pass over a draft, on a worker or here. A draft that needs no work this pass (nothing
   * to apply, no article stage, no features to compute) goes straight through as its spill line.
   */
  /** The outcome of a draft that needs no work this pass (null when it does), known at once. */
  const passOn = (job: Job, p: number): PassOutcome | null => {
    const parts = passParts[p] as PassParts;
    // Nothing to apply and no article stage: the features computed when the draft was last seen stand.
    const ahead = job.kept?.ahead;
    if (job.decision === null && parts.stretch.length === 0 && parts.after?.split && job.line !== null && ahead && ahead[0]) {
      passedOn++;
      // the stages further ahead get their features as the bytes they came as
      return {
        living: { ref: refOfJob(job), draft: null, line: job.line.bytes, handedOn: true, features: ahead[0].value(), ahead: ahead.slice(1).map((part) => part?.bytes ?? null) },
      };
    }
    const idle = parts.stretch.length === 0 && job.decision === null && !parts.after?.split;
    if (idle && job.line !== null && parts.after !== null) return { living: { ref: refOfJob(job), draft: null, line: job.line.bytes, handedOn: true } };
    return null;
  };

  const execute = async (job: Job, p: number): Promise<PassOutcome> => {
    const handedOn = passOn(job, p);
    if (handedOn) return handedOn;
    const parts = passParts[p] as PassParts;
    const pool = job.draft?.rejection || isLight(parts) ? null : await poolFor();
    seen++;
    if (!pool || !options.pipelineRef) {
      const draft = draftOfJob(job, log);
      const ahead = aheadHint.wanted;
      if (!ahead) aheadHint.skipped++;
      return passOutcome(draft, parts, job.decision, hereOpts, false, false, ahead);
    }
    return submit(job, p, pool);
  };

  // Drafts go to workers in batches, so that a message carries several; a batch leaves when full or
  // when the event loop comes round (the input is slower than the workers, or it has ended).
  let pending: { p: number; items: { job: Job; done: (outcome: PassOutcome) => void; fail: (error: unknown) => void }[] } | null = null;
  let flushing = false;
  const submit = (job: Job, p: number, pool: Piscina): Promise<PassOutcome> =>
    new Promise<PassOutcome>((done, fail) => {
      if (pending && pending.p !== p) flushBatch(pool);
      pending ??= { p, items: [] };
      pending.items.push({ job, done, fail });
      if (pending.items.length >= batchSize) flushBatch(pool);
      else if (!flushing) {
        flushing = true;
        setImmediate(() => {
          flushing = false;
          flushBatch(pool);
        });
      }
    });
  const flushBatch = (pool: Piscina): void => {
    const batch = pending;
    pending = null;
    if (!batch || batch.items.length === 0) return;
    runBatch(pool, batch.p, batch.items.map((item) => item.job)).then(
      (outcomes) => batch.items.forEach((item, k) => item.done(outcomes[k] as PassOutcome)),
      (error) => batch.items.forEach((item) => item.fail(error)),
    );
  };

  /** A draft that failed on a worker, as its rejected line. */
  const failed = (job: Job, p: number, timedOut: boolean, error: unknown, stageAt: number): PassOutcome => {
    const parts = passParts[p] as PassParts;
    const draft = draftOfJob(job);
    // the stage the worker was running when it was stopped (or failed), as far as it told
    draft.stage = parts.stretch[stageAt]?.name ?? parts.stretch[0]?.name ?? parts.after?.name ?? "run";
    draft.reject(
      timedOut ? "time-limit" : "stage-error",
      timedOut ? timeLimitDetail(timeoutMs) : describeError(error),
    );
    return { settled: settle(draft) };
  };

  /**
   * Runs a batch on a worker. The worker writes the time it starts each draft into the batch's clock
   * slot; the watchdog stops a batch whose current draft has run longer than the limit (waiting in
   * the queue or building the pipeline does not count). When a batch fails, the draft it stopped at
   * is rejected and the others run again, each on its own, so that one bad draft costs only itself.
   */
  const runBatch = async (pool: Piscina, p: number, jobs: Job[], again = false): Promise<PassOutcome[]> => {
    const slot = freeSlots.pop();
    if (slot === undefined) throw new Error("more tasks in flight than clock slots");
    clocks[slot] = 0;
    positions.fill(-1, POSITIONS * slot, POSITIONS * slot + POSITIONS);
    const task: WorkerTask = {
      pass: p,
      drafts: jobs.map((job) => (job.draft ? stateToSend(job.draft) : job.line ? job.line.jsonBytes() : (job.unread as UnreadRecord))),
      decisions: jobs.map((job) => job.decision),
      slot,
      featuresAhead: aheadHint.wanted,
    };
    if (!task.featuresAhead) aheadHint.skipped += jobs.length;
    const watched = { slot, timedOut: false };
    running.add(watched);
    watchdog.start();
    let failure: { error: unknown; timedOut: boolean; at: number; stage: number; thread: number } | null = null;
    try {
      const result = (await pool.run(task)) as WorkerResult;
      stats.addTimes(result.times);
      // a draft the pass left as it was keeps the spill line it came with
      result.outcomes.forEach((outcome, k) => {
        if ("living" in outcome && outcome.living.unchanged) {
          outcome.living.line = ((jobs[k] as Job).line as SpillBytes).bytes;
          outcome.living.handedOn = true;
        }
      });
      return result.outcomes;
    } catch (error) {
      failure = {
        error,
        timedOut: watched.timedOut,
        at: positions[POSITIONS * slot] as number,
        stage: positions[POSITIONS * slot + 1] as number,
        thread: positions[POSITIONS * slot + 2] as number,
      };
    } finally {
      running.delete(watched);
      clocks[slot] = 0;
      freeSlots.push(slot);
      if (running.size === 0) watchdog.stop();
    }
    // A batch that a worker held while it was stopped for another's time (or that it had not begun
    // when it crashed) had no part in that: it runs again as it was. Once: a worker that cannot begin
    // any batch, say one whose pipeline does not build, fails it again, and its drafts are rejected.
    const bystander = failure.at === -1 || stoppedThreads.has(failure.thread);
    if (bystander && !failure.timedOut && !again) return runBatch(pool, p, jobs, true);
    if (jobs.length === 1) return [failed(jobs[0] as Job, p, failure.timedOut, failure.error, failure.stage)];
    return Promise.all(
      jobs.map((job, k) =>
        k === failure.at ? failed(job, p, failure.timedOut, failure.error, failure.stage) : runBatch(pool, p, [job]).then((outcomes) => outcomes[0] as PassOutcome),
      ),
    );
  };

  const writeCheckpoint = async (cp: Omit<Checkpoint, "fingerprint" | "stats">): Promise<void> => {
    const full: Checkpoint = { fingerprint, stats: stats.snapshot(), ...cp };
    await writeFile(`${checkpointPath}.new`, JSON.stringify(full));
    await rename(`${checkpointPath}.new`, checkpointPath);
  };
  const outputOffsets = () => {
    sinks.articles.flush();
    sinks.duplicates.flush();
    sinks.rejected.flush();
    return { articles: sinks.articles.bytes, duplicates: sinks.duplicates.bytes, rejected: sinks.rejected.bytes };
  };

  let committed = false;
  let keptOpen: KeptFeaturesWriter | null = null;
  try {
    const firstPass = checkpoint ? (checkpoint.records > 0 && checkpoint.passesDone === 0 ? 0 : checkpoint.passesDone) : 0;
    // A resumed run rebuilds the state of the corpus stage whose apply comes next from its spill.
    if (checkpoint && firstPass > 0) {
      const prev = corpusStages[firstPass - 1] as CorpusStage;
      const ctx = contextFor(prev, stageOpts);
      const state = await prev.createState(ctx);
      for await (const draft of readSpill(join(tmp, `pass-${firstPass}.jsonl`))) await prev.observe(draft, state, ctx);
      await prev.finish(state, ctx);
      corpusStates.set(prev, { state, ctx });
    }

    for (let p = firstPass; p < passes; p++) {
      progress.pass = p + 1;
      progress.read = 0;
      progress.done = 0;
      // No pass left with work for the workers (the default pipeline's last pass only applies stories
      // and settles, in this thread): they are stopped, and their heaps, which grow with the run, go
      // back to the system before the pass where a run's memory peaks.
      if (!workersDone && passParts.slice(p).every(isLight)) {
        workersDone = true;
        await (warming as Promise<Piscina> | null)?.catch(() => null);
        if (pool) {
          await (pool as Piscina).destroy();
          log.debug({ pass: p + 1 }, "worker threads stopped: no pass left has work for them");
        }
        // (no longer warming either: the pass loop would otherwise yield after every draft for them)
        pool = null;
        warming = null;
        ready = null;
      }
      const corpus = corpusStages[p] ?? null;
      const passStarted = performance.now();
      passedOn = 0;
      aheadHint = new FeaturesAheadHint();
      const resumingHere = checkpoint !== null && p === 0 && checkpoint.passesDone === 0;
      let observed: { state: unknown; ctx: StageContext<never> } | null = null;
      const spillPath = join(tmp, `pass-${p + 1}.jsonl`);
      // the first pass's spill (checkpointed as it grows), or a later pass's (see PassSpill)
      let spill: JsonlSink | null = null;
      let laterSpill: PassSpill | null = null;
      // What this pass learns of the drafts' features for later passes (not on a resumed first pass,
      // whose spill is partly written already: the next pass then sees every draft).
      const keeps = corpus !== null && (corpus.decided?.seesFeatures || (passParts[p] as PassParts).ahead.length > 0) && !resumingHere;
      const kept = keeps ? new KeptFeaturesWriter(join(tmp, `kept-${p + 1}.bin`)) : null;
      keptOpen = kept;
      if (corpus) {
        const ctx = contextFor(corpus, stageOpts);
        observed = { state: await corpus.createState(ctx), ctx };
        corpusStates.set(corpus, observed);
        if (resumingHere && checkpoint) {
          // Re-observe what was spilled before the kill; the rest comes from the sources below.
          spill = new JsonlSink(spillPath, checkpoint.offsets.spill);
          spill.close();
          for await (const draft of readSpill(`${spillPath}.partial`)) await corpus.observe(draft, observed.state, ctx);
        }
        if (p === 0) spill = new JsonlSink(spillPath, resumingHere && checkpoint ? checkpoint.offsets.spill : null);
        else laterSpill = new PassSpill(join(tmp, `pass-${p}.jsonl`), spillPath);
      }
      const skip = resumingHere && checkpoint ? checkpoint.records : 0;

      // What happens to a draft at the end of this pass: out, or observed and kept for the next pass.
      const forward = async (outcome: PassOutcome): Promise<void> => {
        if ("settled" in outcome) {
          write(outcome.settled);
          laterSpill?.skip();
        } else {
          const { living } = outcome;
          if (!corpus || !observed || (!spill && !laterSpill)) throw new Error(`a draft outlived the last pass (${living.ref.id})`);
          const started = performance.now();
          if (corpus.split && "features" in living) {
            corpus.split.collect(living.features, living.ref, observed.state, observed.ctx);
            if (corpus.decided?.likely && (passParts[p] as PassParts).ahead.length > 0) {
              aheadHint.see(corpus.decided.likely(living.features, observed.state, observed.ctx));
            }
          } else {
            const line = living.line as string | Uint8Array;
            const draft = living.draft ?? draftOf(typeof line === "string" ? spillJson(line) : new SpillBytes(line).json());
            draft.stage = corpus.name;
            await corpus.observe(draft, observed.state, observed.ctx);
          }
          stats.time(corpus.name, performance.now() - started);
          if (living.line === null && !living.draft) throw new Error(`a draft came back without its line (${living.ref.id})`);
          const line = living.line ?? spillLine(living.draft as Draft);
          if (spill) spill.writeLine(line);
          else if (living.handedOn) laterSpill?.handOn(line as Uint8Array);
          else laterSpill?.write(line);
          kept?.write(corpus.decided?.seesFeatures ? living.features : null, (living.ahead ?? []).map((b) => b && Serialized.fromBytes(b)));
          progress.done++;
        }
        tick();
      };
      const ordered = new InOrder<PassOutcome>(forward, skip);
      const queue = new PQueue({ concurrency: inFlight });
      let seq = 0;
      let failure: unknown = null;

      const prevCorpus = p > 0 ? (corpusStages[p - 1] as CorpusStage) : null;
      const prevState = prevCorpus ? (corpusStates.get(prevCorpus) as { state: unknown; ctx: StageContext<never> }) : null;
      const jobs =
        p === 0
          ? sourceJobs(
              readAllSources(options.inputs, [out, ...(stateDir ? [resolve(stateDir)] : [])], log, stats, (bytes) => {
                inputBytes += bytes;
              }),
            )
          : spillJobs(join(tmp, `pass-${p}.jsonl`), join(tmp, `kept-${p}.bin`));
      // The loop over the pass's drafts is a function of its own: the engine optimises the hot loop
      // alone, rather than compiling the whole of `run` again and again (measured: 1.3 s of the
      // optimising compiler's time in a 20 MB run, against 6.4 s of work on the main thread).
      const parts = passParts[p] as PassParts;
      const light = isLight(parts);
      const feed = async (): Promise<void> => {
        for await (const job of jobs) {
          if (bundlePending) await (inputBytes >= workersAfterBytes ? bundling : new Promise(setImmediate));
          // (and the workers' "ready" reaches this thread as it comes, not after the next read)
          else if (warming !== null && ready === null) await new Promise(setImmediate);
          progress.read++;
          const mySeq = seq++;
          if (mySeq < skip) continue;
          if (prevCorpus && prevState) {
            const started = performance.now();
            if (prevCorpus.decided) {
              // Decided here, where the state is; applied wherever the pass runs.
              try {
                const own = prevCorpus.decided.seesFeatures ? job.kept?.own?.value() : undefined;
                const value = prevCorpus.decided.decide(refOfJob(job), prevState.state, prevState.ctx, own);
                job.decision = value === undefined ? null : { value };
              } catch (error) {
                const draft = draftOfJob(job);
                draft.stage = prevCorpus.name;
                draft.reject("stage-error", describeError(error));
                Object.assign(job, { draft, line: null, decision: null });
              }
            } else {
              const draft = draftOfJob(job);
              draft.stage = prevCorpus.name;
              try {
                const outcome = await prevCorpus.apply(draft, prevState.state, prevState.ctx);
                if (outcome && !draft.rejection) draft.rejection = outcome;
              } catch (error) {
                draft.reject("stage-error", describeError(error));
                log.warn({ stage: prevCorpus.name, id: draft.id, err: error }, "corpus stage failed on an article");
              }
              Object.assign(job, { draft, line: null });
            }
            stats.time(prevCorpus.name, performance.now() - started);
          }
          // A light pass runs here, one draft at a time, each done before the next is read (lightOutcome).
          if (light) {
            const handedOn = passOn(job, p);
            if (!handedOn) seen++;
            await ordered.emitNext(handedOn ?? lightOutcome(draftOfJob(job, log), parts, job.decision, hereOpts));
            continue;
          }
          // A draft handed on while nothing before it is still in flight goes straight out: most drafts
          // of a later pass, which would otherwise each cost a queued task and two promises.
          if (queue.size === 0 && queue.pending === 0 && ordered.emitted === mySeq) {
            const handedOn = passOn(job, p);
            if (handedOn) {
              await ordered.emitNext(handedOn);
              continue;
            }
          }
          void queue.add(async () => {
            try {
              await ordered.put(mySeq, await execute(job, p));
            } catch (error) {
              // the drafts after this one would wait for it forever: stop them all
              failure ??= error;
              ordered.abort(error);
              queue.clear();
            }
          });
          if (queue.size >= inFlight) await queue.onSizeLessThan(inFlight);
          if (failure) throw failure;
          if (p === 0 && spill !== null && mySeq % checkpointEvery === checkpointEvery - 1) {
            await queue.onIdle();
            spill.flush();
            await writeCheckpoint({ passesDone: 0, records: ordered.emitted, offsets: { ...outputOffsets(), spill: spill.bytes } });
          }
        }
      };
      await feed();
      await queue.onIdle();
      if (failure) throw failure;
      // temporary files: named once whole, not synced
      spill?.commit(false);
      laterSpill?.commit();
      kept?.commit();
      keptOpen = null;
      const passMs = performance.now() - passStarted;
      if (prevCorpus && prevState) prevCorpus.applied(prevState.state, prevState.ctx);
      let finishMs = 0;
      if (corpus && observed) {
        // The workers' heaps, grown over the pass, are mostly garbage now: collected before the
        // finish, which adds its own working memory to the corpus state, and where a run peaks.
        const idle = ready as Piscina | null;
        if (idle) {
          const collect: WorkerTask = { pass: COLLECT_GARBAGE, drafts: [], decisions: [], slot: 0 };
          await Promise.all(Array.from({ length: workers }, () => idle.run(collect))).catch((error: unknown) => {
            log.debug({ err: error }, "workers could not collect their garbage");
          });
        }
        const started = performance.now();
        await corpus.finish(observed.state, observed.ctx);
        finishMs = performance.now() - started;
        stats.time(corpus.name, finishMs);
      }
      const memory = process.memoryUsage();
      log.debug(
        {
          pass: p + 1,
          passes,
          drafts: seq,
          passedOn,
          withoutFeaturesAhead: aheadHint.skipped,
          ms: Math.round(passMs),
          finish: corpus?.name ?? null,
          finishMs: Math.round(finishMs),
          rssMiB: Math.round(memory.rss / 2 ** 20),
          heapMiB: Math.round(memory.heapUsed / 2 ** 20),
        },
        "pass done",
      );
      if (p < passes - 1) {
        await writeCheckpoint({ passesDone: p + 1, records: seq, offsets: { ...outputOffsets(), spill: 0 } });
        // This pass's input is no longer needed: a resume starts from the spill just written.
        if (p > 0) {
          await rm(join(tmp, `pass-${p}.jsonl`), { force: true });
          await rm(join(tmp, `kept-${p}.bin`), { force: true });
        }
      }
    }
    sinks.articles.commit();
    sinks.duplicates.commit();
    sinks.rejected.commit();
    committed = true;
  } finally {
    for (const sink of Object.values(sinks)) if (!committed) sink.close();
    keptOpen?.close(true);
    for (const [stage, { state, ctx }] of corpusStates) {
      try {
        await stage.close(state, ctx, { committed });
      } catch (error) {
        log.warn({ stage: stage.name, err: error }, "corpus stage failed to close");
      }
    }
    watchdog.stop();
    await (pool as Piscina | null)?.destroy();
    // (it never fails; awaited so that it writes nothing once the run is over)
    await (bundling as Promise<unknown> | null);
    if (committed) await rm(tmp, { recursive: true, force: true });
  }
  // Described after close, so that what a stage persisted is what run.json reports.
  for (const [stage, { state }] of corpusStates) {
    try {
      stats.corpus(stage.name, stage.describe(state));
    } catch (error) {
      // The outputs are written by now: a summary that fails is reported, not fatal.
      log.warn({ stage: stage.name, err: error }, "corpus stage failed to describe its state");
      stats.corpus(stage.name, { error: describeError(error) });
    }
  }
  const result = stats.finish();
  await stats.write(join(out, "run.json"), result);
  return result;
}

/**
 * Every record of every input as a fresh draft (unreadable ones as rejected drafts), or as a JSONL
 * line still to be read.
 */
async function* readAllSources(
  inputs: string[],
  skip: string[],
  log: Logger,
  stats: StatsCollector,
  onFile: (bytes: number) => void,
): AsyncGenerator<Draft | UnreadRecord> {
  for await (const found of walkInputs(inputs)) {
    if (isWalkError(found)) throw new Error(found.message);
    const file: InputFile = found;
    // The run's own outputs and state are never inputs (e.g. `--in . --out clean`).
    if (skip.some((dir) => file.abs === dir || file.abs.startsWith(dir + sep))) {
      stats.skip("the run's own output or state file");
      continue;
    }
    // A README or licence beside the dumps describes them; it is not an input.
    if (DOCUMENTATION.test(basename(file.path))) {
      log.debug({ path: file.path }, "documentation file skipped");
      stats.skip("documentation file");
      continue;
    }
    stats.file();
    try {
      onFile(statSync(file.abs).size);
    } catch {
      // a file that cannot be looked at is reported by its reader
    }
    let items: AsyncGenerator<SourceItem | UnreadLine>;
    try {
      // Long JSONL lines are left unread here: decoding and parsing them is the costly part of
      // reading, done where the draft is worked on (a worker, when there are workers). Short ones
      // cost about as much either way, and are read here (a million 600-byte records peaked 25-40
      // MiB higher when every line went unread).
      items = readInput(file, { unreadLines: true, unreadMinBytes: UNREAD_MIN_BYTES, onSkip: (what) => stats.skip(what) });
    } catch (error) {
      yield failedDraft(file.path, 0, "unreadable-file", describeError(error));
      continue;
    }
    try {
      for await (const item of items) {
        if (item.ok === "unread") yield { path: file.path, line: item };
        else yield draftOfItem(file.path, item, log);
      }
    } catch (error) {
      yield failedDraft(file.path, 0, "unreadable-file", describeError(error));
    }
  }
}

/** Calls `check` a few times a second while started; never keeps the process alive. */
class Watchdog {
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly check: () => void) {}
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(this.check, 100);
    this.timer.unref();
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** One draft's work in a pass, as the runner's thread holds it: a draft, or its spill line. */
interface Job {
  /** The draft's ref (null for a JSONL line not read yet: the first pass only). */
  ref: DraftRef | null;
  draft: Draft | null;
  line: SpillBytes | null;
  /** A JSONL line to read into the draft, where the draft is worked on. */
  unread?: UnreadRecord;
  decision: Decision;
  /** What the previous pass kept of the draft's features (absent: nothing). */
  kept?: Kept | null;
}

/** The job's draft, read from its spill line if it came as one. */
function draftOfJob(job: Job, log?: Logger): Draft {
  if (job.draft) return job.draft;
  if (job.line) return draftOf(job.line.json());
  if (job.unread) return draftOfUnread(job.unread, log);
  throw new Error(`a job without its draft, spill line or source line (${job.ref?.id})`);
}

/** The ref of a job of a pass after the first (read from its spill line). */
function refOfJob(job: Job): DraftRef {
  if (!job.ref) throw new Error("a job of a later pass without its ref");
  return job.ref;
}

async function* sourceJobs(records: AsyncGenerator<Draft | UnreadRecord>): AsyncGenerator<Job> {
  for await (const record of records) {
    if (record instanceof Draft) yield { ref: refOf(record), draft: record, line: null, decision: null };
    else yield { ref: null, draft: null, line: null, decision: null, unread: record };
  }
}

/**
 * A spill file's lines as bytes, read in big chunks and split by hand (the runner's thread reads
 * every pass, and most lines it only hands on).
 */
async function* spillLines(path: string): AsyncGenerator<Buffer> {
  const splitter = new LineSplitter(Number.MAX_SAFE_INTEGER);
  let lines: Buffer[] = [];
  const take = (line: SplitLine) => {
    if (line.kind === "line" && line.bytes.length > 0) lines.push(line.bytes);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    splitter.push(chunk as Buffer, take);
    const ready = lines;
    lines = [];
    yield* ready;
  }
  splitter.end(take);
  yield* lines;
}

/** A pass's drafts as their spill lines, each with the features kept beside it (if a file of them is there). */
async function* spillJobs(path: string, keptPath: string): AsyncGenerator<Job> {
  const kept = existsSync(keptPath) ? new KeptFeaturesReader(keptPath) : null;
  try {
    for await (const bytes of spillLines(path)) {
      const line = new SpillBytes(bytes);
      yield { ref: line.ref, draft: null, line, decision: null, kept: kept?.next() ?? null };
    }
  } finally {
    kept?.close();
  }
}

async function* readSpill(path: string): AsyncGenerator<Draft> {
  for await (const bytes of spillLines(path)) yield draftOf(new SpillBytes(bytes).json());
}
