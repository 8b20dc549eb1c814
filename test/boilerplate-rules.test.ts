/**
 * Every rule of the boilerplate table fires on its examples and on none of its negatives, and the
 * stage records each removal with the rule and its category.
 */
import { describe, expect, it } from "vitest";
import { cleanOne } from "../src/process.ts";
import { definePipeline } from "../src/pipeline.ts";
import { ruleMatches } from "../src/rules/block-rules.ts";
import { BOILERPLATE_RULES, boilerplate } from "../src/stages/boilerplate.ts";
import { segment } from "../src/stages/segment.ts";

describe("boilerplate rule table", () => {
  it("has unique ids, and every rule has examples and at least one negative", () => {
    const ids = BOILERPLATE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of BOILERPLATE_RULES) {
      expect(rule.examples.length, rule.id).toBeGreaterThan(0);
      expect(rule.negatives.length, rule.id).toBeGreaterThan(0);
    }
  });

  for (const rule of BOILERPLATE_RULES) {
    it(`${rule.id} fires on its examples and not on its negatives`, () => {
      for (const example of rule.examples) expect(ruleMatches(rule, example), `example: ${example}`).toBe(true);
      for (const negative of rule.negatives) expect(ruleMatches(rule, negative), `negative: ${negative}`).toBe(false);
    });
  }
});

const pipeline = definePipeline({ name: "t", stages: [segment, boilerplate] });
const body = (n: number) =>
  `The council met on Tuesday to discuss the budget for item ${n}, and members argued for two hours before agreeing to delay the vote until the auditors had reported back in full.`;

describe("boilerplate stage", () => {
  it("removes a related-link insert between paragraphs, records why, and keeps the paragraphs", async () => {
    const text = [body(1), "READ MORE: Budget row deepens as auditors walk out", body(2), body(3)].join("\n\n");
    const d = await cleanOne(pipeline, { kind: "text", content: text });
    expect(d.text()).not.toContain("READ MORE");
    expect(d.text()).toContain("item 1");
    expect(d.text()).toContain("item 3");
    expect(d.removed).toContainEqual({ stage: "boilerplate", rule: "related-link", category: "related-link", text: "READ MORE: Budget row deepens as auditors walk out" });
  });

  it("marks an excerpt truncated only when the read-more marker ends the text", async () => {
    const end = await cleanOne(pipeline, { kind: "text", content: [body(1), body(2), body(3), "Continue reading →"].join("\n\n") });
    expect(end.meta.truncated).toBe(true);
    const mid = await cleanOne(pipeline, { kind: "text", content: [body(1), "Continue reading the minutes, and the picture changes: the board knew in May.", body(2), body(3)].join("\n\n") });
    expect(mid.meta.truncated).toBe(false);
    expect(mid.text()).toContain("the board knew in May");
  });

  it("takes a short fragment between footer junk with it, but not a short real last sentence", async () => {
    const junky = [body(1), body(2), "Short link for this article:", "Good causes need friends,", "Leave a Reply"].join("\n\n");
    const d = await cleanOne(pipeline, { kind: "text", content: junky });
    expect(d.text()).not.toContain("Good causes need friends");
    expect(d.removed.some((r) => r.rule === "between-boilerplate")).toBe(true);
    const real = [body(1), body(2), "He declined to comment.", "Leave a Reply"].join("\n\n");
    const r = await cleanOne(pipeline, { kind: "text", content: real });
    expect(r.text()).toContain("He declined to comment.");
  });

  it("leaves an article about cookies alone", async () => {
    const text = [
      "The new law requires websites that use cookies to ask visitors for consent before tracking them, and regulators say they will start checking compliance in the spring.",
      "We use cookies from the village bakery, the café owner joked, and we sell out of them by noon on most days.",
      body(1),
    ].join("\n\n");
    const d = await cleanOne(pipeline, { kind: "text", content: text });
    expect(d.removed.filter((r) => r.category !== "metadata")).toEqual([]);
  });
});
