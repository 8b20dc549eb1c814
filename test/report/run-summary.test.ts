import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeRunSummary, readRunSummary } from "../../src/report/run-summary.ts";
import { useTempDirs } from "../support/temp-dirs.ts";


const tempDir = useTempDirs("tidings-run-summary-");
describe("run.json for the report", () => {
  it("keeps the fields it knows", () => {
    const run = normalizeRunSummary({
      tidings: "0.1.0",
      pipeline: "news",
      stages: [{ name: "boilerplate", kind: "article", ms: 12, removed: 30, repaired: 0, flagged: 1, rejected: 0 }],
      inputs: { roots: ["raw"], files: 5, records: 5, skipped: { "WARC request record": 3, "documentation file": "one" } },
      counts: { inputs: 5, articles: 4 },
      rejectedBy: { "quality:too-short": 1 },
      ms: 900,
    });
    expect(run).toMatchObject({ pipeline: "news", files: 5, inputs: 5, ms: 900, roots: ["raw"], rejectedBy: { "quality:too-short": 1 } });
    expect(run.skipped).toEqual({ "WARC request record": 3 });
    expect(run.stages[0]).toEqual({ name: "boilerplate", kind: "article", ms: 12, removed: 30, repaired: 0, flagged: 1, rejected: 0 });
  });

  it("drops fields of the wrong type and tolerates missing ones", () => {
    const run = normalizeRunSummary({ stages: [{ ms: 3 }, { name: "x", ms: "slow" }], counts: "many", rejectedBy: { a: "1", b: 2 }, extra: true });
    expect(run.stages).toEqual([{ name: "x", kind: null, ms: null, removed: null, repaired: null, flagged: null, rejected: null }]);
    expect(run.inputs).toBeNull();
    expect(run.rejectedBy).toEqual({ b: 2 });
    expect(run.pipeline).toBeNull();
  });

  it("flattens what corpus stages said of themselves, and bounds it", () => {
    const rewrites = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`form ${i}`, `canonical ${i}`]));
    const run = normalizeRunSummary({
      corpus: { dedupe: { duplicates: 2, byMethod: { exact: 1, near: 1 }, note: "x".repeat(500) }, "names-corpus": { forms: 21, rewrites } },
    });
    expect(run.corpus.slice(0, 3)).toEqual([
      ["dedupe", "duplicates", "2"],
      ["dedupe", "byMethod.exact", "1"],
      ["dedupe", "byMethod.near", "1"],
    ]);
    expect(run.corpus[3]?.[2].length).toBe(120);
    expect(run.corpus.filter((f) => f[0] === "names-corpus")).toHaveLength(40);
  });

  it("derives the time from the timestamps when ms is missing", () => {
    const run = normalizeRunSummary({ startedAt: "2026-01-01T00:00:00Z", finishedAt: "2026-01-01T00:00:02.5Z" });
    expect(run.ms).toBe(2500);
  });

  it("says why when run.json is missing or broken", async () => {
    const dir = await tempDir();
    expect((await readRunSummary(join(dir, "run.json"))).problem).toBe("run.json is missing");
    await writeFile(join(dir, "run.json"), "{ not json");
    expect((await readRunSummary(join(dir, "run.json"))).problem).toBe("run.json is not valid JSON");
  });
});
