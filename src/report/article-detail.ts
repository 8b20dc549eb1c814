/**
 * The full record of one sampled article, as the report embeds it: block types by letter, rules
 * and categories by index, and long texts cut short so that one huge article cannot swell the page.
 */
import type { LooseArticle } from "./loose-record.ts";
import type { ArticleDetail, DetailBlock } from "./report-data.ts";
import type { StringTable } from "./string-table.ts";

export const TITLE_CHARS = 120;
const DETAIL_CHARS = 30_000;
const PIECE_CHARS = 4_000;

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const BLOCK_LETTER: Record<string, DetailBlock[0]> = {
  paragraph: "p",
  heading: "h",
  "list-item": "l",
  quote: "q",
  caption: "c",
};

export function detailOf(a: LooseArticle, row: number, rules: StringTable, categories: StringTable): ArticleDetail {
  let budget = DETAIL_CHARS;
  let clipped = false;
  const blocks: DetailBlock[] = [];
  for (const b of a.blocks) {
    if (budget <= 0) {
      clipped = true;
      break;
    }
    const text = clip(b.text, Math.min(budget, PIECE_CHARS * 4));
    if (text !== b.text) clipped = true;
    budget -= text.length;
    blocks.push([BLOCK_LETTER[b.type] ?? "p", text]);
  }
  const piece = (t: string): string => {
    if (t.length > PIECE_CHARS) clipped = true;
    return clip(t, PIECE_CHARS);
  };
  return {
    row,
    id: a.id,
    title: clip(oneLine(a.title ?? a.blocks[0]?.text ?? ""), TITLE_CHARS),
    source: a.source,
    url: a.url,
    subtitle: a.subtitle,
    authors: a.authors,
    language: a.language,
    truncated: a.truncated,
    clipped,
    blocks,
    removed: a.removed.map((r) => [rules.index(`${r.stage}/${r.rule}`), categories.index(r.category), piece(r.text)]),
    repaired: a.repaired.map((r) => [rules.index(`${r.stage}/${r.rule}`), piece(r.before), piece(r.after)]),
    flagged: a.flagged.map((r) => [rules.index(`${r.stage}/${r.rule}`), piece(r.text), piece(r.note)]),
    duplicates: a.duplicates,
  };
}

/** Collapses whitespace, so that a value fits on one line of a newline-joined column. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

