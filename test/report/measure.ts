/**
 * Measures the run report at scale: writes a synthetic run of N inputs (default 100,000) to a
 * temporary folder, times writeReport, prints the size of report.html, then opens it from disk in
 * headless chromium and prints the time until the list has rendered (time to interactive), the
 * time a search takes, and the time to open an article.
 *
 *   node --import tsx test/report/measure.ts [inputs] [--keep]
 *
 * Bars: report.html under 20 MB, interactive within 1 s.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { writeReport } from "../../src/report/index.ts";
import { CHROMIUM_PATH, launchChromium } from "./chromium.ts";
import { writeLargeRun } from "./large-run.ts";

const MB = 1024 * 1024;
const args = process.argv.slice(2);
const inputs = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const keep = args.includes("--keep");

const dir = await mkdtemp(join(tmpdir(), "tidings-report-measure-"));
try {
  let t = performance.now();
  const counts = await writeLargeRun(dir, inputs);
  console.log(`synthetic run: ${inputs} inputs -> ${counts.articles} articles, ${counts.duplicates} duplicates, ${counts.rejected} rejected (${((performance.now() - t) / 1000).toFixed(1)} s to write)`);

  t = performance.now();
  const report = await writeReport(dir);
  const writeMs = performance.now() - t;
  console.log(`writeReport: ${writeMs.toFixed(0)} ms, report.html ${(report.bytes / MB).toFixed(2)} MB (${report.bytes} bytes; bar < 20 MB), heap after ${(process.memoryUsage().heapUsed / MB).toFixed(0)} MB`);

  if (!existsSync(CHROMIUM_PATH)) {
    console.log(`time to interactive: not measured, ${CHROMIUM_PATH} is not installed`);
  } else {
    const browser = await launchChromium();
    try {
      const samples: number[] = [];
      for (let run = 0; run < 3; run++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.goto(pathToFileURL(report.path).href, { timeout: 60_000 });
        await page.waitForSelector("html[data-ready] #panel-articles .row", { timeout: 60_000 });
        const ready = await page.evaluate(() => (globalThis as unknown as { __tidingsReady: number }).__tidingsReady);
        samples.push(ready);
        if (errors.length) console.log(`page errors: ${errors.join("; ")}`);
        if (run === 0) {
          const search = await page.evaluate(async () => {
            const doc = (globalThis as unknown as { document: { querySelector(s: string): { value: string; dispatchEvent(e: unknown): void; textContent: string } } }).document;
            const q = doc.querySelector("#q");
            const status = doc.querySelector("#panel-articles .status");
            const before = status.textContent;
            const start = performance.now();
            q.value = "budget tax";
            q.dispatchEvent(new (globalThis as unknown as { KeyboardEvent: new (t: string, o: unknown) => unknown }).KeyboardEvent("keydown", { key: "Enter" }));
            const took = performance.now() - start;
            return { took, changed: status.textContent !== before, status: status.textContent };
          });
          console.log(`search over ${counts.articles} rows: ${search.took.toFixed(0)} ms (${search.status})`);
          const open = await page.evaluate(() => {
            const doc = (globalThis as unknown as { document: { querySelector(s: string): { click(): void } } }).document;
            const start = performance.now();
            doc.querySelector("#panel-articles .row").click();
            return performance.now() - start;
          });
          console.log(`open an article: ${open.toFixed(0)} ms`);
        }
        await page.close();
      }
      const sorted = [...samples].sort((a, b) => a - b);
      console.log(`time to interactive (performance.now() when the list has rendered, 3 loads): ${samples.map((s) => s.toFixed(0)).join(", ")} ms; median ${sorted[1]?.toFixed(0)} ms (bar < 1000 ms)`);
    } finally {
      await browser.close();
    }
  }
} finally {
  if (keep) console.log(`kept ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
