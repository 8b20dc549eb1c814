// The report page's script. It reads the run's data from the JSON element, draws the summary and
// charts, and renders one page of a filtered list at a time. Every piece of article text reaches
// the screen through textContent or an attribute value, never as markup.
(function () {
  "use strict";

  var D = JSON.parse(document.getElementById("tidings-data").textContent);
  var PAGE = 50;
  var PALETTE = ["#1a5fb4", "#c64600", "#26a269", "#9141ac", "#a51d2d", "#0f7b8a", "#986a44", "#c061cb", "#5e5c64", "#e5a50a", "#2a7ffb", "#63452c"];
  var BLOCK_CLASS = { p: "b", h: "b h", l: "b l", q: "b q", c: "b c" };
  var BLOCK_NAME = { p: "paragraph", h: "heading", l: "list item", q: "quote", c: "caption" };

  // ---- small helpers -------------------------------------------------------------------------

  function $(sel, root) { return (root || document).querySelector(sel); }

  /** An element with text children only: strings become text nodes, never markup. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k) || attrs[k] == null) continue;
        if (k === "className") node.className = attrs[k];
        else if (k === "text") node.textContent = attrs[k];
        else if (k === "style") node.setAttribute("style", attrs[k]);
        else node.setAttribute(k, attrs[k]);
      }
    }
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function append(node, child) {
    if (child == null || child === false) return;
    if (Array.isArray(child)) { for (var i = 0; i < child.length; i++) append(node, child[i]); return; }
    node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function fmt(n) { return n == null ? "–" : Number(n).toLocaleString("en-US"); }

  function duration(ms) {
    if (ms == null) return "–";
    if (ms < 1000) return Math.round(ms) + " ms";
    var s = ms / 1000;
    if (s < 120) return s.toFixed(1) + " s";
    return Math.floor(s / 60) + " min " + Math.round(s % 60) + " s";
  }

  function short(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  function debounce(fn, ms) {
    var t = 0;
    return function () { clearTimeout(t); t = setTimeout(fn, ms); };
  }

  // ---- derived tables --------------------------------------------------------------------------

  // The article index arrives in two steps: the first rows with the data (enough for the first
  // page), the full columns and the long lists in parts after this script, read once the page has
  // parsed.
  var A = D.articles;
  var count = D.counts.articles;
  var indexLoaded = false;
  var ids, titles;
  function takeColumns(columns) {
    A = columns;
    var n = A.site.length;
    ids = n ? A.ids.split("\n") : [];
    titles = n ? A.titles.split("\n") : [];
    haystack = null;
  }
  var detailOf = null;
  function indexDetails() {
    detailOf = new Int32Array(count).fill(-1);
    D.details.forEach(function (d, k) { detailOf[d.row] = k; });
  }
  indexDetails();
  function known(i) { return i < ids.length; }
  function titleOf(i) { return known(i) ? titles[i] : detailOf[i] >= 0 ? D.details[detailOf[i]].title : "article " + fmt(i + 1); }
  function idOf(i) { return known(i) ? ids[i] : detailOf[i] >= 0 ? D.details[detailOf[i]].id : ""; }
  function rulesOf(i) { return D.featureSets[A.features[i]][0]; }
  function catsOf(i) { return D.featureSets[A.features[i]][1]; }
  function dateOf(i) { return A.date[i] < 0 ? "" : D.dates[A.date[i]]; }
  var ruleStage = D.rules.map(function (r) { var i = r.indexOf("/"); return i < 0 ? r : r.slice(0, i); });
  var stageNames = [];
  (D.run.stages || []).forEach(function (s) { if (stageNames.indexOf(s.name) < 0) stageNames.push(s.name); });
  ruleStage.forEach(function (s) { if (stageNames.indexOf(s) < 0) stageNames.push(s); });

  // Colours go to categories by size, so that the largest ones are the easiest to tell apart.
  var catOrder = D.categories.map(function (_, i) { return i; }).sort(function (a, b) {
    return D.categoryHits[b] - D.categoryHits[a] || (D.categories[a] < D.categories[b] ? -1 : 1);
  });
  var catColour = [];
  catOrder.forEach(function (c, rank) { catColour[c] = PALETTE[rank % PALETTE.length]; });

  var dupsByRow = {};
  function indexDuplicates() {
    dupsByRow = {};
    D.duplicates.forEach(function (d, i) {
      if (d[2] >= 0) (dupsByRow[d[2]] = dupsByRow[d[2]] || []).push(i);
    });
  }
  indexDuplicates();

  function siteOfRow(i) { var s = A.site[i]; return s < 0 ? "" : D.sites[s]; }
  var haystack = null;
  takeColumns(A);
  function rowHaystack(i) {
    if (!haystack) haystack = new Array(count);
    var h = haystack[i];
    if (h === undefined) h = haystack[i] = (titles[i] + "\n" + ids[i] + "\n" + siteOfRow(i)).toLowerCase();
    return h;
  }

  // ---- state and filtering ------------------------------------------------------------------

  var S = { q: "", site: -1, cat: -1, rule: -1, stage: "", story: -1, detailOnly: false, tab: "articles" };
  var pages = { articles: 0, removed: 0, duplicates: 0, rejected: 0 };
  var hits = { articles: [], removed: [], duplicates: [], rejected: [] };

  // Whether each distinct feature set passes the category, rule and stage filters: computed once per
  // filter change, so that testing an article is a lookup.
  var featureOk = [];

  function featuresMatch(fs) {
    if (S.cat >= 0 && fs[1].indexOf(S.cat) < 0) return false;
    if (S.rule >= 0 && fs[0].indexOf(S.rule) < 0) return false;
    if (S.stage) {
      for (var k = 0; k < fs[0].length; k++) if (ruleStage[fs[0][k]] === S.stage) return true;
      return false;
    }
    return true;
  }

  function rowMatches(i, q) {
    if (S.site >= 0 && A.site[i] !== S.site) return false;
    if (S.story >= 0 && A.story[i] !== S.story) return false;
    if (S.detailOnly && detailOf[i] < 0) return false;
    if (!featureOk[A.features[i]]) return false;
    return !q || rowHaystack(i).indexOf(q) >= 0;
  }

  function removedMatches(t, q) {
    if (S.cat >= 0 && t[2] !== S.cat) return false;
    if (S.rule >= 0 && t[1] !== S.rule) return false;
    if (S.stage && ruleStage[t[1]] !== S.stage) return false;
    if (S.site >= 0 || S.story >= 0 || S.detailOnly) {
      var some = false;
      for (var k = 0; k < t[4].length; k++) if (rowMatches(t[4][k], "")) { some = true; break; }
      if (!some) return false;
    }
    return !q || t[0].toLowerCase().indexOf(q) >= 0;
  }

  function duplicateMatches(d, q) {
    if (S.site >= 0 || S.story >= 0) { if (d[2] < 0 || !rowMatches(d[2], "")) return false; }
    return !q || (d[0] + "\n" + d[1] + "\n" + d[3] + "\n" + d[5]).toLowerCase().indexOf(q) >= 0;
  }

  function rejectedMatches(r, q) {
    if (S.stage && r[1] !== S.stage) return false;
    return !q || r.join("\n").toLowerCase().indexOf(q) >= 0;
  }

  function filterAll() {
    var q = S.q.trim().toLowerCase();
    featureOk = D.featureSets.map(featuresMatch);
    var a = [];
    for (var i = 0; i < ids.length; i++) if (!indexLoaded || rowMatches(i, q)) a.push(i);
    var rm = [];
    for (i = 0; i < D.removedTexts.length; i++) if (removedMatches(D.removedTexts[i], q)) rm.push(i);
    var du = [];
    for (i = 0; i < D.duplicates.length; i++) if (duplicateMatches(D.duplicates[i], q)) du.push(i);
    var rj = [];
    for (i = 0; i < D.rejected.length; i++) if (rejectedMatches(D.rejected[i], q)) rj.push(i);
    hits = { articles: a, removed: rm, duplicates: du, rejected: rj };
    pages = { articles: 0, removed: 0, duplicates: 0, rejected: 0 };
  }

  // ---- summary, notes, charts, tables ----------------------------------------------------------

  function sum(list) { var s = 0; for (var i = 0; i < list.length; i++) s += list[i]; return s; }

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
    var shown = D.details.length;
    if (shown < count) notes.push("Full text and provenance are embedded for " + fmt(shown) + " of " + fmt(count) + " articles (chosen to cover every rule and category); the rest show their index row.");
    if (D.removedTextsTotal > D.removedTexts.length) notes.push("Removed text lists the " + fmt(D.removedTexts.length) + " most frequent of " + fmt(D.removedTextsTotal) + " distinct removed texts.");
    if (D.duplicates.length < D.counts.duplicates) notes.push("Duplicates lists " + fmt(D.duplicates.length) + " of " + fmt(D.counts.duplicates) + ".");
    if (D.rejected.length < D.counts.rejected) notes.push("Rejected lists " + fmt(D.rejected.length) + " of " + fmt(D.counts.rejected) + ".");
    var bad = D.malformed.articles + D.malformed.duplicates + D.malformed.rejected;
    if (bad) notes.push(fmt(bad) + " unreadable lines were skipped (articles " + D.malformed.articles + ", duplicates " + D.malformed.duplicates + ", rejected " + D.malformed.rejected + ").");
    if (run.problem) notes.push(run.problem + ": run-level figures are missing.");
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

  // ---- lists -----------------------------------------------------------------------------------

  function catTag(c) { return el("span", { className: "cat", style: "--cat:" + catColour[c], text: D.categories[c] }); }

  function articleRow(i) {
    var meta = [siteOfRow(i) || "no site", dateOf(i) || "no date", ids[i]];
    if (A.story[i] >= 0) meta.push("story " + D.stories[A.story[i]]);
    var dups = A.duplicates[i];
    var button = el("button", { type: "button", className: "row", "data-row": String(i) },
      el("span", { className: "title", text: titles[i] || "(untitled)" }),
      el("span", { className: "meta" }, meta.join(" · "), " ",
        A.removed[i] ? el("span", { className: "badge del", text: "−" + A.removed[i] + " removed" }) : null,
        A.repaired[i] ? el("span", { className: "badge ins", text: "✎" + A.repaired[i] + " repaired" }) : null,
        A.flagged[i] ? el("span", { className: "badge flag", text: "⚑" + A.flagged[i] + " flagged" }) : null,
        dups ? el("span", { className: "badge", text: dups + (dups === 1 ? " duplicate" : " duplicates") }) : null,
        detailOf[i] >= 0 && D.details.length < count ? el("span", { className: "badge", text: "full detail" }) : null));
    button.addEventListener("click", function () { openArticle(i, button); });
    return el("li", null, button);
  }

  function articleButton(i, label) {
    var b = el("button", { type: "button", title: "open this article", text: label || short(titleOf(i) || idOf(i), 60) });
    b.addEventListener("click", function () { openArticle(i, b); });
    return b;
  }

  function filterButton(label, title, apply) {
    var b = el("button", { type: "button", title: title, text: label });
    b.addEventListener("click", function () { apply(); refresh(); });
    return b;
  }

  function removedRow(k) {
    var t = D.removedTexts[k];
    var rule = D.rules[t[1]];
    return el("li", { className: "item" },
      el("del", { className: "removed", style: "--cat:" + catColour[t[2]], title: rule + " · " + D.categories[t[2]] }, t[0]),
      el("div", { className: "line" }, catTag(t[2]),
        filterButton(rule, "show only this rule", function () { S.rule = t[1]; }),
        el("span", { text: "×" + fmt(t[3]) + " · in" }),
        t[4].map(function (i) { return articleButton(i); })));
  }

  function duplicateRow(k) {
    var d = D.duplicates[k];
    return el("li", { className: "item" },
      el("div", null, el("strong", { text: d[0] }), " ", el("span", { className: "muted", text: d[1] })),
      el("div", { className: "line" }, "duplicate of",
        d[2] >= 0 ? articleButton(d[2]) : el("span", { text: d[3] }),
        el("span", { className: "badge", text: "similarity " + Number(d[4]).toFixed(2) }),
        d[5] ? el("span", { className: "badge", text: d[5] }) : null));
  }

  function rejectedRow(k) {
    var r = D.rejected[k];
    return el("li", { className: "item" },
      el("div", null, el("strong", { text: r[0] || "(unknown source)" })),
      el("div", { className: "line" }, el("span", { className: "badge del", text: r[1] + ": " + r[2] }), el("span", { text: r[3] })));
  }

  var LISTS = {
    articles: { draw: articleRow, noun: "articles", total: function () { return count; } },
    removed: { draw: removedRow, noun: "removed texts", total: function () { return D.removedTexts.length; } },
    duplicates: { draw: duplicateRow, noun: "duplicates", total: function () { return D.duplicates.length; } },
    rejected: { draw: rejectedRow, noun: "rejected inputs", total: function () { return D.rejected.length; } },
  };

  function drawList(name) {
    var panel = $("#panel-" + name);
    var list = $(".list", panel);
    var found = hits[name];
    var pageCount = Math.max(1, Math.ceil(found.length / PAGE));
    if (pages[name] >= pageCount) pages[name] = pageCount - 1;
    var start = pages[name] * PAGE;
    var end = Math.min(found.length, start + PAGE);
    clear(list);
    var frag = document.createDocumentFragment();
    for (var i = start; i < end; i++) frag.appendChild(LISTS[name].draw(found[i]));
    list.appendChild(frag);
    var total = LISTS[name].total();
    $(".status", panel).textContent = !indexLoaded
      ? name === "articles" ? "Showing the first " + fmt(found.length) + " of " + fmt(count) + " articles; reading the full index…" : "Reading the run's data…"
      : found.length
      ? "Showing " + fmt(start + 1) + "–" + fmt(end) + " of " + fmt(found.length) + " " + LISTS[name].noun + (found.length < total ? " (filtered from " + fmt(total) + ")" : "")
      : "No " + LISTS[name].noun + " match the filters.";
    var pager = $(".pager", panel);
    clear(pager);
    if (pageCount > 1 && (indexLoaded || name !== "articles")) {
      var prev = el("button", { type: "button", text: "← Previous" });
      var next = el("button", { type: "button", text: "Next →" });
      prev.disabled = pages[name] === 0;
      next.disabled = pages[name] >= pageCount - 1;
      prev.addEventListener("click", function () { pages[name]--; drawList(name); prev.disabled ? next.focus() : prev.focus(); });
      next.addEventListener("click", function () { pages[name]++; drawList(name); next.disabled ? prev.focus() : next.focus(); });
      append(pager, [prev, el("span", { text: "Page " + fmt(pages[name] + 1) + " of " + fmt(pageCount) }), next]);
    }
  }

  // ---- filters, chips, tabs --------------------------------------------------------------------

  function drawChips() {
    var box = $("#chips");
    clear(box);
    if (S.story >= 0) {
      var chip = el("button", { type: "button", className: "chip", title: "stop filtering by story", text: "story " + D.stories[S.story] + " ✕" });
      chip.addEventListener("click", function () { S.story = -1; refresh(); });
      box.appendChild(chip);
    }
    $("#f-site").value = S.site >= 0 ? String(S.site) : "";
    $("#f-category").value = S.cat >= 0 ? String(S.cat) : "";
    $("#f-rule").value = S.rule >= 0 ? String(S.rule) : "";
    $("#f-stage").value = S.stage;
    $("#f-detail").checked = S.detailOnly;
    if ($("#q").value !== S.q) $("#q").value = S.q;
    var bars = document.querySelectorAll(".bar");
    for (var i = 0; i < bars.length; i++) {
      var b = bars[i];
      var kind = b.getAttribute("data-kind"), v = b.getAttribute("data-value");
      var on = (kind === "category" && String(S.cat) === v) || (kind === "rule" && String(S.rule) === v) || (kind === "stage" && S.stage === v);
      b.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  function drawTabs() {
    Object.keys(LISTS).forEach(function (name) {
      var tab = $("#tab-" + name);
      var on = S.tab === name;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      $(".n", tab).textContent = indexLoaded || name === "articles" ? "(" + fmt(hits[name].length) + ")" : "(…)";
      $("#panel-" + name).hidden = !on;
    });
  }

  function refresh() {
    filterAll();
    drawChips();
    drawTabs();
    drawList(S.tab);
  }

  function showTab(name, focus) {
    S.tab = name;
    drawTabs();
    drawList(name);
    if (focus) $("#tab-" + name).focus();
  }

  function chartClick(kind, value) {
    if (kind === "category") { S.cat = S.cat === value ? -1 : value; S.tab = "removed"; }
    else if (kind === "stage") { S.stage = S.stage === value ? "" : value; S.tab = "removed"; }
    else { S.rule = S.rule === value ? -1 : value; S.tab = "articles"; }
    refresh();
    $("#explorer").scrollIntoView({ block: "start" });
  }

  var FILTER_CONTROLS = ["#q", "#f-site", "#f-category", "#f-rule", "#f-stage", "#f-detail", "#clear"];

  function enableFilters(on) {
    FILTER_CONTROLS.forEach(function (sel) { $(sel).disabled = !on; });
    var bars = document.querySelectorAll(".bar");
    for (var i = 0; i < bars.length; i++) bars[i].disabled = !on;
  }

  function wireControls() {
    var onSearch = debounce(function () { S.q = $("#q").value; refresh(); }, 150);
    $("#q").addEventListener("input", onSearch);
    $("#q").addEventListener("keydown", function (e) { if (e.key === "Enter") { S.q = $("#q").value; refresh(); } });
    $("#f-site").addEventListener("change", function (e) { S.site = e.target.value === "" ? -1 : Number(e.target.value); refresh(); });
    $("#f-category").addEventListener("change", function (e) { S.cat = e.target.value === "" ? -1 : Number(e.target.value); refresh(); });
    $("#f-rule").addEventListener("change", function (e) { S.rule = e.target.value === "" ? -1 : Number(e.target.value); refresh(); });
    $("#f-stage").addEventListener("change", function (e) { S.stage = e.target.value; refresh(); });
    $("#f-detail").addEventListener("change", function (e) { S.detailOnly = e.target.checked; refresh(); });
    $("#clear").addEventListener("click", function () {
      S.q = ""; S.site = -1; S.cat = -1; S.rule = -1; S.stage = ""; S.story = -1; S.detailOnly = false;
      refresh();
    });
    var names = Object.keys(LISTS);
    names.forEach(function (name, i) {
      var tab = $("#tab-" + name);
      tab.addEventListener("click", function () { showTab(name, false); });
      tab.addEventListener("keydown", function (e) {
        var to = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : e.key === "Home" ? 0 : e.key === "End" ? names.length - 1 : null;
        if (to === null) return;
        e.preventDefault();
        showTab(names[(to + names.length) % names.length], true);
      });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "/" && !$("#detail").open && document.activeElement && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
        e.preventDefault();
        $("#q").focus();
      }
    });
  }

  // ---- article detail --------------------------------------------------------------------------

  var opener = null;
  /** The index arrived while an article was open: redraw the list once it closes. */
  var listStale = false;

  function facts(pairs) {
    var dl = el("dl", { className: "facts" });
    pairs.forEach(function (p) { if (p[1] != null && p[1] !== "") append(dl, [el("dt", { text: p[0] }), el("dd", null, p[1])]); });
    return dl;
  }

  function ruleLine(ruleIndex, extra) { return el("span", { className: "rule", text: D.rules[ruleIndex] + (extra ? " · " + extra : "") }); }

  function sideList(title, items, draw) {
    if (!items.length) return null;
    var ol = el("ol");
    items.forEach(function (it) { ol.appendChild(draw(it)); });
    return [el("h3", { text: title + " (" + items.length + ")" }), ol];
  }

  function storyPart(i) {
    if (!known(i)) return null;
    var s = A.story[i];
    if (s < 0) return null;
    var others = [];
    for (var k = 0; k < ids.length && others.length < 12; k++) if (k !== i && A.story[k] === s) others.push(k);
    var all = el("button", { type: "button", title: "filter the list to this story", text: "show every article of this story" });
    all.addEventListener("click", function () {
      S.story = s;
      S.tab = "articles";
      opener = null;
      $("#detail").close();
      refresh();
      var chip = $("#chips button");
      if (chip) chip.focus();
    });
    return el("section", null, el("h3", { text: "Story " + D.stories[s] }),
      others.length ? el("div", { className: "line item" }, "Also in this story:", others.map(function (k) { return articleButton(k); })) : el("p", { className: "muted", text: "No other kept article belongs to this story." }),
      all);
  }

  function duplicatePart(i, detail) {
    var listed = dupsByRow[i] || [];
    var dupIds = detail ? detail.duplicates : [];
    var counted = known(i) ? A.duplicates[i] : 0;
    if (!listed.length && !dupIds.length && !counted) return null;
    var ol = el("ol");
    var seen = {};
    listed.forEach(function (k) {
      var d = D.duplicates[k];
      seen[d[0]] = true;
      ol.appendChild(el("li", null, el("strong", { text: d[0] }), " ", d[1], " · similarity " + Number(d[4]).toFixed(2) + (d[5] ? " · " + d[5] : "")));
    });
    dupIds.forEach(function (id) { if (!seen[id]) ol.appendChild(el("li", null, el("strong", { text: id }))); });
    return el("section", { className: "side" }, el("h3", { text: "Duplicates dropped in favour of this article (" + Math.max(counted, listed.length) + ")" }), ol);
  }

  function renderDetail(i) {
    var d = detailOf[i] >= 0 ? D.details[detailOf[i]] : null;
    $("#detail-title").textContent = titleOf(i) || "(untitled)";
    var body = $("#detail-body");
    clear(body);
    body.appendChild(facts([
      ["id", idOf(i)], ["site", known(i) ? siteOfRow(i) : null], ["published", known(i) ? dateOf(i) : null],
      ["source", d && d.source], ["url", d && d.url], ["authors", d && d.authors.join(", ")],
      ["language", d && d.language], ["subtitle", d && d.subtitle],
      ["excerpt", d && d.truncated ? "the source held only an excerpt" : null],
      ["line", "articles.jsonl line " + fmt(i + 1)],
    ]));
    if (!d && !known(i)) {
      body.appendChild(el("p", { className: "muted", text: "The article index is still being read; try again in a moment." }));
    } else if (!d) {
      body.appendChild(el("p", { className: "warn", text: "Full text is not embedded for this article (the report samples " + fmt(D.details.length) + " of " + fmt(count) + "). Its record is line " + fmt(i + 1) + " of articles.jsonl." }));
      var rulesFired = el("div", { className: "legend" });
      catsOf(i).forEach(function (c) { rulesFired.appendChild(catTag(c)); });
      rulesOf(i).forEach(function (k) { rulesFired.appendChild(el("span", { className: "badge", text: D.rules[k] })); });
      body.appendChild(el("section", null, el("h3", { text: "Rules that fired: " + A.removed[i] + " removed, " + A.repaired[i] + " repaired, " + A.flagged[i] + " flagged" }), rulesFired));
    } else {
      var clean = el("section", { className: "clean", "aria-label": "Clean text" }, el("h3", { text: "Clean text (" + d.blocks.length + " blocks)" }));
      d.blocks.forEach(function (b) { clean.appendChild(el("p", { className: BLOCK_CLASS[b[0]] || "b", title: BLOCK_NAME[b[0]] || "" }, b[1])); });
      if (!d.blocks.length) clean.appendChild(el("p", { className: "empty", text: "no blocks" }));
      if (d.clipped) clean.appendChild(el("p", { className: "muted", text: "Long texts are cut short in this report; articles.jsonl holds them whole." }));
      var side = el("section", { className: "side", "aria-label": "What the pipeline changed" },
        sideList("Removed", d.removed, function (x) {
          return el("li", null, el("del", { className: "removed", style: "--cat:" + catColour[x[1]], title: D.rules[x[0]] + " · " + D.categories[x[1]] }, x[2]), ruleLine(x[0], D.categories[x[1]]));
        }),
        sideList("Repaired", d.repaired, function (x) {
          return el("li", { className: "repair" }, el("del", { title: "before" }, x[1]), el("span", { className: "arrow", "aria-label": "became", text: "→" }), el("ins", { title: "after" }, x[2]), ruleLine(x[0]));
        }),
        sideList("Flagged", d.flagged, function (x) {
          return el("li", { className: "flagged" }, el("mark", null, x[1]), el("span", { className: "note", text: x[2] }), ruleLine(x[0]));
        }));
      if (!d.removed.length && !d.repaired.length && !d.flagged.length) side.appendChild(el("p", { className: "empty", text: "Nothing was removed, repaired or flagged." }));
      body.appendChild(el("div", { className: "columns" }, clean, side));
    }
    append(body, [duplicatePart(i, d), storyPart(i)]);
  }

  function openArticle(i, from) {
    var dialog = $("#detail");
    if (!dialog.open) opener = from || document.activeElement;
    renderDetail(i);
    if (!dialog.open) dialog.showModal();
    dialog.scrollTop = 0;
    $("#detail-close").focus();
  }

  function wireDialog() {
    var dialog = $("#detail");
    $("#detail-close").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (e) { if (e.target === dialog) dialog.close(); });
    dialog.addEventListener("close", function () {
      if (listStale) {
        listStale = false;
        var row = opener && opener.getAttribute("data-row");
        drawList(S.tab);
        if (row !== null && opener && !document.contains(opener)) opener = $('#panel-articles .row[data-row="' + row + '"]');
      }
      if (opener && document.contains(opener)) opener.focus();
      opener = null;
    });
  }

  // ---- start -----------------------------------------------------------------------------------

  drawSummary();
  drawCharts();
  drawTables();
  drawFilters();
  wireControls();
  wireDialog();
  enableFilters(indexLoaded);
  refresh();
  // The first screen is up and its rows open: that is when a person can start to use the page.
  window.__tidingsReady = performance.now();
  document.documentElement.setAttribute("data-ready", "true");

  // Reads the index parts one named value at a time, giving the page back between values, so
  // that it answers clicks and keys while the index loads.
  function loadIndex() {
    if (indexLoaded) return;
    var parts = document.querySelectorAll("script.tidings-index-part");
    var keys = [];
    var texts = {};
    for (var p = 0; p < parts.length; p++) {
      var key = parts[p].getAttribute("data-key") || "";
      if (!Object.prototype.hasOwnProperty.call(texts, key)) { keys.push(key); texts[key] = ""; }
      texts[key] += parts[p].textContent;
    }
    var late = { articles: {} };
    var next = 0;
    function step() {
      var until = performance.now() + 25;
      while (next < keys.length && performance.now() < until) {
        var k = keys[next++];
        var value = JSON.parse(texts[k]);
        texts[k] = null;
        if (k.indexOf("articles.") === 0) late.articles[k.slice(9)] = value;
        else late[k] = value;
      }
      if (next < keys.length) setTimeout(step, 0);
      else useIndex(keys.length ? late : null);
    }
    step();
  }

  function useIndex(late) {
    if (late) {
      D.featureSets = late.featureSets;
      D.details = late.details;
      D.removedTexts = late.removedTexts;
      D.duplicates = late.duplicates;
      D.rejected = late.rejected;
      takeColumns(late.articles);
    }
    if (ids.length < count) count = ids.length;
    indexLoaded = true;
    indexDetails();
    indexDuplicates();
    drawSummary();
    var dialogOpen = $("#detail").open;
    enableFilters(true);
    if (dialogOpen) { filterAll(); drawTabs(); listStale = true; } else refresh();
    window.__tidingsIndexReady = performance.now();
    document.documentElement.setAttribute("data-index-ready", "true");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", loadIndex);
  else loadIndex();
})();
