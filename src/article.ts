/**
 * The article record: the output contract of tidings. zod is the source of truth; the JSON Schema
 * printed by `tidings schema` is generated from it. Change a field only on purpose, and bump
 * SCHEMA_VERSION when you do.
 */
import { z } from "zod";

export const SCHEMA_VERSION = 1;

export const BLOCK_TYPES = ["paragraph", "heading", "list-item", "quote", "caption"] as const;
export const BlockTypeSchema = z.enum(BLOCK_TYPES);
export type BlockType = z.infer<typeof BlockTypeSchema>;

export const SourceRefSchema = z
  .object({
    path: z.string().min(1).describe("the input file, relative to its --in root (a WARC/JSONL file is one path for many records)"),
    index: z.number().int().nonnegative().describe("0-based index of the record within that file"),
  })
  .strict();
export type SourceRef = z.infer<typeof SourceRefSchema>;

export const BlockSchema = z
  .object({
    type: BlockTypeSchema,
    text: z.string().min(1),
  })
  .strict();
export type Block = z.infer<typeof BlockSchema>;

export const RemovalSchema = z
  .object({
    stage: z.string(),
    rule: z.string(),
    category: z.string(),
    text: z.string(),
  })
  .strict();
export type Removal = z.infer<typeof RemovalSchema>;

export const RepairSchema = z
  .object({
    stage: z.string(),
    rule: z.string(),
    before: z.string(),
    after: z.string(),
  })
  .strict();
export type Repair = z.infer<typeof RepairSchema>;

/** A suspicion that was not acted on: the text is left as it was, for a person to judge. */
export const FlagSchema = z
  .object({
    stage: z.string(),
    rule: z.string(),
    text: z.string(),
    note: z.string(),
  })
  .strict();
export type Flag = z.infer<typeof FlagSchema>;

export const ProvenanceSchema = z
  .object({
    removed: z.array(RemovalSchema),
    repaired: z.array(RepairSchema),
    flagged: z.array(FlagSchema),
  })
  .strict();
export type Provenance = z.infer<typeof ProvenanceSchema>;

const isoDateOrDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
    "an ISO 8601 date (YYYY-MM-DD) or date-time",
  );

export const ArticleSchema = z
  .object({
    id: z.string().min(1),
    source: SourceRefSchema,
    url: z.string().nullable(),
    site: z.string().nullable(),
    title: z.string().min(1).nullable(),
    subtitle: z.string().min(1).nullable(),
    authors: z.array(z.string().min(1)),
    publishedAt: isoDateOrDateTime.nullable(),
    language: z.string().regex(/^[a-z]{2}$/, "an ISO 639-1 code").nullable(),
    blocks: z.array(BlockSchema),
    text: z.string(),
    truncated: z.boolean(),
    duplicates: z.array(z.string()),
    story: z.string().nullable(),
    provenance: ProvenanceSchema,
  })
  .strict()
  .superRefine((article, ctx) => {
    if (!isBodyText(article.blocks, article.text)) {
      ctx.addIssue({ code: "custom", path: ["text"], message: "text must be the non-caption blocks joined by blank lines" });
    }
  });
export type Article = z.infer<typeof ArticleSchema>;

/** The body of an article: every block but captions, in reading order, joined by blank lines. */
export function bodyText(blocks: readonly Block[]): string {
  return blocks
    .filter((b) => b.type !== "caption")
    .map((b) => b.text)
    .join("\n\n");
}

/**
 * Whether `text` is `bodyText(blocks)`, read in place: each block is compared with the stretch of
 * `text` where it should be (a slice is a view, not a copy, and comparing two strings is the engine's
 * fast path; `startsWith` at an offset compares character by character, 5x slower on a 5 KB body).
 */
export function isBodyText(blocks: readonly Block[], text: string): boolean {
  let at = 0;
  let first = true;
  for (const block of blocks) {
    if (block.type === "caption") continue;
    if (!first) {
      if (text.charCodeAt(at) !== 10 || text.charCodeAt(at + 1) !== 10) return false;
      at += 2;
    }
    const length = block.text.length;
    if (text.slice(at, at + length) !== block.text) return false;
    at += length;
    first = false;
  }
  return at === text.length;
}

export const DuplicateEntrySchema = z
  .object({
    id: z.string(),
    source: SourceRefSchema,
    duplicateOf: z.string(),
    similarity: z.number().min(0).max(1),
    method: z.string(),
  })
  .strict();
export type DuplicateEntry = z.infer<typeof DuplicateEntrySchema>;

export const RejectedEntrySchema = z
  .object({
    source: SourceRefSchema,
    stage: z.string(),
    reason: z.string(),
    detail: z.string(),
  })
  .strict();
export type RejectedEntry = z.infer<typeof RejectedEntrySchema>;

/** The JSON Schema of an article record, for other tools. */
export function articleJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ArticleSchema, { target: "draft-2020-12", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    $id: `https://tidings.dev/schema/article-v${SCHEMA_VERSION}.json`,
    title: "tidings article record",
    "x-schema-version": SCHEMA_VERSION,
    ...schema,
  };
}
