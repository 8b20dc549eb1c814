// The article index and the tables derived from it.

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
