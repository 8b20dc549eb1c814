/** The extract stage's rule tables (data in src/stages/rules/extract-hints.json), compiled once. */
import tables from "../stages/rules/extract-hints.json" with { type: "json" };

export interface PatternRule {
  id: string;
  category: string;
  pattern: RegExp;
  examples: string[];
  counterexamples: string[];
}

interface RawRule {
  id: string;
  category: string;
  pattern: string;
  examples: string[];
  counterexamples: string[];
}

const compile = (rules: RawRule[]): PatternRule[] =>
  rules.map((r) => ({ ...r, pattern: new RegExp(r.pattern, "iu") }));

/** Class/id words that hint an element is page furniture. */
export const CLASS_HINTS: readonly PatternRule[] = compile(tables.classHints);

/** Whole short blocks that are page furniture. */
export const BOILERPLATE_PHRASES: readonly PatternRule[] = compile(tables.boilerplatePhrases);

/** Author names that are CMS accounts, not people (compared lower-case). */
export const CMS_ACCOUNTS: ReadonlySet<string> = new Set(tables.cmsAccounts);

const hintCache = new Map<string, PatternRule | null>();

/** The first class-hint rule matching an element's class/id words, if any (class names repeat: cached). */
export function classHint(words: string): PatternRule | null {
  if (words === "") return null;
  const known = hintCache.get(words);
  if (known !== undefined) return known;
  let found: PatternRule | null = null;
  const normalised = words.toLowerCase().replace(/_/g, "-");
  for (const rule of CLASS_HINTS) {
    if (rule.pattern.test(normalised)) {
      found = rule;
      break;
    }
  }
  if (hintCache.size > 20_000) hintCache.clear();
  hintCache.set(words, found);
  return found;
}

/** The first boilerplate-phrase rule matching a whole block, if any (long blocks never match). */
export function boilerplatePhrase(text: string): PatternRule | null {
  if (text.length > 160) return null;
  const t = text.trim();
  for (const rule of BOILERPLATE_PHRASES) if (rule.pattern.test(t)) return rule;
  return null;
}
