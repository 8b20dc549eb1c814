/**
 * The runner end to end on a mixed folder: every input ends in exactly one output, run.json adds up,
 * bad files become rejected entries, and the outputs do not depend on concurrency.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArticleSchema, DuplicateEntrySchema, RejectedEntrySchema } from "../src/article.ts";
import { loadPipeline } from "../src/cli.ts";
import { run } from "../src/run.ts";
import type { RunStats } from "../src/sinks/stats.ts";

const para = (topic: string, n: number) =>
  `Officials in ${topic} said on Monday that the review of the ${n} contracts would take several more weeks, because auditors had asked for documents that the ministry had not yet handed over to them.`;

function article(topic: string, extra = ""): string {
  return [
    `${topic} audit delayed as ministry withholds papers`,
    "",
    para(topic, 12),
    "",
    `The opposition accused the government in ${topic} of stalling, and said it would raise the matter in parliament when members return from their summer recess next month.`,
    "",
    extra,
    `A spokesperson for the ministry in ${topic} said all the documents would be provided in due course and that the delay was purely administrative.`,
  ].join("\n");
}

let dir = "";
const read = async (out: string, file: string) => (await readFile(join(out, file), "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tidings-run-"));
  const input = join(dir, "in");
  await mkdir(join(input, "site-b"), { recursive: true });
  await writeFile(join(input, "a.txt"), article("Lisbon", "See also  Why audits take so long\n"));
  await writeFile(join(input, "empty.txt"), "");
  await writeFile(join(input, "binary.txt"), Buffer.from([0, 1, 2, 3, 0, 255, 0, 0, 9, 0]));
  await writeFile(join(input, "notes.docx"), "not a kind we read");
  await writeFile(join(input, "README.md"), "# What these dumps are\n\nDocumentation beside the dumps is not an input.\n");
  await writeFile(join(input, "site-b", "b.txt.gz"), gzipSync(article("Porto")));
  await writeFile(join(input, "site-b", "cut.txt.gz"), gzipSync(article("Faro")).subarray(0, 40));
  const lines = [
    JSON.stringify({ id: "j1", url: "https://news.example/a", text: article("Braga") }),
    "{ this is not json",
    JSON.stringify({ id: "j2", text: article("Braga") }),
    JSON.stringify({ id: "j3", html: `<html lang="pt"><head><title>Coimbra audit</title></head><body><article><h1>Coimbra audit delayed</h1><p>${para("Coimbra", 3)}</p><p>${para("Coimbra", 4)}</p></article></body></html>` }),
    JSON.stringify({ id: "j4", text: "Too short." }),
  ];
  await writeFile(join(input, "batch.jsonl"), `${lines.join("\n")}\n`);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function runOnce(out: string, inFlight: number): Promise<RunStats> {
  const pipeline = await loadPipeline("news", { gazetteer: [], stateDir: null });
  return run({ pipeline, inputs: [join(dir, "in")], out: join(dir, out), inFlight, workers: 0 });
}

describe("run", () => {
  it("accounts for every input in exactly one output, and run.json adds up", async () => {
    const stats = await runOnce("out1", 1);
    const articles = await read(join(dir, "out1"), "articles.jsonl");
    const duplicates = await read(join(dir, "out1"), "duplicates.jsonl");
    const rejected = await read(join(dir, "out1"), "rejected.jsonl");
    for (const a of articles) ArticleSchema.parse(a);
    for (const d of duplicates) DuplicateEntrySchema.parse(d);
    for (const r of rejected) RejectedEntrySchema.parse(r);
    // 11 inputs: six files (a, empty, binary, notes.docx, b, cut) and five JSONL lines, one malformed;
    // README.md is documentation, not an input.
    expect(stats.counts.inputs).toBe(11);
    expect(stats.counts.articles + stats.counts.duplicates + stats.counts.rejected).toBe(stats.counts.inputs);
    expect(articles.length).toBe(stats.counts.articles);
    expect(duplicates.length).toBe(stats.counts.duplicates);
    expect(rejected.length).toBe(stats.counts.rejected);
    const runJson = JSON.parse(await readFile(join(dir, "out1", "run.json"), "utf8")) as RunStats;
    expect(runJson.counts).toEqual(stats.counts);
    // what was passed over is counted, not silently dropped
    expect(runJson.inputs.skipped).toEqual({ "documentation file": 1 });
    const keys = [...articles, ...duplicates, ...rejected].map((r) => `${r.source.path}#${r.source.index}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("turns unreadable inputs into rejected entries with reasons", async () => {
    const rejected = await read(join(dir, "out1"), "rejected.jsonl");
    const byPath = new Map(rejected.map((r) => [`${r.source.path}#${r.source.index}`, r]));
    expect(byPath.get("empty.txt#0")?.reason).toMatch(/empty/);
    expect(byPath.get("binary.txt#0")?.reason).toMatch(/binary/);
    expect(byPath.get("notes.docx#0")?.reason).toMatch(/unsupported/);
    expect(byPath.get("site-b/cut.txt.gz#0")?.reason).toMatch(/gzip|truncated/);
    expect(byPath.get("batch.jsonl#1")?.reason).toMatch(/json/i);
    expect(byPath.get("batch.jsonl#4")?.stage).toBe("quality");
    for (const r of rejected) expect(r.detail.length).toBeGreaterThan(5);
  });

  it("keeps ids and sources, removes boilerplate with a reason, and reads HTML from JSONL", async () => {
    const articles = await read(join(dir, "out1"), "articles.jsonl");
    const a = articles.find((x) => x.source.path === "a.txt");
    expect(a.id).toBe("a");
    expect(a.text).not.toContain("See also");
    expect(a.provenance.removed.some((r: { category: string }) => r.category === "related-link")).toBe(true);
    const j1 = articles.find((x) => x.id === "j1");
    expect(j1.url).toBe("https://news.example/a");
    const j3 = articles.find((x) => x.id === "j3");
    expect(j3.language).toBe("pt");
    expect(j3.text).toContain("Officials in Coimbra");
  });

  it("finds the exact duplicate in the JSONL and keeps one copy", async () => {
    const duplicates = await read(join(dir, "out1"), "duplicates.jsonl");
    const articles = await read(join(dir, "out1"), "articles.jsonl");
    const pair = duplicates.find((d) => d.id === "j1" || d.id === "j2");
    expect(pair).toBeDefined();
    const survivor = articles.find((x) => x.id === pair.duplicateOf);
    expect(survivor.duplicates).toContain(pair.id);
  });

  it("writes byte-identical outputs with 1 or 16 articles in flight", async () => {
    await runOnce("out16", 16);
    for (const f of ["articles.jsonl", "duplicates.jsonl", "rejected.jsonl"]) {
      expect(await readFile(join(dir, "out16", f), "utf8"), f).toBe(await readFile(join(dir, "out1", f), "utf8"));
    }
  });

  it("fails the run, with the module's error, when worker threads cannot load the pipeline", async () => {
    const broken = join(dir, "broken-pipeline.ts");
    await writeFile(broken, `throw new Error("this pipeline cannot be loaded");\nexport default () => null;\n`);
    const params = { gazetteer: [], stateDir: null };
    const pipeline = await loadPipeline(new URL("../pipelines/news.ts", import.meta.url).pathname, params);
    const attempt = run({ pipeline, pipelineRef: { module: broken, params }, workers: 1, workersAfter: 0, inputs: [join(dir, "in")], out: join(dir, "out-broken") });
    await expect(attempt).rejects.toThrow(/cannot be loaded/);
  }, 60_000);
});
