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
import { defineCorpusStage } from "../src/stage.ts";
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

  it("refuses a corpus stage with neither observe nor features and collect, or neither apply nor decide and applyDecision", () => {
    expect(() => defineCorpusStage({ name: "half", description: "", createState: () => ({}), features: () => 1, apply: () => undefined })).toThrow(/observe, or features and collect/);
    expect(() => defineCorpusStage({ name: "half", description: "", createState: () => ({}), observe: () => undefined, decide: () => 1 })).toThrow(/apply, or decide and applyDecision/);
  });
});
