/**
 * Choosing the blocks of the article inside the main content. A block goes when it sits in a
 * furniture-named or link-dense part of the content (share bar, related list), when it is a known
 * piece of furniture on its own (an "Advertisement" label), when it is mostly links, or when it is
 * a short line before the first or after the last real paragraph (bylines, dates, tag lists), as
 * jusText judges short blocks by their neighbours. Short blocks between paragraphs (sub-headings)
 * stay.
 */
import type { BlockType } from "../article.ts";
import { type BlockFeatures, classify } from "./block-features.ts";
import type { Linearised } from "./linearise.ts";
import { type MainContent, namingSchemes } from "./main-content.ts";
import { boilerplatePhrase } from "./rule-tables.ts";

export interface SelectedBlock {
  type: BlockType;
  text: string;
  tag: string;
  linkDensity: number;
  classes: string;
}

export interface DroppedBlock {
  text: string;
  rule: string;
  category: string;
}

export interface Selection {
  kept: SelectedBlock[];
  dropped: DroppedBlock[];
}

interface Reason {
  rule: string;
  category: string;
}

function bump(values: Float64Array, at: number, by: number): void {
  values[at] = (values[at] ?? 0) + by;
}

const FURNITURE_TAGS = new Set(["nav", "aside", "footer", "menu", "form"]);

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** Why each element of the content is dropped wholesale (or null), decided parents first. */
function elementReasons(page: Linearised, main: MainContent): Map<number, Reason> {
  const { stats } = main;
  const reasons = new Map<number, Reason>();
  const links = new Float64Array(page.elements.length);
  for (const b of page.blocks) bump(links, b.element, b.links);
  for (let i = page.elements.length - 1; i > 0; i--) {
    const p = page.elements[i]?.parent ?? -1;
    if (p >= 0) bump(links, p, links[i] as number);
  }
  const rootProse = stats.prose[main.root] as number;
  const naming = namingSchemes(page, main.root, stats.prose, stats.hint);
  // Teasers holding most of the content are the article itself (a "ten things to know" list).
  let teaserProse = 0;
  const rootEnd = page.elements[main.root]?.end ?? main.root;
  for (const t of stats.teasers) if (t > main.root && t <= rootEnd) teaserProse += stats.prose[t] as number;
  const dropTeasers = teaserProse < 0.5 * rootProse;
  for (const part of main.parts) {
    const end = page.elements[part]?.end ?? part;
    for (let e = part + 1; e <= end; e++) {
      const el = page.elements[e];
      if (!el) continue;
      const inherited = reasons.get(el.parent);
      if (inherited) {
        reasons.set(e, inherited);
        continue;
      }
      const prose = stats.prose[e] as number;
      const small = prose < 0.5 * rootProse;
      // A quotation inside the article is article, whatever its class says (embedded posts).
      const found = small && el.tag !== "blockquote" ? stats.hint(e) : null;
      const hint = found && !naming.has(found.id) ? found : null;
      const chars = stats.chars[e] as number;
      if (dropTeasers && stats.teasers.has(e)) reasons.set(e, { rule: "teaser-list", category: "related" });
      else if (hint && small) reasons.set(e, { rule: `class-hint:${hint.id}`, category: hint.category });
      else if (FURNITURE_TAGS.has(el.tag) && small) reasons.set(e, { rule: `furniture-tag:${el.tag}`, category: "furniture" });
      else if (
        chars >= 40 &&
        (links[e] as number) >= 3 &&
        (stats.linkChars[e] as number) > 0.5 * chars &&
        (stats.goodChars[e] as number) < 0.25 * chars &&
        (stats.goodChars[e] as number) < 300 &&
        small
      ) {
        reasons.set(e, { rule: "link-dense-container", category: "related" });
      }
    }
  }
  return reasons;
}

export function selectBlocks(page: Linearised, main: MainContent, title: string | null): Selection {
  const reasons = elementReasons(page, main);
  const ranges = main.parts.map((p) => [p, page.elements[p]?.end ?? p] as const);
  const inContent = (e: number): boolean => ranges.some(([a, b]) => e >= a && e <= b);
  const titleKey = title ? normalise(title) : null;
  const dropped: DroppedBlock[] = [];
  interface Candidate {
    index: number;
    cls: "good" | "short" | "bad";
  }
  const candidates: Candidate[] = [];
  page.blocks.forEach((block, index) => {
    if (!inContent(block.element)) return;
    const reason = reasons.get(block.element);
    if (reason) {
      dropped.push({ text: block.text, ...reason });
      return;
    }
    if (block.tag === "h1" && titleKey !== null && normalise(block.text) === titleKey) return;
    const phrase = boilerplatePhrase(block.text);
    if (phrase) {
      dropped.push({ text: block.text, rule: `phrase:${phrase.id}`, category: phrase.category });
      return;
    }
    candidates.push({ index, cls: classify(main.features[index] as BlockFeatures) });
  });
  let first = candidates.findIndex((c) => c.cls === "good");
  let last = candidates.length - 1;
  while (last >= 0 && candidates[last]?.cls !== "good") last--;
  if (first < 0) {
    // No paragraph reads as prose: keep what is not link furniture rather than return nothing.
    first = 0;
    last = candidates.length - 1;
  }
  const kept: SelectedBlock[] = [];
  candidates.forEach((c, at) => {
    const block = page.blocks[c.index];
    const f = main.features[c.index] as BlockFeatures;
    if (!block) return;
    let reason: Reason | null = null;
    if (c.cls === "bad") reason = { rule: "link-dense-block", category: "navigation" };
    else if (c.cls === "short" && block.type !== "caption") {
      if (at < first) reason = { rule: "short-before-content", category: "furniture" };
      else if (at > last && !trailingProse(block.type, f)) reason = { rule: "short-after-content", category: "furniture" };
    }
    if (reason) {
      dropped.push({ text: block.text, ...reason });
      return;
    }
    kept.push({ type: block.type, text: block.text, tag: block.tag, linkDensity: f.linkDensity, classes: block.classes });
  });
  return { kept, dropped: [...besideContent(page, main), ...dropped] };
}

/** How many blocks next to the content are looked at for the record. */
const BESIDE_LIMIT = 200;

/**
 * Blocks next to the content (in the same parent: a byline, a share bar, a newsletter box inside
 * <article>) are gone with everything else outside it; they are named in the record so that a
 * reader sees what was judged page furniture around the article.
 */
function besideContent(page: Linearised, main: MainContent): DroppedBlock[] {
  const scope = page.elements[main.root]?.parent ?? -1;
  if (scope <= 0) return [];
  const end = page.elements[scope]?.end ?? scope;
  const ranges = main.parts.map((p) => [p, page.elements[p]?.end ?? p] as const);
  const out: DroppedBlock[] = [];
  for (const block of page.blocks) {
    if (block.element < scope || block.element > end) continue;
    if (ranges.some(([a, b]) => block.element >= a && block.element <= b)) continue;
    if (block.tag === "h1") continue;
    let reason: Reason = { rule: "beside-content", category: "furniture" };
    for (let e = block.element, hops = 0; e > scope && hops < 30; e = page.elements[e]?.parent ?? scope, hops++) {
      if (main.stats.teasers.has(e)) {
        reason = { rule: "beside-content:teaser-list", category: "related" };
        break;
      }
      const hint = main.stats.hint(e);
      if (hint) {
        reason = { rule: `beside-content:${hint.id}`, category: hint.category };
        break;
      }
    }
    out.push({ text: block.text, ...reason });
    if (out.length >= BESIDE_LIMIT) break;
  }
  return out;
}

/** A short block after the last paragraph still belongs to the article when it reads as a line of text. */
function trailingProse(type: BlockType, f: BlockFeatures): boolean {
  if (f.linkDensity > 0.3) return false;
  if (type === "list-item") return f.words >= 3;
  return f.words >= 8 && f.sentences >= 1;
}
