/**
 * The article title, weighed from what the page offers: the visible <h1>, og:title, the JSON-LD
 * headline and the <title> tag. Site names are cut from the ends of <title>-like values, and the
 * visible heading wins when it agrees with what the page declares.
 */

const SEPARATOR = /\s+[|\-–—:·»~/]\s+|\s+::\s+/;

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Share of a's words found in b. */
function overlap(a: string, b: string): number {
  const wa = words(a);
  if (wa.length === 0) return 0;
  const wb = new Set(words(b));
  return wa.filter((w) => wb.has(w)).length / wa.length;
}

/** "Headline | Site" → "Headline": drops short segments at the ends, and ones naming the site. */
export function stripSiteName(title: string, site: string | null): string {
  const parts = title.split(SEPARATOR).map((p) => p.trim()).filter((p) => p !== "");
  if (parts.length < 2) return title.trim();
  const siteWords = site ? words(site).join(" ") : null;
  const isSite = (p: string): boolean => {
    const w = words(p).join(" ");
    return (siteWords !== null && (w === siteWords || (w.length > 0 && siteWords.includes(w)))) || words(p).length <= 3;
  };
  let start = 0;
  let end = parts.length;
  while (end - start > 1 && isSite(parts[end - 1] as string)) end--;
  while (end - start > 1 && isSite(parts[start] as string) && siteWords !== null && words(parts[start] as string).join(" ") === siteWords) start++;
  const kept = parts.slice(start, end);
  // Keep the original separators when several segments remain.
  if (kept.length === parts.length) return title.trim();
  const first = title.indexOf(kept[0] as string);
  const lastPart = kept[kept.length - 1] as string;
  const last = title.lastIndexOf(lastPart) + lastPart.length;
  return first >= 0 && last > first ? title.slice(first, last).trim() : kept.join(" - ");
}

export interface TitleSources {
  h1: readonly string[];
  ogTitle: string | null;
  headline: string | null;
  titleTag: string | null;
  site: string | null;
}

export interface TitleChoice {
  title: string | null;
  rule: string;
}

/** A heading that only names the site (a blog's name in an <h1> above every post). */
function namesSite(heading: string, s: TitleSources): boolean {
  const h = words(heading).join(" ");
  if (h === "") return true;
  if (s.site && (h === words(s.site).join(" ") || words(s.site).join("").includes(words(heading).join("")))) return true;
  if (s.titleTag) {
    const parts = s.titleTag.split(SEPARATOR).map((p) => words(p).join(" "));
    if (parts.length > 1 && parts.slice(1).includes(h) && parts[0] !== h) return true;
  }
  return false;
}

/**
 * The visible headline wins: readers (and annotators) see the <h1>, while og:title and the
 * JSON-LD headline are often rewritten for search engines. Declared titles are the fallback, and
 * pick among several <h1>s.
 */
export function chooseTitle(s: TitleSources): TitleChoice {
  const declared = [s.headline, s.ogTitle, s.titleTag].filter((t): t is string => !!t && t.trim() !== "");
  const h1s = s.h1.filter((h) => words(h).length >= 1 && h.length <= 300 && !namesSite(h, s));
  for (const h of h1s) {
    if (declared.some((d) => overlap(h, d) >= 0.8 && overlap(stripSiteName(d, s.site), h) >= 0.6)) return { title: h, rule: "title:h1-agrees" };
  }
  // A heading sharing no words with any declared title is page furniture ("Our blog", "Share").
  const related = h1s.filter((h) => declared.length === 0 || declared.some((d) => overlap(h, d) >= 0.25 || overlap(d, h) >= 0.25));
  if (related.length >= 1) return { title: related[0] as string, rule: "title:h1" };
  if (s.headline) return { title: stripSiteName(s.headline, s.site), rule: "title:json-ld" };
  if (s.ogTitle) return { title: stripSiteName(s.ogTitle, s.site), rule: "title:og" };
  if (s.titleTag) return { title: stripSiteName(s.titleTag, s.site), rule: "title:title-tag" };
  return { title: null, rule: "title:none" };
}
