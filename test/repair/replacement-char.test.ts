import { describe, expect, it } from "vitest";
import { repairText } from "../../src/stages/repair-text.ts";
import { draftOf, runStages } from "./helpers.ts";

const R = "\uFFFD";

describe("replacement characters (U+FFFD) left by invalid UTF-8", () => {
  it("removes a run hanging on a word and records the word before and after", async () => {
    const draft = await runStages(draftOf([`It was cold outside${R}${R}${R} all week.`]), [repairText()]);
    expect(draft.blocks[0]?.text).toBe("It was cold outside all week.");
    expect(draft.repaired).toEqual([{ stage: "repair-text", rule: "replacement-char", before: `outside${R}${R}${R}`, after: "outside" }]);
    expect(draft.flagged).toEqual([]);
  });

  it("flags, and keeps, a run between letters where a letter may be missing", async () => {
    const text = `The singer Ren${R}e Fleming and J${R}rgen Klopp met.`;
    const draft = await runStages(draftOf([text]), [repairText()]);
    expect(draft.blocks[0]?.text).toBe(text);
    expect(draft.repaired).toEqual([]);
    expect(draft.flagged.filter((f) => f.rule === "replacement-char")).toHaveLength(2);
  });

  it("flags a run standing alone between words, where a dash may be missing", async () => {
    const text = `The vote ${R} the first in years ${R} passed.`;
    const draft = await runStages(draftOf([text]), [repairText()]);
    expect(draft.blocks[0]?.text).toBe(text);
    expect(draft.flagged.map((f) => f.rule)).toEqual(["replacement-char", "replacement-char"]);
  });

  it("repairs the title too, and can be turned off", async () => {
    const on = await runStages(draftOf(["Body text."], { title: `Floods hit the north${R}${R}` }), [repairText()]);
    expect(on.meta.title).toBe("Floods hit the north");
    const off = await runStages(draftOf([`Snow${R} fell.`]), [repairText({ replacementChars: false })]);
    expect(off.blocks[0]?.text).toBe(`Snow${R} fell.`);
  });
});

describe("replacement characters in long text", () => {
  it("handles a very long word next to a replacement character", async () => {
    const text = `${"a".repeat(200_000)} ${R} ${"b".repeat(1000)}${R}`;
    const draft = await runStages(draftOf([text]), [repairText()]);
    expect(draft.blocks[0]?.text.endsWith(`${"b".repeat(1000)}`)).toBe(true);
  });
});
