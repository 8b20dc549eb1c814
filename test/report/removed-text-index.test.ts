import { describe, expect, it } from "vitest";
import { RemovedTextIndex, normalizeRemovedText } from "../../src/report/removed-text-index.ts";

describe("RemovedTextIndex", () => {
  it("counts one text per rule and category, with a few example articles", () => {
    const index = new RemovedTextIndex(100);
    for (let row = 0; row < 9; row++) index.add("Leave a  Reply\n", 0, 1, row);
    index.add("Leave a Reply", 2, 1, 4);
    const [first, second] = index.top();
    expect(first).toMatchObject({ text: "Leave a Reply", rule: 0, category: 1, count: 9 });
    expect(first?.rows).toEqual([0, 1, 2, 3, 4]);
    expect(second).toMatchObject({ rule: 2, count: 1 });
    expect(index.distinct).toBe(2);
  });

  it("lists an article once per text even when the text was removed twice from it", () => {
    const index = new RemovedTextIndex(10);
    index.add("Share", 0, 0, 7);
    index.add("Share", 0, 0, 7);
    expect(index.top()[0]).toMatchObject({ count: 2, rows: [7] });
  });

  it("stays bounded and keeps the most frequent texts", () => {
    const index = new RemovedTextIndex(50);
    for (let i = 0; i < 5000; i++) {
      index.add(`unique line ${i}`, 0, 0, i);
      index.add("This website uses cookies", 1, 2, i);
    }
    const top = index.top();
    expect(top.length).toBe(50);
    expect(top[0]).toMatchObject({ text: "This website uses cookies", count: 5000 });
  });

  it("ignores blank text and shortens very long text", () => {
    const index = new RemovedTextIndex(10);
    index.add("   \n ", 0, 0, 0);
    expect(index.top()).toEqual([]);
    expect(normalizeRemovedText("x".repeat(1000)).length).toBe(400);
  });
});
