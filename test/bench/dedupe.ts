/**
 * Duplicate-detection benchmark.
 *
 *   npm run bench:dedupe                      pair precision and recall on a labelled corpus built
 *                                             from the WCXB gold texts (../shared/bench/wcxb-dev)
 *   npm run bench:dedupe -- --scale 100000    time, peak memory and index size on N synthetic articles
 *
 * Options: --threshold <j> (near-duplicate Jaccard), --seed <n>, --sweep (precision and recall at
 * several thresholds), --stress (add reworked copies, beyond what syndication usually does).
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
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

function stageWith(options: Record<string, unknown>): CorpusStage {
  const s = dedupe(options);
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

const n = arg("scale");
if (n) await scale(Number(n));
else await quality();
