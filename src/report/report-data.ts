/**
 * The data embedded in report.html. It is compact on purpose (a run of 100,000 articles must stay
 * well under 20 MB): strings that repeat (sites, rules, categories, stories) are named once in a
 * table and referred to by index, and rows are arrays rather than objects.
 */
import type { RunSummary } from "./run-summary.ts";

export const REPORT_DATA_VERSION = 1;

/** One line per kept article, in articles.jsonl order. */
export type ArticleRow = [
  id: string,
  title: string,
  site: number,
  publishedAt: string,
  removed: number,
  repaired: number,
  flagged: number,
  duplicates: number,
  story: number,
  rules: number[],
  categories: number[],
  detail: number,
];

export const ROW = {
  id: 0,
  title: 1,
  site: 2,
  publishedAt: 3,
  removed: 4,
  repaired: 5,
  flagged: 6,
  duplicates: 7,
  story: 8,
  rules: 9,
  categories: 10,
  detail: 11,
} as const;

/** Block types, by their first letter: paragraph, heading, list-item, quote, caption. */
export type DetailBlock = [type: "p" | "h" | "l" | "q" | "c", text: string];

/** The full record of a sampled article. */
export interface ArticleDetail {
  row: number;
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
  rows: ArticleRow[];
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
}
