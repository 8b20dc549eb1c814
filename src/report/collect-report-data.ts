/**
 * Reads a run's output folder, streaming, and gathers what the report embeds: one index row per
 * kept article, full detail for a deterministic sample, counts by rule, category and stage, the
 * removed texts, the duplicates and the rejected entries.
 */
import { join } from "node:path";
import { TITLE_CHARS, clip, detailOf, oneLine } from "./article-detail.ts";
import { featureSetKey, parseFeatureSet } from "./feature-set.ts";
import { asRecord, looseArticle, num, sourceLabel, str } from "./loose-record.ts";
import { DetailSampler } from "./detail-sampler.ts";
import { type JsonLinesTally, readJsonLines } from "./read-json-lines.ts";
import { RemovedTextIndex } from "./removed-text-index.ts";
import {
  type ArticleColumns,
  type ArticleDetail,
  type DuplicateRow,
  REPORT_DATA_VERSION,
  type RejectedRow,
  type ReportData,
} from "./report-data.ts";
import { readRunSummary } from "./run-summary.ts";
import { StringTable } from "./string-table.ts";

export interface CollectOptions {
  /** Articles whose full text and provenance are embedded (default 1,000). */
  maxDetail?: number;
  /** Distinct removed texts embedded, most frequent first (default 10,000). */
  maxRemovedTexts?: number;
  /** Duplicate and rejected entries listed one by one (default 20,000 each); all are counted. */
  maxListed?: number;
}

const DEFAULT_MAX_DETAIL = 1000;
function bump(counts: number[], i: number): void {
  counts[i] = (counts[i] ?? 0) + 1;
}

export async function collectReportData(outDir: string, options: CollectOptions = {}): Promise<ReportData> {
  const maxDetail = Math.max(0, Math.floor(options.maxDetail ?? DEFAULT_MAX_DETAIL));
  const maxListed = options.maxListed ?? 20_000;
  const run = await readRunSummary(join(outDir, "run.json"));

  const sites = new StringTable();
  const rules = new StringTable();
  const categories = new StringTable();
  const stories = new StringTable();
  const dates = new StringTable();
  const featureSets = new StringTable();
  const columns: ArticleColumns = {
    ids: "",
    titles: "",
    site: [],
    date: [],
    removed: [],
    repaired: [],
    flagged: [],
    duplicates: [],
    story: [],
    features: [],
  };
  const ids: string[] = [];
  const titles: string[] = [];
  const rowById = new Map<string, number>();
  const ruleHits: number[] = [];
  const categoryHits: number[] = [];
  const siteCounts: number[] = [];
  const stageRemovals: Record<string, number> = {};
  const removedTexts = new RemovedTextIndex(options.maxRemovedTexts ?? 10_000);
  const sampler = new DetailSampler<ArticleDetail>(maxDetail);

  const articleTally: JsonLinesTally = { parsed: 0, malformed: 0 };
  for await (const value of readJsonLines(join(outDir, "articles.jsonl"), articleTally)) {
    const a = looseArticle(value);
    if (!a) {
      articleTally.malformed++;
      continue;
    }
    const row = ids.length;
    const ruleSet = new Set<number>();
    const categorySet = new Set<number>();
    for (const r of a.removed) {
      const rule = rules.index(`${r.stage}/${r.rule}`);
      const category = categories.index(r.category);
      ruleSet.add(rule);
      categorySet.add(category);
      bump(ruleHits, rule);
      bump(categoryHits, category);
      stageRemovals[r.stage] = (stageRemovals[r.stage] ?? 0) + 1;
      removedTexts.add(r.text, rule, category, row);
    }
    for (const r of [...a.repaired, ...a.flagged]) {
      const rule = rules.index(`${r.stage}/${r.rule}`);
      ruleSet.add(rule);
      bump(ruleHits, rule);
    }
    const ruleList = [...ruleSet].sort((x, y) => x - y);
    const categoryList = [...categorySet].sort((x, y) => x - y);
    ids.push(oneLine(a.id));
    titles.push(clip(oneLine(a.title ?? a.blocks[0]?.text ?? ""), TITLE_CHARS));
    const site = a.site === null ? -1 : sites.index(a.site);
    if (site >= 0) bump(siteCounts, site);
    columns.site.push(site);
    columns.date.push(a.publishedAt === null ? -1 : dates.index(a.publishedAt));
    columns.removed.push(a.removed.length);
    columns.repaired.push(a.repaired.length);
    columns.flagged.push(a.flagged.length);
    columns.duplicates.push(a.duplicates.length);
    columns.story.push(a.story === null ? -1 : stories.index(a.story));
    columns.features.push(featureSets.index(featureSetKey(ruleList, categoryList)));
    if (!rowById.has(a.id)) rowById.set(a.id, row);
    const features = [...ruleList.map((r) => `rule:${rules.values[r]}`), ...categoryList.map((c) => `category:${categories.values[c]}`)];
    sampler.consider(a.id, features, () => detailOf(a, row, rules, categories));
  }

  // Most important first (coverage of rules and categories, then the rest), so that a report that
  // must shrink can keep a prefix.
  const details = sampler.chosen();
  columns.ids = ids.join("\n");
  columns.titles = titles.join("\n");

  const duplicates: DuplicateRow[] = [];
  const duplicateTally: JsonLinesTally = { parsed: 0, malformed: 0 };
  let duplicateCount = 0;
  for await (const value of readJsonLines(join(outDir, "duplicates.jsonl"), duplicateTally)) {
    const d = asRecord(value);
    const id = d ? str(d.id) : null;
    if (!d || id === null) {
      duplicateTally.malformed++;
      continue;
    }
    duplicateCount++;
    if (duplicates.length >= maxListed) continue;
    const of = str(d.duplicateOf) ?? "";
    duplicates.push([id, sourceLabel(d.source), rowById.get(of) ?? -1, of, num(d.similarity) ?? 0, str(d.method) ?? ""]);
  }

  const rejected: RejectedRow[] = [];
  const rejectedReasons: Record<string, number> = {};
  const rejectedTally: JsonLinesTally = { parsed: 0, malformed: 0 };
  let rejectedCount = 0;
  for await (const value of readJsonLines(join(outDir, "rejected.jsonl"), rejectedTally)) {
    const r = asRecord(value);
    if (!r) {
      rejectedTally.malformed++;
      continue;
    }
    rejectedCount++;
    const stage = str(r.stage) ?? "?";
    const reason = str(r.reason) ?? "?";
    const key = `${stage}: ${reason}`;
    rejectedReasons[key] = (rejectedReasons[key] ?? 0) + 1;
    if (rejected.length < maxListed) rejected.push([sourceLabel(r.source), stage, reason, clip(str(r.detail) ?? "", 500)]);
  }

  const removed = removedTexts.top();
  return {
    version: REPORT_DATA_VERSION,
    generatedAt: new Date().toISOString(),
    run,
    counts: {
      inputs: run.inputs ?? ids.length + duplicateCount + rejectedCount,
      articles: ids.length,
      duplicates: duplicateCount,
      rejected: rejectedCount,
    },
    malformed: {
      articles: articleTally.malformed,
      duplicates: duplicateTally.malformed,
      rejected: rejectedTally.malformed,
    },
    sites: sites.values,
    rules: rules.values,
    categories: categories.values,
    stories: stories.values,
    articles: columns,
    totals: {
      removed: columns.removed.reduce((x, y) => x + y, 0),
      repaired: columns.repaired.reduce((x, y) => x + y, 0),
      flagged: columns.flagged.reduce((x, y) => x + y, 0),
    },
    siteCounts: sites.values.map((_, i) => siteCounts[i] ?? 0),
    dates: dates.values,
    featureSets: featureSets.values.map(parseFeatureSet),
    details,
    ruleHits: rules.values.map((_, i) => ruleHits[i] ?? 0),
    categoryHits: categories.values.map((_, i) => categoryHits[i] ?? 0),
    stageRemovals,
    removedTexts: removed.map((e) => [e.text, e.rule, e.category, e.count, e.rows]),
    removedTextsTotal: removedTexts.distinct,
    duplicates,
    rejected,
    rejectedReasons,
    maxDetail,
    trimmed: [],
  };
}
