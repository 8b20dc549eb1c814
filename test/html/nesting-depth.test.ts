/** nestsDeeperThan reads tags by hand; it must agree with the tag pattern it describes. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nestsDeeperThan } from "../../src/html/nesting-depth.ts";

const FLAT = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li", "dt", "dd", "td", "th", "tr", "option", "!doctype"]);

/** The same reading written as one regular expression over the markup: the reference. */
function byPattern(html: string, limit: number): boolean {
  const tag = /<(\/?)([a-zA-Z!][\w:-]*)[^>]*?(\/?)>/g;
  let depth = 0;
  for (let m = tag.exec(html); m !== null; m = tag.exec(html)) {
    const name = (m[2] as string).toLowerCase();
    if (FLAT.has(name) || m[3] === "/") continue;
    if (name === "script" || name === "style") {
      const close = html.indexOf(`</${name}`, tag.lastIndex);
      if (close < 0) break;
      tag.lastIndex = close;
      continue;
    }
    if (m[1] === "/") depth = Math.max(0, depth - 1);
    else if (++depth > limit) return true;
  }
  return false;
}

describe("nestsDeeperThan", () => {
  it("counts open elements, not void or implied-end ones", () => {
    expect(nestsDeeperThan("<div><div><div>x</div></div></div>", 2)).toBe(true);
    expect(nestsDeeperThan("<div><div><div>x</div></div></div>", 3)).toBe(false);
    expect(nestsDeeperThan("<div><p><p><p><br><img src=x><li></div>", 1)).toBe(false);
    expect(nestsDeeperThan("<div><span/><span/><span/></div>", 1)).toBe(false);
  });

  it("does not count tags inside scripts and styles", () => {
    expect(nestsDeeperThan("<script>'<div><div><div>'</script><div>", 1)).toBe(false);
    expect(nestsDeeperThan("<div><style>a<b<c<d</style>", 1)).toBe(false);
    expect(nestsDeeperThan("<div><div><style>a<b<c</style>", 1)).toBe(true);
  });

  it("reads 100,000 nested elements without trouble", () => {
    expect(nestsDeeperThan("<div>".repeat(100_000), 2_000)).toBe(true);
    expect(nestsDeeperThan("<div></div>".repeat(100_000), 2)).toBe(false);
  });

  it("agrees with the tag pattern on any markup", () => {
    const name = fc.constantFrom("div", "DIV", "p", "br", "li", "script", "style", "!doctype", "!--", "span", "x");
    const suffix = fc.constantFrom("", "_x", ":a", "-b", "1", "/", " ", " a=1", ' title="a/b"', " /", "=>");
    const tag = fc.tuple(fc.constantFrom("<", "</", "< ", "<!"), name, suffix, fc.constantFrom(">", "/>", "", " >")).map((t) => t.join(""));
    const piece = fc.oneof(tag, tag, fc.constantFrom("<", ">", "/", "</", "/>", "div", "DIV", "p", "br", "!", "!doctype", "!--", "-->", "script", "</script", "<style>", "</style>", " ", "\n", "a", "x:y", "_", "=", '"', "1"));
    const markup = fc.array(piece, { maxLength: 40 }).map((a) => a.join(""));
    fc.assert(
      fc.property(markup, fc.integer({ min: 0, max: 4 }), (html, limit) => nestsDeeperThan(html, limit) === byPattern(html, limit)),
      { numRuns: 20_000 },
    );
  });
});
