/**
 * Duplicate-detection benchmark.
 *
 *   npm run bench:dedupe                      pair precision and recall on a labelled corpus built
 *                                             from the WCXB gold texts (../shared/bench/wcxb-dev)
 *   npm run bench:dedupe -- --scale 100000    time, peak memory and index size on N synthetic articles
 *   npm run bench:dedupe -- --short 300000    finish's peak memory and phase times on N short records
 *                                             (bench:speed's "short records", which banding pairs by
 *                                             the tens of millions), without the rest of the pipeline;
 *                                             --decisions <file> writes every decision there, one a line
 *
 * Options: --threshold <j> (near-duplicate Jaccard), --seed <n>, --sweep (precision and recall at
 * several thresholds), --stress (add reworked copies, beyond what syndication usually does),
 * --budget-mib <m> (the stage's memoryBudgetMiB: a small one makes finish spill its pairs).
 */
import { createHash } from "node:crypto";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Draft } from "../../src/draft.ts";
import { createWordHashes, hashWords } from "../../src/dedupe/tokens.ts";
import { shingleHashes } from "../../src/dedupe/fingerprint.ts";
import { INDEX_FILE } from "../../src/dedupe/index-store.ts";
import { silentLogger } from "../../src/log.ts";
import type { CorpusStage, StageContext } from "../../src/stage.ts";
import { dedupe } from "../../src/stages/dedupe.ts";
import { article, rng } from "../support/corpus.ts";
import { type LabelledItem, buildLabelledCorpus, readWcxb, withoutSourceDuplicates } from "./dedupe/labelled-corpus.ts";
import { copySource, syntheticArticle, syntheticId } from "./dedupe/synthetic.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const shared = resolve(repoRoot, "../shared");

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function draftOf(id: string, text: string, index: number, meta: { title?: string; truncated?: boolean } = {}): Draft {
  const d = new Draft({ id, source: { path: "bench", index }, raw: { kind: "text", content: "" }, meta });
  for (const p of text.split(/\n\s*\n|\n/)) d.addBlock("paragraph", p);
  return d;
}

/** The stage with `options`, and with --budget-mib as its memory budget when given. */
function stageWith(options: Record<string, unknown>): CorpusStage {
  const budget = arg("budget-mib");
  const s = dedupe(budget ? { ...options, memoryBudgetMiB: Number(budget) } : options);
  if (s.kind !== "corpus") throw new Error("dedupe must be a corpus stage");
  return s;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/** Runs the stage over the items and returns pair precision and recall. */
async function pairScores(items: readonly LabelledItem[], options: Record<string, unknown>): Promise<{ precision: number; recall: number }> {
  const stage = stageWith(options);
  const ctx: StageContext<never> = { options: stage.options as never, log: silentLogger, stateDir: null };
  const drafts = items.map((it, i) => draftOf(it.id, it.text, i, { title: it.title, truncated: it.truncated }));
  const st = await stage.createState(ctx);
  for (const d of drafts) await stage.observe(d, st, ctx);
  await stage.finish(st, ctx);
  for (const d of drafts) await stage.apply(d, st, ctx);
  const count = new Map<string, number>();
  const add = (k: string): void => {
    count.set(k, (count.get(k) ?? 0) + 1);
  };
  items.forEach((it, i) => {
    const p = drafts[i]?.duplicateOf?.of ?? it.id;
    add(`L${it.cluster}`);
    add(`P${p}`);
    add(`B${it.cluster}\u0000${p}`);
  });
  let t = 0;
  let pr = 0;
  let tp = 0;
  for (const [k, n] of count) {
    if (k[0] === "L") t += pairs(n);
    else if (k[0] === "P") pr += pairs(n);
    else tp += pairs(n);
  }
  return { precision: pr ? tp / pr : 1, recall: t ? tp / t : 1 };
}

async function quality(): Promise<void> {
  const dir = join(shared, "bench/wcxb-dev/ground-truth");
  const all = readWcxb(dir);
  if (all.length === 0) {
    console.log(`skipped: no WCXB gold texts at ${dir} (../shared is not present)`);
    return;
  }
  const { kept: sources, dropped } = withoutSourceDuplicates(all);
  for (const [a, b, c] of dropped) console.log(`source articles ${a} and ${b} are one article (containment ${c.toFixed(2)}): ${a} left out`);
  const threshold = arg("threshold");
  const stress = process.argv.includes("--stress");
  const items: LabelledItem[] = buildLabelledCorpus(sources, Number(arg("seed") ?? 20260101), stress);
  const stage = stageWith(threshold ? { threshold: Number(threshold) } : {});
  const ctx: StageContext<never> = { options: stage.options as never, log: silentLogger, stateDir: null };
  const drafts = items.map((it, i) => draftOf(it.id, it.text, i, { title: it.title, truncated: it.truncated }));
  const started = performance.now();
  const st = await stage.createState(ctx);
  for (const d of drafts) await stage.observe(d, st, ctx);
  await stage.finish(st, ctx);
  for (const d of drafts) await stage.apply(d, st, ctx);
  const ms = performance.now() - started;

  const predicted = drafts.map((d) => d.duplicateOf?.of ?? d.id);
  const byLabel = new Map<number, number>();
  const byPredicted = new Map<string, number>();
  const byBoth = new Map<string, number>();
  items.forEach((it, i) => {
    byLabel.set(it.cluster, (byLabel.get(it.cluster) ?? 0) + 1);
    byPredicted.set(predicted[i] as string, (byPredicted.get(predicted[i] as string) ?? 0) + 1);
    const k = `${it.cluster}\u0000${predicted[i]}`;
    byBoth.set(k, (byBoth.get(k) ?? 0) + 1);
  });
  let truePairs = 0;
  let predictedPairs = 0;
  let tp = 0;
  for (const n of byLabel.values()) truePairs += pairs(n);
  for (const n of byPredicted.values()) predictedPairs += pairs(n);
  for (const n of byBoth.values()) tp += pairs(n);

  // recall per kind of copy: is the copy in the same predicted cluster as its original?
  const clusterOfOriginal = new Map<number, string>();
  items.forEach((it, i) => {
    if (it.kinds[0] === "original") clusterOfOriginal.set(it.cluster, predicted[i] as string);
  });
  const perKind = new Map<string, { found: number; total: number }>();
  items.forEach((it, i) => {
    if (it.kinds[0] === "original") return;
    const ok = clusterOfOriginal.get(it.cluster) === predicted[i];
    for (const k of it.kinds) {
      const e = perKind.get(k) ?? { found: 0, total: 0 };
      e.total++;
      if (ok) e.found++;
      perKind.set(k, e);
    }
  });
  const methods = new Map<string, number>();
  for (const d of drafts) if (d.duplicateOf) methods.set(d.duplicateOf.method, (methods.get(d.duplicateOf.method) ?? 0) + 1);

  console.log(
    `dedupe quality on ${items.length} items (${sources.length} WCXB articles + copies${stress ? " incl. reworked ones" : ""} + hard negatives), threshold ${stage.options.threshold}`,
  );
  console.log(`  true pairs ${truePairs}, predicted pairs ${predictedPairs}, correct ${tp}`);
  console.log(`  pair precision ${(predictedPairs ? tp / predictedPairs : 1).toFixed(4)}   (bar >= 0.99)`);
  console.log(`  pair recall    ${(truePairs ? tp / truePairs : 1).toFixed(4)}   (bar >= 0.95)`);
  for (const [k, e] of [...perKind].sort()) console.log(`  copies ${k.padEnd(18)} found ${e.found}/${e.total} (${((100 * e.found) / e.total).toFixed(1)}%)`);
  console.log(`  methods: ${[...methods].map(([m, n]) => `${m} ${n}`).join(", ")}`);
  const digest = createHash("sha256");
  for (const d of drafts) digest.update(`${d.id}\t${JSON.stringify(d.duplicateOf)}\t${d.duplicates.join(",")}\n`);
  console.log(`  decisions digest ${digest.digest("hex").slice(0, 16)}`);
  console.log(`  time ${ms.toFixed(0)} ms; ${JSON.stringify(stage.describe(st))}`);
  // the worst errors, for a person to look at
  const wrong = items.map((it, i) => ({ it, i })).filter(({ it, i }) => it.kinds[0] !== "original" && clusterOfOriginal.get(it.cluster) !== predicted[i]);
  for (const { it } of wrong.slice(0, 5)) console.log(`  missed: ${it.id} (${it.kinds.join("+")})`);
  const falseJoins = items.map((it, i) => ({ it, i })).filter(({ it, i }) => {
    const p = predicted[i] as string;
    return items.some((o, j) => predicted[j] === p && o.cluster !== it.cluster);
  });
  for (const { it, i } of falseJoins.slice(0, 5)) console.log(`  wrongly joined: ${it.id} -> ${predicted[i]} ${JSON.stringify(drafts[i]?.duplicateOf)}`);
  if (process.argv.includes("--sweep")) {
    console.log("  threshold sweep (near Jaccard threshold / containment threshold):");
    for (const [t, c] of [[0.5, 0.6], [0.6, 0.7], [0.7, 0.8], [0.8, 0.9], [0.9, 0.95], [0.95, 0.98]] as const) {
      const r = await pairScores(items, { threshold: t, containmentThreshold: c });
      console.log(`    ${t.toFixed(2)} / ${c.toFixed(2)}: precision ${r.precision.toFixed(4)}, recall ${r.recall.toFixed(4)}`);
    }
  }
}

async function scale(n: number): Promise<void> {
  const copyEvery = 50;
  const stateDir = mkdtempSync(join(tmpdir(), "tidings-dedupe-bench-"));
  try {
    // Pass 1, per article: the baseline (tokenise the body and hash every shingle once, nothing
    // else), then the stage's observe on the same draft. Interleaving them exposes both to the same
    // load on a shared machine.
    const words = createWordHashes();
    let shingles: Uint32Array = new Uint32Array(4096);
    let baselineMs = 0;
    let genMs = 0;
    let checksum = 0;
    const stage = stageWith({});
    const ctx: StageContext<never> = { options: stage.options as never, log: silentLogger, stateDir };
    const st = await stage.createState(ctx);
    let observeMs = 0;
    for (let i = 0; i < n; i++) {
      const g0 = performance.now();
      const a = syntheticArticle(i, copyEvery);
      const d = draftOf(a.id, a.text, i);
      const t0 = performance.now();
      genMs += t0 - g0;
      const text = d.text();
      hashWords(text, words);
      const view = shingleHashes(words, 4, shingles);
      if (view.buffer !== shingles.buffer) shingles = new Uint32Array(view.buffer);
      checksum ^= view[0] ?? 0;
      const t1 = performance.now();
      baselineMs += t1 - t0;
      await stage.observe(d, st, ctx);
      observeMs += performance.now() - t1;
    }
    const f0 = performance.now();
    await stage.finish(st, ctx);
    const finishMs = performance.now() - f0;
    let applyMs = 0;
    let found = 0;
    let right = 0;
    let copies = 0;
    // apply reads only the draft's id and source, so the text is not generated again
    for (let i = 0; i < n; i++) {
      const id = syntheticId(i);
      const d = draftOf(id, "", i);
      const source = copySource(i, copyEvery);
      const t0 = performance.now();
      await stage.apply(d, st, ctx);
      applyMs += performance.now() - t0;
      if (source >= 0) copies++;
      if (d.duplicateOf) {
        found++;
        // the copy points at its original, or (when the copy is the longer one) the original at the copy
        if (source >= 0 && d.duplicateOf.of === syntheticId(source)) right++;
        if (source < 0 && copySource(Number(d.duplicateOf.of.slice(1)), copyEvery) === i) right++;
      }
    }
    const c0 = performance.now();
    await stage.close(st, ctx, { committed: true });
    const closeMs = performance.now() - c0;
    const indexBytes = statSync(join(stateDir, INDEX_FILE)).size;
    const summary = stage.describe(st) as { index: { appendedRecords: number }; stateBytesPerArticle: number; spillBytesPerArticle: number };
    const dedupeMs = observeMs + finishMs + applyMs + closeMs;
    const rssMb = process.resourceUsage().maxRSS / 1024;
    console.log(`dedupe scale: ${n} synthetic articles of ~500 words (every ${copyEvery}th an edited copy)`);
    console.log(`  generating drafts (not counted): ${(genMs / 1000).toFixed(1)} s`);
    console.log(`  baseline, hashing every shingle once: ${(baselineMs / 1000).toFixed(1)} s (checksum ${checksum >>> 0})`);
    console.log(`  dedupe: observe ${(observeMs / 1000).toFixed(1)} s, finish ${(finishMs / 1000).toFixed(1)} s, apply ${(applyMs / 1000).toFixed(1)} s, close ${(closeMs / 1000).toFixed(1)} s, total ${(dedupeMs / 1000).toFixed(1)} s`);
    console.log(`  ratio dedupe / baseline hashing: ${(dedupeMs / baselineMs).toFixed(2)}x   (aim <= 2x)`);
    console.log(`  peak RSS ${rssMb.toFixed(0)} MB = ${((rssMb * 1048576) / n).toFixed(0)} bytes/article over the whole process (generator and runtime included)`);
    console.log(
      `  in-memory state ${summary.stateBytesPerArticle} bytes/article (columns, ids, signatures); shingles and anchors spilled to disk: ${summary.spillBytesPerArticle} bytes/article, deleted after finish`,
    );
    console.log(`  index ${indexBytes} bytes for ${summary.index.appendedRecords} kept articles = ${(indexBytes / Math.max(1, summary.index.appendedRecords)).toFixed(1)} bytes/article (bar <= 200)`);
    console.log(`  copies ${copies}, marked duplicates ${found}, marked against the right partner ${right}`);
    console.log(`  ${JSON.stringify(summary)}`);
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/** The process's resident memory now and at its highest since the last reset (Linux), in MiB; null elsewhere. */
function residentMiB(): { now: number; peak: number } | null {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
    return { now: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  } catch {
    return null;
  }
}

/** Starts the peak of resident memory again from the current size (Linux); false where that cannot be done. */
function resetPeak(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/**
 * bench:speed's short records: about three sentences each from a small vocabulary. Nothing like
 * news, but banding pairs them by the tens of millions at a million records.
 */
function* shortRecords(n: number): Generator<{ id: string; text: string }> {
  const r = rng(9);
  for (let i = 0; i < n; i++) {
    const a = article(r, `s${i}`, false);
    yield { id: `s${i}`, text: a.text.split("\n\n").slice(0, 3).join("\n\n").slice(0, 600) };
  }
}

/**
 * Feeds N short records through the stage's features and collect, then times finish and measures
 * its peak resident memory on its own (the peak is reset just before it), then asks decide for every
 * record. Prints a digest of the decisions, so that two versions of the code can be compared.
 */
async function short(n: number): Promise<void> {
  const tempDir = mkdtempSync(join(tmpdir(), "tidings-dedupe-short-"));
  const out = arg("decisions");
  try {
    const stage = stageWith({});
    const split = stage.split;
    const decided = stage.decided;
    if (!split || !decided) throw new Error("dedupe must observe through features and collect, and apply through decide");
    const ctx: StageContext<never> = { options: stage.options as never, log: silentLogger, stateDir: null, tempDir };
    const st = await stage.createState(ctx);
    const refs: { id: string; source: { path: string; index: number } }[] = [];
    const o0 = performance.now();
    let index = 0;
    for (const record of shortRecords(n)) {
      const d = draftOf(record.id, record.text, index);
      const ref = { id: d.id, source: d.source };
      split.collect(split.features(d, ctx), ref, st, ctx);
      refs.push(ref);
      index++;
    }
    const observeMs = performance.now() - o0;
    (globalThis as { gc?: () => void }).gc?.();
    const before = residentMiB();
    const canReset = resetPeak();
    const f0 = performance.now();
    const cpu0 = process.cpuUsage();
    await stage.finish(st, ctx);
    const cpu = process.cpuUsage(cpu0);
    const finishMs = performance.now() - f0;
    const during = residentMiB();
    const digest = createHash("sha256");
    const file = out ? createWriteStream(out) : null;
    let duplicates = 0;
    for (const ref of refs) {
      const decision = decided.decide(ref as never, st, ctx) as { duplicateOf?: string } | undefined;
      if (decision?.duplicateOf !== undefined) duplicates++;
      const line = `${ref.id}\t${decision === undefined ? "-" : JSON.stringify(decision)}\n`;
      digest.update(line);
      if (file && !file.write(line)) await once(file, "drain");
    }
    if (file) {
      file.end();
      await once(file, "finish");
    }
    await stage.close(st, ctx, { committed: true });
    const summary = stage.describe(st) as { stateBytesPerArticle: number; phaseMs?: Record<string, number> } & Record<string, unknown>;
    const { phaseMs, ...rest } = summary;
    console.log(
      `dedupe on ${n} short records: observe ${(observeMs / 1000).toFixed(1)} s, finish ${(finishMs / 1000).toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, of which system ${(cpu.system / 1e6).toFixed(1)} s)`,
    );
    if (before && during && canReset) {
      console.log(
        `  resident memory before finish ${before.now.toFixed(0)} MiB (compact state ${summary.stateBytesPerArticle} B/article = ${((summary.stateBytesPerArticle * n) / 2 ** 20).toFixed(0)} MiB), peak during finish ${during.peak.toFixed(0)} MiB (+${(during.peak - before.now).toFixed(0)} MiB)`,
      );
    } else {
      console.log(`  peak resident memory of the whole process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (finish's own peak cannot be told apart here)`);
    }
    console.log(`  finish phases (ms): ${JSON.stringify(phaseMs ?? {})}`);
    console.log(`  ${JSON.stringify({ ...rest, index: undefined })}`);
    console.log(`  duplicates ${duplicates}; decisions digest ${digest.digest("hex").slice(0, 16)}${out ? ` (written to ${out})` : ""}`);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

const n = arg("scale");
const shortCount = arg("short");
if (n) await scale(Number(n));
else if (shortCount) await short(Number(shortCount));
else await quality();
