/** The nesting limit that sends absurdly deep pages to the linear pass instead of the tree. */
import { describe, expect, it } from "vitest";
import { extractPage } from "../../src/html/extract-page.ts";
import { parsePage } from "../../src/html/parse-page.ts";

const nested = (n: number, inner = "x") => `${"<div>".repeat(n)}${inner}${"</div>".repeat(n)}`;

describe("parsePage with a depth limit", () => {
  it("builds the tree up to the limit and gives up past it", () => {
    // html and body are two levels: three divs under them are five deep
    expect(parsePage(`<html><body>${nested(3)}</body></html>`, 5)).not.toBeNull();
    expect(parsePage(`<html><body>${nested(3)}</body></html>`, 4)).toBeNull();
  });

  it("counts the elements the parser keeps open, not the tags written", () => {
    // implied ends (p, li) and closed siblings do not deepen the page; a void element is one level
    // under its parent (body > div > p > br)
    expect(parsePage(`<body><div>${"<p>a<br><img src=x>".repeat(50)}</div></body>`, 4)).not.toBeNull();
    expect(parsePage(`<body><div>${"<p>a<br><img src=x>".repeat(50)}</div></body>`, 3)).toBeNull();
    expect(parsePage(`<body><ul>${"<li>b".repeat(50)}</ul></body>`, 3)).not.toBeNull();
    expect(parsePage(`<body>${"<span>a</span>".repeat(500)}</body>`, 2)).not.toBeNull();
    // unclosed inline elements stay open, as the parser reads them
    expect(parsePage(`<body>${"<b>a".repeat(10)}</body>`, 8)).toBeNull();
  });

  it("does not count tags inside scripts and styles", () => {
    expect(parsePage(`<body><script>'${"<div>".repeat(100)}'</script><style>${"<div>".repeat(100)}</style><p>x</p></body>`, 3)).not.toBeNull();
  });

  it("has no limit by default", () => {
    expect(parsePage(`<html><body>${nested(3000)}</body></html>`)?.body.tag).toBe("body");
  });

  it("sends a page nested 100,000 deep after a script to the linear pass, and keeps its text", () => {
    const prose = "<p>The council met on Tuesday evening and voted to keep the library open for another year, after residents spoke for two hours.</p>";
    const html = `<html><head><script>var a = 1;</script></head><body>${nested(100_000, prose)}</body></html>`;
    const result = extractPage(html, null);
    expect(result.method).toBe("linear");
    expect(result.blocks.map((b) => b.text).join(" ")).toContain("voted to keep the library open");
  });

  it("reads a page just under the limit with the tree", () => {
    const html = `<html><head><title>t</title></head><body>${nested(1990, "<p>A paragraph of the article with enough words in it to be kept as prose by the extractor.</p>")}</body></html>`;
    expect(extractPage(html, null).method).toBe("tree");
  });
});
