// What the filters select: state, matching, and the filtered lists.

var S = { q: "", site: -1, cat: -1, rule: -1, stage: "", story: -1, detailOnly: false, tab: "articles" };
var pages = { articles: 0, removed: 0, duplicates: 0, rejected: 0 };
var hits = { articles: [], removed: [], duplicates: [], rejected: [] };

// Whether each distinct feature set passes the category, rule and stage filters: computed once per
// filter change, so that testing an article is a lookup.
var featureOk = [];

/** Whether feature set k passes the category, rule and stage filters, read from the flat list. */
function featuresMatch(k) {
  var f = D.featureFlat;
  var at = FEATURES[k];
  var nRules = f[at], rulesFrom = at + 1;
  var catAt = rulesFrom + nRules;
  var nCats = f[catAt], catsFrom = catAt + 1;
  var j;
  if (S.cat >= 0) {
    for (j = 0; j < nCats && f[catsFrom + j] !== S.cat; j++);
    if (j === nCats) return false;
  }
  if (S.rule >= 0) {
    for (j = 0; j < nRules && f[rulesFrom + j] !== S.rule; j++);
    if (j === nRules) return false;
  }
  if (S.stage) {
    for (j = 0; j < nRules; j++) if (ruleStage[f[rulesFrom + j]] === S.stage) return true;
    return false;
  }
  return true;
}

/** Whether article i passes every filter but the search text. */
function rowPasses(i) {
  if (S.site >= 0 && A.site[i] !== S.site) return false;
  if (S.story >= 0 && A.story[i] !== S.story) return false;
  if (S.detailOnly && detailOf[i] < 0) return false;
  return featureOk[A.features[i]];
}

/** Per article, 1 when its title, id or site holds the search text; null when there is none. */
function textHits(q) {
  if (!q) return null;
  var hit = new Uint8Array(TITLES.n);
  markMatches(TITLES, q, hit);
  markMatches(IDS, q, hit);
  var siteHit = D.sites.map(function (s) { return s.toLowerCase().indexOf(q) >= 0; });
  for (var i = 0; i < TITLES.n; i++) if (A.site[i] >= 0 && siteHit[A.site[i]]) hit[i] = 1;
  return hit;
}

function removedMatches(t, q) {
  if (S.cat >= 0 && t[2] !== S.cat) return false;
  if (S.rule >= 0 && t[1] !== S.rule) return false;
  if (S.stage && ruleStage[t[1]] !== S.stage) return false;
  if (S.site >= 0 || S.story >= 0 || S.detailOnly) {
    var some = false;
    for (var k = 0; k < t[4].length; k++) if (known(t[4][k]) && rowPasses(t[4][k])) { some = true; break; }
    if (!some) return false;
  }
  return !q || t[0].toLowerCase().indexOf(q) >= 0;
}

function duplicateMatches(d, q) {
  if (S.site >= 0 || S.story >= 0) { if (d[2] < 0 || !known(d[2]) || !rowPasses(d[2])) return false; }
  return !q || (d[0] + "\n" + d[1] + "\n" + d[3] + "\n" + d[5]).toLowerCase().indexOf(q) >= 0;
}

function rejectedMatches(r, q) {
  if (S.stage && r[1] !== S.stage) return false;
  return !q || r.join("\n").toLowerCase().indexOf(q) >= 0;
}

function filterAll() {
  var q = S.q.trim().toLowerCase();
  featureOk = new Uint8Array(FEATURES.length);
  for (var k = 0; k < FEATURES.length; k++) featureOk[k] = featuresMatch(k) ? 1 : 0;
  var a = [];
  var hit = indexLoaded ? textHits(q) : null;
  for (var i = 0; i < TITLES.n; i++) if (!indexLoaded || (rowPasses(i) && (!hit || hit[i]))) a.push(i);
  var rm = [];
  for (i = 0; i < D.removedTexts.length; i++) if (removedMatches(D.removedTexts[i], q)) rm.push(i);
  var du = [];
  for (i = 0; i < D.duplicates.length; i++) if (duplicateMatches(D.duplicates[i], q)) du.push(i);
  var rj = [];
  for (i = 0; i < D.rejected.length; i++) if (rejectedMatches(D.rejected[i], q)) rj.push(i);
  hits = { articles: a, removed: rm, duplicates: du, rejected: rj };
  pages = { articles: 0, removed: 0, duplicates: 0, rejected: 0 };
}
