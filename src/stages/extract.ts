/**
 * The `extract` stage: an HTML page becomes the blocks of its article, in reading order, plus its
 * metadata (title, authors, date, site, url, language). Text inputs pass through untouched.
 * Metadata the input already gave is kept; boilerplate judged next to the article is recorded in
 * provenance, so a reader sees why it is gone.
 */
import { z } from "zod";
import type { DraftMeta } from "../draft.ts";
import { cleanAuthors } from "../html/authors.ts";
import { defaultExtractOptions, extractPage } from "../html/extract-page.ts";
import type { DroppedBlock } from "../html/select-blocks.ts";
import type { MetaKey } from "../html/page-metadata.ts";
import { defineStage } from "../stage.ts";
import { utf8BytesOf } from "../text/utf8-bytes.ts";

const options = z
  .object({
    maxTreeChars: z.number().int().positive().default(defaultExtractOptions.maxTreeChars),
    maxDepth: z.number().int().positive().default(defaultExtractOptions.maxDepth),
    maxDropped: z.number().int().nonnegative().default(defaultExtractOptions.maxDropped),
  })
  .strict();

function isEmpty(value: DraftMeta[MetaKey]): boolean {
  return value === null || (Array.isArray(value) && value.length === 0);
}

function host(url: string | null): string | null {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, "") : null;
  } catch {
    return null;
  }
}

/**
 * Input metadata is kept, with one exception where the page is plainly better: its own canonical
 * address on the same host replaces the address it was fetched from (tracking parameters, mirrors).
 */
function pageIsBetter(key: MetaKey, given: DraftMeta[MetaKey], found: DraftMeta[MetaKey], rule: string): boolean {
  if (key !== "url" || typeof given !== "string" || typeof found !== "string" || rule === "url:input") return false;
  const h = host(given);
  return h !== null && h === host(found);
}

/**
 * A byline the page shows but does not mark up ("By Aminata Diallo, 21 August 2024"), dropped as
 * furniture above the article: its names are the authors when nothing else named any.
 */
function visibleByline(dropped: readonly DroppedBlock[]): { dropped: DroppedBlock; authors: string[] } | null {
  for (const d of dropped) {
    if (!/^(?:by|von|par|por|di|door)\s+\p{Lu}/iu.test(d.text) || d.text.split(/\s+/).length > 14) continue;
    const names = cleanAuthors(d.text.split(/\s*(?:[,|•·]|\s[–—-]\s)\s*/)[0] ?? "");
    if (names.length > 0) return { dropped: d, authors: names };
  }
  return null;
}

export const extract = defineStage({
  name: "extract",
  description: "HTML pages: finds the article's blocks and metadata; text inputs pass through",
  options,
  run(draft, ctx) {
    if (draft.raw.kind !== "html") return;
    // a page in UTF-8, mostly ASCII, comes as its bytes, which parse faster (see utf8-bytes.ts)
    const result = extractPage(utf8BytesOf(draft.raw) ?? draft.raw.content, draft.meta.url, ctx.options);
    if (result.method === "linear") ctx.log.debug({ id: draft.id, chars: draft.raw.content.length, cut: result.cut === true }, "oversized or deeply nested page: linear pass");
    // the rest of such a page was not read: the article says it is not whole
    if (result.cut) draft.setMeta("truncated", true, "extract:linear-block-limit");
    for (const b of result.blocks) {
      draft.addBlock(b.type, b.text, { tag: b.tag, linkDensity: Math.round(b.linkDensity * 1000) / 1000, classes: b.classes, standalone: true });
    }
    const byline = result.metadata && isEmpty(result.metadata.authors.value) ? visibleByline(result.dropped) : null;
    for (const d of result.dropped) {
      if (d === byline?.dropped) draft.noteRemoval(d.text, "byline", "metadata");
      else draft.noteRemoval(d.text, d.rule, d.category);
    }
    if (byline && draft.meta.authors.length === 0) draft.setMeta("authors", byline.authors, "authors:visible-byline");
    const meta = result.metadata;
    if (!meta) return;
    const keys: MetaKey[] = ["title", "authors", "publishedAt", "site", "url", "language"];
    for (const key of keys) {
      const found = meta[key];
      if (isEmpty(found.value)) continue;
      if (!isEmpty(draft.meta[key]) && !pageIsBetter(key, draft.meta[key], found.value, found.rule)) continue;
      draft.setMeta(key, found.value as never, found.rule);
    }
  },
});

export default extract;
