import { describe, expect, it } from "vitest";
import { repairText } from "../../src/stages/repair-text.ts";
import { draftOf, runStages } from "./helpers.ts";

describe("repair-text stage", () => {
  it("repairs the title and subtitle through setMeta, recorded as repairs", async () => {
    const draft = await runStages(draftOf(["Body text."], { title: "CafÃ© owners protest", subtitle: "Prices &amp; rents" }), [repairText()]);
    expect(draft.meta.title).toBe("Café owners protest");
    expect(draft.meta.subtitle).toBe("Prices & rents");
    expect(draft.repaired).toContainEqual({ stage: "repair-text", rule: "mojibake", before: "title: CafÃ© owners protest", after: "title: Café owners protest" });
  });

  it("records the changed span of a mojibake repair, not the whole paragraph", async () => {
    const draft = await runStages(draftOf(["The mayor said she wasnâ€™t told about the plan until Monday."]), [repairText()]);
    expect(draft.repaired).toEqual([{ stage: "repair-text", rule: "mojibake", before: "wasnâ€™t", after: "wasn’t" }]);
  });

  it("applies weak glue cuts only in a block that also has a strong one, and flags capital pairs elsewhere", async () => {
    const paragraphs = [
      "The pact, which coversdigital tradeThis year, was signed.",
      "Officials in BerlinParis praised it.",
      "Berlin and Paris sent envoys. Digital trade is growing.",
    ];
    const draft = await runStages(draftOf(paragraphs), [repairText()]);
    expect(draft.blocks[0]?.text).toBe("The pact, which covers digital trade This year, was signed.");
    expect(draft.blocks[1]?.text).toBe("Officials in BerlinParis praised it.");
    expect(draft.flagged).toContainEqual(expect.objectContaining({ rule: "glued-words", text: "BerlinParis" }));
  });

  it("neither cuts nor flags brands and compounds made of common words", async () => {
    const paragraphs = ["The SmartBoost charger ships with a livestream guide.", "Smart people boost sales. Boost is a brand. The live stream ended."];
    const draft = await runStages(draftOf(paragraphs), [repairText()]);
    expect(draft.blocks.map((b) => b.text)).toEqual(paragraphs);
    expect(draft.flagged).toEqual([]);
  });

  it("leaves text about cookies, reports and brands as it is", async () => {
    const paragraphs = [
      "The bakery's cookies won a prize; see also the report on page 3.",
      "McDonald's and YouTube reached a deal, DeSantis said on his iPhone.",
    ];
    const draft = await runStages(draftOf(paragraphs), [repairText()]);
    expect(draft.blocks.map((b) => b.text)).toEqual(paragraphs);
    expect(draft.repaired).toEqual([]);
  });

  it("can be told not to touch encodings or glued words", async () => {
    const draft = await runStages(draftOf(["CafÃ© news: the territoryHe held fell."]), [repairText({ mojibake: false, gluedWords: false })]);
    expect(draft.blocks[0]?.text).toBe("CafÃ© news: the territoryHe held fell.");
  });

  it("flags an ambiguous spinner phrase with its context and leaves the text", async () => {
    const draft = await runStages(draftOf(["Officials said there are regarding 12,000 troops on the island."]), [repairText()]);
    expect(draft.blocks[0]?.text).toBe("Officials said there are regarding 12,000 troops on the island.");
    expect(draft.flagged).toEqual([expect.objectContaining({ stage: "repair-text", rule: "regarding-number", text: expect.stringContaining("regarding 12,000 troops") })]);
  });
});

describe("glued function words", () => {
  it("cuts a function word glued on, as one repair per stretch of glued tokens, and dictionary pairs only beside it", async () => {
    const draft = await runStages(draftOf(["Analysts said thatwater billsand rents rose after lastyear's droughtwas over, a nationwide problem."]), [repairText()]);
    expect(draft.blocks[0]?.text).toBe("Analysts said that water bills and rents rose after last year's drought was over, a nationwide problem.");
    expect(draft.repaired.map((r) => [r.before, r.after])).toEqual([
      ["thatwater billsand", "that water bills and"],
      ["lastyear", "last year"],
      ["droughtwas", "drought was"],
    ]);
  });

  it("keeps brands and surnames made of words in a block that has glue elsewhere", async () => {
    const text = "Users of Facebook and Snapchat told theParliament of Sweden that Goldman and Blackstone wanted more.";
    const draft = await runStages(draftOf([text]), [repairText()]);
    expect(draft.blocks[0]?.text).toBe("Users of Facebook and Snapchat told the Parliament of Sweden that Goldman and Blackstone wanted more.");
  });

  it("leaves a lower-case word that merely ends like a function word, and words the list does not hold", async () => {
    const text = "From the grandstand, a sandbank and a goodwill fund: a thermos, a therapist and a withholding tax were there.";
    const draft = await runStages(draftOf([text]), [repairText()]);
    expect(draft.blocks[0]?.text).toBe(text);
  });
});
