/**
 * One JSONL line as a source item. A line is a JSON object; only these fields are read, each taken
 * as an own property (so `__proto__`, `constructor` and the like are never followed or merged):
 *
 * - `html` or `text` (a non-empty string; when both are given, `html` wins and the raw kind is "html");
 * - optional `id` (a string, or a number, kept as its decimal string), `url`, `site`, `title`;
 * - optional `publishedAt`, also accepted as `published_at` or `date` (first one present wins).
 *
 * Optional strings are trimmed and kept as the input gave them (no date parsing, no guessing); an
 * empty one counts as absent, and so does `null`. Any other field is ignored. A field of the wrong
 * type makes the whole line a "wrong-field-type" error: a record half understood is not trusted.
 */
import type { DraftMeta, RawInput } from "../draft.ts";
import { Utf8Bytes, decodeUtf8Bytes, htmlOfUtf8Bytes } from "../text/utf8-bytes.ts";
import type { SourceItem } from "./types.ts";

type MetaField = "url" | "site" | "title" | "publishedAt";

const META_FIELDS: ReadonlyArray<[MetaField, readonly string[]]> = [
  ["url", ["url"]],
  ["site", ["site"]],
  ["title", ["title"]],
  ["publishedAt", ["publishedAt", "published_at", "date"]],
];

class WrongType extends Error {}

/**
 * `utf8Bytes`: `text` is the line's UTF-8 bytes, one character a byte, with no JSON escape of a
 * character over U+007F (see utf8-bytes.ts). Each string read is then decoded, and an HTML page is
 * kept as its bytes (`htmlOfUtf8Bytes`). Only a record read whole comes out alike: a caller reads a
 * line that fails so again decoded, for the error's words to show the text.
 */
export function parseJsonlRecord(text: string, index: number, lineNo: number, utf8Bytes = false): SourceItem {
  const where = `line ${lineNo + 1}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, index, reason: "malformed-json", detail: `${where}: not valid JSON (${message}): ${preview(text)}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const got = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    return { ok: false, index, reason: "not-an-object", detail: `${where}: expected a JSON object, got ${got}` };
  }
  const record = value as Record<string, unknown>;
  try {
    const html = optionalString(record, "html", where);
    const body = html ?? optionalString(record, "text", where);
    const decode = utf8Bytes ? decodeUtf8Bytes : same;
    if (body === null) {
      return {
        ok: false,
        index,
        reason: "missing-content",
        detail: `${where}: no "text" or "html" field with content (fields: ${fieldList(record)})`,
      };
    }
    const meta: Partial<DraftMeta> = {};
    for (const [field, names] of META_FIELDS) {
      const found = firstTrimmed(record, names, where, decode);
      if (found !== null) meta[field] = found;
    }
    let raw: RawInput;
    if (html === null) raw = { kind: "text", content: decode(body) };
    else raw = utf8Bytes ? htmlOfUtf8Bytes(new Utf8Bytes(html)) : { kind: "html", content: html };
    return { ok: true, index, id: idOf(record, where, decode), raw, meta };
  } catch (error) {
    if (error instanceof WrongType) return { ok: false, index, reason: "wrong-field-type", detail: error.message };
    throw error;
  }
}

const same = (text: string): string => text;

/** The first of these fields that holds a non-blank string, trimmed; null when none does. */
function firstTrimmed(record: Record<string, unknown>, names: readonly string[], where: string, decode: (text: string) => string): string | null {
  for (let i = 0; i < names.length; i++) {
    const found = optionalString(record, names[i] as string, where);
    if (found === null) continue;
    const trimmed = decode(found).trim();
    if (trimmed) return trimmed;
  }
  return null;
}

function own(record: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** A string field, or null when absent, null or empty. */
function optionalString(record: Record<string, unknown>, name: string, where: string): string | null {
  const value = own(record, name);
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new WrongType(`${where}: "${name}" must be a string, got ${describe(value)}`);
  return value === "" ? null : value;
}

function idOf(record: Record<string, unknown>, where: string, decode: (text: string) => string): string | null {
  const value = own(record, "id");
  if (value === undefined || value === null) return null;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") throw new WrongType(`${where}: "id" must be a string or a number, got ${describe(value)}`);
  const trimmed = decode(value).trim();
  return trimmed === "" ? null : trimmed;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function fieldList(record: Record<string, unknown>): string {
  const keys = Object.keys(record);
  if (keys.length === 0) return "none";
  const shown = keys.slice(0, 8).map((k) => JSON.stringify(k.slice(0, 40)));
  return keys.length > 8 ? `${shown.join(", ")} …` : shown.join(", ");
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
}
