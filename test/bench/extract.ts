/**
 * Extraction benchmark: tidings against its peers on the ScrapingHub and WCXB page sets, and the
 * text path on whole-page text dumps. Prints one table (tool × data set × precision / recall / F1
 * / pages per second), the metric-port checks, and WCXB metadata agreement.
 *
 *   npm run bench:extract [-- --tools tidings,readability,defuddle --sets scrapinghub,wcxb,text --limit N --pages FILE]
 *
 * `--pages FILE` writes the per-page scores of the text-dump runs (dump, id, precision, recall, F1,
 * title) as tab-separated lines, worst first: the way into what a change did to which page.
 *
 * Reads ../shared/bench (see its README); exits with a message when it is absent.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import { Draft } from "../../src/draft.ts";
import { extractPage } from "../../src/html/extract-page.ts";
import { type Pipeline, definePipeline } from "../../src/pipeline.ts";
import { cleanOne } from "../../src/process.ts";
import { extract } from "../../src/stages/extract.ts";
import { type MeanScores, type PageCounts, type PageF1, bagOfWordsScore, scrapinghubScores, shingleCounts, wcxbScores, wordTokens } from "./metrics.ts";
import { type Peer, htmlToText, loadPeers } from "./peers.ts";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const sharedDir = path.resolve(repoRoot, "../shared");
export const benchDir = path.join(sharedDir, "bench");
export const benchDataExists = existsSync(path.join(benchDir, "scrapinghub")) && existsSync(path.join(benchDir, "wcxb-dev"));

export interface BenchPage {
  id: string;
  html: string;
  url: string | null;
  truth: string;
  title: string | null;
  author: string | null;
  date: string | null;
}

function readGz(file: string): string {
  return gunzipSync(readFileSync(file)).toString("utf8");
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

export function loadScrapingHub(limit = Infinity): BenchPage[] {
  const dir = path.join(benchDir, "scrapinghub");
  const truth = readJson<Record<string, { articleBody?: string; url?: string }>>(path.join(dir, "ground-truth.json"));
  return Object.keys(truth)
    .sort()
    .slice(0, limit)
    .map((id) => ({
      id,
      html: readGz(path.join(dir, "html", `${id}.html.gz`)),
      url: truth[id]?.url ?? null,
      truth: truth[id]?.articleBody ?? "",
      title: null,
      author: null,
      date: null,
    }));
}

interface WcxbTruth {
  url?: string;
  ground_truth: { title?: string | null; author?: string | null; publish_date?: string | null; main_content?: string };
}

export function loadWcxb(limit = Infinity): BenchPage[] {
  const dir = path.join(benchDir, "wcxb-dev");
  return readdirSync(path.join(dir, "html"))
    .filter((f) => f.endsWith(".html.gz"))
    .sort()
    .slice(0, limit)
    .map((file) => {
      const id = file.replace(/\.html\.gz$/, "");
      const gt = readJson<WcxbTruth>(path.join(dir, "ground-truth", `${id}.json`));
      return {
        id,
        html: readGz(path.join(dir, "html", file)),
        url: gt.url ?? null,
        truth: gt.ground_truth.main_content ?? "",
        title: gt.ground_truth.title ?? null,
        author: gt.ground_truth.author ?? null,
        date: gt.ground_truth.publish_date ?? null,
      };
    });
}

/** sha256 of the sorted list of benchmark files with their sizes: changes when the data changes. */
export function dataFingerprint(): string {
  const lines: string[] = [];
  for (const sub of ["scrapinghub/html", "scrapinghub/ground-truth.json", "wcxb-dev/html", "wcxb-dev/ground-truth"]) {
    const abs = path.join(benchDir, sub);
    const files = statSync(abs).isDirectory() ? readdirSync(abs).map((f) => path.join(sub, f)) : [sub];
    for (const f of files) lines.push(`${f}\t${statSync(path.join(benchDir, f)).size}`);
  }
  return createHash("sha256").update(lines.sort().join("\n")).digest("hex");
}

/** The whole-page text dumps scored on the text path (see ../shared/bench/README.md). */
export const TEXT_DUMPS = ["html-text", "inscriptis"] as const;
export type TextDump = (typeof TEXT_DUMPS)[number];

/** sha256 of the files the text-dump figures depend on, with their sizes: changes when they change. */
export function textDataFingerprint(): string {
  const files = ["scrapinghub/ground-truth.json", ...TEXT_DUMPS.map((d) => `scrapinghub/output/${d}.json`)];
  const lines = files.map((f) => `${f}\t${statSync(path.join(benchDir, f)).size}`);
  return createHash("sha256").update(lines.sort().join("\n")).digest("hex");
}

export interface TextDumpRun {
  ids: string[];
  /** Per page: shingle counts of the cleaned text against the gold article body. */
  counts: PageCounts[];
  titles: (string | null)[];
  scores: MeanScores;
  /** The dump as given, scored the same way. */
  raw: MeanScores;
  seconds: number;
}

/** Each page's whole-page text dump cleaned by a pipeline's article stages as a `.txt` input, and scored. */
export async function runTextDump(pipeline: Pipeline, dump: TextDump, limit = Infinity): Promise<TextDumpRun> {
  const dir = path.join(benchDir, "scrapinghub");
  const truth = readJson<Record<string, { articleBody?: string }>>(path.join(dir, "ground-truth.json"));
  let out = readJson<Record<string, unknown>>(path.join(dir, "output", `${dump}.json`));
  if (out.output && typeof out.output === "object") out = out.output as Record<string, unknown>;
  const ids = Object.keys(truth).sort().slice(0, limit);
  const gold = ids.map((id) => truth[id]?.articleBody ?? "");
  const inputs = ids.map((id) => (out[id] as { articleBody?: string } | undefined)?.articleBody ?? "");
  let seconds = 0;
  const counts: PageCounts[] = [];
  const titles: (string | null)[] = [];
  for (const [i, content] of inputs.entries()) {
    const started = performance.now();
    const d = await cleanOne(pipeline, { kind: "text", content }, { id: ids[i] ?? String(i) });
    seconds += (performance.now() - started) / 1000;
    counts.push(shingleCounts(gold[i] ?? "", draftText(d)));
    titles.push(d.meta.title);
  }
  const raw = scrapinghubScores(ids.map((_, i) => shingleCounts(gold[i] ?? "", inputs[i] ?? "")));
  return { ids, counts, titles, scores: scrapinghubScores(counts), raw, seconds };
}

/** Per-page lines of text-dump runs, worst F1 first: dump, id, precision, recall, F1, title. */
export function perPageLines(runs: ReadonlyArray<[TextDump, TextDumpRun]>): string[] {
  const rows: Array<{ f1: number; line: string }> = [];
  for (const [dump, run] of runs) {
    run.counts.forEach(({ tp, fp, fn }, i) => {
      const p = tp + fp > 0 ? tp / (tp + fp) : 0;
      const r = tp + fn > 0 ? tp / (tp + fn) : 0;
      const f1 = p + r > 0 ? (2 * p * r) / (p + r) : 0;
      rows.push({ f1, line: [dump, run.ids[i], fmt(p), fmt(r), fmt(f1), JSON.stringify(run.titles[i] ?? null)].join("\t") });
    });
  }
  return rows.sort((a, b) => a.f1 - b.f1).map((r) => r.line);
}

/** The tidings extraction alone: the extract stage's page function, body text without captions. */
export function tidingsExtractText(page: BenchPage): { text: string; title: string | null; authors: string[]; date: string | null } {
  const result = extractPage(page.html, page.url);
  const text = result.blocks.filter((b) => b.type !== "caption").map((b) => b.text).join("\n\n");
  return { text, title: result.metadata?.title.value ?? null, authors: result.metadata?.authors.value ?? [], date: result.metadata?.publishedAt.value ?? null };
}

/** The default pipeline's article stages, or the extract stage alone when pipelines/news.ts is not there yet. */
export async function loadTidingsPipeline(): Promise<{ pipeline: Pipeline; note: string }> {
  const file = path.join(repoRoot, "pipelines", "news.ts");
  if (existsSync(file)) {
    try {
      const mod = (await import(pathToFileURL(file).href)) as { default: (p: { gazetteer: never[]; stateDir: null }) => Pipeline };
      const pipeline = mod.default({ gazetteer: [], stateDir: null });
      const names = pipeline.stages.filter((s) => s.kind === "article").map((s) => s.name);
      return { pipeline, note: `pipelines/news.ts article stages: ${names.join(" → ")}` };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { pipeline: definePipeline({ name: "extract-only", stages: [extract] }), note: `pipelines/news.ts failed to load (${why}); extract stage alone` };
    }
  }
  return { pipeline: definePipeline({ name: "extract-only", stages: [extract] }), note: "pipelines/news.ts does not exist yet; extract stage alone" };
}

function draftText(draft: Draft): string {
  return draft.rejection ? "" : draft.text();
}

interface Row {
  tool: string;
  set: string;
  scores: MeanScores;
  pagesPerSecond: number;
  note?: string;
}

type SetName = "scrapinghub" | "wcxb";

interface ToolRun {
  texts: string[];
  titles: (string | null)[];
  authors: string[][];
  dates: (string | null)[];
  seconds: number;
}

async function runTool(name: string, pages: BenchPage[], fn: (p: BenchPage) => Promise<{ text: string; title: string | null; authors?: string[]; date?: string | null }>): Promise<ToolRun> {
  const out: ToolRun = { texts: [], titles: [], authors: [], dates: [], seconds: 0 };
  process.stderr.write(`running ${name} on ${pages.length} pages…\n`);
  for (const page of pages) {
    const started = performance.now();
    let r: { text: string; title: string | null; authors?: string[]; date?: string | null };
    try {
      r = await fn(page);
    } catch (error) {
      process.stderr.write(`${name}: page ${page.id} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      r = { text: "", title: null };
    }
    out.seconds += (performance.now() - started) / 1000;
    out.texts.push(r.text);
    out.titles.push(r.title);
    out.authors.push(r.authors ?? []);
    out.dates.push(r.date ?? null);
  }
  return out;
}

function score(set: SetName, pages: BenchPage[], texts: string[]): MeanScores {
  if (set === "scrapinghub") return scrapinghubScores(pages.map((p, i) => shingleCounts(p.truth, texts[i] ?? "")));
  return wcxbScores(pages.map((p, i): PageF1 => bagOfWordsScore(p.truth, texts[i] ?? "")));
}

const lowerTokens = (s: string): string[] => wordTokens(s.toLowerCase());

/**
 * Metadata agreement on WCXB, over the pages whose gold has the field:
 * title — bag-of-words F1 of the lower-cased `\w+` tokens ≥ 0.8 (a site suffix left on a long
 * title still agrees, a different title does not); author — the same test on all names joined;
 * date — the same calendar day (the first 10 characters of both ISO values).
 */
export function agreement(pages: BenchPage[], run: Pick<ToolRun, "titles" | "authors" | "dates">): { title: [number, number]; author: [number, number]; date: [number, number] } {
  const tally = { title: [0, 0] as [number, number], author: [0, 0] as [number, number], date: [0, 0] as [number, number] };
  pages.forEach((p, i) => {
    if (p.title) {
      tally.title[1]++;
      if (bagOfWordsScore(p.title, run.titles[i] ?? "").f1 >= 0.8 && lowerTokens(run.titles[i] ?? "").length > 0) tally.title[0]++;
    }
    if (p.author) {
      tally.author[1]++;
      const got = (run.authors[i] ?? []).join(" ");
      if (got !== "" && bagOfWordsScore(p.author, got).f1 >= 0.8) tally.author[0]++;
    }
    if (p.date) {
      tally.date[1]++;
      if ((run.dates[i] ?? "").slice(0, 10) === p.date.slice(0, 10)) tally.date[0]++;
    }
  });
  return tally;
}

function fmt(n: number): string {
  return n.toFixed(3);
}

function parseArgs(argv: string[]): { tools: Set<string>; sets: Set<string>; limit: number; pages: string | null } {
  const get = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    tools: new Set((get("--tools") ?? "tidings,readability,defuddle").split(",")),
    sets: new Set((get("--sets") ?? "scrapinghub,wcxb,text").split(",")),
    limit: Number(get("--limit") ?? Infinity),
    pages: get("--pages") ?? null,
  };
}

async function main(): Promise<void> {
  if (!benchDataExists) {
    process.stdout.write(`extraction benchmark skipped: ${benchDir} is absent (the shared benchmark data is not on this machine)\n`);
    return;
  }
  const args = parseArgs(process.argv.slice(2));
  const rows: Row[] = [];
  const lines: string[] = [];

  // Check the port of the ScrapingHub metric against the published figures.
  const truth = readJson<Record<string, { articleBody?: string }>>(path.join(benchDir, "scrapinghub", "ground-truth.json"));
  for (const [tool, published] of [["trafilatura", "0.958"], ["readability_js", "0.947"]] as const) {
    let out = readJson<Record<string, unknown>>(path.join(benchDir, "scrapinghub", "output", `${tool}.json`));
    if (out.output && typeof out.output === "object") out = out.output as Record<string, unknown>;
    const pages = Object.keys(truth).map((k) => shingleCounts(truth[k]?.articleBody ?? "", (out[k] as { articleBody?: string } | undefined)?.articleBody ?? ""));
    const s = scrapinghubScores(pages);
    lines.push(`metric check: output/${tool}.json scores F1 ${fmt(s.f1)} (published ${published}), P ${fmt(s.precision)} R ${fmt(s.recall)}`);
  }

  const { pipeline, note } = await loadTidingsPipeline();
  lines.push(`tidings pipeline: ${note}`);
  const peers: Peer[] = (await loadPeers()).filter((p) => args.tools.has(p.name.split("+")[0] as string));
  for (const p of peers) if (p.unavailable) lines.push(`${p.name}: not run: ${p.unavailable}`);

  for (const set of ["scrapinghub", "wcxb"] as const) {
    if (!args.sets.has(set)) continue;
    const pages = set === "scrapinghub" ? loadScrapingHub(args.limit) : loadWcxb(args.limit);
    if (args.tools.has("tidings")) {
      const alone = await runTool("tidings", pages, async (p) => tidingsExtractText(p));
      rows.push({ tool: "tidings (extract)", set, scores: score(set, pages, alone.texts), pagesPerSecond: pages.length / alone.seconds });
      if (set === "wcxb") {
        const a = agreement(pages, alone);
        lines.push(`WCXB metadata agreement, tidings extract: title ${fmt(a.title[0] / a.title[1])} (${a.title[0]}/${a.title[1]}), author ${fmt(a.author[0] / a.author[1])} (${a.author[0]}/${a.author[1]}), date ${fmt(a.date[0] / a.date[1])} (${a.date[0]}/${a.date[1]})`);
      }
      if (pipeline.name !== "extract-only") {
        const full = await runTool("tidings pipeline", pages, async (p) => {
          const d = await cleanOne(pipeline, { kind: "html", content: p.html }, { id: p.id, meta: { url: p.url } });
          return { text: draftText(d), title: d.meta.title, authors: d.meta.authors, date: d.meta.publishedAt };
        });
        rows.push({ tool: "tidings (pipeline)", set, scores: score(set, pages, full.texts), pagesPerSecond: pages.length / full.seconds });
      }
    }
    for (const peer of peers) {
      if (peer.unavailable) continue;
      const run = await runTool(peer.name, pages, async (p) => {
        const r = await peer.run(p.html, p.url);
        return { text: r.html ?? "", title: r.title };
      });
      // Text conversion happens outside the timed part, the same way for every peer.
      run.texts = run.texts.map((h) => htmlToText(h));
      rows.push({ tool: peer.name, set, scores: score(set, pages, run.texts), pagesPerSecond: pages.length / run.seconds });
      if (set === "wcxb") {
        const a = agreement(pages, run);
        lines.push(`WCXB title agreement, ${peer.name}: ${fmt(a.title[0] / a.title[1])} (${a.title[0]}/${a.title[1]})`);
      }
    }
  }

  if (args.sets.has("text") && args.tools.has("tidings")) {
    const runs: Array<[TextDump, TextDumpRun]> = [];
    for (const dump of TEXT_DUMPS) {
      process.stderr.write(`running tidings pipeline on the ${dump} dumps…\n`);
      const run = await runTextDump(pipeline, dump, args.limit);
      runs.push([dump, run]);
      rows.push({ tool: "(dump as given)", set: `text:${dump}`, scores: run.raw, pagesPerSecond: Number.NaN });
      rows.push({ tool: pipeline.name === "extract-only" ? "tidings (no text path yet)" : "tidings (pipeline)", set: `text:${dump}`, scores: run.scores, pagesPerSecond: run.ids.length / run.seconds });
    }
    lines.push(`text dumps data fingerprint: ${textDataFingerprint()}`);
    if (args.pages) {
      writeFileSync(args.pages, `${["dump", "id", "precision", "recall", "F1", "title"].join("\t")}\n${perPageLines(runs).join("\n")}\n`);
      lines.push(`per-page text-dump scores written to ${args.pages}`);
    }
  }

  const header = ["tool", "data set", "pages", "precision", "recall", "F1", "pages/s"];
  const table = rows.map((r) => [r.tool, r.set, String(r.scores.pages), fmt(r.scores.precision), fmt(r.scores.recall), fmt(r.scores.f1), Number.isNaN(r.pagesPerSecond) ? "-" : r.pagesPerSecond.toFixed(1)]);
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => (row[c] ?? "").length)));
  const line = (cells: string[]): string => cells.map((cell, c) => (c >= 2 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join("  ");
  process.stdout.write(`${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${table.map(line).join("\n")}\n\n${lines.join("\n")}\n`);
  process.stdout.write("pages/s: single thread, the tool's own work per page (parse + extraction), same run, same machine\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
