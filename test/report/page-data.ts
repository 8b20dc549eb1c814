/** Reads back the JSON a report page embeds, both parts merged, the way the page's script does. */
import { DATA_ELEMENT_ID, INDEX_PART_CLASS, type ReportData } from "../../src/report/index.ts";
import { unflattenFeatureSets } from "../../src/report/feature-set.ts";
import { type EarlyData, joinLateEntries } from "../../src/report/page-split.ts";

function element(html: string, id: string): string {
  const match = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html);
  if (!match?.[1]) throw new Error(`report.html has no #${id} element`);
  return match[1];
}

export function readPageData(html: string): ReportData {
  const { featureFlat: _early, detailRows: _rows, ...early } = JSON.parse(element(html, DATA_ELEMENT_ID)) as EarlyData;
  const parts = [...html.matchAll(new RegExp(`<script type="application/json" class="${INDEX_PART_CLASS}" data-key="([^"]*)">([^<]*)</script>`, "g"))];
  if (parts.length === 0) throw new Error(`report.html has no .${INDEX_PART_CLASS} element`);
  const texts = new Map<string, string>();
  for (const [, key = "", text = ""] of parts) texts.set(key, (texts.get(key) ?? "") + text);
  const { featureFlat, detailRows: _late, ...late } = joinLateEntries([...texts].map(([key, text]): [string, unknown] => [key, JSON.parse(text)]));
  return { ...early, ...late, featureSets: unflattenFeatureSets(featureFlat) };
}
