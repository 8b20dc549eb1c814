/**
 * Safe by construction, and unbreakable by input: no script in a page runs, no network is touched,
 * inputs cannot write outside --out or pollute prototypes, no rule regex can backtrack
 * catastrophically, pathological pages end as an article or a rejected entry, and an article that
 * hangs a stage is stopped by the time limit while the run goes on.
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkSync } from "recheck";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import news from "../pipelines/news.ts";
import { loadPipeline } from "../src/cli.ts";
import { definePipeline, extendPipeline } from "../src/pipeline.ts";
import { cleanOne } from "../src/process.ts";
import { run } from "../src/run.ts";
import { defineStage } from "../src/stage.ts";
import { segment } from "../src/stages/segment.ts";

const pipeline = news();
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tidings-safety-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const prose = (n: number) =>
  `<p>The harbour master said on Monday that ${n} ships had been turned away during the storm, and that the port would reopen once divers had checked the breakwater for damage.</p>`;

const hostile = `<!doctype html><html><head><title>Storm closes port</title>
<script>globalThis.__tidingsPwned = true;</script>
<script src="https://evil.example/x.js"></script>
<link rel="stylesheet" href="https://evil.example/s.css"><meta http-equiv="refresh" content="0;url=https://evil.example/">
</head><body onload="globalThis.__tidingsPwned = true"><article><h1>Storm closes port</h1>
<img src="https://evil.example/pixel.gif" onerror="globalThis.__tidingsPwned = true">
${prose(1)}${prose(2)}<iframe src="https://evil.example/frame"></iframe>${prose(3)}
<svg onload="globalThis.__tidingsPwned = true"><script>globalThis.__tidingsPwned = true</script></svg></article></body></html>`;

describe("safe by construction", () => {
  it("never runs a page's scripts and never opens a connection", async () => {
    const calls: string[] = [];
    const saved = { connect: net.Socket.prototype.connect, http: http.request, https: https.request, fetch: globalThis.fetch };
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      calls.push(`socket ${JSON.stringify(args[0])}`);
      return saved.connect.apply(this, args as never);
    } as typeof net.Socket.prototype.connect;
    (http as { request: unknown }).request = (...args: unknown[]) => {
      calls.push("http");
      return (saved.http as (...a: unknown[]) => unknown)(...args);
    };
    (https as { request: unknown }).request = (...args: unknown[]) => {
      calls.push("https");
      return (saved.https as (...a: unknown[]) => unknown)(...args);
    };
    globalThis.fetch = (async () => {
      calls.push("fetch");
      throw new Error("no network");
    }) as typeof fetch;
    try {
      const d = await cleanOne(pipeline, { kind: "html", content: hostile });
      expect(d.rejection).toBeNull();
      expect(d.text()).toContain("turned away during the storm");
      expect(d.text()).not.toMatch(/__tidingsPwned|evil\.example/);
    } finally {
      net.Socket.prototype.connect = saved.connect;
      (http as { request: unknown }).request = saved.http;
      (https as { request: unknown }).request = saved.https;
      globalThis.fetch = saved.fetch;
    }
    expect((globalThis as { __tidingsPwned?: boolean }).__tidingsPwned).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it("writes only its own files in --out, whatever the inputs' ids, paths and URLs say", async () => {
    const input = join(dir, "in.jsonl");
    const text = prose(4).replace(/<\/?p>/g, "");
    const lines = [
      { id: "../../../../tmp/escape", text: `${text} ${text}` },
      { id: "/etc/passwd", url: "file:///etc/passwd", text: `${text} Then again: ${text}` },
      { id: "a/../../b", site: "../..", text: `${text} And so: ${text}` },
      { __proto__: { polluted: "yes" }, constructor: { prototype: { polluted: "yes" } }, text: `${text} Finally, ${text}` },
    ].map((l) => JSON.stringify(l).replace('"polluted":"yes"}', '"polluted":"yes"}'));
    await writeFile(input, `${lines.map((l, i) => (i === 3 ? l.replace("{", '{"__proto__":{"polluted":"yes"},') : l)).join("\n")}\n`);
    const before = await readdir(dir);
    const out = join(dir, "out");
    const stats = await run({ pipeline, inputs: [input], out, workers: 0 });
    expect(stats.counts.inputs).toBe(4);
    expect((await readdir(out)).sort()).toEqual(["articles.jsonl", "duplicates.jsonl", "rejected.jsonl", "run.json"]);
    expect((await readdir(dir)).sort()).toEqual([...before, "out"].sort());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});

/** Every pattern in the rule tables, with its flags. */
function rulePatterns(): Array<{ where: string; source: string; flags: string }> {
  const rulesDir = new URL("../src/stages/rules/", import.meta.url).pathname;
  const found: Array<{ where: string; source: string; flags: string }> = [];
  const walk = (x: unknown, where: string): void => {
    if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${where}[${i}]`));
    else if (x && typeof x === "object") {
      const o = x as Record<string, unknown>;
      const flags = typeof o.flags === "string" ? o.flags : "";
      for (const key of ["pattern", "requires"]) {
        if (typeof o[key] === "string") found.push({ where: `${where}.${key}`, source: o[key] as string, flags: `u${flags}` });
      }
      for (const [k, v] of Object.entries(o)) if (typeof v === "object") walk(v, `${where}.${k}`);
    }
  };
  for (const f of readdirSync(rulesDir).filter((f) => f.endsWith(".json"))) walk(JSON.parse(readFileSync(join(rulesDir, f), "utf8")), f);
  return found;
}

describe("unbreakable by input", () => {
  it("has no rule pattern that can backtrack catastrophically (checked by recheck)", () => {
    const patterns = rulePatterns();
    expect(patterns.length).toBeGreaterThan(20);
    const unsafe = patterns
      .map((p) => ({ ...p, status: checkSync(p.source, p.flags.replace(/[^gimsuy]/g, ""), { timeout: 10_000, randomSeed: 42 }).status }))
      .filter((p) => p.status === "vulnerable");
    expect(unsafe.map((p) => `${p.where}: ${p.source}`)).toEqual([]);
  }, 300_000);

  it("cleans text built to make regexes backtrack, and pathological pages, without hanging or throwing", async () => {
    const texts = [
      "a".repeat(200_000),
      `${"word ".repeat(40_000)}!`,
      `See also ${" ".repeat(50_000)}x`,
      `${"(".repeat(30_000)}${")".repeat(30_000)}`,
      `${"Lloyd. ".repeat(20_000)}Austin`,
      `${"A".repeat(50_000)}b${"C".repeat(50_000)}`,
      `${"[".repeat(20_000)}January 1, 2023${"]".repeat(20_000)}`,
      "\n".repeat(100_000),
    ];
    for (const content of texts) {
      const d = await cleanOne(pipeline, { kind: "text", content });
      expect(d.rejection === null || d.rejection.reason.length > 0).toBe(true);
    }
    const deep = `<html><body>${"<div>".repeat(100_000)}<p>${prose(5)}</p>${"</div>".repeat(100_000)}</body></html>`;
    const big = `<html><body><article>${prose(6).repeat(120_000)}</article></body></html>`;
    expect(big.length).toBeGreaterThan(20_000_000);
    for (const content of [deep, big, "<".repeat(100_000), `<p>${"<b>".repeat(50_000)}x`]) {
      const d = await cleanOne(pipeline, { kind: "html", content });
      expect(d.rejection === null || d.rejection.reason.length > 0).toBe(true);
    }
  }, 300_000);

  it("carries a draft with 200,000 removals through every pass, and reads a page whose JSON-LD holds 300,000 values", async () => {
    // Both overflowed the stack once (a list spread into a call): the run failed, or the page was rejected.
    const text = `${prose(8).replace(/<\/?p>/g, "")}\n\n${"Home > News > World\n".repeat(200_000)}${prose(9).replace(/<\/?p>/g, "")}`;
    const ld = `<script type="application/ld+json">[${"1,".repeat(300_000)}{"@type":"NewsArticle","headline":"Storm closes port"}]</script>`;
    const html = `<html><head><title>Storm closes port</title>${ld}</head><body><article>${prose(10)}${prose(11)}</article></body></html>`;
    await writeFile(join(dir, "crumbs.txt"), text);
    await writeFile(join(dir, "ld.html"), html);
    const out = join(dir, "big-lists-out");
    // (segment reads 20,000 lines of a dump by default: this one is read whole)
    const whole = definePipeline({ name: "whole", stages: pipeline.stages.map((s) => (s.name === "segment" ? segment({ maxBlocks: 300_000 }) : s)) });
    const stats = await run({ pipeline: whole, workers: 0, inputs: [join(dir, "crumbs.txt"), join(dir, "ld.html")], out });
    expect(stats.counts).toMatchObject({ inputs: 2, articles: 2, rejected: 0 });
    const articles = (await readFile(join(out, "articles.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    const crumbs = articles.find((a) => a.id === "crumbs");
    expect(crumbs.provenance.removed.length).toBeGreaterThanOrEqual(199_999);
    expect(articles.find((a) => a.id === "ld")?.title).toBe("Storm closes port");
  }, 120_000);

  /**
   * Runs the hang pipeline over a record, one that hangs a stage, and `after` records more, and checks
   * that only the hanging one is rejected, with `time-limit`, and all the others come out.
   */
  async function runWithHang(name: string, options: { workersAfter?: number; articleTimeoutMs: number; batchSize?: number }, after = 1) {
    const module = new URL("./support/hang-pipeline.ts", import.meta.url).pathname;
    const params = { gazetteer: [], stateDir: null };
    const hanging = await loadPipeline(module, params);
    const text = prose(7).replace(/<\/?p>/g, "");
    const input = join(dir, `${name}.jsonl`);
    const others = Array.from({ length: after }, (_, k) => ({ id: `ok${k + 2}`, text: `${text} Again (${k}), ${text}` }));
    await writeFile(input, `${[{ id: "ok1", text: `${text} ${text}` }, { id: "hang", text }, ...others].map((l) => JSON.stringify(l)).join("\n")}\n`);
    const out = join(dir, `${name}-out`);
    const stats = await run({ pipeline: hanging, pipelineRef: { module, params }, workers: 1, ...options, inputs: [input], out });
    expect(stats.counts.inputs).toBe(2 + after);
    const rejected = (await readFile(join(out, "rejected.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(rejected, JSON.stringify(rejected)).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ stage: "hang", reason: "time-limit", source: { index: 1 } });
    expect(stats.counts.articles + stats.counts.duplicates).toBe(1 + after);
    return { hanging, text };
  }

  it("stops an article that hangs a stage at the time limit, and the run goes on", async () => {
    // workers from the first record: the hang is on a worker, stopped by the runner's watchdog
    await runWithHang("hang", { workersAfter: 0, articleTimeoutMs: 3000 });
  }, 120_000);

  it("runs again, not rejected, the batches a worker held behind one it was stopped in", async () => {
    // One draft a batch: the worker holds the next batches while it hangs on the second; stopping it
    // fails those too, before they began, and they run again on the worker that replaces it.
    await runWithHang("hang-queued", { workersAfter: 0, articleTimeoutMs: 3000, batchSize: 1 }, 4);
  }, 120_000);

  it("stops an article that hangs a stage in the main thread while workers start, and the run goes on", async () => {
    // Three records: too few for the run to start its workers, so all are cleaned in the main thread,
    // where the hang must be stopped mid-stage as a worker's would be.
    const { hanging, text } = await runWithHang("hang-here", { articleTimeoutMs: 1500 });
    // the thread goes on working after the stop: the same pipeline cleans a record as before
    const after = await cleanOne(hanging, { kind: "text", content: `${text} ${text}` }, { id: "later" });
    expect(after.rejection).toBeNull();
  }, 120_000);

  it("takes a time limit longer than the engine's watchdog can count (2^32 ms) as no limit", async () => {
    const input = join(dir, "long-limit.jsonl");
    const text = prose(10).replace(/<\/?p>/g, "");
    await writeFile(input, `${JSON.stringify({ id: "a", text: `${text} ${text}` })}\n`);
    const module = new URL("../pipelines/news.ts", import.meta.url).pathname;
    const params = { gazetteer: [], stateDir: null };
    // workers: 1 with a single record: cleaned in the main thread, under the engine's watchdog
    const stats = await run({ pipeline, pipelineRef: { module, params }, workers: 1, articleTimeoutMs: 1e12, inputs: [input], out: join(dir, "long-limit-out") });
    expect(stats.counts).toMatchObject({ inputs: 1, articles: 1, rejected: 0 });
  }, 60_000);

  it("stops an article whose stages run long in the main thread, at the next stage, and the run goes on", async () => {
    // A stage that takes 1.5 s on one article, then another article stage: with a limit of 500 ms
    // the slow article is rejected as that stage returns (the main thread cannot stop a stage midway).
    let after = 0;
    const slow = defineStage({
      name: "slow",
      description: "Takes 1.5 s on the article with id 'slow'.",
      run(draft) {
        if (draft.id !== "slow") return;
        const until = performance.now() + 1500;
        while (performance.now() < until);
      },
    });
    const next = defineStage({
      name: "next",
      description: "Counts the articles it sees.",
      run(draft) {
        if (draft.id === "slow") after++;
      },
    });
    const slowPipeline = extendPipeline(news(), { name: "slow", after: "segment", stages: [slow, next] });
    const text = prose(8).replace(/<\/?p>/g, "");
    const input = join(dir, "slow.jsonl");
    const lines = [{ id: "fast1", text: `${text} ${text}` }, { id: "slow", text }, { id: "fast2", text: `${text} Again, ${text}` }];
    await writeFile(input, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    // The first article through a fresh pipeline pays for its lazy set-up (word lists, patterns):
    // done here, so that the limit measures the stages alone.
    await cleanOne(slowPipeline, { kind: "text", content: text });
    for (const limit of [500, 60_000]) {
      after = 0;
      const out = join(dir, `slow-out-${limit}`);
      const stats = await run({ pipeline: slowPipeline, workers: 0, articleTimeoutMs: limit, inputs: [input], out });
      expect(stats.counts.inputs).toBe(3);
      expect(stats.counts.articles + stats.counts.duplicates + stats.counts.rejected).toBe(3);
      const rejectedText = (await readFile(join(out, "rejected.jsonl"), "utf8")).trim();
      if (limit === 60_000) {
        // under the limit, nothing is stopped
        expect(rejectedText).toBe("");
        expect(after).toBe(1);
        continue;
      }
      const rejected = rejectedText.split("\n").map((l) => JSON.parse(l));
      expect(rejected, rejectedText).toHaveLength(1);
      expect(rejected[0]).toMatchObject({ stage: "slow", reason: "time-limit", source: { index: 1 } });
      expect(rejected[0].detail).toContain("500 ms");
      // stopped: no later stage saw it
      expect(after).toBe(0);
      expect(stats.counts.articles + stats.counts.duplicates).toBe(2);
    }
  }, 60_000);
});
