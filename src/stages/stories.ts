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
import { storyFeatures } from "../dedupe/story-features.ts";
import { type StoryInput, groupStories } from "../dedupe/story-links.ts";
import type { Draft } from "../draft.ts";
import { defineCorpusStage } from "../stage.ts";

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
  inputs: StoryInput[];
  keys: Map<string, number>;
  story: (string | null)[];
  links: number;
}

const keyOf = (draft: Draft): string => `${draft.id}\u0000${draft.source.path}\u0000${draft.source.index}`;

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
    return { inputs: [], keys: new Map(), story: [], links: 0 };
  },
  observe(draft, state) {
    const text = [draft.meta.title, draft.meta.subtitle, draft.text()].filter((t): t is string => !!t).join("\n");
    state.keys.set(keyOf(draft), state.inputs.length);
    state.inputs.push({ id: draft.id, features: storyFeatures(text).features, published: publishedMs(draft.meta.publishedAt) });
  },
  finish(state, ctx) {
    // decide on inputs sorted by id, so that the result does not depend on input order
    const order = state.inputs.map((_, i) => i).sort((a, b) => {
      const ia = (state.inputs[a] as StoryInput).id;
      const ib = (state.inputs[b] as StoryInput).id;
      return ia < ib ? -1 : ia > ib ? 1 : a - b;
    });
    const result = groupStories(order.map((i) => state.inputs[i] as StoryInput), ctx.options);
    state.story = new Array(state.inputs.length).fill(null);
    // A report that shares its event with no other record is a story of its own.
    order.forEach((i, at) => {
      const id = result.story[at];
      state.story[i] = `story-${id ?? (state.inputs[i] as StoryInput).id}`;
    });
    state.links = result.links;
    for (const input of state.inputs) (input as { features: ReadonlySet<string> }).features = new Set();
  },
  apply(draft, state) {
    const i = state.keys.get(keyOf(draft));
    if (i !== undefined) draft.story = state.story[i] ?? null;
  },
  describe(state) {
    const sizes = new Map<string, number>();
    for (const s of state.story) if (s) sizes.set(s, (sizes.get(s) ?? 0) + 1);
    return {
      articles: state.inputs.length,
      stories: sizes.size,
      storiesOfOne: [...sizes.values()].filter((n) => n === 1).length,
      articlesInStories: [...sizes.values()].filter((n) => n > 1).reduce((a, b) => a + b, 0),
      largestStory: Math.max(0, ...sizes.values()),
      links: state.links,
    };
  },
});
