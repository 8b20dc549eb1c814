/**
 * How deep a page's elements nest, read from the markup without parsing it. The tree parser slows
 * down sharply on absurd nesting, so such pages take the linear pass instead.
 */

/** Elements that never hold children, or whose end tag is implied: they do not deepen the page. */
const FLAT = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
  "p", "li", "dt", "dd", "td", "th", "tr", "option", "!doctype",
]);

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 33;
}

/** Letters, digits, `_`, `:` and `-`. */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45;
}

/**
 * True when the markup nests deeper than `limit` somewhere (stops reading as soon as it does).
 * A tag is `<`, an optional `/`, a name (a letter or `!`, then letters, digits, `_`, `:`, `-`)
 * and whatever follows up to the first `>`; it closes itself when a `/` stands right before that
 * `>`. After a script or style tag, the reading goes on at the next `</script` (`</style`).
 */
export function nestsDeeperThan(html: string, limit: number): boolean {
  let depth = 0;
  let at = 0;
  for (;;) {
    const open = html.indexOf("<", at);
    if (open < 0) return false;
    let start = open + 1;
    const closing = html.charCodeAt(start) === 47;
    if (closing) start++;
    if (!isNameStart(html.charCodeAt(start))) {
      at = open + 1;
      continue;
    }
    let end = start + 1;
    while (end < html.length && isNameChar(html.charCodeAt(end))) end++;
    // No `>` after this name: no tag can end anywhere after it either.
    const gt = html.indexOf(">", end);
    if (gt < 0) return false;
    at = gt + 1;
    const name = html.slice(start, end).toLowerCase();
    if (FLAT.has(name) || html.charCodeAt(gt - 1) === 47) continue;
    if (name === "script" || name === "style") {
      const close = html.indexOf(`</${name}`, at);
      if (close < 0) return false;
      at = close;
      continue;
    }
    if (closing) depth = Math.max(0, depth - 1);
    else if (++depth > limit) return true;
  }
}
