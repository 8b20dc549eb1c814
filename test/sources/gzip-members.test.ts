import { crc32, deflateRawSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { SourceFailure } from "../../src/sources/failure.ts";
import { gunzipMembers } from "../../src/sources/gzip-members.ts";
import { errors, put, readAll, records, scratch } from "./helpers.ts";
import { httpResponse, response } from "./warc-builder.ts";

/** A gzip member written by hand, with the optional header fields gzip allows. */
function member(text: string, fields: { extra?: Buffer; name?: string; comment?: string; headerCrc?: boolean } = {}): Buffer {
  const data = Buffer.from(text);
  const flags = (fields.headerCrc ? 2 : 0) | (fields.extra ? 4 : 0) | (fields.name ? 8 : 0) | (fields.comment ? 16 : 0);
  const parts: Buffer[] = [Buffer.from([0x1f, 0x8b, 0x08, flags, 0, 0, 0, 0, 0, 3])];
  if (fields.extra) parts.push(Buffer.from([fields.extra.length & 0xff, fields.extra.length >> 8]), fields.extra);
  if (fields.name) parts.push(Buffer.from(`${fields.name}\0`, "latin1"));
  if (fields.comment) parts.push(Buffer.from(`${fields.comment}\0`, "latin1"));
  if (fields.headerCrc) parts.push(Buffer.from([0x12, 0x34]));
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length, 4);
  parts.push(deflateRawSync(data), trailer);
  return Buffer.concat(parts);
}

/** Damages a member's deflate data in its middle. */
function damage(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const middle = Math.floor(copy.length / 2);
  for (let i = 0; i < 6; i++) copy[middle + i] = (copy[middle + i] as number) ^ 0xa5;
  return copy;
}

async function gunzip(bytes: Buffer, pieces = 7, cap: number | null = null): Promise<{ text: string; damages: string[]; cuts: number }> {
  async function* source() {
    const size = Math.ceil(bytes.length / pieces);
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  }
  const damages: string[] = [];
  let text = "";
  let cuts = 0;
  for await (const chunk of gunzipMembers(source(), { cap, capLabel: "a test", damages })) {
    if (chunk.length === 0) {
      cuts++;
      text += "|";
    } else text += chunk.toString();
  }
  return { text, damages, cuts };
}

async function failure(bytes: Buffer, cap: number | null = null): Promise<SourceFailure> {
  try {
    await gunzip(bytes, 3, cap);
  } catch (error) {
    if (error instanceof SourceFailure) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

const long = (tag: string) => `${tag}: ${"The ministers met in Tokyo and agreed to deepen cooperation. ".repeat(80)}\n`;

describe("gunzipMembers", { timeout: 30_000 }, () => {
  it("reads several members, cut into any chunks, as gzip itself does", async () => {
    const bytes = Buffer.concat([gzipSync(long("one")), gzipSync(long("two")), gzipSync("")]);
    for (const pieces of [1, 3, 50, 400]) expect((await gunzip(bytes, pieces)).text).toBe(long("one") + long("two"));
  });

  it("reads the optional header fields: extra, name, comment, header CRC", async () => {
    const bytes = Buffer.concat([member("alpha ", { name: "a.warc", comment: "crawl" }), member("beta", { extra: Buffer.from("xyz"), headerCrc: true })]);
    expect(await gunzip(bytes)).toEqual({ text: "alpha beta", damages: [], cuts: 0 });
  });

  it("ignores zero padding after the last member, and between members", async () => {
    expect((await gunzip(Buffer.concat([gzipSync("padded"), Buffer.alloc(512)]))).text).toBe("padded");
    expect((await gunzip(Buffer.concat([gzipSync("padded "), Buffer.alloc(3), gzipSync("twice"), Buffer.alloc(700)]), 9)).text).toBe("padded twice");
  });

  it("steps over a damaged member to the next one, marking the cut", async () => {
    const bytes = Buffer.concat([gzipSync(long("one")), damage(gzipSync(long("two"))), gzipSync(long("three"))]);
    const result = await gunzip(bytes);
    expect(result.text.startsWith(long("one"))).toBe(true);
    expect(result.text.endsWith(`|${long("three")}`)).toBe(true);
    expect(result.cuts).toBe(1);
    expect(result.damages).toHaveLength(1);
    expect(result.damages[0]).toMatch(/gzip member at byte \d+/);
  });

  it("reports a checksum that does not match, keeping the framing", async () => {
    const bad = gzipSync("checked");
    bad.writeUInt32LE((bad.readUInt32LE(bad.length - 8) + 1) >>> 0, bad.length - 8);
    const result = await gunzip(Buffer.concat([bad, gzipSync(" next")]));
    expect(result.text).toBe("checked| next");
    expect(result.damages[0]).toContain("checksum");
  });

  it("reports stray bytes after the last member", async () => {
    const result = await gunzip(Buffer.concat([gzipSync("ok"), Buffer.from("trailing garbage")]));
    expect(result.text).toBe("ok|");
    expect(result.damages[0]).toContain("no gzip member after it");
    const few = await gunzip(Buffer.concat([gzipSync("ok"), Buffer.from("xyz")]));
    expect(few.damages[0]).toContain("stray bytes");
  });

  it("fails on a stream cut in a header, a body or a trailer, and on data that is not gzip", async () => {
    const whole = Buffer.concat([gzipSync("first"), member("second", { name: "a-long-file-name.txt" })]);
    const firstLength = gzipSync("first").length;
    for (const end of [firstLength + 2, firstLength + 15, whole.length - 12, whole.length - 3]) {
      expect((await failure(whole.subarray(0, end))).reason).toBe("truncated-gzip");
    }
    expect((await failure(Buffer.from("plain text, not gzip"))).reason).toBe("corrupt-gzip");
  });

  it("stops at the output cap", async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024));
    expect((await failure(bomb, 1024 * 1024)).reason).toBe("too-large");
  });
});

describe("damaged .warc.gz and .jsonl.gz", { timeout: 30_000 }, () => {
  const dir = scratch("members");
  const page = (i: number) => `<!doctype html><html><body><p>Story ${i}: ${"words ".repeat(200)}</p></body></html>`;

  it("a damaged record member in a .warc.gz costs that record only", async () => {
    const members: Buffer[] = Array.from({ length: 30 }, (_, i) =>
      gzipSync(response(`https://news.example/${i}`, httpResponse(page(i), { "Content-Type": "text/html" }))),
    );
    members[12] = damage(members[12] as Buffer);
    const items = await readAll(put(dir, "damaged.warc.gz", Buffer.concat(members)));
    const urls = records(items).map((r) => r.meta.url);
    expect(urls).toEqual(Array.from({ length: 30 }, (_, i) => `https://news.example/${i}`).filter((_, i) => i !== 12));
    expect(errors(items).map((e) => e.reason)).toContain("corrupt-gzip");
  });

  it("a damaged member in a .jsonl.gz costs the lines it held", async () => {
    const lines = (from: number) => Array.from({ length: 5 }, (_, i) => `${JSON.stringify({ id: `r${from + i}`, text: long(`line ${from + i}`) })}\n`).join("");
    const bytes = Buffer.concat([gzipSync(lines(0)), damage(gzipSync(lines(5))), gzipSync(lines(10))]);
    const items = await readAll(put(dir, "damaged.jsonl.gz", bytes));
    const ids = records(items).map((r) => r.id);
    expect(ids.slice(0, 5)).toEqual(["r0", "r1", "r2", "r3", "r4"]);
    expect(ids.slice(-5)).toEqual(["r10", "r11", "r12", "r13", "r14"]);
    expect(errors(items).some((e) => e.reason === "corrupt-gzip")).toBe(true);
    // Indices stay unique and increasing through the damage.
    expect(items.map((i) => i.index)).toEqual(items.map((_, n) => n));
  });
});
