/**
 * A small, realistic run output folder for the report's tests: a dozen kept articles with removals,
 * repairs and flags, two duplicates, two rejected inputs and a run.json, written the way the runner
 * writes them. One article carries markup and script in its text, to prove the page never runs it.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type Article,
  ArticleSchema,
  type Block,
  type DuplicateEntry,
  DuplicateEntrySchema,
  type Flag,
  type RejectedEntry,
  RejectedEntrySchema,
  type Removal,
  type Repair,
  bodyText,
} from "../../src/article.ts";

interface ArticleSpec {
  id: string;
  site: string;
  title: string;
  publishedAt?: string;
  authors?: string[];
  blocks: Array<[Block["type"], string]>;
  removed?: Array<[stage: string, rule: string, category: string, text: string]>;
  repaired?: Array<[stage: string, rule: string, before: string, after: string]>;
  flagged?: Array<[stage: string, rule: string, text: string, note: string]>;
  duplicates?: string[];
  story?: string;
  truncated?: boolean;
}

function article(spec: ArticleSpec, index: number): Article {
  const blocks: Block[] = spec.blocks.map(([type, text]) => ({ type, text }));
  const record: Article = {
    id: spec.id,
    source: { path: `raw/${spec.site}.jsonl`, index },
    url: `https://${spec.site}/news/${spec.id}.html`,
    site: spec.site,
    title: spec.title,
    subtitle: null,
    authors: spec.authors ?? [],
    publishedAt: spec.publishedAt ?? null,
    language: "en",
    blocks,
    text: bodyText(blocks),
    truncated: spec.truncated ?? false,
    duplicates: spec.duplicates ?? [],
    story: spec.story ?? null,
    provenance: {
      removed: (spec.removed ?? []).map(([stage, rule, category, text]): Removal => ({ stage, rule, category, text })),
      repaired: (spec.repaired ?? []).map(([stage, rule, before, after]): Repair => ({ stage, rule, before, after })),
      flagged: (spec.flagged ?? []).map(([stage, rule, text, note]): Flag => ({ stage, rule, text, note })),
    },
  };
  return ArticleSchema.parse(record);
}

/** A hostile text: if the page ever inserted it as markup, `window.__injected` would be set. */
export const HOSTILE_TITLE = `Council vote </script><script>window.__injected = 1</script><img src=x onerror="window.__injected = 2">`;

const SUMMIT = "story-2023-01-us-japan-summit";

export const FIXTURE_ARTICLES: ArticleSpec[] = [
  {
    id: "a417174b837f3990",
    site: "seechina.example",
    title: "U.S. and Japan sign space cooperation agreement",
    publishedAt: "2023-01-13",
    story: SUMMIT,
    blocks: [
      ["paragraph", "President Joe Biden and Prime Minister Fumio Kishida met at the White House on Friday."],
      ["paragraph", "Defense Secretary Lloyd Austin said the alliance had never been stronger."],
      ["caption", "The leaders at the White House. (Credit: Drew Angerer/Getty Images)"],
      ["paragraph", "The two governments signed a framework agreement on space cooperation."],
    ],
    removed: [
      ["boilerplate", "breadcrumb", "navigation", "Home » U.S. and Japan sign space cooperation agreement"],
      ["boilerplate", "cms-account-byline", "byline", "by admin"],
      ["boilerplate", "related-link", "related-links", "See also  The latest U.S. poll: most voters back the alliance"],
      ["boilerplate", "cookie-notice", "cookie-banner", "This website uses cookies to improve your experience. Accept Read More"],
      ["boilerplate", "copyright-footer", "copyright", "Source: See China–All rights reserved, any form of reprint is prohibited"],
      ["repeats", "repeated-title", "repeated", "U.S. and Japan sign space cooperation agreement"],
    ],
    repaired: [
      ["names", "interpunct-period", "Lloyd. Austin", "Lloyd Austin"],
      ["repair-text", "glued-words", "United StatesbidenPrime Minister", "United States Biden Prime Minister"],
    ],
    flagged: [["repair-text", "mistranslation", "a free and open India.” too area”", "probably “Indo-Pacific”"]],
    duplicates: ["dup-wire-1"],
  },
  {
    id: "b55e2c0d91aa4410",
    site: "pacificpost.example",
    title: "Kishida European visit ends in Washington",
    publishedAt: "2023-01-14T09:30:00Z",
    authors: ["Mari Tanaka"],
    story: SUMMIT,
    blocks: [
      ["paragraph", "Prime Minister Fumio Kishida ended a tour of G7 capitals in Washington."],
      ["heading", "Japanese maneuvers"],
      ["paragraph", "Tokyo plans to double its defence spending over five years."],
    ],
    removed: [
      ["boilerplate", "share-counter", "share-widget", "58"],
      ["boilerplate", "share-label", "share-widget", "SHARE"],
      ["boilerplate", "empty-array", "template-debris", "Array"],
    ],
    repaired: [["repair-text", "spinner-synonym", "once morest", "against"]],
    flagged: [["repair-text", "spinner-synonym", "The Pentagon master", "probably “chief”"]],
  },
  {
    id: "c0ffee00c00k1e50",
    site: "foodweekly.example",
    title: "The bakery whose cookies sell out by nine",
    publishedAt: "2023-02-02",
    authors: ["Ana DeSantis"],
    blocks: [
      ["paragraph", "Every morning a queue forms outside the bakery before the cookies leave the oven."],
      ["paragraph", "The owner, a former McDonald's manager, says the secret is brown butter."],
    ],
  },
  {
    id: "d4e9aa8812c3b0f1",
    site: "pacificpost.example",
    title: "Alliance talks: what was agreed",
    publishedAt: "2023-01-13",
    story: SUMMIT,
    truncated: true,
    blocks: [["paragraph", "Ministers agreed to deepen cooperation on cyber defence and space."]],
    removed: [
      ["boilerplate", "read-more", "truncation", "Continue reading..."],
      ["boilerplate", "comment-prompt", "comments", "Leave a Reply"],
      ["boilerplate", "comment-prompt", "comments", "Your email address will not be published. Required fields are marked *"],
    ],
  },
  {
    id: "e71b3c5d0a9f2e64",
    site: "seechina.example",
    title: "Blinken hosts Hayashi for talks",
    publishedAt: "2023-01-12",
    story: SUMMIT,
    blocks: [
      ["paragraph", "Secretary of State Antony Blinken hosted Foreign Minister Yoshimasa Hayashi."],
      ["quote", "“Japan is stepping up,” spokesman John Kirby said."],
    ],
    removed: [
      ["boilerplate", "donation-appeal", "appeal", "Good deeds are like candles, support independent reporting today"],
      ["boilerplate", "related-link", "related-links", "See also  Tokyo markets close higher on yen weakness"],
      ["templates", "site-template-line", "template", "Short URL for this article:"],
    ],
    repaired: [
      ["names", "doubled-given-name", "Anthony. Antony Blinken", "Antony Blinken"],
      ["names", "truncated-name", "spokesman John.", "spokesman John Kirby"],
      ["names-corpus", "canonical-form", "Hayashi Yoshimasa", "Yoshimasa Hayashi"],
    ],
  },
  {
    id: "f2a8d6c4e0b19735",
    site: "capitalwire.example",
    title: "State visit brings new defence pact",
    publishedAt: "2024-04-10",
    story: "story-2024-04-state-visit",
    blocks: [
      ["paragraph", "The state visit produced more than seventy agreements on defence and technology."],
      ["heading", "Geo-Political Concerns"],
      ["paragraph", "Analysts see the pact as a response to tension in the region."],
    ],
    removed: [["boilerplate", "share-label", "share-widget", "Share news"]],
    repaired: [["repair-text", "mojibake", "donâ€™t", "don’t"]],
    duplicates: ["dup-wire-2"],
  },
  {
    id: "0a1b2c3d4e5f6071",
    site: "capitalwire.example",
    title: "Markets shrug off summit news",
    publishedAt: "2024-04-11",
    blocks: [["paragraph", "Stocks in Tokyo rose slightly as investors looked past the diplomatic headlines."]],
    removed: [["templates", "site-template-line", "template", "Follow capitalwire on every platform"]],
  },
  {
    id: "1b2c3d4e5f607182",
    site: "localnews.example",
    title: HOSTILE_TITLE,
    publishedAt: "2024-05-01",
    blocks: [
      ["paragraph", "The council voted 7–2 to extend the library's opening hours. <b>Not bold</b>"],
      ["paragraph", "A resident asked whether </script> tags in minutes were ever a problem."],
    ],
    removed: [["boilerplate", "newsletter-prompt", "appeal", "<script>window.__injected = 3</script>Sign up for our newsletter"]],
  },
  {
    id: "2c3d4e5f60718293",
    site: "localnews.example",
    title: "Café reopens after flood repairs",
    publishedAt: "2024-05-03",
    blocks: [["paragraph", "The Café on Mill Street reopened on Tuesday after three months of repairs."]],
    repaired: [["repair-text", "mojibake", "CafÃ©", "Café"]],
  },
  {
    id: "3d4e5f6071829304",
    site: "foodweekly.example",
    title: "New iPhone app tracks food waste",
    publishedAt: "2024-06-20",
    blocks: [
      ["paragraph", "A new iPhone app lets households log what they throw away."],
      ["paragraph", "See also the report by the environment agency, which found a fall in waste."],
    ],
  },
  {
    id: "4e5f607182930415",
    site: "pacificpost.example",
    title: "Typhoon season outlook",
    publishedAt: "2024-07-01",
    blocks: [["paragraph", "Forecasters expect an average typhoon season with early storms."]],
    removed: [["boilerplate", "comment-prompt", "comments", "Leave a Comment"]],
  },
  {
    id: "5f60718293041526",
    site: "seechina.example",
    title: "Spring festival travel rush begins",
    publishedAt: "2023-01-07",
    blocks: [["paragraph", "Hundreds of millions of trips are expected over the holiday period."]],
    removed: [["boilerplate", "cookie-notice", "cookie-banner", "Privacy & Cookies Policy"]],
  },
];

export const FIXTURE_DUPLICATES: DuplicateEntry[] = [
  { id: "dup-wire-1", source: { path: "raw/mirror.jsonl", index: 3 }, duplicateOf: "a417174b837f3990", similarity: 1, method: "exact" },
  { id: "dup-wire-2", source: { path: "raw/mirror.jsonl", index: 8 }, duplicateOf: "f2a8d6c4e0b19735", similarity: 0.93, method: "near" },
];

export const FIXTURE_REJECTED: RejectedEntry[] = [
  { source: { path: "raw/stubs.jsonl", index: 0 }, stage: "quality", reason: "too-short", detail: "12 words after cleanup (at least 40 needed)" },
  { source: { path: "raw/listing.html", index: 0 }, stage: "quality", reason: "not-prose", detail: "a list of 48 links with no sentences" },
];

export const FIXTURE_RUN = {
  tidings: "0.1.0",
  schemaVersion: 1,
  pipeline: "news",
  stages: [
    { name: "extract", kind: "article", ms: 41, removed: 0, repaired: 0, flagged: 0, rejected: 0 },
    { name: "boilerplate", kind: "article", ms: 12, removed: 16, repaired: 0, flagged: 0, rejected: 0 },
    { name: "repeats", kind: "article", ms: 2, removed: 1, repaired: 0, flagged: 0, rejected: 0 },
    { name: "repair-text", kind: "article", ms: 9, removed: 0, repaired: 5, flagged: 2, rejected: 0 },
    { name: "quality", kind: "article", ms: 1, removed: 0, repaired: 0, flagged: 0, rejected: 2 },
    { name: "dedupe", kind: "corpus", ms: 5, removed: 0, repaired: 0, flagged: 0, rejected: 0 },
  ],
  inputs: { roots: ["raw"], files: 6, records: 16 },
  counts: { inputs: 16, articles: 12, duplicates: 2, rejected: 2 },
  rejectedBy: { "quality:too-short": 1, "quality:not-prose": 1 },
  corpus: { dedupe: { articles: 14, duplicates: 2, byMethod: { exact: 1, near: 1 } }, stories: { stories: 2, largestStory: 4 } },
  startedAt: "2026-11-23T10:00:00.000Z",
  finishedAt: "2026-11-23T10:00:01.250Z",
  ms: 1250,
};

function jsonl(values: readonly unknown[]): string {
  return values.map((v) => `${JSON.stringify(v)}\n`).join("");
}

/** Writes the fixture run into `dir` (created if needed) and returns the dir. */
export async function writeFixtureRun(dir: string, run: unknown = FIXTURE_RUN): Promise<string> {
  await mkdir(dir, { recursive: true });
  const articles = FIXTURE_ARTICLES.map((spec, i) => article(spec, i));
  await writeFile(join(dir, "articles.jsonl"), jsonl(articles));
  await writeFile(join(dir, "duplicates.jsonl"), jsonl(FIXTURE_DUPLICATES.map((d) => DuplicateEntrySchema.parse(d))));
  await writeFile(join(dir, "rejected.jsonl"), jsonl(FIXTURE_REJECTED.map((r) => RejectedEntrySchema.parse(r))));
  if (run !== null) await writeFile(join(dir, "run.json"), `${JSON.stringify(run, null, 2)}\n`);
  return dir;
}
