/**
 * Features computed ahead: when corpus stages follow one another with no article stage between, the
 * first pass computes the features of all of them, and a later pass sees only the drafts that an
 * earlier decision changed. What each stage observes must be what it would have observed anyway.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../src/article.ts";
import { loadPipeline } from "../src/cli.ts";
import { FeaturesAheadHint, passesOf } from "../src/pass.ts";
import { run } from "../src/run.ts";
import { wordCount } from "../src/text/measure.ts";
import news from "../pipelines/news.ts";
import lookahead, { calls, mostTrimmed } from "./support/lookahead-pipeline.ts";
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

describe("the hint on features ahead", () => {
  it("wants them until more than half of the last drafts look to be changed, and again when fewer do", () => {
    const hint = new FeaturesAheadHint();
    // the first 16 drafts are seen before it may say no
    for (let i = 0; i < 15; i++) hint.see(true);
    expect(hint.wanted).toBe(true);
    hint.see(true);
    expect(hint.wanted).toBe(false);
    // a run of drafts that nothing will change brings them back
    let k = 0;
    while (!hint.wanted && k < 200) {
      hint.see(false);
      k++;
    }
    expect(k).toBeGreaterThan(10);
    expect(k).toBeLessThan(64);
    // half and half, alternating: wanted (a share of one half is not more than half)
    const even = new FeaturesAheadHint();
    for (let i = 0; i < 300; i++) even.see(i % 2 === 0);
    expect(even.wanted).toBe(true);
    const most = new FeaturesAheadHint();
    for (let i = 0; i < 300; i++) most.see(i % 3 !== 0);
    expect(most.wanted).toBe(false);
  });
});

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

  it("are not computed while most drafts look to be changed by the next decision, with the same records", async () => {
    const runs: { count: number; skipped: number; articles: string }[] = [];
    for (const hinted of [false, true]) {
      for (const key of Object.keys(calls) as (keyof typeof calls)[]) calls[key] = 0;
      const out = join(dir, `out-most-${hinted}`);
      const logs: { msg?: string; pass?: number; withoutFeaturesAhead?: number }[] = [];
      const log = pino({ level: "debug" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
      await run({ pipeline: mostTrimmed(hinted), workers: 0, inputs: [input], out, log });
      const first = logs.find((l) => l.msg === "pass done" && l.pass === 1);
      runs.push({ count: calls.count, skipped: first?.withoutFeaturesAhead ?? -1, articles: await readFile(join(out, "articles.jsonl"), "utf8") });
    }
    const [plain, hinted] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(hinted.articles).toBe(plain.articles);
    // ids not ending in 7: 36 of 40 are trimmed, so without the hint 76 counts (40, then 36 again)
    expect(plain.skipped).toBe(0);
    expect(plain.count).toBe(RECORDS + 36);
    // with it, the first drafts are counted ahead until most look trimmed; the rest (a suffix of the
    // input) only in the second pass, the untrimmed among them too, as none were counted ahead
    expect(hinted.skipped).toBeGreaterThan(RECORDS / 2);
    const skippedUntrimmed = Array.from({ length: hinted.skipped }, (_, k) => `a${RECORDS - hinted.skipped + k}`).filter((id) => id.endsWith("7")).length;
    expect(hinted.count).toBe(RECORDS - hinted.skipped + 36 + skippedUntrimmed);
    expect(hinted.count).toBeLessThan(plain.count);
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
