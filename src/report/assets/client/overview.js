// The run at a glance: summary cards, notes, charts, the stage and rejection tables, filter options.


/** Rejection reasons, most frequent first: from rejected.jsonl, else from run.json. */
function reasonCounts() {
  var reasons = D.rejectedReasons;
  if (!Object.keys(reasons).length) reasons = D.run.rejectedBy || {};
  return Object.keys(reasons).sort(function (a, b) { return reasons[b] - reasons[a] || (a < b ? -1 : 1); }).map(function (k) { return [k, reasons[k]]; });
}

function topReasons(n) {
  var all = reasonCounts();
  var shown = all.slice(0, n).map(function (r) { return r[0] + " " + fmt(r[1]); });
  if (all.length > n) shown.push("…");
  return shown.join(" · ");
}

function drawSummary() {
  var run = D.run;
  var removed = D.totals.removed, repaired = D.totals.repaired, flagged = D.totals.flagged;
  var cards = [
    ["inputs", "Inputs", D.counts.inputs],
    ["articles", "Articles kept", D.counts.articles],
    ["duplicates", "Duplicates", D.counts.duplicates],
    ["rejected", "Rejected", D.counts.rejected],
    ["removed", "Blocks removed", removed],
    ["repaired", "Repairs", repaired],
    ["flagged", "Flags", flagged],
  ];
  var box = $("#summary");
  clear(box);
  cards.forEach(function (c) {
    box.appendChild(el("div", { className: "card", "data-count": c[0] }, el("span", { className: "v", text: fmt(c[2]) }), el("span", { className: "k", text: c[1] }),
      c[0] === "rejected" ? el("span", { className: "why", text: topReasons(3) }) : null));
  });
  box.appendChild(el("div", { className: "card", "data-count": "time" }, el("span", { className: "v", text: duration(run.ms) }), el("span", { className: "k", text: "Run time" })));

  var meta = [];
  if (run.pipeline) meta.push("pipeline " + run.pipeline);
  if (run.tidings) meta.push("tidings " + run.tidings);
  if (run.startedAt) meta.push("started " + run.startedAt);
  if (run.finishedAt) meta.push("finished " + run.finishedAt);
  if (run.roots && run.roots.length) meta.push("inputs from " + run.roots.join(", "));
  if (run.files != null) meta.push(fmt(run.files) + " files");
  meta.push("report written " + D.generatedAt);
  $("#run-meta").textContent = meta.join(" · ");

  var notes = [];
  var shown = D.detailRows.length;
  if (shown < count) notes.push("Full text and provenance are embedded for " + fmt(shown) + " of " + fmt(count) + " articles (chosen to cover every rule and category); the rest show their index row.");
  if (D.removedTextsTotal > D.removedTexts.length) notes.push("Removed text lists the " + fmt(D.removedTexts.length) + " most frequent of " + fmt(D.removedTextsTotal) + " distinct removed texts.");
  if (D.duplicates.length < D.counts.duplicates) notes.push("Duplicates lists " + fmt(D.duplicates.length) + " of " + fmt(D.counts.duplicates) + ".");
  if (D.rejected.length < D.counts.rejected) notes.push("Rejected lists " + fmt(D.rejected.length) + " of " + fmt(D.counts.rejected) + ".");
  var bad = D.malformed.articles + D.malformed.duplicates + D.malformed.rejected;
  if (bad) notes.push(fmt(bad) + " unreadable lines were skipped (articles " + D.malformed.articles + ", duplicates " + D.malformed.duplicates + ", rejected " + D.malformed.rejected + ").");
  var skipped = Object.keys(run.skipped || {});
  if (skipped.length) notes.push("Passed over as not articles: " + skipped.map(function (k) { return fmt(run.skipped[k]) + " " + k; }).join(", ") + ".");
  if (run.problem) notes.push(run.problem + ": run-level figures are missing.");
  if (D.trimmed.length) notes.push("To keep this page small: " + D.trimmed.join("; ") + ".");
  $("#notes").textContent = notes.join(" ");
}

function drawBars(sel, items, kind) {
  var list = $(sel + " .bars");
  clear(list);
  if (!items.length) { list.appendChild(el("li", { className: "empty", text: "nothing in this run" })); return; }
  var max = items[0].count || 1;
  items.forEach(function (it) {
    var fill = el("span", { className: "fill", style: "width:" + Math.max(0.5, (100 * it.count) / max).toFixed(2) + "%" + (it.colour ? ";background:" + it.colour : "") });
    var button = el("button", { type: "button", className: "bar", "data-kind": kind, "data-value": String(it.value), "aria-pressed": "false", title: it.label + ": " + fmt(it.count) + " (" + it.hint + ")" },
      el("span", { className: "label", text: it.label }), el("span", { className: "track" }, fill), el("span", { className: "count", text: fmt(it.count) }));
    button.addEventListener("click", function () { chartClick(kind, it.value); });
    list.appendChild(el("li", null, button));
  });
}

function drawCharts() {
  drawBars("#chart-categories", catOrder.filter(function (c) { return D.categoryHits[c] > 0; }).map(function (c) {
    return { value: c, label: D.categories[c], count: D.categoryHits[c], colour: catColour[c], hint: "show the removed blocks of this category" };
  }), "category");
  var st = Object.keys(D.stageRemovals).map(function (s) { return { value: s, label: s, count: D.stageRemovals[s], hint: "show the blocks this stage removed" }; });
  st.sort(function (a, b) { return b.count - a.count || (a.label < b.label ? -1 : 1); });
  drawBars("#chart-stages", st, "stage");
  var ru = D.rules.map(function (r, i) { return { value: i, label: r, count: D.ruleHits[i], hint: "show the articles where it fired" }; });
  ru.sort(function (a, b) { return b.count - a.count || (a.label < b.label ? -1 : 1); });
  drawBars("#chart-rules", ru.slice(0, 15), "rule");
}

function cell(text, num) { return el("td", { className: num ? "num" : null, text: text }); }

function drawTables() {
  var body = $("#stage-table tbody");
  clear(body);
  if (!D.run.stages.length) body.appendChild(el("tr", null, el("td", { colspan: "7", className: "empty", text: "run.json lists no stages" })));
  D.run.stages.forEach(function (s) {
    body.appendChild(el("tr", null, cell(s.name), cell(s.kind || ""), cell(fmt(s.ms), true), cell(fmt(s.removed), true), cell(fmt(s.repaired), true), cell(fmt(s.flagged), true), cell(fmt(s.rejected), true)));
  });
  body = $("#corpus-table tbody");
  clear(body);
  if (!D.run.corpus.length) body.appendChild(el("tr", null, el("td", { colspan: "3", className: "empty", text: "run.json has no corpus figures" })));
  D.run.corpus.forEach(function (f) { body.appendChild(el("tr", null, cell(f[0]), cell(f[1]), cell(f[2], true))); });
  var reasons = reasonCounts();
  body = $("#reason-table tbody");
  clear(body);
  if (!reasons.length) body.appendChild(el("tr", null, el("td", { colspan: "2", className: "empty", text: "nothing was rejected" })));
  reasons.forEach(function (r) { body.appendChild(el("tr", null, cell(r[0]), cell(fmt(r[1]), true))); });
}

function fillSelect(sel, items) {
  var node = $(sel);
  items.forEach(function (it) { node.appendChild(el("option", { value: String(it.value), text: it.label })); });
}

function drawFilters() {
  var siteCounts = D.siteCounts;
  var sites = D.sites.map(function (s, i) { return { value: i, label: s + " (" + fmt(siteCounts[i]) + ")", n: siteCounts[i], name: s }; });
  sites.sort(function (a, b) { return b.n - a.n || (a.name < b.name ? -1 : 1); });
  fillSelect("#f-site", sites);
  fillSelect("#f-category", catOrder.map(function (c) { return { value: c, label: D.categories[c] + " (" + fmt(D.categoryHits[c]) + ")" }; }));
  var rules = D.rules.map(function (r, i) { return { value: i, label: r + " (" + fmt(D.ruleHits[i]) + ")", name: r }; });
  rules.sort(function (a, b) { return a.name < b.name ? -1 : 1; });
  fillSelect("#f-rule", rules);
  fillSelect("#f-stage", stageNames.map(function (s) { return { value: s, label: s }; }));
}
