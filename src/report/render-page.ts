/**
 * Assembles report.html: static markup, the inlined stylesheet and script, and the run's data as
 * JSON. Article text reaches the page only inside the JSON and is put on screen by the script as
 * text, never as markup; a Content-Security-Policy allows only the page's own script (by hash) and
 * no network at all, as a second line of defence.
 */
import { createHash } from "node:crypto";
import { jsonForScript } from "./embed-json.ts";
import { escapeHtml } from "./escape-html.ts";
import type { PageAssets } from "./page-assets.ts";
import { lateEntries, splitForPage } from "./page-split.ts";
import type { ReportData } from "./report-data.ts";
import { splitText } from "./split-text.ts";

/** The element that holds what the first screen needs: the run, the charts, the first rows. */
export const DATA_ELEMENT_ID = "tidings-data";
/**
 * The elements after the page's script that hold the full article index and the long lists: one
 * JSON value per `data-key`, each cut into parts, so that neither the browser's reading of the page
 * nor the script's parsing of the data holds the page up for long.
 */
export const INDEX_PART_CLASS = "tidings-index-part";
const INDEX_PART_CHARS = 1 << 17;
/** Rows that travel with the data, so that the first page of the list shows before the index is read. */
export const HEAD_ROWS = 50;

function scriptHash(script: string): string {
  return `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;
}

export function renderReportPage(data: ReportData, assets: PageAssets): string {
  const script = assets.script;
  if (/<\/script/i.test(script) || /<\/style/i.test(assets.css)) {
    throw new Error("report assets must not contain a closing </script> or </style> tag");
  }
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src ${scriptHash(script)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const { early, late } = splitForPage(data, HEAD_ROWS);
  const title = `tidings report${data.run.pipeline ? ` · ${data.run.pipeline}` : ""}${data.run.startedAt ? ` · ${data.run.startedAt}` : ""}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${assets.css}</style>
</head>
<body>
<a class="skip" href="#explorer">Skip to articles</a>
<header class="top">
  <h1>tidings run report</h1>
  <p id="run-meta" class="muted"></p>
</header>
<main>
  <noscript><p class="warn">This report needs JavaScript to show its data.</p></noscript>
  <section id="summary" class="cards" aria-label="Run summary"></section>
  <p id="notes" class="muted"></p>
  <section class="charts" aria-label="Charts">
    <figure class="chart" id="chart-categories"><figcaption><h2>Removed blocks by category</h2></figcaption><ol class="bars"></ol></figure>
    <figure class="chart" id="chart-stages"><figcaption><h2>Removed blocks by stage</h2></figcaption><ol class="bars"></ol></figure>
    <figure class="chart" id="chart-rules"><figcaption><h2>Rules that fired most</h2></figcaption><ol class="bars"></ol></figure>
  </section>
  <details class="stages-box" open><summary>Stages, corpus figures and rejection reasons</summary>
    <div class="two">
      <div class="table-wrap"><table id="stage-table"><caption>Stages in run order</caption><thead><tr><th scope="col">stage</th><th scope="col">kind</th><th scope="col" class="num">ms</th><th scope="col" class="num">removed</th><th scope="col" class="num">repaired</th><th scope="col" class="num">flagged</th><th scope="col" class="num">rejected</th></tr></thead><tbody></tbody></table></div>
      <div class="table-wrap"><table id="corpus-table"><caption>What the corpus stages learned</caption><thead><tr><th scope="col">stage</th><th scope="col">figure</th><th scope="col" class="num">value</th></tr></thead><tbody></tbody></table></div>
      <div class="table-wrap"><table id="reason-table"><caption>Rejected, by reason</caption><thead><tr><th scope="col">stage: reason</th><th scope="col" class="num">count</th></tr></thead><tbody></tbody></table></div>
    </div>
  </details>
  <section id="explorer" aria-label="Explore the run">
    <div class="filters" role="search">
      <label>Search <input id="q" type="search" autocomplete="off" placeholder="title, id, or removed text"></label>
      <label>Site <select id="f-site"><option value="">all sites</option></select></label>
      <label>Category <select id="f-category"><option value="">all categories</option></select></label>
      <label>Rule <select id="f-rule"><option value="">all rules</option></select></label>
      <label>Stage <select id="f-stage"><option value="">all stages</option></select></label>
      <label class="check"><input id="f-detail" type="checkbox"> with full detail only</label>
      <span id="chips"></span>
      <button type="button" id="clear">Clear filters</button>
    </div>
    <div class="tabs" role="tablist" aria-label="Views">
      <button type="button" role="tab" id="tab-articles" aria-controls="panel-articles" aria-selected="true">Articles <span class="n"></span></button>
      <button type="button" role="tab" id="tab-removed" aria-controls="panel-removed" aria-selected="false" tabindex="-1">Removed text <span class="n"></span></button>
      <button type="button" role="tab" id="tab-duplicates" aria-controls="panel-duplicates" aria-selected="false" tabindex="-1">Duplicates <span class="n"></span></button>
      <button type="button" role="tab" id="tab-rejected" aria-controls="panel-rejected" aria-selected="false" tabindex="-1">Rejected <span class="n"></span></button>
    </div>
    <div class="panel" id="panel-articles" role="tabpanel" aria-labelledby="tab-articles">
      <p class="status" aria-live="polite"></p><ol class="list"></ol><nav class="pager" aria-label="Pages of articles"></nav>
    </div>
    <div class="panel" id="panel-removed" role="tabpanel" aria-labelledby="tab-removed" hidden>
      <p class="status" aria-live="polite"></p><ol class="list"></ol><nav class="pager" aria-label="Pages of removed text"></nav>
    </div>
    <div class="panel" id="panel-duplicates" role="tabpanel" aria-labelledby="tab-duplicates" hidden>
      <p class="status" aria-live="polite"></p><ol class="list"></ol><nav class="pager" aria-label="Pages of duplicates"></nav>
    </div>
    <div class="panel" id="panel-rejected" role="tabpanel" aria-labelledby="tab-rejected" hidden>
      <p class="status" aria-live="polite"></p><ol class="list"></ol><nav class="pager" aria-label="Pages of rejected inputs"></nav>
    </div>
  </section>
</main>
<dialog id="detail" aria-labelledby="detail-title">
  <div class="dialog-head"><h2 id="detail-title"></h2><button type="button" id="detail-close" aria-label="Close (Escape)">Close ✕</button></div>
  <div id="detail-body"></div>
</dialog>
<script type="application/json" id="${DATA_ELEMENT_ID}">${jsonForScript(early)}</script>
<script>${script}</script>
${lateEntries(late)
  .flatMap(([key, value]) =>
    splitText(jsonForScript(value), INDEX_PART_CHARS).map(
      (part) => `<script type="application/json" class="${INDEX_PART_CLASS}" data-key="${escapeHtml(key)}">${part}</script>\n`,
    ),
  )
  .join("")}</body>
</html>
`;
}
