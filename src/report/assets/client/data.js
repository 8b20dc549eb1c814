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
  D.details.forEach(function (d, k) { detailOf[d.row] = k; });
}
indexDetails();
function known(i) { return i < TITLES.n; }
function titleOf(i) { return known(i) ? rowText(TITLES, i) : detailOf[i] >= 0 ? D.details[detailOf[i]].title : "article " + fmt(i + 1); }
function idOf(i) { return known(i) ? rowText(IDS, i) : detailOf[i] >= 0 ? D.details[detailOf[i]].id : ""; }
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
takeColumns(A);
