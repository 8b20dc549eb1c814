/**
 * The runner: sources → stages → sinks. It never asks which stage it runs: article stages are run
 * over each draft with a bounded number in flight; each corpus stage splits the run into passes
 * (observe every draft, finish, then apply to every draft). Between passes drafts wait in a spill
 * file on disk, so memory does not grow with the corpus. Every input ends in exactly one of
 * articles.jsonl, duplicates.jsonl or rejected.jsonl, in input order.
 */
import { createReadStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { createInterface } from "node:readline";
import PQueue from "p-queue";
import type { Logger } from "pino";
import { ArticleSchema, type DuplicateEntry, type RejectedEntry, SCHEMA_VERSION } from "./article.ts";
import { Draft, type DraftState } from "./draft.ts";
import { silentLogger } from "./log.ts";
import type { Pipeline } from "./pipeline.ts";
import { contextFor, describeError, runArticleStages } from "./process.ts";
import { JsonlSink } from "./sinks/jsonl.ts";
import { type RunStats, StatsCollector } from "./sinks/stats.ts";
import { readInput } from "./sources/read.ts";
import { type InputFile, type SourceItem, isWalkError } from "./sources/types.ts";
import { walkInputs } from "./sources/walk.ts";
import type { ArticleStage, CorpusStage, StageContext } from "./stage.ts";

export interface RunOptions {
  pipeline: Pipeline;
  /** Files or folders to read. */
  inputs: string[];
  /** Folder for the outputs; created if missing. */
  out: string;
  /** Articles in flight at once (default: 32). */
  concurrency?: number;
  /** Folder where corpus stages keep state between runs (`--state`). */
  stateDir?: string | null;
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

/** Stretches of article stages, each followed by the corpus stage that ends it (or none). */
interface Pass {
  before: ArticleStage[];
  corpus: CorpusStage | null;
}

export function planPasses(pipeline: Pipeline): Pass[] {
  const passes: Pass[] = [];
  let current: ArticleStage[] = [];
  for (const stage of pipeline.stages) {
    if (stage.kind === "article") current.push(stage);
    else {
      passes.push({ before: current, corpus: stage });
      current = [];
    }
  }
  passes.push({ before: current, corpus: null });
  return passes;
}

/** Derives a record id from its source when the input has none: the path without its extensions. */
export function deriveId(path: string, index: number, multi: boolean): string {
  const stem = path.replace(/(\.(txt|html?|jsonl|ndjson|warc))?(\.gz)?$/i, "");
  return multi ? `${stem}#${index}` : stem;
}

const MULTI_RECORD = /\.(jsonl|ndjson|warc)(\.gz)?$/i;

class Outputs {
  readonly articles: JsonlSink;
  readonly duplicates: JsonlSink;
  readonly rejected: JsonlSink;

  constructor(out: string) {
    this.articles = new JsonlSink(join(out, "articles.jsonl"));
    this.duplicates = new JsonlSink(join(out, "duplicates.jsonl"));
    this.rejected = new JsonlSink(join(out, "rejected.jsonl"));
  }

  async commit(): Promise<void> {
    await Promise.all([this.articles.commit(), this.duplicates.commit(), this.rejected.commit()]);
  }

  async abort(): Promise<void> {
    await Promise.all([this.articles.abort(), this.duplicates.abort(), this.rejected.abort()]);
  }
}

/**
 * Writes drafts in the order of their sequence numbers, whatever order they finish in. Holds at most
 * the drafts in flight (the queue bounds them).
 */
class InOrder<T> {
  private next = 0;
  private readonly waiting = new Map<number, T>();
  constructor(private readonly emit: (item: T) => Promise<void>) {}

  async put(seq: number, item: T): Promise<void> {
    this.waiting.set(seq, item);
    while (this.waiting.has(this.next)) {
      const ready = this.waiting.get(this.next) as T;
      this.waiting.delete(this.next);
      this.next++;
      await this.emit(ready);
    }
  }
}

export async function run(options: RunOptions): Promise<RunStats> {
  const log = options.log ?? silentLogger;
  const concurrency = Math.max(1, options.concurrency ?? 32);
  const stateDir = options.stateDir ?? null;
  const passes = planPasses(options.pipeline);
  await mkdir(options.out, { recursive: true });
  const tmp = join(options.out, ".tidings-tmp");
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  if (stateDir) await mkdir(stateDir, { recursive: true });

  const stats = new StatsCollector(options.pipeline, options.inputs);
  const outputs = new Outputs(options.out);
  const stageOpts = { log, stateDir, onStage: stats.onStage };
  const corpusStates = new Map<CorpusStage, { state: unknown; ctx: StageContext<never> }>();
  const progress: RunProgress = { pass: 1, passes: passes.length, read: 0, done: 0 };
  const tick = () => options.onProgress?.(progress);

  /** Sends a finished draft to its sink: rejected, duplicate, or article. */
  const settle = async (draft: Draft): Promise<void> => {
    progress.done++;
    if (draft.rejection) {
      const entry: RejectedEntry = { source: draft.source, ...draft.rejection };
      await outputs.rejected.write(entry);
      stats.rejected(draft);
      return;
    }
    if (draft.duplicateOf) {
      const entry: DuplicateEntry = {
        id: draft.id,
        source: draft.source,
        duplicateOf: draft.duplicateOf.of,
        similarity: Math.round(draft.duplicateOf.similarity * 10000) / 10000,
        method: draft.duplicateOf.method,
      };
      await outputs.duplicates.write(entry);
      stats.duplicate(draft);
      return;
    }
    const checked = ArticleSchema.safeParse(draft.toArticle());
    if (!checked.success) {
      draft.stage = "output";
      const problems = checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      const rejection = draft.reject("invalid-record", `the cleaned record does not match the schema: ${problems}`);
      await outputs.rejected.write({ source: draft.source, ...rejection });
      stats.rejected(draft);
      return;
    }
    await outputs.articles.write(checked.data);
    stats.article(draft);
  };

  try {
    let spill: string | null = null;
    for (let p = 0; p < passes.length; p++) {
      const pass = passes[p] as Pass;
      progress.pass = p + 1;
      progress.read = 0;
      progress.done = 0;
      const corpus = pass.corpus;
      let observed: { state: unknown; ctx: StageContext<never> } | null = null;
      if (corpus) {
        const ctx = contextFor(corpus, stageOpts);
        observed = { state: await corpus.createState(ctx), ctx };
        corpusStates.set(corpus, observed);
      }
      const nextSpill = corpus ? join(tmp, `pass-${p + 1}.jsonl`) : null;
      const spillSink = nextSpill ? new JsonlSink(nextSpill) : null;

      // What happens to a draft at the end of this pass: out, or observed and kept for the next pass.
      const forward = async (draft: Draft): Promise<void> => {
        if (draft.rejection || draft.duplicateOf || !corpus || !observed || !spillSink) {
          await settle(draft);
          tick();
          return;
        }
        draft.stage = corpus.name;
        const started = performance.now();
        await corpus.observe(draft, observed.state, observed.ctx);
        stats.time(corpus.name, performance.now() - started);
        await spillSink.write(draft.toState());
        progress.done++;
        tick();
      };
      const ordered = new InOrder<Draft>(forward);
      const queue = new PQueue({ concurrency });
      let seq = 0;

      const process = (draft: Draft): void => {
        const mySeq = seq++;
        void queue.add(async () => {
          await runArticleStages(draft, pass.before, stageOpts);
          await ordered.put(mySeq, draft);
        });
      };

      const skip = [resolve(options.out), ...(stateDir ? [resolve(stateDir)] : [])];
      const drafts = spill === null ? readAllSources(options.inputs, skip, log, stats) : readSpill(spill);
      for await (const draft of drafts) {
        progress.read++;
        if (spill !== null) {
          // Drafts come back for the corpus stage that ended the previous pass.
          const prev = (passes[p - 1] as Pass).corpus as CorpusStage;
          const prevState = corpusStates.get(prev) as { state: unknown; ctx: StageContext<never> };
          draft.stage = prev.name;
          const started = performance.now();
          try {
            const outcome = await prev.apply(draft, prevState.state, prevState.ctx);
            if (outcome && !draft.rejection) draft.rejection = outcome;
          } catch (error) {
            draft.reject("stage-error", describeError(error));
            log.warn({ stage: prev.name, id: draft.id, err: error }, "corpus stage failed on an article");
          }
          stats.time(prev.name, performance.now() - started);
        }
        process(draft);
        // Keep the number of drafts in flight bounded: wait while the queue is full.
        if (queue.size >= concurrency) await queue.onSizeLessThan(concurrency);
      }
      await queue.onIdle();
      if (spillSink) await spillSink.commit();
      if (spill) await rm(spill, { force: true });
      spill = nextSpill;
      if (corpus && observed) {
        const started = performance.now();
        await corpus.finish(observed.state, observed.ctx);
        stats.time(corpus.name, performance.now() - started);
      }
    }
    await outputs.commit();
    for (const [stage, { state }] of corpusStates) stats.corpus(stage.name, stage.describe(state));
  } catch (error) {
    await outputs.abort();
    throw error;
  } finally {
    for (const [stage, { state, ctx }] of corpusStates) {
      try {
        await stage.close(state, ctx);
      } catch (error) {
        log.warn({ stage: stage.name, err: error }, "corpus stage failed to close");
      }
    }
    await rm(tmp, { recursive: true, force: true });
  }
  const result = stats.finish();
  await stats.write(join(options.out, "run.json"), result);
  return result;
}

/** Every record of every input as a fresh draft; unreadable ones become rejected drafts. */
async function* readAllSources(inputs: string[], skip: string[], log: Logger, stats: StatsCollector): AsyncGenerator<Draft> {
  for await (const found of walkInputs(inputs)) {
    if (isWalkError(found)) throw new Error(found.message);
    const file: InputFile = found;
    // The run's own outputs and state are never inputs (e.g. `--in . --out clean`).
    if (skip.some((dir) => file.abs === dir || file.abs.startsWith(dir + sep))) continue;
    stats.file();
    const multi = MULTI_RECORD.test(file.path);
    let items: AsyncGenerator<SourceItem>;
    try {
      items = readInput(file);
    } catch (error) {
      yield failedDraft(file, 0, "unreadable-file", describeError(error));
      continue;
    }
    try {
      for await (const item of items) {
        if (!item.ok) {
          log.debug({ path: file.path, index: item.index, reason: item.reason }, "input record rejected");
          yield failedDraft(file, item.index, item.reason, item.detail);
          continue;
        }
        const id = item.id ?? deriveId(file.path, item.index, multi);
        yield new Draft({ id, source: { path: file.path, index: item.index }, raw: item.raw, meta: item.meta });
      }
    } catch (error) {
      yield failedDraft(file, 0, "unreadable-file", describeError(error));
    }
  }
}

function failedDraft(file: InputFile, index: number, reason: string, detail: string): Draft {
  const draft = new Draft({
    id: deriveId(file.path, index, MULTI_RECORD.test(file.path)),
    source: { path: file.path, index },
    raw: { kind: "text", content: "" },
  });
  draft.stage = "read";
  draft.reject(reason, detail);
  return draft;
}

async function* readSpill(path: string): AsyncGenerator<Draft> {
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line === "") continue;
    yield Draft.fromState(JSON.parse(line) as DraftState);
  }
}

export { SCHEMA_VERSION };
