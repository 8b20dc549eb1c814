/**
 * templates: a line that repeats across many articles of one site is the site's template, whatever
 * its words (a slogan, a donation appeal, a footer). Learned per run: every article is observed once
 * (each line counted once per article), then lines seen in enough *different* articles of a site are
 * removed from all of them.
 *
 * Floors keep small corpora from over-learning: a site needs `minArticles` articles, and a line must
 * appear in `minRepeats` articles and in `minShare` of the site's articles. Copies of one story (the
 * same article scraped twice) do not count as different articles: each article is fingerprinted by
 * its longest block, and a line's support is the number of distinct fingerprints it was seen with.
 * The state is the same whatever the order of observation, so output does not depend on input order.
 */
import { posix } from "node:path";
import { z } from "zod";
import type { Draft, DraftBlock } from "../draft.ts";
import { defineCorpusStage, refHash } from "../stage.ts";
import { foldHash53 } from "../util/hash.ts";
import { RowIndex } from "../util/row-index.ts";

interface LineStats {
  /** Distinct article fingerprints seen with this line, up to the support needed. */
  fingerprints: number[];
  articles: number;
}

interface SiteStats {
  index: number;
  articles: number;
  /** Lines seen in one article so far, with that article's fingerprint: most lines, a few bytes each. */
  once: RowIndex;
  /** Lines of `once` seen again since (they moved to `lines`). */
  promoted: number;
  /** Lines seen in two articles or more. */
  lines: Map<number, LineStats>;
  template: Set<number>;
}

interface TemplatesState {
  sites: Map<string, SiteStats>;
  /** The sites in the order first seen, and the site of each observed draft by the hash of its ref. */
  siteList: SiteStats[];
  siteOf: RowIndex;
  pruned: number;
  peakBytes: number;
  /** Articles observed (kept for describe once `siteOf` is freed). */
  articles: number;
}

/** What observing needs of a draft: its site, its fingerprint, the hashes of its candidate lines. */
interface TemplateFeatures {
  site: string;
  fingerprint: number;
  lines: number[];
}

/** Which site an article belongs to: its `site`, else the host of its URL, else its input folder. */
export function siteOf(draft: Draft): string {
  if (draft.meta.site) return `site:${draft.meta.site.toLowerCase()}`;
  if (draft.meta.url) {
    try {
      return `host:${new URL(draft.meta.url).hostname.replace(/^www\./, "")}`;
    } catch {
      // not a URL: fall through to the folder
    }
  }
  return `dir:${posix.dirname(draft.source.path)}`;
}

/** The blocks worth counting: the edges of the article, where templates live, and short lines. */
function candidateBlocks(draft: Draft, maxWords: number): DraftBlock[] {
  const live = draft.live();
  return live.filter((b, i) => {
    const edge = i < 6 || i >= live.length - 8;
    // counting stops where the answer is known: past maxWords at the edges, past 12 in the middle
    const n = draft.wordsOf(b, edge ? maxWords + 1 : 13);
    if (n === 0 || n > maxWords) return false;
    return edge || n <= 12;
  });
}

/** A 32-bit fingerprint of the article: its longest block. */
function articleFingerprint(draft: Draft): number {
  let longest = "";
  for (const b of draft.live()) if (b.text.length > longest.length) longest = b.text;
  return foldHash53(longest) >>> 0;
}

/** Lines seen once that a site keeps before it forgets them (bounded memory on a huge site). */
const PRUNE_AT = 2_000_000;

export const templates = defineCorpusStage({
  name: "templates",
  description: "Removes lines that repeat across many different articles of one site (learned per run).",
  options: z
    .object({
      minArticles: z.number().int().positive().default(5),
      minRepeats: z.number().int().min(2).default(3),
      minShare: z.number().min(0).max(1).default(0.2),
      /** Longest block (in words) that can be template. */
      maxWords: z.number().int().positive().default(120),
    })
    .strict(),
  createState: (): TemplatesState => ({ sites: new Map(), siteList: [], siteOf: new RowIndex(), pruned: 0, peakBytes: 0, articles: 0 }),
  features(draft, ctx): TemplateFeatures {
    const lines = new Set<number>();
    for (const block of candidateBlocks(draft, ctx.options.maxWords)) lines.add(foldHash53(block.text));
    return { site: siteOf(draft), fingerprint: articleFingerprint(draft), lines: [...lines] };
  },
  collect(features: TemplateFeatures, ref, state, ctx) {
    let site = state.sites.get(features.site);
    if (!site) {
      site = { index: state.siteList.length, articles: 0, once: new RowIndex(), promoted: 0, lines: new Map(), template: new Set() };
      state.sites.set(features.site, site);
      state.siteList.push(site);
    }
    state.siteOf.set(refHash(ref), site.index);
    site.articles++;
    const fp = features.fingerprint;
    for (const h of features.lines) {
      let line = site.lines.get(h);
      if (!line) {
        const first = site.once.get(h);
        if (first === undefined) {
          site.once.set(h, fp | 0);
          continue;
        }
        line = { fingerprints: [first >>> 0], articles: 1 };
        site.lines.set(h, line);
        site.promoted++;
      }
      line.articles++;
      if (line.fingerprints.length < ctx.options.minRepeats && !line.fingerprints.includes(fp)) line.fingerprints.push(fp);
    }
    // Bounded memory: on a huge site, forget the lines seen only once so far.
    if (site.once.size > PRUNE_AT) {
      state.pruned += site.once.size - site.promoted;
      site.once = new RowIndex();
      site.promoted = 0;
    }
  },
  finish(state, ctx) {
    const { minArticles, minRepeats, minShare } = ctx.options;
    // what the state held at its largest, for run.json (a counted line: a Map entry and its object, ~120 B)
    state.peakBytes = state.siteOf.bytes;
    state.articles = state.siteOf.size;
    for (const site of state.sites.values()) state.peakBytes += site.once.bytes + site.lines.size * 120;
    for (const site of state.sites.values()) {
      if (site.articles >= minArticles) {
        const need = Math.max(minRepeats, Math.ceil(minShare * site.articles));
        for (const [h, line] of site.lines) {
          if (line.articles >= need && line.fingerprints.length >= minRepeats) site.template.add(h);
        }
      }
      site.lines = new Map();
      site.once = new RowIndex();
    }
  },
  // Most articles of a site hold none of its template lines, or a few: the draft's own lines say which.
  decideSeesFeatures: true,
  // As finish will judge, with the counts so far: a line of the draft already on enough of its
  // site's articles (their fingerprints aside) makes a decision for it likely.
  likelyDecides(features: TemplateFeatures, state, ctx) {
    const site = state.sites.get(features.site);
    if (!site || site.articles < ctx.options.minArticles) return false;
    const need = Math.max(ctx.options.minRepeats, Math.ceil(ctx.options.minShare * site.articles));
    for (const h of features.lines) if ((site.lines.get(h)?.articles ?? 0) >= need) return true;
    return false;
  },
  decide(ref, state, _ctx, features): number[] | undefined {
    const index = state.siteOf.get(refHash(ref));
    const site = index === undefined ? undefined : state.siteList[index];
    if (!site || site.template.size === 0) return undefined;
    if (!features) return [...site.template];
    const found = features.lines.filter((h) => site.template.has(h));
    return found.length > 0 ? found : undefined;
  },
  applyDecision(draft, template: number[], ctx) {
    const lines = new Set(template);
    // Only the blocks that observe counted can be template lines.
    for (const block of candidateBlocks(draft, ctx.options.maxWords)) {
      if (lines.has(foldHash53(block.text))) draft.remove(block, "site-template", "template");
    }
  },
  // Which site each article was of is needed only to decide.
  applied(state) {
    state.siteOf = new RowIndex();
  },
  describe: (state) => ({
    sites: state.sites.size,
    templateLines: [...state.sites.values()].reduce((n, s) => n + s.template.size, 0),
    prunedLines: state.pruned,
    stateBytesPerArticle: state.articles > 0 ? Math.round(state.peakBytes / state.articles) : 0,
  }),
});
