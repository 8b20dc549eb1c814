/**
 * The `extract` stage: an HTML page becomes the blocks of its article, in reading order, plus its
 * metadata (title, authors, date, site, url, language). Text inputs pass through untouched.
 * Metadata the input already gave is kept; boilerplate judged next to the article is recorded in
 * provenance, so a reader sees why it is gone.
 */
import { z } from "zod";
import type { DraftMeta } from "../draft.ts";
import { defaultExtractOptions, extractPage } from "../html/extract-page.ts";
import type { MetaKey } from "../html/page-metadata.ts";
import { defineStage } from "../stage.ts";

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

export const extract = defineStage({
  name: "extract",
  description: "HTML pages: finds the article's blocks and metadata; text inputs pass through",
  options,
  run(draft, ctx) {
    if (draft.raw.kind !== "html") return;
    const result = extractPage(draft.raw.content, draft.meta.url, ctx.options);
    if (result.method === "linear") ctx.log.debug({ id: draft.id, chars: draft.raw.content.length }, "oversized or deeply nested page: linear pass");
    for (const b of result.blocks) {
      draft.addBlock(b.type, b.text, { tag: b.tag, linkDensity: Math.round(b.linkDensity * 1000) / 1000, classes: b.classes, standalone: true });
    }
    for (const d of result.dropped) draft.noteRemoval(d.text, d.rule, d.category);
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
