import { rng } from "../../support/corpus.ts";

/** A small seeded random generator (mulberry32), so every benchmark corpus can be rebuilt exactly. */
export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = rng(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}
