/**
 * Which copy of a duplicate cluster is kept: the most complete one. The order of `criteria` is the
 * rule, each deciding only when the ones before it tie:
 * - `complete`: a full article beats a truncated excerpt;
 * - `longest`: more words of clean body beat fewer;
 * - `metadata`: more filled metadata fields (url, site, title, subtitle, authors, date, language) beat fewer.
 * An article already emitted by an earlier run always wins (it cannot be taken back), and the
 * smallest id breaks the last tie, so the choice never depends on input order.
 */
import type { DraftMeta } from "../draft.ts";
import type { ArticleTable } from "./table.ts";

export const SURVIVOR_CRITERIA = ["complete", "longest", "metadata"] as const;
export type SurvivorCriterion = (typeof SURVIVOR_CRITERIA)[number];

/** Number of metadata fields a record fills. */
export function metadataScore(meta: DraftMeta): number {
  let score = 0;
  if (meta.url) score++;
  if (meta.site) score++;
  if (meta.title) score++;
  if (meta.subtitle) score++;
  if (meta.authors.length > 0) score++;
  if (meta.publishedAt) score++;
  if (meta.language) score++;
  return score;
}

/** A comparator of rows: negative when `a` is the better survivor. */
export function survivorOrder(table: ArticleTable, criteria: readonly SurvivorCriterion[]): (a: number, b: number) => number {
  return (a, b) => {
    const earlier = Number(table.isEarlier(b)) - Number(table.isEarlier(a));
    if (earlier !== 0) return earlier;
    for (const criterion of criteria) {
      let d = 0;
      if (criterion === "complete") d = Number(table.isTruncated(a)) - Number(table.isTruncated(b));
      else if (criterion === "longest") d = table.words.get(b) - table.words.get(a);
      else d = table.metadata.get(b) - table.metadata.get(a);
      if (d !== 0) return d;
    }
    const ia = table.ids[a] as string;
    const ib = table.ids[b] as string;
    if (ia !== ib) return ia < ib ? -1 : 1;
    return table.exactHi.get(a) - table.exactHi.get(b) || table.exactLo.get(a) - table.exactLo.get(b);
  };
}
