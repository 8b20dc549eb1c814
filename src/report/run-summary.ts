/**
 * run.json as the report reads it: every field optional, wrong types dropped, so that a partial or
 * older run.json (or none at all) still gives a report.
 */
import { readFile } from "node:fs/promises";
import { asRecord, num, str } from "./loose-record.ts";

export interface StageSummary {
  name: string;
  kind: string | null;
  ms: number | null;
  removed: number | null;
  repaired: number | null;
  flagged: number | null;
  rejected: number | null;
}

export interface RunSummary {
  tidings: string | null;
  pipeline: string | null;
  stages: StageSummary[];
  roots: string[];
  files: number | null;
  records: number | null;
  /** Files and records passed over as not articles, by kind (run.json's `inputs.skipped`). */
  skipped: Record<string, number>;
  inputs: number | null;
  rejectedBy: Record<string, number>;
  removedBy: Record<string, number>;
  rulesFired: Record<string, number>;
  /** What each corpus stage said of itself, flattened: [stage, "key.subkey", value as text]. */
  corpus: Array<[stage: string, key: string, value: string]>;
  startedAt: string | null;
  finishedAt: string | null;
  ms: number | null;
  /** Why run.json could not be used, when it could not. */
  problem: string | null;
}

function counts(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(asRecord(value) ?? {})) {
    const n = num(v);
    if (n !== null) out[k] = n;
  }
  return out;
}

const FIGURES_PER_STAGE = 40;

/** Nested figures as "a.b.c" → text, at most FIGURES_PER_STAGE of them, long values cut short. */
function flatten(value: unknown, prefix: string, out: Array<[string, string]>): void {
  if (out.length >= FIGURES_PER_STAGE) return;
  const r = asRecord(value);
  if (r) {
    const entries = Object.entries(r);
    if (entries.length === 0 && prefix) out.push([prefix, "{}"]);
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  out.push([prefix || "value", text.length > 120 ? `${text.slice(0, 119)}…` : text]);
}

function stage(value: unknown): StageSummary | null {
  const r = asRecord(value);
  const name = r ? str(r.name) : null;
  if (!r || name === null) return null;
  return {
    name,
    kind: str(r.kind),
    ms: num(r.ms),
    removed: num(r.removed),
    repaired: num(r.repaired),
    flagged: num(r.flagged),
    rejected: num(r.rejected),
  };
}

export function normalizeRunSummary(value: unknown, problem: string | null = null): RunSummary {
  const r = asRecord(value) ?? {};
  const inputs = asRecord(r.inputs) ?? {};
  const countsField = asRecord(r.counts) ?? {};
  const corpus: RunSummary["corpus"] = [];
  for (const [stage, v] of Object.entries(asRecord(r.corpus) ?? {})) {
    const figures: Array<[string, string]> = [];
    flatten(v, "", figures);
    for (const [key, value] of figures) corpus.push([stage, key, value]);
  }
  const startedAt = str(r.startedAt);
  const finishedAt = str(r.finishedAt);
  let ms = num(r.ms);
  if (ms === null && startedAt !== null && finishedAt !== null) {
    const span = Date.parse(finishedAt) - Date.parse(startedAt);
    if (Number.isFinite(span) && span >= 0) ms = span;
  }
  return {
    tidings: str(r.tidings),
    pipeline: str(r.pipeline),
    stages: (Array.isArray(r.stages) ? r.stages : []).map(stage).filter((s): s is StageSummary => s !== null),
    roots: Array.isArray(inputs.roots) ? inputs.roots.filter((x): x is string => typeof x === "string") : [],
    files: num(inputs.files),
    records: num(inputs.records),
    skipped: counts(inputs.skipped),
    inputs: num(countsField.inputs),
    rejectedBy: counts(r.rejectedBy),
    removedBy: counts(r.removedBy),
    rulesFired: counts(r.rulesFired),
    corpus,
    startedAt,
    finishedAt,
    ms,
    problem,
  };
}

/** Reads run.json; a missing or unreadable file gives an empty summary that says why. */
export async function readRunSummary(path: string): Promise<RunSummary> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return normalizeRunSummary(null, "run.json is missing");
  }
  try {
    return normalizeRunSummary(JSON.parse(text));
  } catch {
    return normalizeRunSummary(null, "run.json is not valid JSON");
  }
}
