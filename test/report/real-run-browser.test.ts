/**
 * The report of a real tidings run, in a real browser: the default pipeline runs over a few fixture
 * inputs, and the page must show run.json's counts, filter by a category that run removed, and
 * answer "why is this sentence gone?" with the rule, from the search box and from the article.
 */
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPipeline } from "../../src/cli.ts";
import { writeReport } from "../../src/report/index.ts";
import { run } from "../../src/run.ts";
import type { RunStats } from "../../src/sinks/stats.ts";
import { FIXTURES, inputOf } from "../fixtures.ts";
import { CHROMIUM_PATH, launchChromium } from "./chromium.ts";

const CASES = ["boilerplate-cookie-banner-de", "boilerplate-comment-form", "names-doubled-given-name", "dedupe-exact-same-article-twice", "input-jsonl-malformed-line"];
const hasChromium = existsSync(CHROMIUM_PATH);

// Skipped when chromium is not installed (CI installs Debian's chromium).
describe.skipIf(!hasChromium || !existsSync(FIXTURES))(`report of a real run in chromium (needs ${CHROMIUM_PATH})`, () => {
  let dir = "";
  let browser: Browser;
  let page: Page;
  let stats: RunStats;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tidings-real-report-"));
    for (const name of CASES) {
      const input = inputOf(name);
      await cp(input, join(dir, "in", `${name}${input.slice(input.indexOf("input") + "input".length)}`), { recursive: true });
    }
    const pipeline = await loadPipeline("news", { gazetteer: [], stateDir: null });
    stats = await run({ pipeline, inputs: [join(dir, "in")], out: join(dir, "out"), workers: 0 });
    const report = await writeReport(join(dir, "out"));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(report.path).href);
    await page.waitForSelector("html[data-index-ready]");
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("shows the counts of run.json", async () => {
    const count = (name: string) => page.locator(`[data-count="${name}"] .v`).textContent();
    const runJson = JSON.parse(await readFile(join(dir, "out", "run.json"), "utf8")) as RunStats;
    expect(runJson.counts).toEqual(stats.counts);
    expect(stats.counts.duplicates).toBeGreaterThan(0);
    expect(stats.counts.rejected).toBeGreaterThan(0);
    expect(await count("inputs")).toBe(String(stats.counts.inputs));
    expect(await count("articles")).toBe(String(stats.counts.articles));
    expect(await count("duplicates")).toBe(String(stats.counts.duplicates));
    expect(await count("rejected")).toBe(String(stats.counts.rejected));
  });

  it("filters by a category the run removed, and opens the article that lost it", async () => {
    const option = page.locator("#f-category option", { hasText: "cookie-banner" });
    await page.selectOption("#f-category", { label: (await option.textContent()) as string });
    expect(await page.locator("#tab-articles .n").textContent()).toBe("(1)");
    const row = page.locator("#panel-articles .row").first();
    await row.focus();
    await page.keyboard.press("Enter");
    const dialog = page.locator("#detail");
    await expect.poll(() => dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
    const banner = dialog.locator("del.removed", { hasText: "Wir verwenden Cookies" });
    expect(await banner.getAttribute("title")).toBe("boilerplate/cookie-banner-intl · cookie-banner");
    await page.keyboard.press("Escape");
    await page.locator("#clear").click();
  });

  it("answers 'why is this sentence gone?' from the search box, and shows a repair", async () => {
    await page.locator("#q").fill("Your email address will not be published");
    await page.locator("#q").press("Enter");
    await page.locator("#tab-removed").click();
    expect(await page.locator("#panel-removed .item .line").first().textContent()).toContain("boilerplate/comment-form");
    await page.locator("#clear").click();
    await page.locator("#tab-articles").click();
    const repaired = await readFile(join(dir, "out", "articles.jsonl"), "utf8");
    const withRepair = repaired.split("\n").filter(Boolean).map((l) => JSON.parse(l)).find((a) => a.provenance.repaired.some((r: { stage: string }) => r.stage === "names"));
    expect(withRepair).toBeDefined();
    const row = page.locator("#panel-articles .row", { hasText: withRepair.title });
    await row.focus();
    await page.keyboard.press("Enter");
    const first = withRepair.provenance.repaired.find((r: { stage: string }) => r.stage === "names");
    const repair = page.locator("#detail .repair", { hasText: first.after });
    expect(await repair.locator("del").first().textContent()).toBe(first.before);
    await page.keyboard.press("Escape");
    expect(errors).toEqual([]);
  });
});
