/**
 * Run statistics: what ran, how long each stage took, what it removed, repaired, flagged and
 * rejected, and the counts of the three outputs (which add up to the inputs). Written as run.json.
 */
import { rename, writeFile } from "node:fs/promises";
import { SCHEMA_VERSION } from "../article.ts";
import type { SettledSummary } from "../pass.ts";
import type { Pipeline } from "../pipeline.ts";
import type { Stage } from "../stage.ts";

export const TIDINGS_VERSION = "0.1.0";

export interface StageStats {
  name: string;
  kind: "article" | "corpus";
  ms: number;
  removed: number;
  repaired: number;
  flagged: number;
  rejected: number;
}

export interface StatsSnapshot {
  files: number;
  skipped?: Record<string, number>;
  counts: RunStats["counts"];
  rejectedBy: Record<string, number>;
  removedBy: Record<string, number>;
  rulesFired: Record<string, number>;
  stages: StageStats[];
}

export interface RunStats {
  tidings: string;
  schemaVersion: number;
  pipeline: string;
  stages: StageStats[];
  /**
   * `skipped`: what was passed over as not an article at all, by kind, with counts: files (a README
   * beside the dumps, the run's own outputs) and records (a WARC's requests, redirects, images...).
   */
  inputs: { roots: string[]; files: number; records: number; skipped: Record<string, number> };
  counts: { inputs: number; articles: number; duplicates: number; rejected: number };
  rejectedBy: Record<string, number>;
  removedBy: Record<string, number>;
  rulesFired: Record<string, number>;
  corpus: Record<string, Record<string, unknown>>;
  startedAt: string;
  finishedAt: string;
  ms: number;
}

const bump = (map: Record<string, number>, key: string, by = 1): void => {
  map[key] = (map[key] ?? 0) + by;
};

/** The most kinds of skipped files and records run.json names one by one. */
const MAX_SKIPPED_KINDS = 100;

const sorted = (map: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(map).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)));

export class StatsCollector {
  private readonly started = Date.now();
  private readonly startedAt = new Date().toISOString();
  private readonly stages = new Map<string, StageStats>();
  private files = 0;
  private skipped: Record<string, number> = {};
  private readonly counts = { inputs: 0, articles: 0, duplicates: 0, rejected: 0 };
  private readonly rejectedBy: Record<string, number> = {};
  private readonly removedBy: Record<string, number> = {};
  private readonly rulesFired: Record<string, number> = {};
  private readonly corpusInfo: Record<string, Record<string, unknown>> = {};

  constructor(
    private readonly pipeline: Pipeline,
    private readonly roots: string[],
  ) {
    for (const s of pipeline.stages) {
      this.stages.set(s.name, { name: s.name, kind: s.kind, ms: 0, removed: 0, repaired: 0, flagged: 0, rejected: 0 });
    }
  }

  readonly onStage = (stage: Stage, ms: number): void => {
    this.time(stage.name, ms);
  };

  time(stage: string, ms: number): void {
    const s = this.stages.get(stage);
    if (s) s.ms += ms;
  }

  file(): void {
    this.files++;
  }

  /** Counts a file or record passed over as not an article at all (see RunStats.inputs.skipped). */
  skip(what: string): void {
    // a hostile input could name a new kind in every record: past 100 kinds, the rest go together
    const key = Object.hasOwn(this.skipped, what) || Object.keys(this.skipped).length < MAX_SKIPPED_KINDS ? what : "other";
    bump(this.skipped, key);
  }

  /** Counts a record that left the run, from the summary of its provenance. */
  settled(sink: "articles" | "duplicates" | "rejected", summary: SettledSummary): void {
    this.counts.inputs++;
    if (sink === "rejected") {
      this.counts.rejected++;
      const r = summary.rejection;
      if (!r) return;
      bump(this.rejectedBy, `${r.stage}:${r.reason}`);
      const s = this.stages.get(r.stage);
      if (s) s.rejected++;
      return;
    }
    if (sink === "articles") this.counts.articles++;
    else this.counts.duplicates++;
    for (const [stage, category, rule] of summary.removed) {
      const s = this.stages.get(stage);
      if (s) s.removed++;
      bump(this.removedBy, category);
      bump(this.rulesFired, `${stage}/${rule}`);
    }
    for (const [stage, rule] of summary.repaired) {
      const s = this.stages.get(stage);
      if (s) s.repaired++;
      bump(this.rulesFired, `${stage}/${rule}`);
    }
    for (const [stage, rule] of summary.flagged) {
      const s = this.stages.get(stage);
      if (s) s.flagged++;
      bump(this.rulesFired, `${stage}/${rule}`);
    }
  }

  /** Adds stage times measured elsewhere (on a worker thread). */
  addTimes(times: Record<string, number>): void {
    for (const [name, ms] of Object.entries(times)) this.time(name, ms);
  }

  /** What a checkpoint keeps, so that a resumed run reports the whole run. */
  snapshot(): StatsSnapshot {
    return {
      files: this.files,
      skipped: { ...this.skipped },
      counts: { ...this.counts },
      rejectedBy: { ...this.rejectedBy },
      removedBy: { ...this.removedBy },
      rulesFired: { ...this.rulesFired },
      stages: [...this.stages.values()].map((s) => ({ ...s })),
    };
  }

  restore(snapshot: StatsSnapshot, recountFiles = false): void {
    if (!recountFiles) {
      this.files = snapshot.files;
      this.skipped = { ...snapshot.skipped };
    }
    Object.assign(this.counts, snapshot.counts);
    Object.assign(this.rejectedBy, snapshot.rejectedBy);
    Object.assign(this.removedBy, snapshot.removedBy);
    Object.assign(this.rulesFired, snapshot.rulesFired);
    for (const s of snapshot.stages) if (this.stages.has(s.name)) this.stages.set(s.name, { ...s });
  }

  corpus(stage: string, info: Record<string, unknown>): void {
    this.corpusInfo[stage] = info;
  }

  finish(): RunStats {
    return {
      tidings: TIDINGS_VERSION,
      schemaVersion: SCHEMA_VERSION,
      pipeline: this.pipeline.name,
      stages: [...this.stages.values()].map((s) => ({ ...s, ms: Math.round(s.ms) })),
      inputs: { roots: this.roots, files: this.files, records: this.counts.inputs, skipped: sorted(this.skipped) },
      counts: { ...this.counts },
      rejectedBy: sorted(this.rejectedBy),
      removedBy: sorted(this.removedBy),
      rulesFired: sorted(this.rulesFired),
      corpus: this.corpusInfo,
      startedAt: this.startedAt,
      finishedAt: new Date().toISOString(),
      ms: Date.now() - this.started,
    };
  }

  resumed = false;

  async write(path: string, stats: RunStats): Promise<void> {
    await writeFile(`${path}.partial`, `${JSON.stringify(stats, null, 2)}\n`);
    await rename(`${path}.partial`, path);
  }
}
