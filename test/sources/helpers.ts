/** Small helpers for the source tests: a scratch folder per test file, and reading a file's items. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll } from "vitest";
import { readInput } from "../../src/sources/read.ts";
import type { InputFile, ReadOptions, SourceError, SourceItem, SourceRecord } from "../../src/sources/types.ts";

/** A fresh folder, removed when the test file ends. */
export function scratch(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tidings-${name}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function put(dir: string, rel: string, content: string | Uint8Array): string {
  const abs = join(dir, rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  return abs;
}

export function fileAt(abs: string): InputFile {
  return { root: abs, path: basename(abs), abs };
}

export async function readAll(abs: string, options?: Omit<ReadOptions, "unreadLines">): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of readInput(fileAt(abs), options)) items.push(item);
  return items;
}

export function records(items: SourceItem[]): SourceRecord[] {
  return items.filter((i): i is SourceRecord => i.ok);
}

export function errors(items: SourceItem[]): SourceError[] {
  return items.filter((i): i is SourceError => !i.ok);
}

/** The single item of a one-document file, which must be a record. */
export function onlyRecord(items: SourceItem[]): SourceRecord {
  if (items.length !== 1 || !items[0]?.ok) throw new Error(`expected one record, got ${JSON.stringify(items).slice(0, 300)}`);
  return items[0];
}

export function fromHex(hex: string): Buffer {
  return Buffer.from(hex, "hex");
}
