/** What run.json says of the inputs passed over. */
import { describe, expect, it } from "vitest";
import news from "../../pipelines/news.ts";
import { StatsCollector } from "../../src/sinks/stats.ts";

describe("run.json's skipped inputs", () => {
  it("counts each kind passed over, most first, and lumps kinds past the hundredth together", () => {
    const stats = new StatsCollector(news(), ["in"]);
    stats.skip("WARC request record");
    stats.skip("documentation file");
    stats.skip("WARC request record");
    expect(stats.finish().inputs.skipped).toEqual({ "WARC request record": 2, "documentation file": 1 });
    for (let i = 0; i < 150; i++) stats.skip(`WARC response: content type x/${i}`);
    const skipped = stats.finish().inputs.skipped;
    expect(Object.keys(skipped)).toHaveLength(101);
    expect(skipped.other).toBe(52);
    // a kind already named is still counted under its name
    stats.skip("documentation file");
    expect(stats.finish().inputs.skipped["documentation file"]).toBe(2);
  });

  it("keeps them through a checkpoint, and counts them again when the files are read again", () => {
    const stats = new StatsCollector(news(), ["in"]);
    stats.skip("WARC request record");
    const snapshot = stats.snapshot();
    const resumed = new StatsCollector(news(), ["in"]);
    resumed.restore(snapshot);
    expect(resumed.finish().inputs.skipped).toEqual({ "WARC request record": 1 });
    const rereading = new StatsCollector(news(), ["in"]);
    rereading.restore(snapshot, true);
    expect(rereading.finish().inputs.skipped).toEqual({});
  });
});
