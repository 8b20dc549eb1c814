/**
 * The report in a real browser: opened from disk, it shows the run's counts, filters by category,
 * opens an article with the keyboard, shows what was removed and repaired and why, answers a search
 * over removed text, and never runs a script that came in with an article.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReport } from "../../src/report/index.ts";
import { CHROMIUM_PATH, launchChromium } from "./chromium.ts";
import { FIXTURE_ARTICLES, HOSTILE_TITLE, writeFixtureRun } from "./fixture-run.ts";

const hasChromium = existsSync(CHROMIUM_PATH);
/** Screenshots go to a temporary folder unless TIDINGS_SCREENSHOT_DIR names one. */
const screenshotDir = process.env.TIDINGS_SCREENSHOT_DIR ?? join(tmpdir(), "tidings-report-screenshots");

// Skipped when chromium is not installed (CI installs Debian's chromium; browsers cannot be
// downloaded on the build machines). Set TIDINGS_CHROMIUM to use another binary.
describe.skipIf(!hasChromium)(`report.html in chromium (needs ${CHROMIUM_PATH})`, () => {
  let dir = "";
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = await writeFixtureRun(await mkdtemp(join(tmpdir(), "tidings-report-browser-")));
    const report = await writeReport(dir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(pathToFileURL(report.path).href);
    await page.waitForSelector("html[data-index-ready]");
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("shows the run's counts", async () => {
    const count = (name: string) => page.locator(`[data-count="${name}"] .v`).textContent();
    expect(await count("inputs")).toBe("16");
    expect(await count("articles")).toBe(String(FIXTURE_ARTICLES.length));
    expect(await count("duplicates")).toBe("2");
    expect(await count("rejected")).toBe("2");
    expect(await page.locator("#tab-articles .n").textContent()).toBe(`(${FIXTURE_ARTICLES.length})`);
    expect(await page.locator('[data-count="rejected"] .why').textContent()).toBe("quality: not-prose 1 · quality: too-short 1");
    expect(await page.locator("#reason-table").textContent()).toContain("quality: too-short");
    expect(await page.locator("#corpus-table tr", { hasText: "byMethod.near" }).textContent()).toBe("dedupebyMethod.near1");
  });

  it("runs no script that came in with an article, and shows its text as text", async () => {
    expect(await page.evaluate(() => (globalThis as { __injected?: unknown }).__injected)).toBeUndefined();
    expect(await page.locator("#panel-articles .row .title", { hasText: "Council vote" }).textContent()).toBe(HOSTILE_TITLE);
    expect(await page.locator("img").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("filters the articles by category", async () => {
    await page.selectOption("#f-category", { label: "cookie-banner (2)" });
    expect(await page.locator("#tab-articles .n").textContent()).toBe("(2)");
    const titles = await page.locator("#panel-articles .row .title").allTextContents();
    expect(titles.sort()).toEqual(["Spring festival travel rush begins", "U.S. and Japan sign space cooperation agreement"]);
    await page.locator("#clear").click();
    expect(await page.locator("#tab-articles .n").textContent()).toBe(`(${FIXTURE_ARTICLES.length})`);
  });

  it("filters the articles by site, by stage, and by a rule from the chart", async () => {
    await page.selectOption("#f-site", { label: "localnews.example (2)" });
    expect(await page.locator("#tab-articles .n").textContent()).toBe("(2)");
    await page.locator("#clear").click();
    await page.selectOption("#f-stage", { label: "templates" });
    const byStage = await page.locator("#panel-articles .row .title").allTextContents();
    expect(byStage.sort()).toEqual(["Blinken hosts Hayashi for talks", "Markets shrug off summit news"]);
    await page.locator("#clear").click();
    await page.locator('#chart-rules .bar[data-kind="rule"]', { hasText: "repair-text/mojibake" }).click();
    expect(await page.locator("#tab-articles").getAttribute("aria-selected")).toBe("true");
    const titles = await page.locator("#panel-articles .row .title").allTextContents();
    expect(titles.sort()).toEqual(["Café reopens after flood repairs", "State visit brings new defence pact"]);
    await page.locator("#clear").click();
  });

  it("shows a category's removed blocks, with rule and article, from the chart", async () => {
    await page.locator('#chart-categories .bar[data-kind="category"]', { hasText: "comments" }).click();
    expect(await page.locator("#tab-removed").getAttribute("aria-selected")).toBe("true");
    const items = page.locator("#panel-removed .item");
    expect(await items.count()).toBe(3);
    const reply = items.filter({ hasText: "Leave a Reply" });
    expect(await reply.locator("del.removed").getAttribute("title")).toBe("boilerplate/comment-prompt · comments");
    await reply.getByRole("button", { name: "Alliance talks: what was agreed" }).click();
    expect(await page.locator("#detail-title").textContent()).toBe("Alliance talks: what was agreed");
    await page.keyboard.press("Escape");
    expect(await page.locator("#detail").evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(false);
    await page.locator("#clear").click();
  });

  it("searches titles, ids and sites", async () => {
    const articlesFound = async (q: string): Promise<string | null> => {
      await page.locator("#q").fill(q);
      await page.locator("#q").press("Enter");
      return page.locator("#tab-articles .n").textContent();
    };
    await page.locator("#tab-articles").click();
    expect(await articlesFound("CAFÉ REOPENS")).toBe("(1)");
    expect(await page.locator("#panel-articles .row .title").textContent()).toBe("Café reopens after flood repairs");
    expect(await articlesFound("c0ffee00")).toBe("(1)");
    expect(await articlesFound("localnews.example")).toBe("(2)");
    expect(await articlesFound("agreement")).toBe("(1)");
    expect(await articlesFound("no such words anywhere")).toBe("(0)");
    await page.locator("#clear").click();
  });

  it("answers a search over removed text", async () => {
    await page.locator("#q").fill("required fields are marked");
    await page.locator("#q").press("Enter");
    expect(await page.locator("#tab-removed .n").textContent()).toBe("(1)");
    await page.locator("#tab-removed").click();
    expect(await page.locator("#panel-removed .item .line").textContent()).toContain("boilerplate/comment-prompt");
    await page.locator("#clear").click();
    await page.locator("#tab-articles").click();
  });

  it("opens an article with the keyboard and shows what was removed, repaired and flagged", async () => {
    const row = page.locator("#panel-articles .row", { hasText: "U.S. and Japan sign space cooperation agreement" });
    await row.focus();
    await page.keyboard.press("Enter");
    const dialog = page.locator("#detail");
    await expect.poll(() => dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe("detail-close");

    const removed = dialog.locator("del.removed", { hasText: "by admin" });
    expect(await removed.getAttribute("title")).toBe("boilerplate/cms-account-byline · byline");
    type StyleOf = { getComputedStyle(e: unknown): { textDecorationLine: string } };
    expect(await removed.evaluate((e) => (globalThis as unknown as StyleOf).getComputedStyle(e).textDecorationLine)).toContain("line-through");
    const repair = dialog.locator(".repair", { hasText: "Lloyd Austin" });
    expect(await repair.locator("del").textContent()).toBe("Lloyd. Austin");
    expect(await repair.locator("ins").textContent()).toBe("Lloyd Austin");
    expect(await dialog.locator(".flagged .note").textContent()).toBe("probably “Indo-Pacific”");
    expect(await dialog.locator(".clean").textContent()).toContain("Lloyd Austin said the alliance");
    expect(await dialog.textContent()).toContain("dup-wire-1");
    expect(await dialog.textContent()).toContain("Blinken hosts Hayashi for talks");

    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, "report-article.png") });

    await page.keyboard.press("Escape");
    expect(await dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(false);
    expect(await row.evaluate((e) => e === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
    await page.screenshot({ path: join(screenshotDir, "report-overview.png"), fullPage: true });
    expect(errors).toEqual([]);
  });
});
