/** The linear pass that reads pages too large or too deep for a tree. */
import { describe, expect, it } from "vitest";
import { extractPage } from "../../src/html/extract-page.ts";
import { linearBlocks } from "../../src/html/linear-fallback.ts";
import { page } from "../support/pages.ts";

const prose = (n: number) => `The council met on Tuesday evening and voted to keep the library open for year ${n}, after residents spoke for two hours.`;
const texts = (html: string, maxBlocks?: number) => linearBlocks(html, maxBlocks).blocks.map((b) => b.text);

describe("linearBlocks", () => {
  it("cuts the text at block tags, decodes entities and joins what inline tags split", () => {
    const html = `<html><body><h1>Library stays open</h1><p>${prose(1)}</p><div>Caf&eacute; owners &amp; <b>W</b>riters said the ${"<i>vote</i>"} was right, and that the library would need more money next year.<br>${prose(2)}</div></body></html>`;
    expect(texts(html)).toEqual([
      prose(1),
      "Café owners & Writers said the vote was right, and that the library would need more money next year.",
      prose(2),
    ]);
  });

  it("keeps a block however long it is", () => {
    const long = Array.from({ length: 3000 }, (_, i) => prose(i)).join(" ");
    expect(long.length).toBeGreaterThan(300_000);
    expect(texts(`<body><p>${long}</p></body>`)).toEqual([long]);
  });

  it("leaves out scripts, styles, the head, navigation, footers and asides", () => {
    const html = `<html><head><title>T</title><script>var x = "${prose(0)}";</script></head><body><nav><p>${prose(1)}</p></nav><p>${prose(2)}</p><style>p { color: red }</style><aside><p>${prose(3)}</p></aside><footer><p>${prose(4)}</p></footer><p>${prose(5)}</p></body></html>`;
    expect(texts(html)).toEqual([prose(2), prose(5)]);
    // a head never closed ends where the body opens (a stray end tag later leaves nothing out)
    expect(texts(`<html><head><meta charset=utf-8><script>var y = 1;</script><body><p>${prose(6)}</p></head><p>${prose(7)}</p></body>`)).toEqual([prose(6), prose(7)]);
  });

  it("keeps the text of a left-out element that is never closed, but not of a script (the rest of the page is its code)", () => {
    expect(texts(`<body><nav><a href="/">Home</a><p>${prose(1)}</p><p>${prose(2)}</p></body>`)).toEqual([prose(1), prose(2)]);
    expect(texts(`<body><p>${prose(1)}</p><script>start();<p>${prose(2)}</p></body>`)).toEqual([prose(1)]);
    // after `<script/>` the page goes on as usual
    expect(texts(`<body><script src=x /><p>${prose(3)}</p></body>`)).toEqual([prose(3)]);
  });

  it("counts link text until the link closes or the block holding it does", () => {
    const [card] = linearBlocks(`<body><a href="/x"><div>${prose(1)}</div></a></body>`).blocks;
    expect(card).toBeUndefined(); // a block all link is not prose
    const after = linearBlocks(`<body><p><a href="/y">Read more</p><p>${prose(2)}</p></body>`).blocks;
    expect(after.map((b) => [b.text, b.linkDensity])).toEqual([[prose(2), 0]]);
  });

  it("reads markup that is never closed as a browser does: a comment or a script runs to the page's end", () => {
    const html = `<body><p>${prose(1)}</p>${`<!-- note <p>${prose(2)}</p>`.repeat(2000)}</body>`;
    expect(texts(html)).toEqual([prose(1)]);
    const lessThan = `<body><p>${`a < b and ${prose(3)} `.repeat(500)}</p></body>`;
    expect(texts(lessThan)).toHaveLength(1);
  });

  it("stops at its most blocks and says so", () => {
    const html = `<body>${Array.from({ length: 30 }, (_, i) => `<p>${prose(i)}</p>`).join("")}</body>`;
    expect(linearBlocks(html, 10)).toEqual({ blocks: expect.any(Array), cut: true });
    expect(linearBlocks(html, 10).blocks).toHaveLength(10);
    expect(linearBlocks(html, 30).cut).toBe(false);
  });

  it("finds the article text the tree finds, on generated news pages", () => {
    for (const seed of [3, 4, 5]) {
      const html = page(seed, 30_000);
      const tree = extractPage(html, null);
      expect(tree.method).toBe("tree");
      const linear = texts(html).join(" ");
      const words = tree.blocks.flatMap((b) => b.text.split(/\s+/));
      const found = words.filter((w) => linear.includes(w)).length;
      expect(found / words.length).toBeGreaterThan(0.98);
    }
  });
});
