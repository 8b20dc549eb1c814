import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchingWords } from "../../src/dedupe/tokens.ts";
import { Draft } from "../../src/draft.ts";
import { silentLogger } from "../../src/log.ts";
import { repeats } from "../../src/stages/repeats.ts";

async function run(lines: string[], options?: { minWords?: number }): Promise<Draft> {
  const draft = new Draft({ id: "d", source: { path: "d.txt", index: 0 }, raw: { kind: "text", content: lines.join("\n") } });
  for (const l of lines) draft.addBlock("paragraph", l);
  const stage = repeats(options);
  if (stage.kind !== "article") throw new Error("article stage expected");
  draft.stage = stage.name;
  await stage.run(draft, { options: stage.options as never, log: silentLogger, stateDir: null });
  return draft;
}

describe("repeats", () => {
  it("removes a later copy of a block, keeping the first, despite case, spacing and punctuation", async () => {
    const d = await run([
      "U.S. and Japan sign space cooperation agreement",
      "The agreement was signed on Friday at the White House.",
      "U.S. and Japan sign space-cooperation agreement!",
      "Officials said more talks would follow.",
      "THE AGREEMENT WAS SIGNED   ON FRIDAY AT THE WHITE HOUSE",
    ]);
    expect(d.live().map((b) => b.text)).toEqual([
      "U.S. and Japan sign space cooperation agreement",
      "The agreement was signed on Friday at the White House.",
      "Officials said more talks would follow.",
    ]);
    expect(d.removed.map((r) => [r.stage, r.rule, r.category])).toEqual([
      ["repeats", "repeated-block", "repeated-block"],
      ["repeats", "repeated-block", "repeated-block"],
    ]);
  });

  it("keeps blocks that are similar but not the same", async () => {
    const d = await run([
      "The minister said the talks would resume on Monday.",
      "The minister said the talks would resume on Tuesday.",
      "See also the report on the talks published last week.",
    ]);
    expect(d.live()).toHaveLength(3);
  });

  it("leaves short repeated blocks (counters, share buttons) to other stages", async () => {
    const d = await run(["Share", "A paragraph of real text that stays.", "Share", "0", "0"]);
    expect(d.live()).toHaveLength(5);
    const strict = await run(["Share", "Share"], { minWords: 1 });
    expect(strict.live()).toHaveLength(1);
  });

  it("does not look at blocks already removed by an earlier stage", async () => {
    const draft = new Draft({ id: "d", source: { path: "d.txt", index: 0 }, raw: { kind: "text", content: "" } });
    const first = draft.addBlock("paragraph", "Leave a comment below and tell us what you think.");
    draft.addBlock("paragraph", "Leave a comment below and tell us what you think.");
    if (first) draft.remove(first, "comment-prompt", "comments");
    const stage = repeats();
    if (stage.kind !== "article") throw new Error("article stage expected");
    await stage.run(draft, { options: stage.options as never, log: silentLogger, stateDir: null });
    expect(draft.live()).toHaveLength(1);
  });

  it("leaves HTML pages alone unless asked (a page that shows a block twice means it)", async () => {
    const page = (): Draft => {
      const d = new Draft({ id: "p", source: { path: "p.html", index: 0 }, raw: { kind: "html", content: "<p></p>" } });
      d.addBlock("list-item", "Stir the sauce for two minutes over a low heat.");
      d.addBlock("list-item", "Stir the sauce for two minutes over a low heat.");
      return d;
    };
    for (const [options, live] of [[undefined, 2], [{ pages: true }, 1]] as const) {
      const d = page();
      const stage = repeats(options);
      if (stage.kind !== "article") throw new Error("article stage expected");
      await stage.run(d, { options: stage.options as never, log: silentLogger, stateDir: null });
      expect(d.live()).toHaveLength(live);
    }
  });
});

describe("repeats against a set of whole keys", () => {
  it("removes the blocks that a set of their joined matching words calls repeated", async () => {
    const block = fc
      .array(fc.constantFrom("the", "The", "talks", "TALKS", "ended", "ended.", " ", ", ", "’", "é", "E\u0301", "ﬁ", "fi", "東京", "0"), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join(" "));
    await fc.assert(
      fc.asyncProperty(fc.array(block, { minLength: 1, maxLength: 12 }), async (lines) => {
        const d = await run(lines);
        const seen = new Set<string>();
        const expected: string[] = [];
        for (const b of d.blocks) {
          const words = matchingWords(b.text);
          if (words.length < 3) continue;
          const key = words.join(" ");
          if (seen.has(key)) expected.push(b.text);
          else seen.add(key);
        }
        expect(d.blocks.filter((b) => b.removed !== null).map((b) => b.text)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
