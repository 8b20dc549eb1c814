/**
 * Features computed ahead: when corpus stages follow one another with no article stage between, the
 * first pass computes the features of all of them, and a later pass sees only the drafts that an
 * earlier decision changed. What each stage observes must be what it would have observed anyway.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../src/article.ts";
import { loadPipeline } from "../src/cli.ts";
import { passesOf } from "../src/pass.ts";
import { run } from "../src/run.ts";
import { wordCount } from "../src/text/measure.ts";
import news from "../pipelines/news.ts";
import lookahead, { calls } from "./support/lookahead-pipeline.ts";
import { jsonlCorpus } from "./support/corpus.ts";

let dir: string;
let input: string;
const RECORDS = 40;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tidings-lookahead-"));
  input = join(dir, "in.jsonl");
  const lines = [...jsonlCorpus(RECORDS, 5, 0)].map((line, i) => JSON.stringify({ ...JSON.parse(line), id: `a${i}` }));
  await writeFile(input, `${lines.join("\n")}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const articlesOf = async (out: string) =>
  (await readFile(join(out, "articles.jsonl"), "utf8"))
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Article);

describe("features computed ahead", () => {
  it("are planned for corpus stages that follow one another, and stop at an article stage", () => {
    const passes = passesOf(news().stages);
    expect(passes.map((p) => p.ahead.map((s) => s.name))).toEqual([
      ["names-corpus", "dedupe", "stories"],
      ["dedupe", "stories"],
      ["stories"],
      [],
      [],
    ]);
    const broken = passesOf(lookahead().stages.flatMap((s) => (s.name === "count-words" ? [news().stages[1] as never, s] : [s])));
    expect(broken.map((p) => p.ahead.length)).toEqual([0, 0, 0]);
  });

  it("spare the drafts no decision touched, and are computed again for those one changed", async () => {
    for (const key of Object.keys(calls) as (keyof typeof calls)[]) calls[key] = 0;
    const out = join(dir, "out-0");
    await run({ pipeline: lookahead(), workers: 0, inputs: [input], out });
    const articles = await articlesOf(out);
    expect(articles).toHaveLength(RECORDS);
    const trimmed = articles.filter((a) => a.provenance.removed.some((r) => r.rule === "trim-marked"));
    // a0..a39: ids ending in 3 are a3, a13, a23, a33
    expect(trimmed.map((a) => a.id).sort()).toEqual(["a13", "a23", "a3", "a33"]);
    // count-words' features: once for every draft in the first pass, once more for each trimmed one
    expect(calls.count).toBe(RECORDS + trimmed.length);
    expect(calls.trim).toBe(RECORDS);
    // trim-marked asked to decide with each draft's own features, and got them for every draft
    expect(calls.decideWithFeatures).toBe(RECORDS);
    expect(calls.decideWithout).toBe(0);
    // its state was released once, after the last decision (the trims above show none came after)
    expect(calls.applied).toBe(1);
    expect(calls.decidedBeforeApplied).toBe(RECORDS);
    // and what count-words observed is each article as it was after the trim
    for (const a of articles) {
      const flag = a.provenance.flagged.find((f) => f.rule === "observed-words");
      expect(flag?.text, a.id).toBe(`words ${wordCount(a.text)}`);
    }
  });

  it("give the same records on worker threads", async () => {
    const module = new URL("./support/lookahead-pipeline.ts", import.meta.url).pathname;
    const params = { gazetteer: [], stateDir: null };
    const pipeline = await loadPipeline(module, params);
    const texts: string[] = [];
    for (const workers of [0, 2]) {
      const out = join(dir, `out-w${workers}`);
      await run({ pipeline, pipelineRef: { module, params }, workers, workersAfter: 0, inputs: [input], out });
      texts.push(await readFile(join(out, "articles.jsonl"), "utf8"));
    }
    expect(texts[1]).toBe(texts[0]);
  }, 120_000);
});
