/**
 * A labelled duplicate corpus built from real article texts (the WCXB gold main contents): every
 * article, plus copies of some of them as syndication makes them, plus hard negatives (an article
 * printed in the same site template as others, an article quoting a paragraph of another). Items
 * with the same `cluster` are duplicates of each other; every other pair is not.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { type CopyKind, SITE_COUNT, makeCopy, quoting } from "./syndicate.ts";
import { Rng } from "./rng.ts";
import { fingerprint } from "../../../src/dedupe/fingerprint.ts";
import { containment, toSortedSet } from "../../../src/dedupe/similarity.ts";

export interface LabelledItem {
  id: string;
  text: string;
  title: string;
  truncated: boolean;
  /** The original article this item was made from. */
  cluster: number;
  /** "original", or the kinds of copy. */
  kinds: string[];
  tags: string[];
}

export interface SourceArticle {
  text: string;
  title: string;
  tags: string[];
}

export function readWcxb(dir: string, minWords = 150): SourceArticle[] {
  if (!existsSync(dir)) return [];
  const out: SourceArticle[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".json")).sort()) {
    const doc = JSON.parse(readFileSync(join(dir, f), "utf8")) as {
      ground_truth?: { main_content?: string; title?: string };
      _internal?: { page_type?: { tags?: string[] } };
    };
    const text = doc.ground_truth?.main_content ?? "";
    if (text.split(/\s+/).length < minWords) continue;
    out.push({ text, title: doc.ground_truth?.title ?? "", tags: doc._internal?.page_type?.tags ?? [] });
  }
  return out;
}

/**
 * `stress` adds reworked copies (a sentence changed in most paragraphs, on top of a dropped and a
 * moved paragraph and other site lines): more than syndication usually does, to show where the
 * thresholds start to lose copies.
 */
export function buildLabelledCorpus(sources: readonly SourceArticle[], seed = 20260101, stress = false): LabelledItem[] {
  const rng = new Rng(seed);
  const items: LabelledItem[] = [];
  const kinds: CopyKind[] = ["exact", "syndicated", "edited", "edited", "excerpt", ...(stress ? (["rewritten", "rewritten"] as const) : [])];
  sources.forEach((src, cluster) => {
    items.push({ id: `a${cluster}`, text: src.text, title: src.title, truncated: false, cluster, kinds: ["original"], tags: src.tags });
    // about half the articles are republished, some several times
    const copies = rng.chance(0.5) ? 1 + rng.int(3) : 0;
    for (let c = 0; c < copies; c++) {
      const kind = rng.pick(kinds);
      const copy = makeCopy(src.text, src.title, kind, rng.int(SITE_COUNT), rng);
      items.push({ id: `a${cluster}-c${c}`, text: copy.text, title: copy.title, truncated: copy.truncated, cluster, kinds: copy.kinds, tags: src.tags });
    }
  });
  // hard negatives: an article quoting a paragraph of another on the same topic, in a shared template
  for (let i = 0; i + 1 < sources.length; i += 7) {
    const a = sources[i] as SourceArticle;
    const b = sources.findIndex((s, j) => j > i && s.tags.some((t) => a.tags.includes(t)));
    if (b < 0) continue;
    const text = quoting((sources[b] as SourceArticle).text, a.text, rng.int(SITE_COUNT), rng);
    items.push({ id: `q${i}-${b}`, text, title: "", truncated: false, cluster: b, kinds: ["quotes-another"], tags: [] });
  }
  return items;
}

/**
 * The source set must not hold duplicates itself, or its labels would be wrong: drops every article
 * whose word 4-gram shingles are at least `maxContainment` inside another (longer) source article.
 * Returns the kept articles and the dropped pairs.
 */
export function withoutSourceDuplicates(
  sources: readonly SourceArticle[],
  maxContainment = 0.5,
): { kept: SourceArticle[]; dropped: Array<[number, number, number]> } {
  const sets = sources.map((s) => toSortedSet(fingerprint(s.text, 4).shingles));
  const drop = new Set<number>();
  const dropped: Array<[number, number, number]> = [];
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const [small, big] = (sets[i] as Uint32Array).length <= (sets[j] as Uint32Array).length ? [i, j] : [j, i];
      const c = containment(sets[small] as Uint32Array, sets[big] as Uint32Array);
      if (c >= maxContainment && !drop.has(big)) {
        drop.add(small);
        dropped.push([small, big, c]);
      }
    }
  }
  return { kept: sources.filter((_, i) => !drop.has(i)), dropped };
}
