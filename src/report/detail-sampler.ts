/**
 * Chooses which articles get their full detail embedded in the report. The choice covers every
 * rule and category first (for each, the article with the smallest hash that shows it), then fills
 * up to the limit with the smallest hashes overall. Hashes come from article ids, so the choice does
 * not depend on the order articles are seen in, and memory stays bounded by the limit plus one
 * candidate per rule and category.
 */
import { stableHash } from "./stable-hash.ts";

interface Candidate<T> {
  key: number;
  id: string;
  payload: T;
}

/** Whether (key, id) comes before the candidate: smaller hash first, then smaller id. */
function before(key: number, id: string, c: Candidate<unknown>): boolean {
  return key < c.key || (key === c.key && id < c.id);
}

export class DetailSampler<T> {
  readonly #limit: number;
  readonly #cover = new Map<string, Candidate<T>>();
  /** The smallest candidates seen so far, sorted, at most `limit` long. */
  readonly #fill: Candidate<T>[] = [];

  constructor(limit: number) {
    this.#limit = Math.max(0, Math.floor(limit));
  }

  /**
   * Offers one article. `features` are the rules and categories it shows (any strings); `payload`
   * is called only when the article is kept as a candidate.
   */
  consider(id: string, features: readonly string[], payload: () => T): void {
    if (this.#limit === 0) return;
    const key = stableHash(id);
    let made: Candidate<T> | null = null;
    const make = (): Candidate<T> => (made ??= { key, id, payload: payload() });
    for (const feature of features) {
      const held = this.#cover.get(feature);
      if (!held || before(key, id, held)) this.#cover.set(feature, make());
    }
    const fill = this.#fill;
    const last = fill[fill.length - 1];
    if (fill.length < this.#limit || (last && before(key, id, last))) {
      let i = fill.length;
      while (i > 0 && before(key, id, fill[i - 1] as Candidate<T>)) i--;
      fill.splice(i, 0, make());
      if (fill.length > this.#limit) fill.pop();
    }
  }

  /** The chosen payloads: coverage first (features in name order), then the smallest hashes. */
  chosen(): T[] {
    const picked = new Map<string, T>();
    const features = [...this.#cover.keys()].sort();
    for (const feature of features) {
      if (picked.size >= this.#limit) break;
      const c = this.#cover.get(feature) as Candidate<T>;
      if (!picked.has(c.id)) picked.set(c.id, c.payload);
    }
    for (const c of this.#fill) {
      if (picked.size >= this.#limit) break;
      if (!picked.has(c.id)) picked.set(c.id, c.payload);
    }
    return [...picked.values()];
  }
}
