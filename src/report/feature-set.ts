/**
 * Which rules fired in an article and which categories were removed from it, as one key: articles
 * share few distinct combinations, so the index names each combination once.
 */
import type { FeatureSet } from "./report-data.ts";

export function featureSetKey(rules: readonly number[], categories: readonly number[]): string {
  return `${rules.join(",")}|${categories.join(",")}`;
}

export function parseFeatureSet(key: string): FeatureSet {
  const [rules = "", categories = ""] = key.split("|");
  const numbers = (list: string): number[] => (list === "" ? [] : list.split(",").map(Number));
  return [numbers(rules), numbers(categories)];
}
