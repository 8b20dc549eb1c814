/** Builds WARC files for tests: records with correct lengths, and HTTP responses to put in them. */
import { gzipSync } from "node:zlib";

let serial = 0;

export function warcRecord(type: string, block: Buffer | string, headers: Record<string, string> = {}): Buffer {
  const body = typeof block === "string" ? Buffer.from(block) : block;
  serial++;
  const lines = [
    "WARC/1.0",
    `WARC-Type: ${type}`,
    `WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-${String(serial).padStart(12, "0")}>`,
    "WARC-Date: 2024-04-10T12:00:00Z",
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${body.length}`,
  ];
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`), body, Buffer.from("\r\n\r\n")]);
}

export function httpResponse(body: Buffer | string, headers: Record<string, string> = {}, status = "200 OK"): Buffer {
  const payload = typeof body === "string" ? Buffer.from(body) : body;
  const head = [`HTTP/1.1 ${status}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join("\r\n");
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), payload]);
}

export function response(uri: string, http: Buffer): Buffer {
  return warcRecord("response", http, { "WARC-Target-URI": uri, "Content-Type": "application/http; msgtype=response" });
}

export function request(uri: string): Buffer {
  const http = `GET ${new URL(uri).pathname} HTTP/1.1\r\nHost: ${new URL(uri).host}\r\nUser-Agent: test\r\n\r\n`;
  return warcRecord("request", http, { "WARC-Target-URI": uri, "Content-Type": "application/http; msgtype=request" });
}

/** One gzip member per record, as crawlers write `.warc.gz`. */
export function gzipPerRecord(records: Buffer[]): Buffer {
  return Buffer.concat(records.map((r) => gzipSync(r)));
}

/** A body in HTTP chunked transfer coding, cut at the given sizes (the rest is one more chunk). */
export function chunked(body: Buffer | string, sizes: number[]): Buffer {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  const parts: Buffer[] = [];
  let pos = 0;
  for (const size of [...sizes, bytes.length]) {
    const piece = bytes.subarray(pos, pos + size);
    if (piece.length === 0) break;
    parts.push(Buffer.from(`${piece.length.toString(16)}${parts.length === 0 ? ";ext=1" : ""}\r\n`), piece, Buffer.from("\r\n"));
    pos += piece.length;
  }
  parts.push(Buffer.from("0\r\nX-Trailer: yes\r\n\r\n"));
  return Buffer.concat(parts);
}
