// The four lists (articles, removed text, duplicates, rejected), one page at a time.

function catTag(c) { return el("span", { className: "cat", style: "--cat:" + catColour[c], text: D.categories[c] }); }

function articleRow(i) {
  var meta = [siteOfRow(i) || "no site", dateOf(i) || "no date", idOf(i)];
  if (A.story[i] >= 0) meta.push("story " + D.stories[A.story[i]]);
  var dups = A.duplicates[i];
  var button = el("button", { type: "button", className: "row", "data-row": String(i) },
    el("span", { className: "title", text: titleOf(i) || "(untitled)" }),
    el("span", { className: "meta" }, meta.join(" · "), " ",
      A.removed[i] ? el("span", { className: "badge del", text: "−" + A.removed[i] + " removed" }) : null,
      A.repaired[i] ? el("span", { className: "badge ins", text: "✎" + A.repaired[i] + " repaired" }) : null,
      A.flagged[i] ? el("span", { className: "badge flag", text: "⚑" + A.flagged[i] + " flagged" }) : null,
      dups ? el("span", { className: "badge", text: dups + (dups === 1 ? " duplicate" : " duplicates") }) : null,
      detailOf[i] >= 0 && D.detailRows.length < count ? el("span", { className: "badge", text: "full detail" }) : null));
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
