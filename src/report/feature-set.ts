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

/**
 * Feature sets as one flat list of numbers, [rule count, rules…, category count, categories…] per
 * set: the page parses one array of small integers far faster than thousands of little arrays.
 */
export function flattenFeatureSets(sets: readonly FeatureSet[]): number[] {
  const flat: number[] = [];
  for (const [rules, categories] of sets) flat.push(rules.length, ...rules, categories.length, ...categories);
  return flat;
}

export function unflattenFeatureSets(flat: readonly number[]): FeatureSet[] {
  const sets: FeatureSet[] = [];
  let at = 0;
  while (at < flat.length) {
    const nRules = flat[at] ?? 0;
    const rules = flat.slice(at + 1, at + 1 + nRules);
    at += 1 + nRules;
    const nCategories = flat[at] ?? 0;
    const categories = flat.slice(at + 1, at + 1 + nCategories);
    at += 1 + nCategories;
    sets.push([rules, categories]);
  }
  return sets;
}
