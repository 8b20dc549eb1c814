import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Draft } from "../../src/draft.ts";
import { contextFor } from "../../src/process.ts";
import type { CorpusStage } from "../../src/stage.ts";
import { decideForms, doubledLetterVariant, namesCorpus } from "../../src/stages/names-corpus.ts";
import { draftOf } from "./helpers.ts";

const ARTICLES = [
  ["Chancellor Olaf Scholz met Prime Minister Kishida Fumio in Tokyo.", "Scholz said trade would grow. Kishida agreed."],
  ["Fumio Kishida spoke to reporters after the summit.", "Kishida said the talks were useful. Kishida left on Friday."],
  ["Japanese leader Fumio Kishida hosted the meeting.", "Kishida thanked his guests."],
  ["Secretary of State Anthony Blinken arrived late.", "Blinken said little."],
  ["Secretary of State Antony Blinken flew to Tokyo.", "Blinken met Kishida."],
  ["Antony Blinken later met students.", "Blinken spoke of trade."],
];

async function runCorpus(order: readonly number[], options: Parameters<typeof namesCorpus>[0] = {}): Promise<Map<number, Draft>> {
  const stage = namesCorpus(options) as CorpusStage;
  const ctx = contextFor(stage, {});
  const state = stage.createState(ctx);
  const drafts = new Map(ARTICLES.map((paragraphs, i) => [i, draftOf(paragraphs, {}, `a${i}`)]));
  for (const i of order) await stage.observe(drafts.get(i) as Draft, state, ctx);
  await stage.finish(state, ctx);
  for (const d of drafts.values()) {
    d.stage = stage.name;
    await stage.apply(d, state, ctx);
  }
  return drafts;
}

describe("names-corpus", () => {
  it("writes one order of a name, the family name being the word that stands alone more often", async () => {
    const drafts = await runCorpus([0, 1, 2, 3, 4, 5]);
    expect(drafts.get(0)?.text()).toContain("Prime Minister Fumio Kishida in Tokyo");
    expect(drafts.get(0)?.repaired).toContainEqual({ stage: "names-corpus", rule: "name-order", before: "Kishida Fumio", after: "Fumio Kishida" });
  });

  it("follows the order option", async () => {
    const drafts = await runCorpus([0, 1, 2, 3, 4, 5], { order: "family-first" });
    expect(drafts.get(1)?.text()).toContain("Kishida Fumio spoke");
    expect(drafts.get(0)?.text()).toContain("Kishida Fumio in Tokyo");
  });

  it("keeps the spelling more documents use, and the gazetteer's when it has one", async () => {
    const byCount = await runCorpus([0, 1, 2, 3, 4, 5]);
    expect(byCount.get(3)?.text()).toContain("Antony Blinken arrived");
    const byGazetteer = await runCorpus([0, 1, 2, 3, 4, 5], { gazetteer: [{ canonical: "Anthony Blinken", aliases: [] }] });
    expect(byGazetteer.get(4)?.text()).toContain("Anthony Blinken flew");
  });

  it("gives the same output whatever the order drafts are observed in", async () => {
    const reference = [...(await runCorpus([0, 1, 2, 3, 4, 5])).values()].map((d) => d.text());
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 }), async (order) => {
        const texts = [...(await runCorpus(order)).values()].map((d) => d.text());
        expect(texts).toEqual(reference);
      }),
      { numRuns: 20 },
    );
  });

  it("breaks ties by code-point order, and leaves unrelated names apart", () => {
    const documents = new Map([
      ["Sergei Lavrov", 1],
      ["Sergey Lavrov", 1],
      ["North Korea", 2],
      ["North Korean", 1],
      ["Carl Jensen", 1],
      ["Carla Jensen", 1],
      ["Circuit Breaker", 1],
      ["Circuit Breakers", 1],
      ["Apple HomeKit", 1],
      ["Apple Homekit", 1],
    ]);
    const alone = new Map([["Lavrov", 2], ["Jensen", 2], ["Breaker", 1], ["Korea", 1]]);
    const decided = decideForms(documents, alone, { order: "given-first", gazetteer: [] });
    expect(decided.get("Sergey Lavrov")).toEqual({ to: "Sergei Lavrov", rule: "name-variant" });
    expect([...decided.keys()]).toEqual(["Sergey Lavrov"]);
  });

  it("merges spelling variants only of a family name the run also uses alone", () => {
    const documents = new Map([["Sergei Lavrov", 1], ["Sergey Lavrov", 2]]);
    expect(decideForms(documents, new Map(), { order: "given-first", gazetteer: [] }).size).toBe(0);
  });

  it("merges given names that differ only in a doubled letter, even when the family name never stands alone", () => {
    const documents = new Map([
      ["Mohammed Al-Hakim", 2],
      ["Mohamed Al-Hakim", 1],
      ["Phillip Okonjo", 1],
      ["Philip Okonjo", 3],
      ["Anna Petrova", 2],
      ["Ana Petrova", 1],
      ["Daniel Brecht", 2],
      ["Danielle Brecht", 1],
    ]);
    const decided = decideForms(documents, new Map(), { order: "given-first", gazetteer: [] });
    expect(Object.fromEntries([...decided].map(([from, d]) => [from, d.to]))).toEqual({
      "Mohamed Al-Hakim": "Mohammed Al-Hakim",
      "Phillip Okonjo": "Philip Okonjo",
    });
  });

  it("tells a doubled letter from another name", () => {
    expect(doubledLetterVariant("Mohamed", "Mohammed")).toBe(true);
    expect(doubledLetterVariant("Isabel", "Isabell")).toBe(true);
    expect(doubledLetterVariant("Ana", "Anna")).toBe(false);
    expect(doubledLetterVariant("Daniel", "Danielle")).toBe(false);
    expect(doubledLetterVariant("Marion", "Marian")).toBe(false);
  });

  it("does not swap a name whose other order it never saw", async () => {
    const stage = namesCorpus() as CorpusStage;
    const ctx = contextFor(stage, {});
    const state = stage.createState(ctx);
    const d = draftOf(["Hayashi Yoshimasa spoke.", "Hayashi left."]);
    stage.observe(d, state, ctx);
    stage.finish(state, ctx);
    stage.apply(d, state, ctx);
    expect(d.repaired).toEqual([]);
  });
});
