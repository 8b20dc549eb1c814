/**
 * The data embedded in report.html. It is compact on purpose (a run of 100,000 articles must stay
 * well under 20 MB): strings that repeat (sites, rules, categories, stories) are named once in a
 * table and referred to by index, and rows are arrays rather than objects.
 */
import type { RunSummary } from "./run-summary.ts";

export const REPORT_DATA_VERSION = 1;

/**
 * One entry per kept article, in articles.jsonl order, stored by column: a run of 100,000 articles
 * then costs a few megabytes, and the page parses it in a fraction of a second.
 */
export interface ArticleColumns {
  /** Ids, one per line (line breaks inside an id are written as spaces). */
  ids: string;
  /** Titles (or the first words of the text), one per line, whitespace collapsed. */
  titles: string;
  /** Index into `sites`, or -1. */
  site: number[];
  /** Index into `dates`, or -1. */
  date: number[];
  removed: number[];
  repaired: number[];
  flagged: number[];
  duplicates: number[];
  /** Index into `stories`, or -1. */
  story: number[];
  /** Index into `featureSets`: which rules fired and which categories were removed. */
  features: number[];
}

/** A distinct combination of rules (indexes into `rules`) and categories (into `categories`). */
/** The first `rows` entries of the columns. */
export function sliceColumns(columns: ArticleColumns, rows: number): ArticleColumns {
  const lines = (text: string): string => {
    let at = -1;
    for (let i = 0; i < rows; i++) {
      at = text.indexOf("\n", at + 1);
      if (at < 0) return text;
    }
    return text.slice(0, at);
  };
  return {
    ids: lines(columns.ids),
    titles: lines(columns.titles),
    site: columns.site.slice(0, rows),
    date: columns.date.slice(0, rows),
    removed: columns.removed.slice(0, rows),
    repaired: columns.repaired.slice(0, rows),
    flagged: columns.flagged.slice(0, rows),
    duplicates: columns.duplicates.slice(0, rows),
    story: columns.story.slice(0, rows),
    features: columns.features.slice(0, rows),
  };
}

export type FeatureSet = [rules: number[], categories: number[]];

/** Block types, by their first letter: paragraph, heading, list-item, quote, caption. */
export type DetailBlock = [type: "p" | "h" | "l" | "q" | "c", text: string];

/** The full record of a sampled article; `row` is its position in `articles`. */
export interface ArticleDetail {
  row: number;
  id: string;
  title: string;
  source: string;
  url: string | null;
  subtitle: string | null;
  authors: string[];
  language: string | null;
  truncated: boolean;
  /** The report cut long texts short to stay small. */
  clipped: boolean;
  blocks: DetailBlock[];
  removed: [rule: number, category: number, text: string][];
  repaired: [rule: number, before: string, after: string][];
  flagged: [rule: number, text: string, note: string][];
  duplicates: string[];
}

/** A removed text, counted across the run: what answers "why is this sentence gone?". */
export type RemovedTextRow = [text: string, rule: number, category: number, count: number, rows: number[]];

export type DuplicateRow = [id: string, source: string, duplicateOfRow: number, duplicateOf: string, similarity: number, method: string];

export type RejectedRow = [source: string, stage: string, reason: string, detail: string];

export interface ReportData {
  version: typeof REPORT_DATA_VERSION;
  generatedAt: string;
  run: RunSummary;
  counts: { inputs: number; articles: number; duplicates: number; rejected: number };
  /** Lines of the three .jsonl files that could not be read. */
  malformed: { articles: number; duplicates: number; rejected: number };
  sites: string[];
  /** "stage/rule" */
  rules: string[];
  categories: string[];
  stories: string[];
  /**
   * Every kept article. In the page, the first rows travel with the rest of the data and the full
   * columns in a second element, so that the page can show its first screen before it has read them.
   */
  articles: ArticleColumns;
  /** Blocks removed, repairs and flags over all kept articles. */
  totals: { removed: number; repaired: number; flagged: number };
  /** Per site index: kept articles. */
  siteCounts: number[];
  dates: string[];
  featureSets: FeatureSet[];
  /** Sampled articles, most important first (those that cover a rule or category lead). */
  details: ArticleDetail[];
  /** Per rule index: how many times it fired in kept articles (removed + repaired + flagged). */
  ruleHits: number[];
  /** Per category index: how many blocks were removed. */
  categoryHits: number[];
  /** Per stage name: blocks removed. */
  stageRemovals: Record<string, number>;
  removedTexts: RemovedTextRow[];
  /** How many distinct removed texts there were, of which `removedTexts` holds the most frequent. */
  removedTextsTotal: number;
  duplicates: DuplicateRow[];
  rejected: RejectedRow[];
  /** "stage: reason" → count, over all of rejected.jsonl. */
  rejectedReasons: Record<string, number>;
  maxDetail: number;
  /** What was left out to keep the page under its size budget, in words for the reader. */
  trimmed: string[];
}
