/** Parsing a page with cheerio's fast parser, and finding its parts. */
import { load } from "cheerio/slim";
import { type HtmlNode, tagOf } from "./dom.ts";

export interface ParsedPage {
  document: HtmlNode;
  html: HtmlNode | null;
  head: HtmlNode | null;
  body: HtmlNode;
}

export function parsePage(source: string): ParsedPage {
  const $ = load(source);
  const document = $.root()[0] as unknown as HtmlNode;
  let html: HtmlNode | null = null;
  let head: HtmlNode | null = null;
  let body: HtmlNode | null = null;
  for (const child of document.children ?? []) {
    if (tagOf(child) === "html") html = child;
  }
  for (const child of html?.children ?? document.children ?? []) {
    const tag = tagOf(child);
    if (tag === "head" && !head) head = child;
    if (tag === "body" && !body) body = child;
  }
  return { document, html, head, body: body ?? html ?? document };
}
