/** The nesting guard that sends absurdly deep pages to the linear pass. */
import { describe, expect, it } from "vitest";
import { extractPage } from "../../src/html/extract-page.ts";
import { nestsDeeperThan } from "../../src/html/nesting-depth.ts";

describe("nestsDeeperThan", () => {
  it("counts open elements, not void, self-closed or implied-end ones", () => {
    expect(nestsDeeperThan("<div><div><div>x</div></div></div>", 2)).toBe(true);
    expect(nestsDeeperThan("<div><div><div>x</div></div></div>", 3)).toBe(false);
    expect(nestsDeeperThan("<div><p><p><p><br><img src=x><li></div>", 1)).toBe(false);
    expect(nestsDeeperThan("<div><span/><span/><span/></div>", 1)).toBe(false);
  });

  it("does not count tags inside scripts and styles", () => {
    expect(nestsDeeperThan("<script>'<div><div><div>'</script><div>", 1)).toBe(false);
    expect(nestsDeeperThan("<style>a<b<c<d</style><div>", 1)).toBe(false);
  });

  it("goes on counting after a script or style has ended", () => {
    expect(nestsDeeperThan("<script>var a = 1;</script><div><div><div>", 2)).toBe(true);
    expect(nestsDeeperThan("<style>p{}</style><div><script>1</script><div><style></style><div>", 2)).toBe(true);
    expect(nestsDeeperThan(`<head><script>1</script></head><body>${"<div>".repeat(3000)}`, 2000)).toBe(true);
  });

  it("sends a page nested 100,000 deep after a script to the linear pass", () => {
    const n = 100_000;
    const html = `<html><head><script>var a = 1;</script></head><body>${"<div>".repeat(n)}deep text${"</div>".repeat(n)}</body></html>`;
    const started = performance.now();
    const result = extractPage(html, null);
    expect(result.method).toBe("linear");
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
