/**
 * The templates stage learns a site's template lines from the run itself: lines repeated across
 * enough different articles of one site go, whatever their words; small corpora and copies of one
 * story teach it nothing; the result does not depend on the order articles are seen in.
 */
import { describe, expect, it } from "vitest";
import { Draft } from "../src/draft.ts";
import { silentLogger } from "../src/log.ts";
import type { CorpusStage } from "../src/stage.ts";
import { templates } from "../src/stages/templates.ts";
import { article, rng } from "./support/corpus.ts";

const SLOGAN = "Independent reporting from the valley since 1921, owned by its readers";
const FOOTER = "Valley Courier, 14 Mill Street, Brookfield";

function draftOf(id: string, site: string, paragraphs: string[]): Draft {
  const d = new Draft({ id, source: { path: `${site}/${id}.txt`, index: 0 }, raw: { kind: "text", content: "" }, meta: { site } });
  for (const p of paragraphs) d.addBlock("paragraph", p);
  return d;
}

function siteArticles(n: number, seed: number, site = "Valley Courier"): Draft[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const body = article(r, `a${i}`, false).text.split("\n\n").slice(1, 5);
    return draftOf(`${site}-${i}`, site, [SLOGAN, ...body, FOOTER]);
  });
}

async function runStage(drafts: Draft[], options?: Parameters<typeof templates>[0]): Promise<Draft[]> {
  const stage = templates(options) as CorpusStage;
  const ctx = { options: stage.options as never, log: silentLogger, stateDir: null };
  const state = await stage.createState(ctx);
  for (const d of drafts) await stage.observe(d, state, ctx);
  await stage.finish(state, ctx);
  for (const d of drafts) await stage.apply(d, state, ctx);
  return drafts;
}

const removed = (d: Draft) => d.removed.filter((r) => r.rule === "site-template").map((r) => r.text);

describe("templates", () => {
  it("removes lines repeated across many different articles of a site, and keeps the bodies", async () => {
    const drafts = await runStage(siteArticles(8, 1));
    for (const d of drafts) {
      expect(removed(d).sort()).toEqual([FOOTER, SLOGAN].sort());
      expect(d.live().length).toBeGreaterThanOrEqual(4);
    }
  });

  it("learns nothing from a corpus below the floor", async () => {
    const drafts = await runStage(siteArticles(4, 2));
    for (const d of drafts) expect(removed(d)).toEqual([]);
  });

  it("does not take copies of one story for a template", async () => {
    const one = siteArticles(1, 3)[0] as Draft;
    const texts = one.live().map((b) => b.text);
    const copies = Array.from({ length: 6 }, (_, i) => draftOf(`copy${i}`, "Valley Courier", texts));
    const drafts = await runStage(copies);
    for (const d of drafts) expect(removed(d)).toEqual([]);
  });

  it("keeps other sites' lines apart", async () => {
    const a = siteArticles(6, 4, "Valley Courier");
    const b = siteArticles(2, 5, "Harbour Gazette");
    await runStage([...a, ...b]);
    for (const d of b) expect(removed(d)).toEqual([]);
  });

  it("decides the same whatever the order it sees the articles in", async () => {
    const mix = () => [...siteArticles(6, 6), ...siteArticles(3, 7, "Harbour Gazette")];
    const forward = await runStage(mix());
    const backward = await runStage(mix().reverse());
    const byId = (ds: Draft[]) => Object.fromEntries(ds.map((d) => [d.id, removed(d)]));
    expect(byId(backward)).toEqual(byId(forward));
  });

  it("decides from a draft's own lines what the whole template would do: only the lines it holds, nothing for one without", async () => {
    const stage = templates() as CorpusStage;
    const split = stage.split as NonNullable<CorpusStage["split"]>;
    const decided = stage.decided as NonNullable<CorpusStage["decided"]>;
    expect(decided.seesFeatures).toBe(true);
    const ctx = { options: stage.options as never, log: silentLogger, stateDir: null };
    const state = await stage.createState(ctx);
    const drafts = siteArticles(8, 8);
    // one article of the site carries the slogan but not the footer, one carries neither
    const sloganOnly = draftOf("Valley Courier-s", "Valley Courier", [SLOGAN, "A council vote on the bridge was put off until March."]);
    const plain = draftOf("Valley Courier-p", "Valley Courier", ["The library reopens on Saturday after a year of repairs to its roof."]);
    const all = [...drafts, sloganOnly, plain];
    const features = all.map((d) => split.features(d, ctx));
    all.forEach((d, k) => split.collect(features[k], { id: d.id, source: d.source }, state, ctx));
    await stage.finish(state, ctx);
    const refOf = (d: Draft) => ({ id: d.id, source: d.source });
    const whole = decided.decide(refOf(plain), state, ctx) as number[];
    expect(whole).toHaveLength(2);
    expect(decided.decide(refOf(plain), state, ctx, features[all.length - 1])).toBeUndefined();
    expect(decided.decide(refOf(sloganOnly), state, ctx, features[all.length - 2])).toHaveLength(1);
    // and applying the narrower decision removes what the whole template removes
    for (const [k, d] of all.entries()) {
      const twin = draftOf(d.id, "Valley Courier", d.live().map((b) => b.text));
      const narrow = decided.decide(refOf(d), state, ctx, features[k]);
      if (narrow !== undefined) decided.applyDecision(d, narrow, ctx);
      decided.applyDecision(twin, decided.decide(refOf(twin), state, ctx), ctx);
      expect(removed(d)).toEqual(removed(twin));
    }
  });
});

describe("templates' hint to the runner", () => {
  it("says a draft will likely be decided once a line of it is on enough of its site's articles, and not before", async () => {
    const stage = templates() as CorpusStage;
    const split = stage.split as NonNullable<CorpusStage["split"]>;
    const likely = (stage.decided as NonNullable<CorpusStage["decided"]>).likely;
    if (!likely) throw new Error("templates gives no hint");
    const ctx = { options: stage.options as never, log: silentLogger, stateDir: null };
    const state = await stage.createState(ctx);
    const says: boolean[] = [];
    for (const d of siteArticles(12, 9)) {
      const f = split.features(d, ctx);
      split.collect(f, { id: d.id, source: d.source }, state, ctx);
      says.push(likely(f, state, ctx));
    }
    // under minArticles (5) articles of the site: never; from there on, the slogan and footer are on all
    expect(says.slice(0, 4)).toEqual([false, false, false, false]);
    expect(says.slice(4)).toEqual(Array(8).fill(true));
    // an article of the site with none of its repeated lines, and one of a site seen for the first time
    const plain = draftOf("Valley Courier-p", "Valley Courier", ["The library reopens on Saturday after a year of repairs to its roof."]);
    expect(likely(split.features(plain, ctx), state, ctx)).toBe(false);
    const other = siteArticles(1, 10, "Harbour Gazette")[0] as Draft;
    const f = split.features(other, ctx);
    split.collect(f, { id: other.id, source: other.source }, state, ctx);
    expect(likely(f, state, ctx)).toBe(false);
  });
});
