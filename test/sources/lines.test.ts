import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineSplitter, type SplitLine } from "../../src/sources/lines.ts";

function split(chunks: Buffer[], maxLine: number): SplitLine[] {
  const splitter = new LineSplitter(maxLine);
  const out: SplitLine[] = [];
  for (const chunk of chunks) splitter.push(chunk, (line) => out.push(line));
  splitter.end((line) => out.push(line));
  return out;
}

/** Cuts a buffer at the given offsets. */
function cut(bytes: Buffer, offsets: number[]): Buffer[] {
  const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

describe("LineSplitter", { timeout: 30_000 }, () => {
  it("splits on \\n, keeps a last line without one, and numbers every line", () => {
    const lines = split([Buffer.from("a\nbb\n\nccc")], 100);
    expect(lines.map((l) => (l.kind === "line" ? [l.lineNo, l.bytes.toString()] : l))).toEqual([
      [0, "a"],
      [1, "bb"],
      [2, ""],
      [3, "ccc"],
    ]);
  });

  it("emits nothing after a final \\n", () => {
    expect(split([Buffer.from("a\n")], 100)).toHaveLength(1);
    expect(split([], 100)).toHaveLength(0);
  });

  it("drops a line over the cap, counting its bytes, and goes on", () => {
    const lines = split([Buffer.from("ok\n"), Buffer.from("x".repeat(30)), Buffer.from("x".repeat(30)), Buffer.from("\nfine")], 50);
    expect(lines).toEqual([
      { kind: "line", bytes: Buffer.from("ok"), lineNo: 0 },
      { kind: "too-long", lineNo: 1, length: 60 },
      { kind: "line", bytes: Buffer.from("fine"), lineNo: 2 },
    ]);
  });

  it("gives the same lines however the stream is cut into chunks", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "grapheme", maxLength: 30 }).map((s) => s.replace(/\n/g, " ")), { maxLength: 20 }),
        fc.array(fc.nat(2000), { maxLength: 12 }),
        (texts, offsets) => {
          const bytes = Buffer.from(texts.join("\n"));
          const expected = split([bytes], 1000);
          expect(split(cut(bytes, offsets), 1000)).toEqual(expected);
          // Splitting on "\n" by hand agrees with String.split (lines of the whole, last empty one dropped).
          const whole = bytes.toString().split("\n");
          if (whole.at(-1) === "") whole.pop();
          expect(expected.map((l) => (l.kind === "line" ? l.bytes.toString() : null))).toEqual(whole);
        },
      ),
    );
  });
});
