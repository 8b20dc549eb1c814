import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Draft } from "../../src/draft.ts";
import { storyFeatures } from "../../src/dedupe/story-features.ts";
import { silentLogger } from "../../src/log.ts";
import type { CorpusStage } from "../../src/stage.ts";
import { stories } from "../../src/stages/stories.ts";
import { RATES_EARLIER, RATES_LOCAL, RATES_WIRE, STORM_LOCAL, STORM_WIRE, STRIKE_LOCAL, STRIKE_WIRE, draftOf } from "./fixtures.ts";
import { runCorpusStage, shuffled } from "./run-corpus.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const sharedDir = resolve(repoRoot, "../shared");
const seedsDir = join(sharedDir, "corpus/seeds");
const haveSeeds = existsSync(seedsDir);

describe("story features", () => {
  it("take names from capitalised runs, not from sentence openers", () => {
    const { features } = storyFeatures("The talks ended. Prime Minister Fumio Kishida met Joe Biden in Washington.");
    expect(features.has("e:prime minister fumio kishida")).toBe(true);
    expect(features.has("e:kishida")).toBe(true);
    expect(features.has("e:joe biden")).toBe(true);
    expect(features.has("e:washington")).toBe(true);
    expect(features.has("e:the")).toBe(false);
  });

  it("read dates across abbreviations, and figures", () => {
    const { features, years } = storyFeatures("They met on Jan. 13, and on January 11, 2023 agreed to spend 2,400 million.");
    expect(features.has("d:january-13")).toBe(true);
    expect(features.has("d:january-2023")).toBe(true);
    expect(features.has("n:2400")).toBe(true);
    expect([...years]).toEqual([2023]);
  });

  it("do not take a title-case headline's capitals for names", () => {
    const { features } = storyFeatures("Dock Workers Walk Out Over Pensions And Night Shifts");
    expect([...features].filter((f) => f.startsWith("e:"))).toEqual([]);
  });

  it("do not read 'may' the verb as a month, nor possessives as new names", () => {
    const { features } = storyFeatures("Prices may rise. Japan's premier spoke to Japan.");
    expect([...features].some((f) => f.startsWith("d:may"))).toBe(false);
    expect(features.has("e:japan's")).toBe(false);
    expect(features.has("e:japan")).toBe(true);
  });
});

describe("stories on written fixtures", () => {
  const build = (): Draft[] => [
    draftOf("strike-1", STRIKE_WIRE, { publishedAt: "2025-01-14" }),
    draftOf("strike-2", STRIKE_LOCAL, { publishedAt: "2025-01-14" }),
    draftOf("storm-1", STORM_WIRE, { publishedAt: "2024-11-21" }),
    draftOf("storm-2", STORM_LOCAL, { publishedAt: "2024-11-22" }),
    draftOf("rates-1", RATES_WIRE, { publishedAt: "2024-12-12" }),
    draftOf("rates-2", RATES_LOCAL, { publishedAt: "2024-12-12T15:30:00Z" }),
    draftOf("rates-0", RATES_EARLIER, { publishedAt: "2024-05-02" }),
  ];

  it("gives each event its own story and leaves the earlier decision alone", async () => {
    const drafts = build();
    const summary = await runCorpusStage(stories(), drafts);
    const story = Object.fromEntries(drafts.map((d) => [d.id, d.story]));
    expect(story).toEqual({
      "strike-1": "story-strike-1",
      "strike-2": "story-strike-1",
      "storm-1": "story-storm-1",
      "storm-2": "story-storm-1",
      "rates-1": "story-rates-1",
      "rates-2": "story-rates-1",
      "rates-0": "story-rates-0",
    });
    expect(summary).toMatchObject({ stories: 4, storiesOfOne: 1, articlesInStories: 6 });
    // texts are not merged
    expect(drafts[0]?.text()).toBe(STRIKE_WIRE);
  });

  it("without dates, the same bank's earlier decision joins the story (names alone cannot tell)", async () => {
    const drafts = [draftOf("rates-1", RATES_WIRE), draftOf("rates-0", RATES_EARLIER)];
    await runCorpusStage(stories(), drafts);
    expect(drafts[1]?.story).toBe("story-rates-0");
    const apart = [draftOf("rates-1", RATES_WIRE), draftOf("rates-0", RATES_EARLIER)];
    await runCorpusStage(stories({ threshold: 0.9 }), apart);
    // apart: each report is a story of its own
    expect(apart.map((d) => d.story)).toEqual(["story-rates-1", "story-rates-0"]);
  });

  it("gives the same stories whatever the order", async () => {
    const reference = build();
    await runCorpusStage(stories(), reference);
    const expected = Object.fromEntries(reference.map((d) => [d.id, d.story]));
    for (const seed of [11, 12, 13]) {
      const drafts = shuffled(build(), seed);
      await runCorpusStage(stories(), drafts);
      expect(Object.fromEntries(drafts.map((d) => [d.id, d.story]))).toEqual(expected);
    }
  });
});

// The seed dumps live outside the repository, in ../shared; without them there is nothing to read.
describe.skipIf(!haveSeeds)("stories on the seed dumps (needs ../shared/corpus/seeds)", () => {
  it("puts 000-003 in one story and 004 in another", async () => {
    const files = readdirSync(seedsDir).filter((f) => f.endsWith(".txt")).sort();
    expect(files).toHaveLength(5);
    const drafts = files.map((f) => {
      const text = readFileSync(join(seedsDir, f), "utf8");
      const d = new Draft({ id: f.replace(/\.txt$/, ""), source: { path: f, index: 0 }, raw: { kind: "text", content: text } });
      for (const line of text.split("\n")) if (line.trim() !== "") d.addBlock("paragraph", line);
      return d;
    });
    // observed in a shuffled order: the stories must not depend on it
    await runCorpusStage(stories(), shuffled(drafts, 3));
    const [a, b, c, d, e] = drafts.map((x) => x.story);
    expect(a).not.toBeNull();
    expect([b, c, d]).toEqual([a, a, a]);
    expect(e).not.toBe(a);
  });
});

describe("stories at scale", () => {
  it("describes a run of 300,000 reports that share nothing (each its own story) without running out of stack", async () => {
    const stage = stories() as CorpusStage;
    const ctx = { options: stage.options as never, log: silentLogger, stateDir: null };
    const state = await stage.createState(ctx);
    const split = stage.split;
    if (!split) throw new Error("stories computes features apart from collect");
    for (let i = 0; i < 300_000; i++) {
      split.collect({ features: Uint32Array.of(i * 7 + 1), published: null }, { id: `r${i}`, source: { path: "big.jsonl", index: i } }, state, ctx);
    }
    await stage.finish(state, ctx);
    const summary = stage.describe(state);
    expect(summary.articles).toBe(300_000);
    expect(summary.stories).toBe(300_000);
    expect(summary.storiesOfOne).toBe(300_000);
    expect(summary.largestStory).toBe(1);
  }, 60_000);
});
