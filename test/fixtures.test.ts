/**
 * One test per fixture folder: the run's outputs must equal expected.json (regenerate with
 * `npm run fixtures:update` and review the diff), and the hand-written facts in case.json must hold.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type FixtureCase, type FixtureOutputs, expectedOf, fixtureNames, inputOf, readCase, runFixture } from "./fixtures.ts";

function checkFacts(spec: FixtureCase, out: FixtureOutputs, input: string): void {
  const must = spec.must;
  if (must.articles !== undefined) expect(out.articles.length, "articles").toBe(must.articles);
  if (must.duplicates !== undefined) expect(out.duplicates.length, "duplicates").toBe(must.duplicates);
  if (must.rejected !== undefined) expect(out.rejected.length, "rejected").toBe(must.rejected);
  const texts = out.articles.map((a) => `${a.title ?? ""}\n${a.subtitle ?? ""}\n${a.text}`);
  for (const s of must.absent) for (const t of texts) expect(t, `"${s}" must be gone`).not.toContain(s);
  for (const s of must.present) expect(texts.some((t) => t.includes(s)), `"${s}" must be kept`).toBe(true);
  const removed = new Set(out.articles.flatMap((a) => a.provenance.removed.map((r) => r.category)));
  for (const c of must.removed) expect([...removed], `a removal of category ${c}`).toContain(c);
  const repairs = out.articles.flatMap((a) => a.provenance.repaired.map((r) => r.after));
  for (const s of must.repairedTo) expect(repairs.some((r) => r.includes(s)), `a repair to "${s}"`).toBe(true);
  const first = out.articles[0];
  if (must.title !== undefined) expect(first?.title).toBe(must.title);
  if (must.subtitle !== undefined) expect(first?.subtitle).toBe(must.subtitle);
  if (must.authors !== undefined) expect(first?.authors).toEqual(must.authors);
  if (must.publishedAt !== undefined) expect(first?.publishedAt).toBe(must.publishedAt);
  if (must.truncated !== undefined) expect(first?.truncated).toBe(must.truncated);
  if (must.headings !== undefined) {
    expect(first?.blocks.filter((b) => b.type === "heading").map((b) => b.text)).toEqual(must.headings);
  }
  if (must.captions !== undefined) expect(first?.blocks.filter((b) => b.type === "caption").length).toBe(must.captions);
  if (must.untouched) {
    for (const a of out.articles) {
      expect(a.provenance.removed.filter((r) => r.category !== "metadata"), `${a.id}: nothing removed`).toEqual([]);
      expect(a.provenance.repaired, `${a.id}: nothing repaired`).toEqual([]);
    }
    // Every paragraph line of a text input is still in the output, word for word.
    if (input.endsWith(".txt")) {
      const all = out.articles.map((a) => [a.title, a.subtitle, ...a.blocks.map((b) => b.text)].join("\n")).join("\n");
      for (const line of readFileSync(input, "utf8").split("\n").map((l) => l.trim())) {
        if (line.split(/\s+/).length >= 8) expect(all, "a paragraph of the input").toContain(line);
      }
    }
  }
}

const names = fixtureNames();

describe("fixtures", () => {
  it("has fixture cases", () => {
    expect(names.length).toBeGreaterThan(0);
  });
  for (const name of names) {
    it(name, async () => {
      const spec = readCase(name);
      const out = await runFixture(name);
      checkFacts(spec, out, inputOf(name));
      const expected = expectedOf(name);
      expect(expected, `${name}: no expected.json; run npm run fixtures:update and review the diff`).not.toBeNull();
      expect(out).toEqual(expected);
    });
  }
});
