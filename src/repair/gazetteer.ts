/**
 * The gazetteer: a YAML list of `{ canonical, aliases }`, the canonical form of a name and the other
 * forms that mean it (spelling variants, other orders, literal translations). Validated with zod;
 * every error says which entry is wrong and how to fix it.
 */
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { z } from "zod";
import type { GazetteerEntry } from "../pipeline.ts";

export type { GazetteerEntry };

const NameSchema = z
  .string({ error: "must be a string (quote it if YAML reads it as something else)" })
  .trim()
  .min(1, "must not be empty")
  .refine((s) => !/[\n\r\t]/.test(s), "must be on one line");

const EntrySchema = z
  .object(
    {
      canonical: NameSchema,
      aliases: z.array(NameSchema, { error: "must be a list of names, e.g. aliases: [\"Anthony Blinken\"]" }).default([]),
    },
    { error: "each entry must be a mapping with `canonical` and `aliases`" },
  )
  .strict();

const GazetteerSchema = z.array(EntrySchema, { error: "the file must be a YAML list of entries (lines starting with `- canonical:`)" });

/** Parses gazetteer YAML text; `source` names the file in errors. */
export function parseGazetteer(text: string, source = "gazetteer"): GazetteerEntry[] {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new Error(`${source}: not valid YAML: ${(error as Error).message}`);
  }
  if (data === null || data === undefined) return [];
  const parsed = GazetteerSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const [index, field, aliasIndex] = issue.path;
      const where =
        typeof index === "number"
          ? `entry ${index + 1}${field ? `, ${String(field)}${typeof aliasIndex === "number" ? ` #${aliasIndex + 1}` : ""}` : ""}`
          : "top level";
      return `${where}: ${issue.message}`;
    });
    throw new Error(`${source}: ${problems.join("; ")}`);
  }
  const entries = parsed.data.map((e) => ({ canonical: e.canonical, aliases: [...new Set(e.aliases)].filter((a) => a !== e.canonical) }));
  const owner = new Map<string, string>();
  entries.forEach((entry, i) => {
    for (const alias of entry.aliases) {
      const other = owner.get(alias);
      if (other !== undefined && other !== entry.canonical) {
        throw new Error(`${source}: entry ${i + 1}: alias "${alias}" already belongs to "${other}"; an alias may name one person only`);
      }
      owner.set(alias, entry.canonical);
    }
  });
  return entries;
}

/** Reads and validates a gazetteer file. */
export async function loadGazetteer(path: string): Promise<GazetteerEntry[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new Error(`cannot read gazetteer ${path}: ${(error as Error).message}`);
  }
  return parseGazetteer(text, path);
}
