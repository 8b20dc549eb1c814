/**
 * The run report: one self-contained HTML page (report.html) built from a run's output folder. It
 * shows what the run kept, removed, repaired, flagged, merged and rejected, and why.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type CollectOptions, collectReportData } from "./collect-report-data.ts";
import { fitToBudget } from "./fit-to-budget.ts";
import { loadPageAssets } from "./page-assets.ts";
import { renderReportPage } from "./render-page.ts";

export { collectReportData, type CollectOptions } from "./collect-report-data.ts";
export type { ReportData } from "./report-data.ts";
export { DATA_ELEMENT_ID, HEAD_ROWS, INDEX_PART_CLASS } from "./render-page.ts";

export interface WriteReportOptions {
  /** Articles shown with their full text and provenance (default 1,000); all get an index row. */
  maxDetail?: number;
  /** Size budget of report.html in bytes (default 19,000,000); the page drops detail to stay under. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 19_000_000;

export interface WrittenReport {
  path: string;
  bytes: number;
}

/** Reads articles.jsonl, duplicates.jsonl, rejected.jsonl and run.json in `outDir`, writes report.html there. */
export async function writeReport(outDir: string, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const collectOptions: CollectOptions = {};
  if (options.maxDetail !== undefined) collectOptions.maxDetail = options.maxDetail;
  const [data, assets] = await Promise.all([collectReportData(outDir, collectOptions), loadPageAssets()]);
  const { html } = fitToBudget(data, options.maxBytes ?? DEFAULT_MAX_BYTES, (d) => renderReportPage(d, assets));
  const path = join(outDir, "report.html");
  await writeFile(path, html, "utf8");
  return { path, bytes: Buffer.byteLength(html, "utf8") };
}
