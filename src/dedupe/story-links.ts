/**
 * Grouping reports into stories. Each report is a weighted feature set (see story-features.ts); a
 * feature weighs ln((N + 1) / df), so a name every report mentions counts for little and a name two
 * reports share counts for much. Two reports are linked when the cosine of their weighted sets reaches
 * `threshold` and their publication dates, when both are known, are at most `maxDaysApart` apart.
 * Stories are the connected groups of linked reports; the story id is the smallest id in the group,
 * so it does not depend on input order.
 */
import { UnionFind } from "./union-find.ts";

export interface StoryOptions {
  threshold: number;
  maxDaysApart: number;
  /** Features found in more reports than this are not used to find candidate pairs. */
  maxFeatureArticles: number;
}

export interface StoryInput {
  id: string;
  features: ReadonlySet<string>;
  /** Publication time in ms, or null. */
  published: number | null;
}

const DAY_MS = 86_400_000;

/** For each input, the id of its story (null when it is alone), and the links found. */
export function groupStories(inputs: readonly StoryInput[], options: StoryOptions): { story: (string | null)[]; links: number } {
  const n = inputs.length;
  const df = new Map<string, number>();
  for (const input of inputs) for (const f of input.features) df.set(f, (df.get(f) ?? 0) + 1);
  const weight = (f: string): number => Math.log((n + 1) / (df.get(f) as number));
  const norms = inputs.map((input) => {
    let sum = 0;
    for (const f of input.features) sum += weight(f) ** 2;
    return Math.sqrt(sum);
  });
  // candidate pairs through shared features, accumulating the dot product
  const postings = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    for (const f of (inputs[i] as StoryInput).features) {
      if ((df.get(f) as number) < 2 || (df.get(f) as number) > options.maxFeatureArticles) continue;
      let list = postings.get(f);
      if (!list) {
        list = [];
        postings.set(f, list);
      }
      list.push(i);
    }
  }
  const dots = new Map<number, number>();
  for (const [f, list] of postings) {
    const w2 = weight(f) ** 2;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const key = (list[x] as number) * n + (list[y] as number);
        dots.set(key, (dots.get(key) ?? 0) + w2);
      }
    }
  }
  const uf = new UnionFind(n);
  let links = 0;
  for (const [key, dot] of dots) {
    const a = Math.floor(key / n);
    const b = key - a * n;
    const denominator = (norms[a] as number) * (norms[b] as number);
    if (denominator === 0 || dot / denominator < options.threshold) continue;
    const pa = (inputs[a] as StoryInput).published;
    const pb = (inputs[b] as StoryInput).published;
    if (pa !== null && pb !== null && Math.abs(pa - pb) > options.maxDaysApart * DAY_MS) continue;
    uf.union(a, b);
    links++;
  }
  const smallest = new Map<number, string>();
  const size = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    const id = (inputs[i] as StoryInput).id;
    const current = smallest.get(root);
    if (current === undefined || id < current) smallest.set(root, id);
    size.set(root, (size.get(root) ?? 0) + 1);
  }
  const story = inputs.map((_, i) => {
    const root = uf.find(i);
    return (size.get(root) as number) > 1 ? (smallest.get(root) as string) : null;
  });
  return { story, links };
}
