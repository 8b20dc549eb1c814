/** Interns strings to small integers, so that the embedded data names each site or rule once. */
export class StringTable {
  readonly values: string[] = [];
  readonly #index = new Map<string, number>();

  index(value: string): number {
    let i = this.#index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.#index.set(value, i);
    }
    return i;
  }

  get size(): number {
    return this.values.length;
  }
}
