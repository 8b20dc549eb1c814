/**
 * Grouping reports into stories. Each report is a weighted feature set (see story-features.ts); a
 * feature weighs ln((N + 1) / df), so a name every report mentions counts for little and a name two
 * reports share counts for much. Two reports are linked when the cosine of their weighted sets reaches
 * `threshold` and their publication dates, when both are known, are at most `maxDaysApart` apart.
 * Stories are the connected groups of linked reports; the story id is the smallest id in the group,
 * so it does not depend on input order.
 *
 * The table is compact, as a run of a million reports needs: features are 32-bit hashes in one
 * pool, and candidate pairs are scored one report at a time through posting lists (a scratch array
 * of dot products), so memory is a few bytes per feature occurrence, never per pair.
 */
import { UnionFind } from "./union-find.ts";

export interface StoryOptions {
  threshold: number;
  maxDaysApart: number;
  /** Features found in more reports than this are not used to find candidate pairs. */
  maxFeatureArticles: number;
}

const DAY_MS = 86_400_000;

/** Every report's id, features and date, in columns. */
export class StoryTable {
  readonly ids: string[] = [];
  /** Report i's features are pool[offsets[i]] .. pool[offsets[i + 1]] (sorted, distinct). */
  private offsets: number[] = [0];
  private pool = new Uint32Array(1024);
  private used = 0;
  /** Publication time in ms, NaN when unknown. */
  private readonly published: number[] = [];

  get count(): number {
    return this.ids.length;
  }

  /** In-memory bytes of the columns (ids counted at two bytes a character). */
  get bytes(): number {
    let idBytes = 0;
    for (const id of this.ids) idBytes += 2 * id.length + 16;
    return this.used * 4 + this.offsets.length * 8 + this.published.length * 8 + idBytes;
  }

  add(id: string, features: ArrayLike<number>, published: number | null): number {
    if (this.used + features.length > this.pool.length) {
      const next = new Uint32Array(Math.max(this.pool.length * 2, this.used + features.length));
      next.set(this.pool.subarray(0, this.used));
      this.pool = next;
    }
    this.pool.set(features, this.used);
    this.used += features.length;
    this.offsets.push(this.used);
    this.published.push(published ?? Number.NaN);
    this.ids.push(id);
    return this.ids.length - 1;
  }

  /**
   * For each report, the index of the report whose id names its story (the smallest id of its
   * group; itself when alone), and the number of links found. Frees the feature pool.
   */
  group(options: StoryOptions): { story: Int32Array; alone: Uint8Array; links: number } {
    const n = this.count;
    const total = this.used;
    const pool = this.pool.subarray(0, total);
    const offsets = this.offsets;
    // distinct features and their document frequency
    const sorted = pool.slice().sort();
    let distinct = 0;
    for (let k = 0; k < total; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[distinct++] = sorted[k] as number;
    const features = sorted.subarray(0, distinct);
    const df = new Uint32Array(distinct);
    // each occurrence becomes the index of its feature
    for (let k = 0; k < total; k++) {
      const u = indexOf(features, pool[k] as number);
      pool[k] = u;
      df[u] = (df[u] as number) + 1;
    }
    const w2 = new Float64Array(distinct);
    for (let u = 0; u < distinct; u++) w2[u] = Math.log((n + 1) / (df[u] as number)) ** 2;
    const norms = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let k = offsets[i] as number; k < (offsets[i + 1] as number); k++) sum += w2[pool[k] as number] as number;
      norms[i] = Math.sqrt(sum);
    }
    // posting lists of the features that can propose pairs, reports in increasing order
    const usable = (u: number): boolean => (df[u] as number) >= 2 && (df[u] as number) <= options.maxFeatureArticles;
    const start = new Uint32Array(distinct + 1);
    for (let u = 0; u < distinct; u++) start[u + 1] = (start[u] as number) + (usable(u) ? (df[u] as number) : 0);
    const postings = new Uint32Array(start[distinct] as number);
    const fill = start.slice(0, distinct);
    for (let i = 0; i < n; i++) {
      for (let k = offsets[i] as number; k < (offsets[i + 1] as number); k++) {
        const u = pool[k] as number;
        if (!usable(u)) continue;
        const at = fill[u] as number;
        postings[at] = i;
        fill[u] = at + 1;
      }
    }
    // one report at a time: dot products with every later report it shares a usable feature with
    const dot = new Float64Array(n);
    const touched: number[] = [];
    const uf = new UnionFind(n);
    let links = 0;
    for (let i = 0; i < n; i++) {
      for (let k = offsets[i] as number; k < (offsets[i + 1] as number); k++) {
        const u = pool[k] as number;
        if (!usable(u)) continue;
        const weight = w2[u] as number;
        for (let p = (start[u + 1] as number) - 1; p >= (start[u] as number); p--) {
          const j = postings[p] as number;
          if (j <= i) break;
          if (dot[j] === 0) touched.push(j);
          dot[j] = (dot[j] as number) + weight;
        }
      }
      for (const j of touched) {
        const d = dot[j] as number;
        dot[j] = 0;
        const denominator = (norms[i] as number) * (norms[j] as number);
        if (denominator === 0 || d / denominator < options.threshold) continue;
        const pa = this.published[i] as number;
        const pb = this.published[j] as number;
        if (!Number.isNaN(pa) && !Number.isNaN(pb) && Math.abs(pa - pb) > options.maxDaysApart * DAY_MS) continue;
        uf.union(i, j);
        links++;
      }
      touched.length = 0;
    }
    this.pool = new Uint32Array(0);
    this.used = 0;
    this.offsets = [0];
    // the smallest id of each group names it
    const smallest = new Int32Array(n).fill(-1);
    const size = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const root = uf.find(i);
      const current = smallest[root] as number;
      if (current < 0 || (this.ids[i] as string) < (this.ids[current] as string)) smallest[root] = i;
      size[root] = (size[root] as number) + 1;
    }
    const story = new Int32Array(n);
    const alone = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const root = uf.find(i);
      story[i] = smallest[root] as number;
      alone[i] = (size[root] as number) === 1 ? 1 : 0;
    }
    return { story, alone, links };
  }
}

function indexOf(sorted: Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as number;
    if (v < value) lo = mid + 1;
    else if (v > value) hi = mid - 1;
    else return mid;
  }
  throw new Error("story feature missing from its own table");
}
