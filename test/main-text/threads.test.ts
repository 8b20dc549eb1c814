import { describe, expect, it } from "vitest";
import { lineShape } from "../../src/segment/line-shape.ts";
import { stampKey, threadStamps } from "../../src/segment/threads.ts";

const stamps = (texts: string[]): boolean[] => threadStamps(texts, texts.map(lineShape));

const comments = [
  "Ana Lee on May 2, 2018 at 10:05 pm said:",
  "Thanks for the write-up, the second chart was the one I was looking for.",
  "Bo on May 3, 2018 at 8:41 am said:",
  "Hi Ana,",
  "It is in the appendix of the report, near the end.",
  "Carla (Staff) on May 3, 2018 at 9:12 am said:",
  "We will add a link to it from the post.",
];

describe("stampKey", () => {
  it("gives comment headers of different authors and times one key", () => {
    const key = (t: string) => stampKey(t, lineShape(t));
    expect(key("Ana Lee on May 2, 2018 at 10:05 pm said:")).toBe(key("Carla (Staff) on May 3, 2018 at 9:12 am said:"));
    expect(key("2 days ago at 07:52 am")).toBe(key("3 days ago at 11:05 pm"));
  });

  it("is null for a line with no time of day, or for a sentence", () => {
    expect(stampKey("Market share: 12.89%", lineShape("Market share: 12.89%"))).toBeNull();
    expect(stampKey("9 Best Video Editors for 2025", lineShape("9 Best Video Editors for 2025"))).toBeNull();
    const long = "The council met at 10:30 on Tuesday and voted to keep the library open for another year after a long debate about its budget.";
    expect(stampKey(long, lineShape(long))).toBeNull();
  });
});

describe("threadStamps", () => {
  it("marks the headers of a comment thread", () => {
    expect(stamps(["Our article ends here with a last sentence.", ...comments])).toEqual([false, true, false, true, false, false, true, false]);
  });

  it("does not mark a schedule printed one line under another", () => {
    const schedule = ["10:00 Registration", "10:30 Keynote", "11:15 Panel", "12:00 Lunch"];
    expect(stamps(schedule)).toEqual([false, false, false, false]);
  });

  it("does not mark one stamped caption printed under every picture", () => {
    const page = ["Photo taken 12 May at 10:00", "A paragraph.", "Photo taken 12 May at 10:00", "Another one.", "Photo taken 12 May at 10:00", "A third."];
    expect(stamps(page).some(Boolean)).toBe(false);
  });

  it("does not chain two stamps far apart (the article's time line printed again in the footer)", () => {
    const filler = Array.from({ length: 30 }, (_, i) => `Line ${i} of the article, a sentence long enough.`);
    const page = ["Posted 12 May 2019 at 10:00", ...filler, "Posted 13 May 2019 at 11:00", ...filler, "Posted 14 May 2019 at 09:30"];
    expect(stamps(page).some(Boolean)).toBe(false);
  });
});
