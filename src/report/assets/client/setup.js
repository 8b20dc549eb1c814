// The report page's script, part 1 of 9: the run's data and the constants every part uses. The
// parts are joined in order inside one function by page-assets.ts. Every piece of article text
// reaches the screen through textContent or an attribute value, never as markup.

var D = JSON.parse(document.getElementById("tidings-data").textContent);
var PAGE = 50;
var PALETTE = ["#1a5fb4", "#c64600", "#26a269", "#9141ac", "#a51d2d", "#0f7b8a", "#986a44", "#c061cb", "#5e5c64", "#e5a50a", "#2a7ffb", "#63452c"];
var BLOCK_CLASS = { p: "b", h: "b h", l: "b l", q: "b q", c: "b c" };
var BLOCK_NAME = { p: "paragraph", h: "heading", l: "list item", q: "quote", c: "caption" };
