import { describe, expect, it } from "vitest";
import { cleanAuthors, pickAuthors } from "../../src/html/authors.ts";
import { dateFromUrl, normaliseDate } from "../../src/html/dates.ts";
import { readJsonLd } from "../../src/html/json-ld.ts";
import { languageCode } from "../../src/html/page-metadata.ts";
import { chooseTitle, stripSiteName } from "../../src/html/title.ts";

describe("dates", () => {
  it("normalises the forms pages use to ISO 8601", () => {
    expect(normaliseDate("2019-11-18T10:05:00Z")).toBe("2019-11-18T10:05:00Z");
    expect(normaliseDate("2019-11-18 10:05")).toBe("2019-11-18T10:05:00");
    expect(normaliseDate("2019-11-18T10:05:00+0100")).toBe("2019-11-18T10:05:00+01:00");
    expect(normaliseDate("2019-1-8")).toBe("2019-01-08");
    expect(normaliseDate("2019/11/18")).toBe("2019-11-18");
    expect(normaliseDate("20191118")).toBe("2019-11-18");
    expect(normaliseDate("November 18th, 2019")).toBe("2019-11-18");
    expect(normaliseDate("Mon, 18 Nov 2019 10:05:00 GMT")).toBe("2019-11-18T10:05:00Z");
  });

  it("refuses what is not a date", () => {
    for (const bad of ["", "yesterday", "2019-13-40", "12345", "Updated 3 hours ago", "1066-10-14"]) expect(normaliseDate(bad), bad).toBeNull();
  });

  it("reads a date from a URL path only when it is one", () => {
    expect(dateFromUrl("https://example.com/2019/11/18/story-slug")).toBe("2019-11-18");
    expect(dateFromUrl("https://example.com/news/2019-story/123456")).toBeNull();
  });
});

describe("language codes", () => {
  it("reduces tags to ISO 639-1", () => {
    expect(languageCode("en-US")).toBe("en");
    expect(languageCode("pt_BR")).toBe("pt");
    expect(languageCode("DE")).toBe("de");
    expect(languageCode("fr, en")).toBe("fr");
    expect(languageCode("english")).toBeNull();
    expect(languageCode("")).toBeNull();
  });
});

describe("titles", () => {
  it("cuts the site name from a <title>", () => {
    expect(stripSiteName("Flood barrier approved | The Coastal Courier", "The Coastal Courier")).toBe("Flood barrier approved");
    expect(stripSiteName("Flood barrier approved - BBC News", null)).toBe("Flood barrier approved");
    expect(stripSiteName("Rust 1.80: what changed - and why it matters to you", null)).toBe("Rust 1.80: what changed - and why it matters to you");
  });

  it("prefers the visible headline, but not a logo or a stray heading", () => {
    const base = { ogTitle: "Flood barrier approved after decade of delays", headline: null, titleTag: "Flood barrier approved | Courier", site: "Courier" };
    expect(chooseTitle({ ...base, h1: ["Flood barrier approved after decade of delays"] }).title).toBe("Flood barrier approved after decade of delays");
    expect(chooseTitle({ ...base, h1: ["Courier"] }).title).toBe("Flood barrier approved after decade of delays");
    expect(chooseTitle({ ...base, h1: ["Share the post"] }).title).toBe("Flood barrier approved after decade of delays");
    expect(chooseTitle({ ...base, h1: ["Barrier approved: the vote"] }).title).toBe("Barrier approved: the vote");
    expect(chooseTitle({ h1: [], ogTitle: null, headline: null, titleTag: null, site: null }).title).toBeNull();
  });
});

describe("authors", () => {
  it("splits bylines and drops roles", () => {
    expect(cleanAuthors("By Jane Doe, Staff Writer")).toEqual(["Jane Doe"]);
    expect(cleanAuthors("Jane Doe & John Roe")).toEqual(["Jane Doe", "John Roe"]);
    expect(cleanAuthors("https://example.com/authors/jane")).toEqual([]);
  });

  it("takes the first source that names someone", () => {
    expect(pickAuthors([[], ["admin"], ["By Jane Doe"]])).toEqual({ authors: ["Jane Doe"], source: 2 });
  });
});

describe("JSON-LD", () => {
  it("finds the article in a graph and reads its fields", () => {
    const ld = readJsonLd([
      '{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":["NewsArticle"],"headline":"Barrier &amp; gates","author":{"@type":"Person","name":"Jane Doe"},"datePublished":"2024-03-14","publisher":{"name":"Courier"},"inLanguage":"en-GB"}]}',
    ]);
    expect(ld).toEqual({ headline: "Barrier & gates", authors: ["Jane Doe"], datePublished: "2024-03-14", publisher: "Courier", url: null, language: "en-GB" });
  });

  it("survives broken JSON and pages without an article", () => {
    expect(readJsonLd(["{not json", '{"@type":"Organization","name":"Courier"}'])).toBeNull();
  });
});
