/**
 * bench:stages: what each stage of a pipeline costs per article, in this thread, without the
 * runner around it (no workers, no spill, no outputs). The first pass of a run (article stages, then
 * the features of the corpus stages that follow in a row) runs over every record of the input a few
 * times; each stage's best round is printed, so that noise from other work on the machine shows
 * less. Use it to see where a change of a stage moves the time, before measuring whole runs with
 * bench:speed.
 *
 *   npm run bench:stages -- [--input file.jsonl] [--rounds 3] [--pipeline news] [--limit 4000]
 *
 * Without --input it generates (and caches) 20 MB of text dumps like bench:speed's.
 */
import { createWriteStream, existsSync, mkdirSync, statSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { findPipelineModule, loadPipeline } from "../../src/cli.ts";
import { Draft } from "../../src/draft.ts";
import { passesOf, runPass } from "../../src/pass.ts";
import { readInput } from "../../src/sources/read.ts";
import { isWalkError } from "../../src/sources/types.ts";
import { walkInputs } from "../../src/sources/walk.ts";
import { jsonlCorpus } from "../support/corpus.ts";

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

const CACHE = new URL("./.cache/", import.meta.url).pathname;

async function defaultInput(): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const path = join(CACHE, "text-20mb.jsonl");
  if (existsSync(path)) return path;
  const out = createWriteStream(path);
  let bytes = 0;
  for (const line of jsonlCorpus(Number.MAX_SAFE_INTEGER, 5, 0.03)) {
    if (!out.write(`${line}\n`)) await once(out, "drain");
    bytes += line.length + 1;
    if (bytes >= 20 * 1024 * 1024) break;
  }
  out.end();
  await once(out, "finish");
  return path;
}

const input = arg("input", "") || (await defaultInput());
const rounds = Math.max(1, Number(arg("rounds", "3")));
const limit = Number(arg("limit", String(Number.MAX_SAFE_INTEGER)));
const pipeline = await loadPipeline(findPipelineModule(arg("pipeline", "news")), { gazetteer: [], stateDir: null });
const first = passesOf(pipeline.stages)[0];
if (!first) throw new Error("the pipeline has no stages");

// The records, read once: each round starts from fresh drafts of the same records.
const records: ConstructorParameters<typeof Draft>[0][] = [];
for await (const file of walkInputs([input])) {
  if (isWalkError(file)) throw new Error(file.message);
  for await (const item of readInput(file)) {
    if (records.length >= limit) break;
    if (!item.ok) continue;
    records.push({ id: item.id ?? `r${records.length}`, source: { path: file.path, index: item.index }, raw: item.raw, meta: item.meta });
  }
}
const bytes = records.reduce((sum, r) => sum + r.raw.content.length, 0);

const best = new Map<string, number>();
let bestTotal = Number.POSITIVE_INFINITY;
for (let round = 0; round < rounds; round++) {
  const times = new Map<string, number>();
  const started = performance.now();
  for (const record of records) {
    await runPass(new Draft(record), first, null, {
      onStage: (stage, ms) => times.set(stage.name, (times.get(stage.name) ?? 0) + ms),
    });
  }
  bestTotal = Math.min(bestTotal, performance.now() - started);
  for (const [name, ms] of times) best.set(name, Math.min(best.get(name) ?? Number.POSITIVE_INFINITY, ms));
}

const rows = [...best].map(([name, ms]) => [name, ms.toFixed(0), ((1000 * ms) / records.length).toFixed(1), ((ms / bestTotal) * 100).toFixed(1)]);
rows.push(["all (best round)", bestTotal.toFixed(0), ((1000 * bestTotal) / records.length).toFixed(1), "100.0"]);
const head = ["stage", "ms", "µs/article", "%"];
const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
const fmt = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ");
process.stdout.write(
  `${records.length} records, ${(bytes / 2 ** 20).toFixed(1)} MiB of text (${input}, ${(statSync(input).size / 2 ** 20).toFixed(1)} MiB on disk); best of ${rounds} rounds\n\n` +
    `${fmt(head)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(fmt).join("\n")}\n\n` +
    `${((bytes / 2 ** 20) / (bestTotal / 1000)).toFixed(1)} MiB/s of text through the first pass in one thread\n`,
);
