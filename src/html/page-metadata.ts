/** Metadata of a page: title, authors, publication date, site, url and language, each with the rule that found it. */
import type { DraftMeta } from "../draft.ts";
import { pickAuthors } from "./authors.ts";
import { dateFromUrl, normaliseDate } from "./dates.ts";
import { readJsonLd } from "./json-ld.ts";
import { type PageSignals, firstMeta } from "./page-signals.ts";
import { chooseTitle } from "./title.ts";

export interface Found<T> {
  value: T;
  rule: string;
}

export interface PageMetadata {
  title: Found<string | null>;
  authors: Found<string[]>;
  publishedAt: Found<string | null>;
  site: Found<string | null>;
  url: Found<string | null>;
  language: Found<string | null>;
}

function absoluteUrl(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    const u = base ? new URL(href, base) : new URL(href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}

/** "en-US", "en_GB", "EN" → "en"; anything else → null. */
export function languageCode(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^\s*([a-z]{2})(?:[-_][a-z0-9]+)*\s*(?:[,;]|$)/i.exec(value);
  return m ? (m[1] as string).toLowerCase() : null;
}

export function readMetadata(signals: PageSignals, inputUrl: string | null): PageMetadata {
  const ld = readJsonLd(signals.jsonLd);
  const url = ((): Found<string | null> => {
    const canonical = absoluteUrl(signals.canonical, inputUrl);
    if (canonical) return { value: canonical, rule: "url:canonical" };
    const og = absoluteUrl(firstMeta(signals, "og:url"), inputUrl);
    if (og) return { value: og, rule: "url:og" };
    const ldUrl = absoluteUrl(ld?.url ?? null, inputUrl);
    if (ldUrl) return { value: ldUrl, rule: "url:json-ld" };
    return { value: inputUrl, rule: "url:input" };
  })();
  const siteName = firstMeta(signals, "og:site_name", "application-name") ?? ld?.publisher ?? null;
  const site: Found<string | null> = siteName
    ? { value: siteName, rule: "site:declared" }
    : { value: hostOf(url.value ?? inputUrl), rule: "site:host" };
  const titleChoice = chooseTitle({
    h1: signals.h1,
    ogTitle: firstMeta(signals, "og:title", "twitter:title"),
    headline: ld?.headline ?? null,
    titleTag: signals.titleTag,
    site: site.value,
  });
  const authorSources: string[][] = [
    ld?.authors ?? [],
    signals.bylines,
    signals.authorLinks,
    signals.writtenBylines,
    [firstMeta(signals, "author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl") ?? ""],
  ];
  const picked = pickAuthors(authorSources);
  const authorRules = ["authors:json-ld", "authors:byline", "authors:author-link", "authors:written-byline", "authors:meta"];
  const dateCandidates: Array<[string | null, string]> = [
    [ld?.datePublished ?? null, "date:json-ld"],
    [firstMeta(signals, "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date.issued", "dc.date", "sailthru.date", "parsely-pub-date", "publish-date"), "date:meta"],
    ...signals.times.map((t): [string, string] => [t, "date:time-element"]),
    ...signals.dateTexts.map((t): [string, string] => [t, "date:written"]),
  ];
  let publishedAt: Found<string | null> = { value: null, rule: "date:none" };
  for (const [raw, rule] of dateCandidates) {
    const iso = normaliseDate(raw);
    if (iso) {
      publishedAt = { value: iso, rule };
      break;
    }
  }
  if (publishedAt.value === null) {
    const fromUrl = dateFromUrl(url.value) ?? dateFromUrl(inputUrl);
    if (fromUrl) publishedAt = { value: fromUrl, rule: "date:url" };
  }
  const langSources: Array<[string | null | undefined, string]> = [
    [signals.htmlLang, "language:html-lang"],
    [firstMeta(signals, "content-language", "language", "dc.language"), "language:meta"],
    [ld?.language, "language:json-ld"],
    [firstMeta(signals, "og:locale"), "language:og-locale"],
  ];
  let language: Found<string | null> = { value: null, rule: "language:none" };
  for (const [raw, rule] of langSources) {
    const code = languageCode(raw);
    if (code) {
      language = { value: code, rule };
      break;
    }
  }
  return {
    title: { value: titleChoice.title, rule: titleChoice.rule },
    authors: { value: picked.authors, rule: authorRules[picked.source] ?? "authors:none" },
    publishedAt,
    site,
    url,
    language,
  };
}

/** The draft fields this metadata would fill. */
export type MetaKey = keyof Pick<DraftMeta, "title" | "authors" | "publishedAt" | "site" | "url" | "language">;
