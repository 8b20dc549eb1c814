/**
 * Writes a synthetic run output folder of any size, for measuring the report at scale. The content
 * is generated from a seeded random source, so the same size gives the same files: a few hundred
 * sites with their own template lines, a few dozen rules in a dozen categories, repairs and flags
 * on some articles, stories, duplicates and rejected inputs in realistic proportions.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { bodyText, type Article, type Block } from "../../src/article.ts";
import { rng as seeded } from "../support/corpus.ts";

const WORDS = (
  "government minister officials said would year new people also first two police state city week report " +
  "president talks agreement defence economy market prices energy council election party vote court trial " +
  "company workers union strike hospital school university research climate storm flood water power housing " +
  "budget tax bank rates inflation trade export import border security alliance summit leaders meeting plan " +
  "spokesman statement according announced expected percent million billion increase decline region local"
).split(" ");

const RULES: Array<[stage: string, rule: string, category: string]> = [
  ["boilerplate", "breadcrumb", "navigation"],
  ["boilerplate", "menu-links", "navigation"],
  ["boilerplate", "cms-account-byline", "byline"],
  ["boilerplate", "related-link", "related-links"],
  ["boilerplate", "recommendation-heading", "related-links"],
  ["boilerplate", "share-counter", "share-widget"],
  ["boilerplate", "share-label", "share-widget"],
  ["boilerplate", "empty-array", "template-debris"],
  ["boilerplate", "read-more", "truncation"],
  ["boilerplate", "copyright-footer", "copyright"],
  ["boilerplate", "short-link-prompt", "short-link"],
  ["boilerplate", "donation-appeal", "appeal"],
  ["boilerplate", "newsletter-prompt", "appeal"],
  ["boilerplate", "comment-prompt", "comments"],
  ["boilerplate", "comment-policy", "comments"],
  ["boilerplate", "cookie-notice", "cookie-banner"],
  ["boilerplate", "link-dense-block", "navigation"],
  ["repeats", "repeated-block", "repeated"],
  ["repeats", "repeated-title", "repeated"],
  ["templates", "site-template-line", "template"],
  ["quality", "dateline-prefix", "metadata"],
];
const REPAIRS: Array<[stage: string, rule: string]> = [
  ["repair-text", "mojibake"],
  ["repair-text", "glued-words"],
  ["repair-text", "spinner-synonym"],
  ["names", "interpunct-period"],
  ["names", "doubled-given-name"],
  ["names", "duplicated-gloss"],
  ["names-corpus", "canonical-form"],
];
const FLAGS: Array<[stage: string, rule: string]> = [
  ["repair-text", "spinner-synonym"],
  ["repair-text", "mistranslation"],
  ["names", "unverified-translation"],
];

export interface LargeRunCounts {
  articles: number;
  duplicates: number;
  rejected: number;
}

function write(stream: WriteStream, line: string): Promise<void> {
  return stream.write(line) ? Promise.resolve() : new Promise((resolve) => stream.once("drain", () => resolve()));
}

function close(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/**
 * Writes the output of a run that kept `articles` articles into `dir`; on top of them, about 8% of
 * the inputs were duplicates and 3% were rejected.
 */
export async function writeLargeRun(dir: string, articles: number, seed = 1): Promise<LargeRunCounts> {
  await mkdir(dir, { recursive: true });
  const rand = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const sentence = (min: number, max: number): string => {
    const n = min + Math.floor(rand() * (max - min));
    const words = Array.from({ length: n }, () => pick(WORDS));
    const first = words[0] ?? "news";
    words[0] = first.charAt(0).toUpperCase() + first.slice(1);
    return `${words.join(" ")}.`;
  };
  const sites = Array.from({ length: 300 }, (_, i) => `site${i.toString(36)}.example`);
  const siteLines = sites.map((site) => Array.from({ length: 4 }, (_, k) => `${site} ${k === 0 ? "— all rights reserved" : `follow us, section ${k}`}`));

  const kept = createWriteStream(join(dir, "articles.jsonl"));
  const duplicates = createWriteStream(join(dir, "duplicates.jsonl"));
  const rejected = createWriteStream(join(dir, "rejected.jsonl"));
  const counts: LargeRunCounts = { articles: 0, duplicates: 0, rejected: 0 };
  const keptIds: string[] = [];

  let i = 0;
  for (; counts.articles < articles; i++) {
    const siteIndex = Math.floor(rand() * rand() * sites.length);
    const site = sites[siteIndex] as string;
    const source = { path: `raw/${site}.jsonl`, index: i };
    const roll = rand();
    if (roll < 0.03) {
      counts.rejected++;
      await write(rejected, `${JSON.stringify({ source, stage: "quality", reason: pick(["too-short", "not-prose", "empty"]), detail: sentence(4, 10) })}\n`);
      continue;
    }
    if (roll < 0.11 && keptIds.length > 0) {
      counts.duplicates++;
      const of = pick(keptIds);
      await write(duplicates, `${JSON.stringify({ id: `dup-${i.toString(16)}`, source, duplicateOf: of, similarity: Math.round((0.85 + rand() * 0.15) * 100) / 100, method: pick(["exact", "near", "containment"]) })}\n`);
      continue;
    }
    const id = `${i.toString(16).padStart(8, "0")}${Math.floor(rand() * 0xffffffff).toString(16).padStart(8, "0")}`;
    keptIds.push(id);
    const blocks: Block[] = [];
    const paragraphs = 3 + Math.floor(rand() * 6);
    for (let p = 0; p < paragraphs; p++) {
      if (p > 0 && rand() < 0.1) blocks.push({ type: "heading", text: sentence(2, 5).replace(/\.$/, "") });
      blocks.push({ type: "paragraph", text: `${sentence(8, 22)} ${sentence(8, 22)}` });
    }
    if (rand() < 0.2) blocks.push({ type: "caption", text: `${sentence(5, 10)} (Photo: agency)` });
    const removed = Array.from({ length: Math.floor(rand() * 6) }, () => {
      const [stage, rule, category] = pick(RULES);
      const text = category === "template" ? pick(siteLines[siteIndex] as string[]) : rand() < 0.7 ? `${rule.replace(/-/g, " ")}: ${pick(WORDS)} ${pick(WORDS)}` : sentence(3, 12);
      return { stage, rule, category, text };
    });
    const repaired = Array.from({ length: rand() < 0.3 ? 1 + Math.floor(rand() * 3) : 0 }, () => {
      const [stage, rule] = pick(REPAIRS);
      const word = pick(WORDS);
      return { stage, rule, before: `${word}â€™s ${pick(WORDS)}`, after: `${word}’s ${pick(WORDS)}` };
    });
    const flagged = Array.from({ length: rand() < 0.05 ? 1 : 0 }, () => {
      const [stage, rule] = pick(FLAGS);
      return { stage, rule, text: sentence(3, 6), note: "left as it was: the fix is ambiguous" };
    });
    const record: Article = {
      id,
      source,
      url: `https://${site}/news/${id}`,
      site,
      title: sentence(5, 12).replace(/\.$/, ""),
      subtitle: null,
      authors: rand() < 0.6 ? [`${pick(["Ana", "Kenji", "Mari", "Tom", "Lena"])} ${pick(["Sato", "Meyer", "Costa", "Brown"])}`] : [],
      publishedAt: `202${Math.floor(rand() * 5)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
      language: "en",
      blocks,
      text: bodyText(blocks),
      truncated: rand() < 0.02,
      duplicates: [],
      story: rand() < 0.3 ? `story-${Math.floor(rand() * 5000)}` : null,
      provenance: { removed, repaired, flagged },
    };
    counts.articles++;
    await write(kept, `${JSON.stringify(record)}\n`);
  }
  const inputs = i;
  await Promise.all([close(kept), close(duplicates), close(rejected)]);
  await writeFile(
    join(dir, "run.json"),
    JSON.stringify({
      tidings: "0.1.0",
      schemaVersion: 1,
      pipeline: "news",
      stages: [
        { name: "boilerplate", kind: "article", ms: 51_000, removed: 0, repaired: 0, flagged: 0, rejected: 0 },
        { name: "quality", kind: "article", ms: 4_000, removed: 0, repaired: 0, flagged: 0, rejected: counts.rejected },
        { name: "dedupe", kind: "corpus", ms: 9_000, removed: 0, repaired: 0, flagged: 0, rejected: 0 },
      ],
      inputs: { roots: ["raw"], files: sites.length, records: inputs },
      counts: { inputs, articles: counts.articles, duplicates: counts.duplicates, rejected: counts.rejected },
      startedAt: "2026-11-23T09:00:00.000Z",
      finishedAt: "2026-11-23T09:02:10.000Z",
      ms: 130_000,
    }),
  );
  return counts;
}
