// Small DOM and formatting helpers. `el` builds elements whose string children become text nodes.

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
