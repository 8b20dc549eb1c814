/**
 * Counts removed texts across a run, keyed by rule, category and text, so that a person can search
 * for a sentence and see at once which rule removed it and where. Boilerplate repeats, so the
 * distinct texts are far fewer than the removals; the index still keeps memory bounded by pruning
 * the rarest entries when it grows past twice its limit.
 */
export interface RemovedTextEntry {
  text: string;
  rule: number;
  category: number;
  count: number;
  rows: number[];
}

const MAX_TEXT = 400;
const MAX_EXAMPLES = 5;

export function normalizeRemovedText(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT - 1)}…` : t;
}

function byCountThenText(a: RemovedTextEntry, b: RemovedTextEntry): number {
  return b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : a.rule - b.rule);
}

export class RemovedTextIndex {
  readonly #limit: number;
  readonly #entries = new Map<string, RemovedTextEntry>();
  /** Distinct texts ever seen, pruned or not (pruned ones may be counted again if seen again). */
  #distinct = 0;

  constructor(limit: number) {
    this.#limit = Math.max(1, limit);
  }

  add(text: string, rule: number, category: number, row: number): void {
    const t = normalizeRemovedText(text);
    if (t === "") return;
    const key = `${rule}\u0000${category}\u0000${t}`;
    let e = this.#entries.get(key);
    if (!e) {
      e = { text: t, rule, category, count: 0, rows: [] };
      this.#entries.set(key, e);
      this.#distinct++;
      if (this.#entries.size > this.#limit * 2) this.#prune();
    }
    e.count++;
    if (e.rows.length < MAX_EXAMPLES && e.rows[e.rows.length - 1] !== row) e.rows.push(row);
  }

  /**
   * Keeps the `limit` most frequent entries, without sorting them all: find the smallest count that
   * still fits, keep everything above it and, of the entries at it, the ones seen first.
   */
  #prune(): void {
    const histogram = new Map<number, number>();
    for (const e of this.#entries.values()) histogram.set(e.count, (histogram.get(e.count) ?? 0) + 1);
    const counts = [...histogram.keys()].sort((a, b) => b - a);
    let kept = 0;
    let threshold = 0;
    for (const c of counts) {
      threshold = c;
      kept += histogram.get(c) ?? 0;
      if (kept >= this.#limit) break;
    }
    let room = this.#limit - (kept - (histogram.get(threshold) ?? 0));
    for (const [key, e] of this.#entries) {
      if (e.count > threshold) continue;
      if (e.count === threshold && room > 0) room--;
      else this.#entries.delete(key);
    }
  }

  /** The most frequent entries, at most the limit, most frequent first. */
  top(): RemovedTextEntry[] {
    return [...this.#entries.values()].sort(byCountThenText).slice(0, this.#limit);
  }

  get distinct(): number {
    return this.#distinct;
  }
}
