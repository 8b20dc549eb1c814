// Filters, chips, tabs and keyboard wiring.

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
  // A search already run (by Enter, or emptied by Clear) is not run again when the delay ends:
  // redrawing the list would take the focus from the row the reader has moved to.
  var onSearch = debounce(function () { if ($("#q").value === S.q) return; S.q = $("#q").value; refresh(); }, 150);
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
