/**
 * One walk over the whole page that gathers what metadata is read from: meta tags, the canonical
 * link, JSON-LD scripts, <html lang>, <title>, headings, <time> elements and byline-like elements.
 */
import { decodeEntities } from "./entities.ts";
import { type HtmlNode, collapse, hintWords, textOf } from "./dom.ts";

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

/** A written date needs a year of four digits and at least ten characters ("May 1 2024"). */
function mayHoldDate(t: string): boolean {
  return t.length >= 10 && (t.includes("19") || t.includes("20"));
}

/** A first letter BY_LABEL can open with: a, b, p or w, in either case. */
function mayBeLabel(c: number): boolean {
  const lower = c | 0x20;
  return c < 128 && (lower === 97 || lower === 98 || lower === 112 || lower === 119);
}

/** A first letter BY_LINE can open with: b, p, r or w, in either case. */
function mayBeByLine(c: number): boolean {
  const lower = c | 0x20;
  return c < 128 && (lower === 98 || lower === 112 || lower === 114 || lower === 119);
}

/** Whether a space-separated attribute value (rel) holds the word, compared in lower case. */
function hasWord(value: string | undefined, word: string): boolean {
  if (value === undefined || value.length < word.length) return false;
  return value.toLowerCase().split(/\s+/).includes(word);
}

export function readSignals(document: HtmlNode): PageSignals {
  const signals: PageSignals = { meta: new Map(), canonical: null, htmlLang: null, titleTag: null, jsonLd: [], h1: [], times: [], bylines: [], authorLinks: [], writtenBylines: [], dateTexts: [] };
  let afterLabel = false;
  /** Reads a short text node. */
  const readText = (text: string): void => {
    const t = collapse(text);
    if (t === "") return;
    if (signals.dateTexts.length < 3 && mayHoldDate(t)) {
      const d = WRITTEN_DATE.exec(t);
      if (d) push(signals.dateTexts, d[0]);
    }
    if (afterLabel) {
      push(signals.writtenBylines, t);
      afterLabel = false;
      return;
    }
    const first = t.charCodeAt(0);
    if (mayBeLabel(first) && BY_LABEL.test(t)) afterLabel = true;
    else if (mayBeByLine(first)) {
      const m = BY_LINE.exec(t);
      if (m) push(signals.writtenBylines, m[1]);
    }
  };
  /** Reads an element; returns whether its children are to be read too. */
  const readElement = (node: HtmlNode, tag: string, a: Record<string, string>): boolean => {
    switch (tag) {
      case "html":
        signals.htmlLang ??= a.lang ?? a["xml:lang"] ?? null;
        return true;
      case "meta": {
        const key = a.property ?? a.name ?? a.itemprop ?? a["http-equiv"];
        const content = a.content;
        if (key && content) {
          const k = key.toLowerCase().trim();
          const list = signals.meta.get(k) ?? [];
          push(list, collapse(decodeEntities(content)));
          signals.meta.set(k, list);
        }
        return false;
      }
      case "link":
        if (hasWord(a.rel, "canonical")) signals.canonical ??= a.href ?? null;
        return false;
      case "title":
        if (signals.titleTag === null && node.parent && node.parent.tag !== "svg") signals.titleTag = textOf(node);
        return false;
      case "script":
        if ((a.type ?? "").toLowerCase().includes("ld+json")) {
          let json = "";
          for (let c = node.firstChild; c !== null; c = c.next) json += c.data ?? "";
          push(signals.jsonLd, json);
        }
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
        push(signals.times, a.datetime ?? a.dateTime);
        break;
    }
    // the attributes read below, found in one pass over the element's own (most have one or two)
    let itempropValue: string | undefined;
    let cls: string | undefined;
    let rel: string | undefined;
    let href: string | undefined;
    for (const key in a) {
      if (key === "class") cls = a.class;
      else if (key === "href") href = a.href;
      else if (key === "itemprop") itempropValue = a.itemprop;
      else if (key === "rel") rel = a.rel;
    }
    const itemprop = itempropValue === undefined ? "" : itempropValue.toLowerCase();
    if (itemprop === "datepublished") push(signals.times, a.content ?? a.datetime ?? textOf(node));
    const bylineClass = cls !== undefined && (cls.includes("author") || cls.includes("byline")) && /\b(?:byline|author|authors|author-name|authorname|article-author)\b/.test(hintWords(node));
    if (itemprop === "author" || hasWord(rel, "author") || bylineClass) {
      const text = textOf(node);
      if (text.length <= 100) push(signals.bylines, text);
      return true;
    }
    if (tag === "a" && AUTHOR_HREF.test(href ?? "")) {
      const text = textOf(node);
      if (text.length <= 60) push(signals.authorLinks, text);
      return false;
    }
    return true;
  };
  // Pre-order over the whole page by child, sibling and parent links: no stack, no recursion.
  let node: HtmlNode | null = document;
  while (node !== null) {
    let enter: boolean;
    if (node.type === "text") {
      const text = node.data ?? "";
      if (text.length <= 80) readText(text);
      enter = false;
    } else if (node.tag === "") enter = node.type !== "comment";
    else enter = readElement(node, node.tag, node.attribs ?? {});
    const first: HtmlNode | null = enter ? node.firstChild : null;
    if (first !== null) {
      node = first;
      continue;
    }
    while (node !== null && node !== document && node.next === null) node = node.parent;
    node = node === null || node === document ? null : node.next;
  }
  return signals;
}

function insideLink(node: HtmlNode): boolean {
  let up = node.parent;
  for (let i = 0; up && i < 12; i++, up = up.parent) if (up.tag === "a") return true;
  return false;
}

export function firstMeta(signals: PageSignals, ...keys: string[]): string | null {
  for (const key of keys) {
    const v = signals.meta.get(key)?.[0];
    if (v) return v;
  }
  return null;
}
