/**
 * Source items as drafts: what the runner makes of each record a source yields, in whichever thread
 * reads it (the runner's thread, or a worker given a JSONL line unread).
 */
import type { Logger } from "pino";
import { Draft } from "./draft.ts";
import { readJsonlLine } from "./sources/jsonl.ts";
import type { SourceItem, UnreadLine } from "./sources/types.ts";

const MULTI_RECORD = /\.(jsonl|ndjson|warc)(\.gz)?$/i;

/** Derives a record id from its source when the input has none: the path without its extensions. */
export function deriveId(path: string, index: number, multi: boolean): string {
  const stem = path.replace(/(\.(txt|html?|jsonl|ndjson|warc))?(\.gz)?$/i, "");
  return multi ? `${stem}#${index}` : stem;
}

/** A JSONL line not yet read, with the path of its file (all a worker needs to read it). */
export interface UnreadRecord {
  path: string;
  line: UnreadLine;
}

/** The draft of a source item of the file at `path`: a fresh draft, or a rejected one for an error. */
export function draftOfItem(path: string, item: SourceItem, log?: Logger): Draft {
  if (!item.ok) {
    log?.debug({ path, index: item.index, reason: item.reason }, "input record rejected");
    return failedDraft(path, item.index, item.reason, item.detail);
  }
  const id = item.id ?? deriveId(path, item.index, MULTI_RECORD.test(path));
  return new Draft({ id, source: { path, index: item.index }, raw: item.raw, meta: item.meta });
}

/** The draft of a JSONL line read only now. */
export function draftOfUnread(record: UnreadRecord, log?: Logger): Draft {
  const { line } = record;
  return draftOfItem(record.path, readJsonlLine(line.bytes, line.index, line.lineNo), log);
}

/** The rejected draft of a record (or a whole file, at index 0) that could not be read. */
export function failedDraft(path: string, index: number, reason: string, detail: string): Draft {
  const draft = new Draft({
    id: deriveId(path, index, MULTI_RECORD.test(path)),
    source: { path, index },
    raw: { kind: "text", content: "" },
  });
  draft.stage = "read";
  draft.reject(reason, detail);
  return draft;
}
