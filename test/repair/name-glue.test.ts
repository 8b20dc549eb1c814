import { describe, expect, it } from "vitest";
import { names } from "../../src/stages/names.ts";
import { draftOf, runStages } from "./helpers.ts";

describe("names that lost their capital and their spaces", () => {
  it("capitalises a name opening a sentence before a speech verb, and cuts it out where it is glued", async () => {
    const draft = await runStages(
      draftOf(["Talks between Governor of BavariahuberSecretary of State Lena Brandt ended.", "Officials met. huber told reporters the deal was close."]),
      [names()],
    );
    expect(draft.blocks.map((b) => b.text)).toEqual([
      "Talks between Governor of Bavaria Huber Secretary of State Lena Brandt ended.",
      "Officials met. Huber told reporters the deal was close.",
    ]);
  });

  it("leaves a glued form that is not between capitals, short names, and lower-case words of the list", async () => {
    const paragraphs = ["The Ashleeann Theatre hosted the Londonparis show.", "paris said nothing. ann said less. officials said more."];
    const draft = await runStages(draftOf(paragraphs), [names()]);
    expect(draft.blocks[0]?.text).toBe(paragraphs[0]);
    expect(draft.blocks[1]?.text).toBe("Paris said nothing. Ann said less. officials said more.");
  });

  it("cuts a place from a given name after an office only once written and when the given name is no word", async () => {
    const draft = await runStages(
      draftOf([
        "The President of EstoniaKaja Tamm and the CEO of BlackRock Larry Fink met the Chairman of HarperCollins Brian Murray.",
        "HarperCollins said sales rose.",
      ]),
      [names()],
    );
    expect(draft.blocks[0]?.text).toBe("The President of Estonia Kaja Tamm and the CEO of BlackRock Larry Fink met the Chairman of HarperCollins Brian Murray.");
    expect(draft.repaired.map((r) => r.rule)).toEqual(["glued-given-name"]);
  });
});
