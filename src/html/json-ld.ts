import { decodeEntities } from "./entities.ts";

/** The article described by a page's JSON-LD (schema.org), if any: headline, authors, dates, publisher. */

export interface JsonLdArticle {
  headline: string | null;
  authors: string[];
  datePublished: string | null;
  publisher: string | null;
  url: string | null;
  language: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ARTICLE_TYPE = /(?:Article|BlogPosting|Report|Posting|NewsArticle)$/;

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function typesOf(o: JsonObject): string[] {
  const t = o["@type"];
  if (typeof t === "string") return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === "string");
  return [];
}

function str(v: Json | undefined): string | null {
  if (typeof v === "string") return decodeEntities(v).replace(/\s+/g, " ").trim() || null;
  if (Array.isArray(v)) return str(v[0]);
  if (isObject(v)) return str(v["@value"] ?? v.name);
  return null;
}

function names(v: Json | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(names);
  if (isObject(v)) {
    // An organisation is a publisher, not an author.
    if (typesOf(v).some((t) => /Organization|Corporation|NewsMediaOrganization|WebSite/.test(t))) return [];
    const n = v.name;
    if (typeof n === "string") return [n];
    const given = str(v.givenName);
    const family = str(v.familyName);
    if (given || family) return [[given, family].filter(Boolean).join(" ")];
  }
  return [];
}

/** The most values of a page's JSON-LD that are looked at (a page's own has tens). */
const MAX_VALUES = 10_000;

/**
 * Every object in the JSON-LD (arrays and @graph flattened), breadth first: up to 500 of them, among
 * the first MAX_VALUES values. (The queue is read by position and grown an item at a time: an array
 * of 300,000 numbers in a page's JSON-LD overflowed the stack when spread into a call.)
 */
function objects(root: Json): JsonObject[] {
  const out: JsonObject[] = [];
  const queue: Json[] = [root];
  for (let at = 0; at < queue.length && out.length < 500; at++) {
    const v = queue[at] as Json;
    if (Array.isArray(v)) {
      for (const item of v) {
        if (queue.length >= MAX_VALUES) break;
        queue.push(item);
      }
    } else if (isObject(v)) {
      out.push(v);
      const graph = v["@graph"];
      if (graph !== undefined) queue.push(graph);
      const main = v.mainEntity;
      if (isObject(main)) queue.push(main);
    }
  }
  return out;
}

function parse(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    try {
      // Control characters inside strings are the usual reason a page's JSON-LD does not parse.
      return JSON.parse(text.replace(/[\u0000-\u001f]+/g, " ")) as Json;
    } catch {
      return undefined;
    }
  }
}

export function readJsonLd(scripts: readonly string[]): JsonLdArticle | null {
  const all = scripts.flatMap((s) => {
    const parsed = parse(s.trim());
    return parsed === undefined ? [] : objects(parsed);
  });
  const article = all.find((o) => typesOf(o).some((t) => ARTICLE_TYPE.test(t)));
  if (!article) return null;
  const publisher = article.publisher;
  const page = article.mainEntityOfPage;
  return {
    headline: str(article.headline) ?? str(article.name),
    authors: names(article.author ?? article.creator),
    datePublished: str(article.datePublished) ?? str(article.dateCreated),
    publisher: isObject(publisher) ? str(publisher.name) : str(publisher),
    url: str(article.url) ?? (isObject(page) ? str(page["@id"]) : str(page)),
    language: str(article.inLanguage),
  };
}
