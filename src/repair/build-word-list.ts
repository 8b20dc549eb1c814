/**
 * Builds src/repair/data/english-words.txt: the English words that occur at least twice written in
 * lower case (so names, which are written capitalised, stay out) in the reference article bodies of the ScrapingHub extraction benchmark (MIT licence), most frequent
 * first, lower-cased. Only the list of words and their order is kept, never the text.
 *
 *   node --import tsx src/repair/build-word-list.ts [../shared/bench/scrapinghub/ground-truth.json]
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
const input = process.argv[2] ?? path.resolve(repoRoot, "../shared/bench/scrapinghub");
const output = path.join(here, "data/english-words.txt");

type Pages = Record<string, { articleBody?: string }>;

function countWords(file: string): Map<string, number> {
  const json = JSON.parse(readFileSync(path.join(input, file), "utf8")) as Pages | { output: Pages };
  const pages = "output" in json && typeof json.output === "object" ? (json.output as Pages) : (json as Pages);
  const counts = new Map<string, number>();
  for (const page of Object.values(pages)) {
    for (const w of page.articleBody?.match(/\b[a-z]+\b/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

const bodies = countWords("ground-truth.json");
const pages = countWords("output/html-text.json");
const counts = new Map<string, number>();
for (const [w, n] of bodies) counts.set(w, n);
for (const [w, n] of pages) if (n >= 2 || bodies.has(w)) counts.set(w, Math.max(n, counts.get(w) ?? 0));
const words = [...counts]
  .filter(([w]) => w.length >= 2 || w === "a" || w === "i")
  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  .map(([w]) => w);
writeFileSync(output, `${words.join("\n")}\n`);
process.stdout.write(`wrote ${words.length} words to ${path.relative(repoRoot, output)}\n`);
