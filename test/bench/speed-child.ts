/**
 * One measured run for bench:speed, in its own process so its peak memory is its own. Prints one
 * JSON line: seconds, counts, peak RSS.
 *   node --import tsx test/bench/speed-child.ts <mode> <input> <out> <workers>
 * mode: run (the default pipeline), read (read and parse only: the floor for text),
 *       parse-html (read, then parse every page into the tree the extractor reads: the floor for pages).
 */
import { findPipelineModule, loadPipeline } from "../../src/cli.ts";
import { parseDocument } from "../../src/html/parse-page.ts";
import { run } from "../../src/run.ts";
import { readInput } from "../../src/sources/read.ts";
import { isWalkError } from "../../src/sources/types.ts";
import { walkInputs } from "../../src/sources/walk.ts";

const [mode, input, out, workersArg] = process.argv.slice(2) as [string, string, string, string];
const started = performance.now();
let records = 0;
let counts: unknown = null;
/** Bytes of in-memory state per article that each corpus stage reports (dedupe's spill and index aside). */
let stateBytes: Record<string, number> = {};
if (mode === "run") {
  const module = findPipelineModule("news");
  const params = { gazetteer: [], stateDir: null };
  const pipeline = await loadPipeline(module, params);
  const stats = await run({ pipeline, pipelineRef: { module, params }, workers: Number(workersArg), inputs: [input], out });
  counts = stats.counts;
  for (const [stage, info] of Object.entries(stats.corpus)) {
    if (typeof info.stateBytesPerArticle === "number") stateBytes[stage] = info.stateBytesPerArticle;
  }
  records = stats.counts.inputs;
} else {
  for await (const file of walkInputs([input])) {
    if (isWalkError(file)) throw new Error(file.message);
    for await (const item of readInput(file)) {
      records++;
      if (mode === "parse-html" && item.ok) parseDocument(item.raw.content);
    }
  }
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ mode, seconds, records, counts, stateBytes, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
