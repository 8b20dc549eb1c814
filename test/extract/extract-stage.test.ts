import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { definePipeline } from "../../src/pipeline.ts";
import { cleanOne } from "../../src/process.ts";
import { extract } from "../../src/stages/extract.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => readFileSync(path.join(here, "fixtures", name), "utf8");
const pipeline = definePipeline({ name: "extract-test", stages: [extract] });

async function run(html: string, meta: Record<string, unknown> = {}) {
  return cleanOne(pipeline, { kind: "html", content: html }, { meta });
}

describe("extract stage on a news page", () => {
  it("keeps every part of the article in reading order, with its block types", async () => {
    const draft = await run(fixture("news-article.html"), { url: "https://coastalcourier.example/x" });
    const blocks = draft.live().map((b) => [b.type, b.text.slice(0, 30)]);
    expect(blocks[0]).toEqual(["paragraph", "Councillors in the harbour tow"]);
    expect(blocks.at(-1)).toEqual(["paragraph", "Work is expected to begin in t"]);
    expect(blocks).toContainEqual(["heading", "Why it took so long"]);
    expect(blocks).toContainEqual(["caption", "The old quay flooded twice las"]);
    expect(blocks).toContainEqual(["quote", "\"We have waited long enough. E"]);
    expect(blocks.filter(([t]) => t === "list-item")).toHaveLength(3);
    // A paragraph full of links is still prose.
    expect(draft.text()).toContain("See also the report published by the association");
  });

  it("leaves navigation, share bars, related lists, newsletter boxes, comments and footers out", async () => {
    const draft = await run(fixture("news-article.html"));
    const text = draft.text();
    for (const furniture of ["Sport", "Share on Facebook", "Storm damage bill", "morning newsletter", "About time!", "All rights reserved", "We use cookies", "Lifeboat crew"]) {
      expect(text).not.toContain(furniture);
    }
  });

  it("records why furniture inside and next to the article went", async () => {
    const draft = await run(fixture("news-article.html"));
    const removed = draft.removed.map((r) => [r.rule, r.category, r.text]);
    expect(removed).toContainEqual(["class-hint:related", "related", "Storm damage bill tops £2m"]);
    expect(removed).toContainEqual(["beside-content:share", "share", "Share on Facebook Share on X Email"]);
    expect(removed.find((r) => String(r[2]).startsWith("Sign up for our morning newsletter"))?.[1]).toBe("newsletter");
    expect(draft.removed.every((r) => r.stage === "extract")).toBe(true);
  });

  it("reads title, authors, date, site, url and language from the page", async () => {
    const draft = await run(fixture("news-article.html"), { url: "https://coastalcourier.example/x?utm=1" });
    expect(draft.meta.title).toBe("Harbour council approves £40m flood barrier after decade of delays");
    expect(draft.meta.authors).toEqual(["Marta Lindqvist", "Owen McDonald"]);
    expect(draft.meta.publishedAt).toBe("2024-03-14T09:30:00+00:00");
    expect(draft.meta.site).toBe("The Coastal Courier");
    expect(draft.meta.url).toBe("https://coastalcourier.example/news/2024/03/harbour-flood-barrier");
    expect(draft.meta.language).toBe("en");
  });

  it("keeps what the input already said", async () => {
    const draft = await run(fixture("news-article.html"), { title: "Given title", site: "given.example" });
    expect(draft.meta.title).toBe("Given title");
    expect(draft.meta.site).toBe("given.example");
    expect(draft.meta.authors).toEqual(["Marta Lindqvist", "Owen McDonald"]);
  });
});

describe("extract stage: what must not be taken for boilerplate", () => {
  it("keeps an article about cookies, and strips 'By ' from a meta author", async () => {
    const draft = await run(fixture("cookies-article.html"));
    expect(draft.live()).toHaveLength(4);
    expect(draft.text()).toContain("Accept that the first batch will spread too much");
    expect(draft.meta.authors).toEqual(["Dana Whitfield"]);
    expect(draft.meta.publishedAt).toBe("2023-03-03");
    expect(draft.meta.language).toBe("de");
  });

  it("leaves a row of story teasers out, and says so", async () => {
    const draft = await run(fixture("teaser-page.html"));
    expect(draft.live().map((b) => b.text.slice(0, 20))).toEqual(["The town library wil", "The longer hours are", "Saturday hours are u"]);
    expect(draft.removed.some((r) => r.rule === "beside-content:teaser-list" && r.text.startsWith("Swimming pool"))).toBe(true);
  });

  it("passes text inputs through untouched", async () => {
    const draft = await cleanOne(pipeline, { kind: "text", content: "A plain text dump.\n\nWith two lines." });
    expect(draft.blocks).toHaveLength(0);
    expect(draft.meta.title).toBeNull();
  });
});

describe("extract stage on odd pages", () => {
  it("never throws on empty, bodiless or junk input", async () => {
    for (const html of ["", "<html></html>", "<p>one line</p>", "\u0000\u0001<<<>>>&&&;", "<div><div><p>unclosed", "<script>var a = '<p>no</p>';</script>"]) {
      const draft = await run(html);
      expect(draft.rejection).toBeNull();
    }
  });

  it("handles 100,000 nested elements without recursion", async () => {
    const depth = 100_000;
    const html = `<html><body>${"<div>".repeat(depth)}<p>Deep inside the page there is still one sentence of text, and it is kept.</p>${"</div>".repeat(depth)}</body></html>`;
    const draft = await run(html);
    expect(draft.rejection).toBeNull();
    expect(draft.text()).toContain("Deep inside the page");
  });

  it("reads an oversized page with the linear pass", async () => {
    const p = "<p>This paragraph reads as prose, with a verb and a full stop, and it is long enough to count.</p>";
    const html = `<html><body><nav><a href="/">Home</a></nav><script>ignored()</script>${p.repeat(50)}</body></html>`;
    const small = definePipeline({ name: "small", stages: [extract({ maxTreeChars: 1000 })] });
    const draft = await cleanOne(small, { kind: "html", content: html });
    expect(draft.live()).toHaveLength(50);
    expect(draft.text()).not.toContain("Home");
    expect(draft.text()).not.toContain("ignored");
    expect(draft.meta.truncated).toBe(false);
  });

  it("marks an article truncated when the linear pass stops at its most blocks", async () => {
    const p = (i: number) => `<p>Paragraph ${i} reads as prose, with a verb and a full stop, and it is long enough to count.</p>`;
    const html = `<html><body>${Array.from({ length: 5010 }, (_, i) => p(i)).join("")}</body></html>`;
    const small = definePipeline({ name: "small", stages: [extract({ maxTreeChars: 1000 })] });
    const draft = await cleanOne(small, { kind: "html", content: html });
    expect(draft.live()).toHaveLength(5000);
    expect(draft.meta.truncated).toBe(true);
  });
});

describe("extract stage: bylines and dates written in the page", () => {
  const page = (byline: string) => `<html><body><div class="hero"><h1>Council approves the new harbour barrier plan</h1>
    <div class="meta"><span>${byline}</span><span>Published March 17, 2024</span></div></div>
    <div class="content"><p>Councillors voted on Wednesday night to build a tidal barrier across the harbour mouth, ending years of debate.</p>
    <p>Work is expected to begin in the autumn and to take two years, the council said in a statement on Thursday.</p></div></body></html>`;

  it("reads a 'By' line and a written date", async () => {
    const draft = await run(page("By Jane Doe"));
    expect(draft.meta.authors).toEqual(["Jane Doe"]);
    expect(draft.meta.publishedAt).toBe("2024-03-17");
  });

  it("does not take a sentence starting with 'By' for a byline", async () => {
    const draft = await run(page("By the way, this is not a name"));
    expect(draft.meta.authors).toEqual([]);
  });
});
