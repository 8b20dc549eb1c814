/**
 * Splits the report's data in two for the page. The first part holds what the first screen needs
 * (the run, the charts, the first rows of the list and their detail) and comes before the page's
 * script, so that the page is usable at once; the second holds the full article index and the long
 * lists, and comes after the script, which reads it once the page has parsed.
 */
import { flattenFeatureSets } from "./feature-set.ts";
import { type ArticleColumns, type FeatureSet, type ReportData, sliceColumns } from "./report-data.ts";

/** What the second element carries; the page puts each field in place of the first part's one. */
export interface LateData {
  articles: ArticleColumns;
  /** The feature sets, flattened (see flattenFeatureSets). */
  featureFlat: number[];
  /** The row of each sampled article, in the order of `details`: the page reads `details` itself
   * only when an article is first opened. */
  detailRows: number[];
  details: ReportData["details"];
  removedTexts: ReportData["removedTexts"];
  duplicates: ReportData["duplicates"];
  rejected: ReportData["rejected"];
}

/** What comes before the page's script: the report data with the first rows only. */
export type EarlyData = Omit<ReportData, "featureSets"> & { featureFlat: number[]; detailRows: number[] };

export interface PageData {
  early: EarlyData;
  late: LateData;
}

export function splitForPage(data: ReportData, headRows: number): PageData {
  const head = sliceColumns(data.articles, headRows);
  // The first rows get their own small table of feature sets, so the big one can wait.
  const local = new Map<number, number>();
  const featureSets: FeatureSet[] = [];
  head.features = head.features.map((f) => {
    let i = local.get(f);
    if (i === undefined) {
      i = featureSets.length;
      local.set(f, i);
      featureSets.push(data.featureSets[f] ?? [[], []]);
    }
    return i;
  });
  const headDetails = data.details.filter((d) => d.row < head.site.length);
  const { featureSets: _all, ...rest } = data;
  return {
    early: {
      ...rest,
      articles: head,
      featureFlat: flattenFeatureSets(featureSets),
      detailRows: headDetails.map((d) => d.row),
      details: headDetails,
      removedTexts: [],
      duplicates: [],
      rejected: [],
    },
    late: {
      articles: data.articles,
      featureFlat: flattenFeatureSets(data.featureSets),
      detailRows: data.details.map((d) => d.row),
      details: data.details,
      removedTexts: data.removedTexts,
      duplicates: data.duplicates,
      rejected: data.rejected,
    },
  };
}

/**
 * The late data as separate named values, each small enough to parse without holding the page up:
 * every article column on its own ("articles.titles" …), then each list.
 */
export function lateEntries(late: LateData): Array<[key: string, value: unknown]> {
  const { articles, ...lists } = late;
  return [
    ...Object.entries(articles).map(([column, value]): [string, unknown] => [`articles.${column}`, value]),
    ...Object.entries(lists),
  ];
}

/** Puts named values back together into the late data (what the page's script does). */
export function joinLateEntries(entries: ReadonlyArray<[key: string, value: unknown]>): LateData {
  const late: Record<string, unknown> = {};
  const articles: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (key.startsWith("articles.")) articles[key.slice("articles.".length)] = value;
    else late[key] = value;
  }
  return { ...late, articles } as unknown as LateData;
}
