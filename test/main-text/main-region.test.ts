import { describe, expect, it } from "vitest";
import { DEFAULT_REGION_OPTIONS, planMainRegion, regionAfterHeadline } from "../../src/segment/main-region.ts";

const menu = ["Home", "News", "World", "Business", "Sport", "Culture", "Travel", "Video", "Podcasts", "Weather", "Sign in", "Subscribe"];
const footer = ["About us", "Contact", "Careers", "Advertise", "Terms", "Privacy", "Cookies", "Help", "Sitemap", "Archive", "RSS"];
const article = [
  "Ferry crews walked off the job at the port on Monday in a strike over staffing levels, leaving thousands of travellers stranded.",
  "The union said crews had worked short-handed for most of the summer and that safety drills were being skipped to keep to the timetable.",
  "Talks with the operators",
  "The operators said they had offered to hire forty more deckhands before the winter, and called the strike unnecessary.",
  "Talks are due to resume on Wednesday.",
];

describe("planMainRegion", () => {
  it("takes the article between a menu and a footer, and calls the dump a whole page", () => {
    const texts = [...menu, ...article, ...footer];
    const plan = planMainRegion(texts, "en");
    expect(plan.wholePage).toBe(true);
    expect(plan.region).toMatchObject({ start: menu.length, end: menu.length + article.length });
  });

  it("does not call an article with a few junk lines a whole page", () => {
    const texts = ["Share", ...article, "Related: ferry fares rise again", "Comments"];
    expect(planMainRegion(texts, "en").wholePage).toBe(false);
  });

  it("starts under the printed headline rather than at heavier prose elsewhere", () => {
    const teasers = Array.from({ length: 3 }, (_, i) => `Teaser ${i}: a long summary sentence of another story on the site, printed with its own headline and picture, for readers who want more.`);
    const texts = [...menu, ...teasers, "Ferry crews strike over staffing", ...article, ...footer];
    const plan = planMainRegion(texts, "en", DEFAULT_REGION_OPTIONS, [menu.length + teasers.length]);
    expect(plan.region?.start).toBe(menu.length + teasers.length + 1);
  });
});

describe("regionAfterHeadline", () => {
  it("ignores a headline with no prose near under it", () => {
    expect(regionAfterHeadline([-2, 30, -2, -2, -2, -2, 5], [2], 2)).toBeNull();
  });

  it("takes the heaviest region among several printed headlines", () => {
    expect(regionAfterHeadline([-2, 30, 40, -2, 5, -2], [0, 3], 2)).toEqual({ start: 1, end: 5, sum: 73 });
  });
});

describe("threads in planMainRegion", () => {
  const thread = [
    "Ana Lee on May 2, 2018 at 10:05 pm said:",
    "I have read this twice and I still think the council should have asked the residents before it signed anything with the operators, because the people living by the port pay for every delay.",
    "Bo on May 3, 2018 at 8:41 am said:",
    "The strike was the only way the crews could make the operators listen, and I would have done the same thing in their place after a summer like that one, whatever the travellers say about it.",
    "Carla on May 3, 2018 at 9:12 am said:",
    "We will follow the talks on Wednesday and report what the two sides agree, if they agree on anything at all, and we will add the operators' full statement to this article as soon as they send it.",
  ];

  it("keeps the region under the headline from running into the comments below it", () => {
    const texts = [...menu, "Ferry crews strike over staffing", ...article, "Comments", ...thread, ...footer];
    const plan = planMainRegion(texts, "en", DEFAULT_REGION_OPTIONS, [menu.length]);
    expect(plan.region).toMatchObject({ start: menu.length + 1 });
    expect(plan.region?.end).toBeLessThanOrEqual(menu.length + 1 + article.length + 1);
  });

  it("without a headline, takes the article above the thread rather than its longest comment", () => {
    const texts = [...menu, ...article, "Comments", ...thread, ...footer];
    const plan = planMainRegion(texts, "en");
    expect(plan.region).toMatchObject({ start: menu.length, end: menu.length + article.length });
  });
});

describe("regionAfterHeadline under a short article", () => {
  it("takes the region that starts near the headline, not a heavier one far below", () => {
    expect(regionAfterHeadline([-5, 10, 8, -60, -60, 30, 30], [0], 2)).toEqual({ start: 1, end: 3, sum: 18 });
  });

  it("stops at a border line", () => {
    expect(regionAfterHeadline([-5, 10, 8, -1, 50], [0], 2, [false, false, false, true, false])).toEqual({ start: 1, end: 3, sum: 18 });
  });
});
