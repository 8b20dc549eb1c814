import { createHash } from "node:crypto";
import { appendFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HEAD_ROWS, writeReport } from "../../src/report/index.ts";
import { FIXTURE_ARTICLES, FIXTURE_DUPLICATES, FIXTURE_REJECTED, HOSTILE_TITLE, writeFixtureRun } from "./fixture-run.ts";
import { writeLargeRun } from "./large-run.ts";
import { readPageData } from "./page-data.ts";
import { useTempDirs } from "../support/temp-dirs.ts";

const tempDir = useTempDirs("tidings-report-");

async function fixture(run?: unknown): Promise<string> {
  return writeFixtureRun(await tempDir(), run);
}

describe("writeReport", () => {
  it("writes one report.html with the run's counts", async () => {
    const dir = await fixture();
    const written = await writeReport(dir);
    expect(written.path).toBe(join(dir, "report.html"));
    const html = await readFile(written.path, "utf8");
    expect(Buffer.byteLength(html)).toBe(written.bytes);
    const data = readPageData(html);
    expect(data.counts).toEqual({ inputs: 16, articles: FIXTURE_ARTICLES.length, duplicates: FIXTURE_DUPLICATES.length, rejected: FIXTURE_REJECTED.length });
    expect(data.rejectedReasons).toEqual({ "quality: too-short": 1, "quality: not-prose": 1 });
    expect(data.articles.ids.split("\n")).toEqual(FIXTURE_ARTICLES.map((a) => a.id));
    const removals = FIXTURE_ARTICLES.flatMap((a) => a.removed ?? []);
    expect(data.totals.removed).toBe(removals.length);
    const cookies = data.categories.indexOf("cookie-banner");
    expect(data.categoryHits[cookies]).toBe(removals.filter((r) => r[2] === "cookie-banner").length);
    expect(data.stageRemovals).toEqual({ boilerplate: 17, repeats: 1, templates: 2 });
  });

  it("needs nothing outside the file: no external scripts, styles, fonts or links", async () => {
    const dir = await fixture();
    const html = await readFile((await writeReport(dir)).path, "utf8");
    // The only reference: an empty inline icon, so that the browser does not look for favicon.ico.
    expect(html.replace('<link rel="icon" href="data:,">', "")).not.toMatch(/<(script|img|link|iframe)[^>]*\s(src|href)=/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//i);
    expect(html).toContain("default-src &#39;none&#39;");
  });

  it("allows only its own script, by hash", async () => {
    const dir = await fixture();
    const html = await readFile((await writeReport(dir)).path, "utf8");
    const scripts = [...html.matchAll(/<script>([^]*?)<\/script>/g)].map((m) => m[1] ?? "");
    expect(scripts).toHaveLength(1);
    const hash = createHash("sha256").update(scripts[0] ?? "").digest("base64");
    expect(html).toContain(`script-src &#39;sha256-${hash}&#39;`);
  });

  it("never writes article text as markup", async () => {
    const dir = await fixture();
    const html = await readFile((await writeReport(dir)).path, "utf8");
    expect(html).not.toContain("<script>window.__injected");
    expect(html).not.toContain("<img src=x");
    const elements = html.match(/<script[^>]*>/g) ?? [];
    expect(html.match(/<\/script>/g)).toHaveLength(elements.length);
    expect(elements.filter((e) => e === "<script>")).toHaveLength(1);
    const data = readPageData(html);
    expect(data.articles.titles).toContain(HOSTILE_TITLE);
  });

  it("samples full detail deterministically and covers every category and rule", async () => {
    const dir = await fixture();
    const first = readPageData(await readFile((await writeReport(dir, { maxDetail: 8 })).path, "utf8"));
    const again = readPageData(await readFile((await writeReport(dir, { maxDetail: 8 })).path, "utf8"));
    expect(first.details.length).toBe(8);
    expect(first.details.map((d) => d.id)).toEqual(again.details.map((d) => d.id));
    const ruleCovered = new Set(first.details.flatMap((d) => [...d.removed, ...d.repaired, ...d.flagged].map((x) => x[0])));
    const categoryCovered = new Set(first.details.flatMap((d) => d.removed.map((x) => x[1])));
    expect(categoryCovered.size).toBe(first.categories.length);
    expect(ruleCovered.size).toBe(first.rules.length);
    const none = readPageData(await readFile((await writeReport(dir, { maxDetail: 0 })).path, "utf8"));
    expect(none.details).toEqual([]);
  });

  it("sends the first rows with the data and the whole index after the script", async () => {
    const dir = await fixture();
    const html = await readFile((await writeReport(dir)).path, "utf8");
    const head = /id="tidings-data">([^<]*)</.exec(html)?.[1] ?? "{}";
    const headRows = (JSON.parse(head) as { articles: { site: number[] } }).articles.site.length;
    expect(headRows).toBe(Math.min(HEAD_ROWS, FIXTURE_ARTICLES.length));
    expect(html.indexOf('class="tidings-index-part"')).toBeGreaterThan(html.indexOf("<script>"));
  });

  it("still reports a run whose run.json is missing, and skips broken lines", async () => {
    const dir = await fixture(null);
    await appendFile(join(dir, "articles.jsonl"), '{"id": "half a line\n{"no":"id"}\n');
    const data = readPageData(await readFile((await writeReport(dir)).path, "utf8"));
    expect(data.run.problem).toBe("run.json is missing");
    expect(data.counts.inputs).toBe(FIXTURE_ARTICLES.length + FIXTURE_DUPLICATES.length + FIXTURE_REJECTED.length);
    expect(data.malformed.articles).toBe(2);
    expect(data.counts.articles).toBe(FIXTURE_ARTICLES.length);
  });

  it("drops what matters least to stay under its size budget, and says so", async () => {
    const dir = await fixture();
    const full = await writeReport(dir);
    expect(readPageData(await readFile(full.path, "utf8")).trimmed).toEqual([]);
    const smaller = await writeReport(dir, { maxBytes: full.bytes - 1 });
    expect(smaller.bytes).toBeLessThan(full.bytes);
    const data = readPageData(await readFile(smaller.path, "utf8"));
    expect(data.trimmed.length).toBeGreaterThan(0);
    expect(data.counts.articles).toBe(FIXTURE_ARTICLES.length);
    const least = readPageData(await readFile((await writeReport(dir, { maxBytes: 1 })).path, "utf8"));
    expect(least.details).toEqual([]);
    expect(least.removedTexts).toEqual([]);
    expect(least.articles.ids.split("\n")).toHaveLength(FIXTURE_ARTICLES.length);
  });

  it("as a last resort lists only the first articles, and keeps the counts whole", async () => {
    const dir = await tempDir();
    await writeLargeRun(dir, 3000);
    const written = await writeReport(dir, { maxBytes: 300_000 });
    const data = readPageData(await readFile(written.path, "utf8"));
    const rows = data.articles.site.length;
    expect(rows).toBeLessThan(3000);
    expect(rows).toBeGreaterThanOrEqual(50);
    expect(data.articles.ids.split("\n")).toHaveLength(rows);
    expect(data.counts.articles).toBe(3000);
    expect(data.trimmed.at(-1)).toBe(`the article list holds the first ${rows.toLocaleString("en-US")} of 3,000 articles`);
    expect(data.details.every((d) => d.row < rows)).toBe(true);
    expect(written.bytes).toBeLessThan(400_000);
  });

  it("writes an empty report for an empty folder", async () => {
    const dir = await tempDir();
    const data = readPageData(await readFile((await writeReport(dir)).path, "utf8"));
    expect(data.counts).toEqual({ inputs: 0, articles: 0, duplicates: 0, rejected: 0 });
    expect(data.articles.ids).toBe("");
  });
});
