/**
 * segment: the head of a text dump into fields, the rest into typed blocks.
 */
import { describe, expect, it } from "vitest";
import { definePipeline } from "../src/pipeline.ts";
import { cleanOne } from "../src/process.ts";
import { segment } from "../src/stages/segment.ts";

const p = definePipeline({ name: "t", stages: [segment] });
const body = (n: number) =>
  `The ferry operator said on Monday that crossings ${n} would resume once the harbour wall had been inspected, and that passengers with tickets would be rebooked free of charge.`;
const seg = (content: string) => cleanOne(p, { kind: "text", content });

describe("segment", () => {
  it("takes a title printed twice once, cuts a breadcrumb glued to it, and drops a CMS byline", async () => {
    const title = "Ferry crossings to resume after storm damage";
    const d = await seg([`Home › Travel › ${title}`, title, "By editor", body(1), body(2)].join("\n\n"));
    expect(d.meta.title).toBe(title);
    expect(d.meta.authors).toEqual([]);
    expect(d.removed.map((r) => r.category)).toEqual(expect.arrayContaining(["navigation", "cms-account"]));
    expect(d.text()).toBe([body(1), body(2)].join("\n\n"));
  });

  it("does not take a page title that starts with the word Home for a breadcrumb", async () => {
    const title = "Home Depot sales miss, shares plunge | Business Daily";
    const d = await seg([title, body(1), body(2)].join("\n\n"));
    expect(d.meta.title).toBe(title);
    expect(d.removed.map((r) => r.rule)).not.toContain("breadcrumb");
  });

  it("reads real names from a byline and a date from a date line", async () => {
    const d = await seg(["Ferry crossings to resume", "By Maria Lopez and Tom Hale", "Published 3 March 2024, 09:15", body(1), body(2)].join("\n"));
    expect(d.meta.authors).toEqual(["Maria Lopez", "Tom Hale"]);
    expect(d.meta.publishedAt).toBe("2024-03-03");
  });

  it("moves a bracketed dateline and a wire dateline into fields, and leaves a dash after an acronym alone", async () => {
    const a = await seg(["Ferry crossings to resume", `[Coast Post, 4 May 2023](Report by our correspondent Ana Ruiz) ${body(1)}`, body(2)].join("\n\n"));
    expect(a.meta.site).toBe("Coast Post");
    expect(a.meta.publishedAt).toBe("2023-05-04");
    expect(a.meta.authors).toEqual(["Ana Ruiz"]);
    expect(a.text().startsWith("The ferry operator")).toBe(true);
    const w = await seg(["Ferry crossings to resume", `BERGEN, 4 May 2023 — ${body(1)}`, body(2)].join("\n\n"));
    expect(w.text().startsWith("The ferry operator")).toBe(true);
    expect(w.meta.publishedAt).toBe("2023-05-04");
    const n = await seg(["Ferry crossings to resume", `NATO — the alliance said the ferry would sail. ${body(1)}`, body(2)].join("\n\n"));
    expect(n.text().startsWith("NATO — the alliance")).toBe(true);
  });

  it("splits a heading glued to the end of a paragraph, and types bare heading lines", async () => {
    const d = await seg([`${body(1)} “We will not cut corners,” she said.‘Safety First’`, "Timetable changes", body(2)].join("\n"));
    const blocks = d.live().map((b) => [b.type, b.text]);
    expect(blocks).toContainEqual(["heading", "Safety First"]);
    expect(blocks).toContainEqual(["heading", "Timetable changes"]);
    expect(d.repaired.some((r) => r.rule === "glued-heading")).toBe(true);
  });

  it("keeps a caption with a photo credit apart from the paragraphs", async () => {
    const d = await seg(["Ferry crossings to resume", body(1), "Passengers wait at the terminal on Sunday. (Photo: Kari Olsen/Reuters)", body(2)].join("\n\n"));
    expect(d.live().filter((b) => b.type === "caption").map((b) => b.text)).toEqual(["Passengers wait at the terminal on Sunday. (Photo: Kari Olsen/Reuters)"]);
    expect(d.text()).not.toContain("Passengers wait");
  });

  it("finds no title where the dump starts with a sentence, and joins hard-wrapped lines", async () => {
    const wrapped = body(1).replace("would resume", "would\nresume").replace("and that", "and\nthat");
    const d = await seg([wrapped, body(2)].join("\n\n"));
    expect(d.meta.title).toBeNull();
    expect(d.live().map((b) => b.text)).toEqual([body(1), body(2)]);
  });
});

describe("segment's block limit", () => {
  const para = (i: number) => `Paragraph ${i}: the council met on Tuesday and voted to keep the library open for another year.`;
  const dump = Array.from({ length: 25 }, (_, i) => para(i)).join("\n\n");

  it("reads a dump up to its most blocks, and says the article is truncated", async () => {
    const capped = definePipeline({ name: "capped", stages: [segment({ maxBlocks: 10 })] });
    const draft = await cleanOne(capped, { kind: "text", content: dump });
    expect(draft.blocks).toHaveLength(10);
    expect(draft.blocks.at(-1)?.text).toBe(para(9));
    expect(draft.meta.truncated).toBe(true);
  });

  it("leaves a dump within the limit whole", async () => {
    const draft = await seg(dump);
    expect(draft.blocks).toHaveLength(25);
    expect(draft.meta.truncated).toBe(false);
  });
});
