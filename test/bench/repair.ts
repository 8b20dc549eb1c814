/**
 * Repair benchmark. Prints:
 * 1. mojibake repair on the ftfy test cases: exact rate on the `expect: pass` cases (compared with
 *    `fixed-encoding` where present, else with `fixed` modulo quote straightening), and how many
 *    `negative.json` cases it changed (should be none);
 * 2. false repairs on clean text: the WCXB gold article texts run through repair-text + names as if
 *    each were an article (one paragraph block per line), as changes per 100,000 words, and EVERY
 *    change made (before -> after, file) so that a person can judge them; flags are counted;
 * 3. synthetic damage (glued function words, U+FFFD) made in the same texts: restored, left, wrong
 *    (repair-synthetic.ts);
 * 4. the seed names table (PHENOMENA.md section 2): each row repaired or not, after repair-text,
 *    names (with pipelines/gazetteers/news.yaml) and names-corpus over the five seeds.
 *
 *   npm run bench:repair [-- --limit N]
 *
 * Reads ../shared (see its bench/README.md); exits with a message when it is absent.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Draft } from "../../src/draft.ts";
import { contextFor, runArticleStages } from "../../src/process.ts";
import { type GazetteerEntry, loadGazetteer } from "../../src/repair/gazetteer.ts";
import { fixEncoding } from "../../src/repair/mojibake.ts";
import type { ArticleStage, CorpusStage } from "../../src/stage.ts";
import { names } from "../../src/stages/names.ts";
import { namesCorpus } from "../../src/stages/names-corpus.ts";
import { repairText } from "../../src/stages/repair-text.ts";
import { syntheticDamageBench } from "./repair-synthetic.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const shared = path.resolve(repoRoot, "../shared");
const ftfyDir = path.join(shared, "bench/ftfy-cases");
const wcxbDir = path.join(shared, "bench/wcxb-dev/ground-truth");
const seedsDir = path.join(shared, "corpus/seeds");

const limitArg = process.argv.indexOf("--limit");
const limit = limitArg > 0 ? Number(process.argv[limitArg + 1]) : Number.POSITIVE_INFINITY;

const out = (line = ""): void => {
  process.stdout.write(`${line}\n`);
};

interface FtfyCase {
  original: string;
  fixed: string;
  "fixed-encoding"?: string;
  expect: string;
}

const straighten = (s: string): string => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');

function ftfyBench(): void {
  out("## Mojibake: ftfy test cases");
  let pass = 0;
  let total = 0;
  const misses: string[] = [];
  for (const file of ["in-the-wild", "synthetic", "language-names"]) {
    const cases = JSON.parse(readFileSync(path.join(ftfyDir, `${file}.json`), "utf8")) as FtfyCase[];
    let filePass = 0;
    let fileTotal = 0;
    for (const c of cases.filter((k) => k.expect === "pass")) {
      const got = fixEncoding(c.original);
      const encodingOnly = c["fixed-encoding"];
      const ok = encodingOnly !== undefined ? got === encodingOnly : straighten(got) === straighten(c.fixed);
      fileTotal++;
      if (ok) filePass++;
      else misses.push(`  ${file}: ${JSON.stringify(c.original.slice(0, 60))} -> ${JSON.stringify(got.slice(0, 60))}`);
    }
    out(`${file}: ${filePass}/${fileTotal} exact`);
    pass += filePass;
    total += fileTotal;
  }
  out(`pass cases exact: ${pass}/${total} = ${((100 * pass) / total).toFixed(1)}%`);
  const negatives = JSON.parse(readFileSync(path.join(ftfyDir, "negative.json"), "utf8")) as FtfyCase[];
  const changed = negatives.filter((c) => {
    const got = fixEncoding(c.original);
    const allowed = c["fixed-encoding"] ?? c.fixed;
    return got !== c.original && got !== allowed;
  });
  out(`negative cases changed wrongly: ${changed.length}/${negatives.length}`);
  for (const c of changed) out(`  negative: ${JSON.stringify(c.original)} -> ${JSON.stringify(fixEncoding(c.original))}`);
  const failures = JSON.parse(readFileSync(path.join(ftfyDir, "known-failures.json"), "utf8")) as FtfyCase[];
  const fixedAnyway = failures.filter((c) => straighten(fixEncoding(c.original)) === straighten(c["fixed-encoding"] ?? c.fixed)).length;
  out(`known failures fixed anyway: ${fixedAnyway}/${failures.length}`);
  out("misses:");
  for (const m of misses) out(m);
  out();
}

function draftOf(id: string, lines: readonly string[], title: string | null): Draft {
  const draft = new Draft({ id, source: { path: id, index: 0 }, raw: { kind: "text", content: lines.join("\n") }, meta: { title } });
  for (const line of lines) draft.addBlock("paragraph", line);
  return draft;
}

async function wcxbBench(): Promise<void> {
  out("## False repairs on clean text: WCXB gold main_content through repair-text + names (no gazetteer)");
  const stages = [repairText(), names()] as ArticleStage[];
  const files = readdirSync(wcxbDir).filter((f) => f.endsWith(".json")).sort().slice(0, limit);
  let words = 0;
  let changes = 0;
  let onDamage = 0;
  const flags = new Map<string, number>();
  const listed: string[] = [];
  const stageMs = new Map<string, number>();
  const drafts: Draft[] = [];
  const started = performance.now();
  for (const file of files) {
    const gt = (JSON.parse(readFileSync(path.join(wcxbDir, file), "utf8")) as { ground_truth: { main_content?: string; title?: string } }).ground_truth;
    const text = gt.main_content ?? "";
    words += (text.match(/\S+/g) ?? []).length;
    const draft = draftOf(file, text.split("\n"), gt.title ?? null);
    await runArticleStages(draft, stages, { onStage: (stage, ms) => stageMs.set(stage.name, (stageMs.get(stage.name) ?? 0) + ms) });
    for (const r of draft.repaired) {
      changes++;
      // The gold text itself holds some damage: C1 control characters (UTF-8 read as latin-1) and
      // literal entities. A change of such a span repairs real damage; every other change is suspect.
      if (/[\u0080-\u009f]|&(?:#\d+|#x[0-9a-f]+|[a-z]+);/iu.test(r.before)) onDamage++;
      listed.push(`  ${file}  ${r.stage}/${r.rule}: ${JSON.stringify(r.before)} -> ${JSON.stringify(r.after)}`);
    }
    drafts.push(draft);
    for (const f of draft.flagged) flags.set(`${f.stage}/${f.rule}`, (flags.get(`${f.stage}/${f.rule}`) ?? 0) + 1);
  }
  const ms = performance.now() - started;
  const per100k = (n: number): string => ((n * 100000) / Math.max(1, words)).toFixed(2);
  out(`articles: ${files.length}, words: ${words}, changes: ${changes} (${per100k(changes)} per 100,000 words)`);
  out(`  of which repair damage present in the gold text (C1 controls, literal entities): ${onDamage}`);
  out(`  changes to text without such damage: ${changes - onDamage}, per 100,000 words: ${per100k(changes - onDamage)} (bar: <= 1)`);
  out(`time: ${ms.toFixed(0)} ms in all, ${((files.length * 1000) / ms).toFixed(0)} articles/s (one core, reading the files included)`);
  for (const [name, t] of stageMs) out(`  ${name}: ${t.toFixed(0)} ms, ${((words * 1000) / t / 1000).toFixed(0)}k words/s, ${((files.length * 1000) / t).toFixed(0)} articles/s`);
  out(`flags (not applied): ${[...flags].map(([k, v]) => `${k} ${v}`).join(", ") || "none"}`);
  const merged = namesCorpusRewrites(drafts);
  out(`names-corpus over the same texts as one run: ${Object.keys(merged).length} forms rewritten: ${JSON.stringify(merged)}`);
  out("every change:");
  for (const line of listed) out(line);
  out();
}

/** What names-corpus decides over drafts taken as one run (observe and finish only). */
function namesCorpusRewrites(drafts: readonly Draft[]): Record<string, unknown> {
  const corpus = namesCorpus() as CorpusStage;
  const ctx = contextFor(corpus, {});
  const state = corpus.createState(ctx);
  for (const d of drafts) corpus.observe(d, state, ctx);
  corpus.finish(state, ctx);
  return (corpus.describe(state).rewrites ?? {}) as Record<string, unknown>;
}

/** PHENOMENA.md section 2, one row per example: the seed, the damaged text, what it should read. */
const NAME_ROWS: { kind: string; seed: string; damaged: string; repaired: string }[] = [
  { kind: "interpunct", seed: "000", damaged: "Lloyd. Austin", repaired: "Lloyd Austin" },
  { kind: "interpunct", seed: "000", damaged: "Georgia. Meloni", repaired: "Giorgia Meloni" },
  { kind: "interpunct", seed: "000", damaged: "Emmanuel. Macron", repaired: "Emmanuel Macron" },
  { kind: "doubled given name", seed: "000", damaged: "Justin. Justin Trudeau", repaired: "Justin Trudeau" },
  { kind: "doubled given name", seed: "000", damaged: "Anthony. Antony Blinken", repaired: "Antony Blinken" },
  { kind: "duplicated gloss", seed: "000", damaged: "Yasukazu Hamada (Yasukazu Hamada)", repaired: "Yasukazu Hamada" },
  { kind: "duplicated gloss", seed: "000", damaged: "Senkaku Islands (Senkaku Islands)", repaired: "Senkaku Islands" },
  { kind: "duplicated gloss", seed: "000", damaged: "Fumio Kishida(Fumio Kishida)", repaired: "Fumio Kishida" },
  { kind: "wrong form glossed", seed: "000", damaged: "Lincoln (Antony Blinken, right)", repaired: "Antony Blinken (right)" },
  { kind: "wrong form glossed", seed: "000", damaged: "Meloni (Giorgia Meloni)", repaired: "Giorgia Meloni" },
  { kind: "literal translation", seed: "000", damaged: "Anthony Bloomington", repaired: "Antony Blinken" },
  { kind: "literal translation", seed: "000", damaged: "Lin Fangzheng", repaired: "Yoshimasa Hayashi" },
  { kind: "truncated name", seed: "000", damaged: "spokesman John. “", repaired: "John Kirby" },
  { kind: "truncated name", seed: "000", damaged: "Rich. Together, Rishi Sunak", repaired: "Rishi Sunak" },
  { kind: "spelling variant", seed: "001", damaged: "Anthony Blinken", repaired: "Antony Blinken" },
  { kind: "spelling variant", seed: "003", damaged: "Anthony Blinken", repaired: "Antony Blinken" },
  { kind: "name order", seed: "002", damaged: "Kishida Fumio", repaired: "Fumio Kishida" },
  { kind: "name order", seed: "000", damaged: "Hayashi Yoshimasa", repaired: "Yoshimasa Hayashi" },
  { kind: "lower-cased name", seed: "000", damaged: "Statesbiden", repaired: "United States Biden" },
];

async function seedBench(gazetteer: GazetteerEntry[]): Promise<void> {
  out("## Seed names table (PHENOMENA.md section 2): repair-text, names (news gazetteer), names-corpus");
  const drafts = new Map<string, Draft>();
  for (const file of readdirSync(seedsDir).filter((f) => f.endsWith(".txt")).sort()) {
    const draft = draftOf(file, readFileSync(path.join(seedsDir, file), "utf8").split("\n"), null);
    await runArticleStages(draft, [repairText(), names({ gazetteer })] as ArticleStage[]);
    drafts.set(file.slice(0, 3), draft);
  }
  const corpus = namesCorpus({ gazetteer }) as CorpusStage;
  const ctx = contextFor(corpus, {});
  const state = corpus.createState(ctx);
  for (const d of drafts.values()) corpus.observe(d, state, ctx);
  corpus.finish(state, ctx);
  for (const d of drafts.values()) {
    d.stage = corpus.name;
    await corpus.apply(d, state, ctx);
  }
  let repaired = 0;
  for (const row of NAME_ROWS) {
    const text = drafts.get(row.seed)?.text() ?? "";
    const ok = !text.includes(row.damaged) && text.includes(row.repaired);
    if (ok) repaired++;
    out(`${ok ? "repaired" : "NOT repaired"}  ${row.kind}  (${row.seed})  ${JSON.stringify(row.damaged)} -> ${JSON.stringify(row.repaired)}`);
  }
  out(`seed name rows repaired: ${repaired}/${NAME_ROWS.length}`);
}

if (!existsSync(shared)) {
  out(`bench:repair needs ../shared (looked for ${shared}); nothing to measure.`);
} else {
  ftfyBench();
  await wcxbBench();
  await syntheticDamageBench(wcxbDir, readdirSync(wcxbDir).filter((f) => f.endsWith(".json")).sort().slice(0, limit), out);
  await seedBench(await loadGazetteer(path.join(repoRoot, "pipelines/gazetteers/news.yaml")));
}
