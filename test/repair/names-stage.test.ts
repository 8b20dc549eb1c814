import { describe, expect, it } from "vitest";
import { names } from "../../src/stages/names.ts";
import { draftOf, runStages } from "./helpers.ts";

describe("names stage", () => {
  it("repairs several kinds of damage in one article from its own evidence", async () => {
    const paragraphs = [
      "German Chancellor Olaf. Scholz (Olaf Scholz) met Spanish Prime Minister Pedro Sánchez (Pedro Sánchez) in Madrid.",
      "French President Emmanuel. Emmanuel Macron joined them later.",
      "Government spokesman Steffen. “We are close to a deal,” Hebestreit said.",
      "Scholz and Sánchez spoke for an hour.",
    ];
    const draft = await runStages(draftOf(paragraphs), [names()]);
    expect(draft.text()).toBe(
      [
        "German Chancellor Olaf Scholz met Spanish Prime Minister Pedro Sánchez in Madrid.",
        "French President Emmanuel Macron joined them later.",
        "Government spokesman Steffen Hebestreit said: “We are close to a deal.”",
        "Scholz and Sánchez spoke for an hour.",
      ].join("\n\n"),
    );
    expect(draft.repaired.map((r) => r.rule).sort()).toEqual(["doubled-given-name", "duplicate-gloss", "interpunct-glossed", "truncated-before-quote"]);
  });

  it("leaves sentence ends, honorifics, initials, saints' cities and real glosses alone", async () => {
    const paragraphs = [
      "The company moved its offices out of Washington. Austin, Texas, offered lower taxes.",
      "Mr. Smith said J. K. Rowling had visited St. Louis twice.",
      "The ministry (the ministry of finance) did not comment.",
      "Austin is growing fast, and Smith lives there.",
    ];
    const draft = await runStages(draftOf(paragraphs), [names()]);
    expect(draft.blocks.map((b) => b.text)).toEqual(paragraphs);
    expect(draft.repaired).toEqual([]);
  });

  it("repairs the interpunct where the full name is written elsewhere", async () => {
    const attested = await runStages(draftOf(["They met Olaf. Scholz spoke.", "Olaf Scholz left."]), [names()]);
    expect(attested.blocks[0]?.text).toBe("They met Olaf Scholz spoke.");
    const unattested = await runStages(draftOf(["They met in Olaf. Scholz spoke.", "Scholz left."]), [names()]);
    expect(unattested.blocks[0]?.text).toBe("They met in Olaf. Scholz spoke.");
  });

  it("repairs the interpunct after an office or role when the given name is never used alone", async () => {
    const draft = await runStages(
      draftOf([
        "Her Dutch counterpart Maarten. Visscher and the Polish minister Zofia. Kaczmarek met in Gdansk. Visscher said little.",
        "Czech Foreign Minister Tomas. Petricek chaired the talks.",
        "Tomas Petricek spoke first.",
      ]),
      [names()],
    );
    expect(draft.blocks[0]?.text).toBe("Her Dutch counterpart Maarten Visscher and the Polish minister Zofia Kaczmarek met in Gdansk. Visscher said little.");
    expect(draft.repaired.map((r) => r.after)).toEqual(["Maarten Visscher", "Zofia Kaczmarek", "Tomas Petricek"]);
  });

  it("only flags a name after an office in a document that shows the slip nowhere it can be confirmed", async () => {
    const text = "He met Polish President Duda. Kaczynski said the visit went well.";
    const draft = await runStages(draftOf([text, "Kaczynski leads the party."]), [names()]);
    expect(draft.blocks[0]?.text).toBe(text);
    expect(draft.flagged).toEqual([expect.objectContaining({ rule: "interpunct", text: "Duda. Kaczynski" })]);
  });

  it("leaves a sentence that ends in a place or in a given name the text uses alone, flagging the latter", async () => {
    const paragraphs = [
      "The envoy flew back to Oslo. Lindgren stayed in Riga.",
      "The award went to the ambassador Ingrid. Haugland said she deserved it.",
      "Ingrid had served in Riga for a decade.",
      "King Charles. Harrison, his aide, stood behind him.",
    ];
    const draft = await runStages(draftOf(paragraphs), [names()]);
    expect(draft.blocks.map((b) => b.text)).toEqual(paragraphs);
    expect(draft.flagged).toEqual([expect.objectContaining({ rule: "interpunct", text: "Ingrid. Haugland" })]);
  });

  it("applies gazetteer aliases on word boundaries only, in the title too", async () => {
    const gazetteer = [{ canonical: "Yoshimasa Hayashi", aliases: ["Lin Fangzheng", "Hayashi Yoshimasa"] }];
    const draft = await runStages(draftOf(["Lin Fangzheng met Lin Fangzhengs, a painter."], { title: "Hayashi Yoshimasa in Paris" }), [names({ gazetteer })]);
    expect(draft.blocks[0]?.text).toBe("Yoshimasa Hayashi met Lin Fangzhengs, a painter.");
    expect(draft.meta.title).toBe("Yoshimasa Hayashi in Paris");
  });

  it("flags a glossed name it cannot confirm instead of replacing it", async () => {
    const draft = await runStages(draftOf(["Minister Lavrow (Sergey Lavrov) arrived."]), [names()]);
    expect(draft.blocks[0]?.text).toBe("Minister Lavrow (Sergey Lavrov) arrived.");
    expect(draft.flagged).toEqual([expect.objectContaining({ rule: "wrong-form-glossed" })]);
  });
});
