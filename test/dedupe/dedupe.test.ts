import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Draft } from "../../src/draft.ts";
import { dedupe } from "../../src/stages/dedupe.ts";
import {
  RATES_EARLIER,
  RATES_LOCAL,
  RATES_WIRE,
  SITE_BOILERPLATE,
  STORM_LOCAL,
  STORM_WIRE,
  STRIKE_LOCAL,
  STRIKE_WIRE,
  draftOf,
  paragraphs,
} from "./fixtures.ts";
import { runCorpusStage, shuffled } from "./run-corpus.ts";

const outcome = (drafts: readonly Draft[]) =>
  Object.fromEntries(drafts.map((d) => [d.id, { of: d.duplicateOf, dups: [...d.duplicates] }]));

/** The wire story edited by another desk: two paragraphs swapped and two sentences reworded. */
function edited(text: string): string {
  const ps = paragraphs(text);
  [ps[3], ps[4]] = [ps[4] as string, ps[3] as string];
  ps[0] = (ps[0] as string).replace("on Tuesday", "on Tuesday morning");
  ps[5] = (ps[5] as string).replace("urged", "called on");
  return ps.join("\n\n");
}

/** The wire story as another site prints it: its own lines around it and one sentence edited. */
function syndicated(text: string): string {
  const ps = paragraphs(text);
  ps[1] = (ps[1] as string).replace(/said/, "told reporters");
  return [SITE_BOILERPLATE[0], ...ps, SITE_BOILERPLATE[2]].join("\n\n");
}

describe("dedupe: exact duplicates", () => {
  it("marks the same body scraped twice, whatever its case, spacing and punctuation", async () => {
    const a = draftOf("b-copy", STRIKE_WIRE);
    const b = draftOf("a-orig", STRIKE_WIRE.toUpperCase().replace(/,/g, " ,").replace(/\n\n/g, "\n"));
    await runCorpusStage(dedupe(), [a, b]);
    // same length and metadata: the smallest id is kept
    expect(a.duplicateOf).toEqual({ of: "a-orig", similarity: 1, method: "exact" });
    expect(b.duplicateOf).toBeNull();
    expect(b.duplicates).toEqual(["b-copy"]);
  });

  it("keeps a body that differs by one word apart from exact matching", async () => {
    const a = draftOf("a", STRIKE_WIRE);
    const b = draftOf("b", STRIKE_WIRE.replace("2,400", "2,500"));
    await runCorpusStage(dedupe(), [a, b]);
    expect(b.duplicateOf?.method).toBe("near");
    expect(b.duplicateOf?.similarity).toBeLessThan(1);
  });
});

describe("dedupe: near duplicates", () => {
  it("finds an edited copy: paragraphs reordered, sentences reworded", async () => {
    const wire = draftOf("wire", STRIKE_WIRE);
    const copy = draftOf("copy", edited(STRIKE_WIRE));
    await runCorpusStage(dedupe(), [copy, wire]);
    // the copy has two more words: the longest body is kept
    expect(wire.duplicateOf?.method).toBe("near");
    expect(wire.duplicateOf?.of).toBe("copy");
    expect(wire.duplicateOf?.similarity).toBeGreaterThanOrEqual(0.8);
    expect(wire.duplicateOf?.similarity).toBeLessThan(1);
    expect(copy.duplicates).toEqual(["wire"]);
  });

  it("finds a copy printed with the site's own lines around it, and keeps the longer copy", async () => {
    const wire = draftOf("wire", STRIKE_WIRE);
    const copy = draftOf("copy", syndicated(STRIKE_WIRE));
    await runCorpusStage(dedupe(), [wire, copy]);
    // the wire text is inside the copy
    expect(wire.duplicateOf).toMatchObject({ of: "copy", method: "containment" });
    expect(wire.duplicateOf?.similarity).toBeGreaterThanOrEqual(0.9);
  });

  it("follows a configured survivor rule: metadata before length", async () => {
    const wire = draftOf("wire", STRIKE_WIRE, { title: "Rotterdam dockers strike", url: "https://wire.example/1" });
    const copy = draftOf("copy", syndicated(STRIKE_WIRE));
    await runCorpusStage(dedupe({ survivor: ["metadata", "longest"] }), [copy, wire]);
    expect(copy.duplicateOf?.of).toBe("wire");
    expect(wire.duplicateOf).toBeNull();
  });

  it("does not find near duplicates with thresholds of 1 unless exact", async () => {
    const a = draftOf("a", STRIKE_WIRE);
    const b = draftOf("b", edited(STRIKE_WIRE));
    await runCorpusStage(dedupe({ threshold: 1, containmentThreshold: 1 }), [a, b]);
    expect(a.duplicateOf).toBeNull();
    expect(b.duplicateOf).toBeNull();
  });
});

describe("dedupe: containment", () => {
  it("marks a truncated excerpt as a duplicate of the full article, which survives", async () => {
    const full = draftOf("z-full", STORM_WIRE);
    const excerpt = draftOf("a-excerpt", paragraphs(STORM_WIRE).slice(0, 2).join("\n\n"), { truncated: true });
    await runCorpusStage(dedupe(), [excerpt, full]);
    expect(excerpt.duplicateOf?.of).toBe("z-full");
    expect(excerpt.duplicateOf?.method).toBe("containment");
    expect(excerpt.duplicateOf?.similarity).toBeGreaterThanOrEqual(0.9);
    expect(full.duplicates).toEqual(["a-excerpt"]);
  });

  it("finds an excerpt taken from the middle of the article, not flagged truncated but much shorter", async () => {
    const full = draftOf("full", STRIKE_WIRE);
    const part = draftOf("part", paragraphs(STRIKE_WIRE).slice(2, 4).join("\n\n"));
    await runCorpusStage(dedupe(), [full, part]);
    expect(part.duplicateOf).toMatchObject({ of: "full", method: "containment" });
  });

  it("does not call a short article an excerpt because it shares a sentence with a long one", async () => {
    const long = draftOf("long", STRIKE_WIRE);
    const short = draftOf("short", [paragraphs(STRIKE_WIRE)[0], paragraphs(RATES_WIRE)[1], paragraphs(RATES_WIRE)[2]].join("\n\n"));
    await runCorpusStage(dedupe(), [long, short]);
    expect(short.duplicateOf).toBeNull();
    expect(long.duplicateOf).toBeNull();
  });
});

describe("dedupe: negatives", () => {
  it("keeps different articles on the same event apart", async () => {
    const drafts = [
      draftOf("strike-wire", STRIKE_WIRE),
      draftOf("strike-local", STRIKE_LOCAL),
      draftOf("storm-wire", STORM_WIRE),
      draftOf("storm-local", STORM_LOCAL),
      draftOf("rates-wire", RATES_WIRE),
      draftOf("rates-local", RATES_LOCAL),
      draftOf("rates-earlier", RATES_EARLIER),
    ];
    const summary = await runCorpusStage(dedupe(), drafts);
    for (const d of drafts) expect(d.duplicateOf).toBeNull();
    expect(summary.duplicates).toBe(0);
  });

  it("keeps two articles apart that share only the site's boilerplate lines", async () => {
    const withLines = (t: string) => [...SITE_BOILERPLATE.slice(0, 2), ...paragraphs(t), ...SITE_BOILERPLATE.slice(2)].join("\n\n");
    const a = draftOf("a", withLines(RATES_LOCAL));
    const b = draftOf("b", withLines(STORM_LOCAL));
    await runCorpusStage(dedupe(), [a, b]);
    expect(a.duplicateOf).toBeNull();
    expect(b.duplicateOf).toBeNull();
  });

  it("leaves a draft with an empty body alone", async () => {
    const a = draftOf("a", "");
    const b = draftOf("b", "");
    await runCorpusStage(dedupe(), [a, b]);
    expect(a.duplicateOf).toBeNull();
    expect(b.duplicateOf).toBeNull();
  });
});

describe("dedupe: determinism", () => {
  const build = (): Draft[] => [
    draftOf("s1", STRIKE_WIRE),
    draftOf("s2", syndicated(STRIKE_WIRE)),
    draftOf("s3", STRIKE_WIRE),
    draftOf("s4", paragraphs(STRIKE_WIRE).slice(0, 2).join("\n\n"), { truncated: true }),
    draftOf("w1", STORM_WIRE),
    draftOf("w2", syndicated(STORM_WIRE), { title: "Storm Brigid" }),
    draftOf("r1", RATES_WIRE),
    draftOf("r2", RATES_LOCAL),
  ];

  it("gives the same result for every observe order", async () => {
    const reference = build();
    await runCorpusStage(dedupe(), reference);
    const expected = outcome(reference);
    expect(Object.values(expected).filter((o) => o.of !== null).length).toBeGreaterThanOrEqual(4);
    for (const seed of [1, 2, 3, 4, 5]) {
      const drafts = shuffled(build(), seed);
      await runCorpusStage(dedupe(), drafts);
      expect(outcome(drafts)).toEqual(expected);
    }
  });
});

describe("dedupe: determinism with large buckets", () => {
  // 60 copies fill one signature bucket beyond the size where only a chain of pairs is proposed
  const build = (): Draft[] => [
    ...Array.from({ length: 60 }, (_, i) => draftOf(`copy-${String(i).padStart(2, "0")}`, i % 3 === 0 ? syndicated(STORM_WIRE) : STORM_WIRE, {}, "many.jsonl", i)),
    ...Array.from({ length: 8 }, (_, i) => draftOf(`lead-${i}`, paragraphs(STORM_WIRE).slice(0, 2 + (i % 2)).join("\n\n"), { truncated: true }, "leads.jsonl", i)),
  ];

  it("joins every copy into one cluster, whatever the order", async () => {
    const reference = build();
    await runCorpusStage(dedupe(), reference);
    const expected = outcome(reference);
    const kept = reference.filter((d) => d.duplicateOf === null);
    expect(kept).toHaveLength(1);
    expect(kept[0]?.duplicates).toHaveLength(67);
    for (const seed of [21, 22]) {
      const drafts = shuffled(build(), seed);
      await runCorpusStage(dedupe(), drafts);
      expect(outcome(drafts)).toEqual(expected);
    }
  });
});

describe("dedupe: describe()", () => {
  it("reports compact state per article and counts by method", async () => {
    const drafts = [draftOf("a", STRIKE_WIRE), draftOf("b", STRIKE_WIRE), draftOf("c", STORM_WIRE)];
    const summary = await runCorpusStage(dedupe(), drafts);
    expect(summary.byMethod).toEqual({ exact: 1 });
    expect(summary.stateBytesPerArticle).toBeGreaterThan(0);
  });
});

describe("dedupe: memory", () => {
  it("keeps the same compact state per article for long bodies as for short ones: shingles are spilled", async () => {
    const long = (text: string, times: number): string => Array.from({ length: times }, (_, i) => `${text}\n\nPart ${i + 1}.`).join("\n\n");
    const short = await runCorpusStage(dedupe(), [draftOf("s1", STRIKE_WIRE), draftOf("s2", STORM_WIRE), draftOf("s3", RATES_WIRE)]);
    // about 3,000 words each: their shingles alone would be 12 KB an article
    const longer = await runCorpusStage(dedupe(), [draftOf("l1", long(STRIKE_WIRE, 12)), draftOf("l2", long(STORM_WIRE, 12)), draftOf("l3", long(RATES_WIRE, 12))]);
    expect(longer.spillBytesPerArticle as number).toBeGreaterThan(10 * (short.spillBytesPerArticle as number));
    expect(longer.stateBytesPerArticle).toBe(short.stateBytesPerArticle);
    expect(longer.stateBytesPerArticle as number).toBeLessThan(300);
  });

  it("spills into the temporary folder the context offers and leaves nothing there", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tidings-dedupe-tmp-"));
    try {
      const spillDir = join(dir, "not-yet-made");
      const drafts = [draftOf("a", STRIKE_WIRE), draftOf("b", edited(STRIKE_WIRE)), draftOf("c", STORM_WIRE)];
      await runCorpusStage(dedupe(), drafts, null, { extra: { tempDir: spillDir } });
      // the edited copy is two words longer: it is kept
      expect(drafts[0]?.duplicateOf?.of).toBe("b");
      expect(existsSync(spillDir)).toBe(true);
      expect(readdirSync(spillDir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("dedupe: apply out of observe order", () => {
  // two drafts share an id (from two files): only their source tells them apart
  const build = (): Draft[] => [
    draftOf("dup-id", STRIKE_WIRE, {}, "a.jsonl", 0),
    draftOf("dup-id", STORM_WIRE, {}, "b.jsonl", 0),
    draftOf("strike-copy", edited(STRIKE_WIRE), {}, "a.jsonl", 1),
    draftOf("storm-excerpt", paragraphs(STORM_WIRE).slice(0, 2).join("\n\n"), { truncated: true }, "b.jsonl", 1),
    draftOf("rates", RATES_WIRE, {}, "c.jsonl", 0),
  ];

  it("marks each draft as it would in order", async () => {
    const inOrder = build();
    await runCorpusStage(dedupe(), inOrder);
    const expected = outcome(inOrder);
    expect(inOrder.filter((d) => d.duplicateOf).length).toBe(2);
    const reversed = build();
    await runCorpusStage(dedupe(), reversed, null, { applyOrder: [...reversed].reverse() });
    expect(outcome(reversed)).toEqual(expected);
    expect(reversed.map((d) => [d.duplicateOf, d.duplicates])).toEqual(inOrder.map((d) => [d.duplicateOf, d.duplicates]));
    // the two drafts with one id swapped: the id alone would give each the other's outcome
    const swapped = build();
    const [first, second, ...rest] = swapped;
    await runCorpusStage(dedupe(), swapped, null, { applyOrder: [second as Draft, first as Draft, ...rest] });
    expect(swapped.map((d) => [d.duplicateOf, d.duplicates])).toEqual(inOrder.map((d) => [d.duplicateOf, d.duplicates]));
    expect(inOrder[0]?.duplicateOf === null).not.toBe(inOrder[1]?.duplicateOf === null);
  });
});

describe("dedupe: incremental runs with a state directory", () => {
  const dirs: string[] = [];
  const stateDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), "tidings-dedupe-"));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("finds copies of articles emitted by an earlier run", async () => {
    const dir = stateDir();
    const first = [draftOf("run1-strike", STRIKE_WIRE), draftOf("run1-storm", STORM_WIRE), draftOf("run1-storm-copy", STORM_WIRE)];
    const s1 = await runCorpusStage(dedupe(), first, dir);
    expect(first[2]?.duplicateOf?.of).toBe("run1-storm");
    // two kept articles indexed, under 200 bytes each
    expect(s1.index).toMatchObject({ appendedRecords: 2 });
    expect((s1.index as { bytesPerArticle: number }).bytesPerArticle).toBeLessThanOrEqual(200);

    const second = [
      draftOf("run2-strike-again", STRIKE_WIRE),
      draftOf("run2-strike-syndicated", edited(STRIKE_WIRE)),
      draftOf("run2-rates", RATES_WIRE),
    ];
    const s2 = await runCorpusStage(dedupe(), second, dir);
    expect(s2.earlierArticles).toBe(2);
    expect(second[0]?.duplicateOf).toEqual({ of: "run1-strike", similarity: 1, method: "exact" });
    expect(second[1]?.duplicateOf).toMatchObject({ of: "run1-strike" });
    expect(second[2]?.duplicateOf).toBeNull();

    // the third run sees the rates article of the second
    const third = [draftOf("run3-rates", RATES_WIRE)];
    await runCorpusStage(dedupe(), third, dir);
    expect(third[0]?.duplicateOf?.of).toBe("run2-rates");
  });

  it("without a state directory, runs are independent", async () => {
    await runCorpusStage(dedupe(), [draftOf("x", STRIKE_WIRE)], null);
    const again = [draftOf("y", STRIKE_WIRE)];
    await runCorpusStage(dedupe(), again, null);
    expect(again[0]?.duplicateOf).toBeNull();
  });
});
