/**
 * Properties that hold for any input (fast-check): cleaning a cleaned article changes nothing, no
 * word appears in the output that was not in the input or in a recorded repair, and every input
 * record is accounted for once.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Draft } from "../src/draft.ts";
import { cleanOne } from "../src/process.ts";
import { run } from "../src/run.ts";
import { words } from "../src/text/measure.ts";
import news from "../pipelines/news.ts";
import { article, rng } from "./support/corpus.ts";

const pipeline = news();

const JUNK = [
  "SHARE", "58", "Array", "See also  Harbour fees rise again", "Leave a Comment", "Continue reading...",
  "This website uses cookies to improve your experience. Accept Read More", "© 2024 Example Media. All rights reserved.",
  "You may also like", "Home » News » Region", "by admin", "Tags: port, fees",
];

/** A generated article with junk lines inserted at random places. */
const dump = fc
  .record({ seed: fc.integer({ min: 1, max: 1_000_000 }), junk: fc.array(fc.tuple(fc.constantFrom(...JUNK), fc.nat()), { maxLength: 6 }) })
  .map(({ seed, junk }) => {
    const lines = article(rng(seed), "p", false).text.split("\n\n");
    for (const [line, at] of junk) lines.splice(at % (lines.length + 1), 0, line);
    return lines.join("\n\n");
  });

/** The cleaned record written back as a text dump. */
function asDump(d: Draft): string {
  return [d.meta.title, d.meta.subtitle, ...d.live().map((b) => b.text)].filter((x): x is string => !!x).join("\n\n");
}

describe("properties of cleaning", () => {
  it("is idempotent: cleaning a cleaned article changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(dump, async (text) => {
        const once = await cleanOne(pipeline, { kind: "text", content: text });
        if (once.rejection) return;
        const twice = await cleanOne(pipeline, { kind: "text", content: asDump(once) });
        expect(twice.rejection).toBeNull();
        expect(twice.meta.title).toBe(once.meta.title);
        expect(twice.live().map((b) => [b.type, b.text])).toEqual(once.live().map((b) => [b.type, b.text]));
        expect(twice.removed.filter((r) => r.category !== "metadata")).toEqual([]);
        expect(twice.repaired).toEqual([]);
      }),
      { numRuns: 40, seed: 42 },
    );
  });

  it("invents no word: every output word is in the input or in a recorded repair", async () => {
    await fc.assert(
      fc.asyncProperty(dump, async (text) => {
        const d = await cleanOne(pipeline, { kind: "text", content: text });
        const known = new Set([...words(text), ...d.repaired.flatMap((r) => words(r.after))].map((w) => w.toLowerCase()));
        const out = [d.meta.title ?? "", d.meta.subtitle ?? "", ...d.live().map((b) => b.text)].join(" ");
        for (const w of words(out)) expect(known.has(w.toLowerCase()), `"${w}"`).toBe(true);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it("accounts for every input record exactly once, whatever the mix of good and bad lines", async () => {
    const line = fc.oneof(
      dump.map((text) => JSON.stringify({ text })),
      fc.constant("{ not json"),
      fc.constant(JSON.stringify({ title: "no body" })),
      fc.constant(JSON.stringify({ text: 42 })),
      fc.constant(JSON.stringify({ text: "Too short." })),
      fc.constant(JSON.stringify({ ["__proto__"]: { polluted: true }, text: "x" })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 12 }), async (lines) => {
        const dir = await mkdtemp(join(tmpdir(), "tidings-prop-"));
        try {
          await writeFile(join(dir, "in.jsonl"), `${lines.join("\n")}\n`);
          const stats = await run({ pipeline, inputs: [join(dir, "in.jsonl")], out: join(dir, "out"), workers: 0 });
          expect(stats.counts.inputs).toBe(lines.length);
          const keys: string[] = [];
          for (const f of ["articles.jsonl", "duplicates.jsonl", "rejected.jsonl"]) {
            const text = await readFile(join(dir, "out", f), "utf8");
            for (const l of text.split("\n").filter(Boolean)) keys.push(String(JSON.parse(l).source.index));
          }
          expect(keys.sort()).toEqual(lines.map((_, i) => String(i)).sort());
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 15, seed: 3 },
    );
  });
});
