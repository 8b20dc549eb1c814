// Start: draw the first screen, then read the full index in small tasks.

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
      if (k === "details") {
        late.detailsText = texts[k];
        texts[k] = null;
        continue;
      }
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
    takeFeatures(late.featureFlat);
    D.detailRows = late.detailRows;
    D.details = [];
    detailsText = late.detailsText || "[]";
    D.removedTexts = late.removedTexts;
    D.duplicates = late.duplicates;
    D.rejected = late.rejected;
    takeColumns(late.articles);
  }
  if (TITLES.n < count) count = TITLES.n;
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
