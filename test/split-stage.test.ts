/**
 * A corpus stage written with the split hooks (features/collect, decide/applyDecision) gives the same
 * records whether its per-draft work runs in the main thread or on worker threads, and a stage
 * definition that lacks both forms of a hook is refused at once.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../src/article.ts";
import { loadPipeline } from "../src/cli.ts";
import { run } from "../src/run.ts";
import { definePipeline } from "../src/pipeline.ts";
import { defineCorpusStage, refKey } from "../src/stage.ts";
import { segment } from "../src/stages/segment.ts";
import { jsonlCorpus } from "./support/corpus.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tidings-split-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("split corpus stage", () => {
  it("ranks every article once, with byte-identical outputs on 0 and 2 workers", async () => {
    const module = new URL("./support/rank-pipeline.ts", import.meta.url).pathname;
    const params = { gazetteer: [], stateDir: null };
    const pipeline = await loadPipeline(module, params);
    const input = join(dir, "in.jsonl");
    await writeFile(input, `${[...jsonlCorpus(60, 11, 0)].join("\n")}\n`);
    const outputs: string[] = [];
    for (const workers of [0, 2]) {
      const out = join(dir, `out-${workers}`);
      await run({ pipeline, pipelineRef: { module, params }, workers, workersAfter: 0, inputs: [input], out });
      outputs.push(await readFile(join(out, "articles.jsonl"), "utf8"));
    }
    expect(outputs[1]).toBe(outputs[0]);
    const articles = (outputs[0] as string).trim().split("\n").map((l) => JSON.parse(l) as Article);
    const ranks = articles.map((a) => a.provenance.flagged.filter((f) => f.rule === "length-rank").map((f) => Number(f.text.slice(5))));
    expect(ranks.every((r) => r.length === 1)).toBe(true);
    const flat = ranks.flat().sort((a, b) => a - b);
    expect(flat[0]).toBe(1);
    expect(new Set(flat).size).toBe(flat.length);
    // longer bodies rank before shorter ones
    const byRank = [...articles].sort((a, b) => (ranks[articles.indexOf(a)]?.[0] ?? 0) - (ranks[articles.indexOf(b)]?.[0] ?? 0));
    const lengths = byRank.map((a) => a.text.split(/\s+/).length);
    expect(lengths[0]).toBeGreaterThanOrEqual(lengths[lengths.length - 1] as number);
  }, 120_000);

  it("in the last pass, done in the runner's thread a draft at a time: a decision that fails rejects its draft alone", async () => {
    // the last corpus stage marks every article; applying the mark throws for ids ending in 4
    const mark = defineCorpusStage({
      name: "mark-last",
      description: "Flags every article; fails on ids ending in 4.",
      createState: () => ({ seen: new Set<string>() }),
      features: (draft) => draft.id,
      collect(id: string, ref, state) {
        state.seen.add(refKey(ref));
        void id;
      },
      decide: (ref, state) => (state.seen.has(refKey(ref)) ? ref.id : undefined),
      applyDecision(draft, id: string) {
        if (id.endsWith("4")) throw new Error(`cannot mark ${id}`);
        draft.flag("marked", "last-mark", "marked in the last pass");
      },
    });
    const pipeline = definePipeline({ name: "last", description: "a last pass that fails on some drafts", stages: [segment(), mark()] });
    const input = join(dir, "last.jsonl");
    const lines = [...jsonlCorpus(30, 12, 0)].map((line, i) => JSON.stringify({ ...JSON.parse(line), id: `m${i}` }));
    await writeFile(input, `${lines.join("\n")}\n`);
    const out = join(dir, "out-last");
    const stats = await run({ pipeline, workers: 0, inputs: [input], out });
    const articles = (await readFile(join(out, "articles.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as Article);
    const rejected = (await readFile(join(out, "rejected.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { source: { index: number }; stage: string; reason: string; detail: string });
    // m4, m14, m24
    expect(rejected.map((r) => [r.source.index, r.stage, r.reason])).toEqual([4, 14, 24].map((i) => [i, "mark-last", "stage-error"]));
    expect(rejected[0]?.detail).toMatch(/cannot mark m4/);
    expect(articles).toHaveLength(27);
    for (const a of articles) expect(a.provenance.flagged.map((f) => f.rule)).toContain("last-mark");
    // in input order, and every input accounted for
    expect(articles.map((a) => a.source.index)).toEqual([...Array(30).keys()].filter((i) => i % 10 !== 4));
    expect(stats.counts).toMatchObject({ inputs: 30, articles: 27, rejected: 3, duplicates: 0 });
  });

  it("refuses a corpus stage with neither observe nor features and collect, or neither apply nor decide and applyDecision", () => {
    expect(() => defineCorpusStage({ name: "half", description: "", createState: () => ({}), features: () => 1, apply: () => undefined })).toThrow(/observe, or features and collect/);
    expect(() => defineCorpusStage({ name: "half", description: "", createState: () => ({}), observe: () => undefined, decide: () => 1 })).toThrow(/apply, or decide and applyDecision/);
  });
});
