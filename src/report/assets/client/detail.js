// The article dialog: clean text beside what was removed, repaired and flagged; duplicates; story.

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
  for (var k = 0; k < TITLES.n && others.length < 12; k++) if (k !== i && A.story[k] === s) others.push(k);
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
  var d = detailOf[i] >= 0 ? detailAt(detailOf[i]) : null;
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
    body.appendChild(el("p", { className: "muted", text: indexLoaded
      ? "This article is not in the report's list (the list was cut to keep the page small). Its record is line " + fmt(i + 1) + " of articles.jsonl."
      : "The article index is still being read; try again in a moment." }));
  } else if (!d) {
    body.appendChild(el("p", { className: "warn", text: "Full text is not embedded for this article (the report samples " + fmt(D.detailRows.length) + " of " + fmt(count) + "). Its record is line " + fmt(i + 1) + " of articles.jsonl." }));
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
