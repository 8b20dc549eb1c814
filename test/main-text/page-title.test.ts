import { describe, expect, it } from "vitest";
import { articleWords, headlineShapedAbove, printedHeadlineAbove, topicOverlap } from "../../src/segment/page-title.ts";

const search = { printed: [] as number[], reach: 4, maxWords: 30, isJunk: (t: string) => t === "Advertisement" };
const article = [
  "The harbour council voted on Monday to build the flood barrier that engineers first proposed ten years ago.",
  "Work on the barrier is due to begin in the spring and to last three years, the council said.",
];

describe("printedHeadlineAbove", () => {
  it("takes the nearest line printing the page title within reach above the article", () => {
    expect(printedHeadlineAbove(10, { ...search, printed: [2, 7] })).toBe(7);
    expect(printedHeadlineAbove(10, { ...search, printed: [2] })).toBeNull();
    expect(printedHeadlineAbove(10, { ...search, printed: [12] })).toBeNull();
  });
});

describe("headlineShapedAbove", () => {
  it("skips a date line, a byline, share buttons and junk above the article to find the headline", () => {
    const texts = ["News", "Harbour council approves flood barrier", "By Martha Quinlan", "March 4, 2024 6:12 PM", "*", "Advertisement", ...article];
    expect(headlineShapedAbove(texts, 6, search)).toBe(1);
  });

  it("finds nothing when only sentences, captions and menu entries stand above the article", () => {
    const texts = ["Sport", "The barrier will close in storms. (Photo: Jan Berg/Reuters)", "Local", ...article];
    expect(headlineShapedAbove(texts, 3, search)).toBeNull();
  });

  it("does not look past a paragraph", () => {
    const paragraph = "This long paragraph of another story stands between the top of the page and the article, and like any paragraph of prose it runs on for a while and ends with a full stop.";
    const texts = ["Harbour council approves flood barrier", paragraph, "Share", ...article];
    expect(headlineShapedAbove(texts, 3, search)).toBeNull();
  });
});

describe("topicOverlap", () => {
  const words = articleWords(article, 0, article.length);

  it("is high for the article's headline and nil for a menu entry", () => {
    expect(topicOverlap("Harbour council approves flood barrier", words)).toBeGreaterThan(0.5);
    expect(topicOverlap("Skip to content", words)).toBe(0);
  });

  it("takes the best part of a page title, so the site's name does not dilute it", () => {
    expect(topicOverlap("Harbour council approves flood barrier | The Coastal Ledger Online", words)).toBeGreaterThan(0.5);
  });
});
