/**
 * The custom-stage example in pipelines/ runs as a user would run it, and its stage works through the
 * same API as the built-in ones (provenance included).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Article } from "../src/article.ts";
import { loadPipeline } from "../src/cli.ts";
import { run } from "../src/run.ts";

const LIVE_BLOG = `Storm Delia: trains cancelled across the north as winds reach 90mph

Updated 14:05 GMT

Rail operators cancelled more than 200 services on Tuesday morning as Storm Delia brought gusts of up to 90mph to exposed coasts, and the weather service extended its amber warning until midnight.

Last updated: 9.32am

Engineers were sent to clear fallen trees from the line between the two cities, where a freight train struck branches shortly after dawn. Nobody was hurt, the operator said.

Passengers were told not to travel unless their journey was essential, and to check before leaving home because replacement buses would be limited.
`;

describe("custom stage example (pipelines/custom-example.ts)", () => {
  it("is placed after boilerplate and removes time stamps with a recorded rule", async () => {
    const pipeline = await loadPipeline("custom-example", { gazetteer: [], stateDir: null });
    const names = pipeline.stages.map((s) => s.name);
    expect(names.indexOf("drop-timestamps")).toBe(names.indexOf("boilerplate") + 1);

    const dir = await mkdtemp(join(tmpdir(), "tidings-custom-"));
    try {
      await writeFile(join(dir, "storm.txt"), LIVE_BLOG);
      await run({ pipeline, inputs: [join(dir, "storm.txt")], out: join(dir, "out") });
      const [article] = (await readFile(join(dir, "out", "articles.jsonl"), "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l) as Article);
      expect(article?.text).not.toMatch(/Updated 14:05|9\.32am/);
      expect(article?.text).toContain("Engineers were sent to clear fallen trees");
      const stamps = article?.provenance.removed.filter((r) => r.stage === "drop-timestamps") ?? [];
      expect(stamps.map((r) => r.text)).toEqual(["Updated 14:05 GMT", "Last updated: 9.32am"]);
      expect(stamps.every((r) => r.rule === "live-blog-timestamp" && r.category === "timestamp")).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("rejects bad options when the pipeline is built, naming the stage", async () => {
    const { dropTimestamps } = await import("../pipelines/custom-example.ts");
    expect(() => dropTimestamps({ prefixes: "updated" as unknown as string[] })).toThrow(/drop-timestamps.*prefixes/);
  });
});
