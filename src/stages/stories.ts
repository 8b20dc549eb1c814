/**
 * `stories`: records that report the same event share a story id (`draft.story`); their texts are
 * not merged. Reports are compared on the names, dates and figures they mention, weighted by how
 * rare each is in the run (see src/dedupe/story-links.ts). The story id is `story-` followed by the
 * smallest record id of the group; a record that shares its event with no other is a story of its own.
 *
 * The default threshold (cosine 0.04) was measured: on the five seed reports, the four reports of one
 * event are joined by links of at least 0.057 while the other event's report reaches at most 0.023;
 * on the test fixtures (three events, two reports each), same-event links are at least 0.21 and
 * cross-event links 0.00.
 */
import { z } from "zod";
import { storyFeatureHashesOf } from "../dedupe/story-features.ts";
import { StoryTable } from "../dedupe/story-links.ts";
import { defineCorpusStage, refHash } from "../stage.ts";
import { RowIndex } from "../util/row-index.ts";

const options = z
  .object({
    /** Weighted cosine of two reports' names, dates and figures at or above which they are linked. */
    threshold: z.number().min(0).max(1).default(0.04),
    /** Reports published further apart than this many days are never one story. */
    maxDaysApart: z.number().min(0).default(7),
    /** Features shared by more reports than this do not propose pairs (they still weigh in). */
    maxFeatureArticles: z.number().int().min(2).default(500),
  })
  .strict();

interface StoriesState {
  table: StoryTable;
  /** Row of each report, by the hash of its ref. */
  rows: RowIndex;
  /** After finish: the row whose id names each row's story. */
  story: Int32Array;
  alone: Uint8Array;
  links: number;
  stateBytes: number;
}

interface StoryDraftFeatures {
  features: Uint32Array;
  published: number | null;
}

function publishedMs(value: string | null): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export const stories = defineCorpusStage({
  name: "stories",
  description: "Gives records that report the same event a shared story id",
  options,
  createState(): StoriesState {
    return { table: new StoryTable(), rows: new RowIndex(), story: new Int32Array(0), alone: new Uint8Array(0), links: 0, stateBytes: 0 };
  },
  features(draft): StoryDraftFeatures {
    const parts = [draft.meta.title, draft.meta.subtitle, draft.text()].filter((t): t is string => !!t);
    return { features: storyFeatureHashesOf(parts), published: publishedMs(draft.meta.publishedAt) };
  },
  collect(f: StoryDraftFeatures, ref, state) {
    state.rows.set(refHash(ref), state.table.add(ref.id, f.features, f.published));
  },
  finish(state, ctx) {
    state.stateBytes = state.table.bytes + state.rows.bytes;
    const result = state.table.group(ctx.options);
    state.story = result.story;
    state.alone = result.alone;
    state.links = result.links;
  },
  decide(ref, state): string | undefined {
    const row = state.rows.get(refHash(ref));
    if (row === undefined) return undefined;
    // A report that shares its event with no other record is a story of its own.
    return `story-${state.table.ids[state.story[row] as number]}`;
  },
  applyDecision(draft, story: string) {
    draft.story = story;
  },
  describe(state) {
    const sizes = new Map<number, number>();
    for (const s of state.story) sizes.set(s, (sizes.get(s) ?? 0) + 1);
    // loops, not spreads: a big run has hundreds of thousands of stories
    let storiesOfOne = 0;
    let articlesInStories = 0;
    let largestStory = 0;
    for (const n of sizes.values()) {
      if (n === 1) storiesOfOne++;
      else articlesInStories += n;
      if (n > largestStory) largestStory = n;
    }
    return {
      articles: state.table.count,
      stories: sizes.size,
      storiesOfOne,
      articlesInStories,
      largestStory,
      links: state.links,
      stateBytesPerArticle: state.table.count > 0 ? Math.round(state.stateBytes / state.table.count) : 0,
    };
  },
});
