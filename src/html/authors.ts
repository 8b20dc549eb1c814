/**
 * Author names as pages give them ("By Jane Doe and John Roe", "Jane Doe | Reuters"), reduced to
 * people's names. CMS accounts ("admin", "staff") and links are not authors.
 */
import { CMS_ACCOUNTS } from "./rule-tables.ts";

const BY_PREFIX = /^(?:written\s+)?(?:by|von|par|por|di|door|av|af)\s*[:\-]?\s+/i;
const SEPARATORS = /\s*(?:,|;|&|\b(?:and|AND|And|und|et|y|e)\b|\||\/|·)\s*/;
const ROLE_TAIL = /\s*(?:[-–—|(,]\s*)?\b(?:staff writer|correspondent|reporter|contributor|senior writer|editor|for .+)\)?$/i;

function looksLikeName(name: string): boolean {
  if (name.length < 3 || name.length > 60) return false;
  if (/https?:|www\.|@|\d/.test(name)) return false;
  const words = name.split(/\s+/);
  if (words.length > 5) return false;
  if (CMS_ACCOUNTS.has(name.toLowerCase())) return false;
  return /\p{Lu}/u.test(name) || words.length >= 2;
}

/** Splits and cleans one author field into people's names (may be empty). */
export function cleanAuthors(raw: string): string[] {
  const text = raw.replace(/\s+/g, " ").trim().replace(BY_PREFIX, "");
  if (CMS_ACCOUNTS.has(text.toLowerCase())) return [];
  const out: string[] = [];
  for (const part of text.split(SEPARATORS)) {
    const name = part.replace(BY_PREFIX, "").replace(ROLE_TAIL, "").replace(/^[\s"'“”]+|[\s"'“”.:]+$/g, "");
    if (looksLikeName(name) && !out.some((n) => n.toLowerCase() === name.toLowerCase())) out.push(name);
  }
  return out;
}

/**
 * The first source that yields names wins (sources in order of trust). Structured sources (JSON-LD)
 * give every author; in a page source only the first value naming someone counts, since later ones
 * are usually other stories' or commenters' bylines.
 */
export function pickAuthors(sources: ReadonlyArray<readonly string[]>, structured = 1): { authors: string[]; source: number } {
  for (let i = 0; i < sources.length; i++) {
    const values = sources[i] ?? [];
    let names: string[] = [];
    if (i < structured) names = values.flatMap(cleanAuthors);
    else {
      for (const value of values) {
        names = cleanAuthors(value);
        if (names.length > 0) break;
      }
    }
    const unique = names.filter((n, at) => names.findIndex((m) => m.toLowerCase() === n.toLowerCase()) === at);
    if (unique.length > 0) return { authors: unique.slice(0, 10), source: i };
  }
  return { authors: [], source: -1 };
}
