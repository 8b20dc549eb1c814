/**
 * Which input kinds exist, and how a file name says which one a file is: by extension,
 * case-insensitive, with `.gz` wrapping any of them (`a.jsonl.gz`, `page.HTML.gz`).
 */

/** How the content of a file is laid out. */
export type InputFormat = "text" | "html" | "jsonl" | "warc";

export interface InputKind {
  format: InputFormat;
  /** The file is gzip-compressed (one member or several, concatenated). */
  gzip: boolean;
}

const FORMAT_BY_EXTENSION: ReadonlyMap<string, InputFormat> = new Map([
  ["txt", "text"],
  ["html", "html"],
  ["htm", "html"],
  ["jsonl", "jsonl"],
  ["ndjson", "jsonl"],
  ["warc", "warc"],
]);

/** For messages: the kinds a reader exists for. */
export const SUPPORTED_KINDS = ".txt, .html, .htm, .jsonl, .ndjson, .warc, each also gzip-compressed (.gz)";

/** The kind of a file from its name, or null when no reader handles it. */
export function inputKindOf(name: string): InputKind | null {
  const lower = name.toLowerCase();
  const gzip = lower.endsWith(".gz");
  const stem = gzip ? lower.slice(0, -3) : lower;
  const dot = stem.lastIndexOf(".");
  if (dot < 0) return null;
  const format = FORMAT_BY_EXTENSION.get(stem.slice(dot + 1));
  return format ? { format, gzip } : null;
}

/** Whether one item of this format is the whole file (as opposed to one item a line or a record). */
export function isWholeFile(format: InputFormat): boolean {
  return format === "text" || format === "html";
}
