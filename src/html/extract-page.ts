/**
 * Extraction of one HTML page: its metadata and the blocks of its article, with the blocks judged
 * boilerplate next to them. A pure function of the page, so it is easy to test and to benchmark.
 */
import type { BlockType } from "../article.ts";
import type { Utf8Bytes } from "../text/utf8-bytes.ts";
import { linearBlocks } from "./linear-fallback.ts";
import { linearise } from "./linearise.ts";
import { type BlockFeatures, featuresOf, proseWeight } from "./block-features.ts";
import { defaultMainContentOptions, findMainContent } from "./main-content.ts";
import { type PageMetadata, readMetadata } from "./page-metadata.ts";
import { readSignals } from "./page-signals.ts";
import { parsePage } from "./parse-page.ts";
import { type DroppedBlock, type SelectedBlock, selectBlocks } from "./select-blocks.ts";

export interface PageExtraction {
  blocks: SelectedBlock[];
  dropped: DroppedBlock[];
  metadata: PageMetadata | null;
  /** "tree" for the full analysis, "linear" for the bounded pass used on oversized pages. */
  method: "tree" | "linear";
  /** Whether the linear pass stopped at its most blocks, leaving the rest of the page unread. */
  cut?: boolean;
}

export interface ExtractOptions {
  /** Pages longer than this (in characters) get the linear pass instead of a parse. */
  maxTreeChars: number;
  /** Pages nesting elements deeper than this get the linear pass too. */
  maxDepth: number;
  /** At most this many dropped blocks are reported. */
  maxDropped: number;
}

export const defaultExtractOptions: ExtractOptions = { maxTreeChars: 8_000_000, maxDepth: 2_000, maxDropped: 200 };

/** Below this much prose weight, a page is thin enough to look at its hidden parts. */
const THIN_PAGE_PROSE = 1000;

function totalProse(features: readonly BlockFeatures[]): number {
  let sum = 0;
  for (const f of features) sum += Math.max(0, proseWeight(f));
  return sum;
}

/** `html`: the page, or its UTF-8 bytes (see utf8-bytes.ts); the extraction is the same. */
export function extractPage(html: string | Utf8Bytes, inputUrl: string | null, options: ExtractOptions = defaultExtractOptions): PageExtraction {
  // (a page's bytes are at least as many as its characters: only a long one needs the count)
  if (typeof html !== "string" && html.bytes.length > options.maxTreeChars) html = html.text();
  const page = typeof html === "string" && html.length > options.maxTreeChars ? null : parsePage(html, options.maxDepth);
  if (page === null) {
    const linear = linearBlocks(typeof html === "string" ? html : html.text());
    const blocks = linear.blocks.map((b): SelectedBlock => ({ type: "paragraph" as BlockType, text: b.text, tag: "p", linkDensity: b.linkDensity, classes: "" }));
    return { blocks, dropped: [], metadata: null, method: "linear", cut: linear.cut };
  }
  const metadata = readMetadata(readSignals(page.document), inputUrl);
  let lin = linearise(page.body);
  let features = lin.blocks.map(featuresOf);
  // Some pages hide their content until a script runs (streamed server rendering swaps hidden
  // segments in): when the visible page says little, read the hidden parts too if they say more.
  const visible = totalProse(features);
  if (visible < THIN_PAGE_PROSE) {
    const withHidden = linearise(page.body, { keepHidden: true });
    const hiddenFeatures = withHidden.blocks.map(featuresOf);
    if (totalProse(hiddenFeatures) > 2 * visible) {
      lin = withHidden;
      features = hiddenFeatures;
    }
  }
  const main = findMainContent(lin, defaultMainContentOptions, features);
  const selection = selectBlocks(lin, main, metadata.title.value);
  return { blocks: selection.kept, dropped: selection.dropped.slice(0, options.maxDropped), metadata, method: "tree" };
}
