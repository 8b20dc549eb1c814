// The article index and the tables derived from it.

// The article index arrives in two steps: the first rows with the data (enough for the first
// page), the full columns and the long lists in parts after this script, read once the page has
// parsed.
var A = D.articles;
var count = D.counts.articles;
var indexLoaded = false;
var IDS, TITLES;
function takeColumns(columns) {
  A = columns;
  var n = A.site.length;
  IDS = textColumn(A.ids, n);
  TITLES = textColumn(A.titles, n);
}

// A column of one-line texts kept as one string: row i runs from starts[i] to the next line break.
// No string is made per row until a row is shown, and a search scans one string, not 100,000.
function lineStarts(text, n) {
  var starts = new Int32Array(n + 1);
  var at = 0;
  for (var i = 0; i < n; i++) {
    starts[i] = at;
    var nl = text.indexOf("\n", at);
    at = nl < 0 ? text.length + 1 : nl + 1;
  }
  starts[n] = text.length + 1;
  return starts;
}

function textColumn(text, n) { return { text: text, starts: lineStarts(text, n), n: n, lower: null, lowerStarts: null }; }

function rowText(col, i) { return col.text.slice(col.starts[i], col.starts[i + 1] - 1); }

/** The row whose text holds position `pos` of a column's text. */
function rowAt(starts, n, pos) {
  var lo = 0, hi = n - 1;
  while (lo < hi) {
    var mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** Sets hit[i] for every row whose text contains `q` (already lower case, no line break). */
function markMatches(col, q, hit) {
  if (col.lower === null) {
    col.lower = col.text.toLowerCase();
    // Lower-casing can change a text's length (İ becomes two units), never its line breaks.
    col.lowerStarts = col.lower.length === col.text.length ? col.starts : lineStarts(col.lower, col.n);
  }
  var pos = col.lower.indexOf(q);
  while (pos >= 0) {
    var row = rowAt(col.lowerStarts, col.n, pos);
    hit[row] = 1;
    pos = col.lower.indexOf(q, col.lowerStarts[row + 1]);
  }
}
var detailOf = null;
function indexDetails() {
  detailOf = new Int32Array(count).fill(-1);
  D.detailRows.forEach(function (row, k) { detailOf[row] = k; });
}
indexDetails();
function known(i) { return i < TITLES.n; }
function titleOf(i) { return known(i) ? rowText(TITLES, i) : detailOf[i] >= 0 ? detailAt(detailOf[i]).title : "article " + fmt(i + 1); }
function idOf(i) { return known(i) ? rowText(IDS, i) : detailOf[i] >= 0 ? detailAt(detailOf[i]).id : ""; }

// The sampled articles' full records are read only when one is first opened: the index does not
// need them, and they are the slowest part of the data to parse.
var detailsText = null;
function detailAt(k) {
  if (detailsText !== null) {
    D.details = JSON.parse(detailsText);
    detailsText = null;
  }
  return D.details[k];
}
// Which rules fired and which categories were removed, per distinct combination ("feature set"),
// as one flat list: [rule count, rules…, category count, categories…] per set; FEATURES[k] is
// where set k starts.
var FEATURES = null;
function takeFeatures(flat) {
  D.featureFlat = flat;
  var starts = [];
  for (var at = 0; at < flat.length; at += 2 + flat[at] + flat[at + 1 + flat[at]]) starts.push(at);
  FEATURES = Int32Array.from(starts);
}
takeFeatures(D.featureFlat);
function featureRules(k) { var at = FEATURES[k]; return D.featureFlat.slice(at + 1, at + 1 + D.featureFlat[at]); }
function featureCats(k) {
  var at = FEATURES[k] + 1 + D.featureFlat[FEATURES[k]];
  return D.featureFlat.slice(at + 1, at + 1 + D.featureFlat[at]);
}
function rulesOf(i) { return featureRules(A.features[i]); }
function catsOf(i) { return featureCats(A.features[i]); }
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
takeColumns(A);
