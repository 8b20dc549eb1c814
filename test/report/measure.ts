/**
 * Measures the run report at scale: writes a synthetic run that kept N articles (default 100,000) to a
 * temporary folder, times writeReport and prints the size of report.html, then opens it from disk in
 * headless chromium (three loads) and prints, from inside the page:
 * - first screen: summary, charts and the first page of the list drawn, rows open on click;
 * - full index: every article searchable, filterable and pageable (the time to interactive);
 * - the longest main-thread block in between, the time of one search and of opening an article;
 * - the renderer's CPU time, and the machine's load average (wall times grow with it).
 *
 *   node --import tsx test/report/measure.ts [articles] [--keep] [--dir <run output folder>]
 *
 * With --dir, the report of that folder is measured (nothing is generated or deleted).
 *
 * Bars: report.html under 20 MB, interactive within 1 s.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { writeReport } from "../../src/report/index.ts";
import { readJsonLines } from "../../src/report/read-json-lines.ts";
import { CHROMIUM_PATH, launchChromium } from "./chromium.ts";
import { type LargeRunCounts, writeLargeRun } from "./large-run.ts";

const MB = 1024 * 1024;
const CLOCK_TICKS_PER_SECOND = 100;

/** Fields of /proc/<pid>/stat after the command name: [state, ppid, …, utime at 11, stime at 12]. */
function procStat(pid: string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** CPU time (ms) used so far by the chromium renderers this process started; null without /proc. */
function rendererCpuMs(): number | null {
  if (!existsSync("/proc/self/stat")) return null;
  const parent = new Map<string, string>();
  const renderers: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    const stat = procStat(pid);
    if (!stat) continue;
    parent.set(pid, stat[1] ?? "0");
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--type=renderer")) renderers.push(pid);
    } catch {
      // the process ended while we looked
    }
  }
  const ours = (pid: string): boolean => {
    for (let p = parent.get(pid); p && p !== "0" && p !== "1"; p = parent.get(p)) if (p === String(process.pid)) return true;
    return false;
  };
  let ticks = 0;
  for (const pid of renderers.filter(ours)) {
    const stat = procStat(pid);
    if (stat) ticks += Number(stat[11]) + Number(stat[12]);
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

async function countRun(dir: string): Promise<LargeRunCounts> {
  const lines = async (name: string): Promise<number> => {
    let n = 0;
    for await (const _ of readJsonLines(join(dir, name))) n++;
    return n;
  };
  return { articles: await lines("articles.jsonl"), duplicates: await lines("duplicates.jsonl"), rejected: await lines("rejected.jsonl") };
}
const args = process.argv.slice(2);
const articles = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const given = args.includes("--dir") ? args[args.indexOf("--dir") + 1] : undefined;
const keep = args.includes("--keep") || given !== undefined;

// Timings on a shared machine mean little without its load: print it with them.
const load = (): string => `load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores`;
console.log(`before: ${load()}`);
const dir = given ?? (await mkdtemp(join(tmpdir(), "tidings-report-measure-")));
try {
  let t = performance.now();
  const counts = given ? await countRun(dir) : await writeLargeRun(dir, articles);
  if (!given) console.log(`synthetic run: ${counts.articles} articles kept, ${counts.duplicates} duplicates, ${counts.rejected} rejected (${((performance.now() - t) / 1000).toFixed(1)} s to write)`);

  t = performance.now();
  const report = await writeReport(dir);
  const writeMs = performance.now() - t;
  console.log(`writeReport: ${writeMs.toFixed(0)} ms, report.html ${(report.bytes / MB).toFixed(2)} MB (${report.bytes} bytes; bar < 20 MB), heap after ${(process.memoryUsage().heapUsed / MB).toFixed(0)} MB`);

  if (!existsSync(CHROMIUM_PATH)) {
    console.log(`time to interactive: not measured, ${CHROMIUM_PATH} is not installed`);
  } else {
    const browser = await launchChromium();
    try {
      const firstScreen: number[] = [];
      const fullIndex: number[] = [];
      const cpu: number[] = [];
      for (let run = 0; run < 3; run++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(String(e)));
        // Wall time grows with the machine's load; the CPU time the page's renderer used does not
        // (much): it is close to what the page would take on an idle core.
        const cpuBefore = rendererCpuMs();
        await page.goto(pathToFileURL(report.path).href, { timeout: 60_000 });
        await page.waitForSelector("html[data-index-ready]", { timeout: 60_000 });
        const cpuAfter = rendererCpuMs();
        if (cpuBefore !== null && cpuAfter !== null) cpu.push(cpuAfter - cpuBefore);
        // Both marks are performance.now() in the page: milliseconds since navigation started.
        const marks = (await page.evaluate("[window.__tidingsReady, window.__tidingsIndexReady]")) as [number, number];
        firstScreen.push(marks[0]);
        fullIndex.push(marks[1]);
        if (errors.length) console.log(`page errors: ${errors.join("; ")}`);
        if (run === 0) {
          // Timed inside the page: a search over every title, then opening the first article.
          const search = (await page.evaluate(`(() => {
            const q = document.querySelector("#q");
            const start = performance.now();
            q.value = "budget tax";
            q.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
            return [performance.now() - start, document.querySelector("#panel-articles .status").textContent];
          })()`)) as [number, string];
          console.log(`search over ${counts.articles} titles: ${search[0].toFixed(0)} ms (${search[1]})`);
          const open = (await page.evaluate(`(() => {
            const start = performance.now();
            document.querySelector("#panel-articles .row").click();
            return performance.now() - start;
          })()`)) as number;
          console.log(`open an article: ${open.toFixed(0)} ms`);
        }
        await page.close();
      }
      // Is the first screen usable while the index is still being read? A 5 ms timer in the page
      // shows the longest stretch the main thread was busy between the first screen and the index.
      {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.addInitScript(`window.__ticks = []; (function tick() { window.__ticks.push(performance.now()); setTimeout(tick, 5); })();`);
        await page.goto(pathToFileURL(report.path).href, { timeout: 60_000 });
        await page.waitForSelector("html[data-index-ready]", { timeout: 60_000 });
        const longest = (await page.evaluate(`(() => {
          const t = window.__ticks, from = window.__tidingsReady, to = window.__tidingsIndexReady;
          let worst = 0;
          for (let i = 1; i < t.length; i++) if (t[i] > from && t[i - 1] < to) worst = Math.max(worst, t[i] - t[i - 1]);
          return worst;
        })()`)) as number;
        console.log(`longest main-thread block between first screen and full index: ${longest.toFixed(0)} ms`);
        await page.close();
      }
      const median = (xs: number[]): string => ([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0).toFixed(0);
      const list = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(", ");
      console.log(`first screen interactive (summary, charts, first page of the list; rows open): ${list(firstScreen)} ms; median ${median(firstScreen)} ms (bar < 1000 ms)`);
      console.log(`full index read (search, filters and paging over every article): ${list(fullIndex)} ms; median ${median(fullIndex)} ms`);
      if (cpu.length) console.log(`renderer CPU time from navigation to full index (all its threads): ${list(cpu)} ms; median ${median(cpu)} ms`);
      console.log(`after: ${load()}`);
    } finally {
      await browser.close();
    }
  }
} finally {
  if (keep) console.log(`kept ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
