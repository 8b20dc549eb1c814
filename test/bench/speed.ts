/**
 * bench:speed: throughput, peak memory and the ratio to the floor (reading and parsing the same
 * input without cleaning it), on generated corpora of text dumps and ~100 KB HTML pages (JSONL), and
 * a folder of small text files (one article each), with 1 and 2 worker threads; and, with --memory,
 * peak memory for growing numbers of JSONL records.
 *
 *   npm run bench:speed                         text 100 MB, 2000 pages, 5000 files, workers 1 and 2
 *   npm run bench:speed -- --text-mb 20 --pages 300 --files 1000 --workers 2   (--files 0: no folder)
 *   npm run bench:speed -- --repeat 3               each configuration 3 times, in turns; the best is printed
 *   npm run bench:speed -- --memory 10000,1000000
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { article, jsonlCorpus, rng } from "../support/corpus.ts";
import { page } from "../support/pages.ts";

const CACHE = new URL("./.cache/", import.meta.url).pathname;
const CHILD = new URL("./speed-child.ts", import.meta.url).pathname;

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(`${line}\n`)) await once(out, "drain");
  out.end();
  await once(out, "finish");
}

function* textLines(mb: number): Generator<string> {
  let bytes = 0;
  let i = 0;
  for (const line of jsonlCorpus(Number.MAX_SAFE_INTEGER, 5, 0.03)) {
    yield line;
    bytes += line.length + 1;
    if (bytes >= mb * 1024 * 1024 || ++i > 1e7) return;
  }
}

function* pageLines(n: number): Generator<string> {
  for (let i = 0; i < n; i++) yield JSON.stringify({ id: `page${i}`, url: `https://daily.example/news/${i}`, html: page(i + 1) });
}

/**
 * A folder of `n` small text files, one article each (~2 KB, the junk of text dumps in some), as a
 * scraper that saves each story to its own file leaves them; written once, then kept.
 */
function writeFiles(dir: string, n: number): void {
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const r = rng(5);
  for (let i = 0; i < n; i++) {
    const sub = join(partial, `day-${String(Math.floor(i / 500)).padStart(2, "0")}`);
    if (i % 500 === 0) mkdirSync(sub, { recursive: true });
    const a = article(r, `f${i}`);
    writeFileSync(join(sub, `story-${i}.txt`), a.text.split("\n\n").slice(0, 6).join("\n\n"));
  }
  renameSync(partial, dir);
}

/** Bytes of the files under a path (the file's own for a file). */
function sizeOf(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Short records (about 70 words) for the memory bench, so a million fit on disk. */
function* shortLines(n: number): Generator<string> {
  const r = rng(9);
  for (let i = 0; i < n; i++) {
    const a = article(r, `s${i}`, false);
    yield JSON.stringify({ id: `s${i}`, text: a.text.split("\n\n").slice(0, 3).join("\n\n").slice(0, 600) });
  }
}

interface ChildResult {
  mode: string;
  seconds: number;
  records: number;
  maxRssMiB: number;
  stateBytes?: Record<string, number>;
}

function child(mode: string, input: string, workers: number): ChildResult {
  const out = join(CACHE, `out-${mode}-${workers}`);
  rmSync(out, { recursive: true, force: true });
  const r = spawnSync(process.execPath, ["--import", "tsx", CHILD, mode, input, out, String(workers)], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
    env: { ...process.env, TIDINGS_LOG_LEVEL: "warn" },
  });
  if (r.status !== 0) throw new Error(`bench child failed (${mode} ${input}): ${r.stderr}`);
  rmSync(out, { recursive: true, force: true });
  return JSON.parse(r.stdout.trim().split("\n").pop() as string) as ChildResult;
}

const rows: string[][] = [];
const notes: string[] = [];
const head = ["input", "workers", "records", "MB", "seconds", "range s", "MB/s", "records/s", "peak RSS MiB", "floor s", "x floor"];

async function throughput(): Promise<void> {
  const textMb = Number(arg("text-mb", "100"));
  const pages = Number(arg("pages", "2000"));
  const workers = arg("workers", "1,2").split(",").map(Number);
  // Each configuration runs `repeat` times, the configurations taking turns, and its best time is
  // printed: on a shared machine a single run can be a third slower than the next.
  const repeat = Math.max(1, Number(arg("repeat", "1")));
  mkdirSync(CACHE, { recursive: true });
  const files = Number(arg("files", "5000"));
  const text = join(CACHE, `text-${textMb}mb.jsonl`);
  const html = join(CACHE, `pages-${pages}.jsonl`);
  const folder = join(CACHE, `files-${files}`);
  if (!existsSync(text)) await writeLines(text, textLines(textMb));
  if (!existsSync(html)) await writeLines(html, pageLines(pages));
  if (files > 0 && !existsSync(folder)) writeFiles(folder, files);
  const inputs: [string, string, string][] = [
    ["text dumps (JSONL)", text, "read"],
    ["HTML pages ~100 KB (JSONL)", html, "parse-html"],
    ...(files > 0 ? [["small text files (a folder)", folder, "read"] as [string, string, string]] : []),
  ];
  for (const [label, input, floorMode] of inputs) {
    const mb = sizeOf(input) / (1024 * 1024);
    const configs: { mode: string; workers: number; runs: ChildResult[] }[] = [
      { mode: floorMode, workers: 0, runs: [] },
      ...workers.map((w) => ({ mode: "run", workers: w, runs: [] as ChildResult[] })),
    ];
    for (let r = 0; r < repeat; r++) for (const config of configs) config.runs.push(child(config.mode, input, config.workers));
    const best = (runs: ChildResult[]) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const spread = (runs: ChildResult[]) => (runs.length > 1 ? `${Math.min(...runs.map((x) => x.seconds)).toFixed(1)}-${Math.max(...runs.map((x) => x.seconds)).toFixed(1)}` : "-");
    const [floorConfig, ...runConfigs] = configs as [(typeof configs)[0], ...typeof configs];
    const floor = best(floorConfig.runs);
    rows.push([`${label}: floor (${floorMode})`, "-", String(floor.records), mb.toFixed(1), floor.seconds.toFixed(2), spread(floorConfig.runs), (mb / floor.seconds).toFixed(1), (floor.records / floor.seconds).toFixed(0), floor.maxRssMiB.toFixed(0), "-", "1.0"]);
    for (const config of runConfigs) {
      const r = best(config.runs);
      rows.push([label, String(config.workers), String(r.records), mb.toFixed(1), r.seconds.toFixed(2), spread(config.runs), (mb / r.seconds).toFixed(1), (r.records / r.seconds).toFixed(0), r.maxRssMiB.toFixed(0), floor.seconds.toFixed(2), (r.seconds / floor.seconds).toFixed(1)]);
    }
    // each worker count beside one worker (or the first configuration when one worker was not run)
    const bests = runConfigs.map((c) => ({ workers: c.workers, seconds: best(c.runs).seconds }));
    const one = bests.find((b) => b.workers === 1) ?? bests[0];
    for (const b of bests) {
      if (one && b !== one && b.workers > one.workers) {
        notes.push(`${label}: ${b.workers} workers / ${one.workers}: ${(one.seconds / b.seconds).toFixed(2)}x the throughput (best of ${repeat})`);
      }
    }
  }
}

async function memory(): Promise<void> {
  const sizes = arg("memory", "10000,1000000").split(",").map(Number);
  mkdirSync(CACHE, { recursive: true });
  const peaks: { n: number; peak: number; stateMiB: number; dedupeMiB: number }[] = [];
  for (const n of sizes) {
    const input = join(CACHE, `short-${n}.jsonl`);
    if (!existsSync(input)) await writeLines(input, shortLines(n));
    const mb = statSync(input).size / (1024 * 1024);
    const r = child("run", input, Number(arg("workers", "2")));
    rows.push([`short records x ${n}`, arg("workers", "2"), String(r.records), mb.toFixed(1), r.seconds.toFixed(2), "-", (mb / r.seconds).toFixed(1), (r.records / r.seconds).toFixed(0), r.maxRssMiB.toFixed(0), "-", "-"]);
    const state = Object.entries(r.stateBytes ?? {});
    const total = state.reduce((sum, [, b]) => sum + b, 0);
    const stateMiB = (total * r.records) / 2 ** 20;
    notes.push(`short records x ${n}: corpus state in memory ${total} B/article (${state.map(([s, b]) => `${s} ${b}`).join(", ")}) = ${stateMiB.toFixed(0)} MiB`);
    peaks.push({ n, peak: r.maxRssMiB, stateMiB, dedupeMiB: ((r.stateBytes?.dedupe ?? 0) * r.records) / 2 ** 20 });
  }
  const [small, large] = [peaks[0], peaks[peaks.length - 1]];
  if (small && large && large.n > small.n) {
    notes.push(
      `peak RSS x ${large.n} / x ${small.n}: ${(large.peak / small.peak).toFixed(2)} (bar <= 1.5); ` +
        `less the corpus state each stage reports: ${((large.peak - large.stateMiB) / (small.peak - small.stateMiB)).toFixed(2)}; ` +
        `less dedupe's index alone: ${((large.peak - large.dedupeMiB) / (small.peak - small.dedupeMiB)).toFixed(2)}`,
    );
  }
}

/**
 * What two threads can do on this machine beside one, for two kinds of work with no pipeline in it:
 * arithmetic on a small array (the cores alone) and reads scattered over 64 MiB (the memory the cores
 * share). A run's two-worker gain lies between the two: its work allocates and reads much memory.
 */
async function machineScaling(): Promise<string> {
  const { Worker } = await import("node:worker_threads");
  const kernels: Record<string, string> = {
    compute:
      "let h = 0; const a = new Float64Array(1 << 16); for (let r = 0; r < 1500; r++) for (let i = 0; i < a.length; i++) { h = (h * 31 + i) | 0; a[i] += h & 7; }",
    memory:
      "const a = new Uint32Array(1 << 24); let s = 0; for (let r = 0; r < 12; r++) for (let i = 0; i < a.length; i += 16) { a[i] += r; s += a[(i * 7919) & (a.length - 1)]; }",
  };
  const source = (body: string) =>
    `const { parentPort } = require("node:worker_threads"); function kernel() { ${body} } parentPort.on("message", () => { const t = performance.now(); kernel(); parentPort.postMessage(performance.now() - t); });`;
  const parts: string[] = [];
  for (const [name, body] of Object.entries(kernels)) {
    const threads = [new Worker(source(body), { eval: true }), new Worker(source(body), { eval: true })];
    const once = (w: InstanceType<typeof Worker>) =>
      new Promise<number>((done) => {
        w.once("message", done);
        w.postMessage(0);
      });
    try {
      // (each thread's engine optimises the kernel over its first runs)
      for (let warm = 0; warm < 3; warm++) await Promise.all(threads.map(once));
      let alone = Number.POSITIVE_INFINITY;
      let together = Number.POSITIVE_INFINITY;
      for (let r = 0; r < 3; r++) {
        alone = Math.min(alone, await once(threads[0] as InstanceType<typeof Worker>));
        together = Math.min(together, Math.max(...(await Promise.all(threads.map(once)))));
      }
      // two kernels done in `together` against one in `alone`
      parts.push(`${name}-bound kernel ${((2 * alone) / together).toFixed(2)}x`);
    } finally {
      await Promise.all(threads.map((w) => w.terminate()));
    }
  }
  return `this machine, two threads against one: ${parts.join(", ")}`;
}

if (process.argv.includes("--memory")) await memory();
else {
  await throughput();
  notes.push(await machineScaling());
}
const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? "").length)));
const fmt = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ");
process.stdout.write(`${fmt(head)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(fmt).join("\n")}\n`);
if (notes.length > 0) process.stdout.write(`\n${notes.join("\n")}\n`);
process.stdout.write(`\ncores: ${(await import("node:os")).availableParallelism()}; node ${process.version}; each run in its own process (peak RSS includes worker threads)\n`);
