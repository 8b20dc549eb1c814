/**
 * One walk over the whole page that gathers what metadata is read from: meta tags, the canonical
 * link, JSON-LD scripts, <html lang>, <title>, headings, <time> elements and byline-like elements.
 */
import { decodeEntities } from "./entities.ts";
import { type HtmlNode, attr, collapse, hintWords, tagOf, textOf, walk } from "./dom.ts";

export interface PageSignals {
  /** Meta tag values by lower-case name / property / itemprop / http-equiv, in page order. */
  meta: Map<string, string[]>;
  canonical: string | null;
  htmlLang: string | null;
  titleTag: string | null;
  jsonLd: string[];
  /** Visible <h1> texts, except those inside a link (a logo) . */
  h1: string[];
  /** datetime attributes of <time> elements and itemprop=datePublished values. */
  times: string[];
  /** Texts of elements marked as the author (itemprop=author, rel=author, byline classes). */
  bylines: string[];
  /** Texts of links to an author's page (/author/…, /authors/…, /people/…). */
  authorLinks: string[];
  /** Names written as a byline in the text: "By Jane Doe", or "Written by" followed by the name. */
  writtenBylines: string[];
  /** Dates written out in short lines of text ("March 17, 2024", "17 March 2024"), in page order. */
  dateTexts: string[];
}

const MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const WRITTEN_DATE = new RegExp(`\\b(?:${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d{2}|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+(?:19|20)\\d{2}|(?:19|20)\\d{2}-\\d{2}-\\d{2})\\b`, "i");

const AUTHOR_HREF = /\/(?:author|authors|writer|writers|people|profile|profiles|contributor|contributors|staff|producers|team)\/[^/?#]+/i;
const BY_LINE = /^(?:(?:[Ww]ritten|[Pp]osted|[Rr]eviewed)\s+)?(?:[Bb]y|BY)\s*:?\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})$/u;
const BY_LABEL = /^(?:(?:written|posted)\s+by|by|author|authors|autor|auteur)\s*:?$/i;

const MAX_ITEMS = 20;

function push(list: string[], value: string | undefined | null): void {
  if (value && list.length < MAX_ITEMS) list.push(value);
}

export function readSignals(document: HtmlNode): PageSignals {
  const signals: PageSignals = { meta: new Map(), canonical: null, htmlLang: null, titleTag: null, jsonLd: [], h1: [], times: [], bylines: [], authorLinks: [], writtenBylines: [], dateTexts: [] };
  let afterLabel = false;
  walk(document, (node) => {
    const tag = tagOf(node);
    if (node.type === "text") {
      const text = node.data ?? "";
      if (text.length > 80) return false;
      const t = collapse(text);
      if (t === "") return false;
      if (signals.dateTexts.length < 3) {
        const d = WRITTEN_DATE.exec(t);
        if (d) push(signals.dateTexts, d[0]);
      }
      if (afterLabel) {
        push(signals.writtenBylines, t);
        afterLabel = false;
      } else if (BY_LABEL.test(t)) afterLabel = true;
      else {
        const m = BY_LINE.exec(t);
        if (m) push(signals.writtenBylines, m[1]);
      }
      return false;
    }
    if (tag === "") return node.type !== "comment";
    switch (tag) {
      case "html":
        signals.htmlLang ??= attr(node, "lang") ?? attr(node, "xml:lang") ?? null;
        return true;
      case "meta": {
        const key = attr(node, "property") ?? attr(node, "name") ?? attr(node, "itemprop") ?? attr(node, "http-equiv");
        const content = attr(node, "content");
        if (key && content) {
          const k = key.toLowerCase().trim();
          const list = signals.meta.get(k) ?? [];
          push(list, collapse(decodeEntities(content)));
          signals.meta.set(k, list);
        }
        return false;
      }
      case "link": {
        const rel = (attr(node, "rel") ?? "").toLowerCase();
        if (rel.split(/\s+/).includes("canonical")) signals.canonical ??= attr(node, "href") ?? null;
        return false;
      }
      case "title":
        if (signals.titleTag === null && node.parent && tagOf(node.parent) !== "svg") signals.titleTag = textOf(node);
        return false;
      case "script":
        if ((attr(node, "type") ?? "").toLowerCase().includes("ld+json")) push(signals.jsonLd, (node.children ?? []).map((c) => c.data ?? "").join(""));
        return false;
      case "style":
      case "noscript":
      case "template":
      case "svg":
        return false;
      case "h1":
        if (!insideLink(node)) push(signals.h1, textOf(node));
        return false;
      case "time":
        push(signals.times, attr(node, "datetime") ?? attr(node, "dateTime"));
        break;
    }
    const itemprop = (attr(node, "itemprop") ?? "").toLowerCase();
    if (itemprop === "datepublished") push(signals.times, attr(node, "content") ?? attr(node, "datetime") ?? textOf(node));
    const rel = (attr(node, "rel") ?? "").toLowerCase();
    const cls = node.attribs?.class;
    const bylineClass = cls !== undefined && (cls.includes("author") || cls.includes("byline")) && /\b(?:byline|author|authors|author-name|authorname|article-author)\b/.test(hintWords(node));
    if (itemprop === "author" || rel.split(/\s+/).includes("author") || bylineClass) {
      const text = textOf(node);
      if (text.length <= 100) push(signals.bylines, text);
      return true;
    }
    if (tag === "a" && AUTHOR_HREF.test(attr(node, "href") ?? "")) {
      const text = textOf(node);
      if (text.length <= 60) push(signals.authorLinks, text);
      return false;
    }
    return true;
  });
  return signals;
}

function insideLink(node: HtmlNode): boolean {
  let up = node.parent;
  for (let i = 0; up && i < 12; i++, up = up.parent) if (tagOf(up) === "a") return true;
  return false;
}

export function firstMeta(signals: PageSignals, ...keys: string[]): string | null {
  for (const key of keys) {
    const v = signals.meta.get(key)?.[0];
    if (v) return v;
  }
  return null;
}
