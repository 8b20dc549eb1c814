/**
 * Lenient readers for the output records. The report must open whatever a run left behind, also
 * records written by an older or newer tidings, so it takes each field only when it has the
 * expected type and falls back to an empty value otherwise.
 */
import type { Block, Flag, Removal, Repair } from "../article.ts";

export type UnknownRecord = Record<string, unknown>;

export function asRecord(value: unknown): UnknownRecord | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as UnknownRecord) : null;
}

export function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

export function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function records(value: unknown): UnknownRecord[] {
  return Array.isArray(value) ? value.map(asRecord).filter((v): v is UnknownRecord => v !== null) : [];
}

/** `path#index`, the way a person finds a record's input again. */
export function sourceLabel(value: unknown): string {
  const source = asRecord(value);
  if (!source) return "";
  const path = str(source.path) ?? "";
  const index = num(source.index);
  return index === null ? path : `${path}#${index}`;
}

export interface LooseArticle {
  id: string;
  source: string;
  url: string | null;
  site: string | null;
  title: string | null;
  subtitle: string | null;
  authors: string[];
  publishedAt: string | null;
  language: string | null;
  blocks: Block[];
  truncated: boolean;
  duplicates: string[];
  story: string | null;
  removed: Removal[];
  repaired: Repair[];
  flagged: Flag[];
}

const BLOCK_TYPES = new Set(["paragraph", "heading", "list-item", "quote", "caption"]);

/** An article record, or null when the value has no id (then it is not an article at all). */
export function looseArticle(value: unknown): LooseArticle | null {
  const r = asRecord(value);
  const id = r ? str(r.id) : null;
  if (!r || id === null || id === "") return null;
  const provenance = asRecord(r.provenance) ?? {};
  const blocks: Block[] = [];
  for (const b of records(r.blocks)) {
    const text = str(b.text);
    const type = str(b.type);
    if (text === null) continue;
    blocks.push({ type: (type !== null && BLOCK_TYPES.has(type) ? type : "paragraph") as Block["type"], text });
  }
  return {
    id,
    source: sourceLabel(r.source),
    url: str(r.url),
    site: str(r.site),
    title: str(r.title),
    subtitle: str(r.subtitle),
    authors: strings(r.authors),
    publishedAt: str(r.publishedAt),
    language: str(r.language),
    blocks,
    truncated: r.truncated === true,
    duplicates: strings(r.duplicates),
    story: str(r.story),
    removed: records(provenance.removed).map((x) => ({
      stage: str(x.stage) ?? "?",
      rule: str(x.rule) ?? "?",
      category: str(x.category) ?? "uncategorised",
      text: str(x.text) ?? "",
    })),
    repaired: records(provenance.repaired).map((x) => ({
      stage: str(x.stage) ?? "?",
      rule: str(x.rule) ?? "?",
      before: str(x.before) ?? "",
      after: str(x.after) ?? "",
    })),
    flagged: records(provenance.flagged).map((x) => ({
      stage: str(x.stage) ?? "?",
      rule: str(x.rule) ?? "?",
      text: str(x.text) ?? "",
      note: str(x.note) ?? "",
    })),
  };
}
