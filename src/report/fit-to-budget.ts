/**
 * Keeps a report under its size budget. When the page would be too big, it drops what matters
 * least first (sampled detail beyond the articles that cover each rule, then long lists, then the
 * tail of long titles, then all detail, and at last the end of the article list) and says so on
 * the page, rather than writing a page nobody can open.
 */
import { clip } from "./article-detail.ts";
import { type ReportData, sliceColumns } from "./report-data.ts";

/** One step down: smaller data, or null when this step has nothing left to drop. */
/** The list never holds fewer articles than this, whatever the budget. */
const MIN_ROWS = 50;

type Shrink = (data: ReportData, bytes: number, maxBytes: number) => ReportData | null;

const SHRINKS: Shrink[] = [
  (d) => shrinkDetails(d, Math.max(100, Math.floor(d.details.length / 4))),
  (d) => shrinkLists(d, 1000),
  (d) => shrinkTitles(d, 60),
  (d) => shrinkDetails(d, 0),
  (d) => shrinkLists(d, 0),
  (d, bytes, maxBytes) => shrinkRows(d, Math.max(MIN_ROWS, Math.floor(d.articles.site.length * Math.min(0.95, maxBytes / bytes)))),
];

/** The last resort: the index lists only the first `keep` articles (the counts stay whole). */
function shrinkRows(d: ReportData, keep: number): ReportData | null {
  const rows = d.articles.site.length;
  if (keep >= rows) return null;
  return {
    ...d,
    articles: sliceColumns(d.articles, keep),
    details: d.details.filter((x) => x.row < keep),
    trimmed: [...d.trimmed, `the article list holds the first ${keep.toLocaleString("en-US")} of ${rows.toLocaleString("en-US")} articles`],
  };
}

function shrinkDetails(d: ReportData, keep: number): ReportData | null {
  if (d.details.length <= keep) return null;
  return { ...d, details: d.details.slice(0, keep), trimmed: [...d.trimmed, `full detail kept for ${keep} articles only`] };
}

function shrinkLists(d: ReportData, keep: number): ReportData | null {
  if (d.removedTexts.length <= keep && d.duplicates.length <= keep && d.rejected.length <= keep) return null;
  return {
    ...d,
    removedTexts: d.removedTexts.slice(0, keep),
    duplicates: d.duplicates.slice(0, keep),
    rejected: d.rejected.slice(0, keep),
    trimmed: [...d.trimmed, `removed texts, duplicates and rejected inputs listed up to ${keep} each`],
  };
}

function shrinkTitles(d: ReportData, chars: number): ReportData | null {
  const titles = d.articles.titles.split("\n");
  if (!titles.some((t) => t.length > chars)) return null;
  return {
    ...d,
    articles: { ...d.articles, titles: titles.map((t) => clip(t, chars)).join("\n") },
    trimmed: [...d.trimmed, `titles cut to ${chars} characters`],
  };
}

/**
 * Renders, and while the page is over `maxBytes`, shrinks the data one step and renders again.
 * Returns the last page, which may still be over budget when nothing is left to drop.
 */
export function fitToBudget(data: ReportData, maxBytes: number, render: (data: ReportData) => string): { html: string; data: ReportData } {
  let current = data;
  let html = render(current);
  for (const shrink of SHRINKS) {
    const bytes = Buffer.byteLength(html, "utf8");
    if (bytes <= maxBytes) break;
    const smaller = shrink(current, bytes, maxBytes);
    if (!smaller) continue;
    current = smaller;
    html = render(current);
  }
  return { html, data: current };
}
