/**
 * The file of features kept beside a spill: records come back in order, as written, whatever their
 * size; parts stay bytes until asked for; a file cut short is an error, not a silent end.
 */
import { truncate } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KeptFeaturesReader, KeptFeaturesWriter, Serialized } from "../src/kept-features.ts";
import { useTempDirs } from "./support/temp-dirs.ts";

const tempDir = useTempDirs("tidings-kept-");

describe("kept features", () => {
  it("reads back every record in order: values, typed arrays, nothing kept, and records bigger than the read buffer", async () => {
    const path = join(await tempDir(), "a.bin");
    const writer = new KeptFeaturesWriter(path);
    // 1.2 MB serialised: more than the reader's buffer holds at once
    const big = new Uint32Array(300_000).map((_, i) => i * 7);
    const records: [unknown, unknown[]][] = [
      [{ lines: [1, 2, 3], site: "host:a.example" }, [{ names: ["Mei Tanaka"] }, null, { shingles: new Uint32Array([5, 6, 7]) }]],
      [null, []],
      [null, [null, null]],
      ["é ✓ 漢字", [0, false, ""]],
    ];
    for (const [own, ahead] of records) writer.write(own, ahead);
    writer.write({ lines: [] }, [{ shingles: big }]);
    // a part handed on as bytes is written as it came
    writer.write(null, [Serialized.of({ passed: "on" })]);
    expect(existsSync(path)).toBe(false);
    writer.commit();
    expect(existsSync(path)).toBe(true);

    const reader = new KeptFeaturesReader(path);
    for (const [own, ahead] of records) {
      const kept = reader.next();
      expect(kept.own?.value() ?? null).toEqual(own);
      expect(kept.ahead.map((part) => part?.value() ?? null)).toEqual(ahead.map((f) => f ?? null));
    }
    const large = reader.next();
    expect(large.own?.value()).toEqual({ lines: [] });
    const shingles = (large.ahead[0]?.value() as { shingles: Uint32Array }).shingles;
    expect(shingles).toBeInstanceOf(Uint32Array);
    expect(Buffer.from(shingles.buffer, shingles.byteOffset, shingles.byteLength).equals(Buffer.from(big.buffer))).toBe(true);
    expect(reader.next().ahead[0]?.value()).toEqual({ passed: "on" });
    reader.close();
  });

  it("says so when the file ends before the records do", async () => {
    const path = join(await tempDir(), "cut.bin");
    const writer = new KeptFeaturesWriter(path);
    writer.write({ a: 1 }, [{ b: "x".repeat(1000) }]);
    writer.commit();
    await truncate(path, 40);
    const reader = new KeptFeaturesReader(path);
    expect(() => reader.next()).toThrow(/ends early/);
    reader.close();
  });
});
