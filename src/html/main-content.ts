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
  /** Elements that are one of a row of story teasers. */
  teasers: Set<number>;
  /** The furniture hint of an element's own class/id words (computed on demand). */
  hint: (element: number) => PatternRule | null;
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
const TEASER_TAGS = new Set(["article", "div", "li", "section"]);

function computeStats(page: Linearised, features: BlockFeatures[], hintShare: number): ElementStats {
  const n = page.elements.length;
  const prose = new Float64Array(n);
  const weighted = new Float64Array(n);
  const chars = new Float64Array(n);
  const linkChars = new Float64Array(n);
  const goodChars = new Float64Array(n);
  const hint = (i: number): PatternRule | null => classHint(page.elements[i]?.hints ?? "");
  page.blocks.forEach((block, i) => {
    const f = features[i] as BlockFeatures;
    const w = proseWeight(f);
    bump(prose, block.element, Math.max(0, w));
    bump(weighted, block.element, Math.max(0, w));
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
  const teasers = findTeasers(page, features, chars);
  const total = prose[0] ?? 0;
  const naming = namingSchemes(page, 0, prose, hint);
  for (let i = n - 1; i > 0; i--) {
    const el = page.elements[i];
    if (!el) continue;
    const small = (prose[i] as number) > 0 && (prose[i] as number) < hintShare * total;
    const h = small ? hint(i) : null;
    if (teasers.has(i) || (small && (FURNITURE_TAGS.has(el.tag) || (h !== null && !naming.has(h.id))))) weighted[i] = (weighted[i] ?? 0) * 0.15;
    if (el.parent >= 0) bump(weighted, el.parent, weighted[i] as number);
  }
  return { prose, weighted, chars, linkChars, goodChars, hint, teasers };
}

/**
 * schema.org markup: an element inside the chosen container marked `itemprop="articleBody"` that
 * holds a fair share of the page's prose is the article body, whatever the prose weights say.
 */
function narrowToArticleBody(page: Linearised, stats: ElementStats, root: number): number {
  const end = page.elements[root]?.end ?? root;
  const total = stats.prose[0] as number;
  let best = root;
  let bestProse = 0;
  for (let e = root + 1; e <= end; e++) {
    const el = page.elements[e];
    if (!el || (el.node.attribs?.itemprop ?? "").toLowerCase() !== "articlebody") continue;
    const p = stats.prose[e] as number;
    if (p > bestProse) {
      best = e;
      bestProse = p;
    }
  }
  return best !== root && bestProse >= 0.3 * total ? best : root;
}

/**
 * Class-hint rules that are a naming scheme on this page rather than a hint: the outermost elements
 * they match under `root` are many (three or more) and hold most of its prose together (a page
 * builder that calls every block a "widget"). One comments section holding most prose stays a hint.
 */
export function namingSchemes(
  page: Linearised,
  root: number,
  prose: Float64Array,
  hint: (element: number) => PatternRule | null,
): Set<string> {
  const end = page.elements[root]?.end ?? root;
  const above = new Map<number, string>();
  const sums = new Map<string, number>();
  const counts = new Map<string, number>();
  for (let e = root + 1; e <= end; e++) {
    const el = page.elements[e];
    if (!el) continue;
    const inherited = above.get(el.parent) ?? "";
    const p = prose[e] as number;
    if (p <= 0) continue;
    const rule = el.hints === "" ? null : hint(e);
    if (rule && !inherited.includes(`|${rule.id}|`)) {
      sums.set(rule.id, (sums.get(rule.id) ?? 0) + p);
      counts.set(rule.id, (counts.get(rule.id) ?? 0) + 1);
      above.set(e, `${inherited}|${rule.id}|`);
    } else if (inherited !== "") above.set(e, inherited);
  }
  const total = prose[root] as number;
  const schemes = new Set<string>();
  for (const [id, sum] of sums) if (sum >= 0.5 * total && (counts.get(id) ?? 0) >= 3) schemes.add(id);
  return schemes;
}

/**
 * Teasers: three or more sibling elements of the same tag and class that each open with a link
 * (a headline) and hold a short text (an excerpt): a list of other stories, however long.
 */
function findTeasers(page: Linearised, features: BlockFeatures[], chars: Float64Array): Set<number> {
  const n = page.elements.length;
  const firstBlock = new Int32Array(n).fill(-1);
  page.blocks.forEach((b, i) => {
    if ((firstBlock[b.element] as number) < 0) firstBlock[b.element] = i;
  });
  for (let i = n - 1; i > 0; i--) {
    const p = page.elements[i]?.parent ?? -1;
    const mine = firstBlock[i] as number;
    if (p >= 0 && mine >= 0 && ((firstBlock[p] as number) < 0 || mine < (firstBlock[p] as number))) firstBlock[p] = mine;
  }
  const groups = new Map<string, number[]>();
  for (let i = 1; i < n; i++) {
    const el = page.elements[i];
    if (!el || !TEASER_TAGS.has(el.tag)) continue;
    const first = firstBlock[i] as number;
    const c = chars[i] as number;
    if (first < 0 || c === 0 || c > 1500) continue;
    const f = features[first];
    const opener = page.blocks[first];
    // It opens with a headline: a block that is mostly link, or one led by a link of several words.
    if (!f || !opener || (f.linkDensity <= 0.5 && opener.leadLinkWords < 5)) continue;
    const key = `${el.parent}|${el.tag}|${el.hints}`;
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  }
  const teasers = new Set<number>();
  for (const list of groups.values()) if (list.length >= 3) for (const i of list) teasers.add(i);
  return teasers;
}

/**
 * The children of an element, in document order: in the pre-order table they follow it, each
 * child's subtree ending just before the next child.
 */
function childrenOf(page: Linearised, element: number): number[] {
  const out: number[] = [];
  const end = page.elements[element]?.end ?? element;
  for (let c = element + 1; c <= end; c = (page.elements[c]?.end ?? c) + 1) out.push(c);
  return out;
}

/** `features` are the blocks' features when the caller has them already (featuresOf each block). */
export function findMainContent(page: Linearised, options: MainContentOptions = defaultMainContentOptions, features: BlockFeatures[] = page.blocks.map(featuresOf)): MainContent {
  const stats = computeStats(page, features, options.hintShare);
  let root = 0;
  for (;;) {
    // What the children add up to (furniture counts as nothing), plus prose written directly here.
    let childProse = 0;
    let positive = 0;
    let best = -1;
    let bestWeight = 0;
    for (const c of page.elements.length > 0 ? childrenOf(page, root) : []) {
      const w = stats.weighted[c] as number;
      childProse += stats.prose[c] as number;
      if (w > 0) positive += w;
      if (w > bestWeight) {
        best = c;
        bestWeight = w;
      }
    }
    const own = Math.max(0, (stats.prose[root] as number) - childProse);
    if (best < 0 || bestWeight < options.dominance * (positive + own)) break;
    root = best;
  }
  root = narrowToArticleBody(page, stats, root);
  const parts = [root];
  const parent = page.elements[root]?.parent ?? -1;
  if (parent >= 0) {
    const rootGood = stats.goodChars[root] as number;
    for (const s of childrenOf(page, parent)) {
      if (s === root) continue;
      const el = page.elements[s];
      if (!el || stats.hint(s) !== null || FURNITURE_TAGS.has(el.tag)) continue;
      const c = stats.chars[s] as number;
      const good = stats.goodChars[s] as number;
      if (good >= 80 && good >= 0.6 * c && (stats.linkChars[s] as number) < 0.2 * c && good >= 0.02 * rootGood) parts.push(s);
    }
    parts.sort((a, b) => a - b);
  }
  return { root, parts, features, stats };
}
