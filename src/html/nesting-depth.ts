/**
 * How deep a page's elements nest, read from the markup without parsing it. The tree parser slows
 * down sharply on absurd nesting, so such pages take the linear pass instead.
 */

/** Elements that never hold children, or whose end tag is implied: they do not deepen the page. */
const FLAT = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
  "p", "li", "dt", "dd", "td", "th", "tr", "option", "!doctype",
]);

const TAG = /<(\/?)([a-zA-Z!][\w:-]*)[^>]*?(\/?)>/g;

/** True when the markup nests deeper than `limit` somewhere (stops reading as soon as it does). */
export function nestsDeeperThan(html: string, limit: number): boolean {
  let depth = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m !== null; m = TAG.exec(html)) {
    const name = (m[2] as string).toLowerCase();
    if (FLAT.has(name) || m[3] === "/") continue;
    if (name === "script" || name === "style") {
      // After an opening tag, its text is skipped up to the closing tag, which is then read as
      // nothing: the opening one was not counted either.
      if (m[1] === "/") continue;
      const close = html.indexOf(`</${name}`, TAG.lastIndex);
      if (close < 0) break;
      TAG.lastIndex = close;
      continue;
    }
    if (m[1] === "/") depth = Math.max(0, depth - 1);
    else if (++depth > limit) return true;
  }
  return false;
}
