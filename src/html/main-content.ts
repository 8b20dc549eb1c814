/**
 * Finding the main content: the element that holds most of the page's prose. Every block's prose
 * weight is summed up the element tree (one pass, children before parents); then, from the body
 * down, the walk enters the child holding most of its parent's prose for as long as one child
 * dominates. Where the prose spreads over several children, that element is the article. Siblings
 * that are plainly prose (a lead paragraph kept outside the body container) join it.
 */
import { type BlockFeatures, classify, featuresOf, proseWeight } from "./block-features.ts";
import type { Linearised } from "./linearise.ts";
import { type PatternRule, classHint } from "./rule-tables.ts";

export interface ElementStats {
  /** Prose weight in the subtree, as found. */
  prose: Float64Array;
  /** Prose weight with furniture-named small subtrees discounted: what the descent follows. */
  weighted: Float64Array;
  chars: Float64Array;
  linkChars: Float64Array;
  goodChars: Float64Array;
  /** The furniture hint of each element's own class/id words. */
  hint: (PatternRule | null)[];
}

export interface MainContent {
  /** Element index of the article container. */
  root: number;
  /** Element indices whose subtrees hold the article, in document order (root among them). */
  parts: number[];
  features: BlockFeatures[];
  stats: ElementStats;
}

export interface MainContentOptions {
  /** A child holding at least this share of its parent's prose is entered. */
  dominance: number;
  /** A furniture-named element holding less than this share of the page's prose is discounted. */
  hintShare: number;
}

export const defaultMainContentOptions: MainContentOptions = { dominance: 0.7, hintShare: 0.4 };

function bump(values: Float64Array, at: number, by: number): void {
  values[at] = (values[at] ?? 0) + by;
}

const FURNITURE_TAGS = new Set(["nav", "aside", "footer", "menu"]);

function computeStats(page: Linearised, features: BlockFeatures[], hintShare: number): ElementStats {
  const n = page.elements.length;
  const prose = new Float64Array(n);
  const weighted = new Float64Array(n);
  const chars = new Float64Array(n);
  const linkChars = new Float64Array(n);
  const goodChars = new Float64Array(n);
  const hint: (PatternRule | null)[] = page.elements.map((e) => classHint(e.hints));
  page.blocks.forEach((block, i) => {
    const f = features[i] as BlockFeatures;
    const w = proseWeight(f);
    bump(prose, block.element, Math.max(0, w));
    bump(weighted, block.element, w);
    bump(chars, block.element, f.chars);
    bump(linkChars, block.element, block.linkChars);
    if (classify(f) === "good") bump(goodChars, block.element, f.chars);
  });
  // Children come after their parents in the pre-order table: a reverse pass sums subtrees.
  for (let i = n - 1; i > 0; i--) {
    const p = page.elements[i]?.parent ?? -1;
    if (p < 0) continue;
    bump(prose, p, prose[i] as number);
    bump(chars, p, chars[i] as number);
    bump(linkChars, p, linkChars[i] as number);
    bump(goodChars, p, goodChars[i] as number);
  }
  const total = prose[0] ?? 0;
  for (let i = n - 1; i > 0; i--) {
    const el = page.elements[i];
    if (!el) continue;
    const furniture = hint[i] !== null || FURNITURE_TAGS.has(el.tag);
    if (furniture && (prose[i] as number) < hintShare * total) weighted[i] = (weighted[i] ?? 0) * 0.15;
    if (el.parent >= 0) bump(weighted, el.parent, weighted[i] as number);
  }
  return { prose, weighted, chars, linkChars, goodChars, hint };
}

export function findMainContent(page: Linearised, options: MainContentOptions = defaultMainContentOptions): MainContent {
  const features = page.blocks.map(featuresOf);
  const stats = computeStats(page, features, options.hintShare);
  const children: number[][] = page.elements.map(() => []);
  page.elements.forEach((e, i) => {
    if (e.parent >= 0) children[e.parent]?.push(i);
  });
  let root = 0;
  for (;;) {
    const here = stats.weighted[root] as number;
    let best = -1;
    let bestWeight = 0;
    for (const c of children[root] ?? []) {
      const w = stats.weighted[c] as number;
      if (w > bestWeight) {
        best = c;
        bestWeight = w;
      }
    }
    if (best < 0 || here <= 0 || bestWeight < options.dominance * here) break;
    root = best;
  }
  const parts = [root];
  const parent = page.elements[root]?.parent ?? -1;
  if (parent >= 0) {
    const rootGood = stats.goodChars[root] as number;
    for (const s of children[parent] ?? []) {
      if (s === root) continue;
      const el = page.elements[s];
      if (!el || stats.hint[s] !== null || FURNITURE_TAGS.has(el.tag)) continue;
      const c = stats.chars[s] as number;
      const good = stats.goodChars[s] as number;
      if (good >= 80 && good >= 0.6 * c && (stats.linkChars[s] as number) < 0.2 * c && good >= 0.02 * rootGood) parts.push(s);
    }
    parts.sort((a, b) => a - b);
  }
  return { root, parts, features, stats };
}
