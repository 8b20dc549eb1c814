/**
 * A plain, linear pass for pages too large to parse into a tree: cut the markup at block tags, keep
 * the pieces that read as prose. Work is bounded by the size of the input; nothing recurses.
 */
import { type BlockFeatures, classify, featuresOf } from "./block-features.ts";
import { decodeEntities as decode } from "./entities.ts";

export interface LinearBlock {
  text: string;
  linkDensity: number;
}

const DROP = /<(script|style|noscript|template|svg|head|nav|footer|aside)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const BLOCK_BOUNDARY = /<\/?(?:p|div|section|article|main|header|h[1-6]|li|ul|ol|blockquote|pre|table|tr|td|th|figure|figcaption|br)\b[^>]*>/gi;

/** Prose pieces of a page, in order, read without building a tree. */
export function linearBlocks(html: string, maxBlocks = 5000): LinearBlock[] {
  const out: LinearBlock[] = [];
  const cleaned = html.replace(/<!--[\s\S]*?-->/g, " ").replace(DROP, " ");
  for (const piece of cleaned.split(BLOCK_BOUNDARY)) {
    if (out.length >= maxBlocks) break;
    if (piece.length > 100_000) continue;
    let linkChars = 0;
    for (const m of piece.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/gi)) linkChars += decode((m[1] ?? "").replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim().length;
    const text = decode(piece.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();
    if (text === "") continue;
    const f: BlockFeatures = featuresOf({ text, linkChars });
    if (classify(f) === "good") out.push({ text, linkDensity: f.linkDensity });
  }
  return out;
}
