/** Reads back the JSON a report page embeds, both parts merged, the way the page's script does. */
import { DATA_ELEMENT_ID, INDEX_ELEMENT_ID, type ReportData } from "../../src/report/index.ts";
import type { LateData } from "../../src/report/page-split.ts";

function element(html: string, id: string): string {
  const match = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html);
  if (!match?.[1]) throw new Error(`report.html has no #${id} element`);
  return match[1];
}

export function readPageData(html: string): ReportData {
  const data = JSON.parse(element(html, DATA_ELEMENT_ID)) as ReportData;
  return { ...data, ...(JSON.parse(element(html, INDEX_ELEMENT_ID)) as LateData) };
}
