/**
 * Reading a file that is one document: a `.txt` article or an `.html` page (gzipped or not). The file
 * is read whole, up to the `maxBytes` cap, then decoded (see decode.ts). It yields exactly one item.
 */
import { type ByteStream, openBytes } from "./bytes.ts";
import { decodeBytes, pageInput } from "./decode.ts";
import { SourceFailure } from "./failure.ts";
import type { InputKind } from "./kinds.ts";
import type { SourceItem } from "./types.ts";

export async function* readDocument(abs: string, kind: InputKind, maxBytes: number): AsyncGenerator<SourceItem> {
  const html = kind.format === "html";
  let bytes: Buffer;
  try {
    const stream: ByteStream = await openBytes(abs, { gzip: kind.gzip, cap: () => maxBytes, capLabel: "a single document" });
    const parts: Buffer[] = [];
    for await (const chunk of stream.chunks) parts.push(chunk);
    bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  } catch (error) {
    if (error instanceof SourceFailure) {
      yield error.at(0);
      return;
    }
    throw error;
  }
  const decoded = html ? pageInput(bytes) : decodeBytes(bytes);
  if (!decoded.ok) {
    yield { ok: false, index: 0, reason: decoded.problem === "empty" ? "empty-file" : "binary-file", detail: decoded.detail };
    return;
  }
  yield { ok: true, index: 0, id: null, raw: "raw" in decoded ? decoded.raw : { kind: "text", content: decoded.text }, meta: {} };
}
